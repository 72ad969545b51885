//! The report checked from outside: the PDF with poppler's tools and the Word report with pandoc
//! (never only with the library
//! that wrote it), the layout's invariants, both languages, determinism and atomic writing.

mod determinism;
mod docx;
mod languages;
mod layout_invariants;
mod oscal_import;
mod pdf_tools;
mod requests;
mod support;
mod writing;
