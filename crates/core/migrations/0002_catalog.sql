-- The unified control catalogue.
--
-- Two kinds of rows live here:
--  * the shipped catalogue (catalog_meta, domains, frameworks, requirements, requirement_roles,
--    requirement_tiers, controls, mappings, milestones, milestone_tiers). It is replaced whole, in
--    one transaction, whenever the catalogue compiled into the build differs from the installed one
--    (catalog_meta.content_hash). Nothing else writes these tables.
--  * the consultant's own entries (custom_controls, custom_mappings). A catalogue install never
--    touches them.
--
-- Custom rows deliberately carry no foreign keys into the shipped tables: an update may drop or
-- regroup a requirement, a control or a domain, and a foreign key would then either block the
-- install or silently delete the consultant's work. Instead a custom row whose reference no longer
-- resolves is kept and reported (view custom_mapping_problems / custom_control_problems) and left
-- out of all_mappings, the view every analysis reads.
--
-- Texts a person reads are stored in both languages (_en, _de). Keywords are checked here as well
-- as in the loader, so a bug cannot store a value the code does not know.

CREATE TABLE catalog_meta (
    singleton    INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
    version      TEXT NOT NULL,
    date         TEXT NOT NULL,
    -- FNV-1a 64 over the catalogue files, 16 hex digits (catalog::content_hash).
    content_hash TEXT NOT NULL CHECK (length(content_hash) = 16),
    installed_at TEXT NOT NULL
) STRICT;

CREATE TABLE domains (
    id       TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL UNIQUE,
    name_en  TEXT NOT NULL,
    name_de  TEXT NOT NULL
) STRICT;

CREATE TABLE milestones (
    id       TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL UNIQUE,
    -- YYYY-MM-DD; the earliest when the date depends on the tier.
    date     TEXT NOT NULL,
    title_en TEXT NOT NULL,
    title_de TEXT NOT NULL,
    source   TEXT NOT NULL
) STRICT;

-- Milestone dates that differ by EU AI Act tier.
CREATE TABLE milestone_tiers (
    milestone TEXT NOT NULL REFERENCES milestones (id) ON DELETE CASCADE,
    tier      TEXT NOT NULL CHECK (tier IN ('prohibited', 'high_risk_annex_i', 'high_risk_annex_iii',
                                            'transparency', 'minimal', 'gpai', 'gpai_systemic')),
    date      TEXT NOT NULL,
    PRIMARY KEY (milestone, tier)
) STRICT;

CREATE TABLE frameworks (
    id       TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL UNIQUE,
    name     TEXT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('certification', 'attestation', 'regulation')),
    title_en TEXT NOT NULL,
    title_de TEXT NOT NULL
) STRICT;

-- Requirements of every framework. `position` is the tree order within the framework (each entry
-- followed by its children), so ORDER BY position lists a framework as a reader expects it and a
-- roll-up can group consecutive rows. `assessable` is 1 for leaves: only they are mapped and
-- assessed; the groupings above them are for navigation and roll-up.
CREATE TABLE requirements (
    framework     TEXT NOT NULL REFERENCES frameworks (id) ON DELETE CASCADE,
    id            TEXT NOT NULL,
    parent        TEXT,
    position      INTEGER NOT NULL,
    depth         INTEGER NOT NULL CHECK (depth >= 0),
    kind          TEXT NOT NULL CHECK (kind IN ('clause', 'subclause', 'annex', 'theme', 'objective',
                                                'control', 'category', 'series', 'criterion', 'chapter',
                                                'section', 'article', 'prohibited_practice', 'obligation')),
    assessable    INTEGER NOT NULL CHECK (assessable IN (0, 1)),
    title_en      TEXT NOT NULL,
    title_de      TEXT NOT NULL,
    -- SOC 2 only: the category of the top-level ancestor.
    soc2_category TEXT CHECK (soc2_category IN ('security', 'availability', 'confidentiality',
                                                'processing_integrity', 'privacy')),
    -- EU AI Act leaves only: the milestone from which the obligation applies.
    applies_from  TEXT REFERENCES milestones (id),
    PRIMARY KEY (framework, id),
    UNIQUE (framework, position),
    FOREIGN KEY (framework, parent) REFERENCES requirements (framework, id) ON DELETE CASCADE
) STRICT;

CREATE INDEX requirements_by_parent ON requirements (framework, parent);

-- EU AI Act: the operator roles and the tiers an obligation applies to, one row each, so an
-- analysis can join them to a client's AI systems.
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

CREATE TABLE controls (
    id           TEXT PRIMARY KEY NOT NULL CHECK (id GLOB 'CW-*'),
    position     INTEGER NOT NULL UNIQUE,
    domain       TEXT NOT NULL REFERENCES domains (id),
    effort       TEXT NOT NULL CHECK (effort IN ('XS', 'S', 'M', 'L', 'XL')),
    title_en     TEXT NOT NULL,
    title_de     TEXT NOT NULL,
    objective_en TEXT NOT NULL,
    objective_de TEXT NOT NULL,
    evidence_en  TEXT NOT NULL,
    evidence_de  TEXT NOT NULL
) STRICT;

CREATE INDEX controls_by_domain ON controls (domain);

-- The shipped crosswalk: a control serves an assessable requirement.
CREATE TABLE mappings (
    control_id     TEXT NOT NULL REFERENCES controls (id) ON DELETE CASCADE,
    framework      TEXT NOT NULL,
    requirement_id TEXT NOT NULL,
    relationship   TEXT NOT NULL CHECK (relationship IN ('equal', 'subset', 'superset', 'intersect')),
    PRIMARY KEY (control_id, framework, requirement_id),
    FOREIGN KEY (framework, requirement_id) REFERENCES requirements (framework, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE INDEX mappings_by_requirement ON mappings (framework, requirement_id);

-- The consultant's own controls. Ids start with X- so they can never collide with a shipped
-- control (CW-...). Domain and effort are checked by the store when added; the domain is not a
-- foreign key (see the top of this file).
CREATE TABLE custom_controls (
    id           TEXT PRIMARY KEY NOT NULL CHECK (id GLOB 'X-?*'),
    domain       TEXT NOT NULL,
    effort       TEXT NOT NULL CHECK (effort IN ('XS', 'S', 'M', 'L', 'XL')),
    title_en     TEXT NOT NULL CHECK (title_en <> ''),
    title_de     TEXT NOT NULL CHECK (title_de <> ''),
    objective_en TEXT NOT NULL,
    objective_de TEXT NOT NULL,
    evidence_en  TEXT NOT NULL,
    evidence_de  TEXT NOT NULL,
    created_at   TEXT NOT NULL
) STRICT;

-- The consultant's own mappings: a custom control, or a shipped one, to a requirement. No foreign
-- keys (see the top of this file); deleting a custom control deletes its mappings (trigger below).
CREATE TABLE custom_mappings (
    control_id     TEXT NOT NULL,
    framework      TEXT NOT NULL,
    requirement_id TEXT NOT NULL,
    relationship   TEXT NOT NULL CHECK (relationship IN ('equal', 'subset', 'superset', 'intersect')),
    created_at     TEXT NOT NULL,
    PRIMARY KEY (control_id, framework, requirement_id)
) STRICT;

CREATE INDEX custom_mappings_by_requirement ON custom_mappings (framework, requirement_id);

CREATE TRIGGER custom_controls_delete_mappings AFTER DELETE ON custom_controls
BEGIN
    DELETE FROM custom_mappings WHERE control_id = OLD.id;
END;

-- Why a custom mapping does not count, if it does not: its control or requirement is gone, the
-- requirement became a grouping, or the shipped catalogue now has the same mapping.
CREATE VIEW custom_mapping_problems AS
SELECT m.control_id, m.framework, m.requirement_id, m.relationship,
       CASE
           WHEN NOT EXISTS (SELECT 1 FROM controls c WHERE c.id = m.control_id)
            AND NOT EXISTS (SELECT 1 FROM custom_controls c WHERE c.id = m.control_id)
               THEN 'unknown control'
           WHEN NOT EXISTS (SELECT 1 FROM frameworks f WHERE f.id = m.framework)
               THEN 'unknown framework'
           WHEN r.id IS NULL THEN 'unknown requirement'
           WHEN r.assessable = 0 THEN 'requirement is a grouping entry, not assessable'
           WHEN EXISTS (SELECT 1 FROM mappings s
                        WHERE s.control_id = m.control_id AND s.framework = m.framework
                          AND s.requirement_id = m.requirement_id)
               THEN 'the shipped catalogue has the same mapping'
       END AS problem
FROM custom_mappings m
LEFT JOIN requirements r ON r.framework = m.framework AND r.id = m.requirement_id;

CREATE VIEW custom_control_problems AS
SELECT c.id,
       CASE WHEN NOT EXISTS (SELECT 1 FROM domains d WHERE d.id = c.domain) THEN 'unknown domain' END AS problem
FROM custom_controls c;

-- Every control, shipped and custom: what client statuses and the gap analysis join to.
CREATE VIEW all_controls AS
SELECT id, domain, effort, title_en, title_de, objective_en, objective_de, evidence_en, evidence_de,
       0 AS custom, position
FROM controls
UNION ALL
SELECT id, domain, effort, title_en, title_de, objective_en, objective_de, evidence_en, evidence_de,
       1 AS custom, NULL AS position
FROM custom_controls;

-- Every mapping that counts: the shipped ones and the custom ones without a problem.
CREATE VIEW all_mappings AS
SELECT control_id, framework, requirement_id, relationship, 0 AS custom
FROM mappings
UNION ALL
SELECT control_id, framework, requirement_id, relationship, 1 AS custom
FROM custom_mapping_problems
WHERE problem IS NULL;

-- Per framework: how many entries, how many assessable.
CREATE VIEW framework_counts AS
SELECT f.id AS framework,
       count(r.id) AS requirements,
       coalesce(sum(r.assessable), 0) AS assessable
FROM frameworks f
LEFT JOIN requirements r ON r.framework = f.id
GROUP BY f.id;
