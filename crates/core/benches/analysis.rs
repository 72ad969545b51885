//! The gap analysis on synthetic portfolios: `cargo bench -p crosswalk-core --bench analysis`.
//!
//! Builds portfolios of 10, 1,000 and 10,000 clients in temporary databases (every client with a
//! full assessment of all controls; half of them with a scope the consultant chose, the other half
//! on the default from the recommendation; one in ten with an earlier assessment too), then times
//! the portfolio overview, one client's full analysis and the other per-client reads, and the
//! import of a 1,000-row assessment. Prints medians. Set `CROSSWALK_BENCH_SIZES=10,1000` to choose
//! the sizes. No result is asserted: BENCHMARKS.md records them.
//!
//! The portfolios are generated under /dev/shm when it exists (only to build them quickly; every
//! read is served from SQLite's page cache either way). The import is timed on a database in the
//! ordinary temporary folder, so its commit pays for a real fsync.

use std::time::{Duration, Instant};

use crosswalk_core::assessment::sheet::SheetRow;
use crosswalk_core::assessment::AssessmentStart;
use crosswalk_core::assessment::{AnalysisSettings, Lang, ScopeFramework, ScopeInput, SheetFormat};
use crosswalk_core::domain::{
    AiRisk, AiRole, AiSystem, AnnexIiiArea, AnnexIiiPoint, Ask, ClientId, ClientProfile, Date, Market, Offering, Party,
    Pressure, Sector, ValidProfile,
};
use crosswalk_core::store::{NewCustomControl, Store};

/// splitmix64: a small deterministic generator, so every run builds the same portfolio.
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
        self.next() % n
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn today() -> Date {
    Date::new(2026, 11, 29).expect("a date")
}

fn profile(i: usize, rng: &mut Rng) -> ValidProfile {
    let sectors =
        [Sector::Software, Sector::FinancialServices, Sector::Healthcare, Sector::Manufacturing, Sector::Retail];
    let countries = ["DE", "FR", "NL", "IE", "US", "GB", "ES", "AT"];
    let mut p = ClientProfile::minimal(
        &format!("Synthetic client {i:05}"),
        sectors[rng.below(sectors.len() as u64) as usize],
        10 + rng.below(2_000) as u32,
        countries[rng.below(countries.len() as u64) as usize],
    );
    p.markets = match rng.below(4) {
        0 => vec![Market::Us],
        1 => vec![Market::Eu],
        2 => vec![Market::Us, Market::Eu],
        _ => vec![Market::Eu, Market::Uk],
    };
    p.offerings = vec![Offering::ServiceProcessingCustomerData];
    if rng.chance(60) {
        p.offerings.push(Offering::BuildsAi);
        let risks = [
            AiRisk::Minimal,
            AiRisk::Transparency,
            AiRisk::HighRiskAnnexIii { area: AnnexIiiArea::Employment, point: AnnexIiiPoint::P4a },
            AiRisk::HighRiskAnnexI { product: "machinery".into() },
        ];
        for s in 0..1 + rng.below(2) {
            let roles = if rng.chance(70) { [AiRole::Provider] } else { [AiRole::Deployer] };
            let mut system =
                AiSystem::new(&format!("System {s}"), &roles, risks[rng.below(risks.len() as u64) as usize].clone());
            system.general_purpose = rng.chance(5);
            p.ai_systems.push(system);
        }
    }
    let asks = [Ask::Soc2, Ask::Iso27001, Ask::Iso42001, Ask::AiActCompliance, Ask::DataProtectionAssurance];
    for _ in 0..rng.below(3) {
        p.pressures.push(Pressure {
            party: if rng.chance(50) { Party::UsCustomers } else { Party::EuCustomers },
            asks_for: asks[rng.below(asks.len() as u64) as usize],
            detail: String::new(),
            deals_blocked: rng.chance(30),
            deadline: if rng.chance(50) { Some(today().plus_days(30 + rng.below(600) as i64)) } else { None },
        });
    }
    p.validate().expect("a synthetic profile is valid")
}

/// The controls that serve a management-system clause (4 to 10 of ISO/IEC 27001 or 42001) as
/// equal, superset or subset: the store refuses them as not applicable.
fn management_system_controls() -> std::collections::HashSet<String> {
    use crosswalk_core::catalog::{self, is_management_system_requirement, Relationship};
    let catalog = catalog::shipped().expect("the shipped catalogue");
    catalog
        .mappings
        .iter()
        .filter(|m| m.relationship != Relationship::Intersect)
        .filter(|m| {
            catalog
                .framework(&m.framework)
                .and_then(|f| f.requirement(&m.requirement_id))
                .is_some_and(|r| is_management_system_requirement(&m.framework, r.kind))
        })
        .map(|m| m.control_id.clone())
        .collect()
}

/// A full assessment: a status for every control (a management-system control is never not
/// applicable: its share goes to not implemented).
fn assessment_rows(controls: &[String], rng: &mut Rng) -> Vec<SheetRow> {
    let always_apply = management_system_controls();
    controls
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let roll = rng.below(100);
            let status = match roll {
                0..45 => "implemented",
                45..65 => "partially_implemented",
                65..90 => "not_implemented",
                90..95 if always_apply.contains(id) => "not_implemented",
                90..95 => "not_applicable",
                _ => "not_assessed",
            };
            SheetRow {
                row: i as u32 + 2,
                control_id: id.clone(),
                status: status.into(),
                owner: Some(if roll < 50 { "IT".into() } else { String::new() }),
                due: Some(if (65..90).contains(&roll) { "2027-06-30".into() } else { String::new() }),
                evidence: Some(if roll < 45 { vec!["policy.pdf".into()] } else { Vec::new() }),
                notes: Some(String::new()),
                justification: Some(if status == "not_applicable" {
                    "Does not apply here.".into()
                } else {
                    String::new()
                }),
            }
        })
        .collect()
}

fn scratch_dir(prefer_memory: bool) -> tempfile::TempDir {
    let shm = std::path::Path::new("/dev/shm");
    if prefer_memory && shm.is_dir() {
        if let Ok(dir) = tempfile::tempdir_in(shm) {
            return dir;
        }
    }
    tempfile::tempdir().expect("a temporary folder")
}

/// Builds a portfolio of `n` clients; returns the store, its folder and the client ids.
fn build(n: usize) -> (Store, tempfile::TempDir, Vec<ClientId>) {
    let dir = scratch_dir(true);
    let store = Store::open(&dir.path().join("bench.db")).expect("open");
    let mut rng = Rng(n as u64);
    let profiles: Vec<ValidProfile> = (0..n).map(|i| profile(i, &mut rng)).collect();
    let ids = store.clients().import(&profiles).expect("clients");
    let controls: Vec<String> = store.catalog().controls("").expect("controls").into_iter().map(|c| c.id).collect();
    let choices: [&[&str]; 4] =
        [&["iso27001"], &["soc2"], &["iso27001", "iso42001", "eu_ai_act"], &["soc2", "iso42001", "eu_ai_act"]];
    for (i, id) in ids.iter().enumerate() {
        if i % 2 == 0 {
            let frameworks = choices[rng.below(choices.len() as u64) as usize];
            let input = ScopeInput {
                frameworks: frameworks.iter().map(|s| s.to_string()).collect(),
                soc2_categories: if frameworks.contains(&"soc2") { vec!["availability".into()] } else { Vec::new() },
            };
            store.scopes().set(*id, &input, today()).expect("scope");
        }
        if i % 10 == 0 {
            store
                .assessments()
                .start(*id, today().plus_days(-180), AssessmentStart::Empty, today())
                .expect("earlier assessment");
            store.assessments().import_rows(*id, &assessment_rows(&controls, &mut rng), today()).expect("earlier rows");
            store
                .assessments()
                .start(*id, today(), AssessmentStart::FromPrevious, today())
                .expect("current assessment");
        }
        store.assessments().import_rows(*id, &assessment_rows(&controls, &mut rng), today()).expect("rows");
    }
    (store, dir, ids)
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time(runs: usize, mut f: impl FnMut(usize)) -> Duration {
    f(0); // warm up: prepared statements, caches
    median(
        (0..runs)
            .map(|i| {
                let start = Instant::now();
                f(i);
                start.elapsed()
            })
            .collect(),
    )
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn bench_portfolio(n: usize) {
    let started = Instant::now();
    let (store, dir, ids) = build(n);
    let built = started.elapsed();
    // CROSSWALK_BENCH_KEEP=1 keeps the database for a look at query plans.
    let _dir = if std::env::var_os("CROSSWALK_BENCH_KEEP").is_some() {
        println!("keeping {}", dir.keep().join("bench.db").display());
        None
    } else {
        Some(dir)
    };
    let settings = AnalysisSettings::new(today());
    let runs = if n >= 10_000 { 7 } else { 21 };
    let portfolio = time(runs, |_| {
        let rows = store.views().portfolio_readiness(&settings).expect("portfolio");
        assert_eq!(rows.len(), n);
    });
    let pick = |i: usize| ids[(i * 7919) % ids.len()];
    let analysis = time(51, |i| {
        store.views().analysis(pick(i), &settings).expect("analysis");
    });
    let grid = time(51, |i| {
        store.views().assessment(pick(i), today()).expect("grid");
    });
    let history = time(51, |i| {
        store.views().history(pick(i), &settings).expect("history");
    });
    let soa = time(51, |i| {
        store.views().soa(pick(i), ScopeFramework::Iso27001, today()).expect("soa");
    });
    let effort = time(51, |i| {
        store.views().effort_table(pick(i), today()).expect("effort");
    });
    let export = time(21, |i| {
        store.assessments().export(pick(i), SheetFormat::Xlsx, Lang::En, today()).expect("export");
    });
    println!(
        "{n:>6} clients (built in {:.1} s): portfolio overview {}, one client's analysis {}, assessment grid {}, \
         history {}, SoA {}, roadmap effort table {}, XLSX export {}",
        built.as_secs_f64(),
        ms(portfolio),
        ms(analysis),
        ms(grid),
        ms(history),
        ms(soa),
        ms(effort),
        ms(export),
    );
}

fn bench_import() {
    let dir = scratch_dir(false);
    let store = Store::open(&dir.path().join("import.db")).expect("open");
    let mut rng = Rng(7);
    let client = store.clients().import(&[profile(0, &mut rng)]).expect("client")[0];
    let mut controls: Vec<String> = store.catalog().controls("").expect("controls").into_iter().map(|c| c.id).collect();
    for i in controls.len()..1_000 {
        let id = format!("X-BENCH-{i:04}");
        store
            .catalog()
            .add_custom_control(&NewCustomControl {
                id: id.clone(),
                domain: "operations".into(),
                effort: "S".into(),
                title: crosswalk_core::catalog::Text::new(format!("Synthetic control {i}"), ""),
                objective: crosswalk_core::catalog::Text::new("Something is done.", ""),
                evidence: crosswalk_core::catalog::Text::default(),
            })
            .expect("custom control");
        controls.push(id);
    }
    let files: Vec<(SheetFormat, Vec<u8>)> = [SheetFormat::Csv, SheetFormat::Xlsx]
        .into_iter()
        .flat_map(|format| (0..2).map(move |variant| (format, variant)).collect::<Vec<_>>())
        .map(|(format, variant)| {
            let rows = assessment_rows(&controls, &mut Rng(100 + variant));
            let mut sheet = vec![crosswalk_core::assessment::sheet::ASSESSMENT_COLUMNS
                .iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()];
            for r in &rows {
                sheet.push(vec![
                    r.control_id.clone(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    r.status.clone(),
                    r.owner.clone().unwrap_or_default(),
                    r.due.clone().unwrap_or_default(),
                    r.evidence.clone().unwrap_or_default().join("; "),
                    String::new(),
                    r.justification.clone().unwrap_or_default(),
                ]);
            }
            let bytes =
                crosswalk_core::assessment::sheet::write_sheet(&sheet, format, "Assessment", today()).expect("sheet");
            (format, bytes)
        })
        .collect();
    for format in [SheetFormat::Csv, SheetFormat::Xlsx] {
        let variants: Vec<&Vec<u8>> = files.iter().filter(|(f, _)| *f == format).map(|(_, b)| b).collect();
        // Alternate two different files, so every import really changes the rows.
        let median = time(11, |i| {
            let outcome = store.assessments().import(client, variants[i % 2], format, today()).expect("import");
            assert_eq!(outcome.rows, 1_000);
        });
        println!(
            "import of a 1,000-row assessment ({}): {} (parse, check, write, commit with fsync)",
            format.extension(),
            ms(median)
        );
    }
}

/// The demo portfolio: one client's full analysis for the demo client with the most requirements
/// in scope (the largest), and the portfolio overview of the demo.
fn bench_demo() {
    let dir = scratch_dir(false);
    let mut store = Store::open(&dir.path().join("demo.db")).expect("open");
    crosswalk_core::demo::load_demo(&mut store).expect("demo");
    let settings = AnalysisSettings::new(today());
    let clients = store.clients().list(&Default::default()).expect("clients");
    let (largest, name, requirements) = clients
        .iter()
        .map(|c| {
            let a = store.views().analysis(c.id, &settings).expect("analysis");
            let n: u32 = a.frameworks.iter().map(|f| f.readiness.requirements).sum();
            (c.id, c.name.clone(), n)
        })
        .max_by_key(|(_, _, n)| *n)
        .expect("a demo client");
    let analysis = time(51, |_| {
        store.views().analysis(largest, &settings).expect("analysis");
    });
    // The two halves of it: the request's client context (profile, recommendation, scope,
    // overrides), then the analysis statement.
    let context = time(51, |_| {
        store.views().context(largest, today()).expect("context");
    });
    let ctx = store.views().context(largest, today()).expect("context");
    let statement = time(51, |_| {
        store.views().analysis_of(&ctx, 0.5).expect("analysis");
    });
    let portfolio = time(21, |_| {
        store.views().portfolio_readiness(&settings).expect("portfolio");
    });
    println!(
        "demo portfolio ({} clients): the largest, {name} ({requirements} requirements in scope): analysis {} \
         (client context {}, analysis statement {}); portfolio overview {}",
        clients.len(),
        ms(analysis),
        ms(context),
        ms(statement),
        ms(portfolio)
    );
}

/// `CROSSWALK_BENCH_OVERVIEW_DB=path`: times the portfolio overview alone on a database kept
/// earlier with `CROSSWALK_BENCH_KEEP=1`, for a profiler (`perf record`) to watch nothing else.
fn bench_overview_of(path: &std::path::Path) {
    let store = Store::open(path).expect("open");
    let settings = AnalysisSettings::new(today());
    let runs: usize = std::env::var("CROSSWALK_BENCH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(51);
    let overview = time(runs, |_| {
        store.views().portfolio_readiness(&settings).expect("portfolio");
    });
    println!("portfolio overview of {}: {}", path.display(), ms(overview));
}

fn main() {
    if let Some(path) = std::env::var_os("CROSSWALK_BENCH_OVERVIEW_DB") {
        return bench_overview_of(std::path::Path::new(&path));
    }
    let sizes: Vec<usize> = std::env::var("CROSSWALK_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10, 1_000, 10_000]);
    println!(
        "Crosswalk gap analysis benchmark (medians; {} cores)",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    bench_import();
    bench_demo();
    for n in sizes {
        bench_portfolio(n);
    }
}
