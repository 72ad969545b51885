//! A closed set of the core's keywords on the command line (a sort, a framework kind, an import
//! mode, a side of a conflict): offered and read by the core's own list, so the CLI accepts what
//! the core names: `#[arg(long, value_parser = keyword::parser::<ClientSort>())] sort: ClientSort`.

use clap::builder::{PossibleValuesParser, TypedValueParser};
use crosswalk_core::Keyword;

/// The parser of one of `T`'s keywords; help and errors list them.
pub fn parser<T: Keyword>() -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(T::ALL.iter().map(|k| k.as_str()))
        .map(|keyword| T::parse(&keyword).expect("a keyword from the list"))
}

#[cfg(test)]
mod tests {
    use clap::Parser;
    use crosswalk_core::store::ClientSort;

    use super::*;

    #[derive(Parser)]
    struct Command {
        #[arg(long, value_parser = parser::<ClientSort>(), default_value = "name")]
        sort: ClientSort,
    }

    #[track_caller]
    fn check(args: &[&str], expected: Option<ClientSort>) {
        let parsed = Command::try_parse_from(std::iter::once("test").chain(args.iter().copied()));
        assert_eq!(parsed.ok().map(|c| c.sort), expected);
    }

    #[test]
    fn keywords_are_read_into_the_cores_type() {
        check(&[], Some(ClientSort::Name));
        check(&["--sort", "employees"], Some(ClientSort::Employees));
        check(&["--sort", "updated"], Some(ClientSort::Updated));
        check(&["--sort", "Employees"], None);
        check(&["--sort", "readiness"], None);
        let error = Command::try_parse_from(["test", "--sort", "size"]).err().unwrap().to_string();
        assert!(error.contains("[possible values: name, sector, employees, headquarters, updated]"), "{error}");
    }
}
