//! `crosswalk-cli override ...`: the consultant's overrides of a client's roadmap.

use clap::Subcommand;
use crosswalk_core::assessment::ScopeFramework;
use crosswalk_core::recommend::roadmap::{DeclinedIntegratedAudit, Excluded, ForcedOrder, NotBefore, Overrides};
use crosswalk_core::store::Store;
use crosswalk_core::Error;

use crate::framework;
use crate::output::Output;
use crate::{CliResult, Failure};

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

/// A change to a client's overrides, applied to the stored ones before they are saved again.
type Change = Box<dyn FnOnce(&mut Overrides) -> CliResult>;

pub fn run(cmd: OverrideCommand, store: &mut Store, out: &Output) -> CliResult {
    let (client, change): (String, Change) = match cmd {
        OverrideCommand::List { client } => {
            let overrides = store.clients().overrides(store.clients().resolve(&client)?)?;
            out.value(&overrides, || describe(&overrides));
            return Ok(());
        }
        OverrideCommand::Order { client, frameworks, reason } => (
            client,
            Box::new(move |o| {
                o.order = Some(ForcedOrder { frameworks, reason });
                Ok(())
            }),
        ),
        OverrideCommand::Exclude { client, framework, reason } => (
            client,
            Box::new(move |o| {
                o.excluded.retain(|e| e.framework != framework);
                o.excluded.push(Excluded { framework, reason });
                Ok(())
            }),
        ),
        OverrideCommand::Start { client, framework, date, reason } => (
            client,
            Box::new(move |o| {
                let date = date.parse().map_err(|e| Failure::Core(Error::invalid("date", format!("{e}"))))?;
                o.not_before.retain(|n| n.framework != framework);
                o.not_before.push(NotBefore { framework, date, reason });
                Ok(())
            }),
        ),
        OverrideCommand::DeclineIntegratedAudit { client, reason } => (
            client,
            Box::new(move |o| {
                o.integrated_audit_declined = Some(DeclinedIntegratedAudit { reason });
                Ok(())
            }),
        ),
        OverrideCommand::AcceptIntegratedAudit { client } => (
            client,
            Box::new(move |o| {
                o.integrated_audit_declined = None;
                Ok(())
            }),
        ),
        OverrideCommand::Clear { client, framework } => (
            client,
            Box::new(move |o| {
                match framework {
                    None => *o = Overrides::default(),
                    Some(f) => o.clear(f),
                }
                Ok(())
            }),
        ),
    };
    let id = store.clients().resolve(&client)?;
    let mut overrides = store.clients().overrides(id)?;
    change(&mut overrides)?;
    let saved = store.clients().set_overrides(id, &overrides)?;
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
