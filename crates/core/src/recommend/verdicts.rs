//! Verdicts for ISO/IEC 27001, SOC 2 and ISO/IEC 42001, and the facts and helpers every verdict uses.

use super::rules::in_eu;
use super::{FrameworkVerdict, Holding, Need, Reason, RuleId, ScopeFramework, Soc2CategoryAdvice, Soc2Path, Soc2Plan};
use crate::catalog::{Soc2Category, Text};
use crate::domain::{
    AiRole, Ask, Certification, ClientProfile, Date, Fact, Market, Offering, Party, Pressure, ServiceFacts, Soc2Type,
};

/// What ISO/IEC 42001 is not under the EU AI Act, said wherever a verdict links the two
/// (key_facts ISO42-06).
pub(super) const NOT_HARMONISED_EN: &str = "ISO/IEC 42001 is not a harmonised standard under the AI Act and gives no presumption of conformity; on its own it does not meet Art. 17 either, as it lacks the product risk management of Art. 9, the technical documentation of Annex IV, post-market monitoring (Art. 72) and serious-incident reporting (Art. 73). Harmonised standards are in preparation (CEN-CENELEC JTC 21, prEN 18286 for the quality management system); until they are published, the provider meets the Act's requirements directly and may use 42001 as the management-system backbone.";
pub(super) const NOT_HARMONISED_DE: &str = "ISO/IEC 42001 ist keine harmonisierte Norm nach der KI-Verordnung und begründet keine Konformitätsvermutung; allein erfüllt sie auch Art. 17 nicht, denn ihr fehlen das produktbezogene Risikomanagement nach Art. 9, die technische Dokumentation nach Anhang IV, die Beobachtung nach dem Inverkehrbringen (Art. 72) und die Meldung schwerwiegender Vorfälle (Art. 73). Harmonisierte Normen sind in Vorbereitung (CEN-CENELEC JTC 21, prEN 18286 für das Qualitätsmanagementsystem); bis zu ihrer Veröffentlichung erfüllt der Anbieter die Anforderungen der Verordnung unmittelbar und kann 42001 als Gerüst des Managementsystems nutzen.";

/// Days before a deadline at which it counts as close (about six months).
const URGENT_DAYS: i64 = 183;
/// How long the market treats a SOC 2 report as current after its period ends.
const SOC2_CURRENT_MONTHS: i32 = 12;
/// How long an ISO certificate runs when the profile gives no expiry date.
const ISO_CYCLE_MONTHS: i32 = 36;

/// The profile answers the rules look at, computed once.
pub(super) struct Facts<'a> {
    pub profile: &'a ClientProfile,
    pub today: Date,
    pub service: bool,
    pub builds_ai: bool,
    pub provides_ai: bool,
    pub uses_ai: bool,
    pub us: bool,
    pub eu: bool,
    pub uk: bool,
}

impl<'a> Facts<'a> {
    pub fn new(profile: &'a ClientProfile, today: Date) -> Facts<'a> {
        let offers = |o: Offering| profile.offerings.contains(&o);
        let sells = |m: Market| profile.markets.contains(&m);
        let provides_ai = profile.ai_systems.iter().any(|s| s.roles.contains(&AiRole::Provider));
        Facts {
            profile,
            today,
            service: offers(Offering::ServiceProcessingCustomerData),
            builds_ai: offers(Offering::BuildsAi),
            provides_ai,
            uses_ai: profile.offerings.iter().any(|o| o.involves_ai()) || !profile.ai_systems.is_empty(),
            us: sells(Market::Us) || profile.headquarters == "US",
            eu: sells(Market::Eu) || in_eu(&profile.headquarters),
            uk: sells(Market::Uk) || profile.headquarters == "GB",
        }
    }

    /// Pressures asking for something in `asks`, with their index.
    pub(super) fn asks(&self, asks: &[Ask]) -> Vec<(usize, &'a Pressure)> {
        self.profile.pressures.iter().enumerate().filter(|(_, p)| asks.contains(&p.asks_for)).collect()
    }

    /// Blocked deals or a deadline within about six months (or already past).
    pub(super) fn urgent(&self, pressures: &[(usize, &Pressure)]) -> bool {
        pressures
            .iter()
            .any(|(_, p)| p.deals_blocked || p.deadline.is_some_and(|d| self.today.days_until(d) <= URGENT_DAYS))
    }
}

pub(super) fn trigger(field: &str, value: impl AsRef<str>) -> String {
    format!("{field}: {}", value.as_ref())
}

pub(super) fn keyword<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn pressure_trigger(index: usize, p: &Pressure) -> String {
    let mut text = format!("pressures[{index}]: {} ask for {}", keyword(&p.party), keyword(&p.asks_for));
    if p.deals_blocked {
        text.push_str(", deals blocked");
    }
    if let Some(deadline) = p.deadline {
        text.push_str(&format!(", deadline {deadline}"));
    }
    text
}

/// "US customers ask for a SOC 2 report; deals are blocked; the deadline is 31 March 2027."
/// `what` is the object: English after "ask for", German in the accusative.
fn ask_sentence(p: &Pressure, what: &Text, today: Date) -> Text {
    let (party_en, party_de) = p.party.asks();
    let mut en = format!("{party_en} for {}", what.en);
    let mut de = format!("{party_de} {}", what.de);
    if p.deals_blocked {
        en.push_str("; deals are blocked until it is there");
        de.push_str("; Geschäfte sind bis dahin blockiert");
    }
    en.push_str(&deadline_clause_en(p, today));
    de.push_str(&deadline_clause_de(p, today));
    en.push('.');
    de.push('.');
    Text::new(en, de)
}

/// "; the deadline is 31 March 2027" or "; the deadline of ... has passed, ...", or nothing.
fn deadline_clause_en(p: &Pressure, today: Date) -> String {
    match p.deadline {
        Some(deadline) if deadline < today => {
            format!("; the deadline of {} was missed, so agree a new date with them", deadline.long_en())
        }
        Some(deadline) => format!("; the deadline is {}", deadline.long_en()),
        None => String::new(),
    }
}

fn deadline_clause_de(p: &Pressure, today: Date) -> String {
    match p.deadline {
        Some(deadline) if deadline < today => {
            format!("; die Frist vom {} ist verpasst, ein neuer Termin muss vereinbart werden", deadline.long_de())
        }
        Some(deadline) => format!("; die Frist ist der {}", deadline.long_de()),
        None => String::new(),
    }
}

/// R14: a certificate or report already held is kept current.
fn held_reason(h: &Holding, key: &str) -> Reason {
    Reason {
        rule: RuleId::R14,
        need: Some(if h.current { Need::Required } else { Need::Recommended }),
        triggers: vec![trigger("certifications", key)],
        text: h.text.clone(),
    }
}

/// R8: a party asks for the framework by name.
pub(super) fn asked_reason(index: usize, p: &Pressure, what: &Text, today: Date) -> Reason {
    Reason {
        rule: RuleId::R8,
        need: Some(Need::Required),
        triggers: vec![pressure_trigger(index, p)],
        text: ask_sentence(p, what, today),
    }
}

/// Folds reasons into a verdict: the need is the strongest deciding reason's.
fn verdict(
    framework: ScopeFramework,
    mut reasons: Vec<Reason>,
    urgent: bool,
    held: Option<Holding>,
    soc2: Option<Soc2Plan>,
    none_reason: Reason,
) -> FrameworkVerdict {
    if reasons.iter().all(|r| r.need.is_none()) {
        reasons.insert(0, none_reason);
    }
    reasons.sort_by_key(|r| std::cmp::Reverse(r.need));
    let need = reasons.iter().filter_map(|r| r.need).max().unwrap_or(Need::NotNeeded);
    let summary = summary(framework, need, urgent, held.as_ref());
    FrameworkVerdict {
        framework,
        need,
        urgent: urgent && need >= Need::Recommended,
        held,
        summary,
        reasons,
        soc2,
        obligations: Vec::new(),
        questions: Vec::new(),
        nis2: None,
    }
}

pub(super) fn summary(framework: ScopeFramework, need: Need, urgent: bool, held: Option<&Holding>) -> Text {
    let name = framework.display_name();
    if let Some(h) = held.filter(|h| h.current) {
        return Text::new(
            format!("{name} is in place: keep it current. {}", h.text.en),
            format!("{name} ist vorhanden: aktuell halten. {}", h.text.de),
        );
    }
    let (en, de) = match need {
        Need::Required => (format!("{name} is required"), format!("{name} ist erforderlich")),
        Need::Recommended => (format!("{name} is recommended"), format!("{name} wird empfohlen")),
        Need::Optional => (format!("{name} is optional"), format!("{name} ist freiwillig")),
        Need::NotNeeded => (format!("{name} is not needed now"), format!("{name} ist derzeit nicht erforderlich")),
    };
    if urgent && need >= Need::Recommended {
        Text::new(format!("{en}, and it is urgent."), format!("{de}, und zwar dringend."))
    } else {
        Text::new(format!("{en}."), format!("{de}."))
    }
}

/// ISO/IEC 27001 or 42001 held: current until its expiry (or three years after certification).
fn iso_holding(profile: &ClientProfile, today: Date, which: ScopeFramework) -> Option<Holding> {
    profile.certifications.iter().find_map(|c| {
        let (certified_on, expires_on) = match (which, c) {
            (ScopeFramework::Iso27001, Certification::Iso27001 { certified_on, expires_on })
            | (ScopeFramework::Iso42001, Certification::Iso42001 { certified_on, expires_on }) => {
                (*certified_on, *expires_on)
            }
            _ => return None,
        };
        let until = expires_on.unwrap_or_else(|| certified_on.plus_months(ISO_CYCLE_MONTHS));
        let current = today <= until;
        let text = if current {
            Text::new(
                format!(
                    "Certified on {}; a surveillance audit is due every year and recertification before {}.",
                    certified_on.long_en(),
                    until.long_en()
                ),
                format!(
                    "Zertifiziert am {}; jährlich ist ein Überwachungsaudit fällig, die Rezertifizierung vor dem {}.",
                    certified_on.long_de(),
                    until.long_de()
                ),
            )
        } else {
            Text::new(
                format!(
                    "The certificate from {} lapsed on {}: it must be recertified.",
                    certified_on.long_en(),
                    until.long_en()
                ),
                format!(
                    "Das Zertifikat vom {} ist am {} abgelaufen: Eine Rezertifizierung ist nötig.",
                    certified_on.long_de(),
                    until.long_de()
                ),
            )
        };
        Some(Holding { current, until: Some(until), text })
    })
}

pub(super) fn iso27001(f: &Facts<'_>) -> FrameworkVerdict {
    let key = ScopeFramework::Iso27001;
    let what = Text::new("ISO/IEC 27001 certification", "eine ISO/IEC-27001-Zertifizierung");
    let mut reasons = Vec::new();
    let held = iso_holding(f.profile, f.today, key);
    if let Some(h) = &held {
        reasons.push(held_reason(h, "iso27001"));
    }

    let asked = f.asks(&[Ask::Iso27001]);
    reasons.extend(asked.iter().map(|(i, p)| asked_reason(*i, p, &what, f.today)));

    if f.service && (f.eu || f.uk) {
        let european_asks: Vec<_> = f
            .asks(&[Ask::DataProtectionAssurance])
            .into_iter()
            .filter(|(_, p)| !matches!(p.party, Party::UsCustomers))
            .collect();
        let mut triggers = vec![trigger("offerings", "service_processing_customer_data")];
        triggers.extend(
            f.profile
                .markets
                .iter()
                .filter(|m| matches!(m, Market::Eu | Market::Uk))
                .map(|m| trigger("markets", keyword(m))),
        );
        triggers.extend(european_asks.iter().map(|(i, p)| pressure_trigger(*i, p)));
        reasons.push(if european_asks.is_empty() {
            Reason {
                rule: RuleId::R9,
                need: Some(Need::Optional),
                triggers,
                text: Text::new(
                    "The client holds customer data and sells in Europe, where buyers know ISO/IEC 27001 as the proof of information security; nobody asks for it yet.",
                    "Der Mandant verarbeitet Kundendaten und verkauft in Europa, wo Käufer ISO/IEC 27001 als Nachweis für Informationssicherheit kennen; bisher fragt niemand danach.",
                ),
            }
        } else {
            Reason {
                rule: RuleId::R9,
                need: Some(Need::Recommended),
                triggers,
                text: Text::new(
                    "European parties ask how their data is protected; in Europe the recognised answer is an ISO/IEC 27001 certificate.",
                    "Europäische Beteiligte fragen, wie ihre Daten geschützt sind; in Europa ist ein ISO/IEC-27001-Zertifikat die anerkannte Antwort.",
                ),
            }
        });
    }

    if held.is_none() && (f.builds_ai || f.provides_ai) {
        reasons.push(Reason {
            rule: RuleId::R4,
            need: None,
            triggers: vec![trigger("offerings", "builds_ai")],
            text: Text::new(
                "ISO/IEC 27001 and 42001 share the same management-system clauses (4 to 10); building both together costs less than one after the other.",
                "ISO/IEC 27001 und 42001 teilen dieselben Managementsystem-Abschnitte (4 bis 10); beide gemeinsam aufzubauen kostet weniger als nacheinander.",
            ),
        });
    }

    let urgent = f.urgent(&asked);
    let none = Reason {
        rule: RuleId::R9,
        need: Some(Need::NotNeeded),
        triggers: Vec::new(),
        text: Text::new(
            "Nobody asks for ISO/IEC 27001, and the client offers no service that holds customer data in Europe.",
            "Niemand fordert ISO/IEC 27001, und der Mandant bietet in Europa keinen Dienst an, der Kundendaten verarbeitet.",
        ),
    };
    verdict(key, reasons, urgent, held, None, none)
}

pub(super) fn soc2(f: &Facts<'_>) -> FrameworkVerdict {
    let key = ScopeFramework::Soc2;
    let what = Text::new("a SOC 2 report", "einen SOC-2-Bericht");
    let mut reasons = Vec::new();

    let held = soc2_holding(f);
    if let Some((h, _)) = &held {
        reasons.push(held_reason(h, "soc2"));
    }

    let asked = f.asks(&[Ask::Soc2]);
    reasons.extend(asked.iter().map(|(i, p)| asked_reason(*i, p, &what, f.today)));

    let us_data_asks: Vec<_> =
        f.asks(&[Ask::DataProtectionAssurance]).into_iter().filter(|(_, p)| p.party == Party::UsCustomers).collect();
    if f.service {
        let mut triggers = vec![trigger("offerings", "service_processing_customer_data")];
        if f.us {
            triggers.push(trigger("markets", "us"));
            triggers.extend(us_data_asks.iter().map(|(i, p)| pressure_trigger(*i, p)));
            reasons.push(if us_data_asks.is_empty() {
                Reason {
                    rule: RuleId::R2,
                    need: Some(Need::Recommended),
                    triggers,
                    text: Text::new(
                        "The client holds its customers' data as a service and sells in the US, where customers expect a SOC 2 report from such a provider.",
                        "Der Mandant verarbeitet als Dienstleister Daten seiner Kunden und verkauft in den USA, wo Kunden von einem solchen Anbieter einen SOC-2-Bericht erwarten.",
                    ),
                }
            } else {
                Reason {
                    rule: RuleId::R2,
                    need: Some(Need::Recommended),
                    triggers,
                    text: Text::new(
                        "US customers ask how their data is protected, without naming a framework; from a service provider the answer they usually expect is a SOC 2 report, so it is recommended (required once they ask for it by name).",
                        "US-Kunden fragen, wie ihre Daten geschützt sind, ohne ein Rahmenwerk zu nennen; von einem Dienstleister erwarten sie als Antwort meist einen SOC-2-Bericht, daher wird er empfohlen (erforderlich, sobald sie ihn ausdrücklich fordern).",
                    ),
                }
            });
        } else {
            reasons.push(Reason {
                rule: RuleId::R2,
                need: Some(Need::Optional),
                triggers,
                text: Text::new(
                    "The client holds customer data as a service but does not sell in the US; SOC 2 is a US attestation, so it helps only if US buyers appear.",
                    "Der Mandant verarbeitet als Dienstleister Kundendaten, verkauft aber nicht in den USA; SOC 2 ist ein US-Prüfbericht und hilft erst, wenn US-Käufer hinzukommen.",
                ),
            });
        }
        if f.builds_ai && f.us && f.eu {
            reasons.push(Reason {
                rule: RuleId::R3,
                need: Some(Need::Recommended),
                triggers: vec![trigger("offerings", "builds_ai"), trigger("markets", "us"), trigger("markets", "eu")],
                text: Text::new(
                    "An AI-enabled service sold in both the US and the EU usually needs both: SOC 2 for how customer data is handled, ISO/IEC 42001 for how AI is governed.",
                    "Ein KI-gestützter Dienst, der in den USA und der EU verkauft wird, braucht meist beides: SOC 2 für den Umgang mit Kundendaten, ISO/IEC 42001 für die Steuerung der KI.",
                ),
            });
        }
    }

    if iso_holding(f.profile, f.today, ScopeFramework::Iso27001).is_some_and(|h| h.current) {
        reasons.push(Reason {
            rule: RuleId::R4,
            need: None,
            triggers: vec![trigger("certifications", "iso27001")],
            text: Text::new(
                "The ISO/IEC 27001 ISMS already covers much of the SOC 2 security criteria: reuse its controls and evidence instead of building them again.",
                "Das ISMS nach ISO/IEC 27001 deckt bereits einen Großteil der SOC-2-Sicherheitskriterien ab: dessen Maßnahmen und Nachweise wiederverwenden statt neu aufbauen.",
            ),
        });
    }

    let mut deciding: Vec<_> = asked.clone();
    deciding.extend(us_data_asks.iter().copied());
    let urgent = f.urgent(&deciding);
    let path = match held.as_ref().map(|(_, t)| *t) {
        Some(Soc2Type::Type2) => Soc2Path::RenewType2,
        Some(Soc2Type::Type1) => Soc2Path::Type2,
        None => Soc2Path::Type1ThenType2,
    };
    let plan = Soc2Plan { path, categories: soc2_categories(f) };
    // The scope matters once SOC 2 is pursued: ask about it, and keep a first report lean.
    let pursued = reasons.iter().filter_map(|r| r.need).max().is_some_and(|n| n >= Need::Recommended);
    if pursued {
        reasons.extend(soc2_category_questions(f));
    }
    if pursued && path == Soc2Path::Type1ThenType2 && f.service {
        reasons.push(Reason {
            rule: RuleId::R13,
            need: None,
            triggers: Vec::new(),
            text: Text::new(
                "A first report stays lean: security (always in scope) plus only the categories the service's facts clearly call for; others can be added in a later period.",
                "Ein erster Bericht bleibt schlank: Sicherheit (immer im Umfang) und nur die Kategorien, die die Fakten des Dienstes eindeutig verlangen; weitere können in einem späteren Zeitraum hinzukommen.",
            ),
        });
    }
    reasons.push(Reason {
        rule: RuleId::R7,
        need: None,
        triggers: Vec::new(),
        text: match path {
            Soc2Path::Type1ThenType2 => Text::new(
                "First a Type I report (controls designed, at a date), then a Type II report over an observation window of three to twelve months; renewed every year.",
                "Zuerst ein Typ-I-Bericht (Ausgestaltung der Kontrollen zu einem Stichtag), dann ein Typ-II-Bericht über einen Beobachtungszeitraum von drei bis zwölf Monaten; jährlich erneuert.",
            ),
            Soc2Path::Type2 => Text::new(
                "A Type I report is held: the next step is a Type II report over an observation window.",
                "Ein Typ-I-Bericht liegt vor: Der nächste Schritt ist ein Typ-II-Bericht über einen Beobachtungszeitraum.",
            ),
            Soc2Path::RenewType2 => Text::new(
                "A Type II report is held: the next period follows on directly, with a report every year.",
                "Ein Typ-II-Bericht liegt vor: Der nächste Zeitraum schließt direkt an, mit einem Bericht pro Jahr.",
            ),
        },
    });

    let none = Reason {
        rule: RuleId::R2,
        need: Some(Need::NotNeeded),
        triggers: Vec::new(),
        text: Text::new(
            "The client runs no service that holds customer data, and nobody asks for a SOC 2 report.",
            "Der Mandant betreibt keinen Dienst, der Kundendaten verarbeitet, und niemand fordert einen SOC-2-Bericht.",
        ),
    };
    let plan = Some(plan);
    verdict(key, reasons, urgent, held.map(|(h, _)| h), plan, none)
}

/// The latest SOC 2 report held, and whether the market still treats it as current.
fn soc2_holding(f: &Facts<'_>) -> Option<(Holding, Soc2Type)> {
    let (report_type, period_end) = f
        .profile
        .certifications
        .iter()
        .filter_map(|c| match c {
            Certification::Soc2 { report_type, period_end } => Some((*report_type, *period_end)),
            _ => None,
        })
        .max_by_key(|(t, end)| (*end, *t == Soc2Type::Type2))?;
    let until = period_end.plus_months(SOC2_CURRENT_MONTHS);
    let current = f.today <= until;
    let (kind, kind_de) = match report_type {
        Soc2Type::Type1 => ("Type I", "Typ I"),
        Soc2Type::Type2 => ("Type II", "Typ II"),
    };
    let text = if current {
        Text::new(
            format!(
                "A SOC 2 {kind} report for the period ending {} is held; buyers treat it as current until about {}.",
                period_end.long_en(),
                until.long_en()
            ),
            format!(
                "Ein SOC-2-Bericht vom {kind_de} für den Zeitraum bis zum {} liegt vor; Käufer sehen ihn bis etwa {} als aktuell an.",
                period_end.long_de(),
                until.long_de()
            ),
        )
    } else {
        Text::new(
            format!(
                "The SOC 2 {kind} report for the period ending {} is more than a year old: buyers no longer treat it as current.",
                period_end.long_en()
            ),
            format!(
                "Der SOC-2-Bericht vom {kind_de} für den Zeitraum bis zum {} ist älter als ein Jahr: Käufer sehen ihn nicht mehr als aktuell an.",
                period_end.long_de()
            ),
        )
    };
    Some((Holding { current, until: Some(until), text }, report_type))
}

/// R13: the categories beyond security, from what the service does (never from the sector).
/// A fact answered yes adds its category; an unknown one becomes a question for the consultant
/// ([`soc2_category_questions`]); a first report stays lean: security plus what is warranted.
fn soc2_categories(f: &Facts<'_>) -> Vec<Soc2CategoryAdvice> {
    if !f.service {
        return Vec::new();
    }
    SOC2_CATEGORY_FACTS
        .iter()
        .filter(|c| (c.fact)(&f.profile.service) == Fact::Yes)
        .map(|c| Soc2CategoryAdvice {
            category: c.category,
            reason: Reason {
                rule: RuleId::R13,
                need: Some(Need::Recommended),
                triggers: vec![trigger(&format!("service.{}", c.field), "yes")],
                text: Text::new(c.yes_en, c.yes_de),
            },
        })
        .collect()
}

/// R13: the questions the consultant still has to answer before the SOC 2 scope is settled.
fn soc2_category_questions(f: &Facts<'_>) -> Vec<Reason> {
    if !f.service {
        return Vec::new();
    }
    SOC2_CATEGORY_FACTS
        .iter()
        .filter(|c| (c.fact)(&f.profile.service) == Fact::Unknown)
        .map(|c| Reason {
            rule: RuleId::R13,
            need: None,
            triggers: vec![trigger(&format!("service.{}", c.field), "unknown")],
            text: Text::new(c.ask_en, c.ask_de),
        })
        .collect()
}

struct CategoryFact {
    category: Soc2Category,
    field: &'static str,
    fact: fn(&ServiceFacts) -> Fact,
    yes_en: &'static str,
    yes_de: &'static str,
    ask_en: &'static str,
    ask_de: &'static str,
}

const SOC2_CATEGORY_FACTS: [CategoryFact; 4] = [
    CategoryFact {
        category: Soc2Category::Availability,
        field: "availability_commitments",
        fact: |s| s.availability_commitments,
        yes_en: "Customers rely on the service under availability commitments (an SLA), so the report should cover availability.",
        yes_de: "Kunden verlassen sich auf Verfügbarkeitszusagen des Dienstes (SLA), daher sollte der Bericht die Verfügbarkeit abdecken.",
        ask_en: "Open question: do customers rely on the service under availability commitments (an SLA)? If so, add availability to the SOC 2 scope.",
        ask_de: "Offene Frage: Gibt er Kunden Verfügbarkeitszusagen (SLA), auf die sie sich verlassen? Falls ja, gehört die Verfügbarkeit in den SOC-2-Umfang.",
    },
    CategoryFact {
        category: Soc2Category::Confidentiality,
        field: "confidential_business_data",
        fact: |s| s.confidential_business_data,
        yes_en: "Customers entrust the service with confidential business data, so the report should cover confidentiality.",
        yes_de: "Kunden vertrauen dem Dienst vertrauliche Geschäftsdaten an, daher sollte der Bericht die Vertraulichkeit abdecken.",
        ask_en: "Open question: do customers entrust the service with confidential business data? If so, add confidentiality to the SOC 2 scope.",
        ask_de: "Offene Frage: Vertrauen Kunden dem Dienst vertrauliche Geschäftsdaten an? Falls ja, gehört die Vertraulichkeit in den SOC-2-Umfang.",
    },
    CategoryFact {
        category: Soc2Category::ProcessingIntegrity,
        field: "processes_transactions",
        fact: |s| s.processes_transactions,
        yes_en: "The service processes transactions whose completeness and accuracy customers rely on, so the report should cover processing integrity.",
        yes_de: "Der Dienst verarbeitet Transaktionen, auf deren Vollständigkeit und Richtigkeit sich Kunden verlassen, daher sollte der Bericht die Verarbeitungsintegrität abdecken.",
        ask_en: "Open question: does the service process transactions whose accuracy customers rely on? If so, add processing integrity to the SOC 2 scope.",
        ask_de: "Offene Frage: Verarbeitet der Dienst Transaktionen, auf deren Richtigkeit sich Kunden verlassen? Falls ja, gehört die Verarbeitungsintegrität in den SOC-2-Umfang.",
    },
    CategoryFact {
        category: Soc2Category::Privacy,
        field: "collects_personal_info",
        fact: |s| s.collects_personal_info,
        yes_en: "The service collects personal information directly from individuals, so the report should cover privacy.",
        yes_de: "Der Dienst erhebt personenbezogene Daten direkt bei den betroffenen Personen, daher sollte der Bericht den Datenschutz abdecken.",
        ask_en: "Open question: does the service collect personal information directly from individuals? If so, add privacy to the SOC 2 scope.",
        ask_de: "Offene Frage: Erhebt der Dienst personenbezogene Daten direkt bei den betroffenen Personen? Falls ja, gehört der Datenschutz in den SOC-2-Umfang.",
    },
];

pub(super) fn iso42001(f: &Facts<'_>) -> FrameworkVerdict {
    let key = ScopeFramework::Iso42001;
    let what = Text::new("ISO/IEC 42001 certification", "eine ISO/IEC-42001-Zertifizierung");
    let mut reasons = Vec::new();
    let held = iso_holding(f.profile, f.today, key);
    if let Some(h) = &held {
        reasons.push(held_reason(h, "iso42001"));
    }

    let asked = f.asks(&[Ask::Iso42001]);
    reasons.extend(asked.iter().map(|(i, p)| asked_reason(*i, p, &what, f.today)));

    let governance_asks = f.asks(&[Ask::AiGovernanceAssurance]);
    if !governance_asks.is_empty() {
        reasons.push(Reason {
            rule: RuleId::R15,
            need: Some(Need::Recommended),
            triggers: governance_asks.iter().map(|(i, p)| pressure_trigger(*i, p)).collect(),
            text: Text::new(
                "Parties ask how AI is governed; ISO/IEC 42001 is the certifiable answer to that question.",
                "Beteiligte fragen, wie KI gesteuert wird; ISO/IEC 42001 ist die zertifizierbare Antwort darauf.",
            ),
        });
    }

    let ai_act_asks = f.asks(&[Ask::AiActCompliance]);
    if f.builds_ai || f.provides_ai {
        let mut triggers = Vec::new();
        if f.builds_ai {
            triggers.push(trigger("offerings", "builds_ai"));
        }
        for (i, s) in f.profile.ai_systems.iter().enumerate() {
            if s.roles.contains(&AiRole::Provider) {
                triggers.push(format!("ai_systems[{i}]: provider of {}", s.name));
            }
        }
        let high_risk_provider =
            f.profile.ai_systems.iter().any(|s| s.roles.contains(&AiRole::Provider) && s.risk.is_high_risk());
        let text = if f.eu && high_risk_provider {
            triggers.push(trigger("markets", "eu"));
            Text::new(
                format!("The client provides a high-risk AI system on the EU market: ISO/IEC 42001 can serve as the backbone of the quality management system the EU AI Act demands of providers (Art. 17). {NOT_HARMONISED_EN}"),
                format!("Der Mandant stellt ein Hochrisiko-KI-System auf dem EU-Markt bereit: ISO/IEC 42001 kann das Gerüst des Qualitätsmanagementsystems bilden, das die KI-Verordnung von Anbietern verlangt (Art. 17). {NOT_HARMONISED_DE}"),
            )
        } else if f.eu {
            triggers.push(trigger("markets", "eu"));
            Text::new(
                "The client builds AI and sells in the EU, where the AI Act applies: ISO/IEC 42001 organises the AI governance customers expect and gives a structure for the work the Act requires, though it is not a harmonised standard and proves no conformity with the Act.",
                "Der Mandant entwickelt KI und verkauft in der EU, wo die KI-Verordnung gilt: ISO/IEC 42001 ordnet die KI-Governance, die Kunden erwarten, und gibt der Arbeit, die die Verordnung verlangt, eine Struktur; sie ist aber keine harmonisierte Norm und belegt keine Konformität mit der Verordnung.",
            )
        } else {
            Text::new(
                "The client builds AI into what it sells: ISO/IEC 42001 shows customers that the AI is governed responsibly.",
                "Der Mandant baut KI in seine Produkte ein: ISO/IEC 42001 zeigt Kunden, dass die KI verantwortungsvoll gesteuert wird.",
            )
        };
        reasons.push(Reason { rule: RuleId::R1, need: Some(Need::Recommended), triggers, text });
    } else if f.uses_ai {
        let triggers: Vec<String> =
            f.profile.offerings.iter().filter(|o| o.involves_ai()).map(|o| trigger("offerings", keyword(o))).collect();
        reasons.push(Reason {
            rule: RuleId::R16,
            need: Some(Need::Optional),
            triggers,
            text: Text::new(
                "The client only uses AI made by others: an AI policy, staff AI literacy and supplier checks are proportionate; a 42001 certificate is optional.",
                "Der Mandant nutzt nur KI anderer Anbieter: Eine KI-Richtlinie, KI-Kompetenz der Beschäftigten und Lieferantenprüfungen sind angemessen; ein 42001-Zertifikat ist freiwillig.",
            ),
        });
        for (i, p) in &ai_act_asks {
            let asked =
                ask_sentence(p, &Text::new("EU AI Act compliance", "Konformität mit der KI-Verordnung"), f.today);
            reasons.push(Reason {
                rule: RuleId::R16,
                need: None,
                triggers: vec![pressure_trigger(*i, p)],
                text: Text::new(
                    format!("{} As a deployer the client answers with the obligations listed for each AI system below, not with a certificate.", asked.en),
                    format!("{} Als Betreiber antwortet der Mandant mit den unten je KI-System aufgeführten Pflichten, nicht mit einem Zertifikat.", asked.de),
                ),
            });
        }
    }
    if f.builds_ai || f.provides_ai {
        // R5: an ask for AI Act compliance points at ISO/IEC 42001 as the management system that
        // carries the work; each ask is stated with its deadline (and flagged when missed).
        for (i, p) in &ai_act_asks {
            let asked =
                ask_sentence(p, &Text::new("EU AI Act compliance", "Konformität mit der KI-Verordnung"), f.today);
            // The limits of ISO/IEC 42001 under the Act are said once per verdict.
            let said = reasons.iter().any(|r| r.text.en.contains(NOT_HARMONISED_EN));
            let (limits_en, limits_de) = if said {
                ("It is no proof of conformity (see above).", "Sie ist kein Konformitätsnachweis (siehe oben).")
            } else {
                (NOT_HARMONISED_EN, NOT_HARMONISED_DE)
            };
            reasons.push(Reason {
                rule: RuleId::R1,
                need: Some(Need::Recommended),
                triggers: vec![pressure_trigger(*i, p)],
                text: Text::new(
                    format!("{} An AI management system under ISO/IEC 42001 is the practical way to organise that work. {limits_en}", asked.en),
                    format!("{} Ein KI-Managementsystem nach ISO/IEC 42001 ist der praktische Weg, diese Arbeit zu organisieren. {limits_de}", asked.de),
                ),
            });
        }
    }

    if held.is_none()
        && iso_holding(f.profile, f.today, ScopeFramework::Iso27001).is_some_and(|h| h.current)
        && f.uses_ai
    {
        reasons.push(Reason {
            rule: RuleId::R4,
            need: None,
            triggers: vec![trigger("certifications", "iso27001")],
            text: Text::new(
                "Build the AI management system on the existing ISMS: the management-system clauses, internal audit and management review are already running.",
                "Das KI-Managementsystem auf dem bestehenden ISMS aufbauen: Die Managementsystem-Abschnitte, das interne Audit und die Managementbewertung laufen bereits.",
            ),
        });
    }

    let mut deciding = asked.clone();
    deciding.extend(governance_asks.iter().copied());
    if f.builds_ai || f.provides_ai {
        deciding.extend(ai_act_asks.iter().copied());
    }
    let urgent = f.urgent(&deciding);
    let none = Reason {
        rule: RuleId::R1,
        need: Some(Need::NotNeeded),
        triggers: Vec::new(),
        text: Text::new(
            "The client neither builds nor uses AI, and nobody asks about AI governance.",
            "Der Mandant entwickelt und nutzt keine KI, und niemand fragt nach KI-Governance.",
        ),
    };
    verdict(key, reasons, urgent, held, None, none)
}
