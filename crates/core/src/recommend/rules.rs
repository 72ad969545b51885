//! The decision rules, each with a stable id. R1 to R7 come from the domain brief
//! (the product's domain brief, in our words); R8 onwards are Crosswalk's own. `docs/rules.md`
//! explains every rule for consultants; the ids are part of the CLI's JSON output.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
pub enum RuleId {
    /// A product that builds or provides AI points to ISO/IEC 42001; EU exposure strengthens it.
    R1,
    /// A service organisation processing customer data, with (US) customers asking how it is
    /// protected, points to SOC 2; blocked deals make it urgent.
    R2,
    /// A SaaS or AI vendor selling into both the US and the EU typically needs SOC 2 and 42001.
    R3,
    /// An ISO/IEC 27001 ISMS already held is reused for SOC 2 and 42001, not redone.
    R4,
    /// Who is asking decides the order.
    R5,
    /// The frameworks are not alternatives: the side-by-side comparison.
    R6,
    /// Cadence: ISO three-year cycle with yearly surveillance; SOC 2 yearly, Type I before Type II.
    R7,
    /// A party that asks for a framework by name makes it required.
    R8,
    /// European buyers recognise ISO/IEC 27001 for data assurance.
    R9,
    /// EU AI Act obligations follow each system's role and tier once the system reaches the EU.
    R10,
    /// A prohibited practice (Art. 5) is a stop sign.
    R11,
    /// Without EU exposure the EU AI Act does not reach the client.
    R12,
    /// SOC 2 categories beyond security follow what the service promises.
    R13,
    /// A certificate or report already held is kept current, not started again.
    R14,
    /// A request for assurance about AI governance is best answered with ISO/IEC 42001.
    R15,
    /// AI used only from others or only internally calls for proportionate governance; a
    /// 42001 certificate is optional.
    R16,
    /// The GDPR applies to an EU establishment processing personal data, or to one outside the
    /// EU targeting people in it; its obligations follow the role and the processing.
    R17,
    /// NIS2 applies to an entity of Annexes I and II in the Union above the size cap (or
    /// regardless of size for some types): essential or important.
    R18,
    /// The NIST AI RMF is voluntary guidance US enterprise and public buyers look for.
    R19,
}

impl RuleId {
    pub fn as_str(self) -> &'static str {
        match self {
            RuleId::R1 => "R1",
            RuleId::R2 => "R2",
            RuleId::R3 => "R3",
            RuleId::R4 => "R4",
            RuleId::R5 => "R5",
            RuleId::R6 => "R6",
            RuleId::R7 => "R7",
            RuleId::R8 => "R8",
            RuleId::R9 => "R9",
            RuleId::R10 => "R10",
            RuleId::R11 => "R11",
            RuleId::R12 => "R12",
            RuleId::R13 => "R13",
            RuleId::R14 => "R14",
            RuleId::R15 => "R15",
            RuleId::R16 => "R16",
            RuleId::R17 => "R17",
            RuleId::R18 => "R18",
            RuleId::R19 => "R19",
        }
    }
}

/// EU member states (ISO 3166-1 alpha-2), for "is the client inside the EU".
pub const EU_MEMBER_STATES: [&str; 27] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV",
    "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

pub fn in_eu(country: &str) -> bool {
    EU_MEMBER_STATES.contains(&country)
}
