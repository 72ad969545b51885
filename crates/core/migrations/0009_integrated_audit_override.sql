-- A fourth kind of roadmap override: the consultant declines the integrated ISO/IEC 27001 + 42001
-- audit the roadmap offers (subject `iso27001,iso42001`). SQLite cannot change a CHECK
-- constraint in place, so the table is rebuilt with its rows, and its audit triggers recreated.
CREATE TABLE roadmap_overrides_new (
    client_id  TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('order', 'exclude', 'not_before', 'integrated_audit_declined')),
    -- The framework an `exclude` or `not_before` concerns; the comma-separated order for `order`;
    -- `iso27001,iso42001` for `integrated_audit_declined`.
    subject    TEXT NOT NULL,
    -- The date of a `not_before`; NULL otherwise.
    day        TEXT CHECK (day IS NULL OR day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    reason     TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    created_at TEXT NOT NULL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (client_id, position)
) STRICT;

INSERT INTO roadmap_overrides_new (client_id, kind, subject, day, reason, created_at, position)
SELECT client_id, kind, subject, day, reason, created_at, position FROM roadmap_overrides;

DROP TABLE roadmap_overrides;
ALTER TABLE roadmap_overrides_new RENAME TO roadmap_overrides;

CREATE TRIGGER audit_override_insert AFTER INSERT ON roadmap_overrides
WHEN (SELECT suspended FROM audit_state) = 0
BEGIN
    INSERT INTO audit_log (client_id, at, entity, key, action, new_value)
    VALUES (NEW.client_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'override', NEW.kind, 'insert',
            json_object('subject', NEW.subject, 'day', NEW.day, 'reason', NEW.reason));
END;

CREATE TRIGGER audit_override_delete AFTER DELETE ON roadmap_overrides
WHEN (SELECT suspended FROM audit_state) = 0 AND EXISTS (SELECT 1 FROM clients WHERE id = OLD.client_id)
BEGIN
    INSERT INTO audit_log (client_id, at, entity, key, action, old_value)
    VALUES (OLD.client_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'override', OLD.kind, 'delete',
            json_object('subject', OLD.subject, 'day', OLD.day, 'reason', OLD.reason));
END;
