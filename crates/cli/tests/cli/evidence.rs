//! `evidence add|list|show|export|remove|max-age` against a temporary database with the demo
//! portfolio (Harbor Ledger carries no demo evidence).

use serde_json::Value;

use super::support::{field_names, path, Env};

const TODAY: &str = "2026-11-29";
const HARBOR: &str = "bdd640fb-0667-4ad1-9c80-317fa3b1799d";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0";

fn sha256(bytes: &[u8]) -> String {
    crosswalk_core::evidence::sha256_hex(bytes)
}

fn links(env: &Env, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["evidence", "list", HARBOR];
    args.extend_from_slice(extra);
    env.json(&args)["links"].as_array().unwrap().clone()
}

fn audit_total(env: &Env) -> u64 {
    env.json(&["audit", HARBOR])["total"].as_u64().unwrap()
}

#[test]
fn attach_list_show_export_and_remove() {
    let env = Env::demo();
    let policy = env.file("backup-policy.md");
    std::fs::write(&policy, "# Backup policy\n\nNightly, tested monthly.\n").unwrap();
    let shot = env.file("console.png");
    std::fs::write(&shot, PNG).unwrap();
    let added = env.json(&[
        "evidence",
        "add",
        &HARBOR[..8],
        "cw-aig-01",
        path(&policy),
        path(&shot),
        "--provided-by",
        "IT Ops",
        "--date",
        "2026-11-20",
        "--note",
        "from the visit",
        "--today",
        TODAY,
    ]);
    let added = added.as_array().unwrap();
    assert_eq!(added.len(), 2);
    let first = &added[0];
    for key in [
        "control_id",
        "assessment_date",
        "sha256",
        "file_name",
        "media_type",
        "size",
        "provided_by",
        "provided_on",
        "note",
        "added_at",
        "stale",
    ] {
        assert!(first.get(key).is_some(), "{key} in {first}");
    }
    assert_eq!(first["control_id"], "CW-AIG-01");
    assert_eq!(first["file_name"], "backup-policy.md");
    assert_eq!(first["media_type"], "text/markdown");
    assert_eq!(first["provided_by"], "IT Ops");
    assert_eq!(first["provided_on"], "2026-11-20");
    assert_eq!(first["stale"], false);
    assert_eq!(added[1]["media_type"], "image/png");

    let list = env.json(&["evidence", "list", HARBOR]);
    assert_eq!(list["max_age_months"], 12);
    assert!(list["assessment_date"].is_string());
    assert_eq!(list["links"].as_array().unwrap().len(), 2);
    assert_eq!(links(&env, &["--control", "CW-AIG-02"]).len(), 0);
    let text = env.text(&["evidence", "list", HARBOR]);
    assert!(text.contains("backup-policy.md") && text.contains("Markdown") && text.contains("IT Ops"), "{text}");

    let png_sha = sha256(PNG);
    let show = env.json(&["evidence", "show", HARBOR, &png_sha[..8]]);
    assert_eq!(show["sha256"], png_sha.as_str());
    assert_eq!(show["controls"][0]["control_id"], "CW-AIG-01");
    assert!(!show["controls"][0]["requirements"].as_array().unwrap().is_empty());
    assert!(show["frameworks"].as_array().unwrap().contains(&Value::from("iso42001")), "{show}");

    let out = env.file("exported.png");
    let done = env.json(&["evidence", "export", HARBOR, &png_sha[..8], "--out", path(&out)]);
    assert_eq!(done["size"], PNG.len());
    assert_eq!(std::fs::read(&out).unwrap(), PNG);

    let removed = env.json(&["evidence", "remove", HARBOR, "CW-AIG-01", &png_sha[..8]]);
    assert_eq!(removed["file_deleted"], true);
    assert_eq!(removed["file_name"], "console.png");
    assert_eq!(links(&env, &[]).len(), 1);
    env.fails(&["evidence", "show", HARBOR, &png_sha[..8]], 3);

    // The trail records both the additions and the removal.
    let trail = env.json(&["audit", HARBOR, "--limit", "10"]);
    let evidence: Vec<&str> = trail["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["entity"] == "evidence")
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(evidence, ["delete", "insert", "insert"]);
}

#[test]
fn refused_files_write_nothing() {
    let env = Env::demo();
    let good = env.file("ok.txt");
    std::fs::write(&good, "fine").unwrap();
    let exe = env.file("tool.exe");
    std::fs::write(&exe, b"MZ\x90\0\x03\0").unwrap();
    let big = env.file("huge.txt");
    std::fs::write(&big, vec![b'a'; 25 * 1024 * 1024 + 1]).unwrap();
    let trail = audit_total(&env);
    #[track_caller]
    fn check(env: &Env, args: &[&str], exit: i32, words: &str) {
        let err = env.fails(args, exit);
        assert!(err.to_string().contains(words), "{args:?}: {err} should say {words}");
    }
    check(&env, &["evidence", "add", HARBOR, "CW-AIG-01", path(&good), path(&exe)], 2, "is an executable program");
    check(&env, &["evidence", "add", HARBOR, "CW-AIG-01", path(&good), path(&big)], 2, "at most 25 MiB");
    check(&env, &["evidence", "add", HARBOR, "CW-AIG-01", path(&env.file("missing.pdf"))], 2, "cannot read");
    check(&env, &["evidence", "add", HARBOR, "CW-NOPE-1", path(&good)], 2, "unknown control");
    check(&env, &["evidence", "add", HARBOR, "CW-AIG-01", path(&good), "--date", "2026-13-01"], 2, "date");
    check(&env, &["evidence", "add", "no-such-client", "CW-AIG-01", path(&good)], 3, "no client");
    check(&env, &["evidence", "show", HARBOR, "zz"], 2, "not a SHA-256 prefix");
    check(&env, &["evidence", "export", HARBOR, "abcdef", "--out", path(&env.file("x"))], 3, "no evidence file");
    check(&env, &["evidence", "max-age", "0"], 2, "out of range");
    assert_eq!(field_names(&env.fails(&["evidence", "add", HARBOR, "CW-AIG-01", path(&exe)], 2)), ["file"]);
    assert!(links(&env, &[]).is_empty());
    assert_eq!(audit_total(&env), trail, "no audit entry: nothing was written");
    assert!(!env.file("x").exists());
}

#[test]
fn a_new_assessment_keeps_evidence_and_flags_it_when_old() {
    let env = Env::demo();
    let file = env.file("register.csv");
    std::fs::write(&file, "asset,owner\nlaptop,IT\n").unwrap();
    env.json(&["evidence", "add", HARBOR, "CW-AIG-01", path(&file), "--date", "2025-06-01", "--today", "2025-06-02"]);
    env.json(&["assess", "new", HARBOR, "--date", TODAY, "--from-previous", "--today", TODAY]);
    let stale = links(&env, &["--stale"]);
    assert_eq!(stale.len(), 1);
    assert_eq!(stale[0]["file_name"], "register.csv");
    assert_eq!(stale[0]["media_type"], "text/csv");
    assert_eq!(stale[0]["assessment_date"], TODAY);
    assert_eq!(env.json(&["evidence", "max-age", "24"])["max_age_months"], 24);
    assert!(links(&env, &["--stale"]).is_empty());
    assert_eq!(env.json(&["evidence", "max-age"])["max_age_months"], 24);
    assert_eq!(links(&env, &[]).len(), 1, "the link was kept");
}

#[test]
fn packages_and_backups_carry_the_files() {
    let env = Env::demo();
    let nordlicht = "972a8469-1641-4f82-8b9d-2434e465e150";
    let demo = env.json(&["evidence", "list", nordlicht]);
    assert_eq!(demo["links"].as_array().unwrap().len(), 4, "the demo client has evidence");
    let package = env.file("nordlicht.cwpkg");
    env.json(&["package", "export", nordlicht, "--out", path(&package)]);
    let backup = env.file("copy.db");
    env.json(&["backup", "--out", path(&backup)]);

    let other = Env::new();
    let imported = other.json(&["package", "import", path(&package)]);
    let id = imported["client_id"].as_str().unwrap();
    let list = other.json(&["evidence", "list", id]);
    assert_eq!(list["links"], demo["links"]);
    let png = list["links"].as_array().unwrap().iter().find(|l| l["media_type"] == "image/png").unwrap();
    let sha = png["sha256"].as_str().unwrap();
    let out = other.file("from-package.png");
    other.json(&["evidence", "export", id, sha, "--out", path(&out)]);
    assert_eq!(sha256(&std::fs::read(&out).unwrap()), sha);

    let restored = super::support::command(&backup).args(["--json", "evidence", "list", nordlicht]).output().unwrap();
    assert!(restored.status.success(), "{}", String::from_utf8_lossy(&restored.stderr));
    let from_backup: Value = serde_json::from_slice(&restored.stdout).unwrap();
    assert_eq!(from_backup["links"], demo["links"]);
}
