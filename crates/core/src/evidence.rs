//! Evidence files: what a client provides to show a control is in place (a policy, a screenshot,
//! a spreadsheet), attached to a control of an assessment and stored inside the portfolio
//! database (`store/evidence.rs`, schema `migrations/0010_evidence.sql`), so that encryption at
//! rest, backups, client packages and the audit trail cover them.
//!
//! This module holds the rules a file must meet before it is stored: at most
//! [`MAX_FILE_BYTES`], and a kind recognised by its content ([`sniff`]), never by its name
//! alone. Executables, scripts and unknown binary files are refused.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::domain::Date;
use crate::{Error, Result};

/// The largest evidence file accepted: 25 MiB (docs/cli.md, SECURITY.md). The schema checks it too.
pub const MAX_FILE_BYTES: u64 = 25 * 1024 * 1024;

/// Evidence provided more than this many months before the assessment's date is flagged as stale,
/// unless the portfolio's setting says otherwise.
pub const DEFAULT_MAX_AGE_MONTHS: u32 = 12;

/// The range of the portfolio's stale-after setting, in months.
pub const MAX_AGE_MONTHS_RANGE: std::ops::RangeInclusive<u32> = 1..=120;

/// A file to attach: the name it is known by and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvidenceFile {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

impl NewEvidenceFile {
    /// Reads a file from disk, refusing it before reading when it is larger than
    /// [`MAX_FILE_BYTES`]. A file that cannot be read is bad input (`invalid`, field `file`).
    pub fn read(path: &std::path::Path) -> Result<NewEvidenceFile> {
        let field = "file";
        let unreadable = |e: std::io::Error| Error::invalid(field, format!("cannot read {}: {e}", path.display()));
        let meta = std::fs::metadata(path).map_err(unreadable)?;
        if !meta.is_file() {
            return Err(Error::invalid(field, format!("{} is not a file", path.display())));
        }
        check_size(&path.display().to_string(), meta.len())?;
        let bytes = std::fs::read(path).map_err(unreadable)?;
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| Error::invalid(field, format!("{} has no file name", path.display())))?;
        Ok(NewEvidenceFile { file_name, bytes })
    }
}

/// Who provided the files, when, and a note: the same for every file of one `evidence add`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct EvidenceMeta {
    /// A person or team at the client; may be empty.
    pub provided_by: String,
    /// The date the client provided the files (default: today).
    #[ts(optional = nullable)]
    pub provided_on: Option<Date>,
    pub note: String,
}

/// One file attached to one control of an assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EvidenceLink {
    pub control_id: String,
    /// The date of the assessment the link belongs to.
    pub assessment_date: Date,
    /// The SHA-256 of the content, 64 lowercase hex digits: the file's identity.
    pub sha256: String,
    pub file_name: String,
    pub media_type: String,
    #[ts(type = "number")]
    pub size: u64,
    pub provided_by: String,
    pub provided_on: Date,
    pub note: String,
    /// When the link was made, RFC 3339 in UTC.
    pub added_at: String,
    /// Provided more than the portfolio's stale-after setting before the assessment's date.
    pub stale: bool,
}

/// The evidence of a client's current assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EvidenceList {
    /// The current assessment's date; none when the client has no assessment yet.
    #[ts(optional = nullable)]
    pub assessment_date: Option<Date>,
    /// The portfolio's stale-after setting, in months.
    pub max_age_months: u32,
    /// Links, by control then file name.
    pub links: Vec<EvidenceLink>,
}

/// A requirement a file serves through a control it is attached to (the catalogue's mappings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EvidenceRequirement {
    pub framework: String,
    pub requirement_id: String,
    pub title_en: String,
    pub title_de: String,
    /// `equal`, `subset`, `superset` or `intersect`: how the control covers the requirement.
    pub relationship: String,
}

/// A control a file is attached to in the current assessment, with what it serves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EvidenceControl {
    pub control_id: String,
    pub title_en: String,
    pub title_de: String,
    pub requirements: Vec<EvidenceRequirement>,
}

/// One stored file and where it is used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EvidenceFileInfo {
    pub sha256: String,
    pub media_type: String,
    #[ts(type = "number")]
    pub size: u64,
    /// Its links in every assessment of the client, oldest assessment first.
    pub links: Vec<EvidenceLink>,
    /// The controls it is attached to in the current assessment, with the requirements they serve.
    pub controls: Vec<EvidenceControl>,
    /// The frameworks those requirements belong to, each once.
    pub frameworks: Vec<String>,
}

/// The lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Refuses a file larger than [`MAX_FILE_BYTES`].
pub fn check_size(name: &str, size: u64) -> Result<()> {
    if size > MAX_FILE_BYTES {
        return Err(Error::invalid(
            "file",
            format!(
                "{name} is {:.1} MiB; an evidence file may be at most {} MiB (split it or attach an extract)",
                size as f64 / 1_048_576.0,
                MAX_FILE_BYTES / 1_048_576
            ),
        ));
    }
    Ok(())
}

/// File name endings of scripts and programs, refused even when their content is plain text.
const SCRIPT_ENDINGS: &[&str] = &[
    "sh", "bash", "zsh", "bat", "cmd", "com", "ps1", "psm1", "vbs", "vbe", "js", "jse", "wsf", "hta", "exe", "dll",
    "msi", "scr", "jar", "app", "py", "pl", "rb", "php", "lnk", "reg",
];

/// The media type of a file, recognised by its content (`file_name` only tells plain text, CSV
/// and Markdown apart). Executables, scripts and anything not recognised are refused with an
/// error that says why.
pub fn sniff(file_name: &str, bytes: &[u8]) -> Result<&'static str> {
    let refuse = |why: &str| Err(Error::invalid("file", format!("{file_name}: {why}")));
    let ending = file_name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(b"MZ")
        || starts(b"\x7fELF")
        || starts(&[0xfe, 0xed, 0xfa, 0xce])
        || starts(&[0xfe, 0xed, 0xfa, 0xcf])
        || starts(&[0xce, 0xfa, 0xed, 0xfe])
        || starts(&[0xcf, 0xfa, 0xed, 0xfe])
        || starts(&[0xca, 0xfe, 0xba, 0xbe])
        || starts(b"\0asm")
    {
        return refuse("is an executable program; evidence files are documents, images or text");
    }
    if starts(b"%PDF-") {
        return Ok("application/pdf");
    }
    if starts(b"\x89PNG\r\n\x1a\n") {
        return Ok("image/png");
    }
    if starts(&[0xff, 0xd8, 0xff]) {
        return Ok("image/jpeg");
    }
    if starts(b"GIF87a") || starts(b"GIF89a") {
        return Ok("image/gif");
    }
    if starts(b"PK\x03\x04") {
        return zip_kind(bytes).map_or_else(
            || {
                refuse(
                    "is a zip archive that is not an office document (OOXML or OpenDocument); \
                     attach the documents themselves",
                )
            },
            Ok,
        );
    }
    if starts(b"#!") || SCRIPT_ENDINGS.contains(&ending.as_str()) {
        return refuse("is a script or program; evidence files are documents, images or text");
    }
    let text = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let is_text = std::str::from_utf8(text)
        .is_ok_and(|t| !t.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c')));
    if is_text {
        return Ok(match ending.as_str() {
            "csv" => "text/csv",
            "md" | "markdown" => "text/markdown",
            _ => "text/plain",
        });
    }
    refuse(
        "is not a kind of file Crosswalk keeps as evidence (PDF, PNG, JPEG, GIF, Word, Excel, PowerPoint, \
         OpenDocument, or UTF-8 text, CSV or Markdown)",
    )
}

/// The office document kind of a zip archive, from the names of its entries (OOXML) or its
/// `mimetype` entry (OpenDocument, stored first and uncompressed by the format's rule).
fn zip_kind(bytes: &[u8]) -> Option<&'static str> {
    // OpenDocument: the first local header names `mimetype`, its content follows uncompressed.
    if bytes.len() > 38 && &bytes[30..38] == b"mimetype" {
        let rest = &bytes[38..bytes.len().min(38 + 80)];
        for (prefix, kind) in [
            (&b"application/vnd.oasis.opendocument.text"[..], "application/vnd.oasis.opendocument.text"),
            (b"application/vnd.oasis.opendocument.spreadsheet", "application/vnd.oasis.opendocument.spreadsheet"),
            (b"application/vnd.oasis.opendocument.presentation", "application/vnd.oasis.opendocument.presentation"),
        ] {
            if rest.starts_with(prefix) {
                return Some(kind);
            }
        }
        return None;
    }
    let has = |name: &[u8]| bytes.windows(name.len()).any(|w| w == name);
    if !has(b"[Content_Types].xml") {
        return None;
    }
    if has(b"word/document.xml") {
        Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    } else if has(b"xl/workbook.xml") {
        Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    } else if has(b"ppt/presentation.xml") {
        Some("application/vnd.openxmlformats-officedocument.presentationml.presentation")
    } else {
        None
    }
}

/// A short name for a media type, for tables.
pub fn media_label(media_type: &str) -> &str {
    match media_type {
        "application/pdf" => "PDF",
        "image/png" => "PNG",
        "image/jpeg" => "JPEG",
        "image/gif" => "GIF",
        "text/plain" => "text",
        "text/csv" => "CSV",
        "text/markdown" => "Markdown",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "Word",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "Excel",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation" => "PowerPoint",
        "application/vnd.oasis.opendocument.text" => "ODT",
        "application/vnd.oasis.opendocument.spreadsheet" => "ODS",
        "application/vnd.oasis.opendocument.presentation" => "ODP",
        other => other,
    }
}

/// The file name ending that goes with a media type [`sniff`] recognises.
pub fn extension(media_type: &str) -> &'static str {
    match media_type {
        "application/pdf" => "pdf",
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "image/gif" => "gif",
        "text/csv" => "csv",
        "text/markdown" => "md",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "docx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "xlsx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation" => "pptx",
        "application/vnd.oasis.opendocument.text" => "odt",
        "application/vnd.oasis.opendocument.spreadsheet" => "ods",
        "application/vnd.oasis.opendocument.presentation" => "odp",
        _ => "txt",
    }
}

/// The name a copy of a stored file is written under to open it in the system's viewer: the
/// stored name's stem, kept to letters, digits and a few harmless signs (never a leading dot), with the ending of its
/// recognised kind, so that the viewer chosen by the ending matches the content (a text file
/// named `run.desktop` opens as `run.txt`, never as a launcher).
pub fn viewing_name(file_name: &str, media_type: &str) -> String {
    let ext = extension(media_type);
    let stem = match file_name.rsplit_once('.') {
        Some((stem, _)) if !stem.trim_matches('.').is_empty() => stem,
        _ => file_name,
    };
    let kept: String = stem
        .chars()
        .map(|c| if c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | '(' | ')' | ',') { c } else { '_' })
        .take(100)
        .collect();
    let kept = kept.trim_matches(|c: char| matches!(c, '_' | '.') || c.is_whitespace());
    format!("{}.{ext}", if kept.is_empty() { "evidence" } else { kept })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal zip local header naming `first`, followed by `rest`.
    fn zip(first: &str, rest: &[u8]) -> Vec<u8> {
        let mut out = b"PK\x03\x04".to_vec();
        out.extend_from_slice(&[0u8; 22]);
        out.extend_from_slice(&(first.len() as u16).to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(first.as_bytes());
        out.extend_from_slice(rest);
        out
    }

    #[track_caller]
    fn check(name: &str, bytes: &[u8], expected: std::result::Result<&str, &str>) {
        match (sniff(name, bytes), expected) {
            (Ok(kind), Ok(want)) => assert_eq!(kind, want, "{name}"),
            (Err(e), Err(words)) => {
                let text = e.to_string();
                assert!(text.contains(words), "{name}: `{text}` should say `{words}`");
                assert!(text.contains(name), "{name}: `{text}` should name the file");
                assert_eq!(e.code(), crate::ErrorCode::Invalid);
            }
            (got, want) => panic!("{name}: got {got:?}, expected {want:?}"),
        }
    }

    #[test]
    fn recognises_common_kinds_by_content_and_refuses_the_rest() {
        check("policy.pdf", b"%PDF-1.7\n...", Ok("application/pdf"));
        check("renamed.txt", b"%PDF-1.4 binary", Ok("application/pdf"));
        check("shot.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", Ok("image/png"));
        check("photo.jpg", &[0xff, 0xd8, 0xff, 0xe0, 0, 0x10], Ok("image/jpeg"));
        check("a.gif", b"GIF89a\x01\0\x01\0", Ok("image/gif"));
        check("notes.txt", "Backups run nightly.\nRestore tested.".as_bytes(), Ok("text/plain"));
        check("bom.txt", b"\xef\xbb\xbfUTF-8 with a BOM", Ok("text/plain"));
        check("umlaut.txt", "Datensicherung geprüft".as_bytes(), Ok("text/plain"));
        check("assets.CSV", b"id,name\n1,laptop\n", Ok("text/csv"));
        check("readme.md", b"# Policy\n\n- item", Ok("text/markdown"));
        check(
            "policy.docx",
            &zip("[Content_Types].xml", b"...word/document.xml..."),
            Ok("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        );
        check(
            "register.xlsx",
            &zip("[Content_Types].xml", b"..xl/workbook.xml.."),
            Ok("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        );
        check(
            "deck.pptx",
            &zip("[Content_Types].xml", b"ppt/presentation.xml"),
            Ok("application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        );
        check(
            "policy.odt",
            &zip("mimetype", b"application/vnd.oasis.opendocument.textPK"),
            Ok("application/vnd.oasis.opendocument.text"),
        );
        check(
            "sheet.ods",
            &zip("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            Ok("application/vnd.oasis.opendocument.spreadsheet"),
        );
        check("setup.exe", b"MZ\x90\0\x03", Err("executable program"));
        check("policy.pdf.exe", b"MZ", Err("executable program"));
        check("tool", b"\x7fELF\x02\x01", Err("executable program"));
        check("macho", &[0xcf, 0xfa, 0xed, 0xfe, 7, 0], Err("executable program"));
        check("run.txt", b"#!/bin/sh\nrm -rf /\n", Err("script or program"));
        check("install.ps1", b"Write-Host hi", Err("script or program"));
        check("page.js", b"alert(1)", Err("script or program"));
        check("bundle.zip", &zip("data.bin", b"\0\0"), Err("zip archive that is not an office document"));
        check("other.odx", &zip("mimetype", b"application/x-other"), Err("zip archive"));
        check("blob.bin", &[0, 1, 2, 3, 0xff, 0xfe], Err("not a kind of file"));
        check("latin1.txt", b"Gr\xfc\xdfe", Err("not a kind of file"));
        check("nul.txt", b"text\0with a NUL", Err("not a kind of file"));
    }

    #[test]
    fn the_size_limit_is_25_mib() {
        assert_eq!(MAX_FILE_BYTES, 26_214_400, "the schema's CHECK in 0010_evidence.sql says the same");
        assert!(check_size("a", MAX_FILE_BYTES).is_ok());
        let err = check_size("big.pdf", MAX_FILE_BYTES + 1).unwrap_err();
        assert!(err.to_string().contains("big.pdf is 25.0 MiB; an evidence file may be at most 25 MiB"), "{err}");
    }

    #[test]
    fn hashes_are_lowercase_hex_sha256() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn a_viewing_copy_is_named_by_its_kind() {
        let pdf = "application/pdf";
        assert_eq!(viewing_name("Backup policy v2.pdf", pdf), "Backup policy v2.pdf");
        assert_eq!(viewing_name("renamed.txt", pdf), "renamed.pdf");
        assert_eq!(viewing_name("run.desktop", "text/plain"), "run.txt");
        assert_eq!(viewing_name("..", "text/plain"), "evidence.txt");
        assert_eq!(viewing_name(".hidden", "image/png"), "hidden.png");
        assert_eq!(viewing_name("a/../b;rm.csv", "text/csv"), "a_.._b_rm.csv");
        assert_eq!(
            viewing_name("Prüfbericht.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            "Prüfbericht.docx"
        );
        assert_eq!(viewing_name("x".repeat(300).as_str(), "image/gif").len(), 104);
        for kind in ["image/jpeg", "text/markdown", "application/vnd.oasis.opendocument.presentation"] {
            assert_ne!(extension(kind), "txt", "{kind}");
        }
    }
}
