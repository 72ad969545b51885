//! `crosswalk-cli override ...`: the consultant's overrides of a client's roadmap.

use clap::Subcommand;
use crosswalk_core::assessment::ScopeFramework;
use crosswalk_core::recommend::roadmap::{
    DeclinedIntegratedAudit, Excluded, ForcedOrder, NotBefore, OverrideChange, Overrides,
};
use crosswalk_core::store::Store;

use crate::framework;
use crate::output::Output;
use crate::today::parse_date;
use crate::CliResult;

#[derive(Subcommand)]
pub enum OverrideCommand {
    /// Show a client's overrides.
    List { client: String },
    /// Do these frameworks first, in this order (the others follow as computed).
    Order {
        client: String,
        #[arg(value_parser = framework::one_of(ScopeFramework::CERTIFICATIONS), required = true, num_args = 1..)]
        frameworks: Vec<ScopeFramework>,
        #[arg(long)]
        reason: String,
    },
    /// Leave a framework out of the roadmap.
    Exclude {
        client: String,
        #[arg(value_parser = framework::one_of(ScopeFramework::RATED))]
        framework: ScopeFramework,
        #[arg(long)]
        reason: String,
    },
    /// Start a framework's implementation no earlier than DATE.
    Start {
        client: String,
        #[arg(value_parser = framework::one_of(ScopeFramework::RATED))]
        framework: ScopeFramework,
        date: String,
        #[arg(long)]
        reason: String,
    },
    /// Audit ISO/IEC 27001 and 42001 separately, declining the integrated audit the roadmap offers.
    DeclineIntegratedAudit {
        client: String,
        #[arg(long)]
        reason: String,
    },
    /// Accept the integrated ISO/IEC 27001 + 42001 audit again (removes the decline).
    AcceptIntegratedAudit { client: String },
    /// Remove overrides: all of them, or those of one framework.
    Clear {
        client: String,
        #[arg(value_parser = framework::one_of(ScopeFramework::RATED))]
        framework: Option<ScopeFramework>,
    },
}

pub fn run(cmd: OverrideCommand, store: &mut Store, out: &Output) -> CliResult {
    let (client, change) = match cmd {
        OverrideCommand::List { client } => {
            let overrides = store.clients().overrides(store.clients().resolve(&client)?)?;
            out.value(&overrides, || describe(&overrides));
            return Ok(());
        }
        OverrideCommand::Order { client, frameworks, reason } => {
            (client, OverrideChange::Order(ForcedOrder { frameworks, reason }))
        }
        OverrideCommand::Exclude { client, framework, reason } => {
            (client, OverrideChange::Exclude(Excluded { framework, reason }))
        }
        OverrideCommand::Start { client, framework, date, reason } => {
            let date = parse_date("date", &date)?;
            (client, OverrideChange::NotBefore(NotBefore { framework, date, reason }))
        }
        OverrideCommand::DeclineIntegratedAudit { client, reason } => {
            (client, OverrideChange::DeclineIntegratedAudit(DeclinedIntegratedAudit { reason }))
        }
        OverrideCommand::AcceptIntegratedAudit { client } => (client, OverrideChange::AcceptIntegratedAudit),
        OverrideCommand::Clear { client, framework } => (client, OverrideChange::Clear { framework }),
    };
    let id = store.clients().resolve(&client)?;
    let saved = store.clients().change_overrides(id, change)?;
    out.value(&saved, || describe(&saved));
    Ok(())
}

fn describe(o: &Overrides) -> String {
    let mut lines = Vec::new();
    if let Some(order) = &o.order {
        let names = order.frameworks.iter().map(|f| f.display_name()).collect::<Vec<_>>().join(" → ");
        lines.push(format!("order       {names} first  ({})", order.reason));
    }
    for e in &o.excluded {
        lines.push(format!("exclude     {}  ({})", e.framework.display_name(), e.reason));
    }
    for n in &o.not_before {
        lines.push(format!("start       {} no earlier than {}  ({})", n.framework.display_name(), n.date, n.reason));
    }
    if let Some(d) = &o.integrated_audit_declined {
        lines.push(format!(
            "separate    ISO/IEC 27001 and 42001 audited separately (integrated audit declined)  ({})",
            d.reason
        ));
    }
    if lines.is_empty() {
        "No overrides: the roadmap follows the rules.".into()
    } else {
        lines.join("\n")
    }
}
