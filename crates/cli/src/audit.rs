//! `crosswalk-cli audit CLIENT`: a client's audit trail.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use crosswalk_core::store::{Store, AUDIT_PAGE_MAX};
use crosswalk_core::Error;

use crate::output::{print_line, table, Output};
use crate::{CliResult, Failure};
use crosswalk_core::files::write_private;

#[derive(Args)]
pub struct AuditArgs {
    client: String,
    /// Text (a table, newest first), or csv (every entry, oldest first).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Write the CSV to FILE (written whole) instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// How many entries to show, newest first.
    #[arg(long, default_value_t = 50)]
    limit: u32,
    /// Skip this many of the newest entries.
    #[arg(long, default_value_t = 0)]
    offset: u64,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Csv,
}

pub fn run(args: AuditArgs, store: &Store, out: &Output) -> CliResult {
    let id = store.clients().resolve(&args.client)?;
    if args.format == Format::Csv {
        let bytes = store.audit().csv(id)?;
        match &args.out {
            Some(file) => {
                write_private(file, &bytes)
                    .map_err(|e| Failure::Core(Error::io(format!("cannot write {}", file.display()), e)))?;
                out.value(&serde_json::json!({ "written": file.display().to_string() }), || {
                    format!("Wrote {}", file.display())
                });
            }
            None => print_line(String::from_utf8_lossy(&bytes).trim_end()),
        }
        return Ok(());
    }
    if args.out.is_some() {
        return Err(Failure::Usage("--out needs --format csv".into()));
    }
    let page = store.audit().log(id, args.limit.min(AUDIT_PAGE_MAX), args.offset)?;
    out.value(&page, || {
        let short = |v: &Option<serde_json::Value>| {
            let text = v.as_ref().map(|v| v.to_string()).unwrap_or_default();
            if text.chars().count() > 40 {
                format!("{}…", text.chars().take(39).collect::<String>())
            } else {
                text
            }
        };
        let rows: Vec<Vec<String>> = page
            .entries
            .iter()
            .map(|e| {
                let key = match &e.assessment_date {
                    Some(date) if e.entity == "control" => format!("{} ({date})", e.key),
                    _ => e.key.clone(),
                };
                vec![
                    e.at.clone(),
                    e.entity.clone(),
                    key,
                    serde_json::to_value(e.action).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(),
                    short(&e.old_value),
                    short(&e.new_value),
                ]
            })
            .collect();
        format!(
            "{}\n\n{} of {} entries (newest first)",
            table(&["AT", "ENTITY", "KEY", "ACTION", "OLD", "NEW"], &rows),
            page.entries.len(),
            page.total
        )
    });
    Ok(())
}
