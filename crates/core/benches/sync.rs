//! Team sync: `cargo bench -p crosswalk-core --bench sync`.
//!
//! Portfolios in temporary databases (real files, so every commit pays for its fsync), a team
//! folder beside them. Times:
//!
//! 1. one device changing 10,000 assessment entries (every control of 80 clients): its sync
//!    (diff, seal, write) and the other device's (read, check, merge, write back);
//! 2. five devices each changing 2,000 entries offline, then syncing until all agree;
//! 3. a snapshot of the largest portfolio (`CROSSWALK_BENCH_SYNC_CLIENTS`, default 1,000
//!    clients with a full assessment each): its size and the time to write it and to join from it.
//!
//! Prints the times; BENCHMARKS.md records them. No result is asserted here (the tests check
//! correctness), except that the devices agree.

use std::time::{Duration, Instant};

use crosswalk_core::assessment::sheet::SheetRow;
use crosswalk_core::domain::{ClientId, ClientProfile, Date, Market, Offering, Sector};
use crosswalk_core::package::KdfParams;
use crosswalk_core::secret::Secret;
use crosswalk_core::store::{Sharing, Store};

const STATUSES: [&str; 3] = ["implemented", "partially_implemented", "not_implemented"];

fn today() -> Date {
    Date::new(2026, 11, 29).expect("a date")
}

fn pass() -> Secret {
    Secret::from("bench team passphrase")
}

fn clients(store: &mut Store, n: usize, tag: &str) -> Vec<ClientId> {
    let profiles: Vec<_> = (0..n)
        .map(|i| {
            let mut p = ClientProfile::minimal(&format!("Sync {tag} {i:05}"), Sector::Software, 50, "DE");
            p.markets = vec![Market::Eu];
            p.offerings = vec![Offering::ServiceProcessingCustomerData];
            p.validate().expect("valid")
        })
        .collect();
    store.clients().import(&profiles).expect("clients")
}

fn rows(controls: &[String], round: usize) -> Vec<SheetRow> {
    controls
        .iter()
        .enumerate()
        .map(|(i, id)| SheetRow {
            row: i as u32 + 2,
            control_id: id.clone(),
            status: STATUSES[(i + round) % STATUSES.len()].into(),
            owner: Some(format!("owner {round}")),
            due: Some(String::new()),
            evidence: Some(Vec::new()),
            notes: Some(format!("round {round}")),
            justification: Some(String::new()),
        })
        .collect()
}

/// Sets every control of `ids` (one assessment each); returns how many entries that is.
fn assess(store: &mut Store, ids: &[ClientId], controls: &[String], round: usize) -> usize {
    for id in ids {
        store.assessments().import_rows(*id, &rows(controls, round), today()).expect("rows");
    }
    ids.len() * controls.len()
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed())
}

fn controls(store: &Store) -> Vec<String> {
    store.catalog().controls("").expect("controls").into_iter().map(|c| c.id).collect()
}

fn bench_one_device() {
    let dir = tempfile::tempdir().expect("dir");
    let folder = dir.path().join("team");
    let mut a = Store::open(&dir.path().join("a.db")).expect("open");
    a.team().init(&folder, &pass(), KdfParams::default()).expect("init");
    let controls = controls(&a);
    let per_client = controls.len();
    let n = 10_000_usize.div_ceil(per_client);
    let ids = clients(&mut a, n, "one");
    for id in &ids {
        a.team().share(*id, Sharing::Shared).expect("share");
    }
    assess(&mut a, &ids, &controls, 0);
    let (_, first) = timed(|| a.team().sync().expect("sync"));
    let b = Store::open(&dir.path().join("b.db")).expect("open");
    let (_, join) = timed(|| b.team().join(&folder, &pass()).expect("join"));
    println!("setup: {n} clients x {per_client} controls; first send {}, join {}", ms(first), ms(join));

    let changed = assess(&mut a, &ids, &controls, 1);
    let (report, write) = timed(|| a.team().sync().expect("sync"));
    let sent = report.sent.expect("sent").changes;
    let (_, apply) = timed(|| b.team().sync().expect("sync"));
    assert_eq!(a.team().digests().unwrap(), b.team().digests().unwrap(), "the devices agree");
    let size: u64 = std::fs::read_dir(folder.join("devices").join(a.team().status().unwrap().device_id))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name() == "2.cwsync")
        .map(|e| e.metadata().unwrap().len())
        .sum();
    println!(
        "1. {changed} entries changed on one device ({sent} changes, file {} KiB): write {}, apply {}, total {}",
        size / 1024,
        ms(write),
        ms(apply),
        ms(write + apply)
    );
}

fn bench_five_devices() {
    let dir = tempfile::tempdir().expect("dir");
    let folder = dir.path().join("team");
    let mut stores = vec![Store::open(&dir.path().join("d0.db")).expect("open")];
    stores[0].team().init(&folder, &pass(), KdfParams::default()).expect("init");
    let controls = controls(&stores[0]);
    let per_device = 2_000_usize.div_ceil(controls.len());
    let ids = clients(&mut stores[0], per_device * 5, "five");
    for id in &ids {
        stores[0].team().share(*id, Sharing::Shared).expect("share");
    }
    assess(&mut stores[0], &ids, &controls, 0);
    stores[0].team().sync().expect("sync");
    for d in 1..5 {
        let s = Store::open(&dir.path().join(format!("d{d}.db"))).expect("open");
        s.team().join(&folder, &pass()).expect("join");
        stores.push(s);
    }
    let mut changed = 0;
    for (d, store) in stores.iter_mut().enumerate() {
        changed += assess(store, &ids[d * per_device..(d + 1) * per_device], &controls, d + 1);
    }
    let (_, converge) = timed(|| {
        for _ in 0..2 {
            for store in stores.iter_mut() {
                store.team().sync().expect("sync");
            }
        }
    });
    let digests: Vec<_> = stores.iter_mut().map(|s| s.team().digests().unwrap()).collect();
    assert!(digests.windows(2).all(|w| w[0] == w[1]), "the devices agree");
    println!("2. five devices, {changed} entries changed ({} each): converge in {}", changed / 5, ms(converge));
}

fn bench_snapshot() {
    let n: usize = std::env::var("CROSSWALK_BENCH_SYNC_CLIENTS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000);
    let dir = tempfile::tempdir().expect("dir");
    let folder = dir.path().join("team");
    let mut a = Store::open(&dir.path().join("a.db")).expect("open");
    a.team().init(&folder, &pass(), KdfParams::default()).expect("init");
    let controls = controls(&a);
    let ids = clients(&mut a, n, "big");
    for id in &ids {
        a.team().share(*id, Sharing::Shared).expect("share");
    }
    let entries = assess(&mut a, &ids, &controls, 0);
    let (_, send) = timed(|| a.team().sync().expect("sync"));
    let (done, write) = timed(|| a.team().compact().expect("compact"));
    let number = done.snapshot;
    let device = a.team().status().unwrap().device_id;
    let size = std::fs::metadata(folder.join("devices").join(&device).join(format!("snapshot-{number}.cwsync")))
        .expect("snapshot")
        .len();
    // A new member from the snapshot alone.
    std::fs::remove_file(folder.join("devices").join(&device).join("1.cwsync")).expect("remove");
    let b = Store::open(&dir.path().join("b.db")).expect("open");
    let (_, join) = timed(|| b.team().join(&folder, &pass()).expect("join"));
    assert_eq!(a.team().digests().unwrap(), b.team().digests().unwrap(), "the devices agree");
    println!(
        "3. snapshot of {n} clients ({entries} entries): {:.1} MiB, written in {} (first send {}), joined in {}",
        size as f64 / 1048576.0,
        ms(write),
        ms(send),
        ms(join)
    );
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    bench_one_device();
    bench_five_devices();
    bench_snapshot();
}
