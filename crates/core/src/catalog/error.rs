//! Catalogue problems: every one names the file and the entry it is about.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::FieldError;

/// One problem in a catalogue: `file` is relative to the catalogue folder
/// (`frameworks/iso27001.toml`, `regulatory/calendar.toml`); `entry` is the id of the entry
/// (`A.5.1`, `CW-ACC-03`), a CSV line (`line 7 (CW-ACC-03,iso27001,A.5.15)`), or empty for the
/// file as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CatalogError {
    pub file: String,
    pub entry: String,
    pub message: String,
}

impl CatalogError {
    pub fn new(file: impl Into<String>, entry: impl Into<String>, message: impl Into<String>) -> CatalogError {
        CatalogError { file: file.into(), entry: entry.into(), message: message.into() }
    }

    /// `file: entry`, or `file` alone: where the problem is.
    pub fn location(&self) -> String {
        if self.entry.is_empty() {
            self.file.clone()
        } else {
            format!("{}: {}", self.file, self.entry)
        }
    }
}

impl std::fmt::Display for CatalogError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)
    }
}

/// Every problem found in one catalogue, grouped by file (in the order found within a file).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CatalogErrors(pub Vec<CatalogError>);

impl CatalogErrors {
    pub fn push(&mut self, file: impl Into<String>, entry: impl Into<String>, message: impl Into<String>) {
        self.0.push(CatalogError::new(file, entry, message));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The problems as field errors (`field` is `file: entry`), for the `{code, message, fields}`
    /// report.
    pub fn to_fields(&self) -> Vec<FieldError> {
        self.0.iter().map(|e| FieldError { field: e.location(), message: e.message.clone() }).collect()
    }

    /// Groups the problems by file, keeping the order they were found in within each file.
    pub(crate) fn sorted(mut self) -> CatalogErrors {
        self.0.sort_by(|a, b| a.file.cmp(&b.file));
        self
    }
}

impl std::fmt::Display for CatalogErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.as_slice() {
            [] => f.write_str("the catalogue is not valid"),
            [one] => write!(f, "the catalogue is not valid: {one}"),
            [first, ..] => write!(f, "the catalogue is not valid: {} problems, the first: {first}", self.0.len()),
        }
    }
}
