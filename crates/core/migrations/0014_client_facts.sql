-- What the client list shows and searches, as columns written from the typed profile.
--
-- The list used to read the profile's JSON text in SQL ($.markets, $.ai_systems, $.pressures,
-- $.notes, $.contacts), so renaming a field of the Rust profile would have silently changed what
-- the database answers. client_facts holds those figures as columns; the store writes them from
-- the typed profile (store/client_facts.rs) in the same pass that rewrites a client's obligations
-- whenever its profile is written (client_ai_stale, marked by the triggers of 0008), and for every
-- client when the analysis is rebuilt (analysis_state.all_stale).

CREATE TABLE client_facts (
    client_id      TEXT PRIMARY KEY NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    -- The markets as the profile lists them, a JSON array written by Rust (`["us","eu"]`).
    markets        TEXT NOT NULL,
    ai_systems     INTEGER NOT NULL CHECK (ai_systems >= 0),
    certifications INTEGER NOT NULL CHECK (certifications >= 0),
    deals_blocked  INTEGER NOT NULL CHECK (deals_blocked IN (0, 1)),
    -- The free texts the search looks in besides the columns of clients: notes, the AI systems'
    -- names and the contacts' names, one per line.
    search_text    TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- Every client's facts written once, by the store's rebuild after the migrations.
UPDATE analysis_state SET all_stale = 1;
