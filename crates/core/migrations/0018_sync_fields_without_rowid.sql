-- The team state's fields (`sync_fields`, migration 0017) become one B-tree ordered by their key
-- (table, row key, column) instead of a rowid table beside an index of that key. Every merge
-- reads a row's fields by the key's first two columns and writes them by the whole key: with the
-- rowid table each read went through the index and then the table, and each write updated both.
-- Same columns, same rows, same key; only the storage changes.

CREATE TABLE sync_fields_by_key (
    tbl   TEXT NOT NULL,
    pk    TEXT NOT NULL,
    col   TEXT NOT NULL,
    stamp TEXT NOT NULL,
    seq   INTEGER NOT NULL,
    value ANY,
    PRIMARY KEY (tbl, pk, col)
) STRICT, WITHOUT ROWID;

INSERT INTO sync_fields_by_key (tbl, pk, col, stamp, seq, value)
SELECT tbl, pk, col, stamp, seq, value FROM sync_fields;

DROP TABLE sync_fields;

ALTER TABLE sync_fields_by_key RENAME TO sync_fields;
