-- Team sync through a shared folder (docs/cli.md, `crosswalk-cli team`; ARCHITECTURE.md, "Team
-- sync"; SECURITY.md, "Team sync").
--
-- Base tables (sync_clients ... sync_evidence_links): the shared clients' data as last exchanged
-- with the team, in the shape that travels: natural keys only (an assessment is its client and
-- date, never a local row id), every table keyed by its client first, derived tables left out
-- (the store rebuilds them). At each sync the shared clients' rows of the real tables are copied
-- into an in-memory schema of the same tables and SQLite's session extension diffs it against
-- these: the changeset is exactly the local changes to shared clients. A private client has no
-- rows here and never leaves the laptop.
--
-- Per-device state, never packaged, never synced:
--  * sync_team: the folder this portfolio syncs with, the team and device ids, the team key
--    (derived from the team passphrase; stored so that a sync needs no passphrase: see
--    SECURITY.md), the number of the next file this device writes, and its hybrid logical clock.
--  * sync_shared: the clients shared with the team (every other client is private).
--  * sync_peers: per other device, the last of its files applied here.
--  * sync_outbox: files committed here but not yet written into the folder (crash recovery).
--  * sync_rows, sync_fields: per synced row its liveness and per field its value, each with the
--    stamp of its last write; the merge rule (ARCHITECTURE.md) makes every device reach the same
--    state whatever order files arrive in.
--  * sync_conflicts: every value that lost (a field written on two devices, an edit against a
--    delete), until the consultant keeps one side.

CREATE TABLE sync_clients (
    client_id   TEXT PRIMARY KEY NOT NULL,
    profile     TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    archived_at TEXT
) STRICT;

CREATE TABLE sync_client_scopes (
    client_id  TEXT PRIMARY KEY NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE sync_scope_frameworks (
    client_id TEXT NOT NULL,
    framework TEXT NOT NULL,
    PRIMARY KEY (client_id, framework)
) STRICT, WITHOUT ROWID;

CREATE TABLE sync_scope_soc2_categories (
    client_id TEXT NOT NULL,
    category  TEXT NOT NULL,
    PRIMARY KEY (client_id, category)
) STRICT, WITHOUT ROWID;

CREATE TABLE sync_subservice_organisations (
    client_id  TEXT NOT NULL,
    name       TEXT NOT NULL,
    method     TEXT NOT NULL,
    services   TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (client_id, name)
) STRICT;

CREATE TABLE sync_subservice_criteria (
    client_id    TEXT NOT NULL,
    organisation TEXT NOT NULL,
    criterion    TEXT NOT NULL,
    PRIMARY KEY (client_id, organisation, criterion)
) STRICT, WITHOUT ROWID;

CREATE TABLE sync_roadmap_overrides (
    client_id  TEXT NOT NULL,
    position   INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    subject    TEXT NOT NULL,
    day        TEXT,
    reason     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (client_id, position)
) STRICT;

CREATE TABLE sync_assessments (
    client_id  TEXT NOT NULL,
    date       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (client_id, date)
) STRICT;

CREATE TABLE sync_assessment_controls (
    client_id     TEXT NOT NULL,
    date          TEXT NOT NULL,
    control_id    TEXT NOT NULL,
    status        TEXT NOT NULL,
    notes         TEXT NOT NULL,
    evidence      TEXT NOT NULL,
    owner         TEXT NOT NULL,
    due           TEXT,
    justification TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (client_id, date, control_id)
) STRICT;

CREATE TABLE sync_evidence_files (
    client_id  TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    size       INTEGER NOT NULL,
    media_type TEXT NOT NULL,
    content    BLOB NOT NULL,
    added_at   TEXT NOT NULL,
    PRIMARY KEY (client_id, sha256)
) STRICT;

CREATE TABLE sync_evidence_links (
    client_id   TEXT NOT NULL,
    date        TEXT NOT NULL,
    control_id  TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    provided_by TEXT NOT NULL,
    provided_on TEXT NOT NULL,
    note        TEXT NOT NULL,
    added_at    TEXT NOT NULL,
    PRIMARY KEY (client_id, date, control_id, sha256)
) STRICT;

CREATE TABLE sync_team (
    singleton   INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
    folder      TEXT NOT NULL,
    team_id     TEXT NOT NULL CHECK (length(team_id) = 36),
    device_id   TEXT NOT NULL CHECK (length(device_id) = 36),
    team_key    BLOB NOT NULL CHECK (length(team_key) = 32),
    next_seq    INTEGER NOT NULL CHECK (next_seq >= 1),
    clock       INTEGER NOT NULL,
    joined_at   TEXT NOT NULL,
    -- When a sync last ran to its end (UTC), NULL before the first.
    last_sync_at TEXT
) STRICT;

CREATE TABLE sync_shared (
    client_id TEXT PRIMARY KEY NOT NULL,
    shared_at TEXT NOT NULL,
    -- 1 until the next sync has brought in what the team changed while the client was private.
    fresh     INTEGER NOT NULL DEFAULT 1 CHECK (fresh IN (0, 1))
) STRICT, WITHOUT ROWID;

-- A deleted client is no longer shared (its deletion still goes out: its rows leave the base).
CREATE TRIGGER sync_shared_client_delete AFTER DELETE ON clients
BEGIN
    DELETE FROM sync_shared WHERE client_id = OLD.id;
END;

CREATE TABLE sync_peers (
    device_id   TEXT PRIMARY KEY NOT NULL,
    applied_seq INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE sync_outbox (
    seq   INTEGER PRIMARY KEY NOT NULL,
    bytes BLOB NOT NULL
) STRICT;

-- stamp: of the last insert or delete of the row; seq: the number of the file that carried it
-- (with the stamp's device, whether another device had seen it when it wrote).
CREATE TABLE sync_rows (
    tbl   TEXT NOT NULL,
    pk    TEXT NOT NULL,
    stamp TEXT NOT NULL,
    seq   INTEGER NOT NULL,
    live  INTEGER NOT NULL CHECK (live IN (0, 1)),
    PRIMARY KEY (tbl, pk)
) STRICT, WITHOUT ROWID;

CREATE TABLE sync_fields (
    tbl   TEXT NOT NULL,
    pk    TEXT NOT NULL,
    col   TEXT NOT NULL,
    stamp TEXT NOT NULL,
    seq   INTEGER NOT NULL,
    value ANY,
    PRIMARY KEY (tbl, pk, col)
) STRICT;

CREATE TABLE sync_conflicts (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    client_id    TEXT NOT NULL,
    tbl          TEXT NOT NULL,
    pk           TEXT NOT NULL,
    -- The field, or NULL for a whole row (an edit against a delete).
    col          TEXT,
    kind         TEXT NOT NULL CHECK (kind IN ('field', 'edit_of_deleted', 'deleted_with_edits', 'created_after_delete')),
    -- As JSON: what this device held (mine) and what the file applied brought (theirs); NULL for
    -- a row that is deleted on that side.
    mine         TEXT,
    theirs       TEXT,
    mine_stamp   TEXT,
    theirs_stamp TEXT NOT NULL,
    winner       TEXT NOT NULL CHECK (winner IN ('mine', 'theirs')),
    resolved_at  TEXT,
    resolution   TEXT CHECK (resolution IS NULL OR resolution IN ('mine', 'theirs'))
) STRICT;

CREATE INDEX sync_conflicts_open ON sync_conflicts (resolved_at, id);
