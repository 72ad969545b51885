//! Crosswalk's core: the domain, the SQLite store and everything computed from them.
//!
//! This crate is plain Rust. It never depends on tauri, never touches the network and never
//! prints: the desktop shell (`src-tauri/`) and the headless CLI (`crates/cli`) are thin adapters
//! over it. Input from outside is parsed in two steps: raw serde data first
//! ([`domain::ClientProfile`]), then a validated value ([`domain::ValidProfile`]) that the store
//! accepts, so functions past the boundary need not re-check.

pub mod assessment;
pub mod batch;
pub mod bindings;
pub mod catalog;
pub mod cells;
pub mod demo;
pub mod domain;
pub mod error;
pub mod evidence;
pub mod files;
mod keywords;
pub use keywords::Keyword;
pub mod oscal;
pub mod package;
pub mod paths;
pub mod recommend;
pub mod requests;
pub mod secret;
pub mod store;
pub mod sync;

pub use error::{Error, ErrorCode, ErrorReport, Result};
