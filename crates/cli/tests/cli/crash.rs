//! Crash test: a write-heavy workload through the CLI (client add, batch import, edit, assessment
//! writes, backups), killed with SIGKILL at random moments.
//!
//! After every kill the database must open, pass SQLite's full `integrity_check`, and hold every
//! write the CLI acknowledged before the kill (it exited 0 and printed the result); a batch
//! import killed half-way must have landed whole or not at all; an edit killed half-way must have
//! landed or not, nothing in between.
//!
//! `CROSSWALK_CRASH_KILLS` sets the number of kills (default 40, what CI runs);
//! `CROSSWALK_CRASH_SEED` the seed of the random moments (default fixed, so a failure repeats).
//! The second test kills `passphrase set` / `passphrase remove` while they rewrite the file
//! (`CROSSWALK_CRASH_REKEY_KILLS`, default 6): afterwards the database opens under the old or the
//! new passphrase with every client in it. Results of a large run are in SECURITY.md.

#![cfg(unix)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crosswalk_core::secret::Secret;
use crosswalk_core::store::{ListQuery, OpenOptions, Store};

use super::support::command;

/// SplitMix64: a small seeded generator, enough to pick moments and operations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn cli(db: &Path, args: &[&str], stdin: Option<&str>) -> Child {
    let mut cmd = command(db);
    cmd.arg("--json").args(args).stdin(Stdio::piped());
    let mut child = cmd.spawn().expect("the CLI starts");
    {
        use std::io::Write;
        let mut pipe = child.stdin.take().unwrap();
        if let Some(text) = stdin {
            let _ = pipe.write_all(text.as_bytes());
        }
    }
    child
}

/// Runs the command, killing it after `delay` if it is still running. `Some(stdout)` when it
/// finished with exit code 0 (acknowledged); `None` when it was killed.
fn run_or_kill(mut child: Child, delay: Duration) -> (Option<Vec<u8>>, bool, Duration) {
    let started = Instant::now();
    let deadline = started + delay;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let out = child.wait_with_output().unwrap();
            assert!(
                status.success(),
                "a command failed without being killed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            return (Some(out.stdout), false, started.elapsed());
        }
        if Instant::now() >= deadline {
            child.kill().unwrap(); // SIGKILL
            child.wait().unwrap();
            return (None, true, started.elapsed());
        }
        std::thread::sleep(Duration::from_micros(300));
    }
}

fn profile(name: &str) -> serde_json::Value {
    serde_json::json!({ "name": name, "sector": "software", "employees": 12, "headquarters": "DE",
                        "markets": ["eu"], "offerings": ["service_processing_customer_data"] })
}

/// Every client's id, name and notes, in one query.
fn read_clients(db: &Path) -> HashMap<String, (String, String)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT id, json_extract(profile, '$.name'), coalesce(json_extract(profile, '$.notes'), '') FROM clients",
        )
        .unwrap();
    let rows =
        stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, (r.get::<_, String>(1)?, r.get::<_, String>(2)?)))).unwrap();
    rows.map(Result::unwrap).collect()
}

/// The control the workload records in assessments.
const CONTROL: &str = "CW-AIG-01";

/// Per client, the note recorded for [`CONTROL`] in its current assessment.
fn read_assessed(db: &Path) -> HashMap<String, String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT ca.client_id, ac.notes FROM current_assessments ca
             JOIN assessment_controls ac ON ac.assessment_id = ca.assessment_id WHERE ac.control_id = ?1",
        )
        .unwrap();
    let rows = stmt.query_map([CONTROL], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))).unwrap();
    rows.map(Result::unwrap).collect()
}

enum Op {
    Add {
        name: String,
    },
    Import {
        prefix: String,
        count: usize,
    },
    Edit {
        id: String,
        notes: String,
    },
    /// `assess set` of one control in the client's current assessment.
    Assess {
        id: String,
        note: String,
    },
    Backup,
}

#[test]
fn killed_writes_lose_nothing_acknowledged() {
    let kills_wanted = env_number("CROSSWALK_CRASH_KILLS", 40);
    let seed = env_number("CROSSWALK_CRASH_SEED", 0x00C0_FFEE);
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.db");
    let started = Instant::now();

    // Acknowledged state: client id -> (name, notes), and client id -> the note recorded for
    // CONTROL in its current assessment.
    let mut acked: HashMap<String, (String, String)> = HashMap::new();
    let mut assessed: HashMap<String, String> = HashMap::new();
    let mut typical = Duration::from_millis(150);
    let (mut kills, mut ops, mut serial) = (0u64, 0u64, 0u64);
    // Kills that landed after the write committed but before the CLI could say so.
    let mut committed_unacknowledged = 0u64;
    while kills < kills_wanted {
        serial += 1;
        ops += 1;
        let op = match rng.below(100) {
            _ if acked.is_empty() => Op::Add { name: format!("Client {serial}") },
            0..=34 => Op::Add { name: format!("Client {serial}") },
            35..=59 => Op::Import { prefix: format!("Batch {serial}"), count: 2 + rng.below(30) as usize },
            n @ 60..=94 => {
                let mut ids: Vec<&String> = acked.keys().collect();
                ids.sort();
                let id = ids[rng.below(ids.len() as u64) as usize].clone();
                if n < 85 {
                    Op::Edit { id, notes: format!("edit {serial}") }
                } else {
                    Op::Assess { id, note: format!("assessed {serial}") }
                }
            }
            _ => Op::Backup,
        };
        let child = match &op {
            Op::Add { name } => cli(&db, &["client", "add", "--from", "-"], Some(&profile(name).to_string())),
            Op::Import { prefix, count } => {
                let batch: Vec<_> = (0..*count).map(|j| profile(&format!("{prefix}-{j}"))).collect();
                cli(&db, &["client", "import", "-"], Some(&serde_json::Value::Array(batch).to_string()))
            }
            Op::Edit { id, notes } => cli(&db, &["client", "edit", id, "--notes", notes], None),
            Op::Assess { id, note } => {
                cli(&db, &["assess", "set", id, CONTROL, "partially_implemented", "--note", note], None)
            }
            Op::Backup => cli(&db, &["backup"], None),
        };
        // Half the time let it run to completion; otherwise kill it somewhere in its typical run.
        let delay = if rng.below(2) == 0 {
            Duration::from_secs(60)
        } else {
            // Mostly in the second half, where the database is open and written.
            let span = typical.as_micros() as u64;
            Duration::from_micros(span / 4 + rng.below(span * 9 / 10))
        };
        let (stdout, killed, took) = run_or_kill(child, delay);
        if let Some(stdout) = stdout {
            typical = (typical * 3 + took) / 4;
            let value: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
            match &op {
                Op::Add { name } => {
                    acked.insert(value["id"].as_str().unwrap().to_owned(), (name.clone(), String::new()));
                }
                Op::Import { .. } => {
                    for c in value.as_array().unwrap() {
                        let name = c["profile"]["name"].as_str().unwrap().to_owned();
                        acked.insert(c["id"].as_str().unwrap().to_owned(), (name, String::new()));
                    }
                }
                Op::Edit { id, notes } => acked.get_mut(id).unwrap().1 = notes.clone(),
                Op::Assess { id, note } => {
                    assessed.insert(id.clone(), note.clone());
                }
                Op::Backup => {}
            }
        }
        if !killed {
            continue;
        }
        kills += 1;

        // The moment of truth: what a person would find after the crash.
        let store = Store::open(&db).unwrap_or_else(|e| panic!("after kill {kills} (seed {seed}): {e}"));
        store.check_integrity().unwrap_or_else(|e| panic!("after kill {kills} (seed {seed}): {e}"));
        let all = store
            .clients()
            .list(&ListQuery { filter: crosswalk_core::store::ClientFilter::All, ..Default::default() })
            .unwrap();
        drop(store);
        let stored_clients = read_clients(&db);
        for (id, (name, notes)) in &mut acked {
            let Some((stored_name, stored)) = stored_clients.get(id) else {
                panic!("acknowledged client {id} lost (seed {seed})");
            };
            assert_eq!(stored_name, name, "client {id} renamed (seed {seed})");
            let stored = stored.clone();
            match &op {
                Op::Edit { id: edited, notes: pending } if edited == id => {
                    assert!(stored == *notes || stored == *pending, "edit half-applied: {stored:?} (seed {seed})");
                    committed_unacknowledged += u64::from(stored == *pending && stored != *notes);
                    *notes = stored;
                }
                _ => assert_eq!(&stored, notes, "acknowledged edit of {id} lost (seed {seed})"),
            }
        }
        let stored_notes = read_assessed(&db);
        for (id, note) in &mut assessed {
            let stored = stored_notes.get(id).cloned().unwrap_or_default();
            match &op {
                Op::Assess { id: pending_id, note: pending } if pending_id == id => {
                    assert!(stored == *note || stored == *pending, "assessment half-applied (seed {seed})");
                    committed_unacknowledged += u64::from(stored == *pending && stored != *note);
                    *note = stored;
                }
                _ => assert_eq!(&stored, note, "acknowledged assessment of {id} lost (seed {seed})"),
            }
        }
        if let Op::Assess { id, note } = &op {
            if !assessed.contains_key(id) && stored_notes.get(id) == Some(note) {
                committed_unacknowledged += 1;
                assessed.insert(id.clone(), note.clone());
            }
        }
        if let Op::Import { prefix, count } = &op {
            let landed = all.iter().filter(|c| c.name.starts_with(&format!("{prefix}-"))).count();
            assert!(
                landed == 0 || landed == *count,
                "a batch import landed in part: {landed} of {count} (seed {seed})"
            );
            committed_unacknowledged += u64::from(landed == *count);
        }
        if let Op::Add { name } = &op {
            committed_unacknowledged += u64::from(all.iter().any(|c| &c.name == name));
        }
        // Clients whose add was killed after the commit are fine; adopt them so later edits can use them.
        for c in &all {
            acked.entry(c.id.to_string()).or_insert_with(|| (c.name.clone(), String::new()));
        }
    }
    eprintln!(
        "crash test: {kills} kills over {ops} commands ({committed_unacknowledged} killed after their commit), \
         {} clients, typical command {} ms, seed {seed:#x}, {:.1} s",
        acked.len(),
        typical.as_millis(),
        started.elapsed().as_secs_f64()
    );
}

#[test]
fn a_killed_passphrase_change_leaves_the_old_or_the_new_file() {
    let kills_wanted = env_number("CROSSWALK_CRASH_REKEY_KILLS", 6);
    let seed = env_number("CROSSWALK_CRASH_SEED", 0x00C0_FFEE);
    let mut rng = Rng(seed ^ 0xABCD);
    let dir = tempfile::tempdir().unwrap();
    let db: PathBuf = dir.path().join("rekey.db");
    {
        let store = Store::open(&db).unwrap();
        for i in 0..50 {
            let p = crosswalk_core::domain::ClientProfile::from_json(&profile(&format!("Client {i}")).to_string())
                .unwrap()
                .validate()
                .unwrap();
            store.clients().create(&p).unwrap();
        }
    }
    let pass = "crash test passphrase";
    let mut encrypted = false;
    let mut typical = Duration::from_millis(1500);
    let mut kills = 0;
    // Kills after which the file had already changed state (the rename had happened).
    let mut after_rename = 0;
    let started = Instant::now();
    while kills < kills_wanted {
        let child = if encrypted {
            cli(&db, &["--passphrase-stdin", "passphrase", "remove", "--yes"], Some(&format!("{pass}\n")))
        } else {
            cli(&db, &["passphrase", "set", "--new-passphrase-stdin"], Some(&format!("{pass}\n")))
        };
        let delay = Duration::from_micros(rng.below(typical.as_micros() as u64 * 12 / 10));
        let (done, killed, took) = run_or_kill(child, delay);
        if done.is_some() {
            typical = (typical + took) / 2;
            encrypted = !encrypted;
        }
        if !killed {
            continue;
        }
        kills += 1;
        // Either state is fine; anything else (neither opens, a client missing) is not.
        let before = encrypted;
        let plain = Store::open(&db);
        let store = match plain {
            Ok(store) => {
                encrypted = false;
                store
            }
            Err(_) => {
                encrypted = true;
                Store::open_with(&db, OpenOptions::with_passphrase(Some(Secret::from(pass))))
                    .unwrap_or_else(|e| panic!("after rekey kill {kills}: opens under neither passphrase: {e}"))
            }
        };
        store.check_integrity().unwrap();
        assert_eq!(store.clients().count().unwrap(), 50, "after rekey kill {kills}");
        after_rename += u32::from(encrypted != before);
    }
    eprintln!(
        "rekey crash test: {kills} kills ({after_rename} after the rename), seed {seed:#x}, {:.1} s",
        started.elapsed().as_secs_f64()
    );
}
