//! Spreadsheets: the assessment as CSV or XLSX (export, edit, import again) and the Statement of
//! Applicability. Writing XLSX uses rust_xlsxwriter, reading it calamine.
//!
//! The assessment sheet has one row per control in scope under a header row:
//!
//! `control_id, title, domain, effort, frameworks, status, owner, due, evidence, notes, justification`
//!
//! Import reads the columns by their header name, in any order and any case. `control_id` and
//! `status` are required; `title`, `domain`, `effort` and `frameworks` are for reading only and
//! ignored; a column left out (`notes`, say) keeps what is recorded. Row numbers are the
//! spreadsheet's: the header is row 1. Blank rows are skipped.

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

/// The language of the texts a sheet carries (titles, SoA wording). Keywords stay keywords.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    En,
    De,
}

impl Lang {
    pub fn pick(self, text: &Text) -> &str {
        match self {
            Lang::En => &text.en,
            Lang::De => &text.de,
        }
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
/// so the same input gives the same file.
pub fn write_sheet(sheet: &[Vec<String>], format: SheetFormat, name: &str, date: Date) -> Result<Vec<u8>> {
    match format {
        SheetFormat::Csv => {
            let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
            for row in sheet {
                writer.write_record(row).map_err(|e| Error::Corrupt(format!("cannot write CSV: {e}")))?;
            }
            writer.into_inner().map_err(|e| Error::Corrupt(format!("cannot write CSV: {e}")))
        }
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
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook};
    let mut workbook = Workbook::new();
    let stamp = ExcelDateTime::from_ymd(date.year() as u16, date.month() as u8, date.day() as u8)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&stamp).set_title(name));
    let header = Format::new().set_bold();
    let cell = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let worksheet = workbook.add_worksheet();
    worksheet.set_name(name)?;
    let columns = sheet.first().map_or(0, Vec::len);
    for (r, row) in sheet.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let format = if r == 0 { &header } else { &cell };
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
    workbook.save_to_buffer()
}

/// Reads the cells of the first sheet of a file: rows of text with their spreadsheet row number
/// (1 for the first row). Blank rows are left out.
pub fn read_cells(bytes: &[u8], format: SheetFormat) -> Result<Vec<(u32, Vec<String>)>> {
    let unreadable = |what: &str, e: &dyn std::fmt::Display| {
        Error::Invalid(ValidationErrors::one("", format!("the file is not a readable {what} file: {e}")))
    };
    let mut out = Vec::new();
    match format {
        SheetFormat::Csv => {
            let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
            let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
            // Spreadsheet rows, not text lines: a quoted cell may span lines, and a blank line
            // (which the reader skips) is a row. A record's row is 1 + the line breaks before its
            // first character, less those inside the cells of the records before it.
            let (mut counted_to, mut breaks, mut inside) = (0usize, 0u64, 0u64);
            for record in reader.records() {
                let record = record.map_err(|e| unreadable("CSV", &e))?;
                let mut start = record.position().map_or(counted_to, |p| p.byte() as usize).max(counted_to);
                while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
                    start += 1;
                }
                breaks += bytes[counted_to..start].iter().filter(|b| **b == b'\n').count() as u64;
                counted_to = start;
                let row = 1 + breaks - inside;
                inside += record.iter().map(|f| f.matches('\n').count() as u64).sum::<u64>();
                out.push((row as u32, record.iter().map(str::to_owned).collect()));
            }
        }
        SheetFormat::Xlsx => {
            use calamine::{Data, Reader, Xlsx};
            let mut workbook: Xlsx<_> =
                calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| unreadable("XLSX", &e))?;
            let range = workbook
                .worksheet_range_at(0)
                .ok_or_else(|| unreadable("XLSX", &"it has no worksheet"))?
                .map_err(|e| unreadable("XLSX", &e))?;
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
                out.push((first_row + i as u32 + 1, row));
            }
        }
    }
    out.retain(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    Ok(out)
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
    let column = |name: &str| find(name);
    let (id_col, status_col) = (column("control_id").unwrap_or(0), column("status").unwrap_or(0));
    let optional = ["owner", "due", "evidence", "notes", "justification"].map(column);
    let get = |cells: &[String], col: usize| cells.get(col).cloned().unwrap_or_default();
    Ok(cells
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
            assert_eq!(cells[2].1, sheet()[3], "{format:?}");
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
}
