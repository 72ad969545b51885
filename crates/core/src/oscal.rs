//! A client's assessment as NIST OSCAL (version [`OSCAL_VERSION`]): the current assessment as
//! **Assessment Results**, its open gaps as a **Plan of Action and Milestones** (POA&M), both as
//! JSON.
//!
//! The OSCAL controls are Crosswalk's common controls (`CW-ACC-03`, or the consultant's own
//! `X-...`); each carries the frameworks in scope it serves as properties in Crosswalk's own
//! namespace ([`NS`]). Every UUID is a version 5 UUID of a stable name (the client's id, the
//! assessment date, the control id), and every timestamp comes from the assessment date or the
//! date passed in: the same data and date give the same file. The output is checked against
//! NIST's published JSON schemas (`assets/reference/oscal/`) and read back with an independent
//! OSCAL implementation in the tests; `docs/cli.md` says how statuses map.

use serde_json::{json, Value};
use uuid::Uuid;

use crate::assessment::{Analysis, AnalysisSettings, AssessmentRow, AssessmentView, ControlStatus, GapItem, Lang};
use crate::domain::{ClientId, Date};
use crate::store::Views;
use crate::{Error, Result};

/// The OSCAL version written, whose schemas are kept in `assets/reference/oscal/`.
pub const OSCAL_VERSION: &str = "1.2.1";
/// The namespace of Crosswalk's own properties.
pub const NS: &str = "urn:crosswalk:oscal";

/// Which OSCAL model to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OscalModel {
    AssessmentResults,
    Poam,
}

/// The namespace of every UUID Crosswalk writes into OSCAL (itself a v5 UUID of [`NS`]).
fn namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, NS.as_bytes())
}

/// A stable UUID for `parts` joined by `/`.
fn id(parts: &[&str]) -> String {
    Uuid::new_v5(&namespace(), parts.join("/").as_bytes()).to_string()
}

fn midnight(date: Date) -> String {
    format!("{date}T00:00:00Z")
}

fn pick(lang: Lang, text: &crate::catalog::Text) -> &str {
    lang.pick(text)
}

/// A property in Crosswalk's namespace; empty values are left out (OSCAL forbids them).
fn prop(name: &str, value: &str) -> Option<Value> {
    let value = value.trim();
    (!value.is_empty()).then(|| json!({ "name": name, "ns": NS, "value": value }))
}

/// Text for a markup field: trimmed, never empty.
fn markup(text: &str, fallback: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        fallback.to_owned()
    } else {
        text.to_owned()
    }
}

fn status_words(lang: Lang, status: ControlStatus) -> &'static str {
    match (lang, status) {
        (Lang::En, ControlStatus::NotAssessed) => "not assessed",
        (Lang::En, ControlStatus::NotImplemented) => "not implemented",
        (Lang::En, ControlStatus::PartiallyImplemented) => "partially implemented",
        (Lang::En, ControlStatus::Implemented) => "implemented",
        (Lang::En, ControlStatus::NotApplicable) => "not applicable",
        (Lang::De, ControlStatus::NotAssessed) => "nicht bewertet",
        (Lang::De, ControlStatus::NotImplemented) => "nicht umgesetzt",
        (Lang::De, ControlStatus::PartiallyImplemented) => "teilweise umgesetzt",
        (Lang::De, ControlStatus::Implemented) => "umgesetzt",
        (Lang::De, ControlStatus::NotApplicable) => "nicht anwendbar",
    }
}

fn metadata(title: String, today: Date, version: &str, view: &AssessmentView) -> Value {
    let party = id(&[&view.client_id.to_string(), "party"]);
    json!({
        "title": title,
        "last-modified": midnight(today),
        "version": version,
        "oscal-version": OSCAL_VERSION,
        "roles": [{ "id": "assessed-organization", "title": "Assessed organization" }],
        "parties": [{ "uuid": party, "type": "organization", "name": view.client_name.trim() }],
        "responsible-parties": [{ "role-id": "assessed-organization", "party-uuids": [party] }],
    })
}

/// The control's properties: its Crosswalk status, the frameworks in scope it serves, owner and
/// due date.
fn control_props(row: &AssessmentRow) -> Vec<Value> {
    let mut props: Vec<Value> = prop("crosswalk-status", row.status.as_str()).into_iter().collect();
    props.extend(row.frameworks.iter().filter_map(|f| prop("framework", f.as_str())));
    props.extend(prop("owner", &row.owner));
    props.extend(row.due.and_then(|d| prop("due", &d.to_string())));
    props
}

/// An observation of one assessed control: what the consultant recorded (status, notes,
/// evidence references), collected on the assessment date.
fn observation(view: &AssessmentView, date: Date, row: &AssessmentRow, lang: Lang) -> Value {
    let words = status_words(lang, row.status);
    let mut description = format!("{}: {words}.", row.control_id);
    if !row.notes.trim().is_empty() {
        description.push_str(&format!("\n\n{}", row.notes.trim()));
    }
    if row.status == ControlStatus::NotApplicable && !row.justification.trim().is_empty() {
        description.push_str(&format!("\n\n{}", row.justification.trim()));
    }
    let mut observation = json!({
        "uuid": id(&[&view.client_id.to_string(), &date.to_string(), "observation", &row.control_id]),
        "title": format!("{}: {}", row.control_id, pick(lang, &row.title)),
        "description": description,
        "props": control_props(row),
        "methods": ["EXAMINE"],
        "collected": midnight(date),
    });
    let evidence: Vec<Value> =
        row.evidence.iter().map(|e| e.trim()).filter(|e| !e.is_empty()).map(|e| json!({ "description": e })).collect();
    if !evidence.is_empty() {
        observation["relevant-evidence"] = Value::Array(evidence);
    }
    observation
}

/// A finding on one assessed control: satisfied when implemented, not satisfied when not or
/// partly implemented; a control that does not apply is recorded as satisfied for reason
/// `other`, with implementation status `not-applicable` and the justification as remarks.
fn finding(view: &AssessmentView, date: Date, row: &AssessmentRow, lang: Lang) -> Value {
    let (state, reason, implementation) = match row.status {
        ControlStatus::Implemented => ("satisfied", "pass", "implemented"),
        ControlStatus::PartiallyImplemented => ("not-satisfied", "fail", "partial"),
        ControlStatus::NotApplicable => ("satisfied", "other", "not-applicable"),
        _ => ("not-satisfied", "fail", "planned"),
    };
    let mut target = json!({
        "type": "objective-id",
        "target-id": row.control_id,
        "status": { "state": state, "reason": reason },
        "implementation-status": { "state": implementation },
    });
    if row.status == ControlStatus::NotApplicable {
        target["status"]["remarks"] = json!(markup(&row.justification, status_words(lang, row.status)));
    }
    let client = view.client_id.to_string();
    json!({
        "uuid": id(&[&client, &date.to_string(), "finding", &row.control_id]),
        "title": format!("{}: {}", row.control_id, pick(lang, &row.title)),
        "description": format!("{}: {}.", row.control_id, status_words(lang, row.status)),
        "props": control_props(row),
        "target": target,
        "related-observations": [{
            "observation-uuid": id(&[&client, &date.to_string(), "observation", &row.control_id])
        }],
    })
}

/// The current assessment of a client as OSCAL Assessment Results.
pub fn assessment_results(view: &AssessmentView, lang: Lang, today: Date) -> Result<Value> {
    let assessment = view.assessment.as_ref().ok_or_else(|| {
        Error::invalid("assessment", format!("{} has no assessment yet; record one first", view.client_name))
    })?;
    if view.rows.is_empty() {
        return Err(Error::invalid("scope", format!("{} has no control in scope", view.client_name)));
    }
    let date = assessment.date;
    let client = view.client_id.to_string();
    let assessed: Vec<&AssessmentRow> = view.rows.iter().filter(|r| r.status != ControlStatus::NotAssessed).collect();
    let plan = id(&[&client, &date.to_string(), "assessment-plan"]);
    let scope: Vec<Value> = view.scope.frameworks.iter().filter_map(|f| prop("framework", f.as_str())).collect();
    let (title, result_title, description, plan_title, plan_text) = match lang {
        Lang::En => (
            format!("Gap assessment of {}", view.client_name.trim()),
            format!("Assessment of {date}"),
            format!(
                "The consultant's gap assessment of {} against the frameworks in scope, recorded per common control in Crosswalk: {} of {} controls assessed.",
                view.client_name.trim(),
                assessed.len(),
                view.rows.len()
            ),
            "Assessment plan",
            "The scope and method of the gap assessment as recorded in Crosswalk; no separate OSCAL assessment plan was exported.",
        ),
        Lang::De => (
            format!("Gap-Analyse von {}", view.client_name.trim()),
            format!("Bewertung vom {date}"),
            format!(
                "Die Gap-Analyse des Beraters für {} gegen die Regelwerke im Geltungsbereich, je gemeinsamer Kontrolle in Crosswalk erfasst: {} von {} Kontrollen bewertet.",
                view.client_name.trim(),
                assessed.len(),
                view.rows.len()
            ),
            "Prüfplan",
            "Geltungsbereich und Vorgehen der Gap-Analyse wie in Crosswalk erfasst; ein eigener OSCAL-Prüfplan wurde nicht exportiert.",
        ),
    };
    let mut result = json!({
        "uuid": id(&[&client, &date.to_string(), "result"]),
        "title": result_title,
        "description": description,
        "start": midnight(date),
        "reviewed-controls": {
            "control-selections": [{
                "include-controls": view.rows.iter().map(|r| json!({ "control-id": r.control_id })).collect::<Vec<_>>()
            }]
        },
    });
    if !scope.is_empty() {
        result["props"] = Value::Array(scope);
    }
    if !assessed.is_empty() {
        result["observations"] = assessed.iter().map(|r| observation(view, date, r, lang)).collect();
        result["findings"] = assessed.iter().map(|r| finding(view, date, r, lang)).collect();
    }
    Ok(json!({
        "assessment-results": {
            "uuid": id(&[&client, &date.to_string(), "assessment-results"]),
            "metadata": metadata(title, today, &date.to_string(), view),
            "import-ap": { "href": format!("#{plan}") },
            "results": [result],
            "back-matter": { "resources": [{ "uuid": plan, "title": plan_title, "description": plan_text }] },
        }
    }))
}

/// The open gaps of a client's current assessment as an OSCAL POA&M: one item per gap, in the
/// analysis's ranking, each with an observation (what was found) and a risk whose remediation
/// carries the agreed due date as a milestone.
pub fn poam(view: &AssessmentView, analysis: &Analysis, lang: Lang, today: Date) -> Result<Value> {
    let assessment = view.assessment.as_ref().ok_or_else(|| {
        Error::invalid("assessment", format!("{} has no assessment yet; record one first", view.client_name))
    })?;
    if analysis.gaps.is_empty() {
        return Err(Error::invalid("gaps", format!("{} has no open gap: there is nothing to plan", view.client_name)));
    }
    let date = assessment.date;
    let client = view.client_id.to_string();
    let rows: std::collections::HashMap<&str, &AssessmentRow> =
        view.rows.iter().map(|r| (r.control_id.as_str(), r)).collect();
    let key = |kind: &str, gap: &GapItem| id(&[&client, &date.to_string(), kind, &gap.control_id]);
    let mut observations = Vec::new();
    let mut risks = Vec::new();
    let mut items = Vec::new();
    for gap in &analysis.gaps {
        let title = format!("{}: {}", gap.control_id, pick(lang, &gap.title));
        let row = rows.get(gap.control_id.as_str());
        let mut props: Vec<Value> =
            vec![prop("rank", &gap.rank.to_string()), prop("crosswalk-status", gap.status.as_str())]
                .into_iter()
                .flatten()
                .collect();
        props.extend(gap.frameworks.iter().filter_map(|f| prop("framework", f.as_str())));
        props.extend(prop("owner", &gap.owner));
        props.extend(prop("remaining-person-days", &format!("{}", gap.remaining_days)));
        let found = match lang {
            Lang::En => format!("{} is {}.", gap.control_id, status_words(lang, gap.status)),
            Lang::De => format!("{} ist {}.", gap.control_id, status_words(lang, gap.status)),
        };
        let mut observation = json!({
            "uuid": key("observation", gap),
            "title": title,
            "description": match row.map(|r| r.notes.trim()).filter(|n| !n.is_empty()) {
                Some(notes) => format!("{found}\n\n{notes}"),
                None => found.clone(),
            },
            "methods": ["EXAMINE"],
            "collected": midnight(date),
        });
        let evidence: Vec<Value> = row
            .map(|r| {
                r.evidence
                    .iter()
                    .map(|e| e.trim())
                    .filter(|e| !e.is_empty())
                    .map(|e| json!({ "description": e }))
                    .collect()
            })
            .unwrap_or_default();
        if !evidence.is_empty() {
            observation["relevant-evidence"] = Value::Array(evidence);
        }
        observations.push(observation);

        let (statement, plan_title, plan_text, milestone) = match lang {
            Lang::En => (
                format!(
                    "Until {} is implemented, the requirements it serves in {} are not met.",
                    gap.control_id,
                    frameworks_text(gap)
                ),
                format!("Implement {}", gap.control_id),
                format!("Close the gap on {}: about {} person-days remain.", gap.control_id, gap.remaining_days),
                "Due date agreed with the client",
            ),
            Lang::De => (
                format!(
                    "Solange {} nicht umgesetzt ist, sind die Anforderungen, denen es in {} dient, nicht erfüllt.",
                    gap.control_id,
                    frameworks_text(gap)
                ),
                format!("{} umsetzen", gap.control_id),
                format!(
                    "Die Lücke bei {} schließen: etwa {} Personentage verbleiben.",
                    gap.control_id, gap.remaining_days
                ),
                "Mit dem Mandanten vereinbarter Termin",
            ),
        };
        let mut remediation = json!({
            "uuid": key("remediation", gap),
            "lifecycle": "planned",
            "title": plan_title,
            "description": plan_text,
        });
        let mut risk = json!({
            "uuid": key("risk", gap),
            "title": title,
            "description": found,
            "statement": statement,
            "status": "open",
            "related-observations": [{ "observation-uuid": key("observation", gap) }],
        });
        if let Some(due) = gap.due {
            remediation["tasks"] = json!([{
                "uuid": key("milestone", gap),
                "type": "milestone",
                "title": milestone,
                "timing": { "on-date": { "date": midnight(due) } },
            }]);
            risk["deadline"] = json!(midnight(due));
        }
        risk["remediations"] = json!([remediation]);
        risks.push(risk);
        items.push(json!({
            "uuid": key("poam-item", gap),
            "title": title,
            "description": plan_text,
            "props": props,
            "related-observations": [{ "observation-uuid": key("observation", gap) }],
            "related-risks": [{ "risk-uuid": key("risk", gap) }],
        }));
    }
    let title = match lang {
        Lang::En => format!("Plan of action and milestones: {}", view.client_name.trim()),
        Lang::De => format!("Maßnahmenplan: {}", view.client_name.trim()),
    };
    Ok(json!({
        "plan-of-action-and-milestones": {
            "uuid": id(&[&client, &date.to_string(), "poam"]),
            "metadata": metadata(title, today, &date.to_string(), view),
            "system-id": { "identifier-type": "https://ietf.org/rfc/rfc4122", "id": client },
            "observations": observations,
            "risks": risks,
            "poam-items": items,
        }
    }))
}

fn frameworks_text(gap: &GapItem) -> String {
    let names: Vec<&str> = gap.frameworks.iter().map(|f| f.display_name()).collect();
    if names.is_empty() {
        "the frameworks in scope".into()
    } else {
        names.join(", ")
    }
}

impl Views<'_> {
    /// A client's current assessment as OSCAL JSON (pretty-printed, with a final newline).
    pub fn oscal(&self, client: ClientId, model: OscalModel, lang: Lang, today: Date) -> Result<Vec<u8>> {
        let view = self.assessment(client, today)?;
        let value = match model {
            OscalModel::AssessmentResults => assessment_results(&view, lang, today)?,
            OscalModel::Poam => {
                let analysis = self.analysis(client, &AnalysisSettings::new(today))?;
                poam(&view, &analysis, lang, today)?
            }
        };
        let mut bytes = serde_json::to_vec_pretty(&value).map_err(|e| Error::invalid("oscal", e.to_string()))?;
        bytes.push(b'\n');
        Ok(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_stable_version_5_and_distinct() {
        let a = id(&["client", "2026-11-29", "finding", "CW-ACC-03"]);
        assert_eq!(a, id(&["client", "2026-11-29", "finding", "CW-ACC-03"]));
        assert_ne!(a, id(&["client", "2026-11-29", "finding", "CW-ACC-04"]));
        assert_ne!(a, id(&["client", "2026-11-30", "finding", "CW-ACC-03"]));
        let parsed: Uuid = a.parse().unwrap();
        assert_eq!(parsed.get_version_num(), 5);
    }

    #[test]
    fn properties_never_carry_empty_values() {
        assert_eq!(prop("owner", "  "), None);
        assert_eq!(prop("owner", " Jana ").unwrap()["value"], "Jana");
        assert_eq!(markup("  ", "fallback"), "fallback");
    }
}
