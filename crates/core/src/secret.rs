//! Passphrases in memory: wiped when dropped, never printed.
//!
//! A [`Secret`] holds a passphrase the consultant typed (for the database or a client package).
//! Its bytes are overwritten with zeros when it is dropped (`zeroize`), its `Debug` shows
//! nothing of it, and it implements neither `Display` nor `Serialize`, so it cannot end up in a
//! log line, an error message or a JSON answer by accident. Nothing in Crosswalk writes it to
//! disk: SQLCipher derives the database key from it in memory, and a package key is derived
//! with Argon2id in memory.
//!
//! What this does not cover: copies the operating system, the terminal, the webview or the IPC
//! layer made before the passphrase reached this type (see SECURITY.md).

use zeroize::Zeroizing;

/// The shortest passphrase accepted when one is set.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// The longest passphrase accepted, in bytes.
pub const MAX_PASSPHRASE_BYTES: usize = 1024;

#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    pub fn new(text: String) -> Secret {
        Secret(Zeroizing::new(text))
    }

    /// The passphrase itself; keep the borrow short and never log it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Checks a new passphrase: at least [`MIN_PASSPHRASE_CHARS`] characters, at most
    /// [`MAX_PASSPHRASE_BYTES`] bytes, no NUL and no line breaks (a passphrase is read as one
    /// line). The message never contains the passphrase.
    pub fn check_new(&self, field: &str) -> crate::Result<()> {
        let text = self.expose();
        let problem = if text.chars().count() < MIN_PASSPHRASE_CHARS {
            Some(format!("must be at least {MIN_PASSPHRASE_CHARS} characters long"))
        } else if text.len() > MAX_PASSPHRASE_BYTES {
            Some(format!("must be at most {MAX_PASSPHRASE_BYTES} bytes long"))
        } else if text.contains(['\0', '\n', '\r']) {
            Some("must not contain line breaks or NUL characters".to_owned())
        } else {
            None
        };
        match problem {
            Some(message) => Err(crate::Error::invalid(field, message)),
            None => Ok(()),
        }
    }
}

impl From<String> for Secret {
    fn from(text: String) -> Secret {
        Secret::new(text)
    }
}

impl From<&str> for Secret {
    fn from(text: &str) -> Secret {
        Secret::new(text.to_owned())
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// The app receives a passphrase as a JSON string over IPC; it goes straight into a `Secret`.
impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Secret, D::Error> {
        String::deserialize(deserializer).map(Secret::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_passphrase() {
        let s = Secret::from("correct horse battery staple");
        assert_eq!(format!("{s:?}"), "Secret(***)");
        assert_eq!(format!("{:?}", Some(&s)), "Some(Secret(***))");
    }

    #[test]
    fn new_passphrases_are_checked_without_echoing_them() {
        assert!(Secret::from("long enough").check_new("passphrase").is_ok());
        let err = Secret::from("short").check_new("passphrase").unwrap_err();
        assert!(!err.to_string().contains("short"), "{err}");
        assert!(Secret::from("line\nbreak here").check_new("passphrase").is_err());
        assert!(Secret::new("x".repeat(2000)).check_new("passphrase").is_err());
    }
}
