-- The consultant firm's branding for reports (one row), and an optional logo per client.
-- Logos are kept as base64 text of PNG or JPEG bytes, checked before they are stored.
CREATE TABLE firm_branding (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    firm_name   TEXT NOT NULL DEFAULT '',
    primary_colour TEXT NOT NULL DEFAULT '#1F3A5F' CHECK (primary_colour GLOB '#[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f]'),
    accent_colour  TEXT NOT NULL DEFAULT '#C98A12' CHECK (accent_colour GLOB '#[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f]'),
    -- Lines of the contact block, as a JSON array of strings.
    contact     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(contact)),
    footer      TEXT NOT NULL DEFAULT '',
    disclaimer  TEXT NOT NULL DEFAULT '',
    logo        TEXT,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE client_logos (
    client_id  TEXT PRIMARY KEY NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    logo       TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
