-- The consultant's overrides of a client's roadmap, each with the reason given for it.
CREATE TABLE roadmap_overrides (
    client_id  TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('order', 'exclude', 'not_before')),
    -- The framework an `exclude` or `not_before` concerns; the comma-separated order for `order`.
    subject    TEXT NOT NULL,
    -- The date of a `not_before`; NULL otherwise.
    day        TEXT CHECK (day IS NULL OR day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    reason     TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    created_at TEXT NOT NULL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (client_id, position)
) STRICT;
