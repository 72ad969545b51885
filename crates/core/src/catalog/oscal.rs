//! OSCAL catalogs (JSON, OSCAL 1.x catalog model): reading a consultant's framework from one, and
//! writing the shipped catalogue as one.
//!
//! Reading keeps the structure and the titles only: groups become grouping requirements (kind
//! `group`), controls become requirements (kind `control`) with the `label` prop as their id (the
//! identifier an auditor cites, `AC-2(1)`) or, without a label, the OSCAL id. A control's nested
//! controls (enhancements in NIST SP 800-53) are assessable on their own, like the control itself,
//! so they are placed beside it, under the same group, right after it. Withdrawn controls (prop
//! `status` = `withdrawn`) are left out: there is nothing to assess. Statements, guidance and
//! parameters (`parts`, `params`) are read past and not stored: Crosswalk keeps a framework's
//! structure and titles, cites requirements by id, and the catalog's source is noted.
//!
//! Every problem names where it is: a JSON path (`catalog.groups[0].controls[3].title`), found by
//! serde for the shape and by the checks here for the content.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::model::{Catalog, Framework, FrameworkKind, RequirementKind};
use crate::domain::{FieldError, ValidationErrors};

/// An OSCAL catalog document, as much of it as Crosswalk reads.
#[derive(Debug, Deserialize)]
pub struct Document {
    pub catalog: OscalCatalog,
}

#[derive(Debug, Deserialize)]
pub struct OscalCatalog {
    pub uuid: String,
    pub metadata: Metadata,
    #[serde(default)]
    pub groups: Vec<Group>,
    #[serde(default)]
    pub controls: Vec<Control>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Metadata {
    pub title: String,
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub oscal_version: Option<String>,
    #[serde(default)]
    pub last_modified: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Prop {
    pub name: String,
    pub value: String,
    #[serde(default)]
    pub class: Option<String>,
}

/// A part of a control or group (statement, guidance, ...): read past, not stored.
#[derive(Debug, Deserialize)]
pub struct Part {
    pub name: String,
    #[serde(default)]
    pub parts: Vec<Part>,
}

#[derive(Debug, Deserialize)]
pub struct Group {
    #[serde(default)]
    pub id: Option<String>,
    pub title: String,
    #[serde(default)]
    pub props: Vec<Prop>,
    #[serde(default)]
    pub parts: Vec<Part>,
    #[serde(default)]
    pub groups: Vec<Group>,
    #[serde(default)]
    pub controls: Vec<Control>,
}

#[derive(Debug, Deserialize)]
pub struct Control {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub props: Vec<Prop>,
    #[serde(default)]
    pub parts: Vec<Part>,
    #[serde(default)]
    pub controls: Vec<Control>,
}

/// One requirement read from an OSCAL catalog, in tree order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedRequirement {
    pub id: String,
    /// The OSCAL id it came from (`ac-2.1`), for the mapping file to name either.
    pub oscal_id: String,
    pub parent: Option<String>,
    pub kind: RequirementKind,
    pub title: String,
    pub depth: u32,
    pub assessable: bool,
}

/// A framework read from an OSCAL catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedCatalog {
    pub title: String,
    pub version: Option<String>,
    pub oscal_version: Option<String>,
    pub uuid: String,
    pub requirements: Vec<ImportedRequirement>,
    /// Controls left out because they are withdrawn.
    pub withdrawn: u32,
}

/// The longest id or title kept from a catalog.
const MAX_TEXT: usize = 500;

/// Reads an OSCAL catalog (JSON). Errors carry the JSON path of the problem.
pub fn read_catalog(text: &str) -> Result<ImportedCatalog, ValidationErrors> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let doc: Document = serde_path_to_error::deserialize(de).map_err(|err| {
        let path = err.path().to_string();
        let message = err.into_inner().to_string();
        if let Some(missing) = message.strip_prefix("missing field `").and_then(|m| m.split('`').next()) {
            let field = if path == "." { missing.to_owned() } else { format!("{path}.{missing}") };
            return ValidationErrors::one(field, "is required");
        }
        let message = match message.rfind(" at line ") {
            Some(at) if message[at..].contains(" column ") => message[..at].to_owned(),
            _ => message,
        };
        ValidationErrors::one(if path == "." { String::new() } else { path }, message)
    })?;
    let catalog = doc.catalog;
    let mut reader = Reader { errors: Vec::new(), out: Vec::new(), ids: HashSet::new(), withdrawn: 0 };
    if catalog.metadata.title.trim().is_empty() {
        reader.err("catalog.metadata.title", "must not be empty");
    }
    for (i, group) in catalog.groups.iter().enumerate() {
        reader.group(group, &format!("catalog.groups[{i}]"), None, 0);
    }
    for (i, control) in catalog.controls.iter().enumerate() {
        reader.control(control, &format!("catalog.controls[{i}]"), None, 0);
    }
    // A group with nothing assessable under it is a grouping that can never be assessed.
    let parents: HashSet<String> = reader.out.iter().filter_map(|r| r.parent.clone()).collect();
    for r in &mut reader.out {
        r.assessable = !parents.contains(&r.id);
    }
    let empty_groups: Vec<String> =
        reader.out.iter().filter(|r| r.assessable && r.kind == RequirementKind::Group).map(|r| r.id.clone()).collect();
    for id in empty_groups {
        reader.err("catalog.groups", format!("group `{id}` holds no control"));
    }
    if !reader.out.iter().any(|r| r.assessable) && reader.errors.is_empty() {
        reader.err("catalog", "the catalog holds no control to assess");
    }
    if !reader.errors.is_empty() {
        return Err(ValidationErrors(reader.errors));
    }
    Ok(ImportedCatalog {
        title: catalog.metadata.title.trim().to_owned(),
        version: catalog.metadata.version,
        oscal_version: catalog.metadata.oscal_version,
        uuid: catalog.uuid,
        requirements: reader.out,
        withdrawn: reader.withdrawn,
    })
}

struct Reader {
    errors: Vec<FieldError>,
    out: Vec<ImportedRequirement>,
    ids: HashSet<String>,
    withdrawn: u32,
}

impl Reader {
    fn err(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError { field: field.to_owned(), message: message.into() });
    }

    /// The id to store: the label without a class (or the first label), else the OSCAL id.
    fn id_of(props: &[Prop], oscal_id: &str) -> String {
        let labels: Vec<&Prop> = props.iter().filter(|p| p.name == "label").collect();
        labels
            .iter()
            .find(|p| p.class.is_none())
            .or(labels.first())
            .map_or(oscal_id, |p| p.value.as_str())
            .trim()
            .to_owned()
    }

    /// Checks and adds `r` (its `assessable` is worked out at the end); false when it is refused.
    fn push(&mut self, path: &str, r: ImportedRequirement) -> bool {
        let mut ok = true;
        let id = r.id.as_str();
        if id.is_empty() {
            self.err(&format!("{path}.id"), "must not be empty");
            ok = false;
        } else if id.chars().count() > MAX_TEXT || id.chars().any(char::is_control) {
            self.err(&format!("{path}.id"), format!("`{id}` is not a usable identifier"));
            ok = false;
        } else if !self.ids.insert(id.to_owned()) {
            self.err(&format!("{path}.id"), format!("duplicate identifier `{id}`"));
            ok = false;
        }
        let title = r.title.trim();
        if title.is_empty() {
            self.err(&format!("{path}.title"), "must not be empty");
            ok = false;
        } else if title.chars().count() > MAX_TEXT {
            self.err(&format!("{path}.title"), format!("is longer than {MAX_TEXT} characters"));
            ok = false;
        }
        if ok {
            let title = title.to_owned();
            self.out.push(ImportedRequirement { title, ..r });
        }
        ok
    }

    fn group(&mut self, group: &Group, path: &str, parent: Option<&str>, depth: u32) {
        let oscal_id = group.id.clone().unwrap_or_default();
        let id = Self::id_of(&group.props, &oscal_id);
        let id = if id.is_empty() { group.title.trim().to_owned() } else { id };
        let entry = ImportedRequirement {
            id: id.clone(),
            oscal_id,
            parent: parent.map(str::to_owned),
            kind: RequirementKind::Group,
            title: group.title.clone(),
            depth,
            assessable: false,
        };
        if !self.push(path, entry) {
            return;
        }
        for (i, sub) in group.groups.iter().enumerate() {
            self.group(sub, &format!("{path}.groups[{i}]"), Some(&id), depth + 1);
        }
        for (i, control) in group.controls.iter().enumerate() {
            self.control(control, &format!("{path}.controls[{i}]"), Some(&id), depth + 1);
        }
    }

    fn control(&mut self, control: &Control, path: &str, parent: Option<&str>, depth: u32) {
        if control.props.iter().any(|p| p.name == "status" && p.value == "withdrawn") {
            self.withdrawn += 1;
        } else {
            let entry = ImportedRequirement {
                id: Self::id_of(&control.props, &control.id),
                oscal_id: control.id.clone(),
                parent: parent.map(str::to_owned),
                kind: RequirementKind::Control,
                title: control.title.clone(),
                depth,
                assessable: false,
            };
            self.push(path, entry);
        }
        // Nested controls sit beside their control: each is assessable on its own.
        for (i, nested) in control.controls.iter().enumerate() {
            self.control(nested, &format!("{path}.controls[{i}]"), parent, depth);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Serialize)]
struct OutDocument {
    catalog: OutCatalog,
}

#[derive(Debug, Serialize)]
struct OutCatalog {
    uuid: String,
    metadata: OutMetadata,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    groups: Vec<OutGroup>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
struct OutMetadata {
    title: String,
    last_modified: String,
    version: String,
    oscal_version: String,
    remarks: String,
}

#[derive(Debug, Serialize)]
struct OutProp {
    name: &'static str,
    value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    ns: Option<&'static str>,
}

#[derive(Debug, Serialize)]
struct OutGroup {
    id: String,
    class: String,
    title: String,
    props: Vec<OutProp>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    groups: Vec<OutGroup>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    controls: Vec<OutControl>,
}

#[derive(Debug, Serialize)]
struct OutControl {
    id: String,
    class: String,
    title: String,
    props: Vec<OutProp>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    controls: Vec<OutControl>,
}

/// An exported entry: an assessable requirement (a control) or a grouping (a group).
enum Node {
    Control(OutControl),
    Group(OutGroup),
}

/// The namespace of the props Crosswalk adds (German title, kind, assessable).
const NS: &str = "https://crosswalk.invalid/ns/oscal";

/// The OSCAL version the export follows.
pub const OSCAL_VERSION: &str = "1.1.2";

/// An OSCAL token (`ncname`) from one of our ids: letters, digits, `.`, `-` and `_` are kept,
/// other characters become `-`, and a leading character that cannot start a token gets a prefix.
/// Different ids may map to the same token; `unique` adds a suffix then.
fn token(prefix: &str, id: &str, used: &mut HashSet<String>) -> String {
    let mut t: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c.to_ascii_lowercase() } else { '-' })
        .collect();
    while t.contains("--") {
        t = t.replace("--", "-");
    }
    let t = t.trim_matches('-').to_owned();
    let mut t = format!("{prefix}-{t}");
    if t.ends_with('-') {
        t.pop();
    }
    let base = t.clone();
    let mut n = 2;
    while !used.insert(t.clone()) {
        t = format!("{base}-{n}");
        n += 1;
    }
    t
}

/// A deterministic UUID (version 5 form, over SHA-256) from a name, so that exporting the same catalogue twice
/// gives the same document.
fn uuid_for(name: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(name.as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    // Version 5 (name-based) and the RFC 4122 variant, as OSCAL's uuid pattern expects.
    bytes[6] = (bytes[6] & 0x0f) | 0x50;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    uuid::Uuid::from_bytes(bytes).to_string()
}

/// The shipped catalogue (or one framework of it) as an OSCAL catalog document: one group per
/// framework, its grouping entries as nested groups and its assessable requirements as controls,
/// each with its id as `label` and its German title and kind as Crosswalk props. Titles only: no
/// statement text, as the catalogue holds none.
pub fn export_catalog(catalog: &Catalog, framework: Option<&str>) -> Option<String> {
    let frameworks: Vec<&Framework> = match framework {
        Some(id) => vec![catalog.framework(id)?],
        None => catalog.frameworks.iter().collect(),
    };
    let mut used = HashSet::new();
    let groups = frameworks.iter().map(|f| framework_group(f, &mut used)).collect();
    let scope = framework.unwrap_or("all");
    let doc = OutDocument {
        catalog: OutCatalog {
            uuid: uuid_for(&format!("crosswalk-catalog/{}/{}/{scope}", catalog.version, catalog.content_hash)),
            metadata: OutMetadata {
                title: match framework {
                    Some(_) => format!("Crosswalk catalogue {}: {}", catalog.version, frameworks[0].name),
                    None => format!("Crosswalk catalogue {}", catalog.version),
                },
                last_modified: format!("{}T00:00:00Z", catalog.date),
                version: catalog.version.clone(),
                oscal_version: OSCAL_VERSION.to_owned(),
                remarks: "Requirement identifiers and short titles in Crosswalk's own words; no text of the \
                          standards or laws is reproduced."
                    .to_owned(),
            },
            groups,
        },
    };
    Some(serde_json::to_string_pretty(&doc).expect("an OSCAL document serialises") + "\n")
}

fn kind_prop(kind: FrameworkKind) -> OutProp {
    OutProp { name: "framework-kind", value: kind.as_str().to_owned(), ns: Some(NS) }
}

fn framework_group(f: &Framework, used: &mut HashSet<String>) -> OutGroup {
    // Children by parent, in the framework's (tree) order.
    let children = |parent: Option<&str>| -> Vec<usize> {
        f.requirements.iter().enumerate().filter(|(_, r)| r.parent.as_deref() == parent).map(|(i, _)| i).collect()
    };
    fn build(
        f: &Framework,
        index: usize,
        used: &mut HashSet<String>,
        children: &dyn Fn(Option<&str>) -> Vec<usize>,
    ) -> Node {
        let r = &f.requirements[index];
        let props = vec![
            OutProp { name: "label", value: r.id.clone(), ns: None },
            OutProp { name: "title-de", value: r.title.de.clone(), ns: Some(NS) },
            OutProp { name: "requirement-kind", value: r.kind.as_str().to_owned(), ns: Some(NS) },
        ];
        if r.assessable {
            return Node::Control(OutControl {
                id: token(&f.id.replace('_', "-"), &r.id, used),
                class: "crosswalk-requirement".to_owned(),
                title: r.title.en.clone(),
                props,
                controls: Vec::new(),
            });
        }
        let mut group = OutGroup {
            id: token(&f.id.replace('_', "-"), &r.id, used),
            class: "crosswalk-grouping".to_owned(),
            title: r.title.en.clone(),
            props,
            groups: Vec::new(),
            controls: Vec::new(),
        };
        for child in children(Some(&r.id)) {
            match build(f, child, used, children) {
                Node::Control(control) => group.controls.push(control),
                Node::Group(sub) => group.groups.push(sub),
            }
        }
        Node::Group(group)
    }
    let mut group = OutGroup {
        id: token("fw", &f.id.replace('_', "-"), used),
        class: "crosswalk-framework".to_owned(),
        title: f.name.clone(),
        props: vec![
            OutProp { name: "label", value: f.id.clone(), ns: None },
            OutProp { name: "title-de", value: f.title.de.clone(), ns: Some(NS) },
            kind_prop(f.kind),
        ],
        groups: Vec::new(),
        controls: Vec::new(),
    };
    for root in children(None) {
        match build(f, root, used, &children) {
            Node::Control(control) => group.controls.push(control),
            Node::Group(sub) => group.groups.push(sub),
        }
    }
    group
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<(String, String)> {
        read_catalog(text).unwrap_err().0.into_iter().map(|e| (e.field, e.message)).collect()
    }

    #[test]
    fn shape_errors_name_the_json_path() {
        let check = |text: &str, field: &str, message_part: &str| {
            let found = errors(text);
            assert!(
                found.iter().any(|(f, m)| f == field && m.contains(message_part)),
                "{text}: expected {field} / {message_part}, got {found:?}"
            );
        };
        check(r#"{}"#, "catalog", "is required");
        check(r#"{"catalog": {"uuid": "u"}}"#, "catalog.metadata", "is required");
        check(
            r#"{"catalog": {"uuid": "u", "metadata": {"title": "T"}, "groups": [{"title": "G", "controls": [{"id": "a-1"}]}]}}"#,
            "catalog.groups[0].controls[0].title",
            "is required",
        );
        check(
            r#"{"catalog": {"uuid": "u", "metadata": {"title": "T"}, "groups": [{"title": 5}]}}"#,
            "catalog.groups[0].title",
            "invalid type",
        );
        check(r#"{"catalog": "#, "catalog", "EOF");
    }

    #[test]
    fn content_errors_name_the_json_path() {
        let found = errors(
            r#"{"catalog": {"uuid": "u", "metadata": {"title": "T"}, "groups": [
                {"id": "g", "title": "G", "controls": [{"id": "a-1", "title": " "}, {"id": "a-2", "title": "x"},
                                                       {"id": "a-2", "title": "y"}]},
                {"id": "h", "title": "Empty"}]}}"#,
        );
        assert_eq!(
            found,
            [
                ("catalog.groups[0].controls[0].title".to_owned(), "must not be empty".to_owned()),
                ("catalog.groups[0].controls[2].id".to_owned(), "duplicate identifier `a-2`".to_owned()),
                ("catalog.groups".to_owned(), "group `h` holds no control".to_owned()),
            ]
        );
    }

    #[test]
    fn labels_nesting_and_withdrawn_controls() {
        let text = r#"{"catalog": {"uuid": "u", "metadata": {"title": " Cat ", "version": "1", "oscal-version": "1.1.2"},
            "groups": [{"id": "ac", "class": "family", "title": "Access",
              "controls": [
                {"id": "ac-1", "title": "Policy", "props": [{"name": "label", "value": "AC-01", "class": "zero-padded"},
                                                            {"name": "label", "value": "AC-1"}],
                 "parts": [{"name": "statement", "prose": "ignored"}]},
                {"id": "ac-2", "title": "Accounts", "props": [{"name": "label", "value": "AC-2"}],
                 "controls": [{"id": "ac-2.1", "title": "Automated", "props": [{"name": "label", "value": "AC-2(1)"}]},
                              {"id": "ac-2.2", "title": "Gone", "props": [{"name": "status", "value": "withdrawn"}]}]}
              ]}],
            "controls": [{"id": "x-1", "title": "Loose"}]}}"#;
        let c = read_catalog(text).unwrap();
        assert_eq!(c.title, "Cat");
        assert_eq!(c.withdrawn, 1);
        let rows: Vec<(&str, Option<&str>, bool, u32)> =
            c.requirements.iter().map(|r| (r.id.as_str(), r.parent.as_deref(), r.assessable, r.depth)).collect();
        assert_eq!(
            rows,
            [
                ("ac", None, false, 0),
                ("AC-1", Some("ac"), true, 1),
                ("AC-2", Some("ac"), true, 1),
                ("AC-2(1)", Some("ac"), true, 1),
                ("x-1", None, true, 0),
            ]
        );
        assert_eq!(c.requirements[3].oscal_id, "ac-2.1");
    }

    #[test]
    fn tokens_are_oscal_names_and_unique() {
        let mut used = HashSet::new();
        assert_eq!(token("gdpr", "Art.5(1)(a)", &mut used), "gdpr-art.5-1-a");
        assert_eq!(token("soc2", "Processing Integrity", &mut used), "soc2-processing-integrity");
        assert_eq!(token("gdpr", "Art.5(1)[a]", &mut used), "gdpr-art.5-1-a-2");
    }

    #[test]
    fn the_shipped_catalogue_exports_and_reads_back() {
        let catalog = crate::catalog::shipped().unwrap();
        // Requirement ids repeat across frameworks (`Art.5`, `4.1`), so each reads back alone.
        for f in &catalog.frameworks {
            let text = export_catalog(catalog, Some(&f.id)).unwrap();
            let back = read_catalog(&text).unwrap_or_else(|e| panic!("{}: {e:?}", f.id));
            assert_eq!(back.requirements.len(), f.requirements.len() + 1, "{}", f.id);
            let leaves = f.requirements.iter().filter(|r| r.assessable).count();
            assert_eq!(back.requirements.iter().filter(|r| r.kind == RequirementKind::Control).count(), leaves);
            for r in &f.requirements {
                let b = back.requirements.iter().find(|b| b.id == r.id).unwrap_or_else(|| panic!("{} {}", f.id, r.id));
                assert_eq!((b.title.as_str(), b.assessable), (r.title.en.as_str(), r.assessable), "{} {}", f.id, r.id);
            }
        }
        let all = export_catalog(catalog, None).unwrap();
        let doc: serde_json::Value = serde_json::from_str(&all).unwrap();
        assert_eq!(doc["catalog"]["groups"].as_array().unwrap().len(), catalog.frameworks.len());
        assert_eq!(doc["catalog"]["metadata"]["oscal-version"], OSCAL_VERSION);
        assert_eq!(export_catalog(catalog, None).unwrap(), all, "deterministic");
        assert!(export_catalog(catalog, Some("nope")).is_none());
    }
}
