//! The core's one error type, and the `{code, message}` report both front ends show.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::catalog::CatalogErrors;
use crate::domain::{FieldError, ValidationErrors};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input broke a precondition; nothing was written.
    #[error("{0}")]
    Invalid(ValidationErrors),
    #[error("no client matches `{0}`")]
    ClientNotFound(String),
    #[error("`{reference}` matches {count} clients; give more of the id")]
    AmbiguousClient { reference: String, count: usize },
    #[error(
        "this database was last written by a newer Crosswalk (schema version {found}; this build knows up to {supported}). \
         Update Crosswalk to open it; nothing was changed"
    )]
    NewerDatabase { found: i64, supported: i64 },
    #[error("database migration {name} failed, nothing was changed: {source}")]
    Migration { name: &'static str, source: rusqlite::Error },
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("{context}: {source}")]
    Io { context: String, source: std::io::Error },
    #[error("stored data is damaged: {0}")]
    Corrupt(String),
    /// A catalogue folder (`catalog validate PATH`) has problems; each names its file and entry.
    #[error("{0}")]
    Catalog(CatalogErrors),
    /// The catalogue compiled into this build is not valid: a bug in the build, not in the input.
    #[error("the catalogue built into Crosswalk is not valid (a bug in this build): {0}")]
    ShippedCatalog(CatalogErrors),
    /// No catalogue entry (framework, control, custom mapping, ...) matches the reference.
    #[error("no {kind} matches `{reference}`")]
    NotFound { kind: &'static str, reference: String },
    /// The database (or a backup, or a package) is encrypted and no passphrase was given.
    #[error("{what} is encrypted: give its passphrase")]
    PassphraseRequired { what: String },
    /// The passphrase does not open it; nothing was read or changed.
    #[error("the passphrase is wrong for {what}; nothing was changed")]
    WrongPassphrase { what: String },
    /// The database file fails SQLite's integrity check, or is not a database at all.
    #[error(
        "the database {path} is damaged ({problem}); nothing was changed. Restore a backup: \
         crosswalk-cli restore FILE (crosswalk-cli backup list shows them); backups are in {backups}"
    )]
    DamagedDatabase { path: String, problem: String, backups: String },
    /// Another Crosswalk window or command has the database open, and the operation needs it alone.
    #[error("the database {path} is in use by another Crosswalk window or command; close it and try again")]
    InUse { path: String },
    /// A client package that cannot be read: not a package, truncated, altered, or from a newer
    /// Crosswalk. Nothing was written.
    #[error("{0}; nothing was imported")]
    BadPackage(String),
    /// Bad input with more problems than a person can read: the first [`MAX_LISTED`] of them,
    /// and how many more there are. Nothing was written.
    #[error("{shown}; … and {more} more")]
    InvalidMany { shown: ValidationErrors, more: usize },
    /// Team sync: a file of the team folder refused, the folder missing, no team joined.
    /// Nothing was applied.
    #[error("{0}")]
    Sync(String),
}

/// The most problems an error lists (a file with a bad column has one per row); the rest are
/// counted.
pub const MAX_LISTED: usize = 50;

impl Error {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Error {
        Error::Invalid(ValidationErrors::one(field, message))
    }

    /// Bad input with these problems: all of them, or the first [`MAX_LISTED`] and a count of
    /// the rest.
    pub fn invalid_capped(mut errors: Vec<FieldError>) -> Error {
        if errors.len() <= MAX_LISTED {
            return Error::Invalid(ValidationErrors(errors));
        }
        let more = errors.len() - MAX_LISTED;
        errors.truncate(MAX_LISTED);
        Error::InvalidMany { shown: ValidationErrors(errors), more }
    }

    /// How many problems the error left out of its list (see [`Error::invalid_capped`]).
    pub fn truncated(&self) -> usize {
        match self {
            Error::InvalidMany { more, .. } => *more,
            _ => 0,
        }
    }

    /// The problems an invalid input error lists, each at its field; empty for other errors.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            Error::Invalid(errors) | Error::InvalidMany { shown: errors, .. } => &errors.0,
            _ => &[],
        }
    }

    pub fn io(context: impl Into<String>, source: std::io::Error) -> Error {
        Error::Io { context: context.into(), source }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Invalid(_) => ErrorCode::Invalid,
            Error::ClientNotFound(_) => ErrorCode::NotFound,
            Error::AmbiguousClient { .. } => ErrorCode::Ambiguous,
            Error::NewerDatabase { .. } => ErrorCode::NewerDatabase,
            Error::Migration { .. } | Error::Database(_) => ErrorCode::Database,
            Error::Io { .. } => ErrorCode::Io,
            Error::Corrupt(_) => ErrorCode::Corrupt,
            Error::Catalog(_) => ErrorCode::Invalid,
            Error::ShippedCatalog(_) => ErrorCode::Internal,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::PassphraseRequired { .. } => ErrorCode::PassphraseRequired,
            Error::WrongPassphrase { .. } => ErrorCode::WrongPassphrase,
            Error::DamagedDatabase { .. } => ErrorCode::Corrupt,
            Error::InUse { .. } => ErrorCode::InUse,
            Error::BadPackage(_) => ErrorCode::Invalid,
            Error::InvalidMany { .. } => ErrorCode::Invalid,
            Error::Sync(_) => ErrorCode::Invalid,
        }
    }

    /// The report shown to a person or a script: a stable code, a sentence, and the fields.
    pub fn report(&self) -> ErrorReport {
        let fields = match self {
            Error::Invalid(errors) | Error::InvalidMany { shown: errors, .. } => errors.0.clone(),
            Error::Catalog(errors) | Error::ShippedCatalog(errors) => errors.to_fields(),
            _ => Vec::new(),
        };
        ErrorReport { code: self.code(), message: self.to_string(), fields }
    }
}

impl From<ValidationErrors> for Error {
    fn from(errors: ValidationErrors) -> Error {
        Error::Invalid(errors)
    }
}

/// What kind of failure, for programs to switch on. Part of the public interface: the CLI's
/// `--json` errors and the app's IPC errors carry it; never rename a variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Bad input; `fields` says where. Nothing was written.
    Invalid,
    NotFound,
    Ambiguous,
    NewerDatabase,
    Database,
    Io,
    Corrupt,
    /// A bug or an unexpected state in Crosswalk itself.
    Internal,
    /// The database, backup or package is encrypted and no passphrase was given: ask for it.
    PassphraseRequired,
    /// The passphrase given does not open it: ask again. Nothing was changed.
    WrongPassphrase,
    /// The operation needs the database alone and another window or command has it open.
    InUse,
}

/// `{code, message, fields}`: how an error crosses every boundary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ErrorReport {
    pub code: ErrorCode,
    pub message: String,
    pub fields: Vec<FieldError>,
}
