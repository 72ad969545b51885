-- The audit trail: every change to a client's profile, status, scope, assessments, recorded
-- control statuses and roadmap overrides, with when, what, and the old and new value (JSON text).
--
-- Triggers write it, so no writer has to remember to, and a write and its audit entries commit
-- or roll back together. Timestamps are RFC 3339 UTC with milliseconds, like every other column.
--
-- Deleting a client deletes its audit entries (the consultant removes the client's data for good,
-- as the GDPR's right to erasure asks) and leaves a tombstone in audit_deletions: the client's
-- random id, when, and how many entries went, with no name and no content. See SECURITY.md.
--
-- audit_state.suspended is set only by a client package import, inside its own transaction: the
-- imported rows carry the package's own audit entries, and the import itself is recorded as one
-- entry (action 'import') instead of one per row.

CREATE TABLE audit_log (
    id              INTEGER PRIMARY KEY,
    -- No foreign key: the entries of a deleted client are removed by trigger audit_client_delete.
    client_id       TEXT NOT NULL,
    at              TEXT NOT NULL,
    entity          TEXT NOT NULL CHECK (entity IN ('client', 'scope', 'assessment', 'control', 'override')),
    -- The profile field (`name`, `employees`, ...), `status`, `profile` (a whole new client),
    -- `framework` / `soc2_category`, the assessment date, the control id, or the override kind.
    key             TEXT NOT NULL,
    action          TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'import')),
    -- The date of the assessment a control entry belongs to.
    assessment_date TEXT,
    old_value       TEXT CHECK (old_value IS NULL OR json_valid(old_value)),
    new_value       TEXT CHECK (new_value IS NULL OR json_valid(new_value))
) STRICT;

CREATE INDEX audit_log_by_client ON audit_log (client_id, id);

CREATE TABLE audit_deletions (
    id              INTEGER PRIMARY KEY,
    client_id       TEXT NOT NULL,
    deleted_at      TEXT NOT NULL,
    entries_removed INTEGER NOT NULL
) STRICT;

CREATE TABLE audit_state (
    singleton INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
    suspended INTEGER NOT NULL CHECK (suspended IN (0, 1))
) STRICT;

INSERT INTO audit_state (singleton, suspended) VALUES (1, 0);

-- Clients ----------------------------------------------------------------------------------------

CREATE TRIGGER audit_client_insert AFTER INSERT ON clients
WHEN (SELECT suspended FROM audit_state) = 0
BEGIN
    INSERT INTO audit_log (client_id, at, entity, key, action, new_value)
    VALUES (NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'client', 'profile', 'insert', NEW.profile);
END;

-- One entry per top-level profile field whose value changed.
CREATE TRIGGER audit_client_profile AFTER UPDATE OF profile ON clients
WHEN (SELECT suspended FROM audit_state) = 0 AND OLD.profile IS NOT NEW.profile
BEGIN
    INSERT INTO audit_log (client_id, at, entity, key, action, old_value, new_value)
    SELECT NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'client', k.key, 'update',
           OLD.profile -> k.path, NEW.profile -> k.path
    FROM (SELECT key, '$."' || key || '"' AS path FROM json_each(OLD.profile)
          UNION
          SELECT key, '$."' || key || '"' AS path FROM json_each(NEW.profile)) AS k
    WHERE (OLD.profile -> k.path) IS NOT (NEW.profile -> k.path);
END;

CREATE TRIGGER audit_client_status AFTER UPDATE OF archived_at ON clients
WHEN (SELECT suspended FROM audit_state) = 0 AND (OLD.archived_at IS NULL) <> (NEW.archived_at IS NULL)
BEGIN
    INSERT INTO audit_log (client_id, at, entity, key, action, old_value, new_value)
    VALUES (NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'client', 'status', 'update',
            json_quote(CASE WHEN OLD.archived_at IS NULL THEN 'active' ELSE 'archived' END),
            json_quote(CASE WHEN NEW.archived_at IS NULL THEN 'active' ELSE 'archived' END));
END;

-- Erasure: the client's entries go with it; a tombstone without content stays. (A package import
-- that replaces a client deletes and re-inserts it with the trail suspended: its entries stay.)
CREATE TRIGGER audit_client_delete AFTER DELETE ON clients
WHEN (SELECT suspended FROM audit_state) = 0
BEGIN
    INSERT INTO audit_deletions (client_id, deleted_at, entries_removed)
    VALUES (OLD.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
            (SELECT count(*) FROM audit_log WHERE client_id = OLD.id));
    DELETE FROM audit_log WHERE client_id = OLD.id;
END;

-- Scope ------------------------------------------------------------------------------------------
-- Rows deleted because their client is being deleted are not recorded (the client's entries are
-- erased with it): every delete trigger below checks that the client still exists.

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

CREATE TRIGGER audit_scope_category_insert AFTER INSERT ON scope_soc2_categories
WHEN (SELECT suspended FROM audit_state) = 0
BEGIN
    INSERT INTO audit_log (client_id, at, entity, key, action, new_value)
    VALUES (NEW.client_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'scope', 'soc2_category', 'insert',
            json_quote(NEW.category));
END;

CREATE TRIGGER audit_scope_category_delete AFTER DELETE ON scope_soc2_categories
WHEN (SELECT suspended FROM audit_state) = 0 AND EXISTS (SELECT 1 FROM clients WHERE id = OLD.client_id)
BEGIN
    INSERT INTO audit_log (client_id, at, entity, key, action, old_value)
    VALUES (OLD.client_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'scope', 'soc2_category', 'delete',
            json_quote(OLD.category));
END;

-- Assessments ------------------------------------------------------------------------------------

CREATE TRIGGER audit_assessment_insert AFTER INSERT ON assessments
WHEN (SELECT suspended FROM audit_state) = 0
BEGIN
    INSERT INTO audit_log (client_id, at, entity, key, action, assessment_date, new_value)
    VALUES (NEW.client_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'assessment', NEW.date, 'insert', NEW.date,
            json_object('date', NEW.date));
END;

CREATE TRIGGER audit_assessment_date AFTER UPDATE OF date ON assessments
WHEN (SELECT suspended FROM audit_state) = 0 AND OLD.date IS NOT NEW.date
BEGIN
    INSERT INTO audit_log (client_id, at, entity, key, action, assessment_date, old_value, new_value)
    VALUES (NEW.client_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'assessment', NEW.date, 'update', NEW.date,
            json_object('date', OLD.date), json_object('date', NEW.date));
END;

CREATE TRIGGER audit_assessment_delete AFTER DELETE ON assessments
WHEN (SELECT suspended FROM audit_state) = 0 AND EXISTS (SELECT 1 FROM clients WHERE id = OLD.client_id)
BEGIN
    INSERT INTO audit_log (client_id, at, entity, key, action, assessment_date, old_value)
    VALUES (OLD.client_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'assessment', OLD.date, 'delete', OLD.date,
            json_object('date', OLD.date));
END;

-- What is recorded for a control in an assessment, as one JSON object.
CREATE TRIGGER audit_control_insert AFTER INSERT ON assessment_controls
WHEN (SELECT suspended FROM audit_state) = 0
BEGIN
    INSERT INTO audit_log (client_id, at, entity, key, action, assessment_date, new_value)
    SELECT a.client_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'control', NEW.control_id, 'insert', a.date,
           json_object('status', NEW.status, 'notes', NEW.notes, 'evidence', json(NEW.evidence),
                       'owner', NEW.owner, 'due', NEW.due, 'justification', NEW.justification)
    FROM assessments a WHERE a.id = NEW.assessment_id;
END;

CREATE TRIGGER audit_control_update AFTER UPDATE ON assessment_controls
WHEN (SELECT suspended FROM audit_state) = 0
 AND (OLD.status IS NOT NEW.status OR OLD.notes IS NOT NEW.notes OR OLD.evidence IS NOT NEW.evidence
      OR OLD.owner IS NOT NEW.owner OR OLD.due IS NOT NEW.due OR OLD.justification IS NOT NEW.justification
      OR OLD.control_id IS NOT NEW.control_id OR OLD.assessment_id IS NOT NEW.assessment_id)
BEGIN
    INSERT INTO audit_log (client_id, at, entity, key, action, assessment_date, old_value, new_value)
    SELECT a.client_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'control', NEW.control_id, 'update', a.date,
           json_object('status', OLD.status, 'notes', OLD.notes, 'evidence', json(OLD.evidence),
                       'owner', OLD.owner, 'due', OLD.due, 'justification', OLD.justification),
           json_object('status', NEW.status, 'notes', NEW.notes, 'evidence', json(NEW.evidence),
                       'owner', NEW.owner, 'due', NEW.due, 'justification', NEW.justification)
    FROM assessments a WHERE a.id = NEW.assessment_id;
END;

CREATE TRIGGER audit_control_delete AFTER DELETE ON assessment_controls
WHEN (SELECT suspended FROM audit_state) = 0
BEGIN
    INSERT INTO audit_log (client_id, at, entity, key, action, assessment_date, old_value)
    SELECT a.client_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'control', OLD.control_id, 'delete', a.date,
           json_object('status', OLD.status, 'notes', OLD.notes, 'evidence', json(OLD.evidence),
                       'owner', OLD.owner, 'due', OLD.due, 'justification', OLD.justification)
    FROM assessments a JOIN clients c ON c.id = a.client_id
    WHERE a.id = OLD.assessment_id;
END;

-- Roadmap overrides ------------------------------------------------------------------------------

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
