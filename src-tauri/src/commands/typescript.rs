//! What follows from the declarations in `declare.rs` besides the Rust side: the typed
//! TypeScript wrappers (`ui/src/lib/commands.ts`) and the main window's capability
//! (`src-tauri/capabilities/main.json`). Both are committed; the test below fails when either is
//! stale. Refresh them with `UPDATE_BINDINGS=1 cargo test -p crosswalk commands`.

use std::collections::BTreeSet;
use std::path::PathBuf;

use ts_rs::{Config, TypeVisitor, TS};

use super::{AppInfo, ClientEvidence, Exported, ReportFileFormat, RequestsExported, RequestsImportPreview};

pub const COMMANDS_TS_PATH: &str = "ui/src/lib/commands.ts";
pub const CAPABILITY_PATH: &str = "src-tauri/capabilities/main.json";

/// A TypeScript type expression and the generated types it names.
pub struct TsType {
    text: String,
    names: BTreeSet<String>,
}

impl TsType {
    pub fn of<T: TS + 'static + ?Sized>() -> TsType {
        let cfg = Config::new();
        let mut visitor = Names { cfg: &cfg, found: BTreeSet::new() };
        visitor.visit::<T>();
        TsType { text: T::name(&cfg), names: visitor.found }
    }
}

/// Collects the named (declared) types a type refers to at its top level.
struct Names<'a> {
    cfg: &'a Config,
    found: BTreeSet<String>,
}

impl TypeVisitor for Names<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if T::output_path().is_some() {
            self.found.insert(T::ident(self.cfg));
        }
        T::visit_generics(self);
    }
}

pub struct Field {
    name: &'static str,
    ty: TsType,
}

impl Field {
    pub fn of<T: TS + 'static + ?Sized>(name: &'static str) -> Field {
        Field { name, ty: TsType::of::<T>() }
    }
}

/// One declared command, as the macro in `mod.rs` sees it.
pub struct Command {
    pub name: &'static str,
    pub docs: &'static [&'static str],
    pub fields: Vec<Field>,
    pub reply: TsType,
}

/// The shell's own reply types: declared in `commands.ts` (the core's are in `bindings.ts`).
fn shell_types(cfg: &Config) -> Vec<(String, String, BTreeSet<String>)> {
    fn one<T: TS + 'static>(cfg: &Config) -> (String, String, BTreeSet<String>) {
        let mut visitor = Names { cfg, found: BTreeSet::new() };
        T::visit_dependencies(&mut visitor);
        (T::ident(cfg), T::decl(cfg), visitor.found)
    }
    vec![
        one::<AppInfo>(cfg),
        one::<ClientEvidence>(cfg),
        one::<Exported>(cfg),
        one::<ReportFileFormat>(cfg),
        one::<RequestsExported>(cfg),
        one::<RequestsImportPreview>(cfg),
    ]
}

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The whole of `ui/src/lib/commands.ts`.
pub fn typescript() -> String {
    let cfg = Config::new();
    let commands = super::declared();
    let shell = shell_types(&cfg);
    let local: BTreeSet<&str> = shell.iter().map(|(name, _, _)| name.as_str()).collect();
    let mut imports = BTreeSet::new();
    for command in &commands {
        imports.extend(command.reply.names.iter().cloned());
        for field in &command.fields {
            imports.extend(field.ty.names.iter().cloned());
        }
    }
    for (_, _, names) in &shell {
        imports.extend(names.iter().cloned());
    }
    imports.retain(|name| !local.contains(name.as_str()));

    let mut out = String::from(
        "// Generated from the declarations in src-tauri/src/commands/declare.rs. Do not edit by hand:\n\
         // run `UPDATE_BINDINGS=1 cargo test -p crosswalk commands` instead.\n\n",
    );
    out.push_str("import type {\n");
    for name in &imports {
        out.push_str(&format!("  {name},\n"));
    }
    out.push_str("} from './bindings';\n");
    for (_, decl, _) in &shell {
        out.push_str(&format!("\nexport {decl}\n"));
    }
    out.push_str(
        "\n/** Sends one command with its request object (none for a command without fields). */\n\
         export type Call = <T>(command: string, request?: Record<string, unknown>) => Promise<T>;\n\
         \n/** Every command of the shell as a typed function, sent through `call`. */\n\
         export function commands(call: Call) {\n  return {\n",
    );
    for command in &commands {
        if !command.docs.is_empty() {
            out.push_str("    /**\n");
            for line in command.docs {
                out.push_str(&format!("     *{line}\n"));
            }
            out.push_str("     */\n");
        }
        let params: Vec<String> = command.fields.iter().map(|f| format!("{}: {}", camel(f.name), f.ty.text)).collect();
        let request: Vec<String> = command
            .fields
            .iter()
            .map(|f| if camel(f.name) == f.name { f.name.to_owned() } else { format!("{}: {}", f.name, camel(f.name)) })
            .collect();
        let send = if request.is_empty() {
            format!("'{}'", command.name)
        } else {
            format!("'{}', {{ {} }}", command.name, request.join(", "))
        };
        out.push_str(&format!(
            "    {}: ({}) => call<{}>({send}),\n",
            camel(command.name),
            params.join(", "),
            command.reply.text
        ));
    }
    out.push_str("  };\n}\n");
    out
}

/// The plugin permissions the main window needs besides the app's own commands: listening to
/// the change events, the save and open dialogs (report export, choosing a folder or package
/// files), opening the written report (PDF and Word files only) and showing a written file in the file
/// manager.
const OTHER_GRANTS: &[&str] = &[
    r#""core:event:allow-listen""#,
    r#""core:event:allow-unlisten""#,
    r#""dialog:allow-save""#,
    r#""dialog:allow-open""#,
    r#"{ "identifier": "opener:allow-open-path", "allow": [{ "path": "**/*.pdf" }, { "path": "**/*.docx" }] }"#,
    r#""opener:allow-reveal-item-in-dir""#,
];

/// The whole of `capabilities/main.json`: the grants above and one per declared command.
pub fn capability() -> String {
    let mut grants: Vec<String> = OTHER_GRANTS.iter().map(|g| g.to_string()).collect();
    grants.extend(super::declared().iter().map(|c| format!("\"allow-{}\"", c.name.replace('_', "-"))));
    format!(
        "{{\n  \"identifier\": \"main-window\",\n  \"description\": \"The main window: Crosswalk's own commands \
         (generated from src-tauri/src/commands/declare.rs) and change events, nothing else.\",\n  \
         \"windows\": [\"main\"],\n  \"permissions\": [\n    {}\n  ]\n}}\n",
        grants.join(",\n    ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_commands_and_capability_are_fresh() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let update = std::env::var_os("UPDATE_BINDINGS").is_some();
        for (path, generated) in [(COMMANDS_TS_PATH, typescript()), (CAPABILITY_PATH, capability())] {
            if update {
                std::fs::write(root.join(path), &generated).unwrap();
                continue;
            }
            let committed = std::fs::read_to_string(root.join(path)).unwrap_or_default();
            assert!(
                committed == generated,
                "{path} is stale: run `UPDATE_BINDINGS=1 cargo test -p crosswalk commands` and commit the result"
            );
        }
    }

    #[test]
    fn command_names_are_snake_case_and_unique() {
        let names: Vec<&str> = super::super::declared().iter().map(|c| c.name).collect();
        let unique: BTreeSet<&str> = names.iter().copied().collect();
        assert_eq!(unique.len(), names.len(), "{names:?}");
        for name in names {
            assert!(name.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{name}");
            assert!(!name.ends_with("_cmd"), "{name}: name a command after what it does");
        }
    }

    #[test]
    fn camel_case_names() {
        for (snake, camel_case) in [("app_info", "appInfo"), ("assessments", "assessments"), ("a_b_c", "aBC")] {
            assert_eq!(camel(snake), camel_case);
        }
    }

    #[test]
    fn a_wrapper_sends_the_declared_fields_as_one_request() {
        let ts = typescript();
        assert!(
            ts.contains("setStatuses: (id: ClientId, controlIds: Array<string>, status: ControlStatus, justification: string | null, today: IsoDate) => call<ImportOutcome>('set_statuses', { id, control_ids: controlIds, status, justification, today }),"),
            "{ts}"
        );
        assert!(ts.contains("loadDemo: () => call<DemoOutcome>('load_demo'),"), "{ts}");
    }
}
