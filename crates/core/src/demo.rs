//! The demo portfolio: fictional clients spanning the article's cases, shipped as data in
//! `assets/demo/portfolio.json`.

use serde::Deserialize;

use crate::domain::{ClientId, ClientProfile};
use crate::store::Store;
use crate::{Error, Result};

const PORTFOLIO: &str = include_str!("../../../assets/demo/portfolio.json");

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

/// Adds the demo clients that are not in the portfolio yet; running it twice adds nothing.
pub fn load_demo(store: &mut Store) -> Result<DemoOutcome> {
    let mut outcome = DemoOutcome { added: 0, present: 0 };
    for (id, profile) in demo_clients()? {
        match store.client(id) {
            Ok(_) => outcome.present += 1,
            Err(Error::ClientNotFound(_)) => {
                store.create_client_with_id(id, &profile)?;
                outcome.added += 1;
            }
            Err(e) => return Err(e),
        }
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AiRisk, Certification, Market, Offering, Soc2Type};

    #[test]
    fn demo_is_valid_and_idempotent() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(load_demo(&mut store).unwrap(), DemoOutcome { added: 8, present: 0 });
        assert_eq!(load_demo(&mut store).unwrap(), DemoOutcome { added: 0, present: 8 });
        assert_eq!(store.client_count().unwrap(), 8);
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
}
