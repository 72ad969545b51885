//! What can go wrong making a report, each with a message a consultant can act on.

use std::path::PathBuf;

use crate::branding::BrandingErrors;

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    Branding(#[from] BrandingErrors),
    /// A shipped font could not be embedded (a build defect).
    #[error("cannot embed the report font: {0}")]
    Font(String),
    /// A logo passed validation but the PDF writer could not embed it.
    #[error("cannot embed the {which} logo: {message}")]
    Image { which: &'static str, message: String },
    /// The Word writer failed (a build defect: the model always fits a document).
    #[error("cannot write the Word document: {0}")]
    Docx(String),
    #[error("cannot write the report to {}: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}
