//! The report as plain data: what it says, in one language, before anything is placed on a page.
//!
//! [`ReportModel::build`](crate::ReportModel::build) fills it from the core's types; the layout
//! turns it into pages; nothing here knows fonts, coordinates or PDF. The analysis-derived
//! sections read [`AnalysisInput`], plain structs the analysis module will fill once it lands
//! (until then [`crate::provisional`] derives one from the catalogue).

use crosswalk_core::catalog::Effort;
use crosswalk_core::domain::Date;

use crate::branding::{Branding, Rgb};

/// The language a report is written in: the core's one [`Lang`](crosswalk_core::assessment::Lang).
pub use crosswalk_core::assessment::Lang;

/// A whole report, ready for layout.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportModel {
    pub lang: Lang,
    pub meta: Meta,
    pub branding: Branding,
    pub cover: Cover,
    /// Fixed words the page furniture needs (contents title, "page X of Y").
    pub chrome: Chrome,
    /// The body, in reading order; the cover and the contents page are not sections.
    pub sections: Vec<Section>,
}

/// Document metadata; also written into the PDF's information dictionary.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    pub title: String,
    pub subject: String,
    /// The firm that issues the report.
    pub author: String,
    pub client_name: String,
    /// The report date: also the PDF's creation date, so output is reproducible.
    pub date: Date,
    pub version: String,
    pub confidentiality: String,
    pub keywords: Vec<String>,
}

/// What the cover page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Cover {
    pub title: String,
    pub subtitle: String,
    pub prepared_for: String,
    pub client_name: String,
    /// The client in a few facts (sector, size, headquarters, markets).
    pub client_summary: Vec<(String, String)>,
    /// Label and value pairs: date, version, prepared by.
    pub facts: Vec<(String, String)>,
    pub confidentiality: String,
}

/// Words on every page that are not content.
#[derive(Debug, Clone, PartialEq)]
pub struct Chrome {
    pub contents_title: String,
    /// With `{page}` and `{pages}` placeholders: `Page {page} of {pages}`.
    pub page_of: String,
    /// The running header on body pages.
    pub running_title: String,
}

/// One top-level section: a contents entry, a bookmark, a new page.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub id: SectionId,
    pub title: String,
    /// Start on a fresh page (every section but the shortest ones).
    pub new_page: bool,
    pub blocks: Vec<Block>,
}

/// Which section a [`Section`] is; the order of the variants is the order in the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SectionId {
    ExecutiveSummary,
    WhichDoYouNeed,
    Recommendation,
    Roadmap,
    Readiness,
    SharedWork,
    Actions,
    Soa27001,
    Soa42001,
    ControlMatrix,
    EvidenceRequests,
    Methodology,
}

/// A piece of content the layout places in the flow.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading inside a section (level 2 or 3); kept with what follows.
    Heading {
        level: u8,
        text: String,
    },
    Paragraph {
        text: String,
        style: TextStyle,
    },
    Bullets {
        items: Vec<String>,
        style: TextStyle,
    },
    /// A boxed note: a stop sign, a key message.
    Callout {
        tone: Tone,
        title: String,
        lines: Vec<String>,
    },
    /// Figures side by side (label over value).
    KeyFigures(Vec<KeyFigure>),
    Table(Table),
    BarChart(BarChart),
    Gantt(Box<Gantt>),
    /// Vertical space, in points.
    Space(f32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextStyle {
    Body,
    /// Smaller, grey: notes, sources, triggers.
    Note,
    /// Larger: the opening sentence of a section.
    Lead,
}

/// A colour meaning, mapped to colours by the layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Neutral,
    Good,
    Warn,
    Bad,
    Muted,
    /// The firm's primary colour.
    Brand,
}

#[derive(Debug, Clone, PartialEq)]
pub struct KeyFigure {
    pub label: String,
    pub value: String,
    pub tone: Tone,
}

/// A table that may split across pages; its header row repeats on every page it spans.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Smaller type for dense tables (the matrix, the SoA).
    pub dense: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub header: String,
    /// Relative width; the layout scales the columns to the text width.
    pub weight: f32,
    pub align: Align,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// A row that stands out (the chosen order, the client's own row).
    pub emphasis: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    /// A status colour behind the text; `Neutral` for none.
    pub tone: Tone,
    pub bold: bool,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), tone: Tone::Neutral, bold: false }
    }

    pub fn bold(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), tone: Tone::Neutral, bold: true }
    }

    pub fn toned(text: impl Into<String>, tone: Tone) -> Cell {
        Cell { text: text.into(), tone, bold: false }
    }
}

impl Row {
    pub fn new(cells: Vec<Cell>) -> Row {
        Row { cells, emphasis: false }
    }
}

/// Horizontal bars, each split into segments that add up to at most `max`.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    pub title: String,
    pub bars: Vec<Bar>,
    /// The value of a full bar (100 for percentages).
    pub max: f64,
    /// Grid lines with their labels, in the chart's unit.
    pub ticks: Vec<(f64, String)>,
    /// Names of the segments, in segment order, for the legend.
    pub legend: Vec<(String, Tone)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    /// Lengths in the chart's unit, drawn one after the other.
    pub segments: Vec<(f64, Tone)>,
    /// Printed to the right of the bar.
    pub value_label: String,
}

/// The roadmap as a timeline: one row per phase, diamonds for milestones, a line for today.
#[derive(Debug, Clone, PartialEq)]
pub struct Gantt {
    pub start: Date,
    pub end: Date,
    pub today: Date,
    pub today_label: String,
    /// The legend's word for a milestone diamond.
    pub milestone_label: String,
    /// Short month names, January first, for the ticks.
    pub months: [String; 12],
    pub rows: Vec<GanttRow>,
    pub legend: Vec<(String, Tone)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GanttRow {
    pub label: String,
    pub item: GanttItem,
}

#[derive(Debug, Clone, PartialEq)]
pub enum GanttItem {
    Bar { start: Date, end: Date, tone: Tone },
    Milestone { date: Date, tone: Tone },
}

// --- Analysis input: filled by the analysis module once it lands. ---------------------------

/// Where a common control stands for a client: the core's status, the one vocabulary.
pub use crosswalk_core::assessment::ControlStatus;

/// Requirements by derived status: the core's counts, the one vocabulary.
pub use crosswalk_core::assessment::StatusCounts;

/// The readiness in percent that `counts` give, by the core's rule (partial requirements at the
/// default weight), not rounded: the report rounds it once, to a whole percent; 0 when nothing
/// applies.
pub fn readiness_percent(counts: &StatusCounts) -> f64 {
    counts.percent(crosswalk_core::assessment::DEFAULT_PARTIAL_WEIGHT).unwrap_or(0.0)
}

/// Everything the report needs from the gap analysis.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AnalysisInput {
    /// Readiness per framework in scope, in the report's framework order.
    pub frameworks: Vec<FrameworkReadiness>,
    /// Readiness per control domain.
    pub domains: Vec<DomainReadiness>,
    /// The shared-work saving; `None` takes it from the roadmap's effort summary.
    pub shared_work: Option<SharedWork>,
    /// The top gaps, most urgent first.
    pub actions: Vec<ActionItem>,
    /// Statements of Applicability (ISO/IEC 27001 and 42001), when in scope.
    pub soa: Vec<Soa>,
    /// Every common control with its status per framework.
    pub matrix: Vec<MatrixRow>,
    /// The SOC 2 subservice organisations of the client, when SOC 2 is in scope.
    pub subservice: Vec<SubserviceEntry>,
    /// The client's evidence requests (the appendix; none: no appendix).
    pub requests: Vec<RequestEntry>,
}

/// Where an evidence request stands: the core's status.
pub use crosswalk_core::requests::RequestStatus;

/// An evidence request, for the appendix.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestEntry {
    /// The request's number.
    pub id: i64,
    pub control_id: String,
    /// The requirements in scope it serves: per framework (catalogue id), the requirement ids.
    pub requirements: Vec<(String, Vec<String>)>,
    /// What to provide.
    pub what: String,
    /// From whom; empty: unassigned.
    pub owner: String,
    pub due: Option<Date>,
    pub status: RequestStatus,
    /// Awaiting the client past its due date.
    pub overdue: bool,
    pub response_note: String,
}

/// A SOC 2 subservice organisation and the criteria it serves.
#[derive(Debug, Clone, PartialEq)]
pub struct SubserviceEntry {
    pub name: String,
    /// True for the carve-out method, false for the inclusive one.
    pub carve_out: bool,
    /// What it does for the client.
    pub services: String,
    /// The SOC 2 criteria it serves (`CC6.4`).
    pub criteria: Vec<String>,
    /// Those of them outside the report's scope: carved out by every organisation serving them.
    pub carved_out: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FrameworkReadiness {
    /// The catalogue id (`iso27001`, `soc2`, `iso42001`, `eu_ai_act`, `gdpr`, ... or `x_...`).
    pub framework_id: String,
    /// The catalogue's name of an imported framework (`x_...`), shown instead of its id; `None`
    /// for shipped frameworks, which the report names in its language.
    pub name: Option<String>,
    pub counts: StatusCounts,
    /// Share met, partial counting half, in percent.
    pub percent: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DomainReadiness {
    /// The catalogue's domain id (`access`, `ai_governance`, ...).
    pub domain_id: String,
    pub counts: StatusCounts,
    pub percent: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SharedWork {
    /// Person-days for each framework done on its own, by catalogue id (an imported framework by
    /// its catalogue name).
    pub alone: Vec<(String, f64)>,
    /// Person-days for all of them together, shared controls once.
    pub together: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ActionItem {
    /// Its place in the ranking of all gaps (1 is the first to close). The list shows the top
    /// of the ranking and every gap with an owner or due date, so ranks can skip.
    pub rank: u32,
    pub control_id: String,
    pub status: ControlStatus,
    pub effort: Effort,
    /// Who does it; `None` prints "to be assigned".
    pub owner: Option<String>,
    pub due: Option<Date>,
    /// Catalogue ids of the frameworks in scope it serves; an imported framework by its
    /// catalogue name.
    pub frameworks: Vec<String>,
}

/// A Statement of Applicability for one ISO framework.
#[derive(Debug, Clone, PartialEq)]
pub struct Soa {
    /// `iso27001` or `iso42001`.
    pub framework_id: String,
    pub rows: Vec<SoaRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SoaRow {
    /// The Annex A control id (`A.5.1`).
    pub requirement_id: String,
    pub applicable: bool,
    /// The consultant's justification; `None` prints the standard sentence.
    pub justification: Option<String>,
    pub status: ControlStatus,
    /// Common controls that implement it.
    pub implemented_by: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MatrixRow {
    pub control_id: String,
    /// One cell per framework column, by catalogue id; `None` where the control does not map.
    pub cells: Vec<(String, Option<ControlStatus>)>,
}

/// A colour by meaning, resolved against the firm's colours.
pub fn tone_colour(tone: Tone, branding: &Branding) -> Rgb {
    match tone {
        Tone::Neutral => Rgb::new(0x22, 0x2B, 0x36),
        Tone::Good => Rgb::new(0x2E, 0x7D, 0x32),
        Tone::Warn => Rgb::new(0xE0, 0x8E, 0x0B),
        Tone::Bad => Rgb::new(0xC6, 0x28, 0x28),
        Tone::Muted => Rgb::new(0x9A, 0xA3, 0xAD),
        Tone::Brand => branding.primary,
    }
}
