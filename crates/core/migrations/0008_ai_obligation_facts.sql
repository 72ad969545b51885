-- EU AI Act obligations follow each AI system's facts (deployer type, Annex III sub-point,
-- establishment, transparency facts, market entry), not only its role and tier. The rule lives in
-- one Rust function (crate::recommend::applicability); SQL no longer derives obligations itself.
--
-- * requirements.ai_scope: the whole scope of an EU AI Act leaf as JSON (roles, tiers,
--   applies_from, when), written when the catalogue is installed.
-- * client_ai_obligations: still the rows the analysis joins; rewritten by the store from the
--   Rust rule for every client listed in client_ai_stale (marked by the triggers below whenever a
--   profile is written), and for every client when the catalogue changes (analysis_state).
--   An obligation whose facts are not yet recorded stays in the scope until answered.

DROP TRIGGER clients_insert_ai_obligations;
DROP TRIGGER clients_update_ai_obligations;
DROP VIEW client_ai_obligations_derived;
DROP VIEW client_ai_roles_tiers;
DROP TABLE ai_tier_rules;

ALTER TABLE requirements ADD COLUMN ai_scope TEXT;

CREATE TABLE client_ai_stale (
    client_id TEXT PRIMARY KEY NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TRIGGER clients_insert_ai_stale AFTER INSERT ON clients
BEGIN
    INSERT OR IGNORE INTO client_ai_stale (client_id) VALUES (NEW.id);
END;

CREATE TRIGGER clients_update_ai_stale AFTER UPDATE OF profile ON clients
BEGIN
    INSERT OR IGNORE INTO client_ai_stale (client_id) VALUES (NEW.id);
END;

-- The installed catalogue has no ai_scope yet: reinstall it, then derive every client again.
UPDATE catalog_meta SET content_hash = '';
UPDATE analysis_state SET all_stale = 1;
