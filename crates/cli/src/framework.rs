//! A framework on the command line, read into the core's `ScopeFramework` by its catalogue id and
//! offered from one of the core's lists, so that the CLI accepts what the core accepts:
//! `#[arg(value_parser = framework::one_of(ScopeFramework::RATED))] framework: ScopeFramework`.

use clap::builder::{PossibleValuesParser, TypedValueParser};
use crosswalk_core::assessment::ScopeFramework;

/// The parser of a framework among `allowed`; help and errors list their ids.
pub fn one_of(allowed: &'static [ScopeFramework]) -> impl TypedValueParser<Value = ScopeFramework> {
    PossibleValuesParser::new(allowed.iter().map(|f| f.as_str())).map(|id| ScopeFramework::from_id(&id))
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Parser)]
    struct Command {
        #[arg(value_parser = one_of(ScopeFramework::CERTIFICATIONS))]
        framework: ScopeFramework,
    }

    #[track_caller]
    fn check(arg: &str, expected: Option<ScopeFramework>) {
        let parsed = Command::try_parse_from(["test", arg]);
        assert_eq!(parsed.ok().map(|c| c.framework), expected);
    }

    #[test]
    fn frameworks_are_read_from_the_cores_list() {
        check("iso27001", Some(ScopeFramework::Iso27001));
        check("soc2", Some(ScopeFramework::Soc2));
        check("iso42001", Some(ScopeFramework::Iso42001));
        check("gdpr", None);
        check("eu_ai_act", None);
        check("SOC2", None);
        let error = Command::try_parse_from(["test", "nis2"]).err().unwrap().to_string();
        assert!(error.contains("[possible values: iso27001, soc2, iso42001]"), "{error}");
    }
}
