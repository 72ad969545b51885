-- Defensible requirement statuses (issue 12, docs/analysis.md):
--
--  * jointly_sufficient: requirements that the subset controls mapped to them meet together, as
--    the catalogue declares (assets/catalog/jointly-sufficient.toml). Part of the shipped
--    catalogue, replaced with it. A requirement reached only through subset controls is met only
--    when it is listed here; otherwise it is partial at most.
--  * management-system requirements (clauses 4 to 10 of ISO/IEC 27001 and 42001, the entries of
--    kind clause and subclause) are never not applicable: a control recorded as not applicable
--    counts as not implemented for them.
--  * subservice_organisations, subservice_criteria: per client, the organisations that serve SOC 2
--    criteria for it, with the method the SOC 2 report uses for them (carve-out or inclusive). A
--    criterion every one of whose subservice organisations is carved out is outside the client's
--    SOC 2 scope (view client_carved_out); the summaries count it under the unit 'carved_out',
--    which no scope selects.
--
-- The views requirement_control_counts and requirement_status of 0003_assessment.sql are replaced
-- here with the rule above; the rule still lives in one place.

CREATE TABLE jointly_sufficient (
    framework   TEXT NOT NULL,
    requirement TEXT NOT NULL,
    PRIMARY KEY (framework, requirement),
    FOREIGN KEY (framework, requirement) REFERENCES requirements (framework, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE TRIGGER jointly_sufficient_insert_stale AFTER INSERT ON jointly_sufficient
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;
CREATE TRIGGER jointly_sufficient_delete_stale AFTER DELETE ON jointly_sufficient
BEGIN UPDATE analysis_state SET all_stale = 1 WHERE all_stale = 0; END;

-- The mappings that make a control part of a management-system requirement (equal, superset or
-- subset to a clause or subclause of ISO/IEC 27001 or 42001): such a control cannot be recorded
-- as not applicable (checked by the store when it is written).
CREATE VIEW management_system_mappings AS
SELECT m.control_id, m.framework, m.requirement_id, m.relationship, r.position
FROM all_mappings m
JOIN requirements r ON r.framework = m.framework AND r.id = m.requirement_id
WHERE m.framework IN ('iso27001', 'iso42001') AND r.kind IN ('clause', 'subclause')
  AND m.relationship IN ('equal', 'superset', 'subset');

DROP VIEW requirement_status;
DROP VIEW requirement_control_counts;

-- Per assessment and assessable requirement: how its mapped controls stand. A control without a
-- status row is not assessed. For a management-system requirement (a clause or subclause of
-- ISO/IEC 27001 or 42001) a control recorded as not applicable counts as not implemented: it is
-- neither counted as not applicable nor left out of the subsets. Query it with
-- `assessment_id = ?` or `IN (...)`: SQLite pushes that into the grouping and touches only those
-- assessments.
CREATE VIEW requirement_control_counts AS
SELECT a.id AS assessment_id, r.framework, r.id AS requirement_id,
       max(j.requirement IS NOT NULL) AS jointly,
       count(m.control_id) AS mapped,
       count(CASE WHEN s.status = 'not_applicable' AND NOT (r.kind IN ('clause', 'subclause') AND r.framework IN ('iso27001', 'iso42001')) THEN 1 END) AS not_applicable,
       count(CASE WHEN s.status = 'implemented' AND m.relationship IN ('equal', 'superset') THEN 1 END)
           AS whole_implemented,
       count(CASE WHEN m.relationship = 'subset'
                   AND (coalesce(s.status, '') <> 'not_applicable' OR (r.kind IN ('clause', 'subclause') AND r.framework IN ('iso27001', 'iso42001'))) THEN 1 END) AS subsets,
       count(CASE WHEN m.relationship = 'subset' AND s.status = 'implemented' THEN 1 END) AS subsets_implemented,
       count(CASE WHEN s.status IN ('implemented', 'partially_implemented') THEN 1 END) AS progressed,
       count(CASE WHEN m.control_id IS NOT NULL AND coalesce(s.status, 'not_assessed') = 'not_assessed' THEN 1 END)
           AS not_assessed
FROM assessments a
JOIN requirements r ON r.assessable = 1
LEFT JOIN jointly_sufficient j ON j.framework = r.framework AND j.requirement = r.id
LEFT JOIN all_mappings m ON m.framework = r.framework AND m.requirement_id = r.id
LEFT JOIN assessment_controls s ON s.assessment_id = a.id AND s.control_id = m.control_id
GROUP BY a.id, r.framework, r.id;

-- THE RULE (docs/analysis.md). In order, the first that holds:
--   unmet           no control is mapped (nothing can meet it);
--   not_applicable  every mapped control is not applicable (never for a management-system
--                   requirement: there not applicable counts as not implemented);
--   met             an equal or superset control is implemented, or the requirement is declared
--                   jointly sufficient, at least one subset control is applicable and every
--                   applicable subset control is implemented;
--   partial         some mapped control is implemented or partially implemented;
--   not_assessed    no applicable mapped control has been assessed yet (counts as unmet);
--   unmet           otherwise.
-- intersect controls never make a requirement met, and subset controls only together and only
-- where the catalogue declares them sufficient: otherwise they lift it to partial at most.
CREATE VIEW requirement_status AS
SELECT assessment_id, framework, requirement_id,
       CASE
           WHEN mapped = 0 THEN 'unmet'
           WHEN not_applicable = mapped THEN 'not_applicable'
           WHEN whole_implemented > 0 OR (jointly AND subsets > 0 AND subsets_implemented = subsets) THEN 'met'
           WHEN progressed > 0 THEN 'partial'
           WHEN not_assessed = mapped - not_applicable THEN 'not_assessed'
           ELSE 'unmet'
       END AS status
FROM requirement_control_counts;

-- Subservice organisations of a client and the SOC 2 criteria each serves.
CREATE TABLE subservice_organisations (
    client_id  TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    name       TEXT NOT NULL CHECK (trim(name) <> ''),
    method     TEXT NOT NULL CHECK (method IN ('carve_out', 'inclusive')),
    -- What the organisation does for the client (hosting, payments, ...).
    services   TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (client_id, name)
) STRICT;

CREATE TABLE subservice_criteria (
    client_id    TEXT NOT NULL,
    organisation TEXT NOT NULL,
    criterion    TEXT NOT NULL,
    PRIMARY KEY (client_id, organisation, criterion),
    FOREIGN KEY (client_id, organisation) REFERENCES subservice_organisations (client_id, name) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE INDEX subservice_criteria_by_criterion ON subservice_criteria (client_id, criterion);

-- The SOC 2 criteria a client carved out: every subservice organisation recorded for the
-- criterion uses the carve-out method.
CREATE VIEW client_carved_out AS
SELECT c.client_id, c.criterion
FROM subservice_criteria c
JOIN subservice_organisations o ON o.client_id = c.client_id AND o.name = c.organisation
GROUP BY c.client_id, c.criterion
HAVING min(o.method = 'carve_out') = 1;

CREATE TRIGGER subservice_organisations_insert_stale AFTER INSERT ON subservice_organisations
BEGIN UPDATE assessments SET summary_stale = 1 WHERE client_id = NEW.client_id AND summary_stale = 0; END;
CREATE TRIGGER subservice_organisations_update_stale AFTER UPDATE ON subservice_organisations
BEGIN UPDATE assessments SET summary_stale = 1 WHERE client_id IN (NEW.client_id, OLD.client_id) AND summary_stale = 0; END;
CREATE TRIGGER subservice_organisations_delete_stale AFTER DELETE ON subservice_organisations
BEGIN UPDATE assessments SET summary_stale = 1 WHERE client_id = OLD.client_id AND summary_stale = 0; END;
CREATE TRIGGER subservice_criteria_insert_stale AFTER INSERT ON subservice_criteria
BEGIN UPDATE assessments SET summary_stale = 1 WHERE client_id = NEW.client_id AND summary_stale = 0; END;
CREATE TRIGGER subservice_criteria_delete_stale AFTER DELETE ON subservice_criteria
BEGIN UPDATE assessments SET summary_stale = 1 WHERE client_id = OLD.client_id AND summary_stale = 0; END;

-- Every summary was built with the old rule.
UPDATE analysis_state SET all_stale = 1;

-- The audit trail (0005_audit.sql) records subservice organisations as scope changes: key
-- `subservice` with the organisation, `subservice_criterion` with [organisation, criterion].
CREATE TRIGGER audit_subservice_insert AFTER INSERT ON subservice_organisations
WHEN (SELECT suspended FROM audit_state) = 0
BEGIN
    INSERT INTO audit_log (client_id, at, entity, key, action, new_value)
    VALUES (NEW.client_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'scope', 'subservice', 'insert',
            json_object('name', NEW.name, 'method', NEW.method, 'services', NEW.services));
END;

CREATE TRIGGER audit_subservice_delete AFTER DELETE ON subservice_organisations
WHEN (SELECT suspended FROM audit_state) = 0 AND EXISTS (SELECT 1 FROM clients WHERE id = OLD.client_id)
BEGIN
    INSERT INTO audit_log (client_id, at, entity, key, action, old_value)
    VALUES (OLD.client_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'scope', 'subservice', 'delete',
            json_object('name', OLD.name, 'method', OLD.method, 'services', OLD.services));
END;

CREATE TRIGGER audit_subservice_criterion_insert AFTER INSERT ON subservice_criteria
WHEN (SELECT suspended FROM audit_state) = 0
BEGIN
    INSERT INTO audit_log (client_id, at, entity, key, action, new_value)
    VALUES (NEW.client_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'scope', 'subservice_criterion', 'insert',
            json_array(NEW.organisation, NEW.criterion));
END;

CREATE TRIGGER audit_subservice_criterion_delete AFTER DELETE ON subservice_criteria
WHEN (SELECT suspended FROM audit_state) = 0 AND EXISTS (SELECT 1 FROM clients WHERE id = OLD.client_id)
BEGIN
    INSERT INTO audit_log (client_id, at, entity, key, action, old_value)
    VALUES (OLD.client_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'scope', 'subservice_criterion', 'delete',
            json_array(OLD.organisation, OLD.criterion));
END;
