//! The PDF as poppler reads it: text, fonts, metadata.

use crosswalk_report::{write_pdf, Lang};

use crate::support::{branding, info_field, model, tool, LARGEST};

#[test]
fn the_largest_report_reads_right_in_pdftotext_pdfinfo_and_pdffonts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    write_pdf(&model(LARGEST, Lang::En), &path).unwrap();

    let info = tool("pdfinfo", &[], &path);
    let pages: usize = info_field(&info, "Pages").parse().unwrap();
    assert!(pages >= 20, "the largest demo client's report has only {pages} pages");
    assert_eq!(info_field(&info, "Title"), format!("Compliance roadmap and readiness report: {LARGEST}"));
    assert_eq!(info_field(&info, "Author"), branding().firm_name);
    assert!(info_field(&info, "Subject").contains(LARGEST));
    assert!(info_field(&info, "CreationDate").contains("Nov 29"), "{info}");
    assert!(info_field(&info, "CreationDate").contains("2026"), "{info}");
    assert!(info_field(&info, "Page size").contains("A4"), "{info}");
    assert!(!info.contains("PDF/X"), "the report must not claim PDF/X conformance: {info}");

    let text = tool("pdftotext", &["-layout"], &path);
    assert!(text.contains(LARGEST));
    assert!(text.contains(&format!("Page 2 of {pages}")), "no page label");
    assert!(text.contains(&format!("Page {pages} of {pages}")), "no page label on the last page");
    for title in [
        "Executive summary",
        "Which frameworks do you need?",
        "Statement of Applicability: ISO/IEC 27001",
        "Appendix: control matrix",
    ] {
        assert!(text.contains(title), "missing section {title}");
    }

    let fonts = tool("pdffonts", &[], &path);
    let rows: Vec<&str> = fonts.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(rows.len(), 2, "{fonts}");
    for row in rows {
        let columns: Vec<&str> = row.split_whitespace().collect();
        assert!(columns[0].contains("+NotoSans-"), "not a subset name: {row}");
        let n = columns.len();
        // name type... encoding emb sub uni objectID generation
        assert_eq!(&columns[n - 5..n - 2], ["yes", "yes", "yes"], "not embedded, subset and mapped: {row}");
    }
}

#[test]
fn the_summary_lists_the_frameworks_in_the_recommended_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brightdesk.pdf");
    let m = model("Brightdesk", Lang::En);
    write_pdf(&m, &path).unwrap();
    // US customers block deals: SOC 2 first, then ISO/IEC 42001 (the core's roadmap decides).
    let case = crate::support::case("Brightdesk");
    let order: Vec<&str> = case.roadmap.order.iter().map(|f| f.display_name()).collect();
    assert_eq!(order, ["SOC 2", "ISO/IEC 42001"]);
    let summary = tool("pdftotext", &["-f", "3", "-l", "3"], &path);
    assert!(summary.contains("Executive summary"), "page 3 is not the summary: {summary}");
    let first = summary.find("1. SOC 2").expect("SOC 2 is listed first");
    let second = summary.find("2. ISO/IEC 42001").expect("ISO/IEC 42001 is listed second");
    assert!(first < second);
}

#[test]
fn the_german_report_says_seite_x_von_y() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bericht.pdf");
    write_pdf(&model("Talentlens", Lang::De), &path).unwrap();
    let pages: usize = info_field(&tool("pdfinfo", &[], &path), "Pages").parse().unwrap();
    let text = tool("pdftotext", &[], &path);
    assert!(text.contains(&format!("Seite 2 von {pages}")));
    assert!(text.contains("Management-Zusammenfassung"));
    assert!(text.contains("Talentlens GmbH"));
    assert!(!text.contains("Executive summary") && !text.contains("Page 2 of"), "English left in the German report");
}

/// The fact IDs of the reference file (`AIA-03`, `OMN-04`, `ISO42-06`) that occur in `text`.
fn fact_ids(text: &str) -> Vec<String> {
    const FACTS: &str = include_str!("../../../../assets/reference/frameworks/key_facts.csv");
    let ids: Vec<&str> =
        FACTS.lines().skip(1).filter_map(|l| l.split(',').next()).filter(|id| id.contains('-')).collect();
    assert!(ids.len() > 30, "the reference file lists its fact IDs");
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|w| ids.contains(w))
        .map(str::to_owned)
        .collect()
}

/// `2027-12-02`: a date as the data stores it, never as a reader should see it.
fn iso_dates(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '-'))
        .filter(|w| w.len() == 10 && w.parse::<crosswalk_core::domain::Date>().is_ok())
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_clients_pdf_shows_no_internal_source_notes_and_cites_the_law() {
    assert_eq!(
        fact_ids("see AIA-03, (OMN-04) and ISO42-06; not SOC 2 or 2027-12-02"),
        ["AIA-03", "OMN-04", "ISO42-06"]
    );
    let dir = tempfile::tempdir().unwrap();
    for (client, lang, cites) in [
        ("Talentlens", Lang::En, "Regulation (EU) 2024/1689, Art. 113"),
        ("Talentlens", Lang::De, "Verordnung (EU) 2024/1689, Art. 113"),
        (LARGEST, Lang::De, "Verordnung (EU) 2024/1689"),
    ] {
        let path = dir.path().join("r.pdf");
        write_pdf(&model(client, lang), &path).unwrap();
        let text = tool("pdftotext", &[], &path);
        assert_eq!(fact_ids(&text), Vec::<String>::new(), "{client} {lang:?}: fact IDs in the client's report");
        for internal in ["confidence", "key_facts", "secondary source"] {
            assert!(!text.to_lowercase().contains(internal), "{client} {lang:?}: {internal:?} in the client's report");
        }
        assert!(text.contains(cites), "{client} {lang:?}: the methodology does not cite {cites:?}");
    }
}

#[test]
fn the_german_report_writes_dates_the_german_way() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bericht.pdf");
    write_pdf(&model("Talentlens", Lang::De), &path).unwrap();
    let text = tool("pdftotext", &[], &path);
    assert_eq!(iso_dates(&text), Vec::<String>::new(), "dates as data in the German report");
    assert!(text.contains("2. Dezember 2027"), "no German long date for the Annex III date");
    for english in ["December", "deadline", "ask for", "provider of", "builds_ai", "us_customers"] {
        assert!(!text.contains(english), "English {english:?} in the German report");
    }
}

/// The kinds of image `pdfimages -list` finds in a PDF: `(type, width, height, colour)`, each
/// once.
fn images(path: &std::path::Path) -> std::collections::BTreeSet<(String, u32, u32, String)> {
    tool("pdfimages", &["-list"], path)
        .lines()
        .skip(2)
        .filter_map(|line| {
            let cols: Vec<&str> = line.split_whitespace().collect();
            Some((
                cols.get(2)?.to_string(),
                cols.get(3)?.parse().ok()?,
                cols.get(4)?.parse().ok()?,
                cols.get(5)?.to_string(),
            ))
        })
        .collect()
}

#[test]
fn each_report_carries_its_own_logos_with_their_transparency() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.pdf");
    write_pdf(&model("Brightdesk", Lang::En), &path).unwrap();
    let expected = [
        ("image".to_string(), 360, 120, "rgb".to_string()),
        // The firm's logo is a PNG with transparent parts: its alpha is a soft mask.
        ("smask".to_string(), 360, 120, "gray".to_string()),
        ("image".to_string(), 240, 96, "rgb".to_string()),
    ];
    assert_eq!(images(&path), expected.into_iter().collect());

    // Encoded logos are kept per process: other logos in the next report are not mixed up with
    // them.
    let mut opaque = std::io::Cursor::new(Vec::new());
    image::RgbImage::from_pixel(50, 20, image::Rgb([10, 120, 40]))
        .write_to(&mut opaque, image::ImageFormat::Png)
        .unwrap();
    let other = crosswalk_report::branding::BrandingInput {
        firm_name: "Other Firm".into(),
        logo: Some(crosswalk_report::demo::demo_client_logo()),
        client_logo: Some(opaque.into_inner()),
        primary_colour: "#1F3A5F".into(),
        accent_colour: "#0F8B8D".into(),
        contact: Vec::new(),
        footer: String::new(),
        disclaimer: None,
    }
    .validate()
    .unwrap();
    let path = dir.path().join("other.pdf");
    write_pdf(&crate::support::case("Brightdesk").model(&other, Lang::En), &path).unwrap();
    let expected =
        [("image".to_string(), 240, 96, "rgb".to_string()), ("image".to_string(), 50, 20, "rgb".to_string())];
    assert_eq!(images(&path), expected.into_iter().collect());
}
