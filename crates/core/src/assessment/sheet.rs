//! Spreadsheets: the assessment as CSV or XLSX (export, edit, import again) and the Statement of
//! Applicability. Writing XLSX uses rust_xlsxwriter, reading it calamine.
//!
//! The assessment sheet has one row per control in scope under a header row:
//!
//! `control_id, title, domain, effort, frameworks, status, owner, due, evidence, notes, justification`
//!
//! Import reads the columns by their header name, in any order and any case. Row numbers are the
//! spreadsheet's: the header is row 1. Blank rows are skipped.
//!
//! **Rows are whole or refused.** A CSV row must have exactly as many cells as the header
//! (`row 7: 2 cells, the header has 11`): a row cut short or with a separator too many is an
//! error, never read as empty cells. In XLSX a row's trailing empty cells are simply not stored,
//! so a row may end early (those cells are empty), but a value past the header's last column is
//! the same error. Any such problem refuses the whole file; nothing is written.
//!
//! **What a cell means, per column** (the same in CSV and XLSX):
//!
//! | column | in the header, cell empty | column left out of the header |
//! | --- | --- | --- |
//! | `control_id` | required: a row without it is an error (unless the whole row is blank) | the file is refused |
//! | `status` | `not_assessed`: clears the status | the file is refused |
//! | `owner`, `due`, `evidence`, `notes`, `justification` | clears what is recorded | keeps what is recorded |
//! | `title`, `domain`, `effort`, `frameworks` | ignored (for reading only) | ignored |
//!
//! So an empty cell is a decision ("nothing recorded"), and leaving a column out is how to import
//! some fields without touching the others. The app previews an import per control, field by
//! field, and shows a recorded value that would be cleared as a loss
//! (`Assessments::preview_import`).
//!
//! **Cells are data.** Exports neutralise cells a spreadsheet would take for a formula, and the
//! import undoes it, so a round trip returns exactly what was recorded ([`crate::cells`]).
//!
//! **Errors** are listed with their row, at most the first 50 ([`crate::error::MAX_LISTED`]),
//! then how many more there are.

use std::io::Cursor;
use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::entry::{join_evidence, split_evidence};
use super::{AssessmentRow, Soa};
use crate::catalog::Text;
use crate::domain::{Date, FieldError, ValidationErrors};
use crate::{Error, Result};

/// A spreadsheet file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SheetFormat {
    Csv,
    Xlsx,
}

impl SheetFormat {
    /// The format a file name's extension says (`.csv`, `.xlsx`; any case).
    pub fn from_path(path: &Path) -> Option<SheetFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "csv" => Some(SheetFormat::Csv),
            "xlsx" => Some(SheetFormat::Xlsx),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            SheetFormat::Csv => "csv",
            SheetFormat::Xlsx => "xlsx",
        }
    }
}

/// The language Crosswalk writes in: a report, a sheet's texts (titles, SoA wording; keywords
/// stay keywords), a long date. The one language type of the core, the report, the CLI and (as
/// a generated type) the app.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    En,
    De,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::De];

    /// The two-letter code (`en`, `de`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
        }
    }

    /// The language a code names (`en`, `de`, case-insensitive), or `None`.
    pub fn parse(code: &str) -> Option<Lang> {
        match code.to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "de" => Some(Lang::De),
            _ => None,
        }
    }

    /// The text in this language.
    pub fn pick(self, text: &Text) -> &str {
        match self {
            Lang::En => &text.en,
            Lang::De => &text.de,
        }
    }

    /// [`Lang::pick`] for a sentence a reader sees: a date left as data (`2027-12-02`) is written
    /// out in this language (`2. Dezember 2027`).
    pub fn say(self, text: &Text) -> String {
        crate::domain::written_dates(self.pick(text), self)
    }
}

/// The assessment sheet's columns, in the order written.
pub const ASSESSMENT_COLUMNS: &[&str] = &[
    "control_id",
    "title",
    "domain",
    "effort",
    "frameworks",
    "status",
    "owner",
    "due",
    "evidence",
    "notes",
    "justification",
];

/// One data row of an imported assessment sheet. `None` means the column is not in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRow {
    /// The spreadsheet row number (the header is row 1).
    pub row: u32,
    pub control_id: String,
    pub status: String,
    pub owner: Option<String>,
    pub due: Option<String>,
    pub evidence: Option<Vec<String>>,
    pub notes: Option<String>,
    pub justification: Option<String>,
}

/// The assessment rows as a sheet.
pub fn assessment_sheet(rows: &[AssessmentRow], lang: Lang) -> Vec<Vec<String>> {
    let mut out = vec![ASSESSMENT_COLUMNS.iter().map(|c| c.to_string()).collect()];
    for r in rows {
        out.push(vec![
            r.control_id.clone(),
            lang.pick(&r.title).to_owned(),
            r.domain.clone(),
            r.effort.as_str().to_owned(),
            r.frameworks.iter().map(|f| f.as_str()).collect::<Vec<_>>().join(" "),
            r.status.as_str().to_owned(),
            r.owner.clone(),
            r.due.map(|d| d.to_string()).unwrap_or_default(),
            join_evidence(&r.evidence),
            r.notes.clone(),
            r.justification.clone(),
        ]);
    }
    out
}

/// The Statement of Applicability as a sheet.
pub fn soa_sheet(soa: &Soa, lang: Lang) -> Vec<Vec<String>> {
    let header: &[&str] = match lang {
        Lang::En => {
            &["control", "theme", "title", "applicable", "justification", "implementation status", "implemented by"]
        }
        Lang::De => &["Maßnahme", "Thema", "Titel", "anwendbar", "Begründung", "Umsetzungsstand", "umgesetzt durch"],
    };
    let mut out = vec![header.iter().map(|c| c.to_string()).collect()];
    for r in &soa.rows {
        let applicable = match (r.applicable, lang) {
            (true, Lang::En) => "yes",
            (false, Lang::En) => "no",
            (true, Lang::De) => "ja",
            (false, Lang::De) => "nein",
        };
        let controls: Vec<String> = r
            .controls
            .iter()
            .map(|c| format!("{} {} ({})", c.control_id, lang.pick(&c.title), lang.pick(&c.status.label())))
            .collect();
        out.push(vec![
            r.requirement_id.clone(),
            r.theme.clone(),
            lang.pick(&r.title).to_owned(),
            applicable.to_owned(),
            lang.pick(&r.justification).to_owned(),
            lang.pick(&r.status.label()).to_owned(),
            controls.join("; "),
        ]);
    }
    out
}

/// Writes a sheet (first row the header) in a format. `date` stamps the XLSX document properties,
/// so the same input gives the same file. Every cell is data, never a formula
/// ([`crate::cells`]).
pub fn write_sheet(sheet: &[Vec<String>], format: SheetFormat, name: &str, date: Date) -> Result<Vec<u8>> {
    match format {
        SheetFormat::Csv => crate::cells::csv_bytes(sheet, csv::Terminator::CRLF)
            .map_err(|e| Error::Corrupt(format!("cannot write CSV: {e}"))),
        SheetFormat::Xlsx => {
            write_xlsx(sheet, name, date).map_err(|e| Error::Corrupt(format!("cannot write XLSX: {e}")))
        }
    }
}

fn write_xlsx(
    sheet: &[Vec<String>],
    name: &str,
    date: Date,
) -> std::result::Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    xlsx_workbook(&[(name, sheet)], name, date, &[])
}

/// Writes a workbook of several sheets (each `(name, rows)`, first row the header), titled
/// `title`, dated `date`. Every cell is text, never a formula ([`crate::cells`]). The names must
/// be valid sheet names ([`sheet_names`] makes them so).
pub fn write_workbook(sheets: &[(&str, &[Vec<String>])], title: &str, date: Date) -> Result<Vec<u8>> {
    write_workbook_with_choices(sheets, title, date, &[])
}

/// [`write_workbook`] offering, in each sheet's column headed `header`, a drop-down of `values`
/// for the rows written and a few hundred more (`choices`: `(header, values)`). Another value
/// typed in is allowed after a warning (the import decides what it accepts).
pub fn write_workbook_with_choices(
    sheets: &[(&str, &[Vec<String>])],
    title: &str,
    date: Date,
    choices: &[(&str, &[&str])],
) -> Result<Vec<u8>> {
    xlsx_workbook(sheets, title, date, choices).map_err(|e| Error::Corrupt(format!("cannot write XLSX: {e}")))
}

/// Rows past the last one written that still offer the drop-downs.
const CHOICE_ROWS_EXTRA: u32 = 500;

fn xlsx_workbook(
    sheets: &[(&str, &[Vec<String>])],
    title: &str,
    date: Date,
    choices: &[(&str, &[&str])],
) -> std::result::Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{
        DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, FormatAlign, Workbook,
    };
    let mut workbook = Workbook::new();
    let stamp = ExcelDateTime::from_ymd(date.year() as u16, date.month() as u8, date.day() as u8)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&stamp).set_title(title));
    let header = Format::new().set_bold();
    let cell = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    // Text that a spreadsheet would take for a formula keeps its value and gets the quote
    // prefix: shown and edited as text.
    let quoted_header = header.clone().set_quote_prefix();
    let quoted_cell = cell.clone().set_quote_prefix();
    for (name, sheet) in sheets {
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(*name)?;
        let columns = sheet.first().map_or(0, Vec::len);
        for (r, row) in sheet.iter().enumerate() {
            for (c, value) in row.iter().enumerate() {
                let format = match (r == 0, crate::cells::looks_like_formula(value)) {
                    (true, false) => &header,
                    (true, true) => &quoted_header,
                    (false, false) => &cell,
                    (false, true) => &quoted_cell,
                };
                worksheet.write_string_with_format(r as u32, c as u16, value, format)?;
            }
        }
        for c in 0..columns {
            let widest = sheet.iter().filter_map(|row| row.get(c)).map(|v| v.chars().count()).max().unwrap_or(8);
            worksheet.set_column_width(c as u16, (widest as f64 + 2.0).clamp(8.0, 60.0))?;
        }
        if columns > 0 && !sheet.is_empty() {
            worksheet.set_freeze_panes(1, 0)?;
            worksheet.autofilter(0, 0, (sheet.len() - 1) as u32, (columns - 1) as u16)?;
        }
        for (header, values) in choices {
            let Some(c) = sheet.first().and_then(|h| h.iter().position(|name| name == header)) else { continue };
            let validation =
                DataValidation::new().allow_list_strings(values)?.set_error_style(DataValidationErrorStyle::Warning);
            let last = sheet.len() as u32 + CHOICE_ROWS_EXTRA;
            worksheet.add_data_validation(1, c as u16, last, c as u16, &validation)?;
        }
    }
    workbook.save_to_buffer()
}

/// The longest sheet name spreadsheets accept, in characters.
pub const MAX_SHEET_NAME: usize = 31;

/// Valid, unique sheet names for `wanted` names, in the same order: the characters spreadsheets
/// refuse in a sheet name (`[ ] : * ? / \` and control characters) become `-`, apostrophes at
/// either end and surrounding spaces go, at most [`MAX_SHEET_NAME`] characters are kept, an empty
/// name becomes `fallback`, and a name already taken (compared without case, as spreadsheets do;
/// `History` is reserved by Excel) gets ` (2)`, ` (3)`, ... within the limit.
pub fn sheet_names(wanted: &[&str], fallback: &str) -> Vec<String> {
    let mut taken: Vec<String> = vec!["history".to_owned()];
    let mut out = Vec::with_capacity(wanted.len());
    for name in wanted {
        let cleaned: String = name
            .chars()
            .map(|c| if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') || c.is_control() { '-' } else { c })
            .collect();
        let mut base = cleaned.trim().trim_matches('\'').trim().to_owned();
        if base.is_empty() {
            base = fallback.to_owned();
        }
        let cut =
            |text: &str, max: usize| -> String { text.chars().take(max).collect::<String>().trim_end().to_owned() };
        let mut candidate = cut(&base, MAX_SHEET_NAME);
        let mut n = 2;
        while taken.contains(&candidate.to_lowercase()) {
            let suffix = format!(" ({n})");
            candidate = format!("{}{suffix}", cut(&base, MAX_SHEET_NAME - suffix.chars().count()));
            n += 1;
        }
        taken.push(candidate.to_lowercase());
        out.push(candidate);
    }
    out
}

/// Reads the cells of the first sheet of a file: rows of text with their spreadsheet row number
/// (1 for the first row). Blank rows are left out. A CSV row keeps every cell it has (so that a
/// row cut short shows), each with its neutralising quote removed ([`crate::cells`]); an XLSX row
/// ends at its last cell that holds something.
pub fn read_cells(bytes: &[u8], format: SheetFormat) -> Result<Vec<(u32, Vec<String>)>> {
    let unreadable = |what: &str, e: &dyn std::fmt::Display| {
        Error::Invalid(ValidationErrors::one("", format!("the file is not a readable {what} file: {e}")))
    };
    let mut out = Vec::new();
    match format {
        SheetFormat::Csv => {
            if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
                return Err(Error::invalid(
                    "",
                    "the file is UTF-16 text: save it as CSV in UTF-8 (\"CSV UTF-8\" in Excel, \"Unicode (UTF-8)\" in LibreOffice)",
                ));
            }
            let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
            let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
            // Spreadsheet rows, not text lines: a quoted cell may span lines, and a blank line
            // (which the reader skips) is a row. A record's row is 1 + the line breaks before its
            // first character, less those inside the cells of the records before it.
            let (mut counted_to, mut breaks, mut inside) = (0usize, 0u64, 0u64);
            for record in reader.byte_records() {
                let record = record.map_err(|e| unreadable("CSV", &e))?;
                let mut start = record.position().map_or(counted_to, |p| p.byte() as usize).max(counted_to);
                while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
                    start += 1;
                }
                breaks += bytes[counted_to..start].iter().filter(|b| **b == b'\n').count() as u64;
                counted_to = start;
                let row = 1 + breaks - inside;
                inside += record.iter().map(|f| f.iter().filter(|b| **b == b'\n').count() as u64).sum::<u64>();
                let mut cells = Vec::with_capacity(record.len());
                for field in record.iter() {
                    let text = std::str::from_utf8(field).map_err(|_| {
                        Error::Invalid(ValidationErrors::one(
                            format!("row {row}"),
                            "the text is not UTF-8: save the file as CSV in UTF-8 (\"CSV UTF-8\" in Excel, \"Unicode (UTF-8)\" in LibreOffice)",
                        ))
                    })?;
                    cells.push(crate::cells::restore_csv(text).to_owned());
                }
                out.push((row as u32, cells));
            }
        }
        SheetFormat::Xlsx => {
            use calamine::{Reader, Xlsx};
            let mut workbook: Xlsx<_> =
                calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| unreadable("XLSX", &e))?;
            let range = workbook
                .worksheet_range_at(0)
                .ok_or_else(|| unreadable("XLSX", &"it has no worksheet"))?
                .map_err(|e| unreadable("XLSX", &e))?;
            out = range_rows(&range);
        }
    }
    out.retain(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    Ok(out)
}

/// The rows of a sheet as read: each with its spreadsheet row number (1 for the first row).
pub type SheetCells = Vec<(u32, Vec<String>)>;

/// Reads every sheet of an XLSX file, in order: its name and its rows as [`read_cells`] gives
/// them (blank rows left out, each row ending at its last cell that holds something).
pub fn read_workbook(bytes: &[u8]) -> Result<Vec<(String, SheetCells)>> {
    use calamine::{Reader, Xlsx};
    let unreadable = |e: &dyn std::fmt::Display| {
        Error::Invalid(ValidationErrors::one("", format!("the file is not a readable XLSX file: {e}")))
    };
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let mut out = Vec::new();
    for (name, range) in workbook.worksheets() {
        let mut rows = range_rows(&range);
        rows.retain(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
        out.push((name, rows));
    }
    if out.is_empty() {
        return Err(unreadable(&"it has no worksheet"));
    }
    Ok(out)
}

/// The cells of an XLSX file that hold a formula: `(sheet, row, column)`, the row numbered as a
/// spreadsheet shows it (1 for the first), the column from 0. (A reader gets a formula cell's
/// last computed value, which a file written by a program may not even have.)
pub fn workbook_formulas(bytes: &[u8]) -> Result<Vec<(String, u32, u32)>> {
    use calamine::{Reader, Xlsx};
    let unreadable = |e: &dyn std::fmt::Display| {
        Error::Invalid(ValidationErrors::one("", format!("the file is not a readable XLSX file: {e}")))
    };
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let mut out = Vec::new();
    for name in workbook.sheet_names() {
        let formulas = workbook.worksheet_formula(&name).map_err(|e| unreadable(&e))?;
        let (first_row, first_col) = formulas.start().unwrap_or((0, 0));
        for (r, row) in formulas.rows().enumerate() {
            for (c, formula) in row.iter().enumerate() {
                if !formula.is_empty() {
                    out.push((name.clone(), first_row + r as u32 + 1, first_col + c as u32));
                }
            }
        }
    }
    Ok(out)
}

/// The rows of a worksheet with their spreadsheet row numbers (1 for the first row); a row ends
/// at its last cell that holds something. Dates typed into the spreadsheet read as `YYYY-MM-DD`.
fn range_rows(range: &calamine::Range<calamine::Data>) -> Vec<(u32, Vec<String>)> {
    use calamine::Data;
    let mut out = Vec::new();
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    for (i, cells) in range.rows().enumerate() {
        let mut row: Vec<String> = vec![String::new(); first_col as usize];
        row.extend(cells.iter().map(|cell| match cell {
            Data::Empty => String::new(),
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
            Data::Int(n) => n.to_string(),
            Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
            Data::Float(f) => f.to_string(),
            Data::Bool(b) => b.to_string(),
            Data::DateTime(d) => {
                let (y, m, day, ..) = d.to_ymd_hms_milli();
                format!("{y:04}-{m:02}-{day:02}")
            }
            Data::Error(e) => format!("#{e:?}"),
        }));
        // Trailing empty cells are ordinary in XLSX: the row ends at its last value.
        while row.last().is_some_and(String::is_empty) {
            row.pop();
        }
        out.push((first_row + i as u32 + 1, row));
    }
    out
}

/// Reads an assessment sheet. Problems with the header are reported at `row N`; the values are
/// checked later, with the rest of the import.
pub fn parse_assessment(bytes: &[u8], format: SheetFormat) -> Result<Vec<SheetRow>> {
    let mut cells = read_cells(bytes, format)?.into_iter();
    let Some((header_row, header)) = cells.next() else {
        return Err(Error::invalid("", "the file is empty: expected a header row and one row per control"));
    };
    let mut errors = Vec::new();
    let names: Vec<String> = header.iter().map(|h| h.trim().to_ascii_lowercase().replace(' ', "_")).collect();
    let find = |name: &str| names.iter().position(|n| n == name);
    for (i, name) in names.iter().enumerate() {
        if !name.is_empty() && names[..i].contains(name) {
            errors.push(FieldError {
                field: format!("row {header_row}"),
                message: format!("the column `{name}` appears twice"),
            });
        }
    }
    for required in ["control_id", "status"] {
        if find(required).is_none() {
            errors.push(FieldError {
                field: format!("row {header_row}"),
                message: format!(
                    "missing column `{required}` (the header row names the columns: {})",
                    ASSESSMENT_COLUMNS.join(", ")
                ),
            });
        }
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(ValidationErrors(errors)));
    }
    // Rows are whole or refused: a CSV row has exactly the header's cells (a row cut short, or
    // one with a separator too many, is an error, never read as empty cells); an XLSX row may
    // end early (its trailing cells are empty) but never runs past the header.
    let width = header.len();
    let cells: Vec<(u32, Vec<String>)> = cells.collect();
    for (row, cells) in &cells {
        let bad = match format {
            SheetFormat::Csv => cells.len() != width,
            SheetFormat::Xlsx => cells.len() > width,
        };
        if bad {
            errors.push(FieldError {
                field: format!("row {row}"),
                message: format!(
                    "{} cell{}, the header has {width}",
                    cells.len(),
                    if cells.len() == 1 { "" } else { "s" }
                ),
            });
        }
    }
    if !errors.is_empty() {
        return Err(Error::invalid_capped(errors));
    }
    let column = |name: &str| find(name);
    let (id_col, status_col) = (column("control_id").unwrap_or(0), column("status").unwrap_or(0));
    let optional = ["owner", "due", "evidence", "notes", "justification"].map(column);
    let get = |cells: &[String], col: usize| cells.get(col).cloned().unwrap_or_default();
    Ok(cells
        .into_iter()
        .map(|(row, cells)| {
            let opt = |i: usize| optional[i].map(|col| get(&cells, col));
            SheetRow {
                row,
                control_id: get(&cells, id_col),
                status: get(&cells, status_col),
                owner: opt(0),
                due: opt(1),
                evidence: opt(2).map(|cell| split_evidence(&cell)),
                notes: opt(3).map(|n| n.replace("\r\n", "\n")),
                justification: opt(4),
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet() -> Vec<Vec<String>> {
        vec![
            vec!["control_id".into(), "status".into(), "notes".into(), "due".into()],
            vec!["CW-ACC-01".into(), "implemented".into(), "two\nlines, with \"quotes\"".into(), "2027-01-31".into()],
            vec!["".into(), "".into(), "".into(), "".into()],
            vec!["CW-ACC-02".into(), "Partially implemented".into(), "Ümlaut; ß".into(), "".into()],
        ]
    }

    #[test]
    fn csv_and_xlsx_read_back_what_was_written() {
        let date = Date::new(2026, 12, 1).unwrap();
        for format in [SheetFormat::Csv, SheetFormat::Xlsx] {
            let bytes = write_sheet(&sheet(), format, "Assessment", date).unwrap();
            let cells = read_cells(&bytes, format).unwrap();
            let rows: Vec<u32> = cells.iter().map(|(r, _)| *r).collect();
            assert_eq!(rows, [1, 2, 4], "{format:?}: blank row 3 skipped, numbering kept (row 2 spans two lines)");
            assert_eq!(cells[1].1, sheet()[1], "{format:?}");
            // XLSX rows end at their last value; CSV rows keep every cell.
            let mut last = sheet()[3].clone();
            if format == SheetFormat::Xlsx {
                last.pop();
            }
            assert_eq!(cells[2].1, last, "{format:?}");
            assert_eq!(write_sheet(&sheet(), format, "Assessment", date).unwrap(), bytes, "{format:?}: deterministic");
        }
    }

    #[test]
    fn csv_rows_are_numbered_as_a_spreadsheet_shows_them() {
        for newline in ["\r\n", "\n"] {
            let text = ["h1,h2", "a,b", "", "c,d", "\"x", "y\",z", "", "", "e,f", ""].join(newline);
            let cells = read_cells(text.as_bytes(), SheetFormat::Csv).unwrap();
            let rows: Vec<(u32, &str)> = cells.iter().map(|(r, c)| (*r, c[0].as_str())).collect();
            let multi = format!("x{newline}y");
            assert_eq!(rows, [(1, "h1"), (2, "a"), (4, "c"), (5, multi.as_str()), (8, "e")], "{newline:?}");
        }
        let cells = read_cells(b"\n\nh\nv\n", SheetFormat::Csv).unwrap();
        assert_eq!(cells.iter().map(|(r, _)| *r).collect::<Vec<_>>(), [3, 4], "blank rows before the header");
    }

    #[test]
    fn the_header_names_the_columns_in_any_order() {
        let text = "\u{feff}Status,Notes,Control ID\r\nimplemented,hello,CW-ACC-01\r\n";
        let rows = parse_assessment(text.as_bytes(), SheetFormat::Csv).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(
            (rows[0].row, rows[0].control_id.as_str(), rows[0].status.as_str()),
            (2, "CW-ACC-01", "implemented")
        );
        assert_eq!(rows[0].notes.as_deref(), Some("hello"));
        assert_eq!(rows[0].owner, None, "a column left out keeps what is recorded");

        let err = parse_assessment(b"control_id,owner,owner\nCW-ACC-01,a,b\n", SheetFormat::Csv).unwrap_err();
        let fields: Vec<String> =
            err.report().fields.into_iter().map(|f| format!("{}: {}", f.field, f.message)).collect();
        assert_eq!(fields.len(), 2, "{fields:?}");
        assert_eq!(fields[0], "row 1: the column `owner` appears twice");
        assert!(fields[1].starts_with("row 1: missing column `status`"), "{fields:?}");
        assert!(parse_assessment(b"", SheetFormat::Csv).is_err());
        let err = read_cells(b"PK\x03\x04 not really a zip", SheetFormat::Xlsx).unwrap_err();
        assert!(err.to_string().contains("not a readable XLSX file"), "{err}");
    }

    #[test]
    fn dates_typed_into_excel_read_as_dates() {
        use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
        let mut workbook = Workbook::new();
        let worksheet = workbook.add_worksheet();
        worksheet.write_string(0, 0, "control_id").unwrap();
        worksheet.write_string(0, 1, "status").unwrap();
        worksheet.write_string(0, 2, "due").unwrap();
        worksheet.write_string(1, 0, "CW-ACC-01").unwrap();
        worksheet.write_string(1, 1, "implemented").unwrap();
        let date = ExcelDateTime::from_ymd(2027, 3, 31).unwrap();
        worksheet.write_datetime_with_format(1, 2, &date, &Format::new().set_num_format("dd.mm.yyyy")).unwrap();
        let bytes = workbook.save_to_buffer().unwrap();
        let rows = parse_assessment(&bytes, SheetFormat::Xlsx).unwrap();
        assert_eq!(rows[0].due.as_deref(), Some("2027-03-31"));
    }
    fn fields(err: Error) -> Vec<String> {
        err.report().fields.into_iter().map(|f| format!("{}: {}", f.field, f.message)).collect()
    }

    #[test]
    fn rows_are_whole_or_refused() {
        let header = ASSESSMENT_COLUMNS.join(",");
        let whole = "CW-ACC-01,t,d,M,iso27001,implemented,IT,,,,";
        // (CSV body under the header, the problems)
        let cases: &[(&str, &[&str])] = &[
            (whole, &[]),
            ("CW-AIG-01,x", &["row 2: 2 cells, the header has 11"]),
            ("CW-ACC-01,t,d,M,iso27001,implemented,IT,,,,,", &["row 2: 12 cells, the header has 11"]),
            (",,,,,,,,,,", &[]),
            (
                "\"CW-ACC-01\nmore\",x\r\n\r\nCW-ACC-02",
                &["row 2: 2 cells, the header has 11", "row 4: 1 cell, the header has 11"],
            ),
        ];
        for (body, expected) in cases {
            let text = format!("{header}\r\n{body}\r\n");
            match parse_assessment(text.as_bytes(), SheetFormat::Csv) {
                Ok(_) => assert!(expected.is_empty(), "{body:?} was accepted"),
                Err(e) => assert_eq!(fields(e), *expected, "{body:?}"),
            }
        }
        // XLSX: trailing empty cells are ordinary, a value past the header is not.
        let mut sheet: Vec<Vec<String>> = vec![ASSESSMENT_COLUMNS.iter().map(|c| c.to_string()).collect()];
        sheet.push(vec!["CW-ACC-01".into(), "".into(), "".into(), "".into(), "".into(), "implemented".into()]);
        let date = Date::new(2026, 12, 1).unwrap();
        let bytes = write_sheet(&sheet, SheetFormat::Xlsx, "Assessment", date).unwrap();
        let rows = parse_assessment(&bytes, SheetFormat::Xlsx).unwrap();
        assert_eq!((rows[0].status.as_str(), rows[0].notes.as_deref()), ("implemented", Some("")));
        sheet[1].resize(12, String::new());
        sheet[1][11] = "stray".into();
        let bytes = write_sheet(&sheet, SheetFormat::Xlsx, "Assessment", date).unwrap();
        let err = parse_assessment(&bytes, SheetFormat::Xlsx).unwrap_err();
        assert_eq!(fields(err), ["row 2: 12 cells, the header has 11"]);
    }

    #[test]
    fn errors_are_capped_at_fifty() {
        let mut text = String::from("control_id,status,notes\n");
        for i in 0..120 {
            text.push_str(&format!("CW-ACC-{i:02},x\n"));
        }
        let err = parse_assessment(text.as_bytes(), SheetFormat::Csv).unwrap_err();
        assert_eq!(err.report().fields.len(), 50);
        assert_eq!(err.truncated(), 70);
        assert_eq!(err.code(), crate::ErrorCode::Invalid);
        assert!(err.to_string().ends_with("; … and 70 more"), "{err}");
        assert_eq!(err.report().fields[0].field, "row 2");
    }

    #[test]
    fn text_that_is_not_utf8_is_refused_with_its_row() {
        let err = parse_assessment(b"control_id,status\nCW-ACC-01,caf\xe9\n", SheetFormat::Csv).unwrap_err();
        assert_eq!(fields(err), ["row 2: the text is not UTF-8: save the file as CSV in UTF-8 (\"CSV UTF-8\" in Excel, \"Unicode (UTF-8)\" in LibreOffice)"]);
        let err = parse_assessment(b"\xff\xfec\x00", SheetFormat::Csv).unwrap_err();
        assert!(err.to_string().contains("UTF-16"), "{err}");
    }

    #[test]
    fn formula_looking_cells_are_text_in_both_formats_and_come_back_unchanged() {
        let values = ["=1+1", "@SUM(A1)", "+49 30", "-x", "'quoted", "''", "\t=tab", "plain"];
        let mut sheet = vec![vec!["control_id".to_owned(), "status".to_owned(), "notes".to_owned()]];
        for v in values {
            sheet.push(vec!["CW-ACC-01".into(), "implemented".into(), v.into()]);
        }
        let date = Date::new(2026, 12, 1).unwrap();
        let csv = String::from_utf8(write_sheet(&sheet, SheetFormat::Csv, "A", date).unwrap()).unwrap();
        assert!(csv.contains("\r\nCW-ACC-01,implemented,'=1+1\r\n"), "{csv}");
        assert!(csv.contains(",'@SUM(A1)\r\n") && csv.contains(",''quoted\r\n"), "{csv}");
        assert!(!csv.contains(",=") && !csv.contains(",@") && !csv.contains(",+") && !csv.contains(",-"), "{csv}");
        for format in [SheetFormat::Csv, SheetFormat::Xlsx] {
            let bytes = write_sheet(&sheet, format, "A", date).unwrap();
            let notes: Vec<String> =
                parse_assessment(&bytes, format).unwrap().into_iter().map(|r| r.notes.unwrap()).collect();
            assert_eq!(notes, values, "{format:?}");
        }
        // XLSX cells are text (shared strings), never formulas; formula-looking ones carry the
        // quote prefix in their style.
        let bytes = write_sheet(&sheet, SheetFormat::Xlsx, "A", date).unwrap();
        let mut zip = zip_entry(&bytes, "xl/worksheets/sheet1.xml");
        assert!(!zip.contains("<f>"), "no formula cells");
        zip = zip_entry(&bytes, "xl/styles.xml");
        assert!(zip.contains("quotePrefix=\"1\""), "{zip}");
    }

    fn zip_entry(bytes: &[u8], name: &str) -> String {
        use std::io::Read;
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut text = String::new();
        archive.by_name(name).unwrap().read_to_string(&mut text).unwrap();
        text
    }
}
