-- Evidence files (docs/cli.md, `crosswalk-cli evidence`; SECURITY.md, "Evidence files").
--
--  * evidence_files: the content of a file a client provided, stored once per client and SHA-256
--    (deduplicated), with its size and the media type found by sniffing its content
--    (crate::evidence). Files are per client, not shared across the portfolio: deleting a client
--    deletes its files, and a client package carries exactly its own.
--  * evidence_links: a file attached to a control of an assessment, with the name it was given,
--    who provided it, when (a date) and a note. A new assessment started from the previous one
--    copies the links. The last link of a file going deletes the file (trigger below).
--  * evidence_settings: the age (in months) after which evidence is flagged as stale, for the
--    whole portfolio.
--
-- The audit trail gets a new entity, `evidence`: the CHECK of audit_log.entity is widened by
-- rebuilding the table (SQLite cannot alter a CHECK); its rows and ids are kept.

CREATE TABLE evidence_files (
    client_id  TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    sha256     TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    -- The size limit is crate::evidence::MAX_FILE_BYTES (25 MiB); checked here as well.
    size       INTEGER NOT NULL CHECK (size >= 0 AND size <= 26214400),
    media_type TEXT NOT NULL CHECK (media_type <> ''),
    content    BLOB NOT NULL CHECK (length(content) = size),
    added_at   TEXT NOT NULL,
    PRIMARY KEY (client_id, sha256)
) STRICT;

CREATE TABLE evidence_links (
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    control_id    TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    file_name     TEXT NOT NULL CHECK (trim(file_name) <> ''),
    provided_by   TEXT NOT NULL DEFAULT '',
    provided_on   TEXT NOT NULL CHECK (provided_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    note          TEXT NOT NULL DEFAULT '',
    added_at      TEXT NOT NULL,
    PRIMARY KEY (assessment_id, control_id, sha256)
) STRICT, WITHOUT ROWID;

CREATE INDEX evidence_links_by_file ON evidence_links (sha256);

-- A link needs the file of the assessment's client (a foreign key cannot say so: the client is
-- the assessment's).
CREATE TRIGGER evidence_links_need_file BEFORE INSERT ON evidence_links
WHEN NOT EXISTS (SELECT 1 FROM evidence_files f JOIN assessments a ON a.client_id = f.client_id
                 WHERE a.id = NEW.assessment_id AND f.sha256 = NEW.sha256)
BEGIN
    SELECT RAISE(ABORT, 'evidence link to a file the client does not have');
END;

-- The last link of a file going takes the file with it.
CREATE TRIGGER evidence_links_delete_file AFTER DELETE ON evidence_links
BEGIN
    DELETE FROM evidence_files
    WHERE sha256 = OLD.sha256
      AND client_id = (SELECT client_id FROM assessments WHERE id = OLD.assessment_id)
      AND NOT EXISTS (SELECT 1 FROM evidence_links l JOIN assessments a ON a.id = l.assessment_id
                      WHERE l.sha256 = OLD.sha256 AND a.client_id = evidence_files.client_id);
END;

-- An assessment deleted on its own: files no remaining link of the client uses go too.
CREATE TRIGGER evidence_assessment_delete_files AFTER DELETE ON assessments
WHEN OLD.client_id IS NOT NULL
BEGIN
    DELETE FROM evidence_files
    WHERE client_id = OLD.client_id
      AND NOT EXISTS (SELECT 1 FROM evidence_links l JOIN assessments a ON a.id = l.assessment_id
                      WHERE l.sha256 = evidence_files.sha256 AND a.client_id = OLD.client_id);
END;

CREATE TABLE evidence_settings (
    singleton      INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
    -- Evidence provided more than this many months before the assessment's date is stale.
    max_age_months INTEGER NOT NULL CHECK (max_age_months BETWEEN 1 AND 120)
) STRICT;

INSERT INTO evidence_settings (singleton, max_age_months) VALUES (1, 12);

-- The audit trail, with `evidence` among its entities. Triggers on other tables name audit_log
-- and are left as they are: with legacy_alter_table on, the rename below does not rewrite them,
-- and they resolve to the new table by name.
PRAGMA legacy_alter_table = ON;

CREATE TABLE audit_log_new (
    id              INTEGER PRIMARY KEY,
    client_id       TEXT NOT NULL,
    at              TEXT NOT NULL,
    entity          TEXT NOT NULL CHECK (entity IN ('client', 'scope', 'assessment', 'control', 'override',
                                                    'evidence')),
    key             TEXT NOT NULL,
    action          TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'import')),
    assessment_date TEXT,
    old_value       TEXT CHECK (old_value IS NULL OR json_valid(old_value)),
    new_value       TEXT CHECK (new_value IS NULL OR json_valid(new_value))
) STRICT;

INSERT INTO audit_log_new (id, client_id, at, entity, key, action, assessment_date, old_value, new_value)
SELECT id, client_id, at, entity, key, action, assessment_date, old_value, new_value FROM audit_log;

DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_log_by_client ON audit_log (client_id, id);

PRAGMA legacy_alter_table = OFF;

-- What a link records, as one JSON object.
CREATE TRIGGER audit_evidence_insert AFTER INSERT ON evidence_links
WHEN (SELECT suspended FROM audit_state) = 0
BEGIN
    INSERT INTO audit_log (client_id, at, entity, key, action, assessment_date, new_value)
    SELECT a.client_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'evidence', NEW.control_id, 'insert', a.date,
           json_object('sha256', NEW.sha256, 'file_name', NEW.file_name, 'provided_by', NEW.provided_by,
                       'provided_on', NEW.provided_on, 'note', NEW.note)
    FROM assessments a WHERE a.id = NEW.assessment_id;
END;

CREATE TRIGGER audit_evidence_delete AFTER DELETE ON evidence_links
WHEN (SELECT suspended FROM audit_state) = 0
BEGIN
    INSERT INTO audit_log (client_id, at, entity, key, action, assessment_date, old_value)
    SELECT a.client_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'evidence', OLD.control_id, 'delete', a.date,
           json_object('sha256', OLD.sha256, 'file_name', OLD.file_name, 'provided_by', OLD.provided_by,
                       'provided_on', OLD.provided_on, 'note', OLD.note)
    FROM assessments a JOIN clients c ON c.id = a.client_id
    WHERE a.id = OLD.assessment_id;
END;
