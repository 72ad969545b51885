-- Evidence requests (issue 15; docs/cli.md, `crosswalk-cli requests`; crate::requests).
--
-- What the consultant asks a client to provide: for which control, what, from whom, by when, and
-- how the client answered. Generated from the gap list of the client's current assessment and
-- edited by hand or through the returned spreadsheet. The requirements a request serves are not
-- stored: they follow from the control's mappings and the client's current scope whenever the
-- requests are listed, exported or reported.
--
--  * id: the request's number, shown in the spreadsheet and on the command line. A client package
--    renumbers it on import (like the audit trail's ids).
--  * status: `open` (asked, nothing received), `provided` (the client says it sent the evidence),
--    `accepted` (the consultant checked it: closed), `rejected` (what came does not do: asked
--    again). Only `accepted` closes a request: generating again skips a control whose request is
--    in any other status.
--  * lang: the language `what` was written in at generation (`en` or `de`).
--  * due: a date or NULL (no due date).
--
-- The audit trail records requests under the existing entity `evidence` (no rebuild of
-- audit_log): key the control id, and a value that is a JSON object whose `request` member is the
-- request's id (a file link's value has `sha256` instead).

CREATE TABLE evidence_requests (
    id            INTEGER PRIMARY KEY,
    client_id     TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    control_id    TEXT NOT NULL CHECK (trim(control_id) <> ''),
    what          TEXT NOT NULL CHECK (trim(what) <> '' AND length(what) <= 4000),
    owner         TEXT NOT NULL DEFAULT '' CHECK (length(owner) <= 255),
    due           TEXT CHECK (due IS NULL OR due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'provided', 'accepted', 'rejected')),
    response_note TEXT NOT NULL DEFAULT '' CHECK (length(response_note) <= 4000),
    lang          TEXT NOT NULL CHECK (lang IN ('en', 'de')),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

CREATE INDEX evidence_requests_by_client ON evidence_requests (client_id, control_id);

CREATE TRIGGER audit_request_insert AFTER INSERT ON evidence_requests
WHEN (SELECT suspended FROM audit_state) = 0
BEGIN
    INSERT INTO audit_log (client_id, at, entity, key, action, new_value)
    VALUES (NEW.client_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'evidence', NEW.control_id, 'insert',
            json_object('request', NEW.id, 'what', NEW.what, 'owner', NEW.owner, 'due', NEW.due,
                        'status', NEW.status, 'response_note', NEW.response_note));
END;

CREATE TRIGGER audit_request_update AFTER UPDATE ON evidence_requests
WHEN (SELECT suspended FROM audit_state) = 0
 AND (OLD.what IS NOT NEW.what OR OLD.owner IS NOT NEW.owner OR OLD.due IS NOT NEW.due
      OR OLD.status IS NOT NEW.status OR OLD.response_note IS NOT NEW.response_note
      OR OLD.control_id IS NOT NEW.control_id)
BEGIN
    INSERT INTO audit_log (client_id, at, entity, key, action, old_value, new_value)
    VALUES (NEW.client_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'evidence', NEW.control_id, 'update',
            json_object('request', OLD.id, 'what', OLD.what, 'owner', OLD.owner, 'due', OLD.due,
                        'status', OLD.status, 'response_note', OLD.response_note),
            json_object('request', NEW.id, 'what', NEW.what, 'owner', NEW.owner, 'due', NEW.due,
                        'status', NEW.status, 'response_note', NEW.response_note));
END;

-- Rows deleted with their client are not recorded (the client's entries are erased with it).
CREATE TRIGGER audit_request_delete AFTER DELETE ON evidence_requests
WHEN (SELECT suspended FROM audit_state) = 0 AND EXISTS (SELECT 1 FROM clients WHERE id = OLD.client_id)
BEGIN
    INSERT INTO audit_log (client_id, at, entity, key, action, old_value)
    VALUES (OLD.client_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'evidence', OLD.control_id, 'delete',
            json_object('request', OLD.id, 'what', OLD.what, 'owner', OLD.owner, 'due', OLD.due,
                        'status', OLD.status, 'response_note', OLD.response_note));
END;
