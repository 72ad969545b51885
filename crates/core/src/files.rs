//! Writing files whole or not at all: the bytes go to a temporary file beside the target, are
//! synced, and the temporary file is renamed over the target (then the folder is synced, so the
//! rename survives a crash too). A reader sees the old file or the new one, never half of one;
//! a failure leaves no temporary file behind.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use crate::domain::ClientId;

/// A file-name stem from a client's name: lowercase letters and digits, everything else as a
/// single dash (`Kestrel & Partners LLP` gives `kestrel-partners-llp`); `client` when nothing
/// is left.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "client".to_owned()
    } else {
        out.to_owned()
    }
}

/// One file-name stem per client for a batch written into one folder: the [`slug`] of its name,
/// or, for clients whose names give the same slug, the slug and the first eight characters of
/// the id. No file of a batch overwrites another of the same batch.
pub fn batch_stems(clients: &[(String, ClientId)]) -> Vec<String> {
    let slugs: Vec<String> = clients.iter().map(|(name, _)| slug(name)).collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for s in &slugs {
        *counts.entry(s.as_str()).or_default() += 1;
    }
    slugs
        .iter()
        .zip(clients)
        .map(|(s, (_, id))| if counts[s.as_str()] > 1 { format!("{s}-{}", &id.to_string()[..8]) } else { s.clone() })
        .collect()
}

/// Writes `bytes` to `path` whole, with the usual permissions (a report, a spreadsheet).
pub fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write(path, bytes, false)
}

/// [`write_whole`], readable and writable by its owner only: a client package, an audit trail.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write(path, bytes, true)
}

fn write(path: &Path, bytes: &[u8], private: bool) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "the path names no file"))?;
    let tmp = dir.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let result = (|| {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        if private {
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        }
        #[cfg(not(unix))]
        let _ = private;
        let mut file = options.open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)?;
        #[cfg(unix)]
        if let Ok(dir) = std::fs::File::open(dir) {
            let _ = dir.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_stems_never_collide() {
        assert_eq!(slug("Kestrel & Partners LLP"), "kestrel-partners-llp");
        assert_eq!(slug("Müller  Bau"), "müller-bau");
        assert_eq!(slug("!!!"), "client");
        let a: ClientId = "17fc695a-07a0-4a6e-8822-e8f36c031199".parse().unwrap();
        let b: ClientId = "972a8469-1641-4f82-8b9d-2434e465e150".parse().unwrap();
        let c: ClientId = "9a1de644-815e-46d1-bb8f-aa1837f8a88b".parse().unwrap();
        let stems = batch_stems(&[("Acme GmbH".into(), a), ("ACME GmbH!".into(), b), ("Other AG".into(), c)]);
        assert_eq!(stems, ["acme-gmbh-17fc695a", "acme-gmbh-972a8469", "other-ag"]);
    }

    #[test]
    fn replaces_whole_and_cleans_up_on_failure() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        write_whole(&path, b"first").unwrap();
        write_private(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        // A folder that does not exist: an error, and nothing left anywhere.
        let missing = dir.path().join("nope").join("out.txt");
        assert!(write_whole(&missing, b"x").is_err());
        assert!(write_whole(dir.path(), b"x").is_err(), "a folder is not a file");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, vec![std::ffi::OsString::from("out.txt")]);
    }
}
