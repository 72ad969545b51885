//! Validation tests: the shipped catalogue must be valid, and every kind of problem is found in a
//! small catalogue written to a temporary folder, broken in one way per case.

use std::path::Path;

use super::*;
use crate::Error;

#[test]
fn shipped_catalogue_is_valid() {
    if let Err(errors) = shipped() {
        let list: Vec<String> = errors.0.iter().map(|e| e.to_string()).collect();
        panic!("{} problems in the shipped catalogue:\n{}", list.len(), list.join("\n"));
    }
}

const CATALOG: &str = r#"
version = "t.1"
date = "2026-01-01"

[[domain]]
id = "access"
name = { en = "Access", de = "Zugriff" }
"#;

const CALENDAR: &str = r#"
[[milestone]]
id = "m1"
date = "2026-02-02"
title = { en = "First", de = "Erster" }
source = "test"

[[milestone]]
id = "m2"
date = "2027-01-01"
by_tier = { high_risk_annex_iii = "2027-01-01", high_risk_annex_i = "2028-01-01" }
title = { en = "Second", de = "Zweiter" }
source = "test"
"#;

const FRAMEWORK: &str = r#"
[framework]
id = "fw"
name = "Test framework"
kind = "certification"
title = { en = "Test", de = "Test" }

[[requirement]]
id = "G"
kind = "clause"
title = { en = "Group", de = "Gruppe" }

[[requirement]]
id = "R1"
parent = "G"
kind = "subclause"
title = { en = "One", de = "Eins" }

[[requirement]]
id = "R2"
parent = "G"
kind = "subclause"
title = { en = "Two", de = "Zwei" }
"#;

const AI_ACT: &str = r#"
[framework]
id = "eu_ai_act"
name = "AI Act"
kind = "regulation"
title = { en = "AI law", de = "KI-Gesetz" }

[[requirement]]
id = "Ch.I"
kind = "chapter"
title = { en = "Chapter one", de = "Kapitel eins" }

[[requirement]]
id = "Art.4"
parent = "Ch.I"
kind = "article"
title = { en = "Literacy", de = "Kompetenz" }
roles = ["provider", "deployer"]
tiers = ["minimal"]
applies_from = "m1"
"#;

const SOC2_FILE: &str = r#"
[framework]
id = "soc2"
name = "SOC 2"
kind = "attestation"
title = { en = "SOC", de = "SOC" }

[[requirement]]
id = "Security"
kind = "category"
title = { en = "Security", de = "Sicherheit" }

[[requirement]]
id = "CC1.1"
parent = "Security"
kind = "criterion"
title = { en = "Integrity", de = "Integrität" }
"#;

const CONTROLS: &str = r#"
[[control]]
id = "CW-ACC-01"
domain = "access"
effort = "S"
title = { en = "Access one", de = "Zugriff eins" }
objective = { en = "Good.", de = "Gut." }
evidence = { en = "a list", de = "eine Liste" }

[[control]]
id = "CW-ACC-02"
domain = "access"
effort = "M"
title = { en = "Access two", de = "Zugriff zwei" }
objective = { en = "Good.", de = "Gut." }
evidence = { en = "a list", de = "eine Liste" }
"#;

const MAPPINGS: &str = "control_id,framework,requirement_id,relationship
CW-ACC-01,fw,R1,equal
CW-ACC-02,fw,R2,subset
CW-ACC-01,eu_ai_act,Art.4,intersect
CW-ACC-02,soc2,CC1.1,superset
";

/// The small valid catalogue every case starts from, as (path under the temp folder, text).
fn base() -> Vec<(&'static str, String)> {
    vec![
        ("catalog/catalog.toml", CATALOG.into()),
        ("regulatory/calendar.toml", CALENDAR.into()),
        ("catalog/frameworks/fw.toml", FRAMEWORK.into()),
        ("catalog/frameworks/eu_ai_act.toml", AI_ACT.into()),
        ("catalog/frameworks/soc2.toml", SOC2_FILE.into()),
        ("catalog/controls/c.toml", CONTROLS.into()),
        ("catalog/mappings/m.csv", MAPPINGS.into()),
    ]
}

/// One way to break the base catalogue.
enum Edit {
    /// Replace the first occurrence of a text in a file (the text must be there).
    Replace(&'static str, &'static str, &'static str),
    /// Append to a file.
    Append(&'static str, &'static str),
    /// Add a new file.
    Add(&'static str, &'static str),
    /// Remove a file.
    Remove(&'static str),
}

fn write(dir: &Path, files: &[(&str, String)]) {
    for folder in ["catalog/frameworks", "catalog/controls", "catalog/mappings", "regulatory"] {
        std::fs::create_dir_all(dir.join(folder)).unwrap();
    }
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

fn apply(edit: &Edit) -> Vec<(&'static str, String)> {
    let mut files = base();
    let find = |files: &mut Vec<(&'static str, String)>, name: &str| {
        let path = match name.strip_prefix("../") {
            Some(outside) => outside.to_owned(),
            None => format!("catalog/{name}"),
        };
        files.iter().position(|(n, _)| *n == path || *n == name).unwrap_or_else(|| panic!("no file {name} in the base"))
    };
    match edit {
        Edit::Replace(name, from, to) => {
            let i = find(&mut files, name);
            assert!(files[i].1.contains(from), "`{from}` is not in {name}");
            files[i].1 = files[i].1.replacen(from, to, 1);
        }
        Edit::Append(name, text) => {
            let i = find(&mut files, name);
            files[i].1.push_str(text);
        }
        Edit::Add(name, text) => files.push((name, (*text).to_owned())),
        Edit::Remove(name) => {
            let i = find(&mut files, name);
            files.remove(i);
        }
    }
    files
}

/// Loads `files` from a temporary folder; returns every problem as `file: entry: message`.
fn problems(files: &[(&str, String)]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), files);
    match load_dir(&dir.path().join("catalog")) {
        Ok(_) => Vec::new(),
        Err(Error::Catalog(errors)) => errors.0.iter().map(|e| e.to_string()).collect(),
        Err(other) => panic!("expected catalogue problems, got {other}"),
    }
}

/// Checks that the catalogue in `files` is refused with a problem containing `expected`;
/// the error says what was found instead.
fn check(files: &[(&str, String)], expected: &str) -> Result<(), String> {
    let found = problems(files);
    if found.iter().any(|p| p.contains(expected)) {
        return Ok(());
    }
    Err(format!(
        "expected a problem containing\n  {expected}\nfound:\n  {}",
        if found.is_empty() { "(none: the catalogue is valid)".to_owned() } else { found.join("\n  ") }
    ))
}

#[test]
fn the_base_catalogue_is_valid() {
    assert_eq!(problems(&base()), Vec::<String>::new());
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &base());
    let catalog = load_dir(&dir.path().join("catalog")).unwrap();
    let fw = catalog.framework("fw").unwrap();
    assert_eq!(
        fw.requirements.iter().map(|r| (r.id.as_str(), r.assessable)).collect::<Vec<_>>(),
        [("G", false), ("R1", true), ("R2", true)]
    );
    let soc2 = catalog.framework("soc2").unwrap();
    assert_eq!(soc2.requirement("CC1.1").unwrap().soc2_category, Some(Soc2Category::Security));
    let art4 = catalog.framework("eu_ai_act").unwrap().requirement("Art.4").unwrap();
    assert_eq!(art4.ai_act.as_ref().unwrap().roles, [crate::domain::AiRole::Provider, crate::domain::AiRole::Deployer]);
    assert!(art4.ai_act.as_ref().unwrap().when.is_empty(), "no `when`: role and tier decide");
    let m2 = catalog.milestones.iter().find(|m| m.id == "m2").unwrap();
    assert_eq!(m2.date_for(AiTier::HighRiskAnnexI).to_string(), "2028-01-01");
    assert_eq!(m2.date_for(AiTier::Minimal).to_string(), "2027-01-01");
    // The assets folder holding catalog/ is accepted too.
    assert_eq!(load_dir(dir.path()).unwrap(), catalog);
}

#[test]
fn every_kind_of_problem_is_found_with_its_file_and_entry() {
    use Edit::*;
    let cases: &[(&str, Edit, &str)] = &[
        (
            "duplicate requirement id",
            Append("frameworks/fw.toml", "\n[[requirement]]\nid = \"R1\"\nparent = \"G\"\nkind = \"subclause\"\ntitle = { en = \"Again\", de = \"Nochmal\" }\n"),
            "frameworks/fw.toml: R1: duplicate requirement id `R1`",
        ),
        (
            "duplicate control id across files",
            Add("catalog/controls/d.toml", "[[control]]\nid = \"CW-ACC-01\"\ndomain = \"access\"\neffort = \"S\"\ntitle = { en = \"x\", de = \"x\" }\nobjective = { en = \"x\", de = \"x\" }\nevidence = { en = \"x\", de = \"x\" }\n"),
            "controls/d.toml: CW-ACC-01: duplicate control id `CW-ACC-01` (first defined in controls/c.toml)",
        ),
        (
            "duplicate domain id",
            Append("catalog.toml", "\n[[domain]]\nid = \"access\"\nname = { en = \"Again\", de = \"Nochmal\" }\n"),
            "catalog.toml: access: duplicate domain id `access`",
        ),
        (
            "duplicate framework id",
            Add("catalog/frameworks/fw2.toml", "[framework]\nid = \"fw\"\nname = \"Copy\"\nkind = \"certification\"\ntitle = { en = \"x\", de = \"x\" }\n[[requirement]]\nid = \"Z\"\nkind = \"clause\"\ntitle = { en = \"x\", de = \"x\" }\n"),
            "frameworks/fw2.toml: fw: duplicate framework id `fw` (first defined in frameworks/fw.toml)",
        ),
        (
            "duplicate milestone id",
            Append("../regulatory/calendar.toml", "\n[[milestone]]\nid = \"m1\"\ndate = \"2026-02-02\"\ntitle = { en = \"x\", de = \"x\" }\nsource = \"x\"\n"),
            "../regulatory/calendar.toml: m1: duplicate milestone id `m1`",
        ),
        ("undefined parent", Replace("frameworks/fw.toml", "id = \"R2\"\nparent = \"G\"", "id = \"R2\"\nparent = \"NOPE\""), "frameworks/fw.toml: R2: undefined parent `NOPE`"),
        (
            "parent defined later in the file",
            Replace("frameworks/fw.toml", "id = \"R1\"\nparent = \"G\"", "id = \"R1\"\nparent = \"R2\""),
            "frameworks/fw.toml: R1: parent `R2` is defined after this entry",
        ),
        ("unknown domain", Replace("controls/c.toml", "domain = \"access\"", "domain = \"acess\""), "controls/c.toml: CW-ACC-01: unknown domain `acess`"),
        ("unknown effort", Replace("controls/c.toml", "effort = \"M\"", "effort = \"XXL\""), "controls/c.toml: CW-ACC-02: unknown effort `XXL` (expected one of: XS, S, M, L, XL)"),
        ("unknown requirement kind", Replace("frameworks/fw.toml", "kind = \"subclause\"", "kind = \"subclaus\""), "frameworks/fw.toml: R1: unknown kind `subclaus`"),
        ("unknown framework kind", Replace("frameworks/fw.toml", "kind = \"certification\"", "kind = \"badge\""), "frameworks/fw.toml: fw: unknown kind `badge`"),
        ("unknown role", Replace("frameworks/eu_ai_act.toml", "\"deployer\"", "\"vendor\""), "frameworks/eu_ai_act.toml: Art.4: unknown role `vendor`"),
        ("unknown tier", Replace("frameworks/eu_ai_act.toml", "tiers = [\"minimal\"]", "tiers = [\"low\"]"), "frameworks/eu_ai_act.toml: Art.4: unknown tier `low`"),
        ("unknown tier in the calendar", Replace("../regulatory/calendar.toml", "high_risk_annex_i =", "annex_one ="), "../regulatory/calendar.toml: m2: unknown tier `annex_one`"),
        ("unknown milestone", Replace("frameworks/eu_ai_act.toml", "applies_from = \"m1\"", "applies_from = \"m9\""), "frameworks/eu_ai_act.toml: Art.4: unknown milestone `m9`"),
        ("AI Act leaf without its scope", Replace("frameworks/eu_ai_act.toml", "tiers = [\"minimal\"]\n", ""), "frameworks/eu_ai_act.toml: Art.4: an EU AI Act leaf needs `tiers`"),
        ("scope outside the AI Act", Append("frameworks/fw.toml", "roles = [\"provider\"]\n"), "frameworks/fw.toml: R2: `roles` belong only to EU AI Act requirements"),
        ("unknown fact in a condition", Replace("frameworks/eu_ai_act.toml", "tiers = [\"minimal\"]\n", "tiers = [\"minimal\"]\nwhen = [{ deployer = [\"private\"] }]\n"), "frameworks/eu_ai_act.toml: Art.4: unknown fact `deployer` in `when`"),
        ("unknown value in a condition", Replace("frameworks/eu_ai_act.toml", "tiers = [\"minimal\"]\n", "tiers = [\"minimal\"]\nwhen = [{ annex_iii_point = [\"5(f)\"] }]\n"), "frameworks/eu_ai_act.toml: Art.4: unknown value `5(f)` for `annex_iii_point` in `when`"),
        ("empty condition", Replace("frameworks/eu_ai_act.toml", "tiers = [\"minimal\"]\n", "tiers = [\"minimal\"]\nwhen = [{}]\n"), "frameworks/eu_ai_act.toml: Art.4: `when` condition 1 tests nothing"),
        ("condition without values", Replace("frameworks/eu_ai_act.toml", "tiers = [\"minimal\"]\n", "tiers = [\"minimal\"]\nwhen = [{ deep_fake = [] }]\n"), "frameworks/eu_ai_act.toml: Art.4: `when` lists no value for `deep_fake`"),
        ("condition outside the AI Act", Append("frameworks/fw.toml", "when = [{ deep_fake = [\"yes\"] }]\n"), "frameworks/fw.toml: R2: `when` belong only to EU AI Act requirements"),
        ("SOC 2 top level that is no category", Replace("frameworks/soc2.toml", "id = \"Security\"", "id = \"Safety\""), "frameworks/soc2.toml: Safety: a top-level SOC 2 entry must be a category"),
        ("mapping to an unknown control", Append("mappings/m.csv", "CW-ACC-09,fw,R1,equal\n"), "mappings/m.csv: line 6 (CW-ACC-09,fw,R1,equal): unknown control `CW-ACC-09`"),
        ("mapping to an unknown framework", Append("mappings/m.csv", "CW-ACC-01,nope,R1,equal\n"), "mappings/m.csv: line 6 (CW-ACC-01,nope,R1,equal): unknown framework `nope`"),
        ("mapping to an unknown requirement", Append("mappings/m.csv", "CW-ACC-01,fw,R9,equal\n"), "mappings/m.csv: line 6 (CW-ACC-01,fw,R9,equal): unknown requirement `R9` in framework fw"),
        ("mapping to a grouping entry", Append("mappings/m.csv", "CW-ACC-01,fw,G,equal\n"), "mappings/m.csv: line 6 (CW-ACC-01,fw,G,equal): `G` of fw is a grouping entry, not an assessable requirement"),
        ("unknown relationship", Replace("mappings/m.csv", "R1,equal", "R1,same"), "mappings/m.csv: line 2 (CW-ACC-01,fw,R1,same): unknown relationship `same`"),
        ("duplicate mapping row", Append("mappings/m.csv", "CW-ACC-01,fw,R1,subset\n"), "mappings/m.csv: line 6 (CW-ACC-01,fw,R1,subset): duplicate mapping row: line 2 already maps"),
        (
            "duplicate mapping row in another file",
            Add("catalog/mappings/n.csv", "control_id,framework,requirement_id,relationship\nCW-ACC-01,fw,R1,equal\n"),
            "mappings/n.csv: line 2 (CW-ACC-01,fw,R1,equal): duplicate mapping row: mappings/m.csv line 2 already maps",
        ),
        ("assessable requirement with no mapping", Replace("mappings/m.csv", "CW-ACC-02,fw,R2,subset\n", ""), "frameworks/fw.toml: R2: assessable requirement with no mapping"),
        (
            "control with no mapping",
            Append("controls/c.toml", "\n[[control]]\nid = \"CW-ACC-03\"\ndomain = \"access\"\neffort = \"XS\"\ntitle = { en = \"x\", de = \"x\" }\nobjective = { en = \"x\", de = \"x\" }\nevidence = { en = \"x\", de = \"x\" }\n"),
            "controls/c.toml: CW-ACC-03: control `CW-ACC-03` has no mapping",
        ),
        ("missing translation", Replace("frameworks/fw.toml", "title = { en = \"One\", de = \"Eins\" }", "title = { en = \"One\" }"), "frameworks/fw.toml: R1: missing or empty translation `title.de`"),
        ("empty translation", Replace("controls/c.toml", "objective = { en = \"Good.\"", "objective = { en = \" \""), "controls/c.toml: CW-ACC-01: missing or empty translation `objective.en`"),
        ("missing text", Replace("catalog.toml", "name = { en = \"Access\", de = \"Zugriff\" }", ""), "catalog.toml: access: `name` is missing"),
        ("unknown key", Replace("frameworks/fw.toml", "parent = \"G\"", "parnet = \"G\""), "frameworks/fw.toml: R1: unknown key `parnet`"),
        ("unknown language", Replace("controls/c.toml", "de = \"Gut.\"", "de = \"Gut.\", fr = \"Bon.\""), "controls/c.toml: CW-ACC-01: unknown key `objective.fr`"),
        ("misspelt table", Replace("frameworks/fw.toml", "[[requirement]]\nid = \"R2\"", "[[requirements]]\nid = \"R2\""), "frameworks/fw.toml: unknown top-level key `requirements`"),
        ("TOML syntax", Replace("controls/c.toml", "effort = \"S\"", "effort = S"), "controls/c.toml: not valid TOML"),
        ("CSV header", Replace("mappings/m.csv", "relationship\n", "relation\n"), "mappings/m.csv: line 1: the header must be `control_id,framework,requirement_id,relationship`"),
        ("CSV quote left open", Replace("mappings/m.csv", "R1,equal", "R1,\"equal"), "mappings/m.csv: line 2 (CW-ACC-01,fw,R1,equal CW-ACC-02,fw,R2,subset"),
        ("entry of the wrong shape", Replace("controls/c.toml", "title = { en = \"Access one\", de = \"Zugriff eins\" }", "title = \"Access one\""), "controls/c.toml: CW-ACC-01: invalid type: string \"Access one\", expected a text table"),
        ("CSV row width", Append("mappings/m.csv", "CW-ACC-01,fw,R1\n"), "mappings/m.csv: line 6 (CW-ACC-01,fw,R1): expected 4 fields, found 3"),
        ("control id form", Replace("controls/c.toml", "id = \"CW-ACC-02\"", "id = \"ACC-2\""), "controls/c.toml: ACC-2: control id `ACC-2` must have the form CW-<AREA>-<NN>"),
        ("bad date", Replace("../regulatory/calendar.toml", "2026-02-02", "2026-02-30"), "../regulatory/calendar.toml: m1: `date`: `2026-02-30` is not a date"),
        ("milestone date not the earliest", Replace("../regulatory/calendar.toml", "date = \"2027-01-01\"", "date = \"2026-06-01\""), "../regulatory/calendar.toml: m2: `date` must be the earliest of the `by_tier` dates"),
        ("missing framework table", Replace("frameworks/fw.toml", "[framework]", "[frame]"), "frameworks/fw.toml: the [framework] table is missing"),
        ("missing catalog.toml", Remove("catalog.toml"), "catalog.toml: the file is missing"),
        ("missing calendar", Remove("../regulatory/calendar.toml"), "../regulatory/calendar.toml: the file is missing"),
        ("stray file", Add("catalog/controls/notes.md", "# notes"), "controls/notes.md: unexpected file: only *.toml files belong in controls/"),
        (
            "a control equal to two requirements",
            Append("mappings/m.csv", "CW-ACC-01,soc2,CC1.1,equal\n"),
            "mappings/m.csv: line 6 (CW-ACC-01,soc2,CC1.1,equal): `CW-ACC-01` is `equal` to several requirements (fw R1, soc2 CC1.1)",
        ),
        (
            "a jointly sufficient group of one control",
            Add("catalog/jointly-sufficient.toml", "[[jointly_sufficient]]\nframework = \"fw\"\nrequirement = \"R2\"\ncontrols = [\"CW-ACC-02\"]\nreason = \"x\"\n"),
            "jointly-sufficient.toml: fw R2: `controls` must list at least two controls",
        ),
        (
            "a jointly sufficient group naming a control that is not a subset",
            Add("catalog/jointly-sufficient.toml", "[[jointly_sufficient]]\nframework = \"fw\"\nrequirement = \"R2\"\ncontrols = [\"CW-ACC-02\", \"CW-ACC-01\"]\nreason = \"x\"\n"),
            "jointly-sufficient.toml: fw R2: `CW-ACC-01` is not mapped to fw R2 as `subset`",
        ),
        (
            "a jointly sufficient group leaving out a subset control",
            Add("catalog/jointly-sufficient.toml", "[[jointly_sufficient]]\nframework = \"fw\"\nrequirement = \"R1\"\ncontrols = [\"CW-ACC-02\", \"CW-ACC-03\"]\nreason = \"x\"\n"),
            "jointly-sufficient.toml: fw R1: `CW-ACC-02` is not mapped to fw R1 as `subset`",
        ),
        (
            "a jointly sufficient group on a grouping entry",
            Add("catalog/jointly-sufficient.toml", "[[jointly_sufficient]]\nframework = \"fw\"\nrequirement = \"G\"\ncontrols = [\"CW-ACC-01\", \"CW-ACC-02\"]\nreason = \"x\"\n"),
            "jointly-sufficient.toml: fw G: `G` of fw is a grouping entry",
        ),
        (
            "a jointly sufficient group for an unknown requirement",
            Add("catalog/jointly-sufficient.toml", "[[jointly_sufficient]]\nframework = \"fw\"\nrequirement = \"R9\"\ncontrols = [\"CW-ACC-01\", \"CW-ACC-02\"]\nreason = \"x\"\n"),
            "jointly-sufficient.toml: fw R9: unknown requirement `R9` in framework fw",
        ),
        (
            "a jointly sufficient group without a reason",
            Add("catalog/jointly-sufficient.toml", "[[jointly_sufficient]]\nframework = \"fw\"\nrequirement = \"R2\"\ncontrols = [\"CW-ACC-02\", \"CW-ACC-02\"]\n"),
            "jointly-sufficient.toml: fw R2: `reason` is missing",
        ),
        (
            "a control listed twice in a group",
            Add("catalog/jointly-sufficient.toml", "[[jointly_sufficient]]\nframework = \"fw\"\nrequirement = \"R2\"\ncontrols = [\"CW-ACC-02\", \"CW-ACC-02\"]\nreason = \"x\"\n"),
            "jointly-sufficient.toml: fw R2: control `CW-ACC-02` is listed twice",
        ),
        (
            "an unknown key in a group",
            Add("catalog/jointly-sufficient.toml", "[[jointly_sufficient]]\nframework = \"fw\"\nrequirement = \"R2\"\ncontrols = [\"CW-ACC-02\", \"CW-ACC-01\"]\nreason = \"x\"\nwhy = \"y\"\n"),
            "jointly-sufficient.toml: fw R2: unknown key `why`",
        ),
    ];
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(name, edit, expected)| check(&apply(edit), expected).err().map(|e| format!("case `{name}`: {e}")))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// A requirement whose subset controls are listed in `jointly-sufficient.toml` loads as declared;
/// one that is not stays undeclared.
#[test]
fn a_complete_jointly_sufficient_group_is_accepted() {
    let mut files = base();
    files.iter_mut().find(|(n, _)| *n == "catalog/mappings/m.csv").unwrap().1.push_str("CW-ACC-01,fw,R2,subset\n");
    files.push((
        "catalog/jointly-sufficient.toml",
        "[[jointly_sufficient]]\nframework = \"fw\"\nrequirement = \"R2\"\ncontrols = [\"CW-ACC-02\", \"CW-ACC-01\"]\nreason = \"Together they cover it.\"\n".into(),
    ));
    assert_eq!(problems(&files), Vec::<String>::new());
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &files);
    let catalog = load_dir(&dir.path().join("catalog")).unwrap();
    assert!(catalog.is_jointly_sufficient("fw", "R2"));
    assert!(!catalog.is_jointly_sufficient("fw", "R1"));
    assert_eq!(catalog.jointly_sufficient[0].controls, ["CW-ACC-02", "CW-ACC-01"]);
    // Without the file no requirement is declared, and the folder is still valid.
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &base());
    assert!(load_dir(&dir.path().join("catalog")).unwrap().jointly_sufficient.is_empty());
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut files = apply(&Edit::Replace("controls/c.toml", "domain = \"access\"", "domain = \"nowhere\""));
    files[2].1 = files[2].1.replacen("kind = \"clause\"", "kind = \"chapterr\"", 1);
    files[6].1.push_str("CW-ACC-01,fw,R1,equal\n");
    let found = problems(&files);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(found[0].starts_with("controls/c.toml: CW-ACC-01: unknown domain"), "sorted by file: {found:#?}");
    assert!(found[1].starts_with("frameworks/fw.toml: G: unknown kind"));
    assert!(found[2].starts_with("mappings/m.csv: line 6"));
}

#[test]
fn a_file_that_fails_to_parse_does_not_flood_the_report() {
    // With the control file unreadable, the mappings to its controls are not each reported as
    // unknown, and no requirement is reported as unmapped.
    let found = problems(&apply(&Edit::Replace("controls/c.toml", "[[control]]", "[[control]")));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].starts_with("controls/c.toml: not valid TOML"), "{found:#?}");

    // An entry that cannot be read is reported once; mappings to it are not reported again.
    let found = problems(&apply(&Edit::Replace(
        "controls/c.toml",
        "title = { en = \"Access one\", de = \"Zugriff eins\" }",
        "title = \"Access one\"",
    )));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].starts_with("controls/c.toml: CW-ACC-01: invalid type"), "{found:#?}");
}

#[test]
fn a_missing_folder_is_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = load_dir(&dir.path().join("nowhere")).unwrap_err();
    assert!(matches!(err, Error::Io { .. }), "{err}");
}
