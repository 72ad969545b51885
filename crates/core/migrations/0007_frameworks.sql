-- More frameworks: the keywords of the GDPR, NIS2 and the NIST AI RMF, and frameworks a consultant
-- imports (from an OSCAL catalog).
--
--  * frameworks and requirements are rebuilt with the new keywords (framework kind `guidance`;
--    requirement kinds `paragraph`, `point`, `function`, `subcategory`, `group`) and two columns
--    on frameworks: `custom` (1 for an imported framework) and `source` (where an imported one came
--    from). Their rows, and those of the tables that hang off them, are the shipped catalogue,
--    which is installed again on the next open (catalog_meta is emptied): nothing of the
--    consultant's is lost here, as no custom framework existed before this version.
--  * An imported framework lives in the same two tables (ids starting with `x_`, positions from
--    1001), so every analysis reads it like a shipped one; a catalogue install leaves it alone.
--    Its mappings are custom mappings.
--  * custom_mappings get a note: why the consultant mapped it so (from an import's mapping file).
--  * scope_frameworks accepts any framework id (a shipped or an imported one); the store checks the
--    id against the installed frameworks when a scope is chosen.

DROP TABLE mappings;
DROP TABLE requirement_roles;
DROP TABLE requirement_tiers;
DROP TABLE requirements;
DROP TABLE frameworks;
DELETE FROM catalog_meta;

CREATE TABLE frameworks (
    id       TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL UNIQUE,
    name     TEXT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('certification', 'attestation', 'regulation', 'guidance')),
    title_en TEXT NOT NULL,
    title_de TEXT NOT NULL,
    -- 1 for a framework the consultant imported: an install of the shipped catalogue keeps it.
    custom   INTEGER NOT NULL DEFAULT 0 CHECK (custom IN (0, 1)),
    -- For an imported framework: where it came from (file, title, version, OSCAL version, date).
    source   TEXT,
    CHECK (custom = 0 OR (id GLOB 'x_?*' AND position > 1000 AND source IS NOT NULL)),
    CHECK (custom = 1 OR (id NOT GLOB 'x_*' AND position <= 1000))
) STRICT;

CREATE TABLE requirements (
    framework     TEXT NOT NULL REFERENCES frameworks (id) ON DELETE CASCADE,
    id            TEXT NOT NULL,
    parent        TEXT,
    position      INTEGER NOT NULL,
    depth         INTEGER NOT NULL CHECK (depth >= 0),
    kind          TEXT NOT NULL CHECK (kind IN ('clause', 'subclause', 'annex', 'theme', 'objective',
                                                'control', 'category', 'series', 'criterion', 'chapter',
                                                'section', 'article', 'prohibited_practice', 'obligation',
                                                'paragraph', 'point', 'function', 'subcategory', 'group')),
    assessable    INTEGER NOT NULL CHECK (assessable IN (0, 1)),
    title_en      TEXT NOT NULL,
    title_de      TEXT NOT NULL,
    soc2_category TEXT CHECK (soc2_category IN ('security', 'availability', 'confidentiality',
                                                'processing_integrity', 'privacy')),
    applies_from  TEXT REFERENCES milestones (id),
    PRIMARY KEY (framework, id),
    UNIQUE (framework, position),
    FOREIGN KEY (framework, parent) REFERENCES requirements (framework, id) ON DELETE CASCADE
) STRICT;

CREATE INDEX requirements_by_parent ON requirements (framework, parent);

CREATE TABLE requirement_roles (
    framework   TEXT NOT NULL,
    requirement TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('provider', 'deployer', 'importer', 'distributor',
                                              'authorised_representative', 'product_manufacturer')),
    PRIMARY KEY (framework, requirement, role),
    FOREIGN KEY (framework, requirement) REFERENCES requirements (framework, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE TABLE requirement_tiers (
    framework   TEXT NOT NULL,
    requirement TEXT NOT NULL,
    tier        TEXT NOT NULL CHECK (tier IN ('prohibited', 'high_risk_annex_i', 'high_risk_annex_iii',
                                              'transparency', 'minimal', 'gpai', 'gpai_systemic')),
    PRIMARY KEY (framework, requirement, tier),
    FOREIGN KEY (framework, requirement) REFERENCES requirements (framework, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE TABLE mappings (
    control_id     TEXT NOT NULL REFERENCES controls (id) ON DELETE CASCADE,
    framework      TEXT NOT NULL,
    requirement_id TEXT NOT NULL,
    relationship   TEXT NOT NULL CHECK (relationship IN ('equal', 'subset', 'superset', 'intersect')),
    PRIMARY KEY (control_id, framework, requirement_id),
    FOREIGN KEY (framework, requirement_id) REFERENCES requirements (framework, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE INDEX mappings_by_requirement ON mappings (framework, requirement_id);

-- The triggers of 0003_assessment.sql went with the tables; the same again.
CREATE TRIGGER mappings_insert_stale AFTER INSERT ON mappings
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;
CREATE TRIGGER mappings_update_stale AFTER UPDATE ON mappings
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;
CREATE TRIGGER mappings_delete_stale AFTER DELETE ON mappings
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;
CREATE TRIGGER requirements_insert_stale AFTER INSERT ON requirements
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;
CREATE TRIGGER requirements_update_stale AFTER UPDATE ON requirements
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;
CREATE TRIGGER requirements_delete_stale AFTER DELETE ON requirements
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;
CREATE TRIGGER frameworks_insert_stale AFTER INSERT ON frameworks
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;
CREATE TRIGGER frameworks_delete_stale AFTER DELETE ON frameworks
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;
CREATE TRIGGER requirement_roles_insert_stale AFTER INSERT ON requirement_roles
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;
CREATE TRIGGER requirement_roles_delete_stale AFTER DELETE ON requirement_roles
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;
CREATE TRIGGER requirement_tiers_insert_stale AFTER INSERT ON requirement_tiers
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;
CREATE TRIGGER requirement_tiers_delete_stale AFTER DELETE ON requirement_tiers
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;

UPDATE analysis_state SET all_stale = 1;

-- scope_frameworks without the closed list of ids, its rows and audit triggers kept.
CREATE TEMP TABLE scope_frameworks_0007 AS SELECT client_id, framework FROM scope_frameworks;
DROP TABLE scope_frameworks;
CREATE TABLE scope_frameworks (
    client_id TEXT NOT NULL REFERENCES client_scopes (client_id) ON DELETE CASCADE,
    framework TEXT NOT NULL CHECK (framework GLOB '[a-z]*' AND framework NOT GLOB '*[^a-z0-9_]*'),
    PRIMARY KEY (client_id, framework)
) STRICT, WITHOUT ROWID;
INSERT INTO scope_frameworks (client_id, framework) SELECT client_id, framework FROM scope_frameworks_0007;
DROP TABLE scope_frameworks_0007;

CREATE TRIGGER audit_scope_framework_insert AFTER INSERT ON scope_frameworks
WHEN (SELECT suspended FROM audit_state) = 0
BEGIN
    INSERT INTO audit_log (client_id, at, entity, key, action, new_value)
    VALUES (NEW.client_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'scope', 'framework', 'insert',
            json_quote(NEW.framework));
END;

CREATE TRIGGER audit_scope_framework_delete AFTER DELETE ON scope_frameworks
WHEN (SELECT suspended FROM audit_state) = 0 AND EXISTS (SELECT 1 FROM clients WHERE id = OLD.client_id)
BEGIN
    INSERT INTO audit_log (client_id, at, entity, key, action, old_value)
    VALUES (OLD.client_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'scope', 'framework', 'delete',
            json_quote(OLD.framework));
END;

ALTER TABLE custom_mappings ADD COLUMN note TEXT NOT NULL DEFAULT '';
