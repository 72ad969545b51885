//! Reading catalogue files into raw entries: TOML and CSV syntax, the shape of each entry, and
//! unknown keys. Values stay text here; `validate` checks them and builds the typed catalogue.
//!
//! Each entry is read on its own, so one broken entry is reported and the rest of its file is
//! still read and checked.

use std::collections::{BTreeMap, HashSet};

use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::error::CatalogErrors;
use super::source::{CALENDAR_FILE, CATALOG_FILE, JOINT_FILE};

/// The header every mapping file starts with.
pub const MAPPING_HEADER: [&str; 4] = ["control_id", "framework", "requirement_id", "relationship"];

/// Keys nobody asked for, kept to be reported (a typo such as `parnet` must not pass silently).
type Extra = BTreeMap<String, toml::Value>;

/// A text in both languages, as written; either may be missing.
#[derive(Debug, Default, Deserialize)]
pub(super) struct RawText {
    pub en: Option<String>,
    pub de: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Deserialize)]
pub(super) struct RawDomain {
    pub id: Option<String>,
    pub name: Option<RawText>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Deserialize)]
pub(super) struct RawFramework {
    pub id: Option<String>,
    pub name: Option<String>,
    pub kind: Option<String>,
    pub title: Option<RawText>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Deserialize)]
pub(super) struct RawRequirement {
    pub id: Option<String>,
    pub parent: Option<String>,
    pub kind: Option<String>,
    pub title: Option<RawText>,
    pub roles: Option<Vec<String>>,
    pub tiers: Option<Vec<String>>,
    pub applies_from: Option<String>,
    /// EU AI Act conditions: a list of tables, each mapping a fact to the values it may take.
    pub when: Option<Vec<BTreeMap<String, Vec<String>>>>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Deserialize)]
pub(super) struct RawControl {
    pub id: Option<String>,
    pub domain: Option<String>,
    pub effort: Option<String>,
    pub title: Option<RawText>,
    pub objective: Option<RawText>,
    pub evidence: Option<RawText>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Deserialize)]
pub(super) struct RawMilestone {
    pub id: Option<String>,
    pub date: Option<String>,
    pub by_tier: Option<BTreeMap<String, String>>,
    pub title: Option<RawText>,
    pub source: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A declaration of `jointly-sufficient.toml`: a requirement and the subset controls that meet it
/// together.
#[derive(Debug, Deserialize)]
pub(super) struct RawJoint {
    pub framework: Option<String>,
    pub requirement: Option<String>,
    pub controls: Option<Vec<String>>,
    pub reason: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One entry of a file, with the label errors use for it: its id, or `kind #n` without one.
#[derive(Debug)]
pub(super) struct Entry<T> {
    pub file: String,
    pub label: String,
    pub raw: T,
}

#[derive(Debug)]
pub(super) struct RawFrameworkFile {
    pub file: String,
    pub framework: Option<RawFramework>,
    pub requirements: Vec<Entry<RawRequirement>>,
    /// Ids of requirements that could not be read (already reported).
    pub broken: HashSet<String>,
}

/// One data line of a mapping file.
#[derive(Debug)]
pub(super) struct RawMapping {
    pub file: String,
    /// `line N (the row)`.
    pub label: String,
    pub control_id: String,
    pub framework: String,
    pub requirement_id: String,
    pub relationship: String,
}

/// The parts of a catalogue, to know which ones could not be read whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Part {
    Catalog,
    Calendar,
    Frameworks,
    Controls,
    Mappings,
}

#[derive(Debug, Default)]
pub(super) struct RawCatalog {
    /// Parts with a file that could not be parsed at all (TOML or CSV syntax, a missing file).
    /// References into such a part are not checked: every one would be reported as unknown.
    pub unreadable: std::collections::BTreeSet<Part>,
    pub version: Option<String>,
    pub date: Option<String>,
    pub domains: Vec<Entry<RawDomain>>,
    pub frameworks: Vec<RawFrameworkFile>,
    pub controls: Vec<Entry<RawControl>>,
    pub mappings: Vec<RawMapping>,
    pub joint: Vec<Entry<RawJoint>>,
    pub milestones: Vec<Entry<RawMilestone>>,
    /// Ids of entries that could not be read (already reported): references to them are not
    /// reported again as unknown.
    pub broken_domains: HashSet<String>,
    pub broken_controls: HashSet<String>,
    pub broken_milestones: HashSet<String>,
}

/// Reads every file; problems go to `errors`, what could be read is returned.
pub(super) fn parse<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>, errors: &mut CatalogErrors) -> RawCatalog {
    let mut raw = RawCatalog::default();
    let mut seen_catalog = false;
    let mut seen_calendar = false;
    for (name, text) in files {
        if name == CATALOG_FILE {
            seen_catalog = true;
            parse_catalog_file(name, text, &mut raw, errors);
        } else if name == CALENDAR_FILE {
            seen_calendar = true;
            match toml_table(name, text, &["milestone"], errors) {
                Some(mut table) => {
                    raw.milestones =
                        entries(name, "milestone", table.remove("milestone"), &mut raw.broken_milestones, errors)
                }
                None => {
                    raw.unreadable.insert(Part::Calendar);
                }
            }
        } else if name == JOINT_FILE {
            match toml_table(name, text, &["jointly_sufficient"], errors) {
                Some(mut table) => raw.joint = joint_entries(name, table.remove("jointly_sufficient"), errors),
                None => {
                    raw.unreadable.insert(Part::Mappings);
                }
            }
        } else if name.starts_with("frameworks/") && name.ends_with(".toml") {
            let table = toml_table(name, text, &["framework", "requirement"], errors);
            if table.is_none() {
                raw.unreadable.insert(Part::Frameworks);
            }
            if let Some(mut table) = table {
                let framework = table.remove("framework").and_then(|value| {
                    entry::<RawFramework>(name, "framework", value, errors).map(|e| {
                        report_extra(name, &e.label, "", &e.raw.extra, errors);
                        e.raw
                    })
                });
                if framework.is_none() && !errors.0.iter().any(|e| e.file == name && e.entry == "framework") {
                    errors.push(name, "", "the [framework] table is missing");
                }
                let mut broken = HashSet::new();
                let requirements = entries(name, "requirement", table.remove("requirement"), &mut broken, errors);
                raw.frameworks.push(RawFrameworkFile { file: name.to_owned(), framework, requirements, broken });
            }
        } else if name.starts_with("controls/") && name.ends_with(".toml") {
            match toml_table(name, text, &["control"], errors) {
                Some(mut table) => {
                    let controls = entries(name, "control", table.remove("control"), &mut raw.broken_controls, errors);
                    raw.controls.extend(controls);
                }
                None => {
                    raw.unreadable.insert(Part::Controls);
                }
            }
        } else if name.starts_with("mappings/") && name.ends_with(".csv") {
            if !parse_mappings(name, text, &mut raw.mappings, errors) {
                raw.unreadable.insert(Part::Mappings);
            }
        } else {
            errors.push(name, "", "unexpected file: not part of the catalogue layout (see FORMAT.md)");
        }
    }
    if !seen_catalog {
        errors.push(CATALOG_FILE, "", "the file is missing");
        raw.unreadable.insert(Part::Catalog);
    }
    if !seen_calendar {
        errors.push(CALENDAR_FILE, "", "the file is missing");
        raw.unreadable.insert(Part::Calendar);
    }
    raw
}

fn parse_catalog_file(name: &str, text: &str, raw: &mut RawCatalog, errors: &mut CatalogErrors) {
    let Some(mut table) = toml_table(name, text, &["version", "date", "domain"], errors) else {
        raw.unreadable.insert(Part::Catalog);
        return;
    };
    let mut string = |key: &str, errors: &mut CatalogErrors| match table.remove(key) {
        Some(toml::Value::String(s)) => Some(s),
        Some(_) => {
            errors.push(name, key, "must be a quoted string");
            None
        }
        None => None,
    };
    raw.version = string("version", errors);
    raw.date = string("date", errors);
    raw.domains = entries(name, "domain", table.remove("domain"), &mut raw.broken_domains, errors);
}

/// Parses a TOML file into its top-level table and reports keys other than `allowed`.
fn toml_table(name: &str, text: &str, allowed: &[&str], errors: &mut CatalogErrors) -> Option<toml::Table> {
    match text.parse::<toml::Table>() {
        Ok(table) => {
            for key in table.keys().filter(|k| !allowed.contains(&k.as_str())) {
                errors.push(
                    name,
                    "",
                    format!(
                        "unknown top-level key `{key}` (expected {})",
                        allowed.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
                    ),
                );
            }
            Some(table)
        }
        Err(e) => {
            errors.push(name, "", format!("not valid TOML: {}", one_line(&e.to_string())));
            None
        }
    }
}

/// The entries of an array of tables (`[[requirement]]`), each read on its own. The ids of
/// entries that cannot be read go to `broken`.
fn entries<T: DeserializeOwned + HasExtra>(
    file: &str,
    kind: &str,
    value: Option<toml::Value>,
    broken: &mut HashSet<String>,
    errors: &mut CatalogErrors,
) -> Vec<Entry<T>> {
    let items = match value {
        None => return Vec::new(),
        Some(toml::Value::Array(items)) => items,
        Some(_) => {
            errors.push(file, "", format!("`{kind}` must be an array of tables: write [[{kind}]]"));
            return Vec::new();
        }
    };
    let mut out = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        let fallback = format!("{kind} #{}", index + 1);
        let id = match item.get("id") {
            Some(toml::Value::String(id)) if !id.trim().is_empty() => Some(id.clone()),
            _ => None,
        };
        let label = id.clone().unwrap_or(fallback);
        match entry::<T>(file, &label, item, errors) {
            Some(entry) => {
                entry.raw.report_extra(file, &entry.label, errors);
                out.push(entry);
            }
            None => broken.extend(id),
        }
    }
    out
}

fn entry<T: DeserializeOwned>(
    file: &str,
    label: &str,
    value: toml::Value,
    errors: &mut CatalogErrors,
) -> Option<Entry<T>> {
    if !value.is_table() {
        errors.push(file, label, "must be a table");
        return None;
    }
    match value.try_into::<T>() {
        Ok(raw) => Some(Entry { file: file.to_owned(), label: label.to_owned(), raw }),
        Err(e) => {
            let message =
                one_line(&e.to_string()).replace("struct RawText", "a text table { en = \"...\", de = \"...\" }");
            errors.push(file, label, message);
            None
        }
    }
}

/// The declarations of the jointly-sufficient file, each labelled `framework requirement`.
fn joint_entries(file: &str, value: Option<toml::Value>, errors: &mut CatalogErrors) -> Vec<Entry<RawJoint>> {
    let items = match value {
        None => return Vec::new(),
        Some(toml::Value::Array(items)) => items,
        Some(_) => {
            errors.push(file, "", "`jointly_sufficient` must be an array of tables: write [[jointly_sufficient]]");
            return Vec::new();
        }
    };
    let mut out = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        let text = |key: &str| item.get(key).and_then(toml::Value::as_str).map(str::to_owned);
        let label = match (text("framework"), text("requirement")) {
            (Some(f), Some(r)) => format!("{f} {r}"),
            _ => format!("jointly_sufficient #{}", index + 1),
        };
        if let Some(entry) = entry::<RawJoint>(file, &label, item, errors) {
            report_extra(file, &entry.label, "", &entry.raw.extra, errors);
            out.push(entry);
        }
    }
    out
}

/// Entries that keep their unknown keys, to report them.
trait HasExtra {
    fn report_extra(&self, file: &str, label: &str, errors: &mut CatalogErrors);
}

fn report_extra(file: &str, label: &str, prefix: &str, extra: &Extra, errors: &mut CatalogErrors) {
    for key in extra.keys() {
        errors.push(file, label, format!("unknown key `{prefix}{key}`"));
    }
}

fn report_text_extra(file: &str, label: &str, field: &str, text: &Option<RawText>, errors: &mut CatalogErrors) {
    if let Some(text) = text {
        report_extra(file, label, &format!("{field}."), &text.extra, errors);
    }
}

impl HasExtra for RawDomain {
    fn report_extra(&self, file: &str, label: &str, errors: &mut CatalogErrors) {
        report_extra(file, label, "", &self.extra, errors);
        report_text_extra(file, label, "name", &self.name, errors);
    }
}

impl HasExtra for RawRequirement {
    fn report_extra(&self, file: &str, label: &str, errors: &mut CatalogErrors) {
        report_extra(file, label, "", &self.extra, errors);
        report_text_extra(file, label, "title", &self.title, errors);
    }
}

impl HasExtra for RawControl {
    fn report_extra(&self, file: &str, label: &str, errors: &mut CatalogErrors) {
        report_extra(file, label, "", &self.extra, errors);
        report_text_extra(file, label, "title", &self.title, errors);
        report_text_extra(file, label, "objective", &self.objective, errors);
        report_text_extra(file, label, "evidence", &self.evidence, errors);
    }
}

impl HasExtra for RawMilestone {
    fn report_extra(&self, file: &str, label: &str, errors: &mut CatalogErrors) {
        report_extra(file, label, "", &self.extra, errors);
        report_text_extra(file, label, "title", &self.title, errors);
    }
}

/// Reads the rows of a mapping file; false when the file could not be read as a whole.
fn parse_mappings(name: &str, text: &str, out: &mut Vec<RawMapping>, errors: &mut CatalogErrors) -> bool {
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(text.as_bytes());
    match reader.headers() {
        Ok(header) if header.iter().eq(MAPPING_HEADER) => {}
        Ok(header) => {
            errors.push(
                name,
                "line 1",
                format!(
                    "the header must be `{}`, found `{}`",
                    MAPPING_HEADER.join(","),
                    header.iter().collect::<Vec<_>>().join(",")
                ),
            );
            return false;
        }
        Err(e) => {
            errors.push(name, "line 1", format!("not valid CSV: {e}"));
            return false;
        }
    }
    let mut whole = true;
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let line = e.position().map_or(String::new(), |p| format!("line {}", p.line()));
                errors.push(name, line, format!("not valid CSV: {e}"));
                whole = false;
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(|field| field.trim().is_empty()) {
            continue;
        }
        let label = row_label(line, &record);
        if record.iter().any(|field| field.contains(['\n', '\r'])) {
            errors.push(name, label, "a field spans several lines: is a quote not closed?");
            whole = false;
            continue;
        }
        if record.len() != MAPPING_HEADER.len() {
            errors.push(name, label, format!("expected {} fields, found {}", MAPPING_HEADER.len(), record.len()));
            continue;
        }
        if let Some(field) = record.iter().zip(MAPPING_HEADER).find(|(value, _)| value.trim() != *value).map(|(_, f)| f)
        {
            errors.push(name, label.clone(), format!("{field} has leading or trailing spaces"));
        }
        let field = |i: usize| record.get(i).unwrap_or_default().trim().to_owned();
        out.push(RawMapping {
            file: name.to_owned(),
            label,
            control_id: field(0),
            framework: field(1),
            requirement_id: field(2),
            relationship: field(3),
        });
    }
    whole
}

/// `line N (the,row)`, on one line and cut short if long, to name a CSV row in a message.
fn row_label(line: u64, record: &csv::StringRecord) -> String {
    let row = record.iter().collect::<Vec<_>>().join(",").replace(['\r', '\n'], " ");
    let row = match row.char_indices().nth(80) {
        Some((cut, _)) => format!("{}...", &row[..cut]),
        None => row,
    };
    format!("line {line} ({row})")
}

/// Error messages from the TOML parser span several lines: where, a source excerpt with a caret,
/// then what. Keep where and what, on one line.
fn one_line(message: &str) -> String {
    let is_excerpt = |line: &str| {
        line.starts_with('|')
            || line.starts_with('^')
            || line.split_once('|').is_some_and(|(n, _)| n.trim().parse::<u32>().is_ok())
    };
    let lines: Vec<&str> = message.lines().map(str::trim).filter(|l| !l.is_empty() && !is_excerpt(l)).collect();
    match lines.split_first() {
        Some((first, [])) => (*first).to_owned(),
        Some((first, rest)) => format!("{first}: {}", rest.join("; ")),
        None => String::new(),
    }
}
