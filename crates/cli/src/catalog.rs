//! `crosswalk-cli catalog ...`: the unified control catalogue, the crosswalk, and the
//! consultant's own controls and mappings. Documented in `docs/cli-catalog.md`.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use crosswalk_core::assessment::Lang;
use crosswalk_core::catalog::{self, CatalogError, FrameworkKind, Text, MAPPING_HEADER};
use crosswalk_core::store::{NewCustomControl, NewCustomMapping, OscalImport, Store};
use crosswalk_core::Error;
use serde::Serialize;

use crate::output::{print_line, table, write_whole, Output};
use crate::{keyword, lang};
use crate::{CliResult, Failure};

#[derive(Args)]
pub struct CatalogArgs {
    /// The language of titles in text output (JSON always carries both).
    #[arg(long, value_parser = lang::parser(), default_value = "en", global = true)]
    lang: Lang,

    #[command(subcommand)]
    command: CatalogCommand,
}

#[derive(Subcommand)]
enum CatalogCommand {
    /// List the frameworks with their requirement counts.
    Frameworks,
    /// List the requirements of a framework in tree order, with how many controls serve each.
    Requirements { framework: String },
    /// List the common controls, shipped and custom.
    Controls {
        /// Only controls whose id or English or German title contains TEXT (any case).
        #[arg(long, value_name = "TEXT", default_value = "")]
        search: String,
    },
    /// Show a control with every framework requirement it serves: the crosswalk.
    Control { id: String },
    /// Write every mapping, shipped and custom, as CSV.
    Export {
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
        /// Write to FILE (whole or not at all) instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Check a catalogue folder on disk (the layout of assets/catalog) and report every problem.
    Validate {
        /// The catalogue folder, or the assets folder holding catalog/.
        path: PathBuf,
    },
    /// The consultant's own controls and mappings, kept apart from the shipped catalogue.
    #[command(subcommand)]
    Custom(CustomCommand),
    /// Import a framework from an OSCAL catalog (JSON) with its mappings to the common controls
    /// (CSV: requirement_id,control_id,relationship[,note]). All or nothing.
    ImportOscal {
        /// The OSCAL catalog, JSON.
        file: PathBuf,
        /// The mappings of its assessable requirements to common controls.
        #[arg(long, value_name = "CSV")]
        mappings: PathBuf,
        /// The framework id: x_ followed by lowercase letters, digits and _ (default: from the title).
        #[arg(long)]
        id: Option<String>,
        /// What the framework yields (default: guidance).
        #[arg(long, value_parser = keyword::parser::<FrameworkKind>())]
        kind: Option<FrameworkKind>,
    },
    /// Write the shipped catalogue, or one framework of it, as an OSCAL catalog (JSON).
    ExportOscal {
        /// Only this framework (iso27001, soc2, gdpr, ...).
        #[arg(long)]
        framework: Option<String>,
        /// The file to write (whole or not at all).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Remove an imported framework with its requirements and mappings.
    RemoveFramework { id: String },
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Csv,
}

#[derive(Subcommand)]
enum CustomCommand {
    /// List the custom controls and mappings, with any problem a catalogue update caused.
    List,
    /// Add a control of your own. Its id starts with X-. An empty German text takes the English one.
    AddControl {
        /// X- followed by letters, digits, `.`, `_` or `-`, e.g. X-DORA-01.
        #[arg(long)]
        id: String,
        /// A domain of the catalogue (governance, access, ai_governance, ...).
        #[arg(long)]
        domain: String,
        /// XS, S, M, L or XL.
        #[arg(long)]
        effort: String,
        #[arg(long)]
        title: String,
        #[arg(long, default_value = "")]
        title_de: String,
        /// What good looks like.
        #[arg(long)]
        objective: String,
        #[arg(long, default_value = "")]
        objective_de: String,
        /// Typical evidence, comma-separated.
        #[arg(long, default_value = "")]
        evidence: String,
        #[arg(long, default_value = "")]
        evidence_de: String,
    },
    /// Map a control (custom or shipped) to an assessable requirement.
    AddMapping {
        control: String,
        framework: String,
        requirement: String,
        /// equal, subset, superset or intersect.
        #[arg(long)]
        relationship: String,
    },
    /// Remove a custom control (and its mappings), or one custom mapping.
    Remove {
        /// The control; alone, the custom control is removed.
        control: String,
        /// With REQUIREMENT: remove the custom mapping of CONTROL to this requirement.
        #[arg(requires = "requirement")]
        framework: Option<String>,
        requirement: Option<String>,
    },
}

pub fn run(args: CatalogArgs, store: &mut Store, out: &Output) -> CliResult {
    let lang = args.lang;
    match args.command {
        CatalogCommand::Frameworks => {
            let frameworks = store.catalog().frameworks()?;
            out.value(&frameworks, || {
                let rows: Vec<Vec<String>> = frameworks
                    .iter()
                    .map(|f| {
                        vec![
                            f.id.clone(),
                            f.name.clone(),
                            f.kind.to_string(),
                            f.requirements.to_string(),
                            f.assessable.to_string(),
                            f.controls.to_string(),
                        ]
                    })
                    .collect();
                table(&["ID", "NAME", "KIND", "REQUIREMENTS", "ASSESSABLE", "CONTROLS"], &rows)
            });
        }
        CatalogCommand::Requirements { framework } => {
            let nodes = store.catalog().requirements(&framework)?;
            out.value(&nodes, || {
                let rows: Vec<Vec<String>> = nodes
                    .iter()
                    .map(|n| {
                        vec![
                            format!("{}{}", "  ".repeat(n.depth as usize), n.id),
                            n.kind.to_string(),
                            if n.assessable { n.controls.to_string() } else { String::new() },
                            lang.pick(&n.title).to_owned(),
                        ]
                    })
                    .collect();
                table(&["ID", "KIND", "CONTROLS", "TITLE"], &rows)
            });
        }
        CatalogCommand::Controls { search } => {
            let controls = store.catalog().controls(&search)?;
            out.value(&controls, || {
                if controls.is_empty() {
                    return "No control matches.".into();
                }
                let rows: Vec<Vec<String>> = controls
                    .iter()
                    .map(|c| {
                        vec![
                            c.id.clone(),
                            c.domain.clone(),
                            c.effort.to_string(),
                            c.frameworks.join(","),
                            if c.custom { "custom".into() } else { String::new() },
                            lang.pick(&c.title).to_owned(),
                        ]
                    })
                    .collect();
                table(&["ID", "DOMAIN", "EFFORT", "FRAMEWORKS", "", "TITLE"], &rows)
            });
        }
        CatalogCommand::Control { id } => {
            let control = store.catalog().control(&id)?;
            out.value(&control, || {
                let mut text = format!(
                    "{}  {}{}\nDomain:    {}\nEffort:    {}\nObjective: {}\nEvidence:  {}\n",
                    control.id,
                    lang.pick(&control.title),
                    if control.custom { " (custom)" } else { "" },
                    control.domain,
                    control.effort,
                    lang.pick(&control.objective),
                    lang.pick(&control.evidence),
                );
                let frameworks = {
                    let mut ids: Vec<&str> = control.serves.iter().map(|s| s.framework.as_str()).collect();
                    ids.dedup();
                    ids.len()
                };
                text.push_str(&format!("Serves {} requirement(s) in {frameworks} framework(s):", control.serves.len()));
                let mut current = "";
                for s in &control.serves {
                    if s.framework != current {
                        current = &s.framework;
                        text.push_str(&format!("\n  {}", s.framework_name));
                    }
                    let custom = if s.custom { " (custom)" } else { "" };
                    text.push_str(&format!(
                        "\n    {:<12} {:<10} {}{custom}",
                        s.requirement_id,
                        s.relationship.as_str(),
                        lang.pick(&s.title)
                    ));
                }
                text
            });
        }
        CatalogCommand::Export { format: ExportFormat::Csv, out: path } => {
            let rows = store.catalog().all_mappings()?;
            let mut csv = MAPPING_HEADER.join(",");
            csv.push('\n');
            for r in &rows {
                let fields =
                    [r.control_id.as_str(), r.framework.as_str(), r.requirement_id.as_str(), r.relationship.as_str()];
                csv.push_str(&fields.map(csv_field).join(","));
                csv.push('\n');
            }
            match path {
                Some(path) => {
                    write_whole(&path, csv.as_bytes())
                        .map_err(|e| Failure::Core(Error::io(format!("cannot write {}", path.display()), e)))?;
                    let written = path.display().to_string();
                    out.value(&serde_json::json!({ "written": written, "rows": rows.len() }), || {
                        format!("Wrote {} mappings to {written}", rows.len())
                    });
                }
                None => print_line(csv.trim_end()),
            }
        }
        CatalogCommand::Validate { path } => validate(&path, out)?,
        CatalogCommand::Custom(cmd) => custom(cmd, store, out, lang)?,
        CatalogCommand::ImportOscal { file, mappings, id, kind } => {
            let read = |path: &PathBuf| {
                std::fs::read_to_string(path)
                    .map_err(|e| Failure::Core(Error::io(format!("cannot read {}", path.display()), e)))
            };
            let (catalog_text, mappings_text) = (read(&file)?, read(&mappings)?);
            let source_name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let imported = store.catalog().import_oscal(&OscalImport {
                catalog: &catalog_text,
                mappings: &mappings_text,
                id: id.as_deref(),
                kind,
                source_name: &source_name,
            })?;
            out.value(&imported, || {
                let withdrawn = match imported.withdrawn {
                    0 => String::new(),
                    n => format!(" ({n} withdrawn controls left out)"),
                };
                format!(
                    "Imported {} as {}: {} requirements, {} assessable, {} mappings{withdrawn}",
                    imported.name, imported.id, imported.requirements, imported.assessable, imported.mappings
                )
            });
        }
        CatalogCommand::ExportOscal { framework, out: path } => {
            let shipped = catalog::shipped().map_err(|e| Failure::Core(Error::ShippedCatalog(e)))?;
            let Some(text) = catalog::oscal::export_catalog(shipped, framework.as_deref()) else {
                let known: Vec<&str> = shipped.frameworks.iter().map(|f| f.id.as_str()).collect();
                return Err(Failure::Core(Error::invalid(
                    "framework",
                    format!(
                        "unknown framework `{}` (expected one of: {})",
                        framework.unwrap_or_default(),
                        known.join(", ")
                    ),
                )));
            };
            write_whole(&path, text.as_bytes())
                .map_err(|e| Failure::Core(Error::io(format!("cannot write {}", path.display()), e)))?;
            let written = path.display().to_string();
            let frameworks = framework.map_or(shipped.frameworks.len(), |_| 1);
            out.value(&serde_json::json!({ "written": written, "frameworks": frameworks }), || {
                format!("Wrote {frameworks} framework(s) as an OSCAL catalog to {written}")
            });
        }
        CatalogCommand::RemoveFramework { id } => {
            store.catalog().delete_custom_framework(&id)?;
            let id = id.trim().to_owned();
            out.value(&serde_json::json!({ "removed": { "framework": id } }), || {
                format!("Removed the imported framework {id} with its requirements and mappings")
            });
        }
    }
    Ok(())
}

/// What `catalog validate` reports, on standard output, valid or not.
#[derive(Serialize)]
struct Validation {
    path: String,
    valid: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<Summary>,
    errors: Vec<CatalogError>,
}

#[derive(Serialize)]
struct Summary {
    version: String,
    date: String,
    content_hash: String,
    frameworks: Vec<FrameworkCount>,
    controls: usize,
    mappings: usize,
    domains: usize,
    milestones: usize,
}

#[derive(Serialize)]
struct FrameworkCount {
    id: String,
    requirements: usize,
    assessable: usize,
}

fn validate(path: &std::path::Path, out: &Output) -> CliResult {
    let shown = path.display().to_string();
    match catalog::load_dir(path) {
        Ok(c) => {
            let summary = Summary {
                version: c.version.clone(),
                date: c.date.to_string(),
                content_hash: c.content_hash.clone(),
                frameworks: c
                    .frameworks
                    .iter()
                    .map(|f| FrameworkCount {
                        id: f.id.clone(),
                        requirements: f.requirements.len(),
                        assessable: f.requirements.iter().filter(|r| r.assessable).count(),
                    })
                    .collect(),
                controls: c.controls.len(),
                mappings: c.mappings.len(),
                domains: c.domains.len(),
                milestones: c.milestones.len(),
            };
            let report = Validation { path: shown.clone(), valid: true, summary: Some(summary), errors: Vec::new() };
            out.value(&report, || {
                let Some(s) = &report.summary else { return String::new() };
                let frameworks: Vec<String> =
                    s.frameworks.iter().map(|f| format!("{} {} ({} assessable)", f.id, f.requirements, f.assessable)).collect();
                format!(
                    "{shown}: valid. Catalogue {} of {}: {} controls, {} mappings, {} domains, {} milestones;\nrequirements: {}",
                    s.version,
                    s.date,
                    s.controls,
                    s.mappings,
                    s.domains,
                    s.milestones,
                    frameworks.join(", ")
                )
            });
            Ok(())
        }
        Err(Error::Catalog(errors)) => {
            // The structured list on standard output for scripts; the error report (one line
            // per problem, `file: entry: message`) on standard error, exit code 2.
            if out.json {
                out.value(
                    &Validation { path: shown, valid: false, summary: None, errors: errors.0.clone() },
                    String::new,
                );
            }
            Err(Failure::Core(Error::Catalog(errors)))
        }
        Err(other) => Err(Failure::Core(other)),
    }
}

fn custom(cmd: CustomCommand, store: &mut Store, out: &Output, lang: Lang) -> CliResult {
    match cmd {
        CustomCommand::List => {
            let entries = store.catalog().custom_entries()?;
            out.value(&entries, || {
                if entries.controls.is_empty() && entries.mappings.is_empty() {
                    return "No custom controls or mappings. Add one with `crosswalk-cli catalog custom add-control`."
                        .into();
                }
                let problem = |p: &Option<String>| p.clone().unwrap_or_default();
                let controls: Vec<Vec<String>> = entries
                    .controls
                    .iter()
                    .map(|c| {
                        vec![
                            c.id.clone(),
                            c.domain.clone(),
                            c.effort.to_string(),
                            lang.pick(&c.title).to_owned(),
                            problem(&c.problem),
                        ]
                    })
                    .collect();
                let mappings: Vec<Vec<String>> = entries
                    .mappings
                    .iter()
                    .map(|m| {
                        vec![
                            m.control_id.clone(),
                            m.framework.clone(),
                            m.requirement_id.clone(),
                            m.relationship.to_string(),
                            problem(&m.problem),
                        ]
                    })
                    .collect();
                format!(
                    "{}\n\n{}",
                    table(&["CONTROL", "DOMAIN", "EFFORT", "TITLE", "PROBLEM"], &controls),
                    table(&["CONTROL", "FRAMEWORK", "REQUIREMENT", "RELATIONSHIP", "PROBLEM"], &mappings)
                )
            });
        }
        CustomCommand::AddControl {
            id,
            domain,
            effort,
            title,
            title_de,
            objective,
            objective_de,
            evidence,
            evidence_de,
        } => {
            let new = NewCustomControl {
                id,
                domain,
                effort,
                title: Text::new(title, title_de),
                objective: Text::new(objective, objective_de),
                evidence: Text::new(evidence, evidence_de),
            };
            let control = store.catalog().add_custom_control(&new)?;
            out.value(&control, || format!("Added custom control {} ({})", control.id, lang.pick(&control.title)));
        }
        CustomCommand::AddMapping { control, framework, requirement, relationship } => {
            let new = NewCustomMapping { control_id: control, framework, requirement_id: requirement, relationship };
            let mapping = store.catalog().add_custom_mapping(&new)?;
            out.value(&mapping, || {
                format!(
                    "Added custom mapping {} -> {} {} ({})",
                    mapping.control_id, mapping.framework, mapping.requirement_id, mapping.relationship
                )
            });
        }
        CustomCommand::Remove { control, framework, requirement } => match (framework, requirement) {
            (Some(framework), Some(requirement)) => {
                store.catalog().delete_custom_mapping(&control, &framework, &requirement)?;
                let removed = serde_json::json!({ "removed": { "control_id": control, "framework": framework, "requirement_id": requirement } });
                out.value(&removed, || format!("Removed the custom mapping {control} -> {framework} {requirement}"));
            }
            _ => {
                store.catalog().delete_custom_control(&control)?;
                let id = control.trim().to_uppercase();
                out.value(&serde_json::json!({ "removed": { "control_id": id } }), || {
                    format!("Removed the custom control {id} and its mappings")
                });
            }
        },
    }
    Ok(())
}

/// A CSV field, quoted when it holds a comma, a quote or a line break, and neutralised when a
/// spreadsheet would read it as a formula (`crosswalk_core::cells`).
fn csv_field(value: &str) -> String {
    let value = crosswalk_core::cells::neutralise_csv(value);
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.into_owned()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_eq!(super::csv_field("A.5.1"), "A.5.1");
        assert_eq!(super::csv_field("a,b"), "\"a,b\"");
        assert_eq!(super::csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(super::csv_field("=1+1"), "'=1+1");
    }
}
