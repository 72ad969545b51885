//! `crosswalk-cli assess ...`, `analyze`, `soa` and `scope`: the gap assessment of a client and
//! what follows from it. Documented in `docs/cli.md`; the rules in `docs/analysis.md`.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use crosswalk_core::assessment::{
    Analysis, AnalysisSettings, AssessmentStart, ControlPatch, ImportPreview, Lang, Readiness, ScopeFramework,
    ScopeInput, SheetFormat, SubserviceInput,
};
use crosswalk_core::domain::{ClientId, ValidationErrors};
use crosswalk_core::oscal::OscalModel;
use crosswalk_core::store::Store;
use crosswalk_core::Error;

use crate::output::{table, write_whole, Output};
use crate::today::{parse_date, Today};
use crate::{framework, lang};
use crate::{CliResult, Failure};

#[derive(Subcommand)]
pub enum AssessCommand {
    /// Record a control in the client's current assessment (starting one dated today when there
    /// is none). Fields not given keep what is recorded.
    Set {
        client: String,
        /// A control id (CW-ACC-03, or your own X-...), any case.
        control: String,
        /// not_assessed, not_implemented, partially_implemented, implemented or not_applicable.
        status: String,
        /// Notes (replaces the recorded notes). A note may start with `-` (`--note "- first"`,
        /// or `--note=-x`).
        #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
        note: Option<String>,
        /// Who at the client owns the control.
        #[arg(long, value_name = "NAME", allow_hyphen_values = true)]
        owner: Option<String>,
        /// When the gap should be closed (YYYY-MM-DD; an empty value clears it).
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
        /// An evidence reference; repeat for several. Replaces the recorded list.
        #[arg(long, value_name = "REF", allow_hyphen_values = true)]
        evidence: Vec<String>,
        /// Why the control does not apply (required with not_applicable).
        #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
        justification: Option<String>,
        #[command(flatten)]
        day: Today,
    },
    /// Show the current assessment: every control in the client's scope with its status.
    Show {
        client: String,
        #[command(flatten)]
        day: Today,
        #[arg(long, value_parser = lang::parser(), default_value = "en")]
        lang: Lang,
    },
    /// Write the current assessment as a spreadsheet to edit and import again, or as NIST OSCAL
    /// JSON: Assessment Results (oscal-ar) or its open gaps as a Plan of Action and Milestones
    /// (oscal-poam).
    Export {
        client: String,
        /// csv, xlsx, oscal-ar or oscal-poam (default: the extension of --out, else csv).
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
        /// Write to FILE (whole or not at all) instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// The language of the control titles.
        #[arg(long, value_parser = lang::parser(), default_value = "en")]
        lang: Lang,
        #[command(flatten)]
        day: Today,
    },
    /// Read a spreadsheet (.csv or .xlsx) into the current assessment. Every row is checked
    /// first; any problem is reported with its row number and nothing is written.
    Import {
        client: String,
        file: PathBuf,
        /// Write nothing: show per control what the import would change, field by field, and
        /// which recorded values it would clear.
        #[arg(long)]
        preview: bool,
        #[command(flatten)]
        day: Today,
    },
    /// Start a new dated assessment, empty or as a copy of the previous one.
    New {
        client: String,
        /// The assessment's date (default: today); not in the future, one per date.
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// Start from a copy of the latest assessment dated before it.
        #[arg(long)]
        from_previous: bool,
        #[command(flatten)]
        day: Today,
    },
    /// Readiness per framework at every assessment date.
    History {
        client: String,
        #[command(flatten)]
        weight: Weight,
    },
}

#[derive(Args)]
pub struct AnalyzeArgs {
    /// The client; leave out with --all.
    #[arg(required_unless_present = "all")]
    client: Option<String>,
    /// Every active client's readiness on every framework in its scope (the portfolio overview).
    #[arg(long, conflicts_with = "client")]
    all: bool,
    /// How many gaps the text output lists (JSON always has all of them).
    #[arg(long, default_value_t = 10, value_name = "N")]
    top: usize,
    #[arg(long, value_parser = lang::parser(), default_value = "en")]
    lang: Lang,
    #[command(flatten)]
    weight: Weight,
}

#[derive(Args)]
pub struct SoaArgs {
    client: String,
    #[arg(long, value_parser = framework::one_of(ScopeFramework::WITH_SOA))]
    framework: ScopeFramework,
    /// Write a spreadsheet; without it, a table (or JSON with --json).
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    /// Write to FILE (whole or not at all) instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    #[arg(long, value_parser = lang::parser(), default_value = "en")]
    lang: Lang,
    #[command(flatten)]
    day: Today,
}

#[derive(Subcommand)]
pub enum ScopeCommand {
    /// The frameworks, SOC 2 categories and EU AI Act obligations the client is assessed against.
    Show {
        client: String,
        #[command(flatten)]
        day: Today,
    },
    /// Choose the frameworks (and SOC 2 categories beyond security), or go back to the default.
    Set {
        client: String,
        /// iso27001, soc2, iso42001 or eu_ai_act; repeat for several.
        #[arg(long = "framework", value_name = "FRAMEWORK", required_unless_present = "default")]
        frameworks: Vec<String>,
        /// availability, confidentiality, processing_integrity or privacy; repeat for several.
        #[arg(long = "soc2-category", value_name = "CATEGORY")]
        categories: Vec<String>,
        /// Forget the choice: the scope follows the recommendation again.
        #[arg(long, conflicts_with_all = ["frameworks", "categories"])]
        default: bool,
        #[command(flatten)]
        day: Today,
    },
    /// Record a SOC 2 subservice organisation of the client (carve-out or inclusive) and the
    /// criteria it serves, replacing one of the same name; or remove it with --remove.
    Subservice {
        client: String,
        /// The subservice organisation's name (matched ignoring case).
        #[arg(long, value_name = "NAME")]
        name: String,
        /// carve-out or inclusive.
        #[arg(long, value_name = "METHOD", required_unless_present = "remove")]
        method: Option<String>,
        /// A SOC 2 criterion it serves (CC6.4, A1.2, ...); repeat for several.
        #[arg(long = "criterion", value_name = "CRITERION", required_unless_present = "remove")]
        criteria: Vec<String>,
        /// What it does for the client (hosting, payments, ...).
        #[arg(long, value_name = "TEXT", default_value = "")]
        services: String,
        /// Forget the organisation.
        #[arg(long, conflicts_with_all = ["method", "criteria", "services"])]
        remove: bool,
        #[command(flatten)]
        day: Today,
    },
}

#[derive(Args)]
pub struct Weight {
    /// How much a partially met requirement counts, from 0 to 1.
    #[arg(long, value_name = "W", default_value_t = 0.5)]
    partial_weight: f64,
    #[command(flatten)]
    day: Today,
}

impl Weight {
    fn settings(&self) -> CliResult<AnalysisSettings> {
        Ok(AnalysisSettings { today: self.day.date()?, partial_weight: Some(self.partial_weight) })
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Csv,
    Xlsx,
    /// OSCAL Assessment Results (JSON); only for `assess export`.
    #[value(name = "oscal-ar")]
    OscalAr,
    /// OSCAL Plan of Action and Milestones (JSON); only for `assess export`.
    #[value(name = "oscal-poam")]
    OscalPoam,
}

impl FormatArg {
    fn format(self) -> Option<SheetFormat> {
        match self {
            FormatArg::Csv => Some(SheetFormat::Csv),
            FormatArg::Xlsx => Some(SheetFormat::Xlsx),
            FormatArg::OscalAr | FormatArg::OscalPoam => None,
        }
    }

    fn oscal(self) -> Option<OscalModel> {
        match self {
            FormatArg::OscalAr => Some(OscalModel::AssessmentResults),
            FormatArg::OscalPoam => Some(OscalModel::Poam),
            FormatArg::Csv | FormatArg::Xlsx => None,
        }
    }
}

fn resolve(store: &Store, reference: &str) -> CliResult<ClientId> {
    Ok(store.clients().resolve(reference)?)
}

/// Writes `bytes` to `out` (whole or not at all) or to standard output.
fn deliver(bytes: &[u8], path: Option<&Path>, out: &Output) -> CliResult {
    match path {
        Some(path) => {
            write_whole(path, bytes)
                .map_err(|e| Failure::Core(Error::io(format!("cannot write {}", path.display()), e)))?;
            let path = path.display().to_string();
            out.value(&serde_json::json!({ "written": path }), || format!("Wrote {path}"));
        }
        None => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            let _ = stdout.write_all(bytes).and_then(|_| stdout.flush());
        }
    }
    Ok(())
}

fn format_of(format: Option<FormatArg>, path: Option<&Path>) -> CliResult<SheetFormat> {
    match (format, path.and_then(SheetFormat::from_path)) {
        (Some(f), _) => f.format().ok_or_else(|| Failure::Usage("OSCAL is written by `assess export` only".into())),
        (None, Some(f)) => Ok(f),
        (None, None) => Ok(SheetFormat::Csv),
    }
}

pub fn run(cmd: AssessCommand, store: &mut Store, out: &Output) -> CliResult {
    match cmd {
        AssessCommand::Set { client, control, status, note, owner, due, evidence, justification, day } => {
            let today = day.date()?;
            let id = resolve(store, &client)?;
            // The fields not given keep what is recorded: the core's one merge of a control's
            // record (`Assessments::patch`); an unknown control or a bad field is refused at it.
            let patch = ControlPatch {
                notes: note,
                owner,
                due,
                justification,
                evidence: (!evidence.is_empty()).then_some(evidence),
                ..ControlPatch::status(status)
            };
            store.assessments().patch(id, std::slice::from_ref(&control), &patch, today)?;
            let saved = store.assessments().entry(id, &control)?;
            let name = store.clients().get(id)?.profile.name;
            out.value(&saved, || format!("{name}: {} is {}", saved.control_id, saved.status));
        }
        AssessCommand::Show { client, day, lang } => {
            let view = store.views().assessment(resolve(store, &client)?, day.date()?)?;
            out.value(&view, || {
                let mut text = match &view.assessment {
                    Some(a) => {
                        format!("{}: assessment of {} ({} controls recorded)\n", view.client_name, a.date, a.recorded)
                    }
                    None => format!("{}: not assessed yet\n", view.client_name),
                };
                text.push_str(&format!("Scope: {}\n\n", scope_line(&view.scope)));
                let rows: Vec<Vec<String>> = view
                    .rows
                    .iter()
                    .map(|r| {
                        vec![
                            r.control_id.clone(),
                            r.status.as_str().to_owned(),
                            r.owner.clone(),
                            r.due.map(|d| d.to_string()).unwrap_or_default(),
                            r.frameworks.iter().map(|f| f.as_str()).collect::<Vec<_>>().join(","),
                            lang.pick(&r.title).to_owned(),
                        ]
                    })
                    .collect();
                text.push_str(&table(&["CONTROL", "STATUS", "OWNER", "DUE", "FRAMEWORKS", "TITLE"], &rows));
                text
            });
        }
        AssessCommand::Export { client, format, out: path, lang, day } => {
            let id = resolve(store, &client)?;
            let bytes = match format.and_then(FormatArg::oscal) {
                Some(model) => store.views().oscal(id, model, lang, day.date()?)?,
                None => {
                    let format = format_of(format, path.as_deref())?;
                    store.assessments().export(id, format, lang, day.date()?)?
                }
            };
            deliver(&bytes, path.as_deref(), out)?;
        }
        AssessCommand::Import { client, file, preview, day } => {
            let format = SheetFormat::from_path(&file).ok_or_else(|| {
                Failure::Usage(format!("{}: the file name must end in .csv or .xlsx", file.display()))
            })?;
            let id = resolve(store, &client)?;
            let bytes =
                std::fs::read(&file).map_err(|e| Failure::Usage(format!("cannot read {}: {e}", file.display())))?;
            if preview {
                let preview = store.assessments().preview_import(id, &bytes, format)?;
                if !preview.errors.is_empty() {
                    // Refused as the import would be: the same errors, the same exit code.
                    let shown = ValidationErrors(preview.errors);
                    return Err(Failure::Core(match preview.truncated {
                        0 => Error::Invalid(shown),
                        more => Error::InvalidMany { shown, more: more as usize },
                    }));
                }
                out.value(&preview, || preview_text(&preview));
                return Ok(());
            }
            let outcome = store.assessments().import(id, &bytes, format, day.date()?)?;
            out.value(&outcome, || {
                format!(
                    "Imported {} rows into the assessment of {}: {} controls recorded, {} cleared.",
                    outcome.rows, outcome.assessment.date, outcome.recorded, outcome.cleared
                )
            });
        }
        AssessCommand::New { client, date, from_previous, day } => {
            let today = day.date()?;
            let date = match &date {
                Some(text) => parse_date("date", text)?,
                None => today,
            };
            let start = if from_previous { AssessmentStart::FromPrevious } else { AssessmentStart::Empty };
            let info = store.assessments().start(resolve(store, &client)?, date, start, today)?;
            out.value(&info, || {
                format!(
                    "Started the assessment of {}{}.",
                    info.date,
                    if from_previous {
                        format!(" from the previous one ({} controls recorded)", info.recorded)
                    } else {
                        String::new()
                    }
                )
            });
        }
        AssessCommand::History { client, weight } => {
            let history = store.views().history(resolve(store, &client)?, &weight.settings()?)?;
            out.value(&history, || {
                if history.is_empty() {
                    return "No assessment yet.".into();
                }
                let mut frameworks: Vec<ScopeFramework> =
                    history.iter().flat_map(|h| h.frameworks.iter().map(|f| f.framework)).collect();
                frameworks.sort();
                frameworks.dedup();
                let mut header = vec!["DATE".to_owned()];
                header.extend(frameworks.iter().map(|f| f.display_name().to_uppercase()));
                let rows: Vec<Vec<String>> = history
                    .iter()
                    .map(|h| {
                        let mut row = vec![h.date.to_string()];
                        for f in &frameworks {
                            row.push(
                                h.frameworks
                                    .iter()
                                    .find(|p| p.framework == *f)
                                    .map(|p| percent(&p.readiness))
                                    .unwrap_or_default(),
                            );
                        }
                        row
                    })
                    .collect();
                let header: Vec<&str> = header.iter().map(String::as_str).collect();
                table(&header, &rows)
            });
        }
    }
    Ok(())
}

pub fn analyze(args: AnalyzeArgs, store: &Store, out: &Output) -> CliResult {
    let settings = args.weight.settings()?;
    match (&args.client, args.all) {
        (Some(client), false) => {
            let analysis = store.views().analysis(resolve(store, client)?, &settings)?;
            out.value(&analysis, || human(&analysis, args.top, args.lang));
        }
        _ => {
            let rows = store.views().portfolio_readiness(&settings)?;
            out.value(&rows, || {
                if rows.is_empty() {
                    return "No active clients.".into();
                }
                let lines: Vec<Vec<String>> = rows
                    .iter()
                    .map(|r| {
                        vec![
                            r.client_id.to_string()[..8].to_owned(),
                            r.client_name.clone(),
                            r.assessment_date.map(|d| d.to_string()).unwrap_or_else(|| "not assessed".into()),
                            r.frameworks
                                .iter()
                                .map(|f| format!("{} {}", f.framework.display_name(), percent(&f.readiness)))
                                .collect::<Vec<_>>()
                                .join("  "),
                        ]
                    })
                    .collect();
                table(&["ID", "NAME", "ASSESSED", "READINESS"], &lines)
            });
        }
    }
    Ok(())
}

fn preview_text(p: &ImportPreview) -> String {
    let mut text = format!(
        "{} rows: {} controls would change, {} unchanged, {} recorded values would be cleared. Nothing was written.",
        p.rows,
        p.changes.len(),
        p.unchanged,
        p.losses
    );
    for change in &p.changes {
        text.push_str(&format!("\nrow {}, {}:", change.row, change.control_id));
        for f in &change.fields {
            let mark = if f.loss { "  LOSS" } else { "" };
            text.push_str(&format!("\n  {}: {:?} -> {:?}{mark}", f.field, f.before, f.after));
        }
    }
    text
}

fn percent(r: &Readiness) -> String {
    r.percent.map_or_else(|| "n/a".into(), |p| format!("{p}%"))
}

fn scope_line(scope: &crosswalk_core::assessment::ClientScope) -> String {
    let mut parts: Vec<String> = Vec::new();
    for f in &scope.frameworks {
        parts.push(match *f {
            ScopeFramework::Soc2 => {
                let categories = scope.soc2_categories.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ");
                match scope.carved_out.len() {
                    0 => format!("SOC 2 ({categories})"),
                    n => format!("SOC 2 ({categories}; {n} carved out: {})", scope.carved_out.join(", ")),
                }
            }
            ScopeFramework::EuAiAct => match scope.ai_act_obligations.len() {
                1 => "EU AI Act (1 obligation)".to_owned(),
                n => format!("EU AI Act ({n} obligations)"),
            },
            other => other.display_name().to_owned(),
        });
    }
    let how = if scope.chosen { "chosen by the consultant" } else { "default from the recommendation" };
    format!("{} [{how}]", if parts.is_empty() { "nothing".into() } else { parts.join(", ") })
}

fn human(a: &Analysis, top: usize, lang: Lang) -> String {
    let mut s = String::new();
    let mut line = |text: String| {
        s.push_str(&text);
        s.push('\n');
    };
    line(match &a.assessment {
        Some(x) => format!("Gap analysis of {} (assessment of {}, as of {})", a.client_name, x.date, a.today),
        None => format!("Gap analysis of {} (not assessed yet, as of {})", a.client_name, a.today),
    });
    line(format!("Scope: {}", scope_line(&a.scope)));
    line(String::new());
    let rows: Vec<Vec<String>> = a
        .frameworks
        .iter()
        .flat_map(|f| {
            let r = &f.readiness;
            let head = vec![
                f.name.clone(),
                percent(r),
                r.met.to_string(),
                r.partial.to_string(),
                r.unmet.to_string(),
                r.not_applicable.to_string(),
                r.not_assessed_percent.map_or_else(String::new, |p| format!("{p}%")),
            ];
            std::iter::once(head).chain(f.sections.iter().map(|sec| {
                let r = &sec.readiness;
                vec![
                    format!("{}{} {}", "  ".repeat(sec.depth as usize + 1), sec.id, lang.pick(&sec.title)),
                    percent(r),
                    r.met.to_string(),
                    r.partial.to_string(),
                    r.unmet.to_string(),
                    r.not_applicable.to_string(),
                    r.not_assessed_percent.map_or_else(String::new, |p| format!("{p}%")),
                ]
            }))
        })
        .collect();
    line(table(&["READINESS", "", "MET", "PARTIAL", "UNMET", "N/A", "NOT ASSESSED"], &rows));
    line(String::new());
    line(format!("Top gaps (of {}):", a.gaps.len()));
    let gaps: Vec<Vec<String>> = a
        .gaps
        .iter()
        .take(top)
        .map(|g| {
            vec![
                g.rank.to_string(),
                g.control_id.clone(),
                g.status.as_str().to_owned(),
                format!("{}", g.remaining_days),
                g.frameworks.iter().map(|f| f.as_str()).collect::<Vec<_>>().join(","),
                format!("{}", g.score),
                lang.pick(&g.title).to_owned(),
            ]
        })
        .collect();
    line(table(&["#", "CONTROL", "STATUS", "DAYS", "FRAMEWORKS", "SCORE", "TITLE"], &gaps));
    line(String::new());
    let alone: Vec<String> =
        a.effort.alone.iter().map(|f| format!("{} {}", f.framework.display_name(), f.days)).collect();
    line(format!(
        "Remaining effort (person-days): alone {}; together {}; shared work saves {}.",
        alone.join(", "),
        a.effort.together,
        a.effort.saving
    ));
    s.trim_end().to_owned()
}

pub fn soa(args: SoaArgs, store: &Store, out: &Output) -> CliResult {
    let today = args.day.date()?;
    let id = resolve(store, &args.client)?;
    let framework = args.framework;
    if args.format.is_some() || args.out.is_some() {
        let format = format_of(args.format, args.out.as_deref())?;
        let bytes = store.views().export_soa(id, framework, format, args.lang, today)?;
        return deliver(&bytes, args.out.as_deref(), out);
    }
    let soa = store.views().soa(id, framework, today)?;
    let lang = args.lang;
    out.value(&soa, || {
        let rows: Vec<Vec<String>> = soa
            .rows
            .iter()
            .map(|r| {
                vec![
                    r.requirement_id.clone(),
                    if r.applicable { "yes".into() } else { "no".into() },
                    lang.pick(&r.status.label()).to_owned(),
                    r.controls.iter().map(|c| c.control_id.as_str()).collect::<Vec<_>>().join(","),
                    lang.pick(&r.justification).to_owned(),
                ]
            })
            .collect();
        let note = if soa.in_scope { "" } else { " (not in the client's scope)" };
        format!(
            "Statement of Applicability, {} for {}{note}\n\n{}",
            soa.framework_name,
            soa.client_name,
            table(&["CONTROL", "APPLICABLE", "STATUS", "IMPLEMENTED BY", "JUSTIFICATION"], &rows)
        )
    });
    Ok(())
}

pub fn scope(cmd: ScopeCommand, store: &mut Store, out: &Output) -> CliResult {
    let (scope, name) = match cmd {
        ScopeCommand::Show { client, day } => {
            let id = resolve(store, &client)?;
            (store.scopes().get(id, day.date()?)?, store.clients().get(id)?.profile.name)
        }
        ScopeCommand::Set { client, frameworks, categories, default, day } => {
            let id = resolve(store, &client)?;
            let scope = if default {
                store.scopes().reset(id, day.date()?)?
            } else {
                store.scopes().set(id, &ScopeInput { frameworks, soc2_categories: categories }, day.date()?)?
            };
            (scope, store.clients().get(id)?.profile.name)
        }
        ScopeCommand::Subservice { client, name, method, criteria, services, remove, day } => {
            let id = resolve(store, &client)?;
            let scope = if remove {
                store.scopes().remove_subservice_organisation(id, &name, day.date()?)?
            } else {
                let input = SubserviceInput { name, method: method.unwrap_or_default(), services, criteria };
                store.scopes().set_subservice_organisation(id, &input, day.date()?)?
            };
            (scope, store.clients().get(id)?.profile.name)
        }
    };
    out.value(&scope, || {
        let mut text = format!("{name}: {}", scope_line(&scope));
        for o in &scope.ai_act_obligations {
            text.push_str(&format!("\n  {}  {}", o.requirement_id, o.title.en));
        }
        for o in &scope.subservice_organisations {
            text.push_str(&format!(
                "\n  subservice organisation {} ({}): {}{}",
                o.name,
                o.method.label().en,
                o.criteria.join(", "),
                if o.services.is_empty() { String::new() } else { format!(" - {}", o.services) }
            ));
        }
        if !scope.carved_out.is_empty() {
            text.push_str(&format!("\n  carved out of the SOC 2 scope: {}", scope.carved_out.join(", ")));
        }
        text
    });
    Ok(())
}
