-- A conflict (`sync_conflicts`, migration 0017) also closes when a later write that had both of
-- its sides in view replaces the field or the row: a teammate kept one side (`team conflicts
-- --keep` on another device), or someone wrote a third value after seeing both. To tell whether
-- a write had a side in view, a conflict keeps the number of the file that carried each side
-- (`mine_seq`, `theirs_seq`; unknown for conflicts recorded before this migration, which stay
-- open until kept). `resolved_by` is the device whose write closed it (NULL: closed here), and
-- `resolution` gains `later_edit` (the data holds neither side). Per device, never synced.

CREATE TABLE sync_conflicts_settled (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    client_id    TEXT NOT NULL,
    tbl          TEXT NOT NULL,
    pk           TEXT NOT NULL,
    col          TEXT,
    kind         TEXT NOT NULL CHECK (kind IN ('field', 'edit_of_deleted', 'deleted_with_edits', 'created_after_delete')),
    mine         TEXT,
    theirs       TEXT,
    mine_stamp   TEXT,
    mine_seq     INTEGER,
    theirs_stamp TEXT NOT NULL,
    theirs_seq   INTEGER,
    winner       TEXT NOT NULL CHECK (winner IN ('mine', 'theirs')),
    resolved_at  TEXT,
    resolution   TEXT CHECK (resolution IS NULL OR resolution IN ('mine', 'theirs', 'later_edit')),
    resolved_by  TEXT
) STRICT;

INSERT INTO sync_conflicts_settled
    (id, at, client_id, tbl, pk, col, kind, mine, theirs, mine_stamp, theirs_stamp, winner, resolved_at, resolution)
SELECT id, at, client_id, tbl, pk, col, kind, mine, theirs, mine_stamp, theirs_stamp, winner, resolved_at, resolution
FROM sync_conflicts;

DROP TABLE sync_conflicts;

ALTER TABLE sync_conflicts_settled RENAME TO sync_conflicts;

CREATE INDEX sync_conflicts_open ON sync_conflicts (resolved_at, id);
CREATE INDEX sync_conflicts_open_rows ON sync_conflicts (tbl, pk) WHERE resolved_at IS NULL;
