//! The `.cwpkg` file: a small binary header, then the payload (JSON), either checksummed or
//! encrypted.
//!
//! ```text
//! offset size
//!  0      8   magic  "CWPKG\0\r\n"
//!  8      2   format version, little endian (1)
//! 10      1   kind: 0 = plain, 1 = encrypted
//! plain:
//! 11     32   SHA-256 over bytes 0..11 and the payload
//! 43      -   payload
//! encrypted:
//! 11      4   Argon2id memory cost in KiB, little endian
//! 15      4   Argon2id passes
//! 19      4   Argon2id lanes
//! 23     16   salt (random)
//! 39     24   XChaCha20-Poly1305 nonce (random)
//! 63      -   ciphertext of the payload with its 16-byte tag; the associated data is bytes 0..63
//! ```
//!
//! Every byte is covered: the checksum covers the header and the payload of a plain package (it
//! detects damage and truncation, not a forger who recomputes it); the AEAD tag covers the header
//! and the ciphertext of an encrypted package (it detects any change, and a wrong passphrase, and
//! cannot be recomputed without the passphrase). Only vetted crates do the cryptography:
//! `argon2`, `chacha20poly1305`, `sha2`, `getrandom`.

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::secret::Secret;
use crate::{Error, Result};

pub const MAGIC: &[u8; 8] = b"CWPKG\0\r\n";
pub const FORMAT_VERSION: u16 = 1;
const KIND_PLAIN: u8 = 0;
const KIND_ENCRYPTED: u8 = 1;
const PREFIX_LEN: usize = 11;
const DIGEST_LEN: usize = 32;
const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 24;
const ENCRYPTED_HEADER_LEN: usize = PREFIX_LEN + 12 + SALT_LEN + NONCE_LEN;
const TAG_LEN: usize = 16;

/// Argon2id cost parameters of an encrypted package. The default follows RFC 9106's second
/// recommended setting (64 MiB, 3 passes, 4 lanes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfParams {
    pub memory_kib: u32,
    pub passes: u32,
    pub lanes: u32,
}

impl Default for KdfParams {
    fn default() -> KdfParams {
        KdfParams { memory_kib: 64 * 1024, passes: 3, lanes: 4 }
    }
}

impl KdfParams {
    /// The bounds a package read from disk must respect: Argon2's own minimum, and at most
    /// 1 GiB and 16 passes, so that a crafted file cannot make the import run for ever.
    pub(crate) fn check(self) -> Result<KdfParams> {
        // Lanes first: the memory bound multiplies them, and a damaged header can hold any value.
        let ok = (1..=16).contains(&self.lanes)
            && (8 * self.lanes..=1024 * 1024).contains(&self.memory_kib)
            && (1..=16).contains(&self.passes);
        if ok {
            Ok(self)
        } else {
            Err(Error::BadPackage("the package's key derivation settings are out of range (damaged or altered)".into()))
        }
    }
}

/// Whether `bytes` is an encrypted package (so a passphrase must be asked for).
pub fn is_encrypted(bytes: &[u8]) -> Result<bool> {
    let (_, kind) = prefix(bytes)?;
    Ok(kind == KIND_ENCRYPTED)
}

fn prefix(bytes: &[u8]) -> Result<(u16, u8)> {
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(Error::BadPackage("the file is not a Crosswalk client package".into()));
    }
    if bytes.len() < PREFIX_LEN {
        return Err(Error::BadPackage("the package is truncated".into()));
    }
    let version = u16::from_le_bytes([bytes[8], bytes[9]]);
    if version == 0 || version > FORMAT_VERSION {
        return Err(Error::BadPackage(format!(
            "the package has format version {version}; this Crosswalk reads up to {FORMAT_VERSION} (update Crosswalk)"
        )));
    }
    match bytes[10] {
        k @ (KIND_PLAIN | KIND_ENCRYPTED) => Ok((version, k)),
        other => Err(Error::BadPackage(format!("the package has an unknown kind ({other}): damaged or altered"))),
    }
}

/// Wraps `payload` in a package: checksummed, or encrypted under `passphrase`.
pub fn seal(payload: &[u8], passphrase: Option<&Secret>, kdf: KdfParams) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(payload.len() + ENCRYPTED_HEADER_LEN + TAG_LEN);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    match passphrase {
        None => {
            out.push(KIND_PLAIN);
            let digest = Sha256::new().chain_update(&out).chain_update(payload).finalize();
            out.extend_from_slice(&digest);
            out.extend_from_slice(payload);
        }
        Some(passphrase) => {
            let kdf = kdf.check()?;
            out.push(KIND_ENCRYPTED);
            out.extend_from_slice(&kdf.memory_kib.to_le_bytes());
            out.extend_from_slice(&kdf.passes.to_le_bytes());
            out.extend_from_slice(&kdf.lanes.to_le_bytes());
            let mut salt = [0u8; SALT_LEN];
            let mut nonce = [0u8; NONCE_LEN];
            getrandom::fill(&mut salt).and_then(|()| getrandom::fill(&mut nonce)).map_err(|e| {
                Error::io("cannot get random bytes from the operating system", std::io::Error::other(e.to_string()))
            })?;
            out.extend_from_slice(&salt);
            out.extend_from_slice(&nonce);
            let cipher = cipher_for(passphrase, &salt, kdf)?;
            let sealed = cipher
                .encrypt(XNonce::from_slice(&nonce), Payload { msg: payload, aad: &out })
                .map_err(|_| Error::BadPackage("encryption failed".into()))?;
            out.extend_from_slice(&sealed);
        }
    }
    Ok(out)
}

/// Checks a package and returns its payload. Damage, truncation or any change gives an error,
/// as does a wrong or missing passphrase.
pub fn open(bytes: &[u8], passphrase: Option<&Secret>) -> Result<Zeroizing<Vec<u8>>> {
    let (_, kind) = prefix(bytes)?;
    let package = || "the client package (or it was altered after export)".to_owned();
    match kind {
        KIND_PLAIN => {
            if bytes.len() < PREFIX_LEN + DIGEST_LEN {
                return Err(Error::BadPackage("the package is truncated".into()));
            }
            let (head, rest) = bytes.split_at(PREFIX_LEN);
            let (digest, payload) = rest.split_at(DIGEST_LEN);
            let expected = Sha256::new().chain_update(head).chain_update(payload).finalize();
            if expected.as_slice() != digest {
                return Err(Error::BadPackage(
                    "the package is damaged, truncated or was altered: its checksum does not match".into(),
                ));
            }
            Ok(Zeroizing::new(payload.to_vec()))
        }
        _ => {
            if bytes.len() < ENCRYPTED_HEADER_LEN + TAG_LEN {
                return Err(Error::BadPackage("the package is truncated".into()));
            }
            let Some(passphrase) = passphrase else {
                return Err(Error::PassphraseRequired { what: "the client package".into() });
            };
            let word = |at: usize| u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
            let kdf = KdfParams { memory_kib: word(11), passes: word(15), lanes: word(19) }.check()?;
            let salt = &bytes[23..23 + SALT_LEN];
            let nonce = &bytes[39..39 + NONCE_LEN];
            let (aad, sealed) = bytes.split_at(ENCRYPTED_HEADER_LEN);
            let cipher = cipher_for(passphrase, salt, kdf)?;
            cipher
                .decrypt(XNonce::from_slice(nonce), Payload { msg: sealed, aad })
                .map(Zeroizing::new)
                .map_err(|_| Error::WrongPassphrase { what: package() })
        }
    }
}

fn cipher_for(passphrase: &Secret, salt: &[u8], kdf: KdfParams) -> Result<XChaCha20Poly1305> {
    let key = derive_key(passphrase, salt, kdf)?;
    Ok(XChaCha20Poly1305::new(key.as_ref().into()))
}

/// The 32-byte key Argon2id derives from `passphrase` and `salt` (packages, and the team key of
/// team sync, `crate::sync`).
pub(crate) fn derive_key(passphrase: &Secret, salt: &[u8], kdf: KdfParams) -> Result<Zeroizing<[u8; 32]>> {
    let params = Params::new(kdf.memory_kib, kdf.passes, kdf.lanes, Some(32))
        .map_err(|e| Error::BadPackage(format!("invalid key derivation settings: {e}")))?;
    let mut key = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.expose().as_bytes(), salt, key.as_mut())
        .map_err(|e| Error::BadPackage(format!("key derivation failed: {e}")))?;
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAST: KdfParams = KdfParams { memory_kib: 64, passes: 1, lanes: 1 };

    /// Found by `damaged_packages_write_nothing`: a header whose lanes field was overwritten with
    /// a huge number made the bound's multiplication overflow (a panic in a debug build).
    #[test]
    fn out_of_range_kdf_settings_are_refused_not_panicked_on() {
        for lanes in [0, 17, 1 << 29, u32::MAX] {
            let params = KdfParams { memory_kib: 64 * 1024, passes: 3, lanes };
            assert!(params.check().is_err(), "lanes {lanes} accepted");
        }
        assert!(KdfParams { memory_kib: 8 * 16 - 1, passes: 1, lanes: 16 }.check().is_err());
        assert_eq!(KdfParams::default().check().unwrap(), KdfParams::default());
        assert!(KdfParams { passes: 0, ..KdfParams::default() }.check().is_err());
    }

    #[test]
    fn plain_round_trip_and_every_flipped_bit_is_caught() {
        let sealed = seal(b"{\"hello\":1}", None, FAST).unwrap();
        assert_eq!(open(&sealed, None).unwrap().as_slice(), b"{\"hello\":1}");
        for i in 0..sealed.len() {
            let mut bad = sealed.clone();
            bad[i] ^= 0x10;
            assert!(open(&bad, None).is_err(), "flip at {i} not caught");
        }
        for len in 0..sealed.len() {
            assert!(open(&sealed[..len], None).is_err(), "truncation to {len} not caught");
        }
    }

    #[test]
    fn encrypted_round_trip_wrong_passphrase_and_tampering() {
        let pass = Secret::from("package passphrase");
        let sealed = seal(b"secret payload", Some(&pass), FAST).unwrap();
        assert!(!sealed.windows(6).any(|w| w == b"secret"));
        assert!(is_encrypted(&sealed).unwrap());
        assert_eq!(open(&sealed, Some(&pass)).unwrap().as_slice(), b"secret payload");
        assert!(matches!(open(&sealed, None), Err(Error::PassphraseRequired { .. })));
        assert!(matches!(open(&sealed, Some(&Secret::from("wrong passphrase"))), Err(Error::WrongPassphrase { .. })));
        for i in 0..sealed.len() {
            let mut bad = sealed.clone();
            bad[i] ^= 0x01;
            assert!(open(&bad, Some(&pass)).is_err(), "flip at {i} not caught");
        }
        assert!(open(&sealed[..sealed.len() - 1], Some(&pass)).is_err());
    }

    #[test]
    fn a_crafted_header_cannot_demand_huge_work() {
        let pass = Secret::from("package passphrase");
        let mut sealed = seal(b"x", Some(&pass), FAST).unwrap();
        sealed[11..15].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(matches!(open(&sealed, Some(&pass)), Err(Error::BadPackage(_))));
    }
}
