//! The shapes of long work over many items (every client's report, a set of package files): how
//! far it got, and what came of each item. The desktop app's jobs report these; the types live
//! here so the frontend's copy is generated like every other.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Sent before each item of a running job (and once at the end, with `done == total`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BatchProgress {
    /// The job's id, chosen by whoever started it.
    pub job: String,
    /// Items finished so far (done or failed).
    pub done: u32,
    pub total: u32,
    /// The item being worked on now; empty at the end.
    pub item: String,
}

/// One item of a batch and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BatchItem {
    pub item: String,
    /// A file written, a client imported; for a failure, what went wrong and what to do.
    pub detail: String,
}

/// What a batch did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BatchOutcome {
    pub total: u32,
    pub done: Vec<BatchItem>,
    /// Nothing to do for these (a package whose client is already here, imported with "skip").
    pub skipped: Vec<BatchItem>,
    pub failed: Vec<BatchItem>,
    /// Stopped on request before every item was worked on.
    pub cancelled: bool,
    /// The folder the files went to, for an export.
    #[ts(optional = nullable)]
    pub folder: Option<String>,
}
