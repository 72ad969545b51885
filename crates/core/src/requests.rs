//! Evidence requests: what a client is asked to provide, for which control and requirements, from
//! whom and by when, and how the client answered (issue 15). The SQL lives in
//! `store/requests.rs` (schema `migrations/0013_evidence_requests.sql`); this module holds the
//! types, the rules and the spreadsheet.
//!
//! **Statuses** ([`RequestStatus`]): `open` (asked, nothing received yet), `provided` (the client
//! says it sent the evidence), `accepted` (the consultant checked it; the request is closed) and
//! `rejected` (what came does not do; the client is asked again). Only `accepted` closes a
//! request.
//!
//! **Generation** ([`crate::store::Requests::generate`]) works from the gap list of the
//! client's current assessment: one request per control in scope recorded as not implemented or
//! partially implemented (and, when asked, per control recorded as implemented that has no
//! evidence file). What to provide defaults to the catalogue control's typical evidence in the
//! language chosen; the owner to the control's owner in the assessment (empty: unassigned); the
//! due date to the control's due date, else the date given. A control that already has a request
//! that is not accepted gets no second one, so generating twice adds nothing.
//!
//! **Requirements** are never stored: each time requests are listed, exported or reported, a
//! request's requirements are the ones its control is mapped to within the client's scope on that
//! day, per framework.
//!
//! **The spreadsheet** (XLSX: one sheet per owner, an `Unassigned` sheet for requests without
//! one; CSV: one table) has the columns [`REQUEST_COLUMNS`]. On import, every sheet is read;
//! `request_id`, `control_id` and `status` must be in each sheet's header; `owner`, `due` and
//! `response_note` are what the client may change (a column left out keeps what is recorded, an
//! empty cell clears it: unassigned, no due date, no note). `control_title`, `requirements` and
//! `what_to_provide` are for reading and are ignored. A row whose `control_id` differs from its
//! request's control, an unknown request number, a request of another client, a request listed
//! twice, an unknown status, a date that is not `YYYY-MM-DD` or a formula in a column the import
//! reads refuses the whole file, every problem named by sheet and row; nothing is written.
//! Requests left out of the file are not touched. Cells go through [`crate::cells`] both ways; the
//! XLSX status column offers the four statuses as a drop-down.
//!
//! The front ends call the store's handle, `store.requests()`: `generate`, `list`, `get`, `set`,
//! `remove`, `export` and `import` ([`ImportRun::DryRun`] for a preview). The types
//! here derive `TS` for the app's bindings.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::assessment::sheet::{
    read_cells, read_workbook, sheet_names, workbook_formulas, write_sheet, write_workbook_with_choices, SheetCells,
};
use crate::assessment::{FieldChange, Lang, SheetFormat};
use crate::catalog::Text;
use crate::domain::{Date, FieldError};
use crate::{Error, Result};

/// The longest text of what to provide and of a response note, in characters.
pub const MAX_REQUEST_TEXT: usize = 4_000;
/// The longest owner name, in characters.
pub const MAX_OWNER: usize = 255;

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    /// Asked; nothing received yet.
    Open,
    /// The client says it sent the evidence; the consultant has not checked it yet.
    Provided,
    /// The consultant checked the evidence: the request is closed.
    Accepted,
    /// What came does not do; the client is asked again.
    Rejected,
}

impl RequestStatus {
    pub const ALL: [RequestStatus; 4] =
        [RequestStatus::Open, RequestStatus::Provided, RequestStatus::Accepted, RequestStatus::Rejected];

    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Open => "open",
            RequestStatus::Provided => "provided",
            RequestStatus::Accepted => "accepted",
            RequestStatus::Rejected => "rejected",
        }
    }

    /// The keyword, or its English or German word, in any case.
    pub fn parse(text: &str) -> Option<RequestStatus> {
        let t = text.trim().to_lowercase();
        RequestStatus::ALL.into_iter().find(|s| {
            let label = s.label();
            t == s.as_str() || t == label.en.to_lowercase() || t == label.de.to_lowercase()
        })
    }

    /// Closed: generating requests again does not ask for the control a second time.
    pub fn is_closed(self) -> bool {
        self == RequestStatus::Accepted
    }

    /// Still waiting for the client (open or rejected).
    pub fn awaits_client(self) -> bool {
        matches!(self, RequestStatus::Open | RequestStatus::Rejected)
    }

    pub fn label(self) -> Text {
        match self {
            RequestStatus::Open => Text::new("Open", "Offen"),
            RequestStatus::Provided => Text::new("Provided", "Geliefert"),
            RequestStatus::Accepted => Text::new("Accepted", "Angenommen"),
            RequestStatus::Rejected => Text::new("Rejected", "Abgelehnt"),
        }
    }

    /// The keywords, for error messages.
    pub fn expected() -> String {
        RequestStatus::ALL.map(|s| s.as_str()).join(", ")
    }
}

/// The requirements of one framework that a request serves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RequestRequirements {
    pub framework: String,
    pub requirement_ids: Vec<String>,
}

/// One evidence request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EvidenceRequest {
    /// The request's number (shown in the spreadsheet).
    #[ts(type = "number")]
    pub id: i64,
    pub control_id: String,
    /// The control's title (the id when the catalogue no longer has the control).
    pub control_title: Text,
    /// The requirements the control serves within the client's scope today, per framework in the
    /// catalogue's order; derived, never stored.
    pub requirements: Vec<RequestRequirements>,
    /// What to provide.
    pub what: String,
    /// The language `what` was written in when the request was generated.
    pub lang: Lang,
    /// From whom: a person or team at the client; empty is unassigned.
    pub owner: String,
    #[ts(optional = nullable)]
    pub due: Option<Date>,
    pub status: RequestStatus,
    /// What the client or the consultant said about the answer.
    pub response_note: String,
    /// Awaiting the client (open or rejected) and due before today.
    pub overdue: bool,
    /// RFC 3339 in UTC.
    pub created_at: String,
    pub updated_at: String,
}

/// How to generate requests from the gap list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct GenerateRequests {
    /// The due date of requests whose control has none in the assessment; none: no due date.
    #[ts(optional = nullable)]
    pub due: Option<Date>,
    /// The language of what to provide (the catalogue's text).
    pub lang: Lang,
    /// Also ask for evidence of controls recorded as implemented that have no evidence file.
    pub without_evidence: bool,
    /// Only these controls of the gap list (ids, any case); empty: every one.
    pub only: Vec<String>,
}

/// What [`crate::store::Requests::generate`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GeneratedRequests {
    /// The date of the assessment the gaps were read from; none when the client has none yet
    /// (then nothing is generated).
    #[ts(optional = nullable)]
    pub assessment_date: Option<Date>,
    /// The new requests.
    pub created: Vec<EvidenceRequest>,
    /// Controls of the gap list skipped because they already have a request that is not
    /// accepted.
    pub skipped: Vec<String>,
}

/// A change to one request, as entered (a form, CLI flags). `None` leaves a field as it is; an
/// empty owner is unassigned, an empty due date removes it, an empty note clears it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct RequestEdit {
    /// A status keyword or its English or German word.
    #[ts(optional = nullable)]
    pub status: Option<String>,
    #[ts(optional = nullable)]
    pub response_note: Option<String>,
    #[ts(optional = nullable)]
    pub owner: Option<String>,
    /// `YYYY-MM-DD`, or empty for none.
    #[ts(optional = nullable)]
    pub due: Option<String>,
    /// What to provide; may not be empty.
    #[ts(optional = nullable)]
    pub what: Option<String>,
}

/// A [`RequestEdit`] that passed [`RequestEdit::validate`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidRequestEdit {
    pub status: Option<RequestStatus>,
    pub response_note: Option<String>,
    pub owner: Option<String>,
    pub due: Option<Option<Date>>,
    pub what: Option<String>,
}

impl RequestEdit {
    /// Checks every field at once; `prefix` goes in front of every field name.
    pub fn validate(&self, prefix: &str) -> std::result::Result<ValidRequestEdit, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut err =
            |field: &str, message: String| errors.push(FieldError { field: format!("{prefix}{field}"), message });
        let status = self.status.as_deref().and_then(|s| {
            let parsed = RequestStatus::parse(s);
            if parsed.is_none() {
                err(
                    "status",
                    format!("unknown status `{}` (expected one of: {})", s.trim(), RequestStatus::expected()),
                );
            }
            parsed
        });
        let text = |value: &str| value.replace("\r\n", "\n").replace('\r', "\n").trim().to_owned();
        let response_note = self.response_note.as_deref().map(text);
        if response_note.as_ref().is_some_and(|n| n.chars().count() > MAX_REQUEST_TEXT) {
            err("response_note", format!("is longer than {MAX_REQUEST_TEXT} characters"));
        }
        let what = self.what.as_deref().map(text);
        match &what {
            Some(w) if w.is_empty() => err("what", "say what to provide".into()),
            Some(w) if w.chars().count() > MAX_REQUEST_TEXT => {
                err("what", format!("is longer than {MAX_REQUEST_TEXT} characters"))
            }
            _ => {}
        }
        let owner = self.owner.as_deref().map(|o| o.trim().to_owned());
        if let Some(o) = &owner {
            if o.chars().count() > MAX_OWNER {
                err("owner", format!("is longer than {MAX_OWNER} characters"));
            }
            if o.contains(['\n', '\r']) {
                err("owner", "must be one line".into());
            }
        }
        let due = match self.due.as_deref().map(str::trim) {
            None => None,
            Some("") => Some(None),
            Some(d) => match d.parse::<Date>() {
                Ok(date) => Some(Some(date)),
                Err(_) => {
                    err("due", format!("`{d}` is not a date (YYYY-MM-DD)"));
                    None
                }
            },
        };
        if errors.is_empty() {
            Ok(ValidRequestEdit { status, response_note, owner, due, what })
        } else {
            Err(errors)
        }
    }
}

/// Whether an import of a returned spreadsheet writes what it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportRun {
    /// Check every row and report the changes, writing nothing.
    DryRun,
    /// Check every row, then write the changes in one transaction.
    Apply,
}

/// What an import of a returned spreadsheet changes (or, for a dry run, would change).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RequestImport {
    /// The requests that change, each with its changed fields (`status`, `owner`, `due`,
    /// `response_note`).
    pub changes: Vec<RequestChange>,
    /// Rows read that change nothing.
    pub unchanged: u32,
    /// False for a dry run: nothing was written.
    pub applied: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RequestChange {
    #[ts(type = "number")]
    pub id: i64,
    pub control_id: String,
    pub fields: Vec<FieldChange>,
}

/// The spreadsheet's columns, in the order written.
pub const REQUEST_COLUMNS: &[&str] = &[
    "request_id",
    "control_id",
    "control_title",
    "requirements",
    "what_to_provide",
    "owner",
    "due",
    "status",
    "response_note",
];

/// A request's requirements in one cell: `iso27001: A.5.15, A.8.2; soc2: CC6.1`.
pub fn requirements_cell(requirements: &[RequestRequirements]) -> String {
    requirements
        .iter()
        .map(|r| format!("{}: {}", r.framework, r.requirement_ids.join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}

fn request_row(r: &EvidenceRequest, lang: Lang) -> Vec<String> {
    vec![
        r.id.to_string(),
        r.control_id.clone(),
        lang.pick(&r.control_title).to_owned(),
        requirements_cell(&r.requirements),
        r.what.clone(),
        r.owner.clone(),
        r.due.map(|d| d.to_string()).unwrap_or_default(),
        r.status.as_str().to_owned(),
        r.response_note.clone(),
    ]
}

/// The name of the sheet of requests without an owner.
pub fn unassigned_label(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Unassigned",
        Lang::De => "Nicht zugewiesen",
    }
}

/// The requests grouped by owner: owners in alphabetical order (without case), unassigned last;
/// within a group as given.
pub fn by_owner(requests: &[EvidenceRequest]) -> Vec<(String, Vec<&EvidenceRequest>)> {
    let mut groups: Vec<(String, Vec<&EvidenceRequest>)> = Vec::new();
    for r in requests {
        match groups.iter_mut().find(|(o, _)| o.to_lowercase() == r.owner.to_lowercase()) {
            Some((_, list)) => list.push(r),
            None => groups.push((r.owner.clone(), vec![r])),
        }
    }
    groups.sort_by_key(|(owner, _)| (owner.is_empty(), owner.to_lowercase()));
    groups
}

/// The requests as a workbook: XLSX with one sheet per owner (an unassigned sheet for those
/// without), or CSV with every request in one table. `title` names the document; `date` stamps
/// it, so the same requests give the same file.
pub fn write_requests(
    requests: &[EvidenceRequest],
    format: SheetFormat,
    lang: Lang,
    title: &str,
    date: Date,
) -> Result<Vec<u8>> {
    let header: Vec<String> = REQUEST_COLUMNS.iter().map(|c| c.to_string()).collect();
    match format {
        SheetFormat::Csv => {
            let mut sheet = vec![header];
            sheet.extend(requests.iter().map(|r| request_row(r, lang)));
            write_sheet(&sheet, SheetFormat::Csv, title, date)
        }
        SheetFormat::Xlsx => {
            let groups = by_owner(requests);
            let unassigned = unassigned_label(lang);
            let mut sheets: Vec<Vec<Vec<String>>> = groups
                .iter()
                .map(|(_, list)| {
                    let mut sheet = vec![header.clone()];
                    sheet.extend(list.iter().map(|r| request_row(r, lang)));
                    sheet
                })
                .collect();
            let mut wanted: Vec<&str> = groups.iter().map(|(o, _)| o.as_str()).collect();
            if sheets.is_empty() {
                sheets.push(vec![header.clone()]);
                wanted.push("");
            }
            let names = sheet_names(&wanted, unassigned);
            let named: Vec<(&str, &[Vec<String>])> =
                names.iter().map(String::as_str).zip(sheets.iter().map(Vec::as_slice)).collect();
            let statuses = RequestStatus::ALL.map(RequestStatus::as_str);
            write_workbook_with_choices(&named, title, date, &[("status", &statuses)])
        }
    }
}

/// One row of a returned spreadsheet. `None`: the column is not in the sheet's header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnedRow {
    /// `sheet NAME, row N` (CSV: `row N`): where the row is, for error messages.
    pub place: String,
    pub request_id: String,
    pub control_id: String,
    pub status: String,
    pub owner: Option<String>,
    pub due: Option<String>,
    pub response_note: Option<String>,
}

/// Reads a returned spreadsheet (every sheet of an XLSX file, or a CSV file). A sheet with nothing
/// in it is skipped; a header without `request_id`, `control_id` or `status`, a column named
/// twice, or a row longer than its header (CSV: of another length) refuses the file, every
/// problem listed.
pub fn parse_returned(bytes: &[u8], format: SheetFormat) -> Result<Vec<ReturnedRow>> {
    let sheets: Vec<(Option<String>, SheetCells)> = match format {
        SheetFormat::Csv => vec![(None, read_cells(bytes, SheetFormat::Csv)?)],
        SheetFormat::Xlsx => read_workbook(bytes)?.into_iter().map(|(name, rows)| (Some(name), rows)).collect(),
    };
    let formulas = match format {
        SheetFormat::Csv => Vec::new(),
        SheetFormat::Xlsx => workbook_formulas(bytes)?,
    };
    let mut errors = Vec::new();
    let mut out = Vec::new();
    for (sheet, rows) in sheets {
        let place = |row: u32| match &sheet {
            Some(name) => format!("sheet {name}, row {row}"),
            None => format!("row {row}"),
        };
        let mut rows = rows.into_iter();
        let Some((header_row, header)) = rows.next() else { continue };
        let names: Vec<String> = header.iter().map(|h| h.trim().to_ascii_lowercase().replace(' ', "_")).collect();
        let find = |name: &str| names.iter().position(|n| n == name);
        let mut header_ok = true;
        for (i, name) in names.iter().enumerate() {
            if !name.is_empty() && names[..i].contains(name) {
                errors.push(FieldError {
                    field: place(header_row),
                    message: format!("the column `{name}` appears twice"),
                });
                header_ok = false;
            }
        }
        for required in ["request_id", "control_id", "status"] {
            if find(required).is_none() {
                errors.push(FieldError {
                    field: place(header_row),
                    message: format!(
                        "missing column `{required}` (the header row names the columns: {})",
                        REQUEST_COLUMNS.join(", ")
                    ),
                });
                header_ok = false;
            }
        }
        if !header_ok {
            continue;
        }
        let width = header.len();
        let (id_col, control_col, status_col) =
            (find("request_id").unwrap_or(0), find("control_id").unwrap_or(0), find("status").unwrap_or(0));
        let optional = ["owner", "due", "response_note"].map(find);
        for (row, cells) in rows {
            let bad = match format {
                SheetFormat::Csv => cells.len() != width,
                SheetFormat::Xlsx => cells.len() > width,
            };
            if bad {
                errors.push(FieldError {
                    field: place(row),
                    message: format!(
                        "{} cell{}, the header has {width}",
                        cells.len(),
                        if cells.len() == 1 { "" } else { "s" }
                    ),
                });
                continue;
            }
            // A formula in a column the import reads is refused: the file is data, both ways.
            let read = [Some(id_col), Some(control_col), Some(status_col), optional[0], optional[1], optional[2]];
            let formula_at: Vec<usize> = read
                .into_iter()
                .flatten()
                .filter(|col| {
                    formulas.iter().any(|(s, r, c)| Some(s) == sheet.as_ref() && *r == row && *c as usize == *col)
                })
                .collect();
            if !formula_at.is_empty() {
                for col in formula_at {
                    errors.push(FieldError {
                        field: format!("{}, {}", place(row), names[col]),
                        message: "the cell holds a formula; type the value itself (text that starts with `=` \
                                  needs a `'` in front)"
                            .into(),
                    });
                }
                continue;
            }
            let get = |col: usize| cells.get(col).cloned().unwrap_or_default();
            let opt = |i: usize| optional[i].map(get);
            out.push(ReturnedRow {
                place: place(row),
                request_id: get(id_col),
                control_id: get(control_col),
                status: get(status_col),
                owner: opt(0),
                due: opt(1),
                response_note: opt(2),
            });
        }
    }
    if !errors.is_empty() {
        return Err(Error::invalid_capped(errors));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(id: i64, owner: &str, what: &str) -> EvidenceRequest {
        EvidenceRequest {
            id,
            control_id: format!("CW-ACC-{id:02}"),
            control_title: Text::new("Access reviews", "Zugriffsprüfungen"),
            requirements: vec![
                RequestRequirements {
                    framework: "iso27001".into(),
                    requirement_ids: vec!["A.5.15".into(), "A.8.2".into()],
                },
                RequestRequirements { framework: "soc2".into(), requirement_ids: vec!["CC6.1".into()] },
            ],
            what: what.into(),
            lang: Lang::En,
            owner: owner.into(),
            due: Date::new(2027, 1, 31),
            status: RequestStatus::Open,
            response_note: String::new(),
            overdue: false,
            created_at: "2026-12-01T10:00:00.000Z".into(),
            updated_at: "2026-12-01T10:00:00.000Z".into(),
        }
    }

    #[test]
    fn statuses_parse_in_both_languages() {
        for s in RequestStatus::ALL {
            assert_eq!(RequestStatus::parse(s.as_str()), Some(s));
            assert_eq!(RequestStatus::parse(&s.label().de.to_uppercase()), Some(s));
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{}\"", s.as_str()));
        }
        assert_eq!(RequestStatus::parse(" Provided "), Some(RequestStatus::Provided));
        assert_eq!(RequestStatus::parse("done"), None);
        assert!(RequestStatus::Accepted.is_closed() && !RequestStatus::Rejected.is_closed());
    }

    #[test]
    fn sheet_names_are_valid_unique_and_short() {
        let long = "A very long owner name that goes on and on";
        let names = sheet_names(
            &["IT: Ops/Sec", "it: ops-sec", "", "'Quoted'", long, long, "History", "Unassigned", "  "],
            "Unassigned",
        );
        assert_eq!(
            names,
            [
                "IT- Ops-Sec",
                "it- ops-sec (2)",
                "Unassigned",
                "Quoted",
                "A very long owner name that goe",
                "A very long owner name that (2)",
                "History (2)",
                "Unassigned (2)",
                "Unassigned (3)",
            ]
        );
        assert!(names.iter().all(|n| n.chars().count() <= MAX_SHEET_NAME_FOR_TEST));
    }
    const MAX_SHEET_NAME_FOR_TEST: usize = crate::assessment::sheet::MAX_SHEET_NAME;

    #[test]
    fn one_sheet_per_owner_read_back_whole() {
        let date = Date::new(2026, 12, 1).unwrap();
        let requests = vec![
            request(1, "Bea (IT)", "=cmd|' /C calc'!A0"),
            request(2, "", "Access review records"),
            request(3, "anna", "- a list\n- of things"),
            request(4, "Bea (IT)", "Logs"),
        ];
        let bytes = write_requests(&requests, SheetFormat::Xlsx, Lang::De, "Requests", date).unwrap();
        assert_eq!(write_requests(&requests, SheetFormat::Xlsx, Lang::De, "Requests", date).unwrap(), bytes);
        let book = read_workbook(&bytes).unwrap();
        let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["anna", "Bea (IT)", "Nicht zugewiesen"]);
        let (_, bea) = &book[1];
        assert_eq!(bea[0].1, REQUEST_COLUMNS);
        assert_eq!(
            bea[1].1[..5],
            ["1", "CW-ACC-01", "Zugriffsprüfungen", "iso27001: A.5.15, A.8.2; soc2: CC6.1", "=cmd|' /C calc'!A0"]
        );
        let rows = parse_returned(&bytes, SheetFormat::Xlsx).unwrap();
        let ids: Vec<(&str, &str)> = rows.iter().map(|r| (r.request_id.as_str(), r.place.as_str())).collect();
        assert_eq!(
            ids,
            [
                ("3", "sheet anna, row 2"),
                ("1", "sheet Bea (IT), row 2"),
                ("4", "sheet Bea (IT), row 3"),
                ("2", "sheet Nicht zugewiesen, row 2")
            ]
        );
        assert_eq!(rows[1].owner.as_deref(), Some("Bea (IT)"));
        assert_eq!(rows[3].owner.as_deref(), Some(""), "the unassigned sheet has empty owners");
        assert_eq!(rows[0].due.as_deref(), Some("2027-01-31"));
        // The status column offers the four statuses; the cells stay text, never formulas.
        let xml = zip_entry(&bytes, "xl/worksheets/sheet2.xml");
        assert!(xml.contains("<dataValidation type=\"list\" errorStyle=\"warning\""), "{xml}");
        assert!(xml.contains("\"open,provided,accepted,rejected\""), "{xml}");
        assert!(!xml.contains("<f>"), "no formula cells");
        // No requests: one empty unassigned sheet with the header.
        let empty = write_requests(&[], SheetFormat::Xlsx, Lang::En, "Requests", date).unwrap();
        let book = read_workbook(&empty).unwrap();
        assert_eq!((book.len(), book[0].0.as_str(), book[0].1.len()), (1, "Unassigned", 1));
        assert!(parse_returned(&empty, SheetFormat::Xlsx).unwrap().is_empty());
        // CSV: one table, formula-looking cells neutralised and restored.
        let csv = write_requests(&requests, SheetFormat::Csv, Lang::En, "Requests", date).unwrap();
        let text = String::from_utf8(csv.clone()).unwrap();
        assert!(text.contains(",'=cmd|"), "{text}");
        let rows = parse_returned(&csv, SheetFormat::Csv).unwrap();
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].place, "row 2");
    }

    fn zip_entry(bytes: &[u8], name: &str) -> String {
        use std::io::Read;
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut text = String::new();
        archive.by_name(name).unwrap().read_to_string(&mut text).unwrap();
        text
    }

    #[test]
    fn a_bad_header_or_row_refuses_the_file_with_sheet_and_row() {
        let date = Date::new(2026, 12, 1).unwrap();
        let a: Vec<Vec<String>> = vec![vec!["request_id".into(), "status".into()], vec!["1".into(), "open".into()]];
        let b: Vec<Vec<String>> = vec![
            vec!["request_id".into(), "control_id".into(), "status".into()],
            vec!["1".into(), "CW-ACC-01".into(), "open".into(), "stray".into()],
        ];
        let bytes = crate::assessment::sheet::write_workbook(&[("Ops", &a), ("IT", &b)], "t", date).unwrap();
        let err = parse_returned(&bytes, SheetFormat::Xlsx).unwrap_err();
        let fields: Vec<String> = err.report().fields.iter().map(|f| format!("{}: {}", f.field, f.message)).collect();
        assert_eq!(fields.len(), 2, "{fields:?}");
        assert!(fields[0].starts_with("sheet Ops, row 1: missing column `control_id`"), "{fields:?}");
        assert_eq!(fields[1], "sheet IT, row 2: 4 cells, the header has 3");
    }

    #[test]
    fn a_formula_in_a_column_read_is_refused() {
        use rust_xlsxwriter::{Formula, Workbook};
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet.set_name("Ops").unwrap();
        for (c, h) in ["request_id", "control_id", "status", "response_note", "what_to_provide"].iter().enumerate() {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        sheet.write_string(1, 0, "1").unwrap();
        sheet.write_string(1, 1, "CW-ACC-01").unwrap();
        sheet.write_string(1, 2, "open").unwrap();
        sheet.write_formula(1, 3, Formula::new("=1+1").set_result("2")).unwrap();
        sheet.write_formula(1, 4, Formula::new("=2+2").set_result("4")).unwrap();
        let bytes = workbook.save_to_buffer().unwrap();
        let err = parse_returned(&bytes, SheetFormat::Xlsx).unwrap_err();
        let fields: Vec<String> = err.report().fields.iter().map(|f| f.field.clone()).collect();
        assert_eq!(fields, ["sheet Ops, row 2, response_note"], "a formula in a column not read is left alone");
        assert!(err.to_string().contains("formula"), "{err}");
    }

    #[test]
    fn edits_are_checked_field_by_field() {
        let edit = RequestEdit {
            status: Some("done".into()),
            response_note: Some("x".repeat(MAX_REQUEST_TEXT + 1)),
            owner: Some("a\nb".into()),
            due: Some("31.01.2027".into()),
            what: Some("  ".into()),
        };
        let errors = edit.validate("").unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["status", "response_note", "what", "owner", "due"]);
        let ok = RequestEdit { status: Some("Angenommen".into()), due: Some(String::new()), ..Default::default() }
            .validate("")
            .unwrap();
        assert_eq!(ok.status, Some(RequestStatus::Accepted));
        assert_eq!(ok.due, Some(None), "an empty due date removes it");
        assert_eq!(ok.owner, None, "a field not given is kept");
    }
}
