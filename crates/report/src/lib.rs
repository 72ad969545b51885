//! Crosswalk's branded PDF report: which frameworks a client needs, in what order, where it
//! stands, in English or German.
//!
//! The work runs in three steps, each in its own module:
//!
//! 1. **Model** ([`model`], filled by [`ReportModel::build`]): the report as plain data, every
//!    sentence already in the report's language ([`i18n`] holds the fixed ones).
//! 2. **Layout** ([`layout`]): places the model on A4 pages as positioned primitives, measuring
//!    text with the shipped fonts' metrics; testable without any PDF library.
//! 3. **Render** ([`render`]): the only module that imports the PDF library; writes the
//!    primitives out with metadata, embedded font subsets and an outline.
//!
//! The crate depends on the core, never on tauri. It does not read the clock: the report date
//! is an input, so the same input gives the same bytes.

pub mod branding;
mod build;
pub mod client;
pub mod demo;
pub mod docx;
pub mod error;
pub mod fonts;
pub mod i18n;
pub mod layout;
pub mod model;
pub mod provisional;
pub mod render;

use std::path::Path;

pub use branding::{Branding, BrandingErrors, BrandingInput, Logo, LogoError, Rgb};
pub use build::{ReportInputs, ReportOptions};
pub use client::client_report;
pub use docx::{render_docx, write_docx};
pub use error::ReportError;
pub use model::{AnalysisInput, Lang, ReportModel};

/// Lays out and renders a report to PDF bytes.
pub fn render_pdf(model: &ReportModel) -> Result<Vec<u8>, ReportError> {
    let document = layout::layout(model);
    render::render(model, &document)
}

/// Writes the report to `path` whole or not at all: a temporary file in the same folder,
/// synced, then renamed over the target. On failure nothing is left behind.
pub fn write_pdf(model: &ReportModel, path: &Path) -> Result<(), ReportError> {
    let bytes = render_pdf(model)?;
    crosswalk_core::files::write_whole(path, &bytes)
        .map_err(|source| ReportError::Write { path: path.to_owned(), source })
}
