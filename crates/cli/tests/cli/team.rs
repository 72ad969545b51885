//! Team sync as a script uses it: two portfolios, one shared folder.

use serde_json::Value;

use super::support::{command, path, run_with_input, Env};

const HARBOR: &str = "bdd640fb-0667-4ad1-9c80-317fa3b1799d";
const KESTREL: &str = "17fc695a-07a0-4a6e-8822-e8f36c031199";
const PASS: &str = "correct horse team staple\n";

impl Env {
    /// `--json team ARGS` with the team passphrase on standard input.
    #[track_caller]
    fn team(&self, args: &[&str]) -> Value {
        let mut cmd = command(&self.db);
        cmd.args(["--json", "team"]).args(args);
        let out = run_with_input(cmd, PASS);
        assert!(out.status.success(), "team {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    }
}

fn control_status(env: &Env, client: &str, control: &str) -> Option<String> {
    let view = env.json(&["assess", "show", client]);
    let text = view.to_string();
    if !text.contains(control) {
        return None;
    }
    // The control's row, wherever the view lists it.
    fn find(v: &Value, control: &str) -> Option<String> {
        match v {
            Value::Object(map) => {
                if map.get("control_id").and_then(Value::as_str) == Some(control) {
                    return map.get("status").and_then(Value::as_str).map(str::to_owned);
                }
                map.values().find_map(|x| find(x, control))
            }
            Value::Array(items) => items.iter().find_map(|x| find(x, control)),
            _ => None,
        }
    }
    find(&view, control)
}

#[test]
fn two_portfolios_share_a_client_through_a_folder() {
    let a = Env::demo();
    let b = Env::new();
    let folder = a.file("team");
    let status = a.team(&["init", path(&folder), "--team-passphrase-stdin"]);
    assert_eq!(status["shared_clients"], 0);
    a.team(&["share", HARBOR]);
    a.json(&["assess", "set", HARBOR, "cw-acc-04", "implemented"]);
    let sent = a.team(&["sync"]);
    assert!(sent["sent"]["changes"].as_u64().unwrap() > 0, "{sent}");

    let joined = b.team(&["join", path(&folder), "--team-passphrase-stdin"]);
    assert_eq!(joined["applied"].as_array().unwrap().len(), 1, "{joined}");
    let listed = b.json(&["client", "list"]).to_string();
    assert!(listed.contains(HARBOR) && !listed.contains(KESTREL), "only the shared client travels: {listed}");
    assert_eq!(control_status(&b, HARBOR, "CW-ACC-04").as_deref(), Some("implemented"));

    // The same control on both: one winner on both, the other value listed.
    a.json(&["assess", "set", HARBOR, "cw-acc-04", "partially_implemented"]);
    b.json(&["assess", "set", HARBOR, "cw-acc-04", "not_implemented"]);
    a.team(&["sync"]);
    b.team(&["sync"]);
    a.team(&["sync"]);
    let on_a = control_status(&a, HARBOR, "CW-ACC-04");
    assert_eq!(on_a, control_status(&b, HARBOR, "CW-ACC-04"));
    let conflicts = a.team(&["conflicts"]);
    let listed = conflicts.as_array().unwrap();
    let status_conflict = listed.iter().find(|c| c["field"] == "status").expect("the status conflict is listed");
    assert_eq!(status_conflict["mine"], "partially_implemented");
    assert_eq!(status_conflict["theirs"], "not_implemented");

    // Keep the other side: a new edit that the next sync sends.
    let id = status_conflict["id"].to_string();
    let keep = if status_conflict["winner"] == "mine" { "theirs" } else { "mine" };
    let wanted = status_conflict[keep].as_str().unwrap().to_owned();
    a.team(&["conflicts", "--keep", &id, keep]);
    a.team(&["sync"]);
    b.team(&["sync"]);
    assert_eq!(control_status(&b, HARBOR, "CW-ACC-04").as_deref(), Some(wanted.as_str()));
    assert_eq!(control_status(&a, HARBOR, "CW-ACC-04").as_deref(), Some(wanted.as_str()));
    // A's choice closes B's entry of the conflict too, naming A's device.
    assert_eq!(b.team(&["conflicts"]), serde_json::json!([]));
    let a_device = a.team(&["status"])["device_id"].clone();
    let closed = b.team(&["conflicts", "--all"]);
    let closed = closed.as_array().unwrap().iter().find(|c| c["field"] == "status").unwrap().clone();
    assert_eq!(closed["resolved_by"], a_device, "{closed}");

    // A compacts: a snapshot, and A's files that B has applied and the snapshot covers go.
    let compacted = a.team(&["compact"]);
    assert_eq!(compacted["snapshot"], 1, "{compacted}");
    assert!(compacted["pruned"].as_u64().unwrap() >= 1, "{compacted}");
    let c = Env::new();
    let joined = c.team(&["join", path(&folder), "--team-passphrase-stdin"]);
    assert_eq!(joined["snapshot"]["device_id"], a_device, "{joined}");
    assert!(joined["waiting"].as_array().unwrap().is_empty(), "{joined}");
    assert_eq!(control_status(&c, HARBOR, "CW-ACC-04").as_deref(), Some(wanted.as_str()));

    let status = b.team(&["status"]);
    assert_eq!(status["shared_clients"], 1);
    assert_eq!(status["peers"][0]["applied"], status["peers"][0]["in_folder"]);
    let text = String::from_utf8(command(&b.db).args(["team", "status"]).output().unwrap().stdout).unwrap();
    assert!(text.contains("Shared clients: 1"), "{text}");
}

#[test]
fn a_tampered_file_is_refused_with_exit_2_and_changes_nothing() {
    let a = Env::demo();
    let b = Env::new();
    let folder = a.file("team");
    a.team(&["init", path(&folder), "--team-passphrase-stdin"]);
    a.team(&["share", HARBOR]);
    a.team(&["sync"]);
    b.team(&["join", path(&folder), "--team-passphrase-stdin"]);
    a.json(&["assess", "set", HARBOR, "cw-acc-04", "implemented"]);
    a.team(&["sync"]);
    let device = a.team(&["status"])["device_id"].as_str().unwrap().to_owned();
    let file = folder.join("devices").join(device).join("2.cwsync");
    let mut bytes = std::fs::read(&file).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(&file, &bytes).unwrap();
    let before = b.json(&["assess", "show", HARBOR]);
    let (out, err) = b.fails_with_output(&["team", "sync"], 2);
    let report: Value = serde_json::from_str(&out).unwrap();
    assert!(report["refused"][0]["reason"].as_str().unwrap().contains("altered"), "{report}");
    assert!(err["message"].as_str().unwrap().contains("refused"), "{err}");
    assert_eq!(b.json(&["assess", "show", HARBOR]), before);

    // A wrong team passphrase cannot join; a portfolio in no team says how to start one.
    let c = Env::new();
    let mut cmd = command(&c.db);
    cmd.args(["--json", "team", "join", path(&folder), "--team-passphrase-stdin"]);
    let out = run_with_input(cmd, "wrong passphrase\n");
    assert_eq!(out.status.code(), Some(4), "{}", String::from_utf8_lossy(&out.stderr));
    let err = c.fails(&["team", "sync"], 2);
    assert!(err["message"].as_str().unwrap().contains("team init"), "{err}");
}
