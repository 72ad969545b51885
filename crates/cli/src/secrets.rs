//! Where the CLI gets passphrases: a line of standard input (`--passphrase-stdin` and friends),
//! an environment variable, or a prompt on the terminal that does not echo. Never a command-line
//! argument (other users can read those in the process list), never printed.
//!
//! With several `...-stdin` flags, standard input holds one passphrase per line in this order:
//! the database's, then the new one (`passphrase set|change`), the package's (`package`) or the
//! team's (`team init|join`).

use std::io::{BufRead, IsTerminal};
use std::path::Path;

use crosswalk_core::secret::Secret;
use crosswalk_core::store::{file_kind, FileKind, OpenOptions, Store};
use crosswalk_core::Error;

use crate::{CliResult, Failure};

/// The database passphrase, from the environment.
pub const PASSPHRASE_ENV: &str = "CROSSWALK_PASSPHRASE";
/// The new database passphrase for `passphrase set|change`, from the environment.
pub const NEW_PASSPHRASE_ENV: &str = "CROSSWALK_NEW_PASSPHRASE";
/// A client package's passphrase, from the environment.
pub const PACKAGE_PASSPHRASE_ENV: &str = "CROSSWALK_PACKAGE_PASSPHRASE";
/// The team passphrase for `team init|join`, from the environment.
pub const TEAM_PASSPHRASE_ENV: &str = "CROSSWALK_TEAM_PASSPHRASE";

/// Where a passphrase is read first: a line of standard input (a `--...-passphrase-stdin` flag),
/// or else the environment variable, then a prompt at the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Stdin,
    EnvOrPrompt,
}

impl Source {
    /// [`Source::Stdin`] when the command line's `...-stdin` flag is given.
    pub fn stdin_when(flag: bool) -> Source {
        if flag {
            Source::Stdin
        } else {
            Source::EnvOrPrompt
        }
    }
}

/// How the database passphrase is given, and the one used to open it (kept for
/// `passphrase change|remove`, which must confirm it).
pub struct Secrets {
    pub db_source: Source,
    opened_with: Option<Secret>,
}

impl Secrets {
    pub fn new(db_source: Source) -> Secrets {
        Secrets { db_source, opened_with: None }
    }

    /// The passphrase for the database or backup file at `path`: from standard input if asked,
    /// else from the environment, else, when the file is encrypted and a person is at the
    /// terminal, from a prompt. `None` lets the core report `passphrase_required`.
    pub fn for_file(&self, path: &Path, what: &str) -> CliResult<Option<Secret>> {
        if self.db_source == Source::Stdin {
            return read_stdin_line(what).map(Some);
        }
        if let Some(secret) = from_env(PASSPHRASE_ENV) {
            return Ok(Some(secret));
        }
        if file_kind(path)? == FileKind::Encrypted && std::io::stdin().is_terminal() {
            return prompt(&format!("Passphrase for {what} {}: ", path.display())).map(Some);
        }
        Ok(None)
    }

    /// Opens the store, asking for the passphrase as [`Secrets::for_file`] does.
    pub fn open(&mut self, path: &Path) -> CliResult<Store> {
        let passphrase = self.for_file(path, "the database")?;
        let store = Store::open_with(path, OpenOptions::with_passphrase(passphrase.clone()))?;
        self.opened_with = passphrase;
        Ok(store)
    }

    pub fn opened_with(&self) -> Option<&Secret> {
        self.opened_with.as_ref()
    }
}

/// A new passphrase (for the database or a package): from standard input if asked, else the
/// environment variable, else typed twice at the terminal.
pub fn new_passphrase(source: Source, env: &str, what: &str) -> CliResult<Secret> {
    if source == Source::Stdin {
        return read_stdin_line(what);
    }
    if let Some(secret) = from_env(env) {
        return Ok(secret);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Failure::Usage(format!(
            "no {what} given: pass it on standard input with the --...-passphrase-stdin flag, or set {env}"
        )));
    }
    let first = prompt(&format!("New {what}: "))?;
    let second = prompt(&format!("Repeat the new {what}: "))?;
    if first != second {
        return Err(Failure::Usage("the two passphrases differ; nothing was changed".into()));
    }
    Ok(first)
}

/// An existing passphrase (a package's): standard input, environment, or one prompt.
pub fn existing_passphrase(source: Source, env: &str, what: &str) -> CliResult<Option<Secret>> {
    if source == Source::Stdin {
        return read_stdin_line(what).map(Some);
    }
    if let Some(secret) = from_env(env) {
        return Ok(Some(secret));
    }
    if std::io::stdin().is_terminal() {
        return prompt(&format!("Passphrase for {what}: ")).map(Some);
    }
    Ok(None)
}

fn from_env(name: &str) -> Option<Secret> {
    std::env::var(name).ok().filter(|v| !v.is_empty()).map(Secret::new)
}

/// One line of standard input, without its line ending.
fn read_stdin_line(what: &str) -> CliResult<Secret> {
    // Room for the longest passphrase accepted, so the buffer is not reallocated (and the old
    // one left unwiped) while reading.
    let mut line = String::with_capacity(crosswalk_core::secret::MAX_PASSPHRASE_BYTES + 8);
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Failure::Core(Error::io(format!("cannot read the {what} from standard input"), e)))?;
    let secret = Secret::new(line);
    let trimmed = secret.expose().trim_end_matches(['\n', '\r']);
    if trimmed.is_empty() {
        return Err(Failure::Usage(format!("standard input holds no {what} (one passphrase per line)")));
    }
    Ok(Secret::new(trimmed.to_owned()))
}

fn prompt(text: &str) -> CliResult<Secret> {
    rpassword::prompt_password(text)
        .map(Secret::new)
        .map_err(|e| Failure::Core(Error::io("cannot read the passphrase from the terminal", e)))
}
