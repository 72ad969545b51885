//! The control catalogue in SQLite (schema: `migrations/0002_catalog.sql`).
//!
//! - [`install`]: the shipped catalogue is installed on open when its content hash differs from
//!   the installed one, replacing every shipped row in one write transaction and leaving the
//!   consultant's own controls and mappings alone.
//! - [`query`]: frameworks, requirements in tree order, controls, the crosswalk in both
//!   directions, and every mapping for export.
//! - [`custom`]: the consultant's own controls (ids `X-...`) and mappings, checked on the way in;
//!   entries a catalogue update left dangling are kept and reported, never deleted.
//! - [`import`]: frameworks the consultant imports from an OSCAL catalog (ids `x_...`), with their
//!   mappings, in one transaction.

mod custom;
mod import;
mod install;
mod query;

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::Row;

pub use custom::{CustomControl, CustomEntries, CustomMapping, NewCustomControl, NewCustomMapping};
pub use import::{ImportedFramework, OscalImport, IMPORT_MAPPING_COLUMNS};
pub use query::{
    CatalogInfo, ControlDetail, ControlSummary, FrameworkSummary, MappedControl, MappingRow, RequirementControls,
    RequirementNode, ServedRequirement,
};

use crate::catalog::{AiTier, Effort, FrameworkKind, Relationship, RequirementKind, Soc2Category, Text};
use crate::domain::AiRole;

/// Keyword enums are stored as their keyword; reading back an unknown one is an error (the
/// schema's CHECK constraints keep them out).
macro_rules! sql_keyword {
    ($($ty:ty => $parse:expr, $text:expr;)+) => {$(
        impl ToSql for $ty {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                let text: fn(&$ty) -> &'static str = $text;
                Ok(ToSqlOutput::from(text(self)))
            }
        }

        impl FromSql for $ty {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<$ty> {
                let parse: fn(&str) -> Option<$ty> = $parse;
                let text = value.as_str()?;
                parse(text).ok_or_else(|| FromSqlError::Other(format!("unknown keyword `{text}`").into()))
            }
        }
    )+};
}

sql_keyword! {
    Effort => Effort::parse, |v| v.as_str();
    FrameworkKind => FrameworkKind::parse, |v| v.as_str();
    Relationship => Relationship::parse, |v| v.as_str();
    RequirementKind => RequirementKind::parse, |v| v.as_str();
    Soc2Category => Soc2Category::parse, |v| v.as_str();
    AiTier => AiTier::parse, |v| v.as_str();
    AiRole => crate::catalog::parse_role, |v| crate::catalog::role_keyword(*v);
}

/// Reads a `(…_en, …_de)` column pair starting at `index`.
fn text(row: &Row<'_>, index: usize) -> rusqlite::Result<Text> {
    Ok(Text { en: row.get(index)?, de: row.get(index + 1)? })
}

/// Collects the rows of a query.
fn collect<T>(rows: impl Iterator<Item = rusqlite::Result<T>>) -> crate::Result<Vec<T>> {
    Ok(rows.collect::<rusqlite::Result<Vec<T>>>()?)
}

#[cfg(test)]
mod tests;
