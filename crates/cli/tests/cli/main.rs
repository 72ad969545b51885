//! The CLI's integration tests: one binary, one module per theme, one harness (`support.rs`).
//! Run one theme with `cargo test -p crosswalk-cli --test cli <module>::`, e.g. `safety::`.

mod support;

mod assess;
mod catalog;
mod crash;
mod evidence;
mod props;
mod report;
mod requests;
mod safety;
mod scripting;
mod sheets;
mod team;
