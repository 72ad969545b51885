//! The profile answers behind a reason ("triggers"), as a client reads them. The core writes them
//! as `field: value` with the profile's keywords (`pressures[0]: us_customers ask for soc2,
//! deadline 2027-03-31`), which the CLI's JSON keeps; the report says them in words of its
//! language, with dates written out. A keyword the report does not know is shown without its
//! underscores rather than dropped.

use crosswalk_core::domain::Date;

use crate::i18n::long_date;
use crate::model::Lang;

/// One trigger in the report's language.
pub(crate) fn trigger_text(lang: Lang, trigger: &str) -> String {
    let (field, value) = match trigger.split_once(": ") {
        Some((f, v)) => (f, v),
        None => ("", trigger),
    };
    let field = field_text(lang, field);
    let value = value_text(lang, value);
    if field.is_empty() {
        value
    } else {
        format!("{field}: {value}")
    }
}

fn field_text(lang: Lang, field: &str) -> String {
    let de = lang == Lang::De;
    // `pressures[2]`, `ai_systems[0].risk.tier`: the list item counted from 1, then the subfield.
    if let Some((list, rest)) = field.split_once('[') {
        let (index, sub) = rest.split_once(']').unwrap_or((rest, ""));
        let n = index.parse::<usize>().map_or_else(|_| index.to_owned(), |i| (i + 1).to_string());
        let item = match (list, de) {
            ("pressures", false) => format!("Request {n}"),
            ("pressures", true) => format!("Anfrage {n}"),
            ("ai_systems", false) => format!("AI system {n}"),
            ("ai_systems", true) => format!("KI-System {n}"),
            (other, _) => format!("{} {n}", words(other)),
        };
        let sub = sub.trim_start_matches('.');
        return if sub.is_empty() { item } else { format!("{item}, {}", field_word(lang, sub)) };
    }
    field_word(lang, field)
}

fn field_word(lang: Lang, field: &str) -> String {
    let de = lang == Lang::De;
    let known: Option<(&str, &str)> = match field {
        "offerings" => Some(("Offering", "Angebot")),
        "markets" => Some(("Market", "Markt")),
        "certifications" => Some(("Held", "Vorhanden")),
        "sector" => Some(("Sector", "Branche")),
        "headquarters" => Some(("Headquarters", "Hauptsitz")),
        "roles" => Some(("roles", "Rollen")),
        "risk.tier" => Some(("risk tier", "Risikostufe")),
        "risk.practice" => Some(("practice", "Praktik")),
        "risk.area" => Some(("Annex III area", "Bereich nach Anhang III")),
        "general_purpose" => Some(("general-purpose model", "Modell mit allgemeinem Verwendungszweck")),
        "systemic_risk" => Some(("systemic risk", "systemisches Risiko")),
        "deployer_type" => Some(("deployer type", "Art des Betreibers")),
        "risk.point" => Some(("Annex III point", "Nummer nach Anhang III")),
        "provider_establishment" => Some(("provider established", "Sitz des Anbieters")),
        "not_high_risk_assessment" => Some((
            "documented not-high-risk assessment (Art. 6(3))",
            "dokumentierte Bewertung als nicht hochriskant (Art. 6(3))",
        )),
        "market_entry" => Some(("placing on the market", "Inverkehrbringen")),
        "significant_change" => Some(("significant change", "wesentliche Änderung")),
        "transparency.interacts_with_people" => Some(("interacts with people", "interagiert mit Menschen")),
        "transparency.generates_content" => {
            Some(("generates or manipulates content", "erzeugt oder manipuliert Inhalte"))
        }
        "transparency.emotion_recognition" => Some(("emotion recognition", "Emotionserkennung")),
        "transparency.biometric_categorisation" => Some(("biometric categorisation", "biometrische Kategorisierung")),
        "service.collects_personal_info" => Some((
            "Collects personal information from individuals",
            "Erhebt personenbezogene Daten direkt bei Personen",
        )),
        "service.availability_commitments" => {
            Some(("Availability commitments to customers", "Verfügbarkeitszusagen an Kunden"))
        }
        "service.confidential_business_data" => Some((
            "Holds confidential business data of customers",
            "Verarbeitet vertrauliche Geschäftsdaten von Kunden",
        )),
        "service.processes_transactions" => Some((
            "Processes transactions customers rely on",
            "Verarbeitet Transaktionen, auf die sich Kunden verlassen",
        )),
        _ => None,
    };
    match known {
        Some((en, de_text)) => (if de { de_text } else { en }).to_owned(),
        None => words(field.rsplit('.').next().unwrap_or(field)),
    }
}

/// Phrases first (they span words), then single keywords, then dates.
fn value_text(lang: Lang, value: &str) -> String {
    let de = lang == Lang::De;
    let mut text = value.to_owned();
    for (en, de_text) in PHRASES {
        let english = if en == " ask for " { " – " } else { en };
        text = text.replace(en, if de { de_text } else { english });
    }
    let mut out = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if !word.is_empty() {
            out.push_str(&keyword(lang, word));
            word.clear();
        }
    };
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' || c == '/' || c == '(' || c == ')' || c == '.' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// English as the core writes it, and its German; the English form is kept as it is, except
/// " ask for ", which becomes a dash in both languages (the subject may be one party or many).
const PHRASES: [(&str, &str); 7] = [
    ("placed on ", "in Verkehr gebracht am "),
    ("not yet", "noch nicht"),
    ("none (not an Annex III system)", "keiner (kein System nach Anhang III)"),
    (" ask for ", " – "),
    ("deals blocked", "Geschäfte blockiert"),
    ("deadline ", "Frist "),
    ("provider of ", "Anbieter von "),
];

fn keyword(lang: Lang, word: &str) -> String {
    let de = lang == Lang::De;
    if let Ok(date) = word.trim_end_matches(['.', ')']).parse::<Date>() {
        return long_date(lang, date);
    }
    let pair: Option<(&str, &str)> = match word {
        "us" => Some(("US", "USA")),
        "eu" => Some(("EU", "EU")),
        "uk" => Some(("UK", "Vereinigtes Königreich")),
        "other" => Some(("other", "sonstige")),
        "service_processing_customer_data" => {
            Some(("service processing customer data", "Dienst, der Kundendaten verarbeitet"))
        }
        "builds_ai" => Some(("builds AI", "entwickelt KI")),
        "deploys_third_party_ai" => Some(("uses AI from others", "setzt KI anderer Anbieter ein")),
        "internal_ai_only" => Some(("AI for internal use only", "KI nur intern")),
        "none" => Some(("none", "keines")),
        "iso27001" => Some(("ISO/IEC 27001", "ISO/IEC 27001")),
        "iso42001" => Some(("ISO/IEC 42001", "ISO/IEC 42001")),
        "soc2" => Some(("SOC 2", "SOC 2")),
        "us_customers" => Some(("US customers", "US-Kunden")),
        "eu_customers" => Some(("EU customers", "EU-Kunden")),
        "uk_customers" => Some(("UK customers", "Kunden im Vereinigten Königreich")),
        "other_customers" => Some(("customers", "Kunden")),
        "regulator" => Some(("a regulator", "eine Aufsichtsbehörde")),
        "investors" => Some(("investors", "Investoren")),
        "board" => Some(("the board", "das Aufsichtsgremium")),
        "partners" => Some(("partners", "Partner")),
        "insurer" => Some(("an insurer", "ein Versicherer")),
        "ai_act_compliance" => Some(("EU AI Act compliance", "Konformität mit der KI-Verordnung")),
        "data_protection_assurance" => Some(("proof of data protection", "Nachweise zum Datenschutz")),
        "ai_governance_assurance" => Some(("proof of AI governance", "Nachweise zur KI-Governance")),
        "provider" => Some(("provider", "Anbieter")),
        "deployer" => Some(("deployer", "Betreiber")),
        "importer" => Some(("importer", "Einführer")),
        "distributor" => Some(("distributor", "Händler")),
        "authorised_representative" => Some(("authorised representative", "Bevollmächtigter")),
        "product_manufacturer" => Some(("product manufacturer", "Produkthersteller")),
        "prohibited" => Some(("prohibited", "verboten")),
        "high_risk_annex_i" => Some(("high-risk (Annex I)", "Hochrisiko (Anhang I)")),
        "high_risk_annex_iii" => Some(("high-risk (Annex III)", "Hochrisiko (Anhang III)")),
        "transparency" => Some(("transparency", "Transparenz")),
        "minimal" => Some(("minimal", "minimal")),
        "general_purpose" => Some(("general-purpose model", "Modell mit allgemeinem Verwendungszweck")),
        "public_body" => Some((
            "public authority or body governed by public law",
            "Behörde oder Einrichtung des öffentlichen Rechts",
        )),
        "private_public_service" => {
            Some(("private entity providing public services", "private Einrichtung, die öffentliche Dienste erbringt"))
        }
        "private" => Some(("other private entity", "sonstige private Einrichtung")),
        "outside_eu" => Some(("outside the EU", "außerhalb der EU")),
        "biometrics" => Some(("biometrics", "Biometrie")),
        "critical_infrastructure" => Some(("critical infrastructure", "kritische Infrastruktur")),
        "education" => Some(("education", "Bildung")),
        "employment" => Some(("employment", "Beschäftigung")),
        "essential_services" => Some(("essential services", "grundlegende Dienste")),
        "law_enforcement" => Some(("law enforcement", "Strafverfolgung")),
        "migration_border_control" => Some(("migration and border control", "Migration und Grenzkontrolle")),
        "justice_democracy" => Some(("justice and democracy", "Justiz und Demokratie")),
        "yes" | "true" => Some(("yes", "ja")),
        "no" | "false" => Some(("no", "nein")),
        "unknown" => Some(("not known yet", "noch nicht bekannt")),
        _ => None,
    };
    match pair {
        Some((en, de_text)) => (if de { de_text } else { en }).to_owned(),
        None if word.contains('_') => words(word),
        None => word.to_owned(),
    }
}

fn words(keyword: &str) -> String {
    keyword.replace('_', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triggers_read_as_words_in_both_languages() {
        let check = |raw: &str, en: &str, de: &str| {
            assert_eq!(trigger_text(Lang::En, raw), en, "{raw}");
            assert_eq!(trigger_text(Lang::De, raw), de, "{raw}");
        };
        check(
            "pressures[0]: us_customers ask for soc2, deals blocked, deadline 2027-03-31",
            "Request 1: US customers – SOC 2, deals blocked, deadline 31 March 2027",
            "Anfrage 1: US-Kunden – SOC 2, Geschäfte blockiert, Frist 31. März 2027",
        );
        check(
            "pressures[1]: board ask for ai_governance_assurance",
            "Request 2: the board – proof of AI governance",
            "Anfrage 2: das Aufsichtsgremium – Nachweise zur KI-Governance",
        );
        check("offerings: builds_ai", "Offering: builds AI", "Angebot: entwickelt KI");
        check("markets: eu", "Market: EU", "Markt: EU");
        check(
            "ai_systems[0].roles: provider, deployer",
            "AI system 1, roles: provider, deployer",
            "KI-System 1, Rollen: Anbieter, Betreiber",
        );
        check(
            "ai_systems[1].risk.tier: high_risk_annex_iii",
            "AI system 2, risk tier: high-risk (Annex III)",
            "KI-System 2, Risikostufe: Hochrisiko (Anhang III)",
        );
        check(
            "service.availability_commitments: unknown",
            "Availability commitments to customers: not known yet",
            "Verfügbarkeitszusagen an Kunden: noch nicht bekannt",
        );
        check(
            "ai_systems[0]: provider of Matcher",
            "AI system 1: provider of Matcher",
            "KI-System 1: Anbieter von Matcher",
        );
        check(
            "ai_systems[0].deployer_type: public_body",
            "AI system 1, deployer type: public authority or body governed by public law",
            "KI-System 1, Art des Betreibers: Behörde oder Einrichtung des öffentlichen Rechts",
        );
        check(
            "ai_systems[2].market_entry: placed on 2025-06-01",
            "AI system 3, placing on the market: placed on 1 June 2025",
            "KI-System 3, Inverkehrbringen: in Verkehr gebracht am 1. Juni 2025",
        );
        check(
            "ai_systems[0].brand_new: some_value",
            "AI system 1, brand new: some value",
            "KI-System 1, brand new: some value",
        );
    }
}
