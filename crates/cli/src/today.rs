//! Dates on the command line: `--today`, read the same way by every command that takes it
//! (flatten [`Today`] into the command's arguments), and every other `YYYY-MM-DD` flag.
//!
//! A bad date is refused as `invalid` at its flag (exit 2, a JSON error with `--json`), like
//! every other input that breaks a rule.

use clap::Args;
use crosswalk_core::domain::Date;
use crosswalk_core::Error;

use crate::{CliResult, Failure};

/// The date a command works as of.
#[derive(Args, Clone, Debug)]
pub struct Today {
    /// The date to work as of, YYYY-MM-DD (default: today); set it for reproducible output.
    #[arg(long, value_name = "DATE")]
    today: Option<String>,
}

impl Today {
    /// The date given, or the machine's date when none is.
    pub fn date(&self) -> CliResult<Date> {
        match &self.today {
            Some(text) => parse_date("today", text),
            None => Ok(Date::today()),
        }
    }
}

/// A `YYYY-MM-DD` argument; an error names the flag.
pub fn parse_date(flag: &str, text: &str) -> CliResult<Date> {
    text.parse().map_err(|e| Failure::Core(Error::invalid(flag, format!("{e}"))))
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Parser)]
    struct Command {
        #[command(flatten)]
        day: Today,
    }

    #[track_caller]
    fn check(args: &[&str], expected: Result<&str, &str>) {
        let command = Command::try_parse_from(std::iter::once("test").chain(args.iter().copied())).unwrap();
        match (command.day.date(), expected) {
            (Ok(date), Ok(want)) => assert_eq!(date.to_string(), want),
            (Err(Failure::Core(e)), Err(words)) => {
                let report = e.report();
                assert_eq!(report.fields[0].field, "today");
                assert!(report.message.contains(words), "{} should say {words}", report.message);
            }
            (got, want) => panic!("got {:?}, expected {want:?}", got.map(|d| d.to_string()).map_err(|_| "a failure")),
        }
    }

    #[test]
    fn today_is_read_once_the_same_way() {
        check(&["--today", "2026-12-03"], Ok("2026-12-03"));
        check(&["--today", "2028-02-29"], Ok("2028-02-29"));
        check(&[], Ok(&Date::today().to_string()));
        check(&["--today", "2026-02-30"], Err("2026-02-30"));
        check(&["--today", "tomorrow"], Err("tomorrow"));
    }
}
