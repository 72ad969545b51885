//! Requirement by requirement: every assessable requirement of a framework with its derived
//! status and the controls mapped to it, and on top of that the Statement of Applicability of
//! ISO/IEC 27001 and 42001.
//!
//! An Annex A control is not applicable exactly when its requirement status is `not_applicable`
//! (every common control mapped to it was marked not applicable, each with a justification); the
//! justification is then theirs. An applicable one gets a generated justification naming the
//! controls that implement it ("Implemented by CW-..."), those in progress and those still to do.

use rusqlite::params;

use super::context::ClientContext;
use super::status_column;
use crate::assessment::sheet::{self, Lang, SheetFormat};
use crate::assessment::{
    ControlStatus, CoveringControl, RequirementRow, RequirementStatus, ScopeFramework, Soa, SoaRow,
};
use crate::catalog::Text;
use crate::domain::{ClientId, Date};
use crate::store::Views;
use crate::{Error, Result};

/// `?1` the assessment, `?2` the framework, `?3` the scope units (JSON). One row per requirement
/// and mapped control, in the framework's order.
const REQUIREMENTS_SQL: &str = "
WITH units (framework, unit) AS MATERIALIZED (
    SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?3)
),
excluded (framework, requirement_id) AS MATERIALIZED (
    SELECT json_extract(u.value, '$[0]'), e.value FROM json_each(?3) u, json_each(u.value, '$[2]') e
),
in_scope (requirement_id) AS MATERIALIZED (
    SELECT u.requirement_id FROM units s JOIN requirement_units u ON u.framework = s.framework AND u.unit = s.unit
    WHERE u.framework = ?2 AND (u.framework, u.requirement_id) NOT IN (SELECT framework, requirement_id FROM excluded)
),
st (requirement_id, status) AS MATERIALIZED (
    SELECT requirement_id, status FROM requirement_status WHERE assessment_id = ?1 AND framework = ?2
),
sec (requirement_id, section, top_kind) AS MATERIALIZED (
    SELECT top.requirement_id, coalesce(t.ancestor_id, top.ancestor_id), top.ancestor_kind
    FROM requirement_ancestors top
    LEFT JOIN requirement_ancestors t
           ON t.framework = top.framework AND t.requirement_id = top.requirement_id
          AND t.ancestor_depth = 1 AND t.ancestor_assessable = 0
    WHERE top.framework = ?2 AND top.ancestor_depth = 0
)
SELECT r.id, sec.section, sec.top_kind, r.title_en, r.title_de, st.status,
       r.id IN (SELECT requirement_id FROM in_scope),
       m.control_id, c.title_en, c.title_de, m.relationship, coalesce(s.status, 'not_assessed'),
       coalesce(s.justification, '')
FROM requirements r
JOIN sec ON sec.requirement_id = r.id
JOIN st ON st.requirement_id = r.id
LEFT JOIN effective_mappings m ON m.framework = r.framework AND m.requirement_id = r.id
LEFT JOIN all_controls c ON c.id = m.control_id
LEFT JOIN assessment_controls s ON s.assessment_id = ?1 AND s.control_id = m.control_id
WHERE r.framework = ?2 AND r.assessable = 1
ORDER BY r.position, c.custom, c.position, m.control_id";

impl Views<'_> {
    /// Every assessable requirement of a framework with its status on the client's current
    /// assessment, whether it is in scope, and the controls mapped to it.
    pub fn requirement_statuses(
        &self,
        client: ClientId,
        framework: ScopeFramework,
        today: Date,
    ) -> Result<Vec<RequirementRow>> {
        let ctx = self.context(client, today)?;
        Ok(self.requirement_rows_of(&ctx, framework)?.into_iter().map(|(row, _)| row).collect())
    }

    /// The rows with the kind of their top-level entry (`annex`, `clause`, ...).
    fn requirement_rows_of(
        &self,
        ctx: &ClientContext,
        framework: ScopeFramework,
    ) -> Result<Vec<(RequirementRow, String)>> {
        let scope = &ctx.scope;
        let assessment = ctx.assessment.as_ref().map_or(0, |a| a.id);
        let mut stmt = self.store.conn().prepare_cached(REQUIREMENTS_SQL)?;
        let mut rows = stmt.query(params![assessment, framework.as_str(), scope.units_json()])?;
        let mut out: Vec<(RequirementRow, String)> = Vec::new();
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            if out.last().is_none_or(|(last, _)| last.requirement_id != id) {
                let status: String = r.get(5)?;
                let status = RequirementStatus::parse(&status)
                    .ok_or_else(|| Error::Corrupt(format!("requirement status `{status}`")))?;
                out.push((
                    RequirementRow {
                        requirement_id: id,
                        section: r.get(1)?,
                        title: Text { en: r.get(3)?, de: r.get(4)? },
                        in_scope: r.get(6)?,
                        status,
                        controls: Vec::new(),
                    },
                    r.get(2)?,
                ));
            }
            if let (Some(control_id), Some((row, _))) = (r.get::<_, Option<String>>(7)?, out.last_mut()) {
                row.controls.push(CoveringControl {
                    control_id,
                    title: Text { en: r.get(8)?, de: r.get(9)? },
                    relationship: r.get(10)?,
                    status: status_column(r, 11)?,
                    justification: r.get(12)?,
                });
            }
        }
        Ok(out)
    }

    /// The Statement of Applicability of `framework` (iso27001 or iso42001) for a client, on its
    /// current assessment.
    pub fn soa(&self, client: ClientId, framework: ScopeFramework, today: Date) -> Result<Soa> {
        Self::soa_framework(framework)?;
        self.soa_of(&self.context(client, today)?, framework)
    }

    fn soa_framework(framework: ScopeFramework) -> Result<()> {
        if !ScopeFramework::WITH_SOA.contains(&framework) {
            return Err(Error::invalid(
                "framework",
                format!("a Statement of Applicability exists for iso27001 and iso42001, not {framework}"),
            ));
        }
        Ok(())
    }

    /// [`Views::soa`] in a request's context.
    pub fn soa_of(&self, ctx: &ClientContext, framework: ScopeFramework) -> Result<Soa> {
        Self::soa_framework(framework)?;
        let (c, scope, assessment) = (&ctx.client, &ctx.scope, ctx.assessment.clone());
        let framework_name: String =
            self.store
                .conn()
                .query_row("SELECT name FROM frameworks WHERE id = ?1", [framework.as_str()], |r| r.get(0))?;
        let rows = self
            .requirement_rows_of(ctx, framework)?
            .into_iter()
            .filter(|(_, top_kind)| top_kind == "annex")
            .map(|(row, _)| SoaRow {
                justification: justification(&row),
                applicable: row.status != RequirementStatus::NotApplicable,
                requirement_id: row.requirement_id,
                theme: row.section,
                title: row.title,
                status: row.status,
                controls: row.controls,
            })
            .collect();
        Ok(Soa {
            client_id: c.id,
            client_name: c.profile.name.clone(),
            framework,
            framework_name,
            in_scope: scope.contains(framework),
            assessment,
            rows,
        })
    }

    /// The Statement of Applicability as a spreadsheet, texts in `lang`.
    pub fn export_soa(
        &self,
        client: ClientId,
        framework: ScopeFramework,
        format: SheetFormat,
        lang: Lang,
        today: Date,
    ) -> Result<Vec<u8>> {
        let soa = self.soa(client, framework, today)?;
        let date = soa.assessment.as_ref().map_or(today, |a| a.date);
        sheet::write_sheet(&sheet::soa_sheet(&soa, lang), format, "Statement of Applicability", date)
    }
}

/// Why an Annex A control is excluded (the consultant's justifications), or how it is addressed.
fn justification(row: &RequirementRow) -> Text {
    let reasons: Vec<String> = row
        .controls
        .iter()
        .filter(|c| c.status == ControlStatus::NotApplicable)
        .map(|c| format!("{}: {}", c.control_id, c.justification.trim_end_matches('.')))
        .collect();
    if row.status == RequirementStatus::NotApplicable {
        let text = reasons.iter().map(|r| format!("{r}.")).collect::<Vec<_>>().join(" ");
        return Text::new(text.clone(), text);
    }
    let ids = |status: &[ControlStatus]| -> String {
        row.controls
            .iter()
            .filter(|c| status.contains(&c.status))
            .map(|c| c.control_id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (mut en, mut de) = (Vec::new(), Vec::new());
    let done = ids(&[ControlStatus::Implemented]);
    if !done.is_empty() {
        en.push(format!("Implemented by {done}."));
        de.push(format!("Umgesetzt durch {done}."));
    }
    let partly = ids(&[ControlStatus::PartiallyImplemented]);
    if !partly.is_empty() {
        en.push(format!("Partially implemented by {partly}."));
        de.push(format!("Teilweise umgesetzt durch {partly}."));
    }
    let open = ids(&[ControlStatus::NotImplemented, ControlStatus::NotAssessed]);
    if !open.is_empty() {
        en.push(format!("To be implemented by {open}."));
        de.push(format!("Umzusetzen durch {open}."));
    }
    for reason in &reasons {
        en.push(format!("Not applicable: {reason}."));
        de.push(format!("Nicht anwendbar: {reason}."));
    }
    Text::new(en.join(" "), de.join(" "))
}
