//! `crosswalk-cli dashboard`: the portfolio dashboard of the app, for scripts. Documented in
//! `docs/cli.md`.

use clap::Args;
use crosswalk_core::recommend::Need;
use crosswalk_core::store::{DashboardRow, Store};

use crate::output::{table, Output};
use crate::today::Today;
use crate::CliResult;

#[derive(Args)]
pub struct DashboardArgs {
    /// The date to judge on: what is overdue, which milestone is next.
    #[command(flatten)]
    day: Today,
}

pub fn run(args: DashboardArgs, store: &Store, out: &Output) -> CliResult {
    let today = args.day.date()?;
    let rows = store.portfolio_dashboard(today)?;
    out.value(&rows, || human(&rows));
    Ok(())
}

fn human(rows: &[DashboardRow]) -> String {
    if rows.is_empty() {
        return "No active clients.".into();
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
