-- The client's name, sector, head count and country, which the list and the overview sort and
-- search on, as columns of client_facts written from the typed profile.
--
-- Since 0001 they were columns of clients generated from the profile's JSON text ($.name,
-- $.sector, $.employees, $.headquarters): renaming a field of the Rust profile would have silently
-- changed what the database answers. The store now writes them with the client's other facts
-- (store/client_facts.rs), in the transaction that writes the profile; the generated columns and
-- their indexes go.

DROP INDEX clients_by_name;
DROP INDEX clients_active_by_name;
ALTER TABLE clients DROP COLUMN name;
ALTER TABLE clients DROP COLUMN sector;
ALTER TABLE clients DROP COLUMN employees;
ALTER TABLE clients DROP COLUMN headquarters;

ALTER TABLE client_facts ADD COLUMN name TEXT NOT NULL DEFAULT '';
ALTER TABLE client_facts ADD COLUMN sector TEXT NOT NULL DEFAULT '';
ALTER TABLE client_facts ADD COLUMN employees INTEGER NOT NULL DEFAULT 0;
ALTER TABLE client_facts ADD COLUMN headquarters TEXT NOT NULL DEFAULT '';

-- The list and the overview read the clients in name order from this index.
CREATE INDEX client_facts_by_name ON client_facts (name COLLATE NOCASE, client_id);

-- Every client's facts written again, with the new columns, by the store's rebuild after the
-- migrations.
UPDATE analysis_state SET all_stale = 1;
