//! `--lang en|de`, read into the core's `Lang` the same way by every command that takes it:
//! `#[arg(long, value_parser = lang::parser(), default_value = "en")] lang: Lang`.

use clap::builder::{PossibleValuesParser, TypedValueParser};
use crosswalk_core::assessment::Lang;

/// The parser of a language flag; help and errors list the codes.
pub fn parser() -> impl TypedValueParser<Value = Lang> {
    PossibleValuesParser::new(Lang::ALL.map(Lang::code)).map(|code| Lang::parse(&code).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Parser)]
    struct Command {
        #[arg(long, value_parser = parser(), default_value = "en")]
        lang: Lang,
    }

    #[track_caller]
    fn check(args: &[&str], expected: Option<Lang>) {
        let parsed = Command::try_parse_from(std::iter::once("test").chain(args.iter().copied()));
        assert_eq!(parsed.ok().map(|c| c.lang), expected);
    }

    #[test]
    fn languages_are_read_into_the_cores_lang() {
        check(&[], Some(Lang::En));
        check(&["--lang", "en"], Some(Lang::En));
        check(&["--lang", "de"], Some(Lang::De));
        check(&["--lang", "fr"], None);
        check(&["--lang", "DE"], None);
    }
}
