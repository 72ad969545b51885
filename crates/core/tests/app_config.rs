//! The desktop app's security configuration, read from its files (no tauri dependency): the
//! content security policy allows no remote source, and the window's capability grants nothing
//! but the app's own commands and event listening.

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// A CSP source that reaches nothing outside the app: its own origin, inline data, Tauri's IPC.
fn is_local_source(source: &str) -> bool {
    matches!(source, "'self'" | "'none'" | "data:" | "ipc:" | "http://ipc.localhost")
        || source.starts_with("'sha256-")
        || source.starts_with("'sha384-")
        || source.starts_with("'sha512-")
        || source.starts_with("'nonce-")
}

fn csp_problems(csp: &Value) -> Vec<String> {
    let directives: Vec<(String, String)> = match csp {
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| {
                let sources = match v {
                    Value::String(s) => s.clone(),
                    Value::Array(items) => items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(" "),
                    other => other.to_string(),
                };
                (k.clone(), sources)
            })
            .collect(),
        Value::String(text) => text
            .split(';')
            .filter_map(|d| {
                let mut words = d.split_whitespace();
                words.next().map(|name| (name.to_owned(), words.collect::<Vec<_>>().join(" ")))
            })
            .collect(),
        Value::Null => return vec!["there is no content security policy".into()],
        other => return vec![format!("unexpected CSP value {other}")],
    };
    let mut problems = Vec::new();
    if !directives.iter().any(|(name, _)| name == "default-src") {
        problems.push("no default-src directive".into());
    }
    for (name, sources) in &directives {
        for source in sources.split_whitespace() {
            if !is_local_source(source) {
                problems.push(format!("{name} allows `{source}`"));
            }
        }
    }
    problems
}

#[test]
fn the_content_security_policy_allows_no_remote_source() {
    let conf: Value = serde_json::from_str(&read("tauri.conf.json")).unwrap();
    let security = &conf["app"]["security"];
    let problems = csp_problems(&security["csp"]);
    assert!(problems.is_empty(), "tauri.conf.json: {problems:?}");
    if let Some(dev) = security.get("devCsp").filter(|v| !v.is_null()) {
        let problems = csp_problems(dev);
        assert!(problems.is_empty(), "tauri.conf.json devCsp: {problems:?}");
    }
    assert_ne!(security["dangerousDisableAssetCspModification"], Value::Bool(true));
}

#[test]
fn the_checker_catches_remote_sources() {
    for bad in ["https://cdn.example.com", "https:", "*", "http://localhost:8080", "ws:", "'unsafe-eval'"] {
        let csp = serde_json::json!({ "default-src": "'self'", "connect-src": format!("ipc: {bad}") });
        assert!(!csp_problems(&csp).is_empty(), "{bad} must be refused");
    }
    assert!(csp_problems(&Value::String("default-src 'self'; img-src 'self' data:".into())).is_empty());
    assert!(!csp_problems(&Value::String("default-src 'self' https://x.io".into())).is_empty());
}

/// The commands `src-tauri/src/commands/declare.rs` declares (`module::name(...) -> Reply;`).
fn declared_commands() -> BTreeSet<String> {
    let declarations = read("src-tauri/src/commands/declare.rs");
    declarations
        .lines()
        .map(str::trim)
        .filter(|line| !line.starts_with("//"))
        .filter_map(|line| {
            let (path, _) = line.split_once('(')?;
            let (module, name) = path.split_once("::")?;
            let word = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c == '_');
            (word(module) && word(name)).then(|| name.to_owned())
        })
        .collect()
}

#[test]
fn the_window_may_call_only_the_apps_own_commands() {
    let commands = declared_commands();
    assert!(commands.contains("list_clients"), "{commands:?}");
    let mut allowed: BTreeSet<String> = commands.iter().map(|c| format!("allow-{}", c.replace('_', "-"))).collect();
    allowed.insert("core:event:allow-listen".into());
    allowed.insert("core:event:allow-unlisten".into());
    // The plugin permissions the app uses: the save and open dialogs (report export, choosing a
    // folder or package files), opening the written PDF (scoped to PDF files in the capability)
    // and showing a written file in the file manager.
    allowed.insert("dialog:allow-save".into());
    allowed.insert("dialog:allow-open".into());
    allowed.insert("opener:allow-open-path".into());
    allowed.insert("opener:allow-reveal-item-in-dir".into());

    let dir = root().join("src-tauri/capabilities");
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let capability: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        files += 1;
        assert!(capability.get("remote").is_none(), "{}: grants remote URLs", path.display());
        let permissions = capability["permissions"].as_array().expect("a permissions list");
        for permission in permissions {
            let name = match permission {
                Value::String(s) => s.clone(),
                Value::Object(o) => o.get("identifier").and_then(Value::as_str).unwrap_or_default().to_owned(),
                other => other.to_string(),
            };
            assert!(allowed.contains(&name), "{} grants `{name}`, which is not one of {allowed:?}", path.display());
        }
    }
    assert!(files >= 1, "no capability file in {}", dir.display());
}
