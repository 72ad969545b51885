//! Where catalogue files come from: the shipped set embedded in the binary, or a folder on disk
//! with the same layout; and the content hash that tells one catalogue from another.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::error::CatalogErrors;
use crate::{Error, Result};

/// The name under which the regulatory calendar appears, relative to the catalogue folder
/// (`assets/catalog/../regulatory/calendar.toml`).
pub const CALENDAR_FILE: &str = "../regulatory/calendar.toml";

/// The catalogue's own file, with the version, the date and the domains.
pub const CATALOG_FILE: &str = "catalog.toml";

/// The requirements whose subset controls are declared jointly sufficient (FORMAT.md). Optional
/// in a folder on disk: without it no requirement is met by subset controls alone.
pub const JOINT_FILE: &str = "jointly-sufficient.toml";

/// The sub-folders of a catalogue and the extension of their files.
pub const FOLDERS: &[(&str, &str)] = &[("frameworks", "toml"), ("controls", "toml"), ("mappings", "csv")];

/// Embeds a file of `assets/catalog/` under its name relative to that folder.
macro_rules! shipped {
    ($name:literal) => {
        ($name, include_str!(concat!("../../../../assets/catalog/", $name)))
    };
}

/// The shipped catalogue, compiled into the binary so neither the app nor the CLI needs the
/// assets folder at run time. A test fails when a file of `assets/catalog/` is missing here.
pub const SHIPPED_FILES: &[(&str, &str)] = &[
    shipped!("catalog.toml"),
    shipped!("jointly-sufficient.toml"),
    shipped!("frameworks/eu_ai_act.toml"),
    shipped!("frameworks/gdpr.toml"),
    shipped!("frameworks/iso27001.toml"),
    shipped!("frameworks/iso42001.toml"),
    shipped!("frameworks/nis2.toml"),
    shipped!("frameworks/nist_ai_rmf.toml"),
    shipped!("frameworks/soc2.toml"),
    shipped!("controls/ai-trustworthiness.toml"),
    shipped!("controls/ai.toml"),
    shipped!("controls/cyber-duties.toml"),
    shipped!("controls/management.toml"),
    shipped!("controls/privacy.toml"),
    shipped!("controls/security.toml"),
    shipped!("mappings/ai.csv"),
    shipped!("mappings/management-and-security.csv"),
    shipped!("mappings/nis2.csv"),
    shipped!("mappings/nist-ai-rmf.csv"),
    shipped!("mappings/privacy.csv"),
    (CALENDAR_FILE, include_str!("../../../../assets/regulatory/calendar.toml")),
];

/// Bumped when the way a catalogue is installed changes (a new derived column, say), so that an
/// unchanged catalogue is installed again by a build that stores it differently.
const INSTALL_FORMAT: &str = "crosswalk-catalog/1";

/// The content hash of the shipped catalogue, computed once per process.
pub fn shipped_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| content_hash(SHIPPED_FILES.iter().copied()))
}

/// A stable 64-bit FNV-1a hash, as 16 hex digits, over the install format and every file's name
/// and text, in name order (so the order files are listed in does not matter). Unlike std's
/// `DefaultHasher` it is the same on every build, platform and Rust version.
pub fn content_hash<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut files: Vec<(&str, &str)> = files.into_iter().collect();
    files.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut hash = Fnv1a::new();
    hash.write(INSTALL_FORMAT.as_bytes());
    for (name, text) in files {
        hash.write(&[0]);
        hash.write(name.as_bytes());
        hash.write(&[0]);
        hash.write(text.as_bytes());
    }
    format!("{:016x}", hash.0)
}

/// FNV-1a, 64 bits.
struct Fnv1a(u64);

impl Fnv1a {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;

    fn new() -> Fnv1a {
        Fnv1a(Self::OFFSET_BASIS)
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 ^= u64::from(*byte);
            self.0 = self.0.wrapping_mul(Self::PRIME);
        }
    }
}

/// The files of a catalogue folder on disk: `catalog.toml`, the files of the sub-folders, and
/// the calendar at `../regulatory/calendar.toml`. `path` may also be the `assets` folder that
/// holds `catalog/`. Problems with single files (missing, not UTF-8, an unexpected file) are
/// catalogue problems; a folder that cannot be read at all is an I/O error.
pub(super) fn read_dir(path: &Path) -> Result<(Vec<(String, String)>, CatalogErrors)> {
    let root = catalog_root(path)?;
    let mut files = Vec::new();
    let mut problems = CatalogErrors::default();
    let mut read = |name: String, full: PathBuf, problems: &mut CatalogErrors| match std::fs::read(&full) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => files.push((name, text)),
            Err(_) => problems.push(name, "", "is not UTF-8 text"),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => problems.push(name, "", "the file is missing"),
        Err(e) => problems.push(name, "", format!("cannot be read: {e}")),
    };
    read(CATALOG_FILE.to_owned(), root.join(CATALOG_FILE), &mut problems);
    read(CALENDAR_FILE.to_owned(), root.join(CALENDAR_FILE), &mut problems);
    if root.join(JOINT_FILE).exists() {
        read(JOINT_FILE.to_owned(), root.join(JOINT_FILE), &mut problems);
    }
    for (folder, extension) in FOLDERS {
        let dir = root.join(folder);
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                problems.push(format!("{folder}/"), "", "the folder is missing");
                continue;
            }
            Err(e) => return Err(Error::io(format!("cannot read the folder {}", dir.display()), e)),
        };
        let mut names = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(format!("cannot read the folder {}", dir.display()), e))?;
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
        names.sort();
        for name in names.into_iter().filter(|n| !n.starts_with('.')) {
            let full = dir.join(&name);
            let relative = format!("{folder}/{name}");
            if full.is_dir() {
                problems.push(relative, "", "unexpected folder: a catalogue has no nested folders");
            } else if Path::new(&name).extension().and_then(|e| e.to_str()) != Some(*extension) {
                problems.push(relative, "", format!("unexpected file: only *.{extension} files belong in {folder}/"));
            } else {
                read(relative, full, &mut problems);
            }
        }
    }
    Ok((files, problems))
}

/// The catalogue folder `path` names: itself, or its `catalog/` sub-folder.
fn catalog_root(path: &Path) -> Result<PathBuf> {
    let meta = std::fs::metadata(path)
        .map_err(|e| Error::io(format!("cannot read the catalogue folder {}", path.display()), e))?;
    if !meta.is_dir() {
        return Err(Error::io(
            format!("cannot read the catalogue folder {}", path.display()),
            std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a folder"),
        ));
    }
    if !path.join(CATALOG_FILE).exists() && path.join("catalog").join(CATALOG_FILE).exists() {
        return Ok(path.join("catalog"));
    }
    Ok(path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_reference_vectors() {
        let hash = |bytes: &[u8]| {
            let mut h = Fnv1a::new();
            h.write(bytes);
            h.0
        };
        assert_eq!(hash(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hash(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(hash(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn content_hash_is_order_independent_and_sees_every_byte() {
        let a = content_hash([("a.toml", "x = 1"), ("b.toml", "y = 2")]);
        assert_eq!(a, content_hash([("b.toml", "y = 2"), ("a.toml", "x = 1")]));
        assert_ne!(a, content_hash([("a.toml", "x = 1"), ("b.toml", "y = 3")]));
        assert_ne!(a, content_hash([("a.tom", "lx = 1"), ("b.toml", "y = 2")]), "names and texts are separated");
        assert_eq!(a.len(), 16);
        assert_eq!(shipped_hash(), content_hash(SHIPPED_FILES.iter().copied()));
    }

    /// Every file of the shipped folders must be embedded; otherwise a new framework or control
    /// file would silently be left out of the binary.
    #[test]
    fn every_shipped_file_is_embedded() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/catalog");
        let embedded: Vec<&str> = SHIPPED_FILES.iter().map(|(name, _)| *name).collect();
        let mut on_disk = 0;
        for (folder, _) in FOLDERS {
            for entry in std::fs::read_dir(root.join(folder)).unwrap() {
                let name = entry.unwrap().file_name().to_string_lossy().into_owned();
                if name.starts_with('.') {
                    continue;
                }
                let relative = format!("{folder}/{name}");
                assert!(
                    embedded.contains(&relative.as_str()),
                    "{relative} is not in SHIPPED_FILES (catalog/source.rs)"
                );
                on_disk += 1;
            }
        }
        assert!(root.join(CATALOG_FILE).exists());
        assert!(root.join(JOINT_FILE).exists());
        assert_eq!(on_disk + 3, SHIPPED_FILES.len(), "SHIPPED_FILES lists a file that is not in assets/catalog");
    }
}
