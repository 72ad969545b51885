//! The one harness of the CLI's integration tests: the built `crosswalk-cli` run on a database
//! in a temporary folder, with none of the user's `CROSSWALK_*` settings, as a script would run it.
//!
//! A module with needs of its own adds them in its own `impl Env` block (see `safety.rs`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// The environment variables that could point a test at the user's own data or passphrases.
const USER_SETTINGS: &[&str] = &[
    "CROSSWALK_DB",
    "CROSSWALK_PASSPHRASE",
    "CROSSWALK_NEW_PASSPHRASE",
    "CROSSWALK_PACKAGE_PASSPHRASE",
    "CROSSWALK_TEAM_PASSPHRASE",
];

/// `crosswalk-cli --db DB`, with none of the user's settings and its output captured.
pub fn command(db: &Path) -> Command {
    let mut cmd = bare_command();
    cmd.arg("--db").arg(db);
    cmd
}

/// `crosswalk-cli` without `--db` (for the tests of where the database comes from, and of
/// commands that need none), with none of the user's settings and its output captured.
pub fn bare_command() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_crosswalk-cli"));
    for var in USER_SETTINGS {
        cmd.env_remove(var);
    }
    cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd
}

/// Runs `command` with `stdin` written to it (then closed).
pub fn run_with_input(mut command: Command, stdin: &str) -> Output {
    command.stdin(Stdio::piped());
    let mut child = command.spawn().expect("the CLI starts");
    {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    }
    child.wait_with_output().unwrap()
}

/// A temporary folder with a database path in it (the database is created by the first command).
pub struct Env {
    dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Env {
    pub fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("portfolio.db");
        Env { dir, db }
    }

    /// A database with the demo portfolio loaded.
    pub fn demo() -> Env {
        let env = Env::new();
        env.json(&["demo"]);
        env
    }

    /// The temporary folder (removed with the `Env`).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// A path in the temporary folder.
    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn run(&self, args: &[&str]) -> Output {
        command(&self.db).args(args).output().unwrap()
    }

    /// Runs with `stdin` given to the command, when there is one.
    pub fn run_with_stdin(&self, args: &[&str], stdin: Option<&str>) -> Output {
        let mut cmd = command(&self.db);
        cmd.args(args);
        run_with_input(cmd, stdin.unwrap_or(""))
    }

    /// Runs a command that must succeed; returns its standard output.
    #[track_caller]
    pub fn text(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs a command that must succeed with `--json`; returns its JSON output.
    #[track_caller]
    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        serde_json::from_str(&self.text(&all)).unwrap()
    }

    /// Runs a command with `--json` that must exit with `exit`; returns its JSON error report.
    #[track_caller]
    pub fn fails(&self, args: &[&str], exit: i32) -> Value {
        self.fails_with_output(args, exit).1
    }

    /// Like [`Env::fails`], with what the command printed on standard output too.
    #[track_caller]
    pub fn fails_with_output(&self, args: &[&str], exit: i32) -> (String, Value) {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let out = self.run(&all);
        assert_eq!(out.status.code(), Some(exit), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        let report = serde_json::from_slice(&out.stderr)
            .unwrap_or_else(|_| panic!("stderr is one JSON object: {}", String::from_utf8_lossy(&out.stderr)));
        (String::from_utf8(out.stdout).unwrap(), report)
    }
}

/// The names of the fields an error report names.
pub fn field_names(err: &Value) -> Vec<String> {
    err["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap().to_owned()).collect()
}

/// A path as a command-line argument.
pub fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}
