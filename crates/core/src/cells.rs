//! Spreadsheet cells are data, never code: the one place that decides which exported cells a
//! spreadsheet would read as a formula, and how they are neutralised (CSV injection, after the
//! OWASP guidance).
//!
//! A cell *looks like a formula* when its first character, or its first after leading spaces, is
//! one of `=` `+` `-` `@` (or their full-width forms `＝` `＋` `－` `＠`), or when it starts with a
//! tab, a carriage return or a line feed. Every CSV and XLSX export goes through this module:
//!
//! - **CSV** has no cell types, so such a cell is written with a single quote in front
//!   (`=1+1` becomes `'=1+1`): spreadsheets show it as text. A cell that already starts with a
//!   single quote gets one more (`'x` becomes `''x`), so that the importer can always remove
//!   exactly one: [`restore_csv`] strips one leading quote from every cell that has one. A round
//!   trip returns exactly what was recorded, quote or not. (A quote typed by hand in front of a
//!   CSV cell is read as this marker and dropped, as a spreadsheet would.)
//! - **XLSX** cells are written as text cells (never formulas); those that look like formulas
//!   also get the cell format's *quote prefix* ([`looks_like_formula`]), so editing the cell in
//!   Excel or LibreOffice keeps it text. The value itself is unchanged, so nothing is stripped
//!   on import.

use std::borrow::Cow;

/// The characters that start a formula (or a DDE payload) in common spreadsheets.
const TRIGGERS: &[char] = &['=', '+', '-', '@', '＝', '＋', '－', '＠'];

/// Whether a spreadsheet could take the cell for a formula.
pub fn looks_like_formula(cell: &str) -> bool {
    if cell.starts_with(['\t', '\r', '\n']) {
        return true;
    }
    cell.trim_start_matches([' ', '\u{a0}', '\u{3000}']).starts_with(TRIGGERS)
}

/// A cell as written into a CSV file: a single quote in front when it looks like a formula or
/// already starts with a quote; otherwise unchanged.
pub fn neutralise_csv(cell: &str) -> Cow<'_, str> {
    if looks_like_formula(cell) || cell.starts_with('\'') {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A cell read from a CSV file, back to what was recorded: one leading single quote removed.
pub fn restore_csv(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}

/// A CSV file from rows of cells, every cell neutralised ([`neutralise_csv`]), lines ended by
/// `terminator`.
pub fn csv_bytes<R, C>(rows: R, terminator: csv::Terminator) -> Result<Vec<u8>, csv::Error>
where
    R: IntoIterator,
    R::Item: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    let mut writer = csv::WriterBuilder::new().terminator(terminator).flexible(true).from_writer(Vec::new());
    for row in rows {
        let cells: Vec<String> = row.into_iter().map(|c| neutralise_csv(c.as_ref()).into_owned()).collect();
        writer.write_record(&cells)?;
    }
    writer.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_looking_cells_are_neutralised_and_restored() {
        // (recorded value, as written to CSV)
        let cases: &[(&str, &str)] = &[
            ("=1+1", "'=1+1"),
            ("+49 30 1234", "'+49 30 1234"),
            ("-5", "'-5"),
            ("- first point\n- second", "'- first point\n- second"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tcmd", "'\tcmd"),
            ("\r=x", "'\r=x"),
            ("  =HYPERLINK(\"x\")", "'  =HYPERLINK(\"x\")"),
            ("＝1+1", "'＝1+1"),
            ("'quoted", "''quoted"),
            ("'=1+1", "''=1+1"),
            ("''", "'''"),
            ("plain text", "plain text"),
            ("a=b", "a=b"),
            ("x - y", "x - y"),
            ("", ""),
            ("CW-ACC-01", "CW-ACC-01"),
            ("2027-01-31", "2027-01-31"),
        ];
        for (recorded, written) in cases {
            assert_eq!(neutralise_csv(recorded), *written, "{recorded:?}");
            assert_eq!(restore_csv(&neutralise_csv(recorded)), *recorded, "{recorded:?} round trip");
        }
        assert!(looks_like_formula("=1"));
        assert!(!looks_like_formula("'=1"), "the quote is the neutralisation");
    }

    #[test]
    fn csv_bytes_quotes_and_neutralises_every_cell() {
        let rows = vec![vec!["a", "b"], vec!["=1+1", "x, \"y\""]];
        let bytes = csv_bytes(&rows, csv::Terminator::CRLF).unwrap();
        assert_eq!(String::from_utf8(bytes).unwrap(), "a,b\r\n'=1+1,\"x, \"\"y\"\"\"\r\n");
    }
}
