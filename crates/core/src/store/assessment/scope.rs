//! A client's scope: the stored choice, the default from the recommendation, and the EU AI Act
//! obligations derived from the AI systems and their facts (`recommend::applicability`, kept as rows in
//! `client_ai_obligations`).

use rusqlite::{params, Connection, OptionalExtension};

use super::super::{now_utc, Store};
use crate::assessment::{default_scope, ClientScope, ScopeFramework, ScopeInput, ScopeObligation, ValidScope};
use crate::catalog::{self, Catalog, Soc2Category, Text};
use crate::domain::{Client, ClientId, ClientProfile, Date};
use crate::recommend::{recommend, Context};
use crate::{Error, Result};

/// The catalogue compiled into the build (parsed once per process by [`catalog::shipped`]).
pub(super) fn shipped_catalog() -> Result<&'static Catalog> {
    catalog::shipped().map_err(Error::ShippedCatalog)
}

/// The default frameworks and categories of a profile on a date.
pub(super) fn default_for(profile: &ClientProfile, today: Date) -> Result<ValidScope> {
    let catalog = shipped_catalog()?;
    Ok(default_scope(&recommend(profile, &Context { catalog, today })))
}

/// The stored choice of a client, if any: frameworks, SOC 2 categories beyond security, when.
fn stored_scope(conn: &Connection, client: ClientId) -> Result<Option<(ValidScope, String)>> {
    let id = client.to_string();
    let Some(updated_at) = conn
        .prepare_cached("SELECT updated_at FROM client_scopes WHERE client_id = ?1")?
        .query_row([&id], |r| r.get::<_, String>(0))
        .optional()?
    else {
        return Ok(None);
    };
    let mut frameworks: Vec<ScopeFramework> = Vec::new();
    // A framework no longer installed (an imported one removed since) takes no part.
    let mut stmt = conn.prepare_cached(
        "SELECT s.framework FROM scope_frameworks s JOIN frameworks f ON f.id = s.framework WHERE s.client_id = ?1",
    )?;
    for text in stmt.query_map([&id], |r| r.get::<_, String>(0))? {
        let text = text?;
        frameworks
            .push(ScopeFramework::parse(&text).ok_or_else(|| Error::Corrupt(format!("scope framework `{text}`")))?);
    }
    let mut categories: Vec<Soc2Category> = Vec::new();
    let mut stmt = conn.prepare_cached("SELECT category FROM scope_soc2_categories WHERE client_id = ?1")?;
    for category in stmt.query_map([&id], |r| r.get::<_, Soc2Category>(0))? {
        categories.push(category?);
    }
    frameworks.sort();
    categories.sort();
    Ok(Some((ValidScope { frameworks, soc2_categories: categories }, updated_at)))
}

/// The EU AI Act obligations a client's AI systems bring, in the Act's order.
fn ai_act_obligations(conn: &Connection, client: ClientId) -> Result<Vec<ScopeObligation>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.title_en, r.title_de
         FROM client_ai_obligations o
         JOIN requirements r ON r.framework = 'eu_ai_act' AND r.id = o.requirement_id
         WHERE o.client_id = ?1
         ORDER BY r.position",
    )?;
    let rows = stmt.query_map([client.to_string()], |r| {
        Ok(ScopeObligation { requirement_id: r.get(0)?, title: Text { en: r.get(1)?, de: r.get(2)? } })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The effective scope from its parts.
fn assemble(conn: &Connection, client: ClientId, scope: ValidScope, updated_at: Option<String>) -> Result<ClientScope> {
    let soc2 = scope.frameworks.contains(&ScopeFramework::Soc2);
    let mut soc2_categories = Vec::new();
    if soc2 {
        soc2_categories.push(Soc2Category::Security);
        soc2_categories.extend(scope.soc2_categories.iter().copied().filter(|c| *c != Soc2Category::Security));
    }
    let ai_act_obligations = if scope.frameworks.contains(&ScopeFramework::EuAiAct) {
        ai_act_obligations(conn, client)?
    } else {
        Vec::new()
    };
    Ok(ClientScope {
        chosen: updated_at.is_some(),
        frameworks: scope.frameworks,
        soc2_categories,
        ai_act_obligations,
        updated_at,
    })
}

/// A client's effective scope on a date: the stored choice, else the default.
pub(super) fn effective_scope(conn: &Connection, client: &Client, today: Date) -> Result<ClientScope> {
    match stored_scope(conn, client.id)? {
        Some((scope, updated_at)) => assemble(conn, client.id, scope, Some(updated_at)),
        None => assemble(conn, client.id, default_for(&client.profile, today)?, None),
    }
}

impl Store {
    /// The scope a client is assessed against on `today` (the default depends on the date).
    pub fn client_scope(&self, client: ClientId, today: Date) -> Result<ClientScope> {
        let client = self.client(client)?;
        effective_scope(self.conn(), &client, today)
    }

    /// Stores the consultant's choice of frameworks and SOC 2 categories. The EU AI Act
    /// obligations stay derived from the client's AI systems.
    pub fn set_client_scope(&mut self, client: ClientId, input: &ScopeInput, today: Date) -> Result<ClientScope> {
        let scope = input.validate()?;
        let now = now_utc();
        let id = client.to_string();
        self.write(|tx| {
            let known: bool =
                tx.query_row("SELECT EXISTS (SELECT 1 FROM clients WHERE id = ?1)", [&id], |r| r.get(0))?;
            if !known {
                return Err(Error::ClientNotFound(id.clone()));
            }
            let unknown: Vec<String> = scope
                .frameworks
                .iter()
                .filter(|f| {
                    !tx.query_row("SELECT EXISTS (SELECT 1 FROM frameworks WHERE id = ?1)", [f.as_str()], |r| r.get(0))
                        .unwrap_or(false)
                })
                .map(|f| format!("unknown framework `{f}`: no framework with this id is installed"))
                .collect();
            if !unknown.is_empty() {
                return Err(Error::Invalid(crate::domain::ValidationErrors(
                    unknown
                        .into_iter()
                        .map(|message| crate::domain::FieldError { field: "frameworks".into(), message })
                        .collect(),
                )));
            }
            tx.execute("DELETE FROM client_scopes WHERE client_id = ?1", [&id])?;
            tx.execute("INSERT INTO client_scopes (client_id, updated_at) VALUES (?1, ?2)", params![id, now])?;
            for f in &scope.frameworks {
                tx.execute(
                    "INSERT INTO scope_frameworks (client_id, framework) VALUES (?1, ?2)",
                    params![id, f.as_str()],
                )?;
            }
            for c in &scope.soc2_categories {
                tx.execute("INSERT INTO scope_soc2_categories (client_id, category) VALUES (?1, ?2)", params![id, c])?;
            }
            Ok(())
        })?;
        self.client_scope(client, today)
    }

    /// Forgets the stored choice: the client goes back to the default scope.
    pub fn reset_client_scope(&mut self, client: ClientId, today: Date) -> Result<ClientScope> {
        let id = client.to_string();
        self.write(|tx| {
            let known: bool =
                tx.query_row("SELECT EXISTS (SELECT 1 FROM clients WHERE id = ?1)", [&id], |r| r.get(0))?;
            if !known {
                return Err(Error::ClientNotFound(id.clone()));
            }
            tx.execute("DELETE FROM client_scopes WHERE client_id = ?1", [&id])?;
            Ok(())
        })?;
        self.client_scope(client, today)
    }
}
