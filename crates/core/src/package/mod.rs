//! Client packages: one client with everything recorded about it, in one file (`.cwpkg`), to move
//! it to another machine.
//!
//! A package holds the client's profile, scope, assessments with every recorded control status,
//! roadmap overrides, evidence files and audit trail: every row of the tables in [`tables::TABLES`], column by
//! column. The file format (checksum or encryption) is in [`format`].
//!
//! Importing reads and checks the whole package before writing anything: the file must
//! authenticate, be of a format and schema this build knows, hold only rows of the one client it
//! names, and carry a valid profile. The rows are then written in one transaction (all or
//! nothing, like every write): as a new client with new ids, replacing the client with the same
//! id, or skipping it when that id exists.

mod format;
mod tables;

use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::types::Value as SqlValue;
use rusqlite::{params_from_iter, Connection};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

pub(crate) use format::derive_key;
pub use format::{is_encrypted, KdfParams, FORMAT_VERSION, MAGIC};
use tables::{Owner, TableSpec, TABLES};

use crate::domain::{ClientId, ClientProfile};
use crate::secret::Secret;
use crate::store::Packages;
use crate::store::SCHEMA_VERSION;
use crate::{Error, Result};

/// The file name extension of a client package.
pub const PACKAGE_EXTENSION: &str = "cwpkg";

crate::keywords::keywords! {
    /// What to do with a packaged client.
    #[derive(Default)]
    pub enum ImportMode {
        /// Add it as a new client, with new ids (the default: never touches an existing client).
        #[default]
        New = "new",
        /// Keep its id; replace the client with that id if there is one.
        Replace = "replace",
        /// Keep its id; do nothing if a client with that id exists.
        Skip = "skip",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportStatus {
    Imported,
    Replaced,
    Skipped,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportOutcome {
    /// The client's id here (new with [`ImportMode::New`]).
    pub client_id: ClientId,
    pub name: String,
    pub status: ImportStatus,
    /// Rows written (0 when skipped).
    #[ts(type = "number")]
    pub rows: u64,
    pub encrypted: bool,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportOutcome {
    pub client_id: ClientId,
    pub name: String,
    #[ts(type = "number")]
    pub rows: u64,
    pub encrypted: bool,
}

/// The JSON inside a package.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Contents {
    format: u16,
    schema_version: i64,
    exported_at: String,
    client_id: String,
    /// Table name to rows; a row is column name to value (a blob is `{"blob_hex": "..."}`).
    tables: BTreeMap<String, Vec<Map<String, Value>>>,
}

impl Packages<'_> {
    /// Writes a client and everything recorded about it into a package: checksummed, or
    /// encrypted under `passphrase` (Argon2id with [`KdfParams::default`], XChaCha20-Poly1305).
    pub fn export(&self, client: ClientId, passphrase: Option<&Secret>) -> Result<(Vec<u8>, ExportOutcome)> {
        self.export_with(client, passphrase, KdfParams::default())
    }

    /// [`Packages::export`] with explicit key-derivation costs (tests use cheap ones).
    pub fn export_with(
        &self,
        client: ClientId,
        passphrase: Option<&Secret>,
        kdf: KdfParams,
    ) -> Result<(Vec<u8>, ExportOutcome)> {
        if let Some(p) = passphrase {
            p.check_new("package_passphrase")?;
        }
        let found = self.store.clients().get(client)?;
        // One read transaction: the package is one consistent snapshot.
        let tx = self.store.conn().unchecked_transaction()?;
        let mut contents = Contents {
            format: FORMAT_VERSION,
            schema_version: SCHEMA_VERSION,
            exported_at: crate::store::now_utc(),
            client_id: client.to_string(),
            tables: BTreeMap::new(),
        };
        let mut rows = 0u64;
        for table in TABLES {
            let columns = columns_of(&tx, table.name)?;
            let list = columns.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
            let sql = format!("SELECT {list} FROM \"{}\" WHERE {}", table.name, tables::owner_condition(table));
            let mut stmt = tx.prepare(&sql)?;
            let mut query = stmt.query([client.to_string()])?;
            let mut out = Vec::new();
            while let Some(row) = query.next()? {
                let mut map = Map::new();
                for (i, column) in columns.iter().enumerate() {
                    map.insert(column.clone(), to_json(row.get::<_, SqlValue>(i)?));
                }
                out.push(map);
            }
            rows += out.len() as u64;
            contents.tables.insert(table.name.to_owned(), out);
        }
        drop(tx);
        let payload = zeroize::Zeroizing::new(
            serde_json::to_vec(&contents).map_err(|e| Error::Corrupt(format!("cannot encode the package: {e}")))?,
        );
        let bytes = format::seal(&payload, passphrase, kdf)?;
        Ok((
            bytes,
            ExportOutcome { client_id: client, name: found.profile.name, rows, encrypted: passphrase.is_some() },
        ))
    }

    /// Imports a package (see the module documentation). Anything wrong with it, a missing or
    /// wrong passphrase included, gives an error and writes nothing.
    pub fn import(&self, bytes: &[u8], passphrase: Option<&Secret>, mode: ImportMode) -> Result<ImportOutcome> {
        let encrypted = format::is_encrypted(bytes)?;
        let payload = format::open(bytes, passphrase)?;
        let contents: Contents = serde_json::from_slice(&payload)
            .map_err(|e| Error::BadPackage(format!("the package's content is not valid: {e}")))?;
        let checked = check(self.store.conn(), contents)?;
        let source_id = checked.client_id;
        let exists = self.store.clients().get(source_id).is_ok();
        if mode == ImportMode::Skip && exists {
            return Ok(ImportOutcome {
                client_id: source_id,
                name: checked.name,
                status: ImportStatus::Skipped,
                rows: 0,
                encrypted,
            });
        }
        let target = if mode == ImportMode::New { ClientId::random() } else { source_id };
        let status =
            if mode == ImportMode::Replace && exists { ImportStatus::Replaced } else { ImportStatus::Imported };
        let now = crate::store::now_utc();
        let rows = self.store.write(|tx| {
            tx.execute("UPDATE audit_state SET suspended = 1", [])?;
            if status == ImportStatus::Replaced {
                // The client's current rows go (children first); its audit trail stays.
                for table in TABLES.iter().rev().filter(|t| !dedupes(t)) {
                    tx.execute(
                        &format!("DELETE FROM \"{}\" WHERE {}", table.name, tables::owner_condition(table)),
                        [target.to_string()],
                    )?;
                }
            }
            let written = insert_all(tx, &checked, target)?;
            tx.execute(
                "INSERT INTO audit_log (client_id, at, entity, key, action, new_value)
                 VALUES (?1, ?2, 'client', 'package', 'import',
                         json_object('mode', ?3, 'source_client_id', ?4, 'exported_at', ?5))",
                rusqlite::params![
                    target.to_string(),
                    now,
                    match mode {
                        ImportMode::New => "new",
                        ImportMode::Replace => "replace",
                        ImportMode::Skip => "skip",
                    },
                    source_id.to_string(),
                    checked.exported_at,
                ],
            )?;
            tx.execute("UPDATE audit_state SET suspended = 0", [])?;
            Ok(written)
        })?;
        Ok(ImportOutcome { client_id: target, name: checked.name, status, rows, encrypted })
    }
}

fn dedupes(table: &TableSpec) -> bool {
    table.name == "audit_log"
}

/// One row: (column name, value) pairs.
type Row = Vec<(String, SqlValue)>;

/// A package whose rows have been checked against this database's schema.
struct Checked {
    client_id: ClientId,
    name: String,
    exported_at: String,
    /// In [`TABLES`] order: the table, its rows (column name, value).
    tables: Vec<(&'static TableSpec, Vec<Row>)>,
}

fn bad(message: impl Into<String>) -> Error {
    Error::BadPackage(message.into())
}

/// Everything that can be checked before writing: the format, the schema version, that every
/// table and column is known, that every row belongs to the one client, and the profile.
fn check(conn: &Connection, mut contents: Contents) -> Result<Checked> {
    if contents.format != FORMAT_VERSION {
        return Err(bad(format!("the package's content has format {}", contents.format)));
    }
    if contents.schema_version > SCHEMA_VERSION || contents.schema_version < 1 {
        return Err(bad(format!(
            "the package was made by a Crosswalk with schema version {}; this one knows up to {SCHEMA_VERSION} \
             (update Crosswalk)",
            contents.schema_version
        )));
    }
    let client_id: ClientId =
        contents.client_id.parse().map_err(|_| bad(format!("`{}` is not a client id", contents.client_id)))?;
    if let Some(unknown) = contents.tables.keys().find(|name| tables::spec(name).is_none()) {
        return Err(bad(format!("the package holds a table this Crosswalk does not know: `{unknown}`")));
    }
    let mut local_ids: HashMap<&'static str, HashSet<i64>> = HashMap::new();
    let mut out = Vec::new();
    let mut name = String::new();
    for table in TABLES {
        let rows = contents.tables.remove(table.name).unwrap_or_default();
        let columns: HashSet<String> = columns_of(conn, table.name)?.into_iter().collect();
        let mut checked_rows = Vec::with_capacity(rows.len());
        for (i, row) in rows.into_iter().enumerate() {
            let at = || format!("{}[{i}]", table.name);
            let mut values = Vec::with_capacity(row.len());
            for (column, value) in row {
                if !columns.contains(&column) {
                    return Err(bad(format!("{}: unknown column `{column}`", at())));
                }
                values.push((column, from_json(value).map_err(|m| bad(format!("{}: {m}", at())))?));
            }
            let get = |column: &str| values.iter().find(|(c, _)| c == column).map(|(_, v)| v);
            match table.owner {
                Owner::Client(column) => {
                    if get(column) != Some(&SqlValue::Text(client_id.to_string())) {
                        return Err(bad(format!("{}: belongs to another client than the package's", at())));
                    }
                }
                Owner::Parent { column, table: parent } => {
                    let known = match get(column) {
                        Some(SqlValue::Integer(id)) => local_ids.get(parent).is_some_and(|ids| ids.contains(id)),
                        _ => false,
                    };
                    if !known {
                        return Err(bad(format!("{}: `{column}` refers to no {parent} row of the package", at())));
                    }
                }
            }
            if let Some(key) = table.local_id {
                match get(key) {
                    Some(SqlValue::Integer(id)) if local_ids.entry(table.name).or_default().insert(*id) => {}
                    _ => return Err(bad(format!("{}: `{key}` is missing or repeated", at()))),
                }
            }
            checked_rows.push(values);
        }
        if table.name == "evidence_files" {
            check_evidence(&checked_rows)?;
        }
        if table.name == "clients" {
            let [row] = checked_rows.as_mut_slice() else {
                return Err(bad(format!("the package must hold exactly one client, not {}", checked_rows.len())));
            };
            let Some((_, SqlValue::Text(profile))) = row.iter_mut().find(|(c, _)| c == "profile") else {
                return Err(bad("the client has no profile"));
            };
            let valid = ClientProfile::from_json(profile).and_then(ClientProfile::validate).map_err(|errors| {
                Error::Invalid(crate::domain::ValidationErrors(
                    errors
                        .0
                        .into_iter()
                        .map(|mut e| {
                            e.field =
                                if e.field.is_empty() { "profile".into() } else { format!("profile.{}", e.field) };
                            e
                        })
                        .collect(),
                ))
            })?;
            name = valid.get().name.clone();
            *profile =
                serde_json::to_string(&valid).map_err(|e| Error::Corrupt(format!("cannot encode a profile: {e}")))?;
        }
        out.push((table, checked_rows));
    }
    Ok(Checked { client_id, name, exported_at: contents.exported_at, tables: out })
}

/// Every evidence file's content has the SHA-256 it is stored under, and is within the size
/// limit: a package altered after its checksum was made (or made by a faulty build) is refused.
fn check_evidence(rows: &[Row]) -> Result<()> {
    for (i, row) in rows.iter().enumerate() {
        let get = |column: &str| row.iter().find(|(c, _)| c == column).map(|(_, v)| v);
        let (Some(SqlValue::Text(sha)), Some(SqlValue::Blob(content))) = (get("sha256"), get("content")) else {
            return Err(bad(format!("evidence_files[{i}]: no hash or content")));
        };
        if content.len() as u64 > crate::evidence::MAX_FILE_BYTES {
            return Err(bad(format!("evidence_files[{i}]: the file is larger than the limit")));
        }
        if crate::evidence::sha256_hex(content) != *sha {
            return Err(bad(format!("evidence_files[{i}]: the content does not have its SHA-256 {sha}")));
        }
    }
    Ok(())
}

/// Writes the checked rows for client `target`, renumbering local ids.
fn insert_all(tx: &Connection, checked: &Checked, target: ClientId) -> Result<u64> {
    let mut id_maps: HashMap<&'static str, HashMap<i64, i64>> = HashMap::new();
    let mut written = 0u64;
    for (table, rows) in &checked.tables {
        for row in rows {
            let mut columns = Vec::with_capacity(row.len());
            let mut values = Vec::with_capacity(row.len());
            let mut old_local = None;
            for (column, value) in row {
                if Some(column.as_str()) == table.local_id {
                    if let SqlValue::Integer(id) = value {
                        old_local = Some(*id);
                    }
                    continue;
                }
                let value = match table.owner {
                    Owner::Client(owner) if owner == column => SqlValue::Text(target.to_string()),
                    Owner::Parent { column: parent_column, table: parent } if parent_column == column => {
                        let SqlValue::Integer(old) = value else { unreachable!("checked") };
                        SqlValue::Integer(id_maps[parent][old])
                    }
                    _ => match table.reset.iter().find(|(c, _)| c == column) {
                        Some((_, fixed)) => SqlValue::Integer(*fixed),
                        None => value.clone(),
                    },
                };
                columns.push(format!("\"{column}\""));
                values.push(value);
            }
            let marks = (1..=values.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
            let sql = if dedupes(table) {
                let same = columns.iter().enumerate().map(|(i, c)| format!("{c} IS ?{}", i + 1)).collect::<Vec<_>>();
                format!(
                    "INSERT INTO \"{0}\" ({1}) SELECT {marks} WHERE NOT EXISTS (SELECT 1 FROM \"{0}\" WHERE {2})",
                    table.name,
                    columns.join(", "),
                    same.join(" AND ")
                )
            } else {
                format!("INSERT INTO \"{}\" ({}) VALUES ({marks})", table.name, columns.join(", "))
            };
            let changed = tx
                .prepare_cached(&sql)?
                .execute(params_from_iter(values.iter()))
                .map_err(|e| bad(format!("a {} row cannot be stored here: {e}", table.name)))?;
            written += changed as u64;
            if let (Some(old), Some(_)) = (old_local, table.local_id) {
                id_maps.entry(table.name).or_default().insert(old, tx.last_insert_rowid());
            }
        }
    }
    Ok(written)
}

/// The stored (not generated) columns of a table, in order.
fn columns_of(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("PRAGMA table_xinfo(\"{table}\")"))?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(1)?, r.get::<_, i64>(6)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (name, hidden) = row?;
        if hidden == 0 {
            out.push(name);
        }
    }
    Ok(out)
}

fn to_json(value: SqlValue) -> Value {
    match value {
        SqlValue::Null => Value::Null,
        SqlValue::Integer(i) => Value::from(i),
        SqlValue::Real(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        SqlValue::Text(t) => Value::String(t),
        SqlValue::Blob(b) => {
            let hex: String = b.iter().map(|byte| format!("{byte:02x}")).collect();
            serde_json::json!({ "blob_hex": hex })
        }
    }
}

fn from_json(value: Value) -> std::result::Result<SqlValue, String> {
    Ok(match value {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(b)),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => SqlValue::Integer(i),
            (None, Some(f)) => SqlValue::Real(f),
            _ => return Err(format!("the number {n} is out of range")),
        },
        Value::String(s) => SqlValue::Text(s),
        Value::Object(map) => match map.get("blob_hex").and_then(Value::as_str) {
            Some(hex) if map.len() == 1 && hex.len() % 2 == 0 => {
                let bytes = (0..hex.len())
                    .step_by(2)
                    .map(|i| hex.get(i..i + 2).and_then(|pair| u8::from_str_radix(pair, 16).ok()))
                    .collect::<Option<Vec<u8>>>()
                    .ok_or("a blob is not valid hex")?;
                SqlValue::Blob(bytes)
            }
            _ => return Err("a value is an object that is not a blob".into()),
        },
        Value::Array(_) => return Err("a value is an array".into()),
    })
}

#[cfg(test)]
mod tests;
