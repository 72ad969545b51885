//! The demo portfolio: fictional clients spanning the article's cases, shipped as data in
//! `assets/demo/portfolio.json`, with their assessments generated from the rules in
//! `assets/demo/assessments.toml`. One client (Nordlicht Logistik) also gets a few small evidence
//! files, generated here: a policy in Markdown, a tiny PNG and an old CSV that shows as stale, and
//! a few evidence requests generated from its top gaps, so its reports show that appendix.

use serde::Deserialize;

use crate::assessment::sheet::SheetRow;
use crate::assessment::AssessmentStart;
use crate::assessment::{AssessmentRow, ScopeFramework, ScopeInput};
use crate::domain::{ClientId, ClientProfile, Date};
use crate::store::Store;
use crate::{Error, Result};

const PORTFOLIO: &str = include_str!("../../../assets/demo/portfolio.json");
const ASSESSMENTS: &str = include_str!("../../../assets/demo/assessments.toml");

#[derive(Deserialize)]
struct DemoFile {
    clients: Vec<DemoClient>,
}

#[derive(Deserialize)]
struct DemoClient {
    id: ClientId,
    profile: ClientProfile,
}

/// What loading the demo did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct DemoOutcome {
    /// Clients added now.
    pub added: u32,
    /// Demo clients that were already there (left as they are).
    pub present: u32,
}

/// The demo clients, validated.
pub fn demo_clients() -> Result<Vec<(ClientId, crate::domain::ValidProfile)>> {
    let file: DemoFile =
        serde_json::from_str(PORTFOLIO).map_err(|e| Error::Corrupt(format!("the bundled demo portfolio: {e}")))?;
    file.clients
        .into_iter()
        .map(|c| {
            let name = c.profile.name.clone();
            c.profile.validate().map(|p| (c.id, p)).map_err(|e| Error::Corrupt(format!("demo client {name}: {e}")))
        })
        .collect()
}

/// Adds the demo clients that are not in the portfolio yet, and the demo assessments of those
/// demo clients that have none; running it twice adds nothing.
pub fn load_demo(store: &mut Store) -> Result<DemoOutcome> {
    let mut outcome = DemoOutcome { added: 0, present: 0 };
    for (id, profile) in demo_clients()? {
        match store.clients().get(id) {
            Ok(_) => outcome.present += 1,
            Err(Error::ClientNotFound(_)) => {
                store.clients().create_with_id(id, &profile)?;
                outcome.added += 1;
            }
            Err(e) => return Err(e),
        }
    }
    for client in demo_assessments()? {
        if store.assessments().list(client.id)?.is_empty() {
            load_assessments(store, &client)?;
            if client.id.to_string() == EVIDENCE_CLIENT {
                load_evidence(store, client.id)?;
                load_requests(store, client.id)?;
            }
        }
    }
    Ok(outcome)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AssessmentsFile {
    client: Vec<DemoAssessments>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoAssessments {
    id: ClientId,
    #[serde(default)]
    scope: Option<ScopeInput>,
    assessment: Vec<DemoAssessment>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoAssessment {
    date: Date,
    rules: Vec<Rule>,
    #[serde(default)]
    control: Vec<DemoControl>,
}

/// Which controls a rule matches, and the shares of them per status (the rest: not assessed).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Rule {
    #[serde(default)]
    serves: Vec<ScopeFramework>,
    #[serde(default)]
    domains: Vec<String>,
    implemented: f64,
    partially_implemented: f64,
    not_implemented: f64,
}

impl Rule {
    fn matches(&self, row: &AssessmentRow) -> bool {
        (self.serves.is_empty() || self.serves.iter().any(|f| row.frameworks.contains(f)))
            && (self.domains.is_empty() || self.domains.contains(&row.domain))
    }

    /// The status of a control whose hash share is `u` (0 to 1).
    fn status(&self, u: f64) -> &'static str {
        if u < self.implemented {
            "implemented"
        } else if u < self.implemented + self.partially_implemented {
            "partially_implemented"
        } else if u < self.implemented + self.partially_implemented + self.not_implemented {
            "not_implemented"
        } else {
            "not_assessed"
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoControl {
    id: String,
    status: String,
    #[serde(default)]
    owner: String,
    #[serde(default)]
    due: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    evidence: Vec<String>,
    #[serde(default)]
    justification: String,
}

fn demo_assessments() -> Result<Vec<DemoAssessments>> {
    let file: AssessmentsFile =
        toml::from_str(ASSESSMENTS).map_err(|e| Error::Corrupt(format!("the bundled demo assessments: {e}")))?;
    Ok(file.client)
}

/// A stable share in [0, 1) for a client and a control: FNV-1a 64 of both ids, mixed by the
/// splitmix64 finaliser so that ids differing in one digit land far apart.
fn share(client: ClientId, control: &str) -> f64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in format!("{client}:{control}").bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash = (hash ^ (hash >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    hash = (hash ^ (hash >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    hash ^= hash >> 31;
    (hash >> 11) as f64 / (1u64 << 53) as f64
}

/// Creates a demo client's assessments, oldest first, each through the ordinary import.
fn load_assessments(store: &mut Store, client: &DemoAssessments) -> Result<()> {
    let Some(first) = client.assessment.first() else { return Ok(()) };
    if let Some(scope) = &client.scope {
        store.scopes().set(client.id, scope, first.date)?;
    }
    for assessment in &client.assessment {
        store.assessments().start(client.id, assessment.date, AssessmentStart::Empty, assessment.date)?;
        let view = store.views().assessment(client.id, assessment.date)?;
        let mut rows: Vec<SheetRow> = Vec::new();
        for row in &view.rows {
            let status = assessment
                .rules
                .iter()
                .find(|rule| rule.matches(row))
                .map_or("not_assessed", |rule| rule.status(share(client.id, &row.control_id)));
            if status != "not_assessed" {
                rows.push(sheet_row(rows.len(), &row.control_id, status));
            }
        }
        for c in &assessment.control {
            rows.retain(|r| !r.control_id.eq_ignore_ascii_case(&c.id));
            let mut row = sheet_row(rows.len(), &c.id, &c.status);
            row.owner = Some(c.owner.clone());
            row.due = Some(c.due.clone());
            row.notes = Some(c.notes.clone());
            row.evidence = Some(c.evidence.clone());
            row.justification = Some(c.justification.clone());
            rows.push(row);
        }
        if !rows.is_empty() {
            store.assessments().import_rows(client.id, &rows, assessment.date)?;
        }
    }
    Ok(())
}

/// The demo client that gets evidence files (Nordlicht Logistik AG).
const EVIDENCE_CLIENT: &str = "972a8469-1641-4f82-8b9d-2434e465e150";

const POLICY: &str = "# Access control policy (demo)\n\n\
Fictional text for the Crosswalk demo.\n\n\
1. Every account belongs to one named person; shared accounts are not allowed.\n\
2. Access is granted on request of the line manager and approved by the system owner.\n\
3. Access rights are reviewed every six months; leavers lose access on their last day.\n\
4. Administrator access needs a second factor.\n";

const RECOVERY_TEST: &str = "system,tested_on,result,restore_minutes\n\
dispatch-db,2025-06-12,passed,42\n\
warehouse-app,2025-06-19,passed,65\n\
payroll,2025-06-26,failed,\n";

/// Attaches the demo evidence to the client's current assessment: a policy (on two controls: one
/// file, stored once), a screenshot, and a recovery test old enough to be flagged stale.
fn load_evidence(store: &mut Store, client: ClientId) -> Result<()> {
    use crate::evidence::{EvidenceMeta, NewEvidenceFile};
    let Some(current) = store.assessments().current(client)? else { return Ok(()) };
    let date = |text: &str| text.parse::<Date>().map_err(|e| Error::Corrupt(format!("a demo date: {e}")));
    let policy = NewEvidenceFile { file_name: "access-control-policy.md".into(), bytes: POLICY.as_bytes().to_vec() };
    let items: [(&str, NewEvidenceFile, &str, &str, &str); 4] = [
        ("CW-ACC-01", policy.clone(), "Stefan Krüger (CISO)", "2026-10-02", "Approved by the board on 2026-09-28."),
        ("CW-OPS-01", policy, "Stefan Krüger (CISO)", "2026-10-02", "Section 2 is the joiner procedure."),
        (
            "CW-ACC-05",
            NewEvidenceFile { file_name: "mfa-enforcement.png".into(), bytes: tiny_png() },
            "IT service desk",
            "2026-11-10",
            "Screenshot of the identity provider's sign-in policy.",
        ),
        (
            "CW-BCM-01",
            NewEvidenceFile { file_name: "recovery-test-2025.csv".into(), bytes: RECOVERY_TEST.as_bytes().to_vec() },
            "Operations",
            "2025-06-30",
            "Last year's restore test; payroll failed.",
        ),
    ];
    for (control, file, by, on, note) in items {
        let meta = EvidenceMeta { provided_by: by.into(), provided_on: Some(date(on)?), note: note.into() };
        store.evidence().add(client, control, &[file], &meta, current.date)?;
    }
    Ok(())
}

/// Evidence requests for the top five gaps of the client's current assessment (not or partially
/// implemented), due a month after it; one provided and one rejected, each with the client's
/// response.
fn load_requests(store: &mut Store, client: ClientId) -> Result<()> {
    use crate::assessment::{AnalysisSettings, ControlStatus, Lang};
    use crate::requests::{GenerateRequests, RequestEdit};
    let Some(current) = store.assessments().current(client)? else { return Ok(()) };
    let day = current.date;
    let only: Vec<String> = store
        .views()
        .analysis(client, &AnalysisSettings::new(day))?
        .gaps
        .into_iter()
        .filter(|g| g.status != ControlStatus::NotAssessed)
        .take(5)
        .map(|g| g.control_id)
        .collect();
    let options = GenerateRequests { due: Some(day.plus_days(30)), lang: Lang::En, without_evidence: false, only };
    let created = store.requests().generate(client, &options, day)?.created;
    let answers = [
        (1, "provided", "IT service desk", "Sent the current register by e-mail; please check."),
        (2, "rejected", "Operations", "The plan sent is a draft; the approved version is still needed."),
    ];
    for (index, status, owner, note) in answers {
        let Some(request) = created.get(index) else { continue };
        let edit = RequestEdit {
            status: Some(status.into()),
            response_note: Some(note.into()),
            owner: request.owner.is_empty().then(|| owner.to_owned()),
            ..Default::default()
        };
        store.requests().set(client, request.id, &edit, day)?;
    }
    Ok(())
}

/// A valid 8 x 8 PNG (a blue square with a white check mark), built here: the chunks, an
/// uncompressed zlib stream, CRC-32 and Adler-32.
fn tiny_png() -> Vec<u8> {
    const SIZE: usize = 8;
    let mut raw = Vec::with_capacity(SIZE * (1 + SIZE * 3));
    for y in 0..SIZE {
        raw.push(0); // filter: none
        for x in 0..SIZE {
            let check = (y == 4 && x == 2) || (y == 5 && x == 3) || (y + x == 8 && (3..=6).contains(&y));
            raw.extend_from_slice(if check { &[255, 255, 255] } else { &[31, 58, 95] });
        }
    }
    let mut zlib = vec![0x78, 0x01, 0x01];
    let len = raw.len() as u16;
    zlib.extend_from_slice(&len.to_le_bytes());
    zlib.extend_from_slice(&(!len).to_le_bytes());
    zlib.extend_from_slice(&raw);
    let (mut a, mut b) = (1u32, 0u32);
    for byte in &raw {
        a = (a + u32::from(*byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    zlib.extend_from_slice(&((b << 16) | a).to_be_bytes());
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&(SIZE as u32).to_be_bytes());
    ihdr.extend_from_slice(&(SIZE as u32).to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]); // 8 bits, RGB, deflate, no filter, no interlace
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [(&b"IHDR"[..], &ihdr[..]), (b"IDAT", &zlib), (b"IEND", &[])] {
        png.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let start = png.len();
        png.extend_from_slice(kind);
        png.extend_from_slice(data);
        let crc = crc32(&png[start..]);
        png.extend_from_slice(&crc.to_be_bytes());
    }
    png
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn sheet_row(index: usize, control: &str, status: &str) -> SheetRow {
    SheetRow {
        row: index as u32 + 2,
        control_id: control.to_owned(),
        status: status.to_owned(),
        owner: None,
        due: None,
        evidence: None,
        notes: None,
        justification: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AiRisk, Certification, Market, Offering, Soc2Type};

    #[test]
    fn demo_is_valid_and_idempotent() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(load_demo(&mut store).unwrap(), DemoOutcome { added: 14, present: 0 });
        assert_eq!(load_demo(&mut store).unwrap(), DemoOutcome { added: 0, present: 14 });
        assert_eq!(store.clients().count().unwrap(), 14);
    }

    #[test]
    fn one_demo_client_has_evidence_and_one_file_is_stale() {
        let mut store = Store::open_in_memory().unwrap();
        load_demo(&mut store).unwrap();
        let id: ClientId = EVIDENCE_CLIENT.parse().unwrap();
        let list = store.evidence().list(id, None, crate::store::EvidenceShown::All).unwrap();
        let summary: Vec<(&str, &str, bool)> =
            list.links.iter().map(|l| (l.control_id.as_str(), l.media_type.as_str(), l.stale)).collect();
        assert_eq!(
            summary,
            [
                ("CW-ACC-01", "text/markdown", false),
                ("CW-ACC-05", "image/png", false),
                ("CW-BCM-01", "text/csv", true),
                ("CW-OPS-01", "text/markdown", false)
            ]
        );
        let policy = store.evidence().file(id, &crate::evidence::sha256_hex(POLICY.as_bytes())).unwrap();
        assert_eq!(policy.controls.len(), 2, "one file serving two controls");
        // Loading again adds nothing.
        load_demo(&mut store).unwrap();
        assert_eq!(store.evidence().list(id, None, crate::store::EvidenceShown::All).unwrap().links.len(), 4);
    }

    #[test]
    fn the_evidence_client_has_a_few_requests_and_no_other_client_any() {
        let mut store = Store::open_in_memory().unwrap();
        load_demo(&mut store).unwrap();
        let id: ClientId = EVIDENCE_CLIENT.parse().unwrap();
        let day = store.assessments().current(id).unwrap().unwrap().date;
        let requests = store.requests().list(id, day).unwrap();
        let statuses: Vec<&str> = requests.iter().map(|r| r.status.as_str()).collect();
        assert_eq!(statuses, ["open", "provided", "rejected", "open", "open"]);
        assert!(requests.iter().all(|r| !r.requirements.is_empty() && !r.what.is_empty()));
        assert!(requests.iter().all(|r| r.due.is_some()), "the entry's due date or a month on");
        assert!(requests[2].response_note.contains("draft"));
        for (other, _) in demo_clients().unwrap().into_iter().filter(|(c, _)| *c != id) {
            assert!(store.requests().list(other, day).unwrap().is_empty());
        }
        // Loading again adds nothing; generating again adds nothing.
        load_demo(&mut store).unwrap();
        assert_eq!(store.requests().list(id, day).unwrap().len(), 5);
    }

    #[test]
    fn the_generated_png_is_well_formed() {
        let png = tiny_png();
        assert_eq!(crate::evidence::sniff("x.png", &png).unwrap(), "image/png");
        // The CRC of IEND is fixed by the format.
        assert_eq!(&png[png.len() - 4..], &[0xae, 0x42, 0x60, 0x82]);
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926, "the CRC-32 check value");
        let idat = png.windows(4).position(|w| w == b"IDAT").unwrap();
        let len = u32::from_be_bytes(png[idat - 4..idat].try_into().unwrap()) as usize;
        assert_eq!(len, 2 + 5 + 8 * (1 + 8 * 3) + 4, "header, stored block, rows, Adler-32");
    }

    #[test]
    fn demo_spans_the_article_cases() {
        let clients: Vec<_> = demo_clients().unwrap().into_iter().map(|(_, p)| p.into_inner()).collect();
        let any = |f: &dyn Fn(&ClientProfile) -> bool| clients.iter().any(f);
        assert!(any(&|p| p.markets == [Market::Us]
            && p.ai_systems.is_empty()
            && p.pressures.iter().any(|x| x.deals_blocked)));
        assert!(any(&|p| p.headquarters != "US"
            && p.ai_systems
                .iter()
                .any(|s| s.risk.is_high_risk() && s.roles.contains(&crate::domain::AiRole::Provider))));
        assert!(any(&|p| p.markets.contains(&Market::Us)
            && p.markets.contains(&Market::Eu)
            && p.offerings.contains(&Offering::BuildsAi)));
        assert!(any(&|p| p.certifications.iter().any(|c| matches!(c, Certification::Iso27001 { .. }))));
        assert!(any(&|p| p.employees < 50 && p.offerings == [Offering::DeploysThirdPartyAi]));
        assert!(any(&|p| p
            .certifications
            .iter()
            .any(|c| matches!(c, Certification::Soc2 { report_type: Soc2Type::Type2, .. }))));
        assert!(any(&|p| p.ai_systems.iter().any(|s| matches!(s.risk, AiRisk::Prohibited { .. }))));
    }

    /// The three regulatory cases each have a demo client with every regulatory fact answered:
    /// a NIS2 important entity, a GDPR processor transferring outside the EEA, and a US AI
    /// builder selling to enterprise and public buyers; the MSP has an assessment.
    #[test]
    fn demo_exercises_the_regulatory_facts() {
        use crate::assessment::ScopeFramework;
        use crate::domain::{Fact, GdprRole, Nis2Entity, RegulatoryFacts};
        use crate::recommend::{recommend, Context, Need, Nis2Class};
        let catalog = crate::catalog::shipped().unwrap();
        let today: crate::domain::Date = "2026-11-29".parse().unwrap();
        let clients: Vec<_> = demo_clients().unwrap().into_iter().map(|(_, p)| p.into_inner()).collect();
        let answered = |r: &RegulatoryFacts| {
            let facts = [
                r.eu_establishment,
                r.personal_data,
                r.targets_people_in_eu,
                r.special_category_data,
                r.transfers_outside_eea,
                r.dpo_trigger,
                r.high_risk_processing,
                r.us_enterprise_or_public_buyers,
            ];
            facts.iter().all(|f| *f != Fact::Unknown)
                && r.gdpr_role != GdprRole::Unknown
                && r.nis2_entity.is_some()
                && r.annual_turnover_eur_m.is_some()
                && r.balance_sheet_eur_m.is_some()
        };
        let verdict = |p: &ClientProfile, key: ScopeFramework| {
            recommend(p, &Context { catalog, today }).frameworks.into_iter().find(|v| v.framework == key).unwrap()
        };
        let msp =
            clients.iter().find(|p| p.regulatory.nis2_entity == Some(Nis2Entity::ManagedServiceProvider)).unwrap();
        assert!(answered(&msp.regulatory));
        let nis2 = verdict(msp, ScopeFramework::Nis2);
        assert_eq!((nis2.need, nis2.nis2.unwrap().class), (Need::Required, Nis2Class::Important));

        let processor = clients
            .iter()
            .find(|p| p.regulatory.gdpr_role == GdprRole::Processor && p.regulatory.transfers_outside_eea == Fact::Yes)
            .unwrap();
        assert!(answered(&processor.regulatory));
        let gdpr = verdict(processor, ScopeFramework::Gdpr);
        assert_eq!(gdpr.need, Need::Required);
        assert!(gdpr.obligations.iter().any(|o| o.requirement_id == "Art.28"));
        assert!(gdpr.obligations.iter().any(|o| o.requirement_id == "Art.46"));

        let builder = clients
            .iter()
            .find(|p| p.headquarters == "US" && p.regulatory.us_enterprise_or_public_buyers == Fact::Yes)
            .unwrap();
        assert!(answered(&builder.regulatory) && !builder.markets.contains(&Market::Eu));
        assert_eq!(verdict(builder, ScopeFramework::NistAiRmf).need, Need::Required);
        assert_eq!(verdict(builder, ScopeFramework::Gdpr).need, Need::NotNeeded);

        let assessed = include_str!("../../../assets/demo/assessments.toml");
        let msp_id = demo_clients().unwrap().into_iter().find(|(_, p)| p.get().name == msp.name).unwrap().0;
        assert!(assessed.contains(&msp_id.to_string()), "the MSP has an assessment");
    }

    /// The facts that decide EU AI Act duties each appear in the demo, so every condition is
    /// shown working on the recommendation page and in the reports.
    #[test]
    fn demo_exercises_the_ai_act_facts() {
        use crate::domain::{AiRole, AnnexIiiPoint, Answer, Ask, DeployerType, Establishment, Party};
        let clients: Vec<_> = demo_clients().unwrap().into_iter().map(|(_, p)| p.into_inner()).collect();
        let system = |f: &dyn Fn(&crate::domain::AiSystem) -> bool| clients.iter().flat_map(|p| &p.ai_systems).any(f);
        let deployer = |s: &crate::domain::AiSystem| s.roles.contains(&AiRole::Deployer);
        let provider = |s: &crate::domain::AiSystem| s.roles.contains(&AiRole::Provider);
        assert!(system(&|s| deployer(s) && s.risk.is_high_risk() && s.deployer_type == DeployerType::PublicBody));
        assert!(system(&|s| deployer(s) && s.risk.is_high_risk() && s.deployer_type == DeployerType::Private));
        assert!(system(&|s| provider(s)
            && s.risk.is_high_risk()
            && s.provider_establishment == Establishment::OutsideEu));
        assert!(system(
            &|s| deployer(s) && matches!(s.risk, AiRisk::HighRiskAnnexIii { point: AnnexIiiPoint::P5b, .. })
        ));
        assert!(system(&|s| provider(s)
            && s.risk.is_high_risk()
            && s.transparency.interacts_with_people == Answer::Yes));
        assert!(clients.iter().any(|p| p.pressures.iter().any(|x| x.party == Party::EuCustomers
            && x.asks_for == Ask::AiActCompliance
            && x.deals_blocked
            && x.deadline.is_some())));
    }
}
