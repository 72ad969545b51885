//! What a consultant records about one control: status, notes, evidence references, owner, due
//! date and, for a control that does not apply, the justification.
//!
//! [`ControlEntry`] is the raw shape (from the app's form, a CLI flag or a spreadsheet row);
//! [`ControlEntry::validate`] checks every rule at once and yields a [`ValidEntry`], the only form
//! the store writes. Whether the control exists is checked by the store, in the transaction that
//! writes it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::ControlStatus;
use crate::domain::{Date, FieldError, MAX_DETAIL_LEN, MAX_NAME_LEN, MAX_NOTES_LEN};

/// The longest evidence reference (a document name, a ticket, a path or a link).
pub const MAX_EVIDENCE_LEN: usize = 500;
/// The most evidence references one control carries.
pub const MAX_EVIDENCE_ITEMS: usize = 50;

/// One control's record, as entered. Every field but the control id may be left empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ControlEntry {
    /// A control id, shipped (`CW-ACC-03`) or custom (`X-...`); any case.
    pub control_id: String,
    /// A status keyword (`not_assessed`, `not_implemented`, `partially_implemented`,
    /// `implemented`, `not_applicable`); its English or German words are accepted too. Empty is
    /// not assessed.
    pub status: String,
    pub notes: String,
    /// Evidence references: document names, tickets, links. Each on its own, without `;`.
    pub evidence: Vec<String>,
    /// Who at the client owns the control.
    pub owner: String,
    /// When the gap should be closed: `YYYY-MM-DD`, or empty.
    pub due: String,
    /// Why the control does not apply; required when the status is `not_applicable`.
    pub justification: String,
}

/// A change to one or several controls at once: the status always; the other fields only where
/// given (`None` keeps what is recorded). See `Assessments::patch`. The status is text, checked
/// with every other field, so that all problems are reported at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ControlPatch {
    pub status: String,
    pub notes: Option<String>,
    pub evidence: Option<Vec<String>>,
    pub owner: Option<String>,
    /// `YYYY-MM-DD`; an empty text clears the due date.
    pub due: Option<String>,
    pub justification: Option<String>,
}

impl ControlStatus {
    /// [`ControlStatus::parse_lenient`], with the message a person reads when it is no status.
    pub fn read(text: &str) -> Result<ControlStatus, String> {
        ControlStatus::parse_lenient(text)
            .ok_or_else(|| format!("unknown status `{}` (expected one of: {})", text.trim(), ControlStatus::expected()))
    }
}

impl ControlPatch {
    /// Only the status (as typed: a keyword or its words, see [`ControlStatus::parse_lenient`]).
    pub fn status(status: impl Into<String>) -> ControlPatch {
        ControlPatch { status: status.into(), notes: None, evidence: None, owner: None, due: None, justification: None }
    }
}

/// A control's record that passed [`ControlEntry::validate`]: text trimmed, keywords typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ValidEntry {
    pub control_id: String,
    pub status: ControlStatus,
    pub notes: String,
    pub evidence: Vec<String>,
    pub owner: String,
    #[ts(optional = nullable)]
    pub due: Option<Date>,
    pub justification: String,
}

impl ValidEntry {
    /// Nothing recorded: a control in this state needs no row.
    pub fn is_blank(&self) -> bool {
        self.status == ControlStatus::NotAssessed
            && self.notes.is_empty()
            && self.evidence.is_empty()
            && self.owner.is_empty()
            && self.due.is_none()
            && self.justification.is_empty()
    }

    /// Back to the raw shape (for editing and for spreadsheets).
    pub fn to_entry(&self) -> ControlEntry {
        ControlEntry {
            control_id: self.control_id.clone(),
            status: self.status.as_str().to_owned(),
            notes: self.notes.clone(),
            evidence: self.evidence.clone(),
            owner: self.owner.clone(),
            due: self.due.map(|d| d.to_string()).unwrap_or_default(),
            justification: self.justification.clone(),
        }
    }
}

impl ControlEntry {
    /// Checks every rule and reports all broken ones, each at its field. `prefix` goes in front of
    /// every field name (`row 7, ` for a spreadsheet row).
    pub fn validate(&self, prefix: &str) -> Result<ValidEntry, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut err = |field: &str, message: String| {
            errors.push(FieldError { field: format!("{prefix}{field}"), message });
        };

        let control_id = self.control_id.trim().to_owned();
        if control_id.is_empty() {
            err("control_id", "is required".into());
        }
        let status = match ControlStatus::read(&self.status) {
            Ok(status) => status,
            Err(message) => {
                err("status", message);
                ControlStatus::NotAssessed
            }
        };
        // Line breaks are stored as `\n` whatever sent them (a form, a CSV file with CR LF).
        let notes = self.notes.replace("\r\n", "\n").replace('\r', "\n").trim().to_owned();
        if notes.chars().count() > MAX_NOTES_LEN {
            err("notes", format!("is longer than {MAX_NOTES_LEN} characters"));
        }
        let owner = self.owner.trim().to_owned();
        if owner.chars().count() > MAX_NAME_LEN {
            err("owner", format!("is longer than {MAX_NAME_LEN} characters"));
        }
        if owner.contains(['\n', '\r']) {
            err("owner", "must be one line".into());
        }
        let justification = self.justification.replace("\r\n", "\n").replace('\r', "\n").trim().to_owned();
        if justification.chars().count() > MAX_DETAIL_LEN {
            err("justification", format!("is longer than {MAX_DETAIL_LEN} characters"));
        }
        if status == ControlStatus::NotApplicable && justification.is_empty() {
            err(
                "justification",
                "is required when the status is not_applicable: say why the control does not apply".into(),
            );
        }
        let due = match self.due.trim() {
            "" => None,
            text => match text.parse::<Date>() {
                Ok(date) => Some(date),
                Err(e) => {
                    err("due", e.to_string());
                    None
                }
            },
        };
        let mut evidence: Vec<String> = Vec::new();
        for (i, item) in self.evidence.iter().enumerate() {
            let item = item.trim();
            if item.is_empty() {
                continue;
            }
            if item.contains([';', '\n', '\r']) {
                err(
                    &format!("evidence[{i}]"),
                    "must not contain `;` or a line break (give each reference on its own)".into(),
                );
            } else if item.chars().count() > MAX_EVIDENCE_LEN {
                err(&format!("evidence[{i}]"), format!("is longer than {MAX_EVIDENCE_LEN} characters"));
            } else if !evidence.iter().any(|e| e == item) {
                evidence.push(item.to_owned());
            }
        }
        if evidence.len() > MAX_EVIDENCE_ITEMS {
            err("evidence", format!("holds more than {MAX_EVIDENCE_ITEMS} references"));
        }

        if errors.is_empty() {
            Ok(ValidEntry { control_id, status, notes, evidence, owner, due, justification })
        } else {
            Err(errors)
        }
    }
}

/// Splits a spreadsheet cell of evidence references (`a; b`, or one per line).
pub fn split_evidence(cell: &str) -> Vec<String> {
    cell.split([';', '\n', '\r']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

/// Joins evidence references for a spreadsheet cell.
pub fn join_evidence(items: &[String]) -> String {
    items.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(status: &str) -> ControlEntry {
        ControlEntry { control_id: " CW-ACC-01 ".into(), status: status.into(), ..Default::default() }
    }

    fn fields(result: Result<ValidEntry, Vec<FieldError>>) -> Vec<String> {
        result.unwrap_err().into_iter().map(|e| format!("{}: {}", e.field, e.message)).collect()
    }

    #[test]
    fn a_valid_entry_is_trimmed_and_typed() {
        let mut raw = entry("Partially implemented");
        raw.owner = "  Ines (IT) ".into();
        raw.due = "2027-03-31".into();
        raw.evidence = vec![" policy.pdf ".into(), "".into(), "JIRA-12".into(), "policy.pdf".into()];
        let valid = raw.validate("").unwrap();
        assert_eq!(valid.control_id, "CW-ACC-01");
        assert_eq!(valid.status, ControlStatus::PartiallyImplemented);
        assert_eq!(valid.owner, "Ines (IT)");
        assert_eq!(valid.due, Date::new(2027, 3, 31));
        assert_eq!(valid.evidence, ["policy.pdf", "JIRA-12"], "blank and repeated references dropped");
        assert!(!valid.is_blank());
        assert!(entry("").validate("").unwrap().is_blank());
    }

    #[test]
    fn every_broken_rule_is_reported_at_its_field() {
        let mut raw = entry("not_applicable");
        raw.control_id = " ".into();
        raw.due = "2027-02-30".into();
        raw.evidence = vec!["a; b".into()];
        raw.owner = "x".repeat(MAX_NAME_LEN + 1);
        assert_eq!(
            fields(raw.validate("row 4, ")),
            [
                "row 4, control_id: is required",
                "row 4, owner: is longer than 200 characters",
                "row 4, justification: is required when the status is not_applicable: say why the control does not apply",
                "row 4, due: `2027-02-30` is not a date in the form YYYY-MM-DD",
                "row 4, evidence[0]: must not contain `;` or a line break (give each reference on its own)",
            ]
        );
        assert_eq!(
            fields(entry("done").validate("")),
            ["status: unknown status `done` (expected one of: not_assessed, not_implemented, partially_implemented, implemented, not_applicable)"]
        );
        let mut na = entry("n/a");
        na.justification = "No own premises: the office is a co-working space.".into();
        assert_eq!(na.validate("").unwrap().status, ControlStatus::NotApplicable);
    }

    #[test]
    fn evidence_cells_split_and_join() {
        assert_eq!(split_evidence(" a.pdf; b\n c ;; "), ["a.pdf", "b", "c"]);
        let items = split_evidence("a.pdf; b");
        assert_eq!(split_evidence(&join_evidence(&items)), items);
    }
}
