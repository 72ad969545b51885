//! Reading the audit trail that the triggers of `0005_audit.sql` write.

use rusqlite::Row;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::ClientId;
use crate::store::Audit;
use crate::{Error, Result};

/// The most entries one page returns.
pub const AUDIT_PAGE_MAX: u32 = 1_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    Insert,
    Update,
    Delete,
    /// The client arrived from a client package (`new_value` says from where and how).
    Import,
}

/// One recorded change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuditEntry {
    #[ts(type = "number")]
    pub id: i64,
    pub client_id: ClientId,
    /// When, RFC 3339 in UTC with milliseconds.
    pub at: String,
    /// `client`, `scope`, `assessment`, `control`, `override` or `evidence` (a file attached to
    /// or removed from a control; the value names the file by SHA-256 and name).
    pub entity: String,
    /// What changed: a profile field (`employees`), `status`, `profile` (a new client),
    /// `framework`, `soc2_category`, `subservice` or `subservice_criterion`, an assessment date, a
    /// control id (for `control` and `evidence`), an override kind.
    pub key: String,
    pub action: AuditAction,
    /// The date of the assessment a control or evidence entry belongs to.
    #[ts(optional = nullable)]
    pub assessment_date: Option<String>,
    /// The value before (none for an insert), as JSON.
    #[ts(optional = nullable, type = "unknown")]
    pub old_value: Option<serde_json::Value>,
    /// The value after (none for a delete), as JSON.
    #[ts(optional = nullable, type = "unknown")]
    pub new_value: Option<serde_json::Value>,
}

/// A page of a client's audit trail, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuditPage {
    #[ts(type = "number")]
    pub total: u64,
    #[ts(type = "number")]
    pub offset: u64,
    pub entries: Vec<AuditEntry>,
}

const COLUMNS: &str = "id, client_id, at, entity, key, action, assessment_date, old_value, new_value";

impl Audit<'_> {
    /// The client's audit trail, newest first: at most `limit` entries (capped at
    /// [`AUDIT_PAGE_MAX`]) after skipping `offset`.
    pub fn log(&self, client: ClientId, limit: u32, offset: u64) -> Result<AuditPage> {
        self.store.clients().get(client)?;
        let total: i64 = self.store.conn().query_row(
            "SELECT count(*) FROM audit_log WHERE client_id = ?1",
            [client.to_string()],
            |r| r.get(0),
        )?;
        let mut stmt = self.store.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM audit_log WHERE client_id = ?1 ORDER BY id DESC LIMIT ?2 OFFSET ?3"
        ))?;
        let limit = limit.min(AUDIT_PAGE_MAX);
        let rows = stmt.query_map(
            rusqlite::params![client.to_string(), limit, i64::try_from(offset).unwrap_or(i64::MAX)],
            entry_from_row,
        )?;
        let entries = rows.map(|r| r?).collect::<Result<Vec<_>>>()?;
        Ok(AuditPage { total: total as u64, offset, entries })
    }

    /// The client's whole audit trail, oldest first, as CSV (a header line, then one line per
    /// entry; values as JSON text). Cells a spreadsheet would read as a formula are neutralised.
    pub fn csv(&self, client: ClientId) -> Result<Vec<u8>> {
        self.store.clients().get(client)?;
        let mut stmt = self
            .store
            .conn()
            .prepare_cached(&format!("SELECT {COLUMNS} FROM audit_log WHERE client_id = ?1 ORDER BY id"))?;
        let rows = stmt.query_map([client.to_string()], |r| {
            Ok([
                r.get::<_, i64>(0)?.to_string(),
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?.unwrap_or_default(),
                r.get::<_, Option<String>>(7)?.unwrap_or_default(),
                r.get::<_, Option<String>>(8)?.unwrap_or_default(),
            ])
        })?;
        let header =
            ["id", "at", "entity", "key", "action", "assessment_date", "old_value", "new_value"].map(String::from);
        let mut lines = vec![header];
        for row in rows {
            lines.push(row?);
        }
        // Cells that look like formulas are neutralised, as in every export (`crate::cells`).
        crate::cells::csv_bytes(&lines, csv::Terminator::Any(b'\n'))
            .map_err(|e| Error::Corrupt(format!("cannot write the audit trail as CSV: {e}")))
    }
}

fn entry_from_row(row: &Row<'_>) -> rusqlite::Result<Result<AuditEntry>> {
    let id: i64 = row.get(0)?;
    let client: String = row.get(1)?;
    let action: String = row.get(5)?;
    let old: Option<String> = row.get(7)?;
    let new: Option<String> = row.get(8)?;
    let at: String = row.get(2)?;
    let entity: String = row.get(3)?;
    let key: String = row.get(4)?;
    let assessment_date: Option<String> = row.get(6)?;
    Ok((|| {
        let json = |text: Option<String>| -> Result<Option<serde_json::Value>> {
            text.map(|t| serde_json::from_str(&t).map_err(|e| Error::Corrupt(format!("audit entry {id}: {e}"))))
                .transpose()
        };
        Ok(AuditEntry {
            id,
            client_id: client.parse().map_err(|_| Error::Corrupt(format!("audit entry {id}: bad client id")))?,
            at,
            entity,
            key,
            action: serde_json::from_value(serde_json::Value::String(action))
                .map_err(|e| Error::Corrupt(format!("audit entry {id}: {e}")))?,
            assessment_date,
            old_value: json(old)?,
            new_value: json(new)?,
        })
    })())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ClientProfile, Market, Offering, Sector};
    use crate::store::Store;

    fn profile(name: &str, employees: u32) -> crate::domain::ValidProfile {
        let mut p = ClientProfile::minimal(name, Sector::Software, employees, "DE");
        p.markets = vec![Market::Eu];
        p.offerings = vec![Offering::ServiceProcessingCustomerData];
        p.validate().unwrap()
    }

    #[test]
    fn records_creation_field_changes_and_status() {
        let store = Store::open_in_memory().unwrap();
        let c = store.clients().create(&profile("Audit Ltd", 10)).unwrap();
        let mut edited = c.profile.clone();
        edited.employees = 12;
        edited.notes = "Second visit.".into();
        store.clients().update(c.id, &edited.validate().unwrap()).unwrap();
        store.clients().archive(c.id).unwrap();

        let page = store.audit().log(c.id, 100, 0).unwrap();
        assert_eq!(page.total, 4);
        type Line = (String, String, AuditAction, Option<serde_json::Value>, Option<serde_json::Value>);
        let summary: Vec<Line> = page
            .entries
            .iter()
            .rev()
            .map(|e| (e.entity.clone(), e.key.clone(), e.action, e.old_value.clone(), e.new_value.clone()))
            .collect();
        assert_eq!(summary[0].0, "client");
        assert_eq!(summary[0].1, "profile");
        assert_eq!(summary[0].2, AuditAction::Insert);
        assert_eq!(summary[0].4.as_ref().unwrap()["name"], "Audit Ltd");
        assert_eq!(
            summary[1..],
            [
                ("client".into(), "employees".into(), AuditAction::Update, Some(10.into()), Some(12.into())),
                ("client".into(), "notes".into(), AuditAction::Update, Some("".into()), Some("Second visit.".into())),
                ("client".into(), "status".into(), AuditAction::Update, Some("active".into()), Some("archived".into())),
            ]
        );
        // Paging, newest first.
        let second = store.audit().log(c.id, 1, 1).unwrap();
        assert_eq!(second.entries.len(), 1);
        assert_eq!(second.entries[0].key, "notes");
        let csv = String::from_utf8(store.audit().csv(c.id).unwrap()).unwrap();
        assert!(csv.starts_with("id,at,entity,key,action,assessment_date,old_value,new_value\n"), "{csv}");
        assert_eq!(csv.lines().count(), 5);
    }

    #[test]
    fn deleting_a_client_erases_its_entries_and_leaves_a_tombstone() {
        let store = Store::open_in_memory().unwrap();
        let c = store.clients().create(&profile("Gone GmbH", 10)).unwrap();
        let keep = store.clients().create(&profile("Stays AG", 10)).unwrap();
        store.clients().delete(c.id).unwrap();
        let left: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM audit_log WHERE client_id = ?1", [c.id.to_string()], |r| r.get(0))
            .unwrap();
        assert_eq!(left, 0);
        let (tomb, removed): (String, i64) = store
            .conn()
            .query_row("SELECT client_id, entries_removed FROM audit_deletions", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap();
        assert_eq!(tomb, c.id.to_string());
        assert_eq!(removed, 1);
        assert_eq!(store.audit().log(keep.id, 10, 0).unwrap().total, 1);
    }
}
