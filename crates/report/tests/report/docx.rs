//! The Word report read back from outside: its text with pandoc (an independent reader), its
//! parts with a ZIP reader: styles, the contents field, header rows, dates.

use std::io::Read;
use std::path::Path;
use std::process::Command;

use crosswalk_report::{render_docx, write_docx, Lang};

use crate::support::{model, LARGEST};

/// The text pandoc reads from a DOCX; fails the test when pandoc is missing or refuses it.
pub fn pandoc(path: &Path) -> String {
    let out = Command::new("pandoc")
        .args(["-f", "docx", "-t", "markdown", "--wrap=none"])
        .arg(path)
        .output()
        .unwrap_or_else(|e| panic!("cannot run pandoc ({e}); install it (scripts/setup.sh --test)"));
    assert!(out.status.success(), "pandoc cannot read the report: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// One part of the DOCX archive as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("the DOCX is a ZIP archive");
    let mut file = archive.by_name(name).unwrap_or_else(|_| panic!("no {name} in the DOCX"));
    let mut text = String::new();
    file.read_to_string(&mut text).unwrap();
    text
}

#[test]
fn pandoc_reads_headings_tables_and_german_text_from_the_word_report() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.docx");
    let de = model(LARGEST, Lang::De);
    write_docx(&de, &path).unwrap();
    let text = pandoc(&path);

    // Every section is a first-level heading, in the report's order.
    let mut at = 0;
    for section in &de.sections {
        let heading = format!("\n# {}", section.title);
        let found = text[at..].find(&heading).unwrap_or_else(|| panic!("no heading {heading:?} after byte {at}"));
        at += found + heading.len();
    }
    // Second-level headings from the blocks.
    assert!(text.contains("\n## Reifegrad je Regelwerk"), "no second-level heading");
    // German text, with its umlauts.
    for german in ["Management-Zusammenfassung", "Erklärung zur Anwendbarkeit", "Maßnahmen", "29. November 2026"] {
        assert!(text.contains(german), "missing {german:?}");
    }
    for english in ["Executive summary", "Statement of Applicability"] {
        assert!(!text.contains(english), "English {english:?} in the German report");
    }
    // A table row of the Statement of Applicability: the control, its title, its status and
    // its implementing control as cells of one row, under the table's header row (pandoc writes
    // a header row over a rule of dashes only when the DOCX marks it as the header).
    let soa = de.sections.iter().find(|s| s.id == crosswalk_report::model::SectionId::Soa27001).unwrap();
    let table = soa
        .blocks
        .iter()
        .find_map(|b| if let crosswalk_report::model::Block::Table(t) = b { Some(t) } else { None })
        .unwrap();
    let first = &table.rows[0];
    let lines: Vec<&str> = text.lines().collect();
    let row = lines
        .iter()
        .find(|l| l.trim_start().trim_start_matches("**").starts_with(first.cells[0].text.as_str()))
        .unwrap_or_else(|| panic!("no table row for {}", first.cells[0].text));
    for cell in first.cells.iter().filter(|c| !c.text.is_empty() && c.text.len() < 60) {
        assert!(row.contains(&cell.text), "{:?} not in the row {row:?}", cell.text);
    }
    let header = lines
        .iter()
        .position(|l| table.columns.iter().filter(|c| !c.header.is_empty()).all(|c| l.contains(&c.header)))
        .unwrap_or_else(|| panic!("no header row {:?}", table.columns[0].header));
    assert!(lines[header + 1].trim_start().starts_with("---"), "the header row is not the table's header");
}

#[test]
fn the_word_report_has_heading_styles_a_contents_field_and_repeating_header_rows() {
    let en = model(LARGEST, Lang::En);
    let bytes = render_docx(&en).unwrap();
    let document = part(&bytes, "word/document.xml");
    let styles = part(&bytes, "word/styles.xml");
    for (id, name, level) in [("Heading1", "heading 1", 0), ("Heading2", "heading 2", 1)] {
        let at = styles.find(&format!(r#"w:styleId="{id}""#)).unwrap_or_else(|| panic!("no style {id}"));
        let style = &styles[at..at + styles[at..].find("</w:style>").unwrap()];
        assert!(style.contains(&format!(r#"<w:name w:val="{name}" />"#)), "{style}");
        assert!(style.contains(&format!(r#"<w:outlineLvl w:val="{level}" />"#)), "{style}");
    }
    assert!(document.contains(r#"<w:pStyle w:val="Heading1" />"#));
    assert!(document.contains(r#"<w:pStyle w:val="Heading2" />"#));
    // A real TOC field over the heading levels, marked for Word to update, in a TOC part.
    assert!(document.contains(r#"<w:instrText>TOC \o &quot;1-2&quot;</w:instrText>"#), "no TOC field");
    assert!(document.contains(r#"<w:fldChar w:fldCharType="begin" w:dirty="true" />"#));
    assert!(document.contains(r#"<w:docPartGallery w:val="Table of Contents" />"#));
    // Header rows that repeat, one per data table at least.
    let tables = document.matches("<w:tbl>").count();
    let headers = document.matches("<w:tblHeader />").count();
    assert!(headers >= 10 && headers < tables, "{headers} header rows in {tables} tables");
    // The report date, not the clock, in the document properties; the firm as author.
    let core = part(&bytes, "docProps/core.xml");
    assert!(core.contains("2026-11-29T00:00:00Z"), "{core}");
    assert!(core.contains("<dc:creator>Northbridge Assurance Partners</dc:creator>"), "{core}");
    assert!(core.contains("<dc:language>en</dc:language>"), "{core}");
    // The page furniture: `Page X of Y` with live fields.
    let footer = part(&bytes, "word/footer1.xml");
    assert!(footer.contains("Page ") && footer.contains("PAGE") && footer.contains("NUMPAGES"), "{footer}");
}

#[test]
fn the_word_report_is_written_whole_and_reproducibly() {
    let dir = tempfile::tempdir().unwrap();
    let en = model("Brightdesk", Lang::En);
    // (Byte-identical output for the same input is checked across two runs of the CLI in
    // crates/cli/tests/report.rs: docx-rs numbers headers and bookmarks per process.)
    let a = render_docx(&en).unwrap();
    assert!(a.starts_with(b"PK\x03\x04"));
    // Entries carry the ZIP format's fixed earliest date, never the clock.
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&a)).unwrap();
    for i in 0..archive.len() {
        let entry = archive.by_index(i).unwrap();
        let modified = entry.last_modified().unwrap();
        assert_eq!((modified.year(), modified.month(), modified.day()), (1980, 1, 1), "{}", entry.name());
    }

    // A folder that does not exist: an error naming the file, nothing written.
    let target = dir.path().join("missing").join("report.docx");
    let err = write_docx(&en, &target).unwrap_err().to_string();
    assert!(err.contains("report.docx"), "{err}");
    assert!(!target.exists());
    // Over an existing file: replaced whole, no temporary file left beside it.
    let path = dir.path().join("report.docx");
    std::fs::write(&path, b"old").unwrap();
    write_docx(&en, &path).unwrap();
    assert!(std::fs::read(&path).unwrap().starts_with(b"PK\x03\x04"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}
