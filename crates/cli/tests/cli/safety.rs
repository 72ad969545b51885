//! The data-safety commands as a script uses them: passphrase, backup, restore, package, audit.

use std::path::Path;
use std::process::Output;

use serde_json::Value;

use super::support::{command, run_with_input, Env};

/// The safety commands run with `--json`, a standard input (passphrases) and extra variables.
impl Env {
    fn run_safe(&self, args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Output {
        let mut cmd = command(&self.db);
        cmd.arg("--json").args(args).envs(env.iter().copied());
        run_with_input(cmd, stdin)
    }

    #[track_caller]
    fn ok(&self, args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Value {
        let out = self.run_safe(args, stdin, env);
        assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap_or(Value::Null)
    }

    /// Runs a command that must fail with exit code `exit`; returns the JSON error.
    #[track_caller]
    fn refused(&self, args: &[&str], stdin: &str, env: &[(&str, &str)], exit: i32) -> Value {
        let out = self.run_safe(args, stdin, env);
        assert_eq!(out.status.code(), Some(exit), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stderr)
            .unwrap_or_else(|_| panic!("stderr is one JSON object: {}", String::from_utf8_lossy(&out.stderr)))
    }

    fn add(&self, name: &str, env: &[(&str, &str)]) -> String {
        let v = self.ok(
            &[
                "client",
                "add",
                "--name",
                name,
                "--sector",
                "software",
                "--employees",
                "30",
                "--headquarters",
                "de",
                "--market",
                "eu",
                "--offering",
                "service_processing_customer_data",
            ],
            "",
            env,
        );
        v["id"].as_str().unwrap().to_owned()
    }
}

fn file_contains(path: &Path, needle: &[u8]) -> bool {
    std::fs::read(path).unwrap().windows(needle.len()).any(|w| w == needle)
}

const PASS: &[(&str, &str)] = &[("CROSSWALK_PASSPHRASE", "passphrase one")];

#[test]
fn passphrase_set_change_remove() {
    let env = Env::new();
    env.add("Northwind Traders", &[]);
    assert_eq!(env.ok(&["passphrase", "status"], "", &[])["encrypted"], false);

    let out = env.ok(&["passphrase", "set", "--new-passphrase-stdin"], "passphrase one\n", &[]);
    assert_eq!(out["encrypted"], true);
    assert_eq!(env.ok(&["passphrase", "status"], "", &[])["encrypted"], true);
    assert!(!file_contains(&env.db, b"Northwind"));

    // Missing and wrong passphrases: exit 4, stable codes, nothing echoed.
    let err = env.refused(&["client", "list"], "", &[], 4);
    assert_eq!(err["code"], "passphrase_required");
    let err = env.refused(&["--passphrase-stdin", "client", "list"], "not the passphrase\n", &[], 4);
    assert_eq!(err["code"], "wrong_passphrase");
    assert!(!err["message"].as_str().unwrap().contains("not the passphrase"));

    // From the environment, and from standard input.
    assert_eq!(env.ok(&["client", "list"], "", PASS).as_array().unwrap().len(), 1);
    assert_eq!(env.ok(&["--passphrase-stdin", "client", "list"], "passphrase one\n", &[]).as_array().unwrap().len(), 1);
    env.add("Second Ltd", PASS);

    // Change: current then new on standard input.
    env.ok(
        &["--passphrase-stdin", "passphrase", "change", "--new-passphrase-stdin"],
        "passphrase one\npassphrase two\n",
        &[],
    );
    env.refused(&["client", "list"], "", PASS, 4);
    let two = &[("CROSSWALK_PASSPHRASE", "passphrase two")];
    assert_eq!(env.ok(&["client", "list"], "", two).as_array().unwrap().len(), 2);

    // Too short a new passphrase is bad input; nothing changes.
    let err = env.refused(&["passphrase", "change", "--new-passphrase-stdin"], "short\n", two, 2);
    assert_eq!(err["fields"][0]["field"], "new_passphrase");
    assert_eq!(env.ok(&["client", "list"], "", two).as_array().unwrap().len(), 2);

    // Remove needs --yes.
    env.refused(&["passphrase", "remove"], "", two, 2);
    assert_eq!(env.ok(&["passphrase", "remove", "--yes"], "", two)["encrypted"], false);
    assert_eq!(env.ok(&["client", "list"], "", &[]).as_array().unwrap().len(), 2);
    // A passphrase given for a plain database is refused, not ignored.
    env.refused(&["client", "list"], "", two, 2);
}

#[test]
fn backup_list_and_restore() {
    let env = Env::new();
    env.add("Alpha", &[]);
    let made = env.ok(&["backup"], "", &[]);
    assert_eq!(made["reason"], "manual");
    let list = env.ok(&["backup", "list"], "", &[]);
    assert!(!list.as_array().unwrap().is_empty());
    env.add("Beta", &[]);
    let out = env.file("copy.db");
    env.ok(&["backup", "--out", out.to_str().unwrap()], "", &[]);

    let restored = env.ok(&["restore", made["path"].as_str().unwrap()], "", &[]);
    assert!(restored["previous_saved_as"].as_str().unwrap().contains("before-restore"));
    let names: Vec<String> = env
        .ok(&["client", "list"], "", &[])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["Alpha"]);
    env.ok(&["restore", out.to_str().unwrap()], "", &[]);
    assert_eq!(env.ok(&["client", "list"], "", &[]).as_array().unwrap().len(), 2);

    // Bad backups change nothing.
    let junk = env.file("junk.db");
    std::fs::write(&junk, b"SQLite format 3\0 but then nothing sensible at all").unwrap();
    let err = env.refused(&["restore", junk.to_str().unwrap()], "", &[], 1);
    assert_eq!(err["code"], "corrupt");
    env.refused(&["restore", env.file("missing.db").to_str().unwrap()], "", &[], 2);
    assert_eq!(env.ok(&["client", "list"], "", &[]).as_array().unwrap().len(), 2);
}

#[test]
fn a_damaged_database_names_the_way_out() {
    let env = Env::new();
    for i in 0..150 {
        env.add(&format!("Client {i}"), &[]);
    }
    env.ok(&["backup"], "", &[]);
    {
        use std::io::{Seek, SeekFrom, Write};
        let len = std::fs::metadata(&env.db).unwrap().len();
        let mut f = std::fs::OpenOptions::new().write(true).open(&env.db).unwrap();
        f.seek(SeekFrom::Start(len / 2)).unwrap();
        f.write_all(&vec![0x5A; 8192]).unwrap();
    }
    let err = env.refused(&["client", "list"], "", &[], 1);
    assert_eq!(err["code"], "corrupt");
    let message = err["message"].as_str().unwrap();
    assert!(message.contains("crosswalk-cli restore") && message.contains("backups"), "{message}");
    // backup list and restore work without opening the damaged file.
    let list = env.ok(&["backup", "list"], "", &[]);
    let newest = list[0]["path"].as_str().unwrap().to_owned();
    env.ok(&["restore", &newest], "", &[]);
    assert_eq!(env.ok(&["client", "list"], "", &[]).as_array().unwrap().len(), 150);
}

#[test]
fn packages_move_a_client_and_bad_ones_write_nothing() {
    let here = Env::new();
    let id = here.add("Travelling GmbH", &[]);
    here.ok(&["client", "edit", &id, "--notes", "met twice"], "", &[]);
    let pkg = here.file("travelling.cwpkg");
    let out = here.ok(&["package", "export", &id[..8], "--out", pkg.to_str().unwrap()], "", &[]);
    assert_eq!(out["package"]["name"], "Travelling GmbH");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&pkg).unwrap().permissions().mode() & 0o777, 0o600);
    }

    let there = Env::new();
    there.add("Already Here", &[]);
    let imported = there.ok(&["package", "import", pkg.to_str().unwrap()], "", &[]);
    assert_eq!(imported["status"], "imported");
    assert_ne!(imported["client_id"], id.as_str(), "new ids by default");
    assert_eq!(
        there.ok(&["package", "import", pkg.to_str().unwrap(), "--as", "replace"], "", &[])["status"],
        "imported"
    );
    assert_eq!(there.ok(&["package", "import", pkg.to_str().unwrap(), "--as", "skip"], "", &[])["status"], "skipped");
    assert_eq!(
        there.ok(&["package", "import", pkg.to_str().unwrap(), "--as", "replace"], "", &[])["status"],
        "replaced"
    );
    let count = |env: &Env| env.ok(&["client", "list"], "", &[]).as_array().unwrap().len();
    assert_eq!(count(&there), 3);

    // Encrypted with its own passphrase.
    let secret_pkg = here.file("secret.cwpkg");
    here.ok(
        &["package", "export", &id, "--out", secret_pkg.to_str().unwrap(), "--encrypt", "--package-passphrase-stdin"],
        "package passphrase\n",
        &[],
    );
    assert!(!file_contains(&secret_pkg, b"Travelling"));
    let err = there.refused(&["package", "import", secret_pkg.to_str().unwrap()], "", &[], 4);
    assert_eq!(err["code"], "passphrase_required");
    let err = there.refused(
        &["package", "import", secret_pkg.to_str().unwrap(), "--package-passphrase-stdin"],
        "wrong one!\n",
        &[],
        4,
    );
    assert_eq!(err["code"], "wrong_passphrase");
    let ok = there.ok(
        &["package", "import", secret_pkg.to_str().unwrap()],
        "",
        &[("CROSSWALK_PACKAGE_PASSPHRASE", "package passphrase")],
    );
    assert_eq!(ok["encrypted"], true);
    assert_eq!(count(&there), 4);

    // Garbage, truncation, a flipped bit: a clean error (exit 2), nothing written.
    let bytes = std::fs::read(&pkg).unwrap();
    let bad = there.file("bad.cwpkg");
    let mut flipped = bytes.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x04;
    for (label, content) in [
        ("garbage", b"this is not a package".to_vec()),
        ("empty", Vec::new()),
        ("truncated", bytes[..bytes.len() - 10].to_vec()),
        ("header only", bytes[..20].to_vec()),
        ("flipped", flipped),
    ] {
        std::fs::write(&bad, &content).unwrap();
        let err = there.refused(&["package", "import", bad.to_str().unwrap()], "", &[], 2);
        assert_eq!(err["code"], "invalid", "{label}");
        assert!(err["message"].as_str().unwrap().contains("nothing was imported"), "{label}: {err}");
        assert_eq!(count(&there), 4, "{label}");
    }
}

#[test]
fn audit_shows_every_change_and_exports_csv() {
    let env = Env::new();
    let id = env.add("Audited AG", &[]);
    env.ok(&["client", "edit", &id, "--employees", "45"], "", &[]);
    env.ok(&["client", "archive", &id], "", &[]);
    let page = env.ok(&["audit", &id], "", &[]);
    assert_eq!(page["total"], 3);
    let newest = &page["entries"][0];
    assert_eq!(newest["key"], "status");
    assert_eq!(newest["old_value"], "active");
    assert_eq!(newest["new_value"], "archived");
    assert_eq!(page["entries"][1]["key"], "employees");
    assert_eq!(page["entries"][1]["old_value"], 30);
    assert_eq!(page["entries"][1]["new_value"], 45);

    let csv = env.file("audit.csv");
    env.ok(&["audit", &id, "--format", "csv", "--out", csv.to_str().unwrap()], "", &[]);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(text.lines().count(), 4, "{text}");
    assert!(text.starts_with("id,at,entity,key,action,assessment_date,old_value,new_value"));

    env.ok(&["client", "delete", &id, "--yes"], "", &[]);
    env.refused(&["audit", &id], "", &[], 3);
}
