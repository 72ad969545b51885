//! The two faces the report is set in (Noto Sans regular and bold, SIL Open Font License, shipped
//! in `assets/fonts/`), and their metrics for measuring text without the PDF library.

use std::sync::OnceLock;

const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Bold.ttf");

/// Characters below this have their advance precomputed in a table.
const TABLE_SIZE: usize = 0x2200;

/// A face of the report's font.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    Regular,
    Bold,
}

impl Face {
    pub const ALL: [Face; 2] = [Face::Regular, Face::Bold];

    /// The font file, for embedding.
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => REGULAR,
            Face::Bold => BOLD,
        }
    }

    pub fn metrics(self) -> &'static Metrics {
        static REGULAR_METRICS: OnceLock<Metrics> = OnceLock::new();
        static BOLD_METRICS: OnceLock<Metrics> = OnceLock::new();
        match self {
            Face::Regular => REGULAR_METRICS.get_or_init(|| Metrics::parse(REGULAR)),
            Face::Bold => BOLD_METRICS.get_or_init(|| Metrics::parse(BOLD)),
        }
    }
}

/// Horizontal advances and vertical extent of one face, in font units.
pub struct Metrics {
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
    /// Advance of each character below [`TABLE_SIZE`]; `u16::MAX` where the face has no glyph.
    table: Vec<u16>,
    /// Height above the baseline, as a fraction of the font size.
    pub ascent: f32,
    /// Depth below the baseline, as a positive fraction of the font size.
    pub descent: f32,
}

impl Metrics {
    fn parse(bytes: &'static [u8]) -> Metrics {
        // The fonts are compiled in and checked by the tests, so this cannot fail at run time.
        let face = ttf_parser::Face::parse(bytes, 0).expect("the shipped font parses");
        let units_per_em = f32::from(face.units_per_em());
        let table = (0..TABLE_SIZE as u32)
            .map(|c| {
                char::from_u32(c)
                    .and_then(|c| face.glyph_index(c))
                    .and_then(|g| face.glyph_hor_advance(g))
                    .unwrap_or(u16::MAX)
            })
            .collect();
        let ascent = f32::from(face.ascender()) / units_per_em;
        let descent = -f32::from(face.descender()) / units_per_em;
        Metrics { face, units_per_em, table, ascent, descent }
    }

    fn advance_units(&self, c: char) -> Option<u16> {
        let index = c as usize;
        if index < TABLE_SIZE {
            let advance = self.table[index];
            return (advance != u16::MAX).then_some(advance);
        }
        self.face.glyph_index(c).and_then(|g| self.face.glyph_hor_advance(g))
    }

    /// Whether the face has a glyph for `c`.
    pub fn has_glyph(&self, c: char) -> bool {
        self.advance_units(c).is_some()
    }

    /// `text` with every character the face lacks replaced by a stand-in it has (an arrow by a
    /// guillemet, anything else by a question mark), so that no box for a missing glyph is drawn.
    pub fn printable<'a>(&self, text: &'a str) -> std::borrow::Cow<'a, str> {
        if text.chars().all(|c| c == '\n' || self.has_glyph(c)) {
            return std::borrow::Cow::Borrowed(text);
        }
        let stand_in = |c: char| match c {
            '→' | '⟶' | '➔' => '›',
            '⇒' => '»',
            '←' => '‹',
            '✓' | '✔' => '+',
            '\t' => ' ',
            _ => '?',
        };
        std::borrow::Cow::Owned(
            text.chars().map(|c| if c == '\n' || self.has_glyph(c) { c } else { stand_in(c) }).collect(),
        )
    }

    /// The width of `text` at `size` points (no kerning: the renderer does not kern either).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text.chars().map(|c| u32::from(self.advance_units(c).unwrap_or(0))).sum();
        units as f32 * size / self.units_per_em
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_text_from_the_font() {
        let m = Face::Regular.metrics();
        let w = m.width("Readiness", 10.0);
        assert!(w > 30.0 && w < 60.0, "{w}");
        assert!((m.width("ab", 10.0) - m.width("a", 10.0) - m.width("b", 10.0)).abs() < 1e-4);
        assert!(Face::Bold.metrics().width("Readiness", 10.0) > w, "bold is wider");
        assert!((m.width("x", 20.0) - 2.0 * m.width("x", 10.0)).abs() < 1e-4);
        assert!(m.ascent > 0.7 && m.ascent < 1.2 && m.descent > 0.1 && m.descent < 0.4);
    }

    #[test]
    fn covers_the_characters_the_report_uses() {
        for face in Face::ALL {
            for c in "AZaz09äöüÄÖÜß€§–—•…“”„‘’›»·×%&/()".chars() {
                assert!(face.metrics().has_glyph(c), "{face:?} lacks {c:?}");
            }
            assert_eq!(face.metrics().printable("SOC 2 → ISO/IEC 42001"), "SOC 2 › ISO/IEC 42001");
            assert_eq!(face.metrics().printable("a\nb"), "a\nb");
            assert!(matches!(face.metrics().printable("plain"), std::borrow::Cow::Borrowed(_)));
        }
    }
}
