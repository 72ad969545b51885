//! Spreadsheet round trips through `crosswalk-cli`: rows whole or refused, exports that are data
//! and never code, errors a person can read, exit codes as docs/cli.md gives them, and a property
//! over generated assessments and generated damage.
//!
//! The property runs 24 cases in CI with a fixed seed; `PROPTEST_CASES=500 cargo test -p
//! crosswalk-cli --test cli sheets::` runs more (SECURITY.md).

use std::path::{Path, PathBuf};
use std::process::Output;

use crosswalk_core::assessment::AssessmentStart;
use crosswalk_core::assessment::{AssessmentRow, ControlEntry};
use crosswalk_core::cells::looks_like_formula;
use crosswalk_core::domain::{ClientId, Date};
use crosswalk_core::store::Store;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestRunner};
use serde_json::Value;

use super::support::Env as Harness;

const TODAY: &str = "2026-11-29";

/// The shared harness with one demo client (not the whole demo: quicker) and an empty assessment.
struct Env {
    harness: Harness,
    client: ClientId,
}

impl Env {
    fn new() -> Env {
        let harness = Harness::new();
        let (client, profile) = crosswalk_core::demo::demo_clients().unwrap().remove(0);
        {
            let store = Store::open(&harness.db).unwrap();
            store.clients().create_with_id(client, &profile).unwrap();
            store.assessments().start(client, today(), AssessmentStart::Empty, today()).unwrap();
        }
        Env { harness, client }
    }

    fn file(&self, name: &str) -> PathBuf {
        self.harness.file(name)
    }

    fn id(&self) -> String {
        self.client.to_string()
    }

    fn run(&self, args: &[&str]) -> Output {
        self.harness.run(args)
    }

    #[track_caller]
    fn ok(&self, args: &[&str]) -> String {
        self.harness.text(args)
    }

    /// Records entries directly (the store the CLI uses).
    fn record(&self, entries: &[ControlEntry]) {
        let store = Store::open(&self.harness.db).unwrap();
        for e in entries {
            store.assessments().save(self.client, e, today()).unwrap();
        }
    }

    /// The assessment grid as the CLI's store sees it, without the write times.
    fn rows(&self) -> Vec<AssessmentRow> {
        let store = Store::open(&self.harness.db).unwrap();
        let view = store.views().assessment(self.client, today()).unwrap();
        view.rows.into_iter().map(|r| AssessmentRow { updated_at: None, ..r }).collect()
    }

    /// The database's bytes (the file and its write-ahead log).
    fn bytes(&self) -> (Vec<u8>, Vec<u8>) {
        let wal = self.harness.db.with_extension("db-wal");
        (std::fs::read(&self.harness.db).unwrap(), std::fs::read(&wal).unwrap_or_default())
    }

    fn export(&self, name: &str) -> PathBuf {
        let out = self.file(name);
        self.ok(&["assess", "export", &self.id(), "--out", out.to_str().unwrap(), "--today", TODAY]);
        out
    }

    /// Imports a file: `Ok(())`, or the exit code and the JSON error.
    fn import(&self, file: &Path) -> Result<(), (Option<i32>, Value)> {
        let out = self.run(&["--json", "assess", "import", &self.id(), file.to_str().unwrap(), "--today", TODAY]);
        if out.status.success() {
            Ok(())
        } else {
            Err((out.status.code(), serde_json::from_slice(&out.stderr).unwrap_or(Value::Null)))
        }
    }
}

/// The first `n` controls of the grid that may be recorded as not applicable (one that serves a
/// management-system clause may not), found by trying each on a scratch database.
fn excludable_controls(n: usize) -> Vec<String> {
    let scratch = Env::new();
    let rows = scratch.rows();
    let store = Store::open(&scratch.harness.db).unwrap();
    rows.into_iter()
        .map(|r| r.control_id)
        .filter(|id| {
            let excluded = ControlEntry { justification: "out of scope".into(), ..entry(id, "not_applicable", "", "") };
            store.assessments().save(scratch.client, &excluded, today()).is_ok()
        })
        .take(n)
        .collect()
}

fn today() -> Date {
    TODAY.parse().unwrap()
}

fn entry(control: &str, status: &str, notes: &str, owner: &str) -> ControlEntry {
    ControlEntry {
        control_id: control.into(),
        status: status.into(),
        notes: notes.into(),
        owner: owner.into(),
        ..Default::default()
    }
}

fn fields(err: &Value) -> Vec<String> {
    err["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| match f["field"].as_str().unwrap() {
            "" => f["message"].as_str().unwrap().to_owned(),
            field => format!("{field}: {}", f["message"].as_str().unwrap()),
        })
        .collect()
}

/// Every cell of a CSV file.
fn csv_cells(bytes: &[u8]) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    reader.records().flat_map(|r| r.unwrap().iter().map(str::to_owned).collect::<Vec<_>>()).collect()
}

#[test]
fn a_row_cut_short_is_refused_and_nothing_is_written() {
    let env = Env::new();
    env.record(&[ControlEntry {
        evidence: vec!["policy.pdf".into()],
        due: "2027-03-31".into(),
        ..entry("CW-AIG-01", "implemented", "reviewed by the board", "Ines")
    }]);
    let exported = std::fs::read_to_string(env.export("a.csv")).unwrap();
    let header = exported.lines().next().unwrap();
    let before = (env.rows(), env.bytes());
    // (file body under the header, the problems listed)
    let cases: &[(&str, &[&str])] = &[
        ("CW-AIG-01,x", &["row 2: 2 cells, the header has 11"]),
        ("CW-AIG-01,,,,,implemented,,,,,,extra", &["row 2: 12 cells, the header has 11"]),
        ("CW-ACC-01,,,,,implemented,,,,,\r\nCW-AIG-01", &["row 3: 1 cell, the header has 11"]),
    ];
    for (body, expected) in cases {
        let file = env.file("cut.csv");
        std::fs::write(&file, format!("{header}\r\n{body}\r\n")).unwrap();
        let (code, err) = env.import(&file).unwrap_err();
        assert_eq!(code, Some(2), "{body:?}");
        assert_eq!(fields(&err), *expected, "{body:?}");
        assert_eq!(err["truncated"], 0);
        assert_eq!((env.rows(), env.bytes()), before, "{body:?}: nothing written");
    }
    let text = env.run(&["assess", "import", &env.id(), env.file("cut.csv").to_str().unwrap()]);
    assert_eq!(
        String::from_utf8_lossy(&text.stderr),
        "error: the input is not valid; nothing was written:\n  row 3: 1 cell, the header has 11\n"
    );
}

#[test]
fn errors_stop_at_fifty_then_say_how_many_more() {
    let env = Env::new();
    let mut file = String::from("control_id,status\n");
    for _ in 0..100_000 {
        file.push_str("CW-ACC-01,done\n");
    }
    let path = env.file("many.csv");
    std::fs::write(&path, &file).unwrap();
    let (code, err) = env.import(&path).unwrap_err();
    assert_eq!(code, Some(2));
    // 100,000 bad statuses and 99,999 repeats of the control.
    assert_eq!(err["fields"].as_array().unwrap().len(), 50);
    assert_eq!(err["truncated"], 199_999 - 50);
    assert_eq!(err["code"], "invalid");
    let out = env.run(&["assess", "import", &env.id(), path.to_str().unwrap()]);
    let text = String::from_utf8(out.stderr).unwrap();
    assert_eq!(text.lines().count(), 52, "a heading, 50 problems, the count");
    assert_eq!(text.lines().last(), Some("  … and 199949 more"));
}

#[test]
fn every_export_is_data_not_code_and_comes_back_unchanged() {
    let env = Env::new();
    let ids = excludable_controls(2);
    let (first, second) = (ids[0].clone(), ids[1].clone());
    env.record(&[
        ControlEntry {
            evidence: vec!["=HYPERLINK(\"http://x\")".into(), "'quoted.pdf".into()],
            justification: "-2+3".into(),
            ..entry(&first, "not_applicable", "=1+1", "@SUM(A1)")
        },
        entry(&second, "partially_implemented", "- first\n- second, \"quoted\"", "+49 30 1234"),
    ]);
    let before = env.rows();
    // Assessment, SoA and audit trail as CSV, the catalogue's mappings: no cell a spreadsheet
    // would run.
    let soa = env.file("soa.csv");
    env.ok(&["soa", &env.id(), "--framework", "iso27001", "--out", soa.to_str().unwrap(), "--today", TODAY]);
    let audit = env.file("audit.csv");
    env.ok(&["audit", &env.id(), "--format", "csv", "--out", audit.to_str().unwrap()]);
    let mappings = env.file("mappings.csv");
    env.ok(&["catalog", "export", "--out", mappings.to_str().unwrap()]);
    let assessment = env.export("a.csv");
    let text = std::fs::read_to_string(&assessment).unwrap();
    assert!(text.contains(",'=1+1,") && text.contains(",'@SUM(A1),") && text.contains(",'-2+3\r\n"), "{text}");
    for file in [&assessment, &soa, &audit, &mappings] {
        let cells = csv_cells(&std::fs::read(file).unwrap());
        assert!(cells.len() > 10, "{}", file.display());
        let code: Vec<&String> = cells.iter().filter(|c| looks_like_formula(c)).collect();
        assert!(code.is_empty(), "{}: {code:?}", file.display());
    }
    // Imported again, CSV and XLSX: exactly what was recorded.
    for name in ["a.csv", "a.xlsx"] {
        let file = env.export(name);
        env.import(&file).unwrap();
        assert_eq!(env.rows(), before, "{name}");
    }
}

#[test]
fn a_note_may_start_with_a_dash() {
    let env = Env::new();
    let control = env.rows()[0].control_id.clone();
    let id = env.id();
    env.ok(&["assess", "set", &id, &control, "implemented", "--note", "-x", "--owner", "-team", "--today", TODAY]);
    let row = env.rows().into_iter().find(|r| r.control_id == control).unwrap();
    assert_eq!((row.notes.as_str(), row.owner.as_str()), ("-x", "-team"));
    env.ok(&["assess", "set", &id, &control, "implemented", "--note=- first point", "--today", TODAY]);
    assert_eq!(env.rows().into_iter().find(|r| r.control_id == control).unwrap().notes, "- first point");
}

#[test]
fn preview_shows_each_change_and_flags_losses() {
    let env = Env::new();
    let control = env.rows()[0].control_id.clone();
    env.record(&[entry(&control, "implemented", "kept notes", "Ines")]);
    let file = env.file("edit.csv");
    std::fs::write(&file, format!("control_id,status,owner\n{control},implemented,\n")).unwrap();
    let before = env.bytes();
    let out = env.ok(&["--json", "assess", "import", &env.id(), file.to_str().unwrap(), "--preview"]);
    let preview: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(preview["losses"], 1);
    assert_eq!(preview["changes"][0]["control_id"], control.as_str());
    assert_eq!(
        preview["changes"][0]["fields"],
        serde_json::json!([{ "field": "owner", "before": "Ines", "after": "", "loss": true }])
    );
    assert_eq!(env.bytes(), before, "a preview writes nothing");
}

/// Every bad input of this page's cases exits as docs/cli.md says.
#[test]
fn exit_codes_match_the_docs() {
    let env = Env::new();
    let id = env.id();
    let header = crosswalk_core::assessment::sheet::ASSESSMENT_COLUMNS.join(",");
    let write = |name: &str, bytes: &[u8]| {
        let path = env.file(name);
        std::fs::write(&path, bytes).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let cut = write("cut.csv", format!("{header}\nCW-AIG-01,x\n").as_bytes());
    let extra = write("extra.csv", format!("{header}\nCW-AIG-01,,,,,implemented,,,,,,x\n").as_bytes());
    let latin1 = write("latin1.csv", b"control_id,status,notes\nCW-AIG-01,implemented,caf\xe9\n");
    let utf16 = write("utf16.csv", b"\xff\xfec\x00,\x00");
    let no_status = write("nostatus.csv", b"control_id,notes\nCW-AIG-01,x\n");
    let not_xlsx = write("broken.xlsx", b"PK\x03\x04 not a workbook");
    let wrong_ext = write("sheet.ods", b"x");
    let profile = write("profile.json", b"{\"name\": \"Caf\xe9\"}");
    let missing = env.file("missing.csv").to_str().unwrap().to_owned();
    let good = write("good.csv", b"control_id,status\nCW-AIG-01,implemented\n");
    let bom_crlf = write("bom.csv", b"\xef\xbb\xbfcontrol_id,status,notes\r\nCW-AIG-01,implemented,\"a\r\nb\"\r\n");
    // (arguments, exit code, error code)
    let cases: Vec<(Vec<&str>, i32, &str)> = vec![
        (vec!["assess", "import", &id, &cut], 2, "invalid"),
        (vec!["assess", "import", &id, &extra], 2, "invalid"),
        (vec!["assess", "import", &id, &latin1], 2, "invalid"),
        (vec!["assess", "import", &id, &utf16], 2, "invalid"),
        (vec!["assess", "import", &id, &no_status], 2, "invalid"),
        (vec!["assess", "import", &id, &not_xlsx], 2, "invalid"),
        (vec!["assess", "import", &id, &wrong_ext], 2, "invalid"),
        (vec!["assess", "import", &id, &missing], 2, "invalid"),
        (vec!["assess", "import", &id, &cut, "--preview"], 2, "invalid"),
        (vec!["assess", "import", "nobody", &good], 3, "not_found"),
        (vec!["recommend", "--profile", &profile], 2, "invalid"),
        (vec!["client", "add", "--from", &profile], 2, "invalid"),
        (vec!["assess", "import", &id, &good], 0, ""),
        (vec!["assess", "import", &id, &bom_crlf], 0, ""),
        (vec!["assess", "set", &id, "CW-AIG-01", "implemented", "--note", "-x"], 0, ""),
    ];
    for (args, exit, code) in cases {
        let mut all = vec!["--json"];
        all.extend(&args);
        let out = env.run(&all);
        assert_eq!(out.status.code(), Some(exit), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        if exit != 0 {
            let err: Value = serde_json::from_slice(&out.stderr).unwrap();
            assert_eq!(err["code"], code, "{args:?}");
        }
    }
    let out = env.run(&["recommend", "--profile", &profile]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not UTF-8 text"), "{out:?}");
}

// The property: generated assessments, exported, damaged, imported.

/// Pieces of text that spreadsheets and CSV readers find hard.
fn text() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "=1+1", "@SUM(A1)", "+cmd", "-x", "'", "''q", "a,b", "\"", "\n", "\r\n", "ü ß", "plain", " ", ";", "\t",
    ]);
    prop::collection::vec(piece, 0..4).prop_map(|p| p.concat())
}

fn one_line() -> impl Strategy<Value = String> {
    text().prop_map(|t| t.replace(['\n', '\r', ';'], " "))
}

#[derive(Debug, Clone)]
struct Generated {
    status: usize,
    notes: String,
    owner: String,
    evidence: Vec<String>,
    due: Option<u32>,
    justification: String,
}

fn generated() -> impl Strategy<Value = Generated> {
    (0..5usize, text(), one_line(), prop::collection::vec(one_line(), 0..3), prop::option::of(0..400u32), text())
        .prop_map(|(status, notes, owner, evidence, due, justification)| Generated {
            status,
            notes,
            owner,
            evidence,
            due,
            justification,
        })
}

#[derive(Debug, Clone)]
enum Damage {
    /// Drops the last `n` cells of data row `row`.
    CutRow(usize, usize),
    ExtraCell(usize),
    /// Leaves a column out (by index among owner, due, evidence, notes, justification).
    DropColumn(usize),
    /// Reverses the order of the columns.
    Reorder,
    Bom,
    /// Every line feed becomes CR LF (inside quoted cells too).
    Crlf,
    /// A byte that is not UTF-8, at a position.
    NotUtf8(usize),
    /// Replaces the notes of data row `row`.
    Notes(usize, String),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (any::<usize>(), 1..5usize).prop_map(|(r, n)| Damage::CutRow(r, n)),
        any::<usize>().prop_map(Damage::ExtraCell),
        (0..5usize).prop_map(Damage::DropColumn),
        Just(Damage::Reorder),
        Just(Damage::Bom),
        Just(Damage::Crlf),
        any::<usize>().prop_map(Damage::NotUtf8),
        (any::<usize>(), text()).prop_map(|(r, t)| Damage::Notes(r, t)),
    ]
}

const STATUSES: [&str; 5] =
    ["not_assessed", "not_implemented", "partially_implemented", "implemented", "not_applicable"];

/// Applies damage to an exported CSV. Returns the file's bytes and, when the damage keeps the
/// file importable, the notes it sets (row index, notes) if any; `None` when it must be refused.
fn apply(csv: &[u8], damage: &Damage) -> (Vec<u8>, Option<Option<(usize, String)>>) {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(csv);
    let mut records: Vec<Vec<String>> =
        reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
    let data = records.len() - 1;
    let write = |records: &[Vec<String>]| {
        let mut w = csv::WriterBuilder::new().flexible(true).terminator(csv::Terminator::CRLF).from_writer(Vec::new());
        for r in records {
            w.write_record(r).unwrap();
        }
        w.into_inner().unwrap()
    };
    match damage {
        Damage::CutRow(row, n) => {
            let r = &mut records[1 + row % data];
            r.truncate(r.len() - n);
            (write(&records), None)
        }
        Damage::ExtraCell(row) => {
            records[1 + row % data].push(String::new());
            (write(&records), None)
        }
        Damage::DropColumn(i) => {
            let name = ["owner", "due", "evidence", "notes", "justification"][*i];
            let col = records[0].iter().position(|h| h == name).unwrap();
            for r in &mut records {
                r.remove(col);
            }
            (write(&records), Some(None))
        }
        Damage::Reorder => {
            for r in &mut records {
                r.reverse();
            }
            (write(&records), Some(None))
        }
        Damage::Bom => ([b"\xef\xbb\xbf".as_slice(), csv].concat(), Some(None)),
        Damage::Crlf => {
            let text = String::from_utf8(csv.to_vec()).unwrap().replace("\r\n", "\n").replace('\n', "\r\n");
            (text.into_bytes(), Some(None))
        }
        Damage::NotUtf8(at) => {
            let mut bytes = csv.to_vec();
            bytes.insert(at % (bytes.len() + 1), 0xFF);
            (bytes, None)
        }
        Damage::Notes(row, notes) => {
            let col = records[0].iter().position(|h| h == "notes").unwrap();
            let row = row % data;
            records[1 + row][col] = crosswalk_core::cells::neutralise_csv(notes).into_owned();
            (write(&records), Some(Some((row, notes.clone()))))
        }
    }
}

#[test]
fn generated_assessments_round_trip_and_damage_is_refused_or_read_exactly() {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(24);
    let config = Config { cases, failure_persistence: None, rng_seed: RngSeed::Fixed(0x1616), ..Config::default() };
    let controls = excludable_controls(8);
    let mut runner = TestRunner::new(config);
    let strategy = (prop::collection::vec(generated(), 8), damage());
    runner
        .run(&strategy, |(generated, damage)| {
            // A fresh copy of the template database.
            let env = Env::new();
            let entries: Vec<ControlEntry> = controls
                .iter()
                .zip(&generated)
                .map(|(id, g)| {
                    let mut e = ControlEntry {
                        control_id: id.clone(),
                        status: STATUSES[g.status].into(),
                        notes: g.notes.clone(),
                        owner: g.owner.clone(),
                        evidence: g.evidence.clone(),
                        due: g.due.map(|d| today().plus_days(d as i64).to_string()).unwrap_or_default(),
                        justification: g.justification.clone(),
                    };
                    if e.status == "not_applicable" && e.justification.trim().is_empty() {
                        e.justification = "=out of scope".into();
                    }
                    e
                })
                .collect();
            env.record(&entries);
            let recorded = env.rows();

            // Export then import is the identity, in both formats.
            for name in ["g.csv", "g.xlsx"] {
                let file = env.export(name);
                prop_assert!(env.import(&file).is_ok(), "{name}");
                prop_assert_eq!(&env.rows(), &recorded, "{}", name);
            }

            let csv = std::fs::read(env.export("g.csv")).unwrap();
            let (bytes, expected) = apply(&csv, &damage);
            let file = env.file("damaged.csv");
            std::fs::write(&file, &bytes).unwrap();
            let before = env.bytes();
            match (env.import(&file), expected) {
                (Err((code, err)), None) => {
                    prop_assert_eq!(code, Some(2), "{:?}", err);
                    prop_assert!(env.bytes() == before, "refused, yet the database changed");
                }
                (Ok(()), Some(notes)) => {
                    let mut want = recorded.clone();
                    if let Some((row, notes)) = notes {
                        want[row].notes = notes.replace("\r\n", "\n").replace('\r', "\n").trim().to_owned();
                    }
                    prop_assert_eq!(env.rows(), want);
                }
                (Err((code, err)), Some(Some((row, notes)))) => {
                    // New notes may break a rule of their own (none do today); then the
                    // refusal must name that row and change nothing.
                    prop_assert_eq!(code, Some(2));
                    prop_assert!(err.to_string().contains(&format!("row {}", row + 2)), "{} {:?}", err, notes);
                    prop_assert!(env.bytes() == before);
                }
                (result, expected) => {
                    prop_assert!(false, "{damage:?}: got {result:?}, expected {expected:?}");
                }
            }
            Ok(())
        })
        .unwrap();
}
