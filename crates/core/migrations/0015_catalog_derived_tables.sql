-- Three facts of the catalogue that every analysis reads, kept as tables instead of views.
--
--  * effective_mappings: the mappings that count (the view all_mappings: the shipped ones and the
--    custom ones without a problem). As a view it was a UNION ALL that SQLite evaluated in full,
--    with a temporary index, for every analysis; as a table it is read through its key.
--  * requirement_ancestors: each requirement with its ancestors, itself included (was a
--    recursive view over the whole catalogue, evaluated in full for every analysis and SoA).
--  * requirement_units: every assessable requirement by its unit of scope (the view
--    analysis_units, which defines them), keyed by (framework, unit) so that a client's scope
--    finds its requirements through the key instead of comparing every requirement with every
--    unit.
--
-- Both are derived from the catalogue only (frameworks, requirements, controls, mappings, custom
-- controls and custom mappings), whose every change marks the analysis stale
-- (analysis_state.all_stale, triggers of 0002, 0003 and 0007). The store rebuilds them from their
-- definitions (store/assessment/summary.rs, rebuild_catalog_tables) first thing when it brings a
-- stale analysis up to date at the end of a write, so a committed database never holds a stale row.
-- all_mappings and analysis_units stay the definitions.
--
-- requirement_control_counts and requirement_status are recreated over effective_mappings with
-- the rule of 0011 unchanged: this file holds the rule now.

CREATE TABLE effective_mappings (
    framework      TEXT NOT NULL,
    requirement_id TEXT NOT NULL,
    control_id     TEXT NOT NULL,
    relationship   TEXT NOT NULL CHECK (relationship IN ('equal', 'subset', 'superset', 'intersect')),
    custom         INTEGER NOT NULL CHECK (custom IN (0, 1)),
    PRIMARY KEY (framework, requirement_id, control_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX effective_mappings_by_control ON effective_mappings (control_id);

DROP VIEW requirement_ancestors;

CREATE TABLE requirement_ancestors (
    framework           TEXT NOT NULL,
    requirement_id      TEXT NOT NULL,
    ancestor_id         TEXT NOT NULL,
    ancestor_depth      INTEGER NOT NULL,
    ancestor_kind       TEXT NOT NULL,
    ancestor_assessable INTEGER NOT NULL,
    ancestor_position   INTEGER NOT NULL,
    PRIMARY KEY (framework, requirement_id, ancestor_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX requirement_ancestors_by_ancestor ON requirement_ancestors (framework, ancestor_id);

CREATE TABLE requirement_units (
    framework      TEXT NOT NULL,
    unit           TEXT NOT NULL,
    requirement_id TEXT NOT NULL,
    PRIMARY KEY (framework, unit, requirement_id)
) STRICT, WITHOUT ROWID;

DROP VIEW requirement_status;
DROP VIEW requirement_control_counts;

-- Per assessment and assessable requirement: how its mapped controls stand (as in 0011). A
-- control without a status row is not assessed. For a management-system requirement (a clause or
-- subclause of ISO/IEC 27001 or 42001) a control recorded as not applicable counts as not
-- implemented. Query it with `assessment_id = ?` or `IN (...)`: SQLite pushes that into the
-- grouping and touches only those assessments.
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
LEFT JOIN effective_mappings m ON m.framework = r.framework AND m.requirement_id = r.id
LEFT JOIN assessment_controls s ON s.assessment_id = a.id AND s.control_id = m.control_id
GROUP BY a.id, r.framework, r.id;

-- THE RULE (docs/analysis.md), unchanged from 0011. In order, the first that holds:
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

-- The three tables are filled, and every summary recomputed, by the store's rebuild after the
-- migrations.
UPDATE analysis_state SET all_stale = 1;
