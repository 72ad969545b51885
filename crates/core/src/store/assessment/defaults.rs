//! The default scopes of the portfolio overview, worked out once per process for a profile and a
//! date.
//!
//! A client without a chosen scope is assessed against the default of its recommendation on the
//! day ([`default_for`]): a pure function of the profile and the date (the rules and the shipped
//! catalogue are compiled in). Making the recommendation is most of the overview's cost when done
//! for every such client on every call, so the result is kept here, by client, together with the
//! exact profile text and the date it was worked out from; a profile that differs in any byte, or
//! another date, is worked out again. Nothing is stored in the database: a new process works
//! each default out once.
//!
//! On top of that, each store keeps the overview's scope units of every active client, chosen or
//! default ([`Kept`]), for the date and the database state they were read in (SQLite's
//! `data_version` and the connection's change count, as the dashboard's rows): while neither
//! changes, no profile or scope is read again.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::scope::default_for;
use crate::assessment::{ScopeFramework, ValidScope};
use crate::domain::{ClientProfile, Date};
use crate::{Error, Result};

/// A unit of `client_framework_totals` a client's scope reads: a framework as a whole (unit
/// ''), or SOC 2's security or one of its categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ScopeUnit {
    pub framework: ScopeFramework,
    pub unit: &'static str,
}

/// Per active client (by id), the units its scope reads.
pub(super) type ScopeUnits = HashMap<String, Vec<ScopeUnit>>;

/// The overview's scope units of every active client, with the date and the database state they
/// were read for.
#[derive(Default)]
pub(in crate::store) struct Kept(Mutex<Option<KeptUnits>>);

/// The date, the database state, the units.
type KeptUnits = (Date, (i64, u64), Arc<ScopeUnits>);

impl Kept {
    pub(super) fn get(&self, today: Date, state: (i64, u64)) -> Option<Arc<ScopeUnits>> {
        let kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        kept.as_ref().filter(|(d, s, _)| *d == today && *s == state).map(|(_, _, units)| units.clone())
    }

    pub(super) fn put(&self, today: Date, state: (i64, u64), units: Arc<ScopeUnits>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some((today, state, units));
    }
}

/// What one default scope was worked out from.
struct Entry {
    profile: String,
    today: Date,
    scope: Arc<ValidScope>,
}

/// Past this many clients the kept scopes are dropped (a process that opens many portfolios, such
/// as the tests, does not grow without end).
const LIMIT: usize = 100_000;

static KEPT: Mutex<Option<HashMap<String, Entry>>> = Mutex::new(None);

/// The default scope of client `id` with the profile `json` (as stored) on `today`.
pub(super) fn default_scope_of(id: &str, json: &str, today: Date) -> Result<Arc<ValidScope>> {
    {
        let kept = KEPT.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(entry) = kept.as_ref().and_then(|m| m.get(id)) {
            if entry.today == today && entry.profile == json {
                return Ok(entry.scope.clone());
            }
        }
    }
    let profile: ClientProfile = serde_json::from_str(json).map_err(|e| Error::Corrupt(format!("client {id}: {e}")))?;
    let scope = Arc::new(default_for(&profile, today)?);
    let mut kept = KEPT.lock().unwrap_or_else(|e| e.into_inner());
    let map = kept.get_or_insert_with(HashMap::new);
    if map.len() >= LIMIT {
        map.clear();
    }
    map.insert(id.to_owned(), Entry { profile: json.to_owned(), today, scope: scope.clone() });
    Ok(scope)
}
