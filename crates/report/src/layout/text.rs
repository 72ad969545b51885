//! Measuring, wrapping and placing lines of text.

use super::TextRun;
use crate::branding::Rgb;
use crate::fonts::Face;

/// Body text colour and the grey of notes and labels.
pub const INK: Rgb = Rgb::new(0x22, 0x2B, 0x36);
pub const GREY: Rgb = Rgb::new(0x5F, 0x6B, 0x7A);
pub const RULE: Rgb = Rgb::new(0xD5, 0xDA, 0xE0);
pub const WHITE: Rgb = Rgb::new(0xFF, 0xFF, 0xFF);

/// How a kind of text is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spec {
    pub face: Face,
    pub size: f32,
    /// Distance between baselines; at least the font's ascent plus descent, so lines never
    /// overlap.
    pub leading: f32,
    pub colour: Rgb,
}

impl Spec {
    pub const fn new(face: Face, size: f32, colour: Rgb) -> Spec {
        Spec { face, size, leading: size * 1.42, colour }
    }

    pub fn with_colour(self, colour: Rgb) -> Spec {
        Spec { colour, ..self }
    }

    pub fn with_face(self, face: Face) -> Spec {
        Spec { face, ..self }
    }

    pub fn width(&self, text: &str) -> f32 {
        self.face.metrics().width(text, self.size)
    }

    /// The baseline of a line whose slot starts at `top`: the glyph box centred in the slot.
    pub fn baseline(&self, top: f32) -> f32 {
        let m = self.face.metrics();
        top + (self.leading - (m.ascent + m.descent) * self.size) / 2.0 + m.ascent * self.size
    }

    /// A run of `text` with its left edge at `x` in the line slot starting at `top`.
    pub fn run(&self, x: f32, top: f32, text: impl Into<String>) -> TextRun {
        let mut text = text.into();
        if let std::borrow::Cow::Owned(printable) = self.face.metrics().printable(&text) {
            text = printable;
        }
        TextRun {
            x,
            baseline: self.baseline(top),
            width: self.width(&text),
            text,
            face: self.face,
            size: self.size,
            colour: self.colour,
        }
    }

    pub fn wrap(&self, text: &str, width: f32) -> Vec<String> {
        wrap(text, width, self.face, self.size)
    }

    pub fn fit(&self, text: &str, width: f32) -> String {
        fit(text, width, self.face, self.size)
    }
}

/// Splits a word after each of `marks`, keeping the mark on the left piece.
fn pieces<'a>(word: &'a str, marks: &[char]) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in word.char_indices() {
        let end = i + c.len_utf8();
        if marks.contains(&c) && end < word.len() && i > start {
            out.push(&word[start..end]);
            start = end;
        }
    }
    out.push(&word[start..]);
    out
}

/// Breaks `text` into lines no wider than `width`: at spaces, after hyphens, at explicit line
/// breaks; a word too wide for a line of its own also breaks after `_ / .`, and only then
/// between any two characters.
pub fn wrap(text: &str, width: f32, face: Face, size: f32) -> Vec<String> {
    let metrics = face.metrics();
    let text = metrics.printable(text);
    let measure = |t: &str| metrics.width(t, size);
    let space = measure(" ");
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_width = 0.0;
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let mut tokens: Vec<&str> = pieces(word, &['-']);
            if tokens.iter().any(|t| measure(t) > width) {
                tokens = tokens.into_iter().flat_map(|t| pieces(t, &['_', '/', '.'])).collect();
            }
            for (k, token) in tokens.into_iter().enumerate() {
                let token_width = measure(token);
                if !line.is_empty() {
                    let gap = if k == 0 { space } else { 0.0 };
                    if line_width + gap + token_width > width {
                        lines.push(std::mem::take(&mut line));
                        line_width = 0.0;
                    } else if gap > 0.0 {
                        line.push(' ');
                        line_width += gap;
                    }
                }
                if line_width + token_width <= width {
                    line.push_str(token);
                    line_width += token_width;
                    continue;
                }
                // A token wider than a whole line: break it between characters.
                for c in token.chars() {
                    let w = measure(c.encode_utf8(&mut [0; 4]));
                    if line_width + w > width && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        line_width = 0.0;
                    }
                    line.push(c);
                    line_width += w;
                }
            }
        }
        lines.push(line);
    }
    lines
}

/// `text` shortened with an ellipsis so that it fits `width`.
pub fn fit(text: &str, width: f32, face: Face, size: f32) -> String {
    let metrics = face.metrics();
    let text = metrics.printable(text);
    if metrics.width(&text, size) <= width {
        return text.into_owned();
    }
    let ellipsis = metrics.width("…", size);
    let mut out = String::new();
    let mut used = 0.0;
    for c in text.chars() {
        let w = metrics.width(c.encode_utf8(&mut [0; 4]), size);
        if used + w + ellipsis > width {
            break;
        }
        out.push(c);
        used += w;
    }
    format!("{}…", out.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_wrap(text: &str, width: f32, expected: &[&str]) {
        let lines = wrap(text, width, Face::Regular, 10.0);
        assert_eq!(lines, expected);
        for line in &lines {
            assert!(Face::Regular.metrics().width(line, 10.0) <= width + 0.01, "{line:?} is too wide");
        }
    }

    #[test]
    fn wraps_at_spaces_and_line_breaks() {
        let a = Face::Regular.metrics().width("aaa bbb", 10.0);
        check_wrap("aaa bbb ccc", a + 1.0, &["aaa bbb", "ccc"]);
        check_wrap("aaa\nbbb", 500.0, &["aaa", "bbb"]);
        check_wrap("", 100.0, &[""]);
        check_wrap("  spaced   out  ", 500.0, &["spaced out"]);
    }

    #[test]
    fn breaks_a_word_only_when_it_alone_is_too_wide() {
        let w = Face::Regular.metrics().width("abcd", 10.0) + 0.5;
        let lines = wrap("x abcdefghij", w, Face::Regular, 10.0);
        assert_eq!(lines.concat().replace(' ', ""), "xabcdefghij");
        assert!(lines.len() >= 3, "{lines:?}");
    }

    #[test]
    fn breaks_after_hyphens_before_breaking_inside_a_word() {
        let w = Face::Regular.metrics().width("Informationssicherheits-", 10.0) + 1.0;
        check_wrap(
            "ein Informationssicherheits-Managementsystem",
            w,
            &["ein", "Informationssicherheits-", "Managementsystem"],
        );
        let w = Face::Regular.metrics().width("ai_systems[0].risk.", 10.0) + 1.0;
        let lines = wrap("ai_systems[0].risk.tier: minimal", w, Face::Regular, 10.0);
        assert_eq!(lines[0], "ai_systems[0].risk.", "{lines:?}");
    }

    #[test]
    fn fits_with_an_ellipsis() {
        let full = "Governance and leadership";
        assert_eq!(fit(full, 1000.0, Face::Regular, 9.0), full);
        let short = fit(full, 60.0, Face::Regular, 9.0);
        assert!(short.ends_with('…') && short.len() < full.len(), "{short}");
        assert!(Face::Regular.metrics().width(&short, 9.0) <= 60.0);
    }

    #[test]
    fn lines_of_one_spec_never_overlap() {
        let spec = Spec::new(Face::Bold, 20.0, INK);
        let (_, top1, _, bottom1) = spec.run(0.0, 0.0, "Ag").bounds();
        let (_, top2, _, _) = spec.run(0.0, spec.leading, "Ag").bounds();
        assert!(top1 >= 0.0 && bottom1 <= top2, "{top1} {bottom1} {top2}");
    }
}
