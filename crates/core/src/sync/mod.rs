//! Team sync's files and clock: what goes into the shared folder and how it is sealed. The store
//! side (what is recorded, merged and written back) lives in `store/sync/`.
//!
//! The folder:
//!
//! ```text
//! DIR/team.json                          format, team id, Argon2id salt and costs, a key check
//! DIR/devices/<device>/<seq>.cwsync      one device's changesets, numbered from 1, never rewritten
//! DIR/devices/<device>/snapshot-<n>.cwsync   that device's snapshots (the whole team state)
//! DIR/devices/<device>/applied.cwsync    its receipt: the files of every device it has applied,
//!                                        and its newest snapshot with what that covers
//! DIR/devices/<device>/left.cwsync       written when it leaves the team
//! ```
//!
//! A device writes only into its own folder and never changes a changeset or snapshot once
//! written (a file is written to a temporary name, synced, then renamed), so a folder-sync engine
//! never sees two devices edit one file. Only its receipt is replaced, whole, by the same rename.
//! A device deletes its own changesets once every other device's receipt covers them and a
//! snapshot in the folder does too, and its own snapshots once it has a newer one.
//!
//! Every file:
//!
//! ```text
//! offset size
//!  0      8   magic "CWSYNC\0\n"
//!  8      2   file format version, little endian (1)
//! 10      1   kind: 1 = changeset, 2 = snapshot, 3 = receipt, 4 = left
//! 11      4   sync schema version of the writer, little endian (SYNC_SCHEMA)
//! 15     16   team id
//! 31     16   device id of the writer
//! 47      8   sequence number (of the changeset, or of the snapshot), little endian
//! 55      8   stamp: the writer's hybrid logical clock in ms, little endian
//! 63     24   XChaCha20-Poly1305 nonce (random)
//! 87      -   the sealed payload with its 16-byte tag; the associated data is bytes 0..87
//! ```
//!
//! The key is the team key: Argon2id over the team passphrase and the team's salt (the vetted
//! primitives of `package/format.rs`). The tag covers the header, so a flipped byte anywhere, a
//! truncated file, a file of another team or one sealed with another key is refused before
//! anything of it is used.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::package::KdfParams;
use crate::secret::Secret;
use crate::{Error, Result};

pub const FILE_MAGIC: &[u8; 8] = b"CWSYNC\0\n";
pub const FILE_FORMAT: u16 = 1;
/// The layout of the synced tables (`sync_*` of `0017_team_sync.sql`). A file written under a
/// higher number is refused with "update Crosswalk"; a migration that changes the synced tables
/// raises it and reads the older files.
pub const SYNC_SCHEMA: u32 = 1;
/// The name of the team's description in the folder.
pub const TEAM_FILE: &str = "team.json";
pub const TEAM_FORMAT: u32 = 1;
const HEADER_LEN: usize = 63;
const NONCE_LEN: usize = 24;
const SEALED_START: usize = HEADER_LEN + NONCE_LEN;
const TAG_LEN: usize = 16;
const KEY_CHECK: &[u8] = b"crosswalk team key check";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Changeset = 1,
    Snapshot = 2,
    /// Which files of each device the writer has applied: the others delete their own files
    /// only once every receipt covers them. Its sequence number is the writer's last changeset.
    Receipt = 3,
    /// The writer has left the team: nobody keeps files for it any more.
    Left = 4,
}

/// The plaintext header of a team file (authenticated, not secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub kind: FileKind,
    pub schema: u32,
    pub team: Uuid,
    pub device: Uuid,
    pub seq: u64,
    pub clock: u64,
}

impl Header {
    /// The stamp of every change in this file.
    pub fn stamp(&self) -> Stamp {
        Stamp { clock: self.clock, device: self.device }
    }

    fn encode(&self) -> [u8; HEADER_LEN] {
        let mut out = [0u8; HEADER_LEN];
        out[..8].copy_from_slice(FILE_MAGIC);
        out[8..10].copy_from_slice(&FILE_FORMAT.to_le_bytes());
        out[10] = self.kind as u8;
        out[11..15].copy_from_slice(&self.schema.to_le_bytes());
        out[15..31].copy_from_slice(self.team.as_bytes());
        out[31..47].copy_from_slice(self.device.as_bytes());
        out[47..55].copy_from_slice(&self.seq.to_le_bytes());
        out[55..63].copy_from_slice(&self.clock.to_le_bytes());
        out
    }
}

/// When a change was made, as every device orders it: a hybrid logical clock (milliseconds of
/// the wall clock, but always above every stamp the device has seen), then the device id to
/// break ties. Two stamps are never equal unless they are the same file's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp {
    pub clock: u64,
    pub device: Uuid,
}

impl Stamp {
    /// Fixed-width text whose order is the stamp's order (stored in `sync_rows`, `sync_fields`).
    pub fn text(&self) -> String {
        format!("{:016x}-{}", self.clock, self.device.hyphenated())
    }

    pub fn parse(text: &str) -> Option<Stamp> {
        let (clock, device) = text.split_once('-')?;
        Some(Stamp { clock: u64::from_str_radix(clock, 16).ok()?, device: Uuid::parse_str(device).ok()? })
    }
}

/// The next value of a hybrid logical clock: the wall clock in ms, unless the clock has already
/// seen a later stamp, then one above it.
pub fn tick(clock: u64, now_ms: u64) -> u64 {
    now_ms.max(clock + 1)
}

/// The wall clock in ms since the Unix epoch.
pub fn now_ms() -> u64 {
    u64::try_from(jiff::Timestamp::now().as_millisecond()).unwrap_or(0)
}

/// Seals `payload` under the team key with `header` in front.
pub fn seal(key: &[u8; 32], header: &Header, payload: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(SEALED_START + payload.len() + TAG_LEN);
    out.extend_from_slice(&header.encode());
    let nonce = random::<NONCE_LEN>()?;
    out.extend_from_slice(&nonce);
    let sealed = XChaCha20Poly1305::new(key.into())
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: payload, aad: &out })
        .map_err(|_| Error::Sync("encryption failed".into()))?;
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// Checks a team file and returns its header and payload. `name` says which file in messages.
/// Refused: not a team file, truncated, another team's, altered or sealed with another key, a
/// newer format or sync schema (update Crosswalk).
pub fn open(key: &[u8; 32], team: Uuid, bytes: &[u8], name: &str) -> Result<(Header, Zeroizing<Vec<u8>>)> {
    let refuse = |why: &str| Error::Sync(format!("the team file {name} was refused: {why}; nothing of it was applied"));
    if bytes.len() < FILE_MAGIC.len() || &bytes[..FILE_MAGIC.len()] != FILE_MAGIC {
        return Err(refuse("it is not a Crosswalk team sync file"));
    }
    if bytes.len() < SEALED_START + TAG_LEN {
        return Err(refuse("it is truncated"));
    }
    let format = u16::from_le_bytes([bytes[8], bytes[9]]);
    if format == 0 || format > FILE_FORMAT {
        return Err(refuse(&format!(
            "it has file format {format}, this Crosswalk reads up to {FILE_FORMAT}: update Crosswalk"
        )));
    }
    let uuid_at = |at: usize| Uuid::from_slice(&bytes[at..at + 16]).expect("16 bytes");
    let u64_at = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
    let file_team = uuid_at(15);
    if file_team != team {
        return Err(refuse(&format!("it belongs to another team ({file_team}, this folder's team is {team})")));
    }
    let (aad, sealed) = bytes.split_at(SEALED_START);
    let payload = XChaCha20Poly1305::new(key.into())
        .decrypt(XNonce::from_slice(&bytes[HEADER_LEN..SEALED_START]), Payload { msg: sealed, aad })
        .map(Zeroizing::new)
        .map_err(|_| refuse("it is damaged, truncated or was altered, or it was not sealed with this team's key"))?;
    let kind = match bytes[10] {
        1 => FileKind::Changeset,
        2 => FileKind::Snapshot,
        3 => FileKind::Receipt,
        4 => FileKind::Left,
        other => return Err(refuse(&format!("it has an unknown kind ({other}): update Crosswalk"))),
    };
    let schema = u32::from_le_bytes(bytes[11..15].try_into().expect("4 bytes"));
    if schema > SYNC_SCHEMA {
        return Err(refuse(&format!(
            "it was written by a newer Crosswalk (sync schema {schema}, this one reads up to {SYNC_SCHEMA}): update Crosswalk"
        )));
    }
    let header = Header { kind, schema, team: file_team, device: uuid_at(31), seq: u64_at(47), clock: u64_at(55) };
    Ok((header, payload))
}

fn random<const N: usize>() -> Result<[u8; N]> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| {
        Error::io("cannot get random bytes from the operating system", std::io::Error::other(e.to_string()))
    })?;
    Ok(bytes)
}

/// `team.json`: what a device needs to derive the team key from the passphrase and to check it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct TeamFile {
    pub format: u32,
    pub team_id: Uuid,
    pub kdf_memory_kib: u32,
    pub kdf_passes: u32,
    pub kdf_lanes: u32,
    /// The Argon2id salt, hex.
    pub salt: String,
    /// A short text sealed under the team key (nonce and ciphertext, hex): a wrong passphrase is
    /// caught at `team join` instead of at the first file.
    pub key_check: String,
}

impl TeamFile {
    /// A new team: a random id and salt, the key derived from `passphrase`.
    pub fn create(passphrase: &Secret, kdf: KdfParams) -> Result<(TeamFile, Zeroizing<[u8; 32]>)> {
        let kdf = kdf.check()?;
        let team_id = Uuid::from_bytes(random::<16>()?);
        let salt = random::<16>()?;
        let key = crate::package::derive_key(passphrase, &salt, kdf)?;
        let nonce = random::<NONCE_LEN>()?;
        let sealed = XChaCha20Poly1305::new(key.as_ref().into())
            .encrypt(XNonce::from_slice(&nonce), Payload { msg: KEY_CHECK, aad: team_id.as_bytes() })
            .map_err(|_| Error::Sync("encryption failed".into()))?;
        let team = TeamFile {
            format: TEAM_FORMAT,
            team_id,
            kdf_memory_kib: kdf.memory_kib,
            kdf_passes: kdf.passes,
            kdf_lanes: kdf.lanes,
            salt: hex(&salt),
            key_check: hex(&[nonce.as_slice(), &sealed].concat()),
        };
        Ok((team, key))
    }

    pub fn parse(text: &str) -> Result<TeamFile> {
        let team: TeamFile = serde_json::from_str(text)
            .map_err(|e| Error::Sync(format!("the folder's team.json is not a Crosswalk team description: {e}")))?;
        if team.format > TEAM_FORMAT {
            return Err(Error::Sync(format!(
                "the team folder has format {}, this Crosswalk reads up to {TEAM_FORMAT}: update Crosswalk",
                team.format
            )));
        }
        Ok(team)
    }

    /// The team key from `passphrase`; a wrong passphrase is refused.
    pub fn key(&self, passphrase: &Secret) -> Result<Zeroizing<[u8; 32]>> {
        let kdf = KdfParams { memory_kib: self.kdf_memory_kib, passes: self.kdf_passes, lanes: self.kdf_lanes }
            .check()
            .map_err(|_| {
                Error::Sync("the team's key derivation settings are out of range (damaged or altered)".into())
            })?;
        let bad = || Error::Sync("the folder's team.json is damaged".into());
        let salt = unhex(&self.salt).ok_or_else(bad)?;
        let check = unhex(&self.key_check).ok_or_else(bad)?;
        if salt.len() != 16 || check.len() < NONCE_LEN + TAG_LEN {
            return Err(bad());
        }
        let key = crate::package::derive_key(passphrase, &salt, kdf)?;
        let (nonce, sealed) = check.split_at(NONCE_LEN);
        let opened = XChaCha20Poly1305::new(key.as_ref().into())
            .decrypt(XNonce::from_slice(nonce), Payload { msg: sealed, aad: self.team_id.as_bytes() });
        match opened {
            Ok(text) if text == KEY_CHECK => Ok(key),
            _ => Err(Error::WrongPassphrase { what: "the team".into() }),
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

/// Which files of each device a writer had applied: (device, last file number).
pub type Covers = Vec<(Uuid, u64)>;

/// The last file of `device` that `covers` includes (0: none).
pub fn covered(covers: &[(Uuid, u64)], device: Uuid) -> u64 {
    covers.iter().find(|(d, _)| *d == device).map_or(0, |(_, seq)| *seq)
}

fn encode_covers(out: &mut Vec<u8>, covers: &[(Uuid, u64)]) {
    out.extend_from_slice(&(covers.len() as u64).to_le_bytes());
    for (device, seq) in covers {
        out.extend_from_slice(device.as_bytes());
        out.extend_from_slice(&seq.to_le_bytes());
    }
}

/// Reads covers from the front of `bytes`; returns them and the rest.
fn decode_covers(bytes: &[u8]) -> Option<(Covers, &[u8])> {
    let count = usize::try_from(u64::from_le_bytes(bytes.get(..8)?.try_into().ok()?)).ok()?;
    let end = count.checked_mul(24).and_then(|n| n.checked_add(8)).filter(|&n| n <= bytes.len())?;
    let covers = bytes[8..end]
        .chunks_exact(24)
        .map(|c| (Uuid::from_slice(&c[..16]).expect("16"), u64::from_le_bytes(c[16..].try_into().expect("8"))))
        .collect();
    Some((covers, &bytes[end..]))
}

/// The payload of a snapshot: which files of each device it covers, and the team state
/// (`sync_rows` and `sync_fields` as a changeset of inserts). A changeset's payload has the same
/// shape (what its writer had applied, then its changes).
pub struct Snapshot {
    pub covers: Covers,
    pub changeset: Vec<u8>,
}

impl Snapshot {
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(8 + self.covers.len() * 24 + self.changeset.len());
        encode_covers(&mut out, &self.covers);
        out.extend_from_slice(&self.changeset);
        out
    }

    pub fn decode(bytes: &[u8]) -> Result<Snapshot> {
        let (covers, rest) =
            decode_covers(bytes).ok_or_else(|| Error::Sync("the snapshot's content is malformed".into()))?;
        Ok(Snapshot { covers, changeset: rest.to_vec() })
    }
}

/// The payload of a receipt: what its writer has applied of every device, and the number of its
/// newest snapshot with what that covers (0 and none before its first), so that the others can
/// tell which snapshot a new member would start from without opening every snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub applied: Covers,
    pub snapshot: u64,
    pub snapshot_covers: Covers,
}

impl Receipt {
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        encode_covers(&mut out, &self.applied);
        out.extend_from_slice(&self.snapshot.to_le_bytes());
        encode_covers(&mut out, &self.snapshot_covers);
        out
    }

    pub fn decode(bytes: &[u8]) -> Option<Receipt> {
        let (applied, rest) = decode_covers(bytes)?;
        let snapshot = u64::from_le_bytes(rest.get(..8)?.try_into().ok()?);
        let (snapshot_covers, rest) = decode_covers(&rest[8..])?;
        rest.is_empty().then_some(Receipt { applied, snapshot, snapshot_covers })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAST: KdfParams = KdfParams { memory_kib: 64, passes: 1, lanes: 1 };

    fn header(team: Uuid) -> Header {
        Header { kind: FileKind::Changeset, schema: SYNC_SCHEMA, team, device: Uuid::from_u128(7), seq: 3, clock: 99 }
    }

    #[test]
    fn a_file_round_trips_and_every_flipped_byte_or_truncation_is_refused() {
        let (team, key) = TeamFile::create(&Secret::from("team passphrase"), FAST).unwrap();
        let sealed = seal(&key, &header(team.team_id), b"changes").unwrap();
        let (h, payload) = open(&key, team.team_id, &sealed, "f").unwrap();
        assert_eq!((h, payload.as_slice()), (header(team.team_id), &b"changes"[..]));
        for i in 0..sealed.len() {
            let mut bad = sealed.clone();
            bad[i] ^= 0x04;
            assert!(open(&key, team.team_id, &bad, "f").is_err(), "flip at {i} not caught");
        }
        for len in 0..sealed.len() {
            assert!(open(&key, team.team_id, &sealed[..len], "f").is_err(), "truncation to {len} not caught");
        }
    }

    #[test]
    fn another_teams_file_a_wrong_key_and_a_newer_schema_are_refused_with_their_reason() {
        let (team, key) = TeamFile::create(&Secret::from("team passphrase"), FAST).unwrap();
        let (other, other_key) = TeamFile::create(&Secret::from("team passphrase"), FAST).unwrap();
        let theirs = seal(&other_key, &header(other.team_id), b"x").unwrap();
        let message = open(&key, team.team_id, &theirs, "f").unwrap_err().to_string();
        assert!(message.contains("another team"), "{message}");
        let forged = seal(&other_key, &header(team.team_id), b"x").unwrap();
        let message = open(&key, team.team_id, &forged, "f").unwrap_err().to_string();
        assert!(message.contains("not sealed with this team's key"), "{message}");
        let newer = seal(&key, &Header { schema: SYNC_SCHEMA + 1, ..header(team.team_id) }, b"x").unwrap();
        let message = open(&key, team.team_id, &newer, "f").unwrap_err().to_string();
        assert!(message.contains("update Crosswalk"), "{message}");
    }

    #[test]
    fn the_team_file_checks_the_passphrase() {
        let (team, key) = TeamFile::create(&Secret::from("team passphrase"), FAST).unwrap();
        let parsed = TeamFile::parse(&serde_json::to_string(&team).unwrap()).unwrap();
        assert_eq!(*parsed.key(&Secret::from("team passphrase")).unwrap(), *key);
        assert!(matches!(parsed.key(&Secret::from("wrong one")), Err(Error::WrongPassphrase { .. })));
    }

    #[test]
    fn a_receipt_round_trips_and_a_cut_one_is_refused() {
        let receipt = Receipt {
            applied: vec![(Uuid::from_u128(1), 4), (Uuid::from_u128(2), 9)],
            snapshot: 3,
            snapshot_covers: vec![(Uuid::from_u128(1), 2)],
        };
        let bytes = receipt.encode();
        assert_eq!(Receipt::decode(&bytes), Some(receipt.clone()));
        assert_eq!(covered(&receipt.applied, Uuid::from_u128(2)), 9);
        assert_eq!(covered(&receipt.applied, Uuid::from_u128(7)), 0);
        for len in 0..bytes.len() {
            assert_eq!(Receipt::decode(&bytes[..len]), None, "cut to {len}");
        }
    }

    #[test]
    fn stamps_order_as_text_and_the_clock_never_goes_back() {
        let a = Stamp { clock: 5, device: Uuid::from_u128(9) };
        let b = Stamp { clock: 16, device: Uuid::from_u128(1) };
        assert!(a < b && a.text() < b.text());
        assert_eq!(Stamp::parse(&b.text()), Some(b));
        assert_eq!(tick(100, 50), 101);
        assert_eq!(tick(100, 500), 500);
    }
}
