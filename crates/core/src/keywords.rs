//! Closed sets of keywords (a framework kind, an effort size, a status) as enums that serialise
//! as their keyword, shared by the catalogue and the assessment.

/// Declares a closed set of keywords as an enum that serialises as its keyword, with the list of
/// every value (for messages) and a parser that returns `None` for an unknown keyword.
macro_rules! keywords {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, ::serde::Serialize, ::serde::Deserialize, ::ts_rs::TS)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant,)+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The keyword, as written in the catalogue files, the database, spreadsheets and JSON.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            /// The value a keyword names, or `None` for an unknown keyword.
            pub fn parse(text: &str) -> Option<$name> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// The keywords, comma-separated, for messages.
            pub fn expected() -> String {
                [$($text,)+].join(", ")
            }
        }

        impl $crate::keywords::Keyword for $name {
            const ALL: &'static [$name] = $name::ALL;
            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }
            fn parse(text: &str) -> Option<$name> {
                $name::parse(text)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub(crate) use keywords;

/// A closed set of keywords (declared with `keywords!`): what a front end needs to offer the
/// values and read one back, so that the CLI's choices are the core's.
pub trait Keyword: Copy + Send + Sync + 'static {
    /// Every value, in declaration order.
    const ALL: &'static [Self];
    /// The keyword.
    fn as_str(self) -> &'static str;
    /// The value a keyword names, or `None` for an unknown keyword.
    fn parse(text: &str) -> Option<Self>;
}

/// A choice of two that is a named type in Rust and a boolean on the wire (the JSON of the IPC
/// commands and the generated TypeScript): `false` is the first value, `true` the second, with
/// the conversions both ways.
macro_rules! wire_bool {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(#[$no_meta:meta])* $no:ident,
            $(#[$yes_meta:meta])* $yes:ident $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
        #[serde(from = "bool", into = "bool")]
        #[ts(type = "boolean")]
        $vis enum $name {
            $(#[$no_meta])* $no,
            $(#[$yes_meta])* $yes,
        }

        impl From<bool> for $name {
            fn from(value: bool) -> $name {
                if value {
                    $name::$yes
                } else {
                    $name::$no
                }
            }
        }

        impl From<$name> for bool {
            fn from(value: $name) -> bool {
                value == $name::$yes
            }
        }
    };
}

pub(crate) use wire_bool;
