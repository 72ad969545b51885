//! The two status vocabularies: a common control's, set by the consultant, and a requirement's,
//! derived from its mapped controls (by the SQL view `requirement_status`, see docs/analysis.md).

use crate::keywords::keywords;

keywords! {
    /// Where a client stands on one common control.
    pub enum ControlStatus {
        /// Nobody has looked yet. A control without a recorded status is not assessed.
        NotAssessed = "not_assessed",
        NotImplemented = "not_implemented",
        PartiallyImplemented = "partially_implemented",
        Implemented = "implemented",
        /// Does not apply to this client; always carries a justification.
        NotApplicable = "not_applicable",
    }
}

keywords! {
    /// Where a client stands on one assessable requirement, derived from its mapped controls.
    pub enum RequirementStatus {
        Met = "met",
        Partial = "partial",
        /// Not met and no progress (includes requirements nobody has assessed yet).
        Unmet = "unmet",
        NotApplicable = "not_applicable",
        /// No applicable mapped control has been assessed yet; counts as unmet.
        NotAssessed = "not_assessed",
    }
}

impl ControlStatus {
    /// Reads a status as people type it into a spreadsheet: the keyword, or its words in English
    /// or German, in any case (`Partially implemented`, `teilweise umgesetzt`). An empty cell is
    /// not assessed.
    pub fn parse_lenient(text: &str) -> Option<ControlStatus> {
        let key: String = text
            .trim()
            .chars()
            .map(|c| if c == ' ' || c == '-' { '_' } else { c })
            .flat_map(char::to_lowercase)
            .collect();
        if key.is_empty() {
            return Some(ControlStatus::NotAssessed);
        }
        ControlStatus::parse(&key).or(match key.as_str() {
            "n/a" | "na" => Some(ControlStatus::NotApplicable),
            "nicht_bewertet" => Some(ControlStatus::NotAssessed),
            "nicht_umgesetzt" => Some(ControlStatus::NotImplemented),
            "teilweise_umgesetzt" => Some(ControlStatus::PartiallyImplemented),
            "umgesetzt" => Some(ControlStatus::Implemented),
            "nicht_anwendbar" => Some(ControlStatus::NotApplicable),
            _ => None,
        })
    }

    /// The share of a control's effort still to do: nothing when implemented or not applicable,
    /// half when partially implemented, all of it otherwise.
    pub fn remaining_share(self) -> f64 {
        match self {
            ControlStatus::Implemented | ControlStatus::NotApplicable => 0.0,
            ControlStatus::PartiallyImplemented => 0.5,
            ControlStatus::NotAssessed | ControlStatus::NotImplemented => 1.0,
        }
    }

    pub fn label(self) -> crate::catalog::Text {
        use crate::catalog::Text;
        match self {
            ControlStatus::NotAssessed => Text::new("not assessed", "nicht bewertet"),
            ControlStatus::NotImplemented => Text::new("not implemented", "nicht umgesetzt"),
            ControlStatus::PartiallyImplemented => Text::new("partially implemented", "teilweise umgesetzt"),
            ControlStatus::Implemented => Text::new("implemented", "umgesetzt"),
            ControlStatus::NotApplicable => Text::new("not applicable", "nicht anwendbar"),
        }
    }
}

impl RequirementStatus {
    pub fn label(self) -> crate::catalog::Text {
        use crate::catalog::Text;
        match self {
            RequirementStatus::Met => Text::new("implemented", "umgesetzt"),
            RequirementStatus::Partial => Text::new("partially implemented", "teilweise umgesetzt"),
            RequirementStatus::Unmet => Text::new("not implemented", "nicht umgesetzt"),
            RequirementStatus::NotApplicable => Text::new("not applicable", "nicht anwendbar"),
            RequirementStatus::NotAssessed => Text::new("not assessed", "nicht bewertet"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_parse_from_keywords_and_spreadsheet_words() {
        for status in ControlStatus::ALL {
            assert_eq!(ControlStatus::parse(status.as_str()), Some(*status));
            assert_eq!(ControlStatus::parse_lenient(status.as_str()), Some(*status));
            assert_eq!(ControlStatus::parse_lenient(&status.label().en.to_uppercase()), Some(*status));
            assert_eq!(ControlStatus::parse_lenient(&status.label().de), Some(*status));
            assert_eq!(serde_json::to_value(status).unwrap(), status.as_str());
        }
        assert_eq!(ControlStatus::parse_lenient("  "), Some(ControlStatus::NotAssessed));
        assert_eq!(ControlStatus::parse_lenient("Partially-Implemented"), Some(ControlStatus::PartiallyImplemented));
        assert_eq!(ControlStatus::parse_lenient("done"), None);
        assert_eq!(ControlStatus::parse("Implemented"), None, "the strict form is the keyword");
        for status in RequirementStatus::ALL {
            assert_eq!(RequirementStatus::parse(status.as_str()), Some(*status));
        }
    }

    #[test]
    fn remaining_share_of_the_effort() {
        let shares: Vec<f64> = ControlStatus::ALL.iter().map(|s| s.remaining_share()).collect();
        assert_eq!(shares, [1.0, 1.0, 0.5, 0.0, 0.0]);
    }
}
