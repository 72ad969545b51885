//! Calendar dates without a time zone, written `YYYY-MM-DD` everywhere.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::assessment::Lang;

/// A calendar date (`YYYY-MM-DD`). Parsing rejects impossible dates such as `2026-02-30`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, ts_rs::TS)]
/// In TypeScript an `IsoDate` string, so it cannot be mistaken for a JavaScript `Date`.
#[ts(type = "string", rename = "IsoDate")]
pub struct Date(jiff::civil::Date);

impl Date {
    pub fn new(year: i16, month: i8, day: i8) -> Option<Date> {
        jiff::civil::Date::new(year, month, day).ok().map(Date)
    }

    /// Today in the machine's local time zone.
    pub fn today() -> Date {
        Date(jiff::ZonedDateTime::now().date())
    }

    pub fn year(self) -> i16 {
        self.0.year()
    }

    pub fn month(self) -> i8 {
        self.0.month()
    }

    pub fn day(self) -> i8 {
        self.0.day()
    }

    /// This date plus `days` (negative goes back), saturating at the ends of the calendar.
    pub fn plus_days(self, days: i64) -> Date {
        let span = jiff::Span::new().days(days.clamp(-3_000_000, 3_000_000));
        Date(self.0.checked_add(span).unwrap_or(if days < 0 { jiff::civil::Date::MIN } else { jiff::civil::Date::MAX }))
    }

    /// This date plus `months`; the 31st becomes the last day of a shorter month.
    pub fn plus_months(self, months: i32) -> Date {
        let span = jiff::Span::new().months(months.clamp(-100_000, 100_000));
        Date(self.0.checked_add(span).unwrap_or(if months < 0 {
            jiff::civil::Date::MIN
        } else {
            jiff::civil::Date::MAX
        }))
    }

    /// The date as it is written in a sentence: `2 December 2027` or `2. Dezember 2027`.
    pub fn long(self, lang: Lang) -> String {
        let month = (self.month().clamp(1, 12) - 1) as usize;
        match lang {
            Lang::En => format!("{} {} {}", self.day(), MONTHS_EN[month], self.year()),
            Lang::De => format!("{}. {} {}", self.day(), MONTHS_DE[month], self.year()),
        }
    }

    /// [`Date::long`] in English.
    pub fn long_en(self) -> String {
        self.long(Lang::En)
    }

    /// [`Date::long`] in German.
    pub fn long_de(self) -> String {
        self.long(Lang::De)
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.0.since((jiff::Unit::Day, self.0)).map(|span| i64::from(span.get_days())).unwrap_or(0)
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

/// Every stand-alone `YYYY-MM-DD` in `text` written out as a long date (`2. Dezember 2027`), for
/// sentences that carry a date as data; anything else stays as it is.
pub fn written_dates(text: &str, lang: Lang) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find(|c: char| c.is_ascii_digit()) {
        let (before, from) = rest.split_at(pos);
        out.push_str(before);
        let glued = out.chars().last().is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '/');
        let after_ok = from.get(10..11).is_none_or(|c| !c.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
        match from.get(..10).and_then(|c| c.parse::<Date>().ok()) {
            Some(date) if !glued && after_ok => {
                out.push_str(&date.long(lang));
                rest = &from[10..];
            }
            _ => {
                let len = from.chars().next().map_or(1, char::len_utf8);
                out.push_str(&from[..len]);
                rest = &from[len..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateParseError(String);

impl fmt::Display for DateParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a date in the form YYYY-MM-DD", self.0)
    }
}

impl std::error::Error for DateParseError {}

impl FromStr for Date {
    type Err = DateParseError;

    fn from_str(s: &str) -> Result<Date, DateParseError> {
        let err = || DateParseError(s.to_owned());
        let bytes = s.as_bytes();
        let shape_ok = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes.iter().enumerate().all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shape_ok {
            return Err(err());
        }
        let year: i16 = s[0..4].parse().map_err(|_| err())?;
        let month: i8 = s[5..7].parse().map_err(|_| err())?;
        let day: i8 = s[8..10].parse().map_err(|_| err())?;
        Date::new(year, month, day).ok_or_else(err)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year(), self.month(), self.day())
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let raw = String::deserialize(deserializer)?;
        raw.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(input: &str, expected: Option<&str>) {
        let parsed = input.parse::<Date>().ok().map(|d| d.to_string());
        assert_eq!(parsed.as_deref(), expected, "parsing {input:?}");
    }

    #[test]
    fn parses_only_real_dates() {
        check("2026-11-29", Some("2026-11-29"));
        check("2024-02-29", Some("2024-02-29"));
        check("2025-02-29", None);
        check("2026-13-01", None);
        check("2026-1-01", None);
        check("26-11-29", None);
        check("2026/11/29", None);
        check("", None);
        check("2026-11-29T00:00", None);
        check("+026-11-29", None);
    }

    #[test]
    fn arithmetic() {
        let d: Date = "2026-01-31".parse().unwrap();
        assert_eq!(d.plus_months(1).to_string(), "2026-02-28");
        assert_eq!(d.plus_months(12).to_string(), "2027-01-31");
        assert_eq!(d.plus_days(1).to_string(), "2026-02-01");
        assert_eq!(d.plus_days(-31).to_string(), "2025-12-31");
        assert_eq!(d.days_until("2026-03-02".parse().unwrap()), 30);
        assert_eq!(d.days_until("2026-01-01".parse().unwrap()), -30);
    }

    #[test]
    fn long_dates_in_both_languages() {
        let check = |input: &str, en: &str, de: &str| {
            let d: Date = input.parse().unwrap();
            assert_eq!((d.long(Lang::En).as_str(), d.long(Lang::De).as_str()), (en, de), "{input}");
        };
        check("2027-12-02", "2 December 2027", "2. Dezember 2027");
        check("2026-03-01", "1 March 2026", "1. März 2026");
        check("2025-05-31", "31 May 2025", "31. Mai 2025");
        check("2028-01-09", "9 January 2028", "9. Januar 2028");
    }

    #[test]
    fn orders_chronologically() {
        let a: Date = "2025-12-31".parse().unwrap();
        let b: Date = "2026-01-01".parse().unwrap();
        assert!(a < b);
    }

    #[test]
    fn serde_round_trip_and_rejection() {
        let d: Date = serde_json::from_str("\"2027-12-02\"").unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"2027-12-02\"");
        let err = serde_json::from_str::<Date>("\"2027-02-30\"").unwrap_err();
        assert!(err.to_string().contains("not a date"), "{err}");
    }

    #[test]
    fn stand_alone_iso_dates_are_written_out_and_nothing_else_changes() {
        let check = |input: &str, en: &str, de: &str| {
            assert_eq!(written_dates(input, Lang::En), en, "{input}");
            assert_eq!(written_dates(input, Lang::De), de, "{input}");
        };
        check("from 2027-12-02.", "from 2 December 2027.", "from 2. Dezember 2027.");
        check("(fällig 2026-08-02)", "(fällig 2 August 2026)", "(fällig 2. August 2026)");
        check(
            "Regulation (EU) 2024/1689, Art. 113",
            "Regulation (EU) 2024/1689, Art. 113",
            "Regulation (EU) 2024/1689, Art. 113",
        );
        check(
            "CW-2027-12-02x 2027-13-01 über 12",
            "CW-2027-12-02x 2027-13-01 über 12",
            "CW-2027-12-02x 2027-13-01 über 12",
        );
    }
}
