//! `write_pdf` writes the whole file or nothing.

use crosswalk_report::{write_pdf, Lang, ReportError};

use crate::support::model;

fn entries(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn writes_the_whole_file_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kestrel.pdf");
    std::fs::write(&path, b"an older report").unwrap();
    write_pdf(&model("Kestrel", Lang::En), &path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"%PDF-") && bytes.ends_with(b"%%EOF\n") || bytes.ends_with(b"%%EOF"), "not a whole PDF");
    assert_eq!(entries(dir.path()), ["kestrel.pdf"]);
}

#[test]
fn an_unwritable_path_gives_a_clear_error_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-folder").join("report.pdf");
    let err = write_pdf(&model("Kestrel", Lang::En), &missing).unwrap_err();
    assert!(matches!(err, ReportError::Write { .. }));
    assert!(
        err.to_string().contains("cannot write the report to") && err.to_string().contains("no-such-folder"),
        "{err}"
    );
    assert!(entries(dir.path()).is_empty());

    // A folder where the file should go: the rename fails, and the temporary file goes too.
    let taken = dir.path().join("taken.pdf");
    std::fs::create_dir(&taken).unwrap();
    std::fs::write(taken.join("keep.txt"), b"x").unwrap();
    let err = write_pdf(&model("Kestrel", Lang::En), &taken).unwrap_err();
    assert!(matches!(err, ReportError::Write { .. }), "{err}");
    assert_eq!(entries(dir.path()), ["taken.pdf"]);
    assert_eq!(entries(&taken), ["keep.txt"]);
}
