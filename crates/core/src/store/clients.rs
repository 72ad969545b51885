//! Client portfolio: create, edit, archive, restore, delete, list and search.

use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::now_utc;
use crate::domain::{Client, ClientId, ClientProfile, ClientStatus, ClientSummary, ValidProfile};
use crate::store::Clients;
use crate::{Error, Result};

/// Which clients a list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ClientFilter {
    #[default]
    Active,
    Archived,
    All,
}

crate::keywords::keywords! {
    /// What the client list sorts by.
    #[derive(Default)]
    pub enum ClientSort {
        #[default]
        Name = "name",
        Sector = "sector",
        Employees = "employees",
        Headquarters = "headquarters",
        Updated = "updated",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ListQuery {
    /// Case-insensitive text to find in the name, sector, country, notes, AI systems or contacts.
    pub search: String,
    pub filter: ClientFilter,
    pub sort: ClientSort,
    pub descending: bool,
}

/// The list's columns, from `clients` and the facts the store writes from the typed profile
/// (`client_facts`, joined as `f`).
const SUMMARY_COLUMNS: &str = "id, f.name, f.sector, f.employees, f.headquarters,
    f.markets, f.ai_systems, f.certifications, f.deals_blocked,
    archived_at IS NOT NULL,
    updated_at";

impl Clients<'_> {
    pub fn create(&self, profile: &ValidProfile) -> Result<Client> {
        self.create_with_id(ClientId::random(), profile)
    }

    /// Creates a client under a given id (the demo portfolio and imports keep their ids).
    pub fn create_with_id(&self, id: ClientId, profile: &ValidProfile) -> Result<Client> {
        let json = profile_json(profile)?;
        let now = now_utc();
        self.store.write(|tx| {
            tx.execute(
                "INSERT INTO clients (id, profile, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
                params![id.to_string(), json, now],
            )?;
            Ok(())
        })?;
        self.get(id)
    }

    /// Creates several clients in one transaction: all of them or none.
    pub fn import(&self, profiles: &[ValidProfile]) -> Result<Vec<ClientId>> {
        let rows = profiles.iter().map(|p| Ok((ClientId::random(), profile_json(p)?))).collect::<Result<Vec<_>>>()?;
        let now = now_utc();
        self.store.write(|tx| {
            let mut insert =
                tx.prepare_cached("INSERT INTO clients (id, profile, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)")?;
            for (id, json) in &rows {
                insert.execute(params![id.to_string(), json, now])?;
            }
            Ok(rows.iter().map(|(id, _)| *id).collect())
        })
    }

    pub fn update(&self, id: ClientId, profile: &ValidProfile) -> Result<Client> {
        let json = profile_json(profile)?;
        let now = now_utc();
        self.store.write(|tx| {
            let changed = tx.execute(
                "UPDATE clients SET profile = ?2, updated_at = ?3 WHERE id = ?1",
                params![id.to_string(), json, now],
            )?;
            ensure_found(changed, id)
        })?;
        self.get(id)
    }

    /// Moves a client out of the active portfolio; its data stays.
    pub fn archive(&self, id: ClientId) -> Result<Client> {
        self.set_archived(id, true)
    }

    pub fn restore(&self, id: ClientId) -> Result<Client> {
        self.set_archived(id, false)
    }

    fn set_archived(&self, id: ClientId, archived: bool) -> Result<Client> {
        let now = now_utc();
        self.store.write(|tx| {
            let changed = tx.execute(
                "UPDATE clients SET archived_at = CASE WHEN ?2 THEN coalesce(archived_at, ?3) END,
                                    updated_at = ?3
                 WHERE id = ?1",
                params![id.to_string(), archived, now],
            )?;
            ensure_found(changed, id)
        })?;
        self.get(id)
    }

    /// Deletes a client and everything recorded about it. There is no undo.
    pub fn delete(&self, id: ClientId) -> Result<()> {
        self.store.write(|tx| {
            let changed = tx.execute("DELETE FROM clients WHERE id = ?1", [id.to_string()])?;
            ensure_found(changed, id)
        })
    }

    pub fn get(&self, id: ClientId) -> Result<Client> {
        self.store
            .conn()
            .query_row(
                "SELECT id, profile, created_at, updated_at, archived_at IS NOT NULL FROM clients WHERE id = ?1",
                [id.to_string()],
                |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, String>(2)?,
                        row.get::<_, String>(3)?,
                        row.get::<_, bool>(4)?,
                    ))
                },
            )
            .optional()?
            .ok_or_else(|| Error::ClientNotFound(id.to_string()))
            .and_then(|(id, profile, created_at, updated_at, archived)| {
                Ok(Client {
                    id: parse_id(&id)?,
                    status: status(archived),
                    created_at,
                    updated_at,
                    profile: serde_json::from_str::<ClientProfile>(&profile)
                        .map_err(|e| Error::Corrupt(format!("client {id}: {e}")))?,
                })
            })
    }

    pub fn list(&self, query: &ListQuery) -> Result<Vec<ClientSummary>> {
        let filter = match query.filter {
            ClientFilter::Active => "archived_at IS NULL",
            ClientFilter::Archived => "archived_at IS NOT NULL",
            ClientFilter::All => "1",
        };
        let order = match query.sort {
            ClientSort::Name => "f.name COLLATE NOCASE",
            ClientSort::Sector => "f.sector, f.name COLLATE NOCASE",
            ClientSort::Employees => "f.employees",
            ClientSort::Headquarters => "f.headquarters, f.name COLLATE NOCASE",
            ClientSort::Updated => "updated_at",
        };
        let direction = if query.descending { "DESC" } else { "ASC" };
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM clients JOIN client_facts f ON f.client_id = clients.id
             WHERE {filter} AND (?1 = '' OR f.name LIKE ?1 ESCAPE '\\' OR f.sector LIKE ?1 ESCAPE '\\'
                   OR f.headquarters LIKE ?1 ESCAPE '\\' OR f.search_text LIKE ?1 ESCAPE '\\')
             ORDER BY {order} {direction}, id"
        );
        let pattern = like_pattern(&query.search);
        let mut stmt = self.store.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([pattern], summary_from_row)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row??);
        }
        Ok(out)
    }

    /// Finds the client a person means: a full id, or an unambiguous prefix of at least four
    /// characters of one.
    pub fn resolve(&self, reference: &str) -> Result<ClientId> {
        let reference = reference.trim();
        if let Ok(id) = reference.parse::<ClientId>() {
            return self.get(id).map(|c| c.id);
        }
        let prefix = reference.to_ascii_lowercase();
        if prefix.len() < 4 || !prefix.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            return Err(Error::ClientNotFound(reference.to_owned()));
        }
        let mut stmt =
            self.store.conn().prepare_cached("SELECT id FROM clients WHERE substr(id, 1, ?2) = ?1 LIMIT 2")?;
        let ids: Vec<String> =
            stmt.query_map(params![prefix, prefix.len() as i64], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        match ids.as_slice() {
            [one] => parse_id(one),
            [] => Err(Error::ClientNotFound(reference.to_owned())),
            _ => {
                let count: i64 = self.store.conn().query_row(
                    "SELECT count(*) FROM clients WHERE substr(id, 1, ?2) = ?1",
                    params![prefix, prefix.len() as i64],
                    |r| r.get(0),
                )?;
                Err(Error::AmbiguousClient { reference: reference.to_owned(), count: count as usize })
            }
        }
    }

    pub fn count(&self) -> Result<u64> {
        Ok(self.store.conn().query_row("SELECT count(*) FROM clients", [], |r| r.get::<_, i64>(0))? as u64)
    }
}

fn profile_json(profile: &ValidProfile) -> Result<String> {
    serde_json::to_string(profile).map_err(|e| Error::Corrupt(format!("cannot encode a profile: {e}")))
}

fn ensure_found(changed: usize, id: ClientId) -> Result<()> {
    if changed == 0 {
        Err(Error::ClientNotFound(id.to_string()))
    } else {
        Ok(())
    }
}

fn status(archived: bool) -> ClientStatus {
    if archived {
        ClientStatus::Archived
    } else {
        ClientStatus::Active
    }
}

fn parse_id(text: &str) -> Result<ClientId> {
    text.parse().map_err(|_| Error::Corrupt(format!("`{text}` is not a client id")))
}

/// `%text%` with LIKE's wildcards in the text escaped; empty stays empty (no filter).
fn like_pattern(search: &str) -> String {
    let search = search.trim();
    if search.is_empty() {
        return String::new();
    }
    let mut pattern = String::with_capacity(search.len() + 2);
    pattern.push('%');
    for c in search.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<Result<ClientSummary>> {
    let id: String = row.get(0)?;
    let sector: String = row.get(2)?;
    let markets: String = row.get(5)?;
    Ok((|| {
        Ok(ClientSummary {
            id: parse_id(&id)?,
            name: row.get(1)?,
            sector: serde_json::from_value(serde_json::Value::String(sector))
                .map_err(|e| Error::Corrupt(format!("client {id}: sector: {e}")))?,
            employees: row.get(3)?,
            headquarters: row.get(4)?,
            markets: serde_json::from_str(&markets)
                .map_err(|e| Error::Corrupt(format!("client {id}: markets: {e}")))?,
            ai_systems: row.get(6)?,
            certifications: row.get(7)?,
            deals_blocked: row.get(8)?,
            status: status(row.get(9)?),
            updated_at: row.get(10)?,
        })
    })())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AiRisk, AiRole, AiSystem, Contact, Market, Offering, Sector};
    use crate::store::Store;

    fn profile(name: &str, employees: u32) -> ValidProfile {
        let mut p = ClientProfile::minimal(name, Sector::Software, employees, "DE");
        p.markets = vec![Market::Eu];
        p.offerings = vec![Offering::ServiceProcessingCustomerData];
        p.validate().unwrap()
    }

    fn names(list: &[ClientSummary]) -> Vec<&str> {
        list.iter().map(|c| c.name.as_str()).collect()
    }

    #[test]
    fn create_read_update_round_trip() {
        let store = Store::open_in_memory().unwrap();
        let created = store.clients().create(&profile("Northwind", 40)).unwrap();
        assert_eq!(created.status, ClientStatus::Active);
        assert_eq!(store.clients().get(created.id).unwrap(), created);

        let mut edited = created.profile.clone();
        edited.employees = 55;
        edited.notes = "Met the CTO on site.".into();
        let updated = store.clients().update(created.id, &edited.validate().unwrap()).unwrap();
        assert_eq!(updated.profile.employees, 55);
        assert_eq!(updated.created_at, created.created_at);
        assert!(updated.updated_at >= created.updated_at);
    }

    #[test]
    fn archive_restore_delete() {
        let store = Store::open_in_memory().unwrap();
        let a = store.clients().create(&profile("Alpha", 10)).unwrap();
        let b = store.clients().create(&profile("Beta", 20)).unwrap();
        store.clients().archive(a.id).unwrap();
        let active = store.clients().list(&ListQuery::default()).unwrap();
        assert_eq!(names(&active), ["Beta"]);
        let archived =
            store.clients().list(&ListQuery { filter: ClientFilter::Archived, ..Default::default() }).unwrap();
        assert_eq!(names(&archived), ["Alpha"]);
        assert_eq!(archived[0].status, ClientStatus::Archived);
        store.clients().restore(a.id).unwrap();
        assert_eq!(store.clients().list(&ListQuery::default()).unwrap().len(), 2);
        store.clients().delete(b.id).unwrap();
        assert!(matches!(store.clients().get(b.id), Err(Error::ClientNotFound(_))));
        assert!(matches!(store.clients().delete(b.id), Err(Error::ClientNotFound(_))));
        assert!(matches!(store.clients().archive(b.id), Err(Error::ClientNotFound(_))));
    }

    #[test]
    fn search_and_sort() {
        let store = Store::open_in_memory().unwrap();
        store.clients().create(&profile("Zeta Health", 900)).unwrap();
        store.clients().create(&profile("alpha robotics", 15)).unwrap();
        let mut with_ai = ClientProfile::minimal("Mid Corp", Sector::Retail, 300, "FR");
        with_ai.markets = vec![Market::Eu];
        with_ai.offerings = vec![Offering::DeploysThirdPartyAi];
        with_ai.ai_systems.push(AiSystem::new("Shelf Vision", &[AiRole::Deployer], AiRisk::Minimal));
        with_ai.contacts.push(Contact {
            name: "Ines 100% Sure".into(),
            role: String::new(),
            email: String::new(),
            phone: String::new(),
        });
        store.clients().create(&with_ai.validate().unwrap()).unwrap();

        let all = store.clients().list(&ListQuery::default()).unwrap();
        assert_eq!(names(&all), ["alpha robotics", "Mid Corp", "Zeta Health"], "name sort ignores case");
        let by_size = store
            .clients()
            .list(&ListQuery { sort: ClientSort::Employees, descending: true, ..Default::default() })
            .unwrap();
        assert_eq!(names(&by_size), ["Zeta Health", "Mid Corp", "alpha robotics"]);

        let find = |text: &str| {
            let found = store.clients().list(&ListQuery { search: text.into(), ..Default::default() }).unwrap();
            found.into_iter().map(|c| c.name).collect::<Vec<_>>()
        };
        assert_eq!(find("HEALTH"), ["Zeta Health"]);
        assert_eq!(find("shelf"), ["Mid Corp"], "finds AI system names");
        assert_eq!(find("fr"), ["Mid Corp"], "finds the country");
        assert_eq!(find("100%"), ["Mid Corp"], "wildcards are literal");
        assert_eq!(find("ines"), ["Mid Corp"], "finds contact names");
        assert_eq!(find("_"), Vec::<String>::new());
        assert_eq!(find("  "), ["alpha robotics", "Mid Corp", "Zeta Health"]);
        let mid = &store.clients().list(&ListQuery { search: "mid".into(), ..Default::default() }).unwrap()[0];
        assert_eq!(mid.ai_systems, 1);
        assert_eq!(mid.markets, [Market::Eu]);
    }

    #[test]
    fn resolves_ids_and_prefixes() {
        let store = Store::open_in_memory().unwrap();
        let a = store.clients().create(&profile("Alpha", 10)).unwrap();
        let full = a.id.to_string();
        assert_eq!(store.clients().resolve(&full).unwrap(), a.id);
        assert_eq!(store.clients().resolve(&full[..8]).unwrap(), a.id);
        assert!(matches!(store.clients().resolve(&full[..3]), Err(Error::ClientNotFound(_))));
        assert!(matches!(store.clients().resolve("Alpha"), Err(Error::ClientNotFound(_))));
        assert!(matches!(
            store.clients().resolve("00000000-0000-4000-8000-000000000000"),
            Err(Error::ClientNotFound(_))
        ));

        let twin_a: ClientId = "abcd0000-0000-4000-8000-000000000001".parse().unwrap();
        let twin_b: ClientId = "abcd0000-0000-4000-8000-000000000002".parse().unwrap();
        store.clients().create_with_id(twin_a, &profile("Twin A", 1)).unwrap();
        store.clients().create_with_id(twin_b, &profile("Twin B", 1)).unwrap();
        assert!(matches!(store.clients().resolve("abcd"), Err(Error::AmbiguousClient { count: 2, .. })));
    }

    #[test]
    fn data_survives_reopening_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("portfolio.db");
        let id = {
            let store = Store::open(&path).unwrap();
            store.clients().create(&profile("Durable Ltd", 12)).unwrap().id
        };
        let store = Store::open(&path).unwrap();
        assert_eq!(store.clients().get(id).unwrap().profile.name, "Durable Ltd");
    }

    #[test]
    fn duplicate_id_fails_and_writes_nothing() {
        let store = Store::open_in_memory().unwrap();
        let a = store.clients().create(&profile("Alpha", 10)).unwrap();
        assert!(store.clients().create_with_id(a.id, &profile("Impostor", 10)).is_err());
        assert_eq!(store.clients().get(a.id).unwrap().profile.name, "Alpha");
        assert_eq!(store.clients().count().unwrap(), 1);
    }
}
