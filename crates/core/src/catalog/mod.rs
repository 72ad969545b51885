//! The unified control catalogue: frameworks with their requirements, the common controls, the
//! crosswalk between them, and the regulatory calendar.
//!
//! The catalogue is data, kept as text files under `assets/catalog/` (the format is in
//! `assets/catalog/FORMAT.md`) and compiled into the binary ([`SHIPPED_FILES`]), so neither the
//! app nor the CLI needs the assets folder at run time. [`load_dir`] reads the same layout from
//! disk, for `crosswalk-cli catalog validate PATH`.
//!
//! Loading runs in two steps: `parse` reads the TOML and CSV files into raw entries (text
//! values, unknown keys kept), then `validate` checks every entry and reference and builds the
//! typed [`Catalog`]. Every problem is reported, each with its file and entry
//! ([`CatalogError`]); a catalogue with any problem is not built.
//!
//! The store installs the shipped catalogue into SQLite when its [content hash](content_hash)
//! differs from the installed one (see `store::catalog`).

mod error;
mod model;
pub mod oscal;
mod parse;
mod source;
mod validate;

#[cfg(test)]
mod tests;

use std::path::Path;

pub use error::{CatalogError, CatalogErrors};
pub use model::*;
pub use parse::MAPPING_HEADER;
pub use source::{content_hash, shipped_hash, CALENDAR_FILE, CATALOG_FILE, SHIPPED_FILES};

use crate::{Error, Result};

/// Parses and validates a catalogue from `(name, text)` pairs, names relative to the catalogue
/// folder (`catalog.toml`, `frameworks/iso27001.toml`, `../regulatory/calendar.toml`).
pub fn from_files<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)> + Clone) -> Result<Catalog, CatalogErrors> {
    let mut errors = CatalogErrors::default();
    let hash = content_hash(files.clone());
    let raw = parse::parse(files, &mut errors);
    match validate::build(raw, hash, &mut errors) {
        Some(catalog) if errors.is_empty() => Ok(catalog),
        _ => Err(errors.sorted()),
    }
}

/// The catalogue compiled into this build, parsed and validated once per process: every
/// recommendation, report and store open after the first reads the same value.
pub fn shipped() -> Result<&'static Catalog, CatalogErrors> {
    static SHIPPED: std::sync::OnceLock<Result<Catalog, CatalogErrors>> = std::sync::OnceLock::new();
    SHIPPED.get_or_init(|| from_files(SHIPPED_FILES.iter().copied())).as_ref().map_err(Clone::clone)
}

/// Reads and validates the catalogue folder at `path` (or the `assets` folder holding it):
/// `catalog.toml`, `frameworks/`, `controls/`, `mappings/`, and the calendar at
/// `../regulatory/calendar.toml`. Problems in the files are [`Error::Catalog`]; a folder that
/// cannot be read is [`Error::Io`].
pub fn load_dir(path: &Path) -> Result<Catalog> {
    let (files, mut problems) = source::read_dir(path)?;
    let result = from_files(files.iter().map(|(name, text)| (name.as_str(), text.as_str())));
    match result {
        Ok(catalog) if problems.is_empty() => Ok(catalog),
        Ok(_) => Err(Error::Catalog(problems.sorted())),
        Err(errors) => {
            // A file that could not be read is reported by the parser as missing too; keep the
            // reason it could not be read.
            let unreadable: Vec<String> = problems.0.iter().map(|p| p.file.clone()).collect();
            problems.0.extend(errors.0.into_iter().filter(|e| !(e.entry.is_empty() && unreadable.contains(&e.file))));
            Err(Error::Catalog(problems.sorted()))
        }
    }
}
