-- Gap assessment and analysis (docs/analysis.md).
--
--  * client_scopes, scope_frameworks, scope_soc2_categories: the frameworks and SOC 2 categories a
--    consultant chose for a client. A client without a row here has the default scope, computed
--    from the recommendation; the EU AI Act obligations are not chosen but derived from the
--    client's AI systems (view client_ai_obligations_derived, kept as rows in
--    client_ai_obligations).
--  * assessments: dated snapshots of a client's control statuses; the latest is the current one.
--  * assessment_controls: one row per control that has been assessed or annotated. A control
--    without a row is not assessed.
--  * requirement_status (view): the status of every assessable requirement in every assessment,
--    derived from its mapped controls and their relationships. This is the one place the rule
--    lives.
--  * assessment_summary: per assessment, requirement counts by status for each scope unit (see
--    analysis_units), kept current inside every write transaction (store/assessment/summary.rs);
--    the portfolio overview and the history read it instead of re-deriving every requirement.
--
-- Rows here carry no foreign keys into the catalogue tables (control ids, framework ids), for the
-- reason given in 0002_catalog.sql: a catalogue update must never delete a consultant's work. A
-- status of a control the catalogue no longer has is kept and takes no part in the analysis.

CREATE TABLE client_scopes (
    client_id  TEXT PRIMARY KEY NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE scope_frameworks (
    client_id TEXT NOT NULL REFERENCES client_scopes (client_id) ON DELETE CASCADE,
    framework TEXT NOT NULL CHECK (framework IN ('iso27001', 'soc2', 'iso42001', 'eu_ai_act')),
    PRIMARY KEY (client_id, framework)
) STRICT, WITHOUT ROWID;

-- SOC 2 categories beyond security (security is always in scope with SOC 2).
CREATE TABLE scope_soc2_categories (
    client_id TEXT NOT NULL REFERENCES client_scopes (client_id) ON DELETE CASCADE,
    category  TEXT NOT NULL CHECK (category IN ('availability', 'confidentiality', 'processing_integrity',
                                                'privacy')),
    PRIMARY KEY (client_id, category)
) STRICT, WITHOUT ROWID;

-- Assessment 0, the only one without a client, stands for "nothing assessed yet": every client
-- without an assessment reads as it (see requirement_status and assessment_summary).
CREATE TABLE assessments (
    id            INTEGER PRIMARY KEY,
    client_id     TEXT REFERENCES clients (id) ON DELETE CASCADE CHECK (client_id IS NOT NULL OR id = 0),
    date          TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    -- 1 while assessment_summary does not reflect the rows below; cleared before commit.
    summary_stale INTEGER NOT NULL DEFAULT 1 CHECK (summary_stale IN (0, 1)),
    UNIQUE (client_id, date)
) STRICT;

CREATE INDEX assessments_stale ON assessments (summary_stale) WHERE summary_stale = 1;

INSERT INTO assessments (id, client_id, date, created_at, updated_at) VALUES (0, NULL, '0000-01-01', '', '');

CREATE TABLE assessment_controls (
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    control_id    TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('not_assessed', 'not_implemented', 'partially_implemented',
                                                  'implemented', 'not_applicable')),
    notes         TEXT NOT NULL DEFAULT '',
    -- Evidence references, a JSON array of strings.
    evidence      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(evidence) AND json_type(evidence) = 'array'),
    owner         TEXT NOT NULL DEFAULT '',
    due           TEXT CHECK (due IS NULL OR due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    justification TEXT NOT NULL DEFAULT '',
    updated_at    TEXT NOT NULL,
    CHECK (status <> 'not_applicable' OR trim(justification) <> ''),
    PRIMARY KEY (assessment_id, control_id)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER assessment_controls_insert AFTER INSERT ON assessment_controls
BEGIN
    UPDATE assessments SET summary_stale = 1 WHERE id = NEW.assessment_id AND summary_stale = 0;
END;

CREATE TRIGGER assessment_controls_update AFTER UPDATE OF status, control_id, assessment_id ON assessment_controls
BEGIN
    UPDATE assessments SET summary_stale = 1
    WHERE id IN (NEW.assessment_id, OLD.assessment_id) AND summary_stale = 0;
END;

CREATE TRIGGER assessment_controls_delete AFTER DELETE ON assessment_controls
BEGIN
    UPDATE assessments SET summary_stale = 1 WHERE id = OLD.assessment_id AND summary_stale = 0;
END;

-- One flag for "every summary is stale": set by any change to what a requirement status is derived
-- from (the catalogue and the consultant's own entries), cleared when the summaries are rebuilt.
CREATE TABLE analysis_state (
    singleton INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
    all_stale INTEGER NOT NULL CHECK (all_stale IN (0, 1))
) STRICT;

INSERT INTO analysis_state (singleton, all_stale) VALUES (1, 1);

CREATE TRIGGER mappings_insert_stale AFTER INSERT ON mappings
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;
CREATE TRIGGER mappings_update_stale AFTER UPDATE ON mappings
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;
CREATE TRIGGER mappings_delete_stale AFTER DELETE ON mappings
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;
CREATE TRIGGER custom_mappings_insert_stale AFTER INSERT ON custom_mappings
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;
CREATE TRIGGER custom_mappings_update_stale AFTER UPDATE ON custom_mappings
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;
CREATE TRIGGER custom_mappings_delete_stale AFTER DELETE ON custom_mappings
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;
CREATE TRIGGER requirements_insert_stale AFTER INSERT ON requirements
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;
CREATE TRIGGER requirements_update_stale AFTER UPDATE ON requirements
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;
CREATE TRIGGER requirements_delete_stale AFTER DELETE ON requirements
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;
CREATE TRIGGER controls_insert_stale AFTER INSERT ON controls
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;
CREATE TRIGGER controls_delete_stale AFTER DELETE ON controls
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;
CREATE TRIGGER custom_controls_insert_stale AFTER INSERT ON custom_controls
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;
CREATE TRIGGER custom_controls_delete_stale AFTER DELETE ON custom_controls
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;
CREATE TRIGGER frameworks_insert_stale AFTER INSERT ON frameworks
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;
CREATE TRIGGER frameworks_delete_stale AFTER DELETE ON frameworks
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;

-- The catalogue tiers a profile's AI system falls under, by its risk tier keyword and its
-- general-purpose flags. Written by the store from crate::recommend::tiers_of (the rule lives in
-- Rust; this is its table of values, rewritten on open whenever it differs).
CREATE TABLE ai_tier_rules (
    risk_tier       TEXT NOT NULL,
    general_purpose INTEGER NOT NULL CHECK (general_purpose IN (0, 1)),
    systemic_risk   INTEGER NOT NULL CHECK (systemic_risk IN (0, 1)),
    tier            TEXT NOT NULL CHECK (tier IN ('prohibited', 'high_risk_annex_i', 'high_risk_annex_iii',
                                                  'transparency', 'minimal', 'gpai', 'gpai_systemic')),
    PRIMARY KEY (risk_tier, general_purpose, systemic_risk, tier)
) STRICT, WITHOUT ROWID;

-- Every (role, tier) a client's AI systems put it in: each role of a system with each tier of it.
CREATE VIEW client_ai_roles_tiers AS
SELECT DISTINCT c.id AS client_id, role.value AS role, t.tier
FROM clients c
JOIN json_each(c.profile, '$.ai_systems') AS s
JOIN json_each(s.value, '$.roles') AS role
JOIN ai_tier_rules t
  ON t.risk_tier = json_extract(s.value, '$.risk.tier')
 AND t.general_purpose = coalesce(json_extract(s.value, '$.general_purpose'), 0)
 AND t.systemic_risk = coalesce(json_extract(s.value, '$.systemic_risk'), 0);

-- The EU AI Act obligations (assessable requirements) that apply to a client, derived from its
-- profile: one of its AI systems holds a role the obligation names and falls under a tier it names.
CREATE VIEW client_ai_obligations_derived AS
SELECT DISTINCT p.client_id, rr.requirement AS requirement_id
FROM client_ai_roles_tiers p
JOIN requirement_roles rr ON rr.framework = 'eu_ai_act' AND rr.role = p.role
JOIN requirement_tiers rt ON rt.framework = rr.framework AND rt.requirement = rr.requirement AND rt.tier = p.tier
JOIN requirements r ON r.framework = rr.framework AND r.id = rr.requirement AND r.assessable = 1;

-- The same, kept as rows so that the portfolio overview does not parse every profile: rewritten
-- for a client by the triggers below whenever its profile is written, and for every client when
-- the catalogue or the tier table changes (analysis_state.all_stale, store/assessment/summary.rs).
CREATE TABLE client_ai_obligations (
    client_id      TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    requirement_id TEXT NOT NULL,
    PRIMARY KEY (client_id, requirement_id)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER clients_insert_ai_obligations AFTER INSERT ON clients
BEGIN
    INSERT INTO client_ai_obligations (client_id, requirement_id)
    SELECT client_id, requirement_id FROM client_ai_obligations_derived WHERE client_id = NEW.id;
END;

CREATE TRIGGER clients_update_ai_obligations AFTER UPDATE OF profile ON clients
BEGIN
    DELETE FROM client_ai_obligations WHERE client_id = NEW.id;
    INSERT INTO client_ai_obligations (client_id, requirement_id)
    SELECT client_id, requirement_id FROM client_ai_obligations_derived WHERE client_id = NEW.id;
END;

CREATE TRIGGER requirement_roles_insert_stale AFTER INSERT ON requirement_roles
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;
CREATE TRIGGER requirement_roles_delete_stale AFTER DELETE ON requirement_roles
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;
CREATE TRIGGER requirement_tiers_insert_stale AFTER INSERT ON requirement_tiers
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;
CREATE TRIGGER requirement_tiers_delete_stale AFTER DELETE ON requirement_tiers
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;
CREATE TRIGGER ai_tier_rules_insert_stale AFTER INSERT ON ai_tier_rules
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;
CREATE TRIGGER ai_tier_rules_delete_stale AFTER DELETE ON ai_tier_rules
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;

-- The unit of scope of every assessable requirement: SOC 2 criteria by category, EU AI Act
-- obligations one by one, the ISO frameworks whole ('').
CREATE VIEW analysis_units AS
SELECT framework, id AS requirement_id,
       CASE framework
           WHEN 'soc2' THEN coalesce(soc2_category, 'security')
           WHEN 'eu_ai_act' THEN id
           ELSE ''
       END AS unit
FROM requirements
WHERE assessable = 1;

-- Each requirement with its ancestors (itself included), for roll-ups by clause, theme, objective,
-- category or series.
CREATE VIEW requirement_ancestors AS
WITH RECURSIVE up (framework, requirement_id, ancestor) AS (
    SELECT framework, id, id FROM requirements
    UNION ALL
    SELECT up.framework, up.requirement_id, r.parent
    FROM up JOIN requirements r ON r.framework = up.framework AND r.id = up.ancestor
    WHERE r.parent IS NOT NULL
)
SELECT up.framework, up.requirement_id, a.id AS ancestor_id, a.depth AS ancestor_depth, a.kind AS ancestor_kind,
       a.assessable AS ancestor_assessable, a.position AS ancestor_position
FROM up JOIN requirements a ON a.framework = up.framework AND a.id = up.ancestor;

-- Per assessment and assessable requirement: how its mapped controls stand. A control without a
-- status row is not assessed (so assessment 0 reads as nothing assessed). Query it with
-- `assessment_id = ?` or `IN (...)`: SQLite pushes that into the grouping and touches only those
-- assessments.
CREATE VIEW requirement_control_counts AS
SELECT a.id AS assessment_id, r.framework, r.id AS requirement_id,
       count(m.control_id) AS mapped,
       count(CASE WHEN s.status = 'not_applicable' THEN 1 END) AS not_applicable,
       count(CASE WHEN s.status = 'implemented' AND m.relationship IN ('equal', 'superset') THEN 1 END)
           AS whole_implemented,
       count(CASE WHEN m.relationship = 'subset' AND coalesce(s.status, '') <> 'not_applicable' THEN 1 END)
           AS subsets,
       count(CASE WHEN m.relationship = 'subset' AND s.status = 'implemented' THEN 1 END) AS subsets_implemented,
       count(CASE WHEN s.status IN ('implemented', 'partially_implemented') THEN 1 END) AS progressed,
       count(CASE WHEN m.control_id IS NOT NULL AND coalesce(s.status, 'not_assessed') = 'not_assessed' THEN 1 END)
           AS not_assessed
FROM assessments a
JOIN requirements r ON r.assessable = 1
LEFT JOIN all_mappings m ON m.framework = r.framework AND m.requirement_id = r.id
LEFT JOIN assessment_controls s ON s.assessment_id = a.id AND s.control_id = m.control_id
GROUP BY a.id, r.framework, r.id;

-- THE RULE (docs/analysis.md). In order, the first that holds:
--   unmet           no control is mapped (nothing can meet it);
--   not_applicable  every mapped control is not applicable;
--   met             an equal or superset control is implemented, or at least one subset control
--                   is applicable and every applicable subset control is implemented;
--   partial         some mapped control is implemented or partially implemented;
--   not_assessed    no applicable mapped control has been assessed yet (counts as unmet);
--   unmet           otherwise.
-- intersect controls never make a requirement met: they lift it to partial at most.
CREATE VIEW requirement_status AS
SELECT assessment_id, framework, requirement_id,
       CASE
           WHEN mapped = 0 THEN 'unmet'
           WHEN not_applicable = mapped THEN 'not_applicable'
           WHEN whole_implemented > 0 OR (subsets > 0 AND subsets_implemented = subsets) THEN 'met'
           WHEN progressed > 0 THEN 'partial'
           WHEN not_assessed = mapped - not_applicable THEN 'not_assessed'
           ELSE 'unmet'
       END AS status
FROM requirement_control_counts;

-- Requirement counts by status for each scope unit of an assessment (0: nothing assessed yet).
-- `unmet` includes `not_assessed`; met + partial + unmet + not_applicable is the number of
-- requirements of the unit.
CREATE TABLE assessment_summary (
    assessment_id  INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    framework      TEXT NOT NULL,
    unit           TEXT NOT NULL,
    met            INTEGER NOT NULL,
    partial        INTEGER NOT NULL,
    unmet          INTEGER NOT NULL,
    not_applicable INTEGER NOT NULL,
    not_assessed   INTEGER NOT NULL,
    PRIMARY KEY (assessment_id, framework, unit)
) STRICT, WITHOUT ROWID;

-- The current assessment of each client: its latest.
CREATE VIEW current_assessments AS
SELECT a.client_id, a.id AS assessment_id, a.date
FROM assessments a
WHERE a.client_id IS NOT NULL AND a.date = (SELECT max(b.date) FROM assessments b WHERE b.client_id = a.client_id);
