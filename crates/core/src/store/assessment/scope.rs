//! A client's scope: the stored choice, the default from the recommendation, and the EU AI Act
//! obligations derived from the AI systems and their facts (`recommend::applicability`, kept as rows in
//! `client_ai_obligations`).

use rusqlite::{params, Connection, OptionalExtension};

use super::super::now_utc;
use crate::assessment::{
    default_scope, ClientScope, ScopeFramework, ScopeInput, ScopeObligation, ScopeRequirement, SubserviceInput,
    SubserviceMethod, SubserviceOrganisation, ValidScope,
};
use crate::catalog::{self, Catalog, Soc2Category, Text};
use crate::domain::{ClientId, ClientProfile, Date};
use crate::recommend::{recommend, Context, Recommendation};
use crate::store::Scopes;
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

/// The GDPR and NIS2 requirements a client owes (or that an open fact may bring), for the
/// frameworks among `frameworks`, in catalogue order.
pub(super) fn regulatory_obligations(
    conn: &Connection,
    client: ClientId,
    frameworks: &[ScopeFramework],
) -> Result<Vec<ScopeRequirement>> {
    let wanted: Vec<&str> = frameworks
        .iter()
        .filter(|f| matches!(**f, ScopeFramework::Gdpr | ScopeFramework::Nis2))
        .map(|f| f.as_str())
        .collect();
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare_cached(
        "SELECT o.framework, r.id, r.title_en, r.title_de, o.open
         FROM client_reg_obligations o
         JOIN requirements r ON r.framework = o.framework AND r.id = o.requirement_id
         WHERE o.client_id = ?1
         ORDER BY o.framework, r.position",
    )?;
    let rows = stmt.query_map([client.to_string()], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, bool>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (framework, requirement_id, en, de, open) = row?;
        if !wanted.contains(&framework.as_str()) {
            continue;
        }
        out.push(ScopeRequirement {
            framework: ScopeFramework::from_id(&framework),
            requirement_id,
            title: Text { en, de },
            open,
        });
    }
    out.sort_by_key(|o| o.framework);
    Ok(out)
}

/// The subservice organisations of a client with the criteria each serves (in catalogue order),
/// by name; and the criteria carved out (view `client_carved_out`), in catalogue order.
fn subservice(conn: &Connection, client: ClientId) -> Result<(Vec<SubserviceOrganisation>, Vec<String>)> {
    let id = client.to_string();
    let mut stmt = conn.prepare_cached(
        "SELECT o.name, o.method, o.services, o.updated_at,
                (SELECT json_group_array(c.criterion) FROM (
                     SELECT c.criterion FROM subservice_criteria c
                     LEFT JOIN requirements r ON r.framework = 'soc2' AND r.id = c.criterion
                     WHERE c.client_id = o.client_id AND c.organisation = o.name
                     ORDER BY coalesce(r.position, 1000000), c.criterion) c)
         FROM subservice_organisations o
         WHERE o.client_id = ?1
         ORDER BY o.name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([&id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    let mut organisations = Vec::new();
    for row in rows {
        let (name, method, services, updated_at, criteria) = row?;
        let method =
            SubserviceMethod::parse(&method).ok_or_else(|| Error::Corrupt(format!("subservice method `{method}`")))?;
        let criteria: Vec<String> = serde_json::from_str(&criteria)
            .map_err(|e| Error::Corrupt(format!("the criteria of subservice organisation {name}: {e}")))?;
        organisations.push(SubserviceOrganisation { name, method, services, criteria, updated_at });
    }
    let mut stmt = conn.prepare_cached(
        "SELECT x.criterion FROM client_carved_out x
         LEFT JOIN requirements r ON r.framework = 'soc2' AND r.id = x.criterion
         WHERE x.client_id = ?1
         ORDER BY coalesce(r.position, 1000000), x.criterion",
    )?;
    let carved_out = stmt.query_map([&id], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((organisations, carved_out))
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
    let regulatory_obligations = regulatory_obligations(conn, client, &scope.frameworks)?;
    let (subservice_organisations, carved_out) = subservice(conn, client)?;
    Ok(ClientScope {
        chosen: updated_at.is_some(),
        frameworks: scope.frameworks,
        soc2_categories,
        ai_act_obligations,
        regulatory_obligations,
        updated_at,
        subservice_organisations,
        carved_out,
    })
}

/// A client's effective scope: the stored choice, else the default of `recommendation` (the
/// client's, on the date of the request).
pub(super) fn effective_scope_from(
    conn: &Connection,
    client: ClientId,
    recommendation: &Recommendation,
) -> Result<ClientScope> {
    effective_scope_with(conn, client, || Ok(default_scope(recommendation)))
}

/// [`effective_scope_from`] with the default worked out only when no choice is stored.
fn effective_scope_with(
    conn: &Connection,
    client: ClientId,
    default: impl FnOnce() -> Result<ValidScope>,
) -> Result<ClientScope> {
    match stored_scope(conn, client)? {
        Some((scope, updated_at)) => assemble(conn, client, scope, Some(updated_at)),
        None => assemble(conn, client, default()?, None),
    }
}

impl Scopes<'_> {
    /// The scope a client is assessed against on `today` (the default depends on the date).
    /// The recommendation is made only when the client has no stored scope.
    pub fn get(&self, client: ClientId, today: Date) -> Result<ClientScope> {
        let found = self.store.clients().get(client)?;
        effective_scope_with(self.store.conn(), found.id, || default_for(&found.profile, today))
    }

    /// Stores the consultant's choice of frameworks and SOC 2 categories. The EU AI Act
    /// obligations stay derived from the client's AI systems.
    pub fn set(&self, client: ClientId, input: &ScopeInput, today: Date) -> Result<ClientScope> {
        let scope = input.validate()?;
        let now = now_utc();
        let id = client.to_string();
        self.store.write(|tx| {
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
        self.get(client, today)
    }

    /// Records a subservice organisation of a client (or replaces the one of the same name, ignoring
    /// case): its method and the SOC 2 criteria it serves. Every criterion must be an assessable
    /// SOC 2 criterion; a carved-out one cannot be entity-level (CC1 to CC5) or CC9.2. All
    /// problems are reported at once and nothing is written.
    pub fn set_subservice_organisation(
        &self,
        client: ClientId,
        input: &SubserviceInput,
        today: Date,
    ) -> Result<ClientScope> {
        let checked = input.validate();
        let now = now_utc();
        let id = client.to_string();
        self.store.write(|tx| {
            let known: bool =
                tx.query_row("SELECT EXISTS (SELECT 1 FROM clients WHERE id = ?1)", [&id], |r| r.get(0))?;
            if !known {
                return Err(Error::ClientNotFound(id.clone()));
            }
            let mut errors = match &checked {
                Ok(_) => Vec::new(),
                Err(e) => e.0.clone(),
            };
            let criteria: Vec<String> = input.criteria.iter().map(|c| c.trim().to_uppercase()).collect();
            let mut known_criterion = tx.prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM requirements WHERE framework = 'soc2' AND id = ?1 AND assessable = 1)",
            )?;
            for (i, c) in criteria.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
                if !known_criterion.query_row([c], |r| r.get::<_, bool>(0))? {
                    errors.push(crate::domain::FieldError {
                        field: format!("criteria[{i}]"),
                        message: format!("unknown SOC 2 criterion `{c}` (a criterion such as CC6.4 or A1.2)"),
                    });
                }
            }
            let valid = match checked {
                Ok(valid) if errors.is_empty() => valid,
                _ => return Err(Error::Invalid(crate::domain::ValidationErrors(errors))),
            };
            tx.execute(
                "DELETE FROM subservice_organisations WHERE client_id = ?1 AND name = ?2 COLLATE NOCASE",
                params![id, valid.name],
            )?;
            tx.execute(
                "INSERT INTO subservice_organisations (client_id, name, method, services, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, valid.name, valid.method.as_str(), valid.services, now],
            )?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO subservice_criteria (client_id, organisation, criterion) VALUES (?1, ?2, ?3)",
            )?;
            for c in &valid.criteria {
                insert.execute(params![id, valid.name, c])?;
            }
            Ok(())
        })?;
        self.get(client, today)
    }

    /// Forgets a subservice organisation of a client (by name, ignoring case).
    pub fn remove_subservice_organisation(&self, client: ClientId, name: &str, today: Date) -> Result<ClientScope> {
        let id = client.to_string();
        self.store.write(|tx| {
            let known: bool =
                tx.query_row("SELECT EXISTS (SELECT 1 FROM clients WHERE id = ?1)", [&id], |r| r.get(0))?;
            if !known {
                return Err(Error::ClientNotFound(id.clone()));
            }
            let removed = tx.execute(
                "DELETE FROM subservice_organisations WHERE client_id = ?1 AND name = ?2 COLLATE NOCASE",
                params![id, name.trim()],
            )?;
            if removed == 0 {
                return Err(Error::NotFound { kind: "subservice organisation", reference: name.trim().to_owned() });
            }
            Ok(())
        })?;
        self.get(client, today)
    }

    /// Forgets the stored choice: the client goes back to the default scope.
    pub fn reset(&self, client: ClientId, today: Date) -> Result<ClientScope> {
        let id = client.to_string();
        self.store.write(|tx| {
            let known: bool =
                tx.query_row("SELECT EXISTS (SELECT 1 FROM clients WHERE id = ?1)", [&id], |r| r.get(0))?;
            if !known {
                return Err(Error::ClientNotFound(id.clone()));
            }
            tx.execute("DELETE FROM client_scopes WHERE client_id = ?1", [&id])?;
            Ok(())
        })?;
        self.get(client, today)
    }
}
