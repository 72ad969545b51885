-- The GDPR and NIS2 requirements a client owes follow its profile (rules R17 and R18): its GDPR
-- role and processing, its NIS2 entity type. The rule lives in one Rust function
-- (crate::recommend::regulatory_obligations), which the advice lists and the store writes here.
--
-- * client_reg_obligations: per client, the GDPR and NIS2 requirements that apply, or that an
--   unrecorded fact may bring (open = 1, in scope until answered). Rewritten by the store for
--   every client in client_ai_stale (marked by the profile triggers of 0008) and for every client
--   when the catalogue changes (analysis_state), like client_ai_obligations.
-- * analysis_units: GDPR and NIS2 requirements become units of their own, like the EU AI Act's
--   obligations, so a client's scope counts only those it owes. The NIST AI RMF stays whole.

CREATE TABLE client_reg_obligations (
    client_id      TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    framework      TEXT NOT NULL CHECK (framework IN ('gdpr', 'nis2')),
    requirement_id TEXT NOT NULL,
    open           INTEGER NOT NULL CHECK (open IN (0, 1)),
    PRIMARY KEY (client_id, framework, requirement_id)
) STRICT, WITHOUT ROWID;

DROP VIEW analysis_units;
CREATE VIEW analysis_units AS
SELECT framework, id AS requirement_id,
       CASE framework
           WHEN 'soc2' THEN coalesce(soc2_category, 'security')
           WHEN 'eu_ai_act' THEN id
           WHEN 'gdpr' THEN id
           WHEN 'nis2' THEN id
           ELSE ''
       END AS unit
FROM requirements
WHERE assessable = 1;

-- Summaries by the new units, and every client's obligations derived once.
UPDATE analysis_state SET all_stale = 1;
