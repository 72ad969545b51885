//! A provisional [`AnalysisInput`], derived from the catalogue alone, until the core's analysis
//! module (control statuses recorded per client) lands and fills it for real.
//!
//! [`not_assessed`] is what a report for a real client uses meanwhile: every control "not
//! assessed", so readiness reads 0 % and the action list shows the whole task. [`demo_mix`]
//! gives a deterministic spread of statuses for tests, benchmarks and demonstrations.

use crosswalk_core::assessment::ScopeFramework;
use crosswalk_core::catalog::{Catalog, Control, EU_AI_ACT};
use crosswalk_core::recommend::{scope_of, Need, Recommendation, Roadmap};

use crate::model::{
    readiness_percent, ActionItem, AnalysisInput, ControlStatus, DomainReadiness, FrameworkReadiness, MatrixRow, Soa,
    SoaRow, StatusCounts,
};

/// How many gaps the action list shows.
pub const TOP_GAPS: usize = 25;

/// The framework columns of the control matrix, in report order.
pub const MATRIX_FRAMEWORKS: [&str; 4] = ["iso27001", "soc2", "iso42001", EU_AI_ACT];

/// Every control not assessed yet: the honest input before an assessment exists.
pub fn not_assessed(catalog: &Catalog, rec: &Recommendation, roadmap: &Roadmap) -> AnalysisInput {
    derive(catalog, rec, roadmap, |_| ControlStatus::NotAssessed)
}

/// A deterministic mix of statuses (the same control always gets the same status), with the
/// controls of a framework the client already holds mostly implemented.
pub fn demo_mix(catalog: &Catalog, rec: &Recommendation, roadmap: &Roadmap) -> AnalysisInput {
    let held: Vec<&str> = rec
        .frameworks
        .iter()
        .filter(|v| v.held.as_ref().is_some_and(|h| h.current))
        .map(|v| v.framework.as_str())
        .collect();
    derive(catalog, rec, roadmap, |control| {
        let roll = fnv(&control.id) % 20;
        let serves_held =
            catalog.mappings.iter().any(|m| m.control_id == control.id && held.contains(&m.framework.as_str()));
        match roll {
            _ if serves_held => {
                if roll < 2 {
                    ControlStatus::PartiallyImplemented
                } else {
                    ControlStatus::Implemented
                }
            }
            0 if control.domain == "physical" => ControlStatus::NotApplicable,
            0..=6 => ControlStatus::Implemented,
            7..=10 => ControlStatus::PartiallyImplemented,
            11..=17 => ControlStatus::NotImplemented,
            _ => ControlStatus::NotAssessed,
        }
    })
}

fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// The requirements in scope for each framework, by catalogue id.
fn scope(catalog: &Catalog, rec: &Recommendation) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let held = |f: ScopeFramework| rec.frameworks.iter().any(|v| v.framework == f && v.held.is_some());
    let mut frameworks = scope_of(rec);
    for key in [ScopeFramework::Iso27001, ScopeFramework::Soc2, ScopeFramework::Iso42001] {
        if held(key) && !frameworks.iter().any(|(k, _)| *k == key) {
            frameworks.push((key, Vec::new()));
        }
    }
    frameworks.sort_by_key(|(k, _)| {
        MATRIX_FRAMEWORKS.iter().position(|f| *f == k.as_str()).unwrap_or(MATRIX_FRAMEWORKS.len())
    });
    let owed = |key: ScopeFramework, id: &str| {
        rec.frameworks.iter().filter(|v| v.framework == key).any(|v| {
            v.obligations.iter().any(|o| o.requirement_id == id)
                || v.questions.iter().any(|q| q.requirement_ids.iter().any(|r| r == id))
        })
    };
    for (key, categories) in frameworks {
        let Some(framework) = catalog.framework(key.as_str()) else { continue };
        let ids = framework
            .requirements
            .iter()
            .filter(|r| r.assessable)
            .filter(|r| {
                key != ScopeFramework::Soc2
                    || categories.is_empty()
                    || r.soc2_category.is_some_and(|c| categories.contains(&c))
            })
            // The GDPR and NIS2: only what the client owes, or what an open question may bring.
            .filter(|r| !matches!(key, ScopeFramework::Gdpr | ScopeFramework::Nis2) || owed(key, &r.id))
            .map(|r| r.id.clone())
            .collect();
        out.push((key.as_str().to_owned(), ids));
    }
    let mut obligations: Vec<String> = rec
        .ai_act
        .iter()
        .filter(|s| s.need >= Need::Recommended)
        .flat_map(|s| s.obligations.iter().map(|o| o.requirement_id.clone()))
        .collect();
    obligations.sort();
    obligations.dedup();
    if !obligations.is_empty() {
        out.push((EU_AI_ACT.to_owned(), obligations));
    }
    out
}

/// The status a set of control statuses gives a requirement or an Annex A control.
fn combined(statuses: &[ControlStatus]) -> ControlStatus {
    let relevant: Vec<ControlStatus> =
        statuses.iter().copied().filter(|s| *s != ControlStatus::NotApplicable).collect();
    if statuses.is_empty() {
        ControlStatus::NotAssessed
    } else if relevant.is_empty() {
        ControlStatus::NotApplicable
    } else if relevant.iter().all(|s| *s == ControlStatus::Implemented) {
        ControlStatus::Implemented
    } else if relevant.iter().any(|s| matches!(s, ControlStatus::Implemented | ControlStatus::PartiallyImplemented)) {
        ControlStatus::PartiallyImplemented
    } else if relevant.iter().all(|s| *s == ControlStatus::NotAssessed) {
        ControlStatus::NotAssessed
    } else {
        ControlStatus::NotImplemented
    }
}

fn count(counts: &mut StatusCounts, status: ControlStatus) {
    match status {
        ControlStatus::Implemented => counts.met += 1,
        ControlStatus::PartiallyImplemented => counts.partial += 1,
        ControlStatus::NotApplicable => counts.not_applicable += 1,
        ControlStatus::NotImplemented => counts.unmet += 1,
        ControlStatus::NotAssessed => {
            counts.unmet += 1;
            counts.not_assessed += 1;
        }
    }
}

/// The analysis input for control statuses given by `status_of`.
pub fn derive(
    catalog: &Catalog,
    rec: &Recommendation,
    roadmap: &Roadmap,
    status_of: impl Fn(&Control) -> ControlStatus,
) -> AnalysisInput {
    let statuses: Vec<(&Control, ControlStatus)> = catalog.controls.iter().map(|c| (c, status_of(c))).collect();
    let status = |id: &str| statuses.iter().find(|(c, _)| c.id == id).map(|(_, s)| *s);
    let controls_of = |framework: &str, requirement: &str| -> Vec<&str> {
        catalog
            .mappings
            .iter()
            .filter(|m| m.framework == framework && m.requirement_id == requirement)
            .map(|m| m.control_id.as_str())
            .collect()
    };
    let scope = scope(catalog, rec);

    let frameworks = scope
        .iter()
        .map(|(framework, requirements)| {
            let mut counts = StatusCounts::default();
            for requirement in requirements {
                let controls: Vec<ControlStatus> =
                    controls_of(framework, requirement).iter().filter_map(|c| status(c)).collect();
                count(&mut counts, combined(&controls));
            }
            let name = framework
                .starts_with(crosswalk_core::catalog::CUSTOM_FRAMEWORK_PREFIX)
                .then(|| catalog.framework(framework).map(|f| f.name.clone()))
                .flatten();
            FrameworkReadiness { framework_id: framework.clone(), name, counts, percent: readiness_percent(&counts) }
        })
        .collect();

    // The frameworks (in scope) each control serves.
    let serves = |control: &str| -> Vec<String> {
        scope
            .iter()
            .filter(|(framework, requirements)| {
                catalog.mappings.iter().any(|m| {
                    m.control_id == control && &m.framework == framework && requirements.contains(&m.requirement_id)
                })
            })
            .map(|(framework, _)| framework.clone())
            .collect()
    };
    let in_scope: Vec<(&Control, ControlStatus, Vec<String>)> =
        statuses.iter().map(|(c, s)| (*c, *s, serves(&c.id))).filter(|(_, _, f)| !f.is_empty()).collect();

    let domains = catalog
        .domains
        .iter()
        .filter_map(|domain| {
            let mut counts = StatusCounts::default();
            for (_, s, _) in in_scope.iter().filter(|(c, _, _)| c.domain == domain.id) {
                count(&mut counts, *s);
            }
            (counts.applicable() + counts.not_applicable > 0).then(|| DomainReadiness {
                domain_id: domain.id.clone(),
                counts,
                percent: readiness_percent(&counts),
            })
        })
        .collect();

    let first = roadmap.order.first().map(|f| f.as_str());
    let due_of = |frameworks: &[String]| {
        roadmap
            .order
            .iter()
            .filter(|f| frameworks.iter().any(|x| x == f.as_str()))
            .find_map(|f| roadmap.phases.iter().find(|p| p.id == format!("{}-implementation", f.as_str())))
            .map(|p| p.end)
    };
    let mut gaps: Vec<&(&Control, ControlStatus, Vec<String>)> = in_scope
        .iter()
        .filter(|(_, s, _)| !matches!(s, ControlStatus::Implemented | ControlStatus::NotApplicable))
        .collect();
    gaps.sort_by_key(|(c, _, f)| {
        let serves_first = first.is_some_and(|first| f.iter().any(|x| x == first));
        (!serves_first, std::cmp::Reverse(f.len()), c.effort, c.id.clone())
    });
    let actions = gaps
        .iter()
        .take(TOP_GAPS)
        .enumerate()
        .map(|(i, (c, s, f))| ActionItem {
            rank: i as u32 + 1,
            control_id: c.id.clone(),
            status: *s,
            effort: c.effort,
            owner: None,
            due: due_of(f),
            frameworks: f.clone(),
        })
        .collect();

    let soa = ["iso27001", "iso42001"]
        .into_iter()
        .filter(|id| scope.iter().any(|(f, _)| f == id))
        .filter_map(|id| catalog.framework(id))
        .map(|framework| Soa {
            framework_id: framework.id.clone(),
            rows: framework
                .requirements
                .iter()
                .filter(|r| r.assessable && r.id.starts_with("A."))
                .map(|r| {
                    let implemented_by: Vec<String> =
                        controls_of(&framework.id, &r.id).into_iter().map(str::to_owned).collect();
                    let s: Vec<ControlStatus> = implemented_by.iter().filter_map(|c| status(c)).collect();
                    let status = combined(&s);
                    SoaRow {
                        requirement_id: r.id.clone(),
                        applicable: status != ControlStatus::NotApplicable,
                        justification: None,
                        status,
                        implemented_by,
                    }
                })
                .collect(),
        })
        .collect();

    let matrix = statuses
        .iter()
        .map(|(c, s)| MatrixRow {
            control_id: c.id.clone(),
            cells: MATRIX_FRAMEWORKS
                .iter()
                .map(|f| {
                    let maps = catalog.mappings.iter().any(|m| m.control_id == c.id && m.framework == *f);
                    ((*f).to_owned(), maps.then_some(*s))
                })
                .collect(),
        })
        .collect();

    AnalysisInput {
        frameworks,
        domains,
        shared_work: None,
        actions,
        soa,
        matrix,
        subservice: Vec::new(),
        requests: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combines_control_statuses_into_a_requirement_status() {
        use ControlStatus::*;
        assert_eq!(combined(&[]), NotAssessed);
        assert_eq!(combined(&[NotApplicable, NotApplicable]), NotApplicable);
        assert_eq!(combined(&[Implemented, NotApplicable]), Implemented);
        assert_eq!(combined(&[Implemented, NotImplemented]), PartiallyImplemented);
        assert_eq!(combined(&[NotAssessed, NotAssessed]), NotAssessed);
        assert_eq!(combined(&[NotAssessed, NotImplemented]), NotImplemented);
    }
}
