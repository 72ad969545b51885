-- The client portfolio. The profile is stored whole as validated JSON (one source of truth);
-- the columns the portfolio sorts and filters on are generated from it.
CREATE TABLE clients (
    id           TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    profile      TEXT NOT NULL CHECK (json_valid(profile)),
    name         TEXT GENERATED ALWAYS AS (json_extract(profile, '$.name')) STORED NOT NULL,
    sector       TEXT GENERATED ALWAYS AS (json_extract(profile, '$.sector')) STORED NOT NULL,
    employees    INTEGER GENERATED ALWAYS AS (json_extract(profile, '$.employees')) STORED NOT NULL,
    headquarters TEXT GENERATED ALWAYS AS (json_extract(profile, '$.headquarters')) STORED NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    archived_at  TEXT
) STRICT;

CREATE INDEX clients_by_name ON clients (name COLLATE NOCASE);
CREATE INDEX clients_by_updated ON clients (updated_at);
