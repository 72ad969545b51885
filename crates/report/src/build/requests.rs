//! The appendix of evidence requests: what the client is asked to provide, grouped by the person
//! responsible (unassigned last), requests awaiting the client first. No appendix when the client
//! has no requests.

use super::{framework_short, short_date_or_dash, ReportInputs, DASH};
use crate::i18n::{t, tf, S};
use crate::model::{
    Align, Block, Cell, Column, Lang, RequestEntry, RequestStatus, Row, Section, SectionId, Table, TextStyle, Tone,
};

/// The order within an owner's table: awaiting the client (open, then rejected), then provided,
/// then accepted; then by due date (none last) and number.
fn rank(status: RequestStatus) -> u8 {
    match status {
        RequestStatus::Open => 0,
        RequestStatus::Rejected => 1,
        RequestStatus::Provided => 2,
        RequestStatus::Accepted => 3,
    }
}

fn status_tone(r: &RequestEntry) -> Tone {
    match r.status {
        _ if r.overdue => Tone::Bad,
        RequestStatus::Open => Tone::Warn,
        RequestStatus::Rejected => Tone::Bad,
        RequestStatus::Provided => Tone::Brand,
        RequestStatus::Accepted => Tone::Good,
    }
}

fn requirements(lang: Lang, r: &RequestEntry) -> String {
    if r.requirements.is_empty() {
        return DASH.to_owned();
    }
    r.requirements
        .iter()
        .map(|(framework, ids)| format!("{}: {}", framework_short(lang, framework), ids.join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}

pub(super) fn section(inputs: &ReportInputs<'_>) -> Option<Section> {
    let lang = inputs.lang;
    let requests = &inputs.analysis.requests;
    if requests.is_empty() {
        return None;
    }
    let count = |f: &dyn Fn(&RequestEntry) -> bool| requests.iter().filter(|r| f(r)).count().to_string();
    let mut blocks = vec![
        Block::Paragraph { text: t(lang, S::RequestsLead).into(), style: TextStyle::Lead },
        Block::Paragraph {
            text: tf(
                lang,
                S::RequestsCounts,
                &[
                    &requests.len().to_string(),
                    &count(&|r| r.status.awaits_client()),
                    &count(&|r| r.overdue),
                    &count(&|r| r.status == RequestStatus::Provided),
                    &count(&|r| r.status == RequestStatus::Accepted),
                ],
            ),
            style: TextStyle::Body,
        },
    ];
    let mut owners: Vec<&str> = Vec::new();
    for r in requests {
        if !owners.iter().any(|o| o.to_lowercase() == r.owner.to_lowercase()) {
            owners.push(&r.owner);
        }
    }
    owners.sort_by_key(|o| (o.is_empty(), o.to_lowercase()));
    for owner in owners {
        let mut list: Vec<&RequestEntry> =
            requests.iter().filter(|r| r.owner.to_lowercase() == owner.to_lowercase()).collect();
        list.sort_by_key(|r| (rank(r.status), r.due.is_none(), r.due, r.id));
        let heading = if owner.is_empty() { t(lang, S::UnassignedOwner).to_owned() } else { owner.to_owned() };
        blocks.push(Block::Heading { level: 2, text: heading });
        let rows = list
            .iter()
            .map(|r| {
                let mut what = r.what.clone();
                if !r.response_note.is_empty() {
                    what.push_str(&format!(" ({}: {})", t(lang, S::ResponseLabel), r.response_note));
                }
                let mut status = lang.pick(&r.status.label()).to_owned();
                if r.overdue {
                    status.push_str(&format!(", {}", t(lang, S::OverdueWord)));
                }
                Row::new(vec![
                    Cell::text(r.id.to_string()),
                    Cell::bold(&r.control_id),
                    Cell::text(what),
                    Cell::text(requirements(lang, r)),
                    Cell::text(short_date_or_dash(lang, r.due)),
                    Cell::toned(status, status_tone(r)),
                ])
            })
            .collect();
        blocks.push(Block::Table(Table {
            columns: vec![
                Column { header: t(lang, S::RankColumn).into(), weight: 0.45, align: Align::Right },
                Column { header: t(lang, S::ControlColumn).into(), weight: 0.95, align: Align::Left },
                Column { header: t(lang, S::WhatColumn).into(), weight: 3.2, align: Align::Left },
                Column { header: t(lang, S::RequirementsColumn).into(), weight: 2.0, align: Align::Left },
                Column { header: t(lang, S::DueColumn).into(), weight: 0.95, align: Align::Left },
                Column { header: t(lang, S::StatusColumn).into(), weight: 1.1, align: Align::Left },
            ],
            rows,
            dense: true,
        }));
    }
    Some(Section {
        id: SectionId::EvidenceRequests,
        title: t(lang, S::SecEvidenceRequests).into(),
        new_page: true,
        blocks,
    })
}
