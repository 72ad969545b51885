//! `crosswalk-cli dashboard`: the portfolio dashboard of the app, for scripts. Documented in
//! `docs/cli.md`.

use clap::Args;
use crosswalk_core::assessment::ScopeFramework;
use crosswalk_core::recommend::Need;
use crosswalk_core::store::{DashboardQuery, DashboardRow, DashboardSort, Figures, Store};
use crosswalk_core::Error;

use crate::keyword;
use crate::output::{table, Output};
use crate::today::Today;
use crate::{CliResult, Failure};

#[derive(Args)]
pub struct DashboardArgs {
    /// The date to judge on: what is overdue, which milestone is next.
    #[command(flatten)]
    day: Today,
    /// Only clients whose name, sector, country, notes, AI systems or contacts contain this text.
    #[arg(long, default_value = "")]
    search: String,
    /// Only clients whose recommendation requires or recommends this framework (iso27001, soc2,
    /// iso42001, eu_ai_act, ...).
    #[arg(long, value_name = "FRAMEWORK")]
    framework: Option<String>,
    /// Only clients that need attention: deals blocked, an action overdue or a deadline at risk.
    #[arg(long)]
    attention: bool,
    /// What to sort by: the list's sorts, or the mean readiness, the next milestone's date and the
    /// overdue (then open) actions.
    #[arg(long, default_value = "name", value_parser = keyword::parser::<DashboardSort>())]
    sort: DashboardSort,
    /// Sort in descending order (ties stay by name, then id).
    #[arg(long)]
    descending: bool,
}

pub fn run(args: DashboardArgs, store: &Store, out: &Output) -> CliResult {
    let today = args.day.date()?;
    let framework = match &args.framework {
        None => None,
        Some(text) => Some(
            ScopeFramework::parse(text)
                .ok_or_else(|| Failure::Core(Error::invalid("framework", format!("unknown framework `{text}`"))))?,
        ),
    };
    let query = DashboardQuery {
        search: args.search,
        framework,
        needs_attention_only: args.attention,
        sort: args.sort,
        descending: args.descending,
        ..Default::default()
    };
    // Active clients only (the default filter): every entry has its figures.
    let rows: Vec<DashboardRow> = store
        .views()
        .dashboard(&query, today, Figures::Compute)?
        .entries
        .into_iter()
        .filter_map(|entry| entry.figures)
        .collect();
    out.value(&rows, || human(&rows));
    Ok(())
}

fn human(rows: &[DashboardRow]) -> String {
    if rows.is_empty() {
        return "No active client matches.".into();
    }
    let lines: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let frameworks = r
                .recommended
                .iter()
                .map(|f| {
                    let mark = if f.need == Need::Required { "!" } else { "" };
                    format!("{}{mark}", f.framework.display_name())
                })
                .collect::<Vec<_>>()
                .join(", ");
            let readiness = r
                .readiness
                .iter()
                .map(|f| match f.readiness.percent {
                    Some(p) => format!("{} {p:.0}%", f.framework.display_name()),
                    None => format!("{} n/a", f.framework.display_name()),
                })
                .collect::<Vec<_>>()
                .join("  ");
            let next =
                r.next_milestone.as_ref().map(|m| format!("{} {}", m.date, m.title.en)).unwrap_or_else(|| "–".into());
            let actions = match r.overdue_actions {
                0 => format!("{} open", r.open_actions),
                n => format!("{} open, {n} overdue", r.open_actions),
            };
            vec![r.client_id.to_string()[..8].to_owned(), r.client_name.clone(), frameworks, readiness, next, actions]
        })
        .collect();
    let mut text = table(&["ID", "NAME", "FRAMEWORKS (! required)", "READINESS", "NEXT MILESTONE", "ACTIONS"], &lines);
    text.push_str("\nActions are controls with a due date that are not implemented yet.");
    text
}
