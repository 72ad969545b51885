//! `crosswalk-cli recommend`: verdicts and roadmap for a stored client or a profile file.

use std::path::PathBuf;

use clap::Args;
use crosswalk_core::assessment::Lang;
use crosswalk_core::catalog::{Soc2Category, Text};
use crosswalk_core::domain::{written_dates, ClientProfile, Date};
use crosswalk_core::recommend::{advise, AdviceSettings, Need, Overrides, Recommendation, Roadmap};
use crosswalk_core::store::Store;
use crosswalk_core::Error;

use crate::lang;
use crate::output::Output;
use crate::today::{parse_date, Today};
use crate::{CliResult, Failure};

#[derive(Args)]
#[command(group(clap::ArgGroup::new("subject").required(true).args(["client", "profile"])))]
pub struct RecommendArgs {
    /// The client (id or unambiguous id prefix).
    client: Option<String>,
    /// A JSON profile file instead of a stored client (no database is opened); - reads stdin.
    #[arg(long, value_name = "FILE")]
    profile: Option<PathBuf>,
    /// The date to judge on.
    #[command(flatten)]
    day: Today,
    /// The roadmap's start date (default: the --today date).
    #[arg(long, value_name = "DATE")]
    start: Option<String>,
    /// Implementation capacity in person-days per week (default from assets/regulatory/lifecycle.toml).
    #[arg(long, value_name = "DAYS")]
    capacity: Option<f64>,
    /// Language of the text output (JSON always carries both).
    #[arg(long, value_parser = lang::parser(), default_value = "en")]
    lang: Lang,
}

pub fn run(args: RecommendArgs, open_store: impl FnOnce() -> CliResult<Store>, out: &Output) -> CliResult {
    let today = args.day.date()?;
    let start = match &args.start {
        Some(text) => parse_date("start", text)?,
        None => today,
    };
    if let Some(capacity) = args.capacity.filter(|c| !(c.is_finite() && *c > 0.0)) {
        return Err(Failure::Core(Error::invalid("capacity", format!("{capacity} is not a positive number of days"))));
    }
    let settings = AdviceSettings { today, start: Some(start), capacity_days_per_week: args.capacity };
    let (profile, advice) = match (&args.profile, &args.client) {
        (Some(path), _) => {
            let text = crate::output::read_text(path)?;
            let profile = ClientProfile::from_json(&text)?.validate()?.into_inner();
            let advice = advise(&profile, &settings, &Overrides::default())?;
            (profile, advice)
        }
        (None, Some(reference)) => {
            // A stored client: its assessment (when it has one) sets the remaining effort, and
            // the consultant's overrides shape the roadmap.
            let store = open_store()?;
            let id = store.clients().resolve(reference)?;
            let ctx = store.views().context(id, settings.today)?;
            let advice = store.views().advice_of(&ctx, &settings)?;
            (ctx.client.profile, advice)
        }
        (None, None) => return Err(Failure::Usage("name a client or give --profile FILE".into())),
    };
    out.value(&advice, || human(&profile, &advice.recommendation, &advice.roadmap, args.lang));
    Ok(())
}

fn human(profile: &ClientProfile, rec: &Recommendation, roadmap: &Roadmap, lang: Lang) -> String {
    let de = lang == Lang::De;
    // Sentences write dates out ("2. Dezember 2027"); lists keep a short form ("02.12.2027").
    let t = |text: &Text| written_dates(if de { &text.de } else { &text.en }, lang);
    let short = |d: Date| if de { format!("{:02}.{:02}.{}", d.day(), d.month(), d.year()) } else { d.to_string() };
    let mut s = String::new();
    let mut line = |text: String| {
        s.push_str(&text);
        s.push('\n');
    };
    line(if de {
        format!("Empfehlung für {} (Stand: {})", profile.name, rec.today.long_de())
    } else {
        format!("Recommendation for {} (as of {})", profile.name, rec.today.long_en())
    });
    line(String::new());
    for stop in &rec.stop_signs {
        line(format!("!! {}", t(stop)));
        line(String::new());
    }
    for v in &rec.frameworks {
        let need = need_word(v.need, de);
        let urgent = if v.urgent {
            if de {
                " (dringend)"
            } else {
                " (urgent)"
            }
        } else {
            ""
        };
        line(format!("{:<15} {need}{urgent}", v.framework.display_name()));
        for r in v.reasons.iter().filter(|r| r.need.is_some()) {
            line(format!("    {:<4}{}", r.rule.as_str(), t(&r.text)));
        }
        if let Some(plan) = v.soc2.as_ref().filter(|_| v.need >= Need::Recommended) {
            let mut names = vec![if de { "Sicherheit" } else { "security" }];
            names.extend(plan.categories.iter().map(|c| category_word(c.category, de)));
            line(format!("    {:<4}{}: {}", "R13", if de { "Umfang" } else { "Scope" }, names.join(", ")));
            // Facts not known yet are questions for the consultant, not guesses.
            for r in v
                .reasons
                .iter()
                .filter(|r| r.rule.as_str() == "R13" && r.triggers.iter().any(|t| t.ends_with(": unknown")))
            {
                line(format!("    {:<4}{}", "?", t(&r.text)));
            }
        }
        // The GDPR and NIS2: how many requirements apply (the list is in --json); NIS2's class;
        // and the facts still to be answered.
        if v.nis2.is_some() && v.need >= Need::Required {
            line(format!("    {:<4}{}", "", t(&v.summary)));
        }
        if !v.obligations.is_empty() {
            let ids: Vec<&str> = v.obligations.iter().map(|o| o.requirement_id.as_str()).collect();
            line(format!(
                "    {:<4}{} {}",
                "",
                if de { "Anforderungen, die gelten:" } else { "Requirements that apply:" },
                ids.join(", ")
            ));
        }
        for q in &v.questions {
            let hangs = if q.requirement_ids.is_empty() {
                String::new()
            } else {
                format!(" [{}]", q.requirement_ids.join(", "))
            };
            line(format!("    {:<4}{}{hangs}", "?", t(&q.text)));
        }
    }
    if !rec.ai_act.is_empty() || rec.ai_act_note.is_some() {
        line(String::new());
        line(if de { "EU-KI-Verordnung".into() } else { "EU AI Act".into() });
        if let Some(note) = &rec.ai_act_note {
            line(format!("    {}", t(note)));
        }
        for system in &rec.ai_act {
            line(format!("    {}", t(&system.summary)));
            for q in &system.questions {
                line(format!("      {} [{}]", t(&q.text), q.requirement_ids.join(", ")));
            }
        }
    }
    line(String::new());
    let order = roadmap.order.iter().map(|f| f.display_name()).collect::<Vec<_>>().join(" → ");
    line(if de {
        format!(
            "Fahrplan ab dem {} mit {} Personentagen pro Woche: {}",
            roadmap.start.long_de(),
            roadmap.capacity_days_per_week.to_string().replace('.', ","),
            if order.is_empty() { "nichts aufzubauen".into() } else { order }
        )
    } else {
        format!(
            "Roadmap from {} at {} person-days a week: {}",
            roadmap.start.long_en(),
            roadmap.capacity_days_per_week,
            if order.is_empty() { "nothing to build".into() } else { order }
        )
    });
    for p in &roadmap.phases {
        let effort = if p.effort_days > 0.0 {
            if de {
                format!(" ({} Personentage)", p.effort_days.to_string().replace('.', ","))
            } else {
                format!(" ({} person-days)", p.effort_days)
            }
        } else {
            String::new()
        };
        line(format!("    {} – {}  {}{effort}", short(p.start), short(p.end), t(&p.title)));
    }
    line(if de { "Meilensteine".into() } else { "Milestones".into() });
    if roadmap.milestones.is_empty() {
        line(if de { "    (keine)".into() } else { "    (none)".into() });
    }
    for m in &roadmap.milestones {
        let missed = if m.missed {
            if de {
                "  VERPASST"
            } else {
                "  MISSED"
            }
        } else {
            ""
        };
        line(format!("    {}  {}{missed}", short(m.date), t(&m.title)));
    }
    let o = &roadmap.overrides;
    if o.order.is_some() || !o.excluded.is_empty() || !o.not_before.is_empty() || o.integrated_audit_declined.is_some()
    {
        line(if de { "Vorgaben des Beraters".into() } else { "Consultant overrides".into() });
        if let Some(order) = &o.order {
            let names = order.frameworks.iter().map(|f| f.display_name()).collect::<Vec<_>>().join(" → ");
            line(format!("    {names} {}: {}", if de { "zuerst" } else { "first" }, order.reason));
        }
        for e in &o.excluded {
            line(format!(
                "    {} {}: {}",
                e.framework.display_name(),
                if de { "ausgenommen" } else { "left out" },
                e.reason
            ));
        }
        for n in &o.not_before {
            let when = if de {
                format!("nicht vor dem {}", n.date.long_de())
            } else {
                format!("not before {}", n.date.long_en())
            };
            line(format!("    {} {when}: {}", n.framework.display_name(), n.reason));
        }
        if let Some(d) = &o.integrated_audit_declined {
            line(format!(
                "    {}: {}",
                if de {
                    "Integriertes Audit ISO/IEC 27001 + 42001 abgelehnt"
                } else {
                    "Integrated ISO/IEC 27001 + 42001 audit declined"
                },
                d.reason
            ));
        }
    }
    line(if de { "Warum diese Reihenfolge".into() } else { "Why this order".into() });
    for w in &roadmap.why {
        line(format!("    - {}", t(w)));
    }
    s.trim_end().to_owned()
}

fn category_word(category: Soc2Category, de: bool) -> &'static str {
    match (category, de) {
        (Soc2Category::Security, false) => "security",
        (Soc2Category::Availability, false) => "availability",
        (Soc2Category::Confidentiality, false) => "confidentiality",
        (Soc2Category::ProcessingIntegrity, false) => "processing integrity",
        (Soc2Category::Privacy, false) => "privacy",
        (Soc2Category::Security, true) => "Sicherheit",
        (Soc2Category::Availability, true) => "Verfügbarkeit",
        (Soc2Category::Confidentiality, true) => "Vertraulichkeit",
        (Soc2Category::ProcessingIntegrity, true) => "Verarbeitungsintegrität",
        (Soc2Category::Privacy, true) => "Datenschutz",
    }
}

fn need_word(need: Need, de: bool) -> &'static str {
    match (need, de) {
        (Need::Required, false) => "REQUIRED",
        (Need::Recommended, false) => "RECOMMENDED",
        (Need::Optional, false) => "optional",
        (Need::NotNeeded, false) => "not needed",
        (Need::Required, true) => "ERFORDERLICH",
        (Need::Recommended, true) => "EMPFOHLEN",
        (Need::Optional, true) => "freiwillig",
        (Need::NotNeeded, true) => "nicht erforderlich",
    }
}
