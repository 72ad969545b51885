//! Printing results: JSON for scripts, aligned text for people.

use serde::Serialize;

pub struct Output {
    pub json: bool,
}

impl Output {
    /// Prints `value` as JSON, or the text `human` renders.
    pub fn value<T: Serialize>(&self, value: &T, human: impl FnOnce() -> String) {
        if self.json {
            // Serialising our own types cannot fail: they hold no maps with non-string keys.
            print_line(&serde_json::to_string_pretty(value).expect("output serialises"));
        } else {
            let text = human();
            if !text.is_empty() {
                print_line(&text);
            }
        }
    }
}

/// Prints a line to standard output. A reader that went away (`| head`) is not an error.
pub fn print_line(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{text}").and_then(|_| stdout.flush());
}

pub use crosswalk_core::files::write_whole;

/// The text of an input file (`-`: standard input). A file that cannot be read is a usage error;
/// one that is not UTF-8 text is bad input (`invalid`); both exit 2 (docs/cli.md).
pub fn read_text(path: &std::path::Path) -> crate::CliResult<String> {
    use std::io::Read;
    let (name, bytes) = if path == std::path::Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| crate::Failure::Usage(format!("cannot read standard input: {e}")))?;
        ("standard input".to_owned(), bytes)
    } else {
        let bytes =
            std::fs::read(path).map_err(|e| crate::Failure::Usage(format!("cannot read {}: {e}", path.display())))?;
        (path.display().to_string(), bytes)
    };
    String::from_utf8(bytes).map_err(|e| {
        crate::Failure::Core(crosswalk_core::Error::invalid(
            "",
            format!("{name} is not UTF-8 text (byte {} is not): save it as UTF-8", e.utf8_error().valid_up_to() + 1),
        ))
    })
}

/// Renders rows as columns padded to their widest cell.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut text = String::new();
        for (i, (cell, width)) in cells.zip(&widths).enumerate() {
            if i > 0 {
                text.push_str("  ");
            }
            text.push_str(cell);
            if i + 1 < widths.len() {
                text.extend(std::iter::repeat_n(' ', width - cell.chars().count()));
            }
        }
        text.trim_end().to_owned()
    };
    let mut out = line(&mut header.iter().copied());
    for row in rows {
        out.push('\n');
        out.push_str(&line(&mut row.iter().map(String::as_str)));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn pads_columns_to_the_widest_cell() {
        let text = super::table(&["A", "NAME"], &[vec!["1".into(), "Zed".into()], vec!["22".into(), "Ab".into()]]);
        assert_eq!(text, "A   NAME\n1   Zed\n22  Ab");
    }
}
