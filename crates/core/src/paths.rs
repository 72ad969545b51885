//! Where the portfolio database lives.

use std::path::PathBuf;

/// The environment variable that overrides the database location.
pub const DB_ENV: &str = "CROSSWALK_DB";
/// The database's file name inside the per-user data folder.
pub const DB_FILE: &str = "crosswalk.db";

/// Where the portfolio database comes from, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbSource {
    Flag,
    Environment,
    Default,
}

/// The database path: an explicit path (`--db`) wins, then `CROSSWALK_DB`, then the OS's
/// per-user data folder (`$XDG_DATA_HOME/crosswalk` on Linux, `~/Library/Application
/// Support/Crosswalk` on macOS, `%APPDATA%\Crosswalk\data` on Windows).
pub fn resolve_db_path(explicit: Option<PathBuf>) -> Option<(PathBuf, DbSource)> {
    if let Some(path) = explicit {
        return Some((path, DbSource::Flag));
    }
    if let Some(path) = std::env::var_os(DB_ENV).filter(|v| !v.is_empty()) {
        return Some((PathBuf::from(path), DbSource::Environment));
    }
    default_db_path().map(|p| (p, DbSource::Default))
}

pub fn default_db_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "Crosswalk").map(|dirs| dirs.data_dir().join(DB_FILE))
}
