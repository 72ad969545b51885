//! The consultant's overrides of a client's roadmap (force an order, exclude a framework, start a
//! framework no earlier than a date), stored with their reasons and replaced as a whole.

use rusqlite::params;

use super::now_utc;
use crate::assessment::ScopeFramework;
use crate::domain::{ClientId, Date, FieldError, ValidationErrors};
use crate::recommend::roadmap::{DeclinedIntegratedAudit, Excluded, ForcedOrder, NotBefore, OverrideChange, Overrides};
use crate::store::Clients;
use crate::{Error, Result};

const MAX_REASON_LEN: usize = 1_000;

/// Checks what a set of overrides must satisfy: a reason for each, frameworks the recommendation
/// rates (and only certifications in an order), no framework twice in one kind, no framework both
/// excluded and ordered.
pub fn validate_overrides(overrides: &Overrides) -> std::result::Result<(), ValidationErrors> {
    let mut errors = Vec::new();
    let mut reason = |field: String, text: &str| {
        if text.trim().is_empty() {
            errors.push(FieldError { field, message: "give the reason for this override".into() });
        } else if text.chars().count() > MAX_REASON_LEN {
            errors.push(FieldError { field, message: "is too long (at most 1,000 characters)".into() });
        }
    };
    if let Some(order) = &overrides.order {
        reason("order.reason".into(), &order.reason);
    }
    for (i, e) in overrides.excluded.iter().enumerate() {
        reason(format!("excluded[{i}].reason"), &e.reason);
    }
    for (i, n) in overrides.not_before.iter().enumerate() {
        reason(format!("not_before[{i}].reason"), &n.reason);
    }
    if let Some(d) = &overrides.integrated_audit_declined {
        reason("integrated_audit_declined.reason".into(), &d.reason);
    }
    let mut rated = |field: String, f: ScopeFramework| {
        if !f.is_rated() {
            errors.push(FieldError {
                field,
                message: format!(
                    "{} is not rated by the recommendation, so the roadmap cannot plan it",
                    f.display_name()
                ),
            });
        }
    };
    if let Some(order) = &overrides.order {
        for (i, f) in order.frameworks.iter().enumerate() {
            rated(format!("order.frameworks[{i}]"), *f);
        }
    }
    for (i, e) in overrides.excluded.iter().enumerate() {
        rated(format!("excluded[{i}].framework"), e.framework);
    }
    for (i, n) in overrides.not_before.iter().enumerate() {
        rated(format!("not_before[{i}].framework"), n.framework);
    }
    // Only the certifications are put in order; a forced order naming another framework would be
    // shown as the consultant's order and yet change nothing.
    if let Some(order) = &overrides.order {
        for (i, f) in order.frameworks.iter().enumerate() {
            if f.is_rated() && !f.is_certification() {
                errors.push(FieldError {
                    field: format!("order.frameworks[{i}]"),
                    message: format!(
                        "{} has no certificate to put in order: its measures follow the certification work; \
                         leave it out or start it later instead",
                        f.display_name()
                    ),
                });
            }
        }
    }
    if let Some(order) = &overrides.order {
        if order.frameworks.is_empty() {
            errors.push(FieldError { field: "order.frameworks".into(), message: "name at least one framework".into() });
        }
        if has_duplicates(&order.frameworks) {
            errors.push(FieldError { field: "order.frameworks".into(), message: "names a framework twice".into() });
        }
        if let Some(f) = order.frameworks.iter().find(|f| overrides.excluded.iter().any(|e| e.framework == **f)) {
            errors.push(FieldError {
                field: "order.frameworks".into(),
                message: format!("{} is excluded, so it cannot be ordered", f.display_name()),
            });
        }
    }
    if has_duplicates(&overrides.excluded.iter().map(|e| e.framework).collect::<Vec<_>>()) {
        errors.push(FieldError { field: "excluded".into(), message: "excludes a framework twice".into() });
    }
    if has_duplicates(&overrides.not_before.iter().map(|n| n.framework).collect::<Vec<_>>()) {
        errors.push(FieldError { field: "not_before".into(), message: "moves a framework twice".into() });
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ValidationErrors(errors))
    }
}

fn has_duplicates(items: &[ScopeFramework]) -> bool {
    items.iter().enumerate().any(|(i, a)| items[i + 1..].contains(a))
}

fn key(framework: ScopeFramework) -> &'static str {
    framework.as_str()
}

fn parse_key(text: &str) -> Result<ScopeFramework> {
    ScopeFramework::parse_rated(text)
        .ok_or_else(|| Error::Corrupt(format!("unknown framework `{text}` in a stored override")))
}

impl Clients<'_> {
    /// The client's overrides (none when it has none).
    pub fn overrides(&self, client: ClientId) -> Result<Overrides> {
        self.get(client)?;
        let mut stmt = self.store.conn().prepare_cached(
            "SELECT kind, subject, day, reason FROM roadmap_overrides WHERE client_id = ?1 ORDER BY position",
        )?;
        let rows = stmt.query_map([client.to_string()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?, r.get::<_, String>(3)?))
        })?;
        let mut out = Overrides::default();
        for row in rows {
            let (kind, subject, day, reason) = row?;
            match kind.as_str() {
                "order" => {
                    let frameworks = subject.split(',').map(parse_key).collect::<Result<Vec<_>>>()?;
                    out.order = Some(ForcedOrder { frameworks, reason });
                }
                "exclude" => out.excluded.push(Excluded { framework: parse_key(&subject)?, reason }),
                "not_before" => {
                    let date: Date = day
                        .as_deref()
                        .unwrap_or_default()
                        .parse()
                        .map_err(|_| Error::Corrupt(format!("a stored override has no valid date: {day:?}")))?;
                    out.not_before.push(NotBefore { framework: parse_key(&subject)?, date, reason });
                }
                "integrated_audit_declined" => {
                    out.integrated_audit_declined = Some(DeclinedIntegratedAudit { reason });
                }
                other => return Err(Error::Corrupt(format!("unknown override kind `{other}`"))),
            }
        }
        Ok(out)
    }

    /// Makes one change to the client's overrides (see [`OverrideChange`]) and stores the result,
    /// after checking it; all or nothing.
    pub fn change_overrides(&self, client: ClientId, change: OverrideChange) -> Result<Overrides> {
        let mut overrides = self.overrides(client)?;
        overrides.apply(change);
        self.set_overrides(client, &overrides)
    }

    /// Replaces the client's overrides with `overrides`, after checking them; all or nothing.
    pub fn set_overrides(&self, client: ClientId, overrides: &Overrides) -> Result<Overrides> {
        validate_overrides(overrides)?;
        self.get(client)?;
        let now = now_utc();
        self.store.write(|tx| {
            tx.execute("DELETE FROM roadmap_overrides WHERE client_id = ?1", [client.to_string()])?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO roadmap_overrides (client_id, kind, subject, day, reason, created_at, position)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            let mut position = 0;
            let mut add = |kind: &str, subject: String, day: Option<String>, reason: &str| -> Result<()> {
                insert.execute(params![client.to_string(), kind, subject, day, reason.trim(), now, position])?;
                position += 1;
                Ok(())
            };
            if let Some(order) = &overrides.order {
                let subject = order.frameworks.iter().map(|f| key(*f)).collect::<Vec<_>>().join(",");
                add("order", subject, None, &order.reason)?;
            }
            for e in &overrides.excluded {
                add("exclude", key(e.framework).to_owned(), None, &e.reason)?;
            }
            for n in &overrides.not_before {
                add("not_before", key(n.framework).to_owned(), Some(n.date.to_string()), &n.reason)?;
            }
            if let Some(d) = &overrides.integrated_audit_declined {
                add("integrated_audit_declined", "iso27001,iso42001".to_owned(), None, &d.reason)?;
            }
            Ok(())
        })?;
        self.overrides(client)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ClientProfile, Market, Offering, Sector};
    use crate::store::Store;

    fn store_with_client() -> (Store, ClientId) {
        let store = Store::open_in_memory().unwrap();
        let mut p = ClientProfile::minimal("Override Co", Sector::Software, 10, "DE");
        p.markets = vec![Market::Eu];
        p.offerings = vec![Offering::None];
        let id = store.clients().create(&p.validate().unwrap()).unwrap().id;
        (store, id)
    }

    fn sample() -> Overrides {
        Overrides {
            order: Some(ForcedOrder {
                frameworks: vec![ScopeFramework::Iso42001, ScopeFramework::Soc2],
                reason: "The board wants AI first".into(),
            }),
            excluded: vec![Excluded { framework: ScopeFramework::Iso27001, reason: "Not in budget".into() }],
            not_before: vec![NotBefore {
                framework: ScopeFramework::Soc2,
                date: "2027-04-01".parse().unwrap(),
                reason: "Auditor booked for Q2".into(),
            }],
            integrated_audit_declined: Some(DeclinedIntegratedAudit {
                reason: "Two certification bodies are already contracted".into(),
            }),
        }
    }

    #[test]
    fn overrides_round_trip_and_replace_as_a_whole() {
        let (store, id) = store_with_client();
        assert_eq!(store.clients().overrides(id).unwrap(), Overrides::default());
        assert_eq!(store.clients().set_overrides(id, &sample()).unwrap(), sample());
        let fewer =
            Overrides { excluded: Vec::new(), not_before: Vec::new(), integrated_audit_declined: None, ..sample() };
        assert_eq!(store.clients().set_overrides(id, &fewer).unwrap(), fewer);
        store.clients().delete(id).unwrap();
        let left: i64 = store.conn().query_row("SELECT count(*) FROM roadmap_overrides", [], |r| r.get(0)).unwrap();
        assert_eq!(left, 0, "a deleted client's overrides go with it");
    }

    #[test]
    fn bad_overrides_are_rejected_at_their_field_and_change_nothing() {
        let (store, id) = store_with_client();
        store.clients().set_overrides(id, &sample()).unwrap();
        let check = |edit: &dyn Fn(&mut Overrides), field: &str| {
            let mut o = sample();
            edit(&mut o);
            let err = validate_overrides(&o).unwrap_err();
            assert_eq!(err.0[0].field, field, "{err}");
        };
        check(&|o| o.order.as_mut().unwrap().reason = "  ".into(), "order.reason");
        check(&|o| o.excluded[0].reason.clear(), "excluded[0].reason");
        check(&|o| o.not_before[0].reason.clear(), "not_before[0].reason");
        check(
            &|o| o.order.as_mut().unwrap().frameworks = vec![ScopeFramework::Soc2, ScopeFramework::Soc2],
            "order.frameworks",
        );
        check(&|o| o.order.as_mut().unwrap().frameworks.push(ScopeFramework::Iso27001), "order.frameworks");
        check(&|o| o.excluded.push(o.excluded[0].clone()), "excluded");
        check(
            &|o| o.integrated_audit_declined.as_mut().unwrap().reason = " ".into(),
            "integrated_audit_declined.reason",
        );
        let mut bad = sample();
        bad.excluded[0].reason.clear();
        assert!(matches!(store.clients().set_overrides(id, &bad), Err(Error::Invalid(_))));
        assert_eq!(store.clients().overrides(id).unwrap(), sample(), "nothing changed");
    }

    #[test]
    fn overrides_name_only_frameworks_the_recommendation_rates() {
        let (store, id) = store_with_client();
        // Every rated framework is stored and read back (the GDPR, NIS2 and the NIST AI RMF too).
        let all = Overrides {
            excluded: ScopeFramework::RATED[3..]
                .iter()
                .map(|f| Excluded { framework: *f, reason: "Handled by the group".into() })
                .collect(),
            ..sample()
        };
        assert_eq!(store.clients().set_overrides(id, &all).unwrap(), all);
        // Built in code, an unrated framework is refused at its field ...
        let mut o = sample();
        o.excluded[0].framework = ScopeFramework::EuAiAct;
        let err = validate_overrides(&o).unwrap_err();
        assert_eq!(err.0[0].field, "excluded[0].framework", "{err}");
        let mut o = sample();
        o.order.as_mut().unwrap().frameworks[1] = ScopeFramework::from_id("x_internal");
        assert_eq!(validate_overrides(&o).unwrap_err().0[0].field, "order.frameworks[1]");
        // ... and read from JSON, it is not even representable.
        let json = |framework: &str| serde_json::json!({ "excluded": [{ "framework": framework, "reason": "r" }], "not_before": [] });
        let read: Overrides = serde_json::from_value(json("nis2")).unwrap();
        assert_eq!(read.excluded[0].framework, ScopeFramework::Nis2);
        for bad in ["eu_ai_act", "x_internal", "iso9001"] {
            let err = serde_json::from_value::<Overrides>(json(bad)).unwrap_err().to_string();
            assert!(err.contains("not a framework the recommendation rates"), "{bad}: {err}");
        }
        // Only certifications are put in order: the GDPR has no certificate and follows them.
        let mut o = sample();
        o.order.as_mut().unwrap().frameworks.push(ScopeFramework::Gdpr);
        let err = validate_overrides(&o).unwrap_err();
        assert_eq!(err.0[0].field, "order.frameworks[2]", "{err}");
        assert!(err.0[0].message.starts_with("GDPR has no certificate"), "{err}");
        assert!(matches!(store.clients().set_overrides(id, &o), Err(Error::Invalid(_))));
        assert_eq!(store.clients().overrides(id).unwrap(), all, "nothing changed");
        let order = serde_json::json!({ "order": { "frameworks": ["soc2", "eu_ai_act"], "reason": "r" },
                                        "excluded": [], "not_before": [] });
        assert!(serde_json::from_value::<Overrides>(order).is_err());
    }
}
