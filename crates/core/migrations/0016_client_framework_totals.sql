-- Per client, the requirement counts of its current assessment by framework, for the portfolio
-- overview (issue 13: 10,000 clients under 100 ms).
--
-- The overview used to join every client's scope units to assessment_summary on every call: one
-- unit per GDPR, NIS2 and EU AI Act requirement the client owes, about 23 per client. The units a
-- client can have do not depend on its scope except for SOC 2, so they are summed here once per
-- client and framework (SOC 2 once per category: the scope picks security and its categories),
-- over the current assessment (assessment 0, "nothing assessed", for a client without one):
--
--  * ISO frameworks, the NIST AI RMF and imported frameworks: the unit '' (the whole framework);
--  * SOC 2: one row per category unit ('security', 'availability', ...); carved-out criteria
--    (unit 'carved_out') are left out, as no scope selects them;
--  * the EU AI Act: the obligations of the client's AI systems (client_ai_obligations);
--  * the GDPR and NIS2: the requirements the client owes (client_reg_obligations).
--
-- Derived data, rewritten by the store (store/assessment/summary.rs, refresh_client_totals) at the
-- end of every write, after the summaries and the obligations: for the clients marked in
-- client_totals_stale by the triggers below (an assessment added, removed, redated or marked
-- stale; a profile written), and for every client when the catalogue changed. Not packaged.

CREATE TABLE client_framework_totals (
    client_id      TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    framework      TEXT NOT NULL,
    -- '' except for SOC 2, where it is the category ('security', 'availability', ...).
    unit           TEXT NOT NULL,
    met            INTEGER NOT NULL,
    partial        INTEGER NOT NULL,
    unmet          INTEGER NOT NULL,
    not_applicable INTEGER NOT NULL,
    not_assessed   INTEGER NOT NULL,
    PRIMARY KEY (client_id, framework, unit)
) STRICT, WITHOUT ROWID;

-- The overview lists the active clients by name from this index alone (not reading the profiles).
CREATE INDEX clients_active_by_name ON clients (name COLLATE NOCASE, id) WHERE archived_at IS NULL;

-- The clients whose totals the next refresh rewrites.
CREATE TABLE client_totals_stale (
    client_id TEXT PRIMARY KEY NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TRIGGER client_totals_assessment_added AFTER INSERT ON assessments
WHEN NEW.client_id IS NOT NULL
BEGIN INSERT OR IGNORE INTO client_totals_stale (client_id) VALUES (NEW.client_id); END;

CREATE TRIGGER client_totals_assessment_removed AFTER DELETE ON assessments
WHEN OLD.client_id IS NOT NULL
BEGIN INSERT OR IGNORE INTO client_totals_stale (client_id) VALUES (OLD.client_id); END;

CREATE TRIGGER client_totals_assessment_moved AFTER UPDATE OF client_id, date ON assessments
BEGIN
    INSERT OR IGNORE INTO client_totals_stale (client_id)
    SELECT value FROM (SELECT NEW.client_id AS value UNION SELECT OLD.client_id) WHERE value IS NOT NULL;
END;

CREATE TRIGGER client_totals_assessment_stale AFTER UPDATE OF summary_stale ON assessments
WHEN NEW.summary_stale = 1 AND NEW.client_id IS NOT NULL
BEGIN INSERT OR IGNORE INTO client_totals_stale (client_id) VALUES (NEW.client_id); END;

-- A profile written (its obligations are rewritten in the same refresh).
CREATE TRIGGER client_totals_profile AFTER INSERT ON client_ai_stale
BEGIN INSERT OR IGNORE INTO client_totals_stale (client_id) VALUES (NEW.client_id); END;

-- Whatever is still to be refreshed (profiles whose obligations are pending, assessments marked
-- stale) is refreshed again, totals included, at the end of the next write.
INSERT OR IGNORE INTO client_totals_stale (client_id) SELECT client_id FROM client_ai_stale;
INSERT OR IGNORE INTO client_totals_stale (client_id)
SELECT client_id FROM assessments WHERE summary_stale = 1 AND client_id IS NOT NULL;

-- The current totals of every client, from the summaries and obligations as they stand. The same
-- statement as refresh_client_totals's.
INSERT INTO client_framework_totals
    (client_id, framework, unit, met, partial, unmet, not_applicable, not_assessed)
SELECT c.id, s.framework, CASE WHEN s.framework = 'soc2' THEN s.unit ELSE '' END,
       sum(s.met), sum(s.partial), sum(s.unmet), sum(s.not_applicable), sum(s.not_assessed)
FROM clients c
JOIN assessment_summary s
     ON s.assessment_id = coalesce((SELECT cur.assessment_id FROM current_assessments cur WHERE cur.client_id = c.id), 0)
WHERE CASE s.framework
          WHEN 'soc2' THEN s.unit <> 'carved_out'
          WHEN 'eu_ai_act' THEN EXISTS (
              SELECT 1 FROM client_ai_obligations o WHERE o.client_id = c.id AND o.requirement_id = s.unit)
          WHEN 'gdpr' THEN EXISTS (
              SELECT 1 FROM client_reg_obligations o
              WHERE o.client_id = c.id AND o.framework = 'gdpr' AND o.requirement_id = s.unit)
          WHEN 'nis2' THEN EXISTS (
              SELECT 1 FROM client_reg_obligations o
              WHERE o.client_id = c.id AND o.framework = 'nis2' AND o.requirement_id = s.unit)
          ELSE s.unit = ''
      END
GROUP BY c.id, s.framework, 3;
