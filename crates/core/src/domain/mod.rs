//! Domain types. Plain data with their rules; no I/O.

mod client;
pub mod countries;
mod date;
mod profile;

pub use client::{Client, ClientId, ClientStatus, ClientSummary};
pub use date::{written_dates, Date, DateParseError};
pub use profile::*;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One broken precondition, at the field that broke it (`ai_systems[0].name`; empty for the
/// input as a whole).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// Every broken precondition of one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    pub fn one(field: impl Into<String>, message: impl Into<String>) -> ValidationErrors {
        ValidationErrors(vec![FieldError { field: field.into(), message: message.into() }])
    }
}

impl std::fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            if e.field.is_empty() {
                f.write_str(&e.message)?;
            } else {
                write!(f, "{}: {}", e.field, e.message)?;
            }
        }
        Ok(())
    }
}
