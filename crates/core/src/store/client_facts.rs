//! `client_facts`: what the client list and the overview show, sort and search on (name, sector,
//! head count, country, markets, counts, blocked deals, the free texts), written from the typed
//! profile whenever the profile is, so no query reads the profile's JSON shape
//! (`0014_client_facts.sql`, `0020_client_identity_facts.sql`).

use rusqlite::{params, Transaction};

use crate::domain::ClientProfile;
use crate::{Error, Result};

/// Writes (or rewrites) one client's facts from its profile.
pub(super) fn write(tx: &Transaction<'_>, client_id: &str, profile: &ClientProfile) -> Result<()> {
    let markets = serde_json::to_string(&profile.markets).map_err(|e| Error::Corrupt(e.to_string()))?;
    // The sector's keyword, as the profile writes it (`"software"`); read back the same way.
    let sector = match serde_json::to_value(profile.sector).map_err(|e| Error::Corrupt(e.to_string()))? {
        serde_json::Value::String(keyword) => keyword,
        other => return Err(Error::Corrupt(format!("a sector written as {other}"))),
    };
    tx.prepare_cached(
        "INSERT OR REPLACE INTO client_facts
             (client_id, name, sector, employees, headquarters,
              markets, ai_systems, certifications, deals_blocked, search_text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        client_id,
        profile.name,
        sector,
        profile.employees,
        profile.headquarters,
        markets,
        profile.ai_systems.len() as i64,
        profile.certifications.len() as i64,
        profile.pressures.iter().any(|p| p.deals_blocked),
        search_text(profile),
    ])?;
    Ok(())
}

/// The free texts the client search looks in besides name, sector and country.
fn search_text(profile: &ClientProfile) -> String {
    std::iter::once(profile.notes.as_str())
        .chain(profile.ai_systems.iter().map(|s| s.name.as_str()))
        .chain(profile.contacts.iter().map(|c| c.name.as_str()))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}
