//! The embedded fonts every PDF of the desk prints with: DejaVu Sans
//! regular and bold (Debian's fonts-dejavu-core), included with
//! `include_bytes!`. Here: which characters they can print, how wide a text
//! is, wrapping text into lines, and the subset of glyphs a PDF embeds
//! (made with `allsorts`: printpdf 0.12 subsets only with its heavy
//! `text_layout` feature, and the whole two faces would make every
//! certificate about 700 KB).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use printpdf::{FontId, ParsedFont};
use unicode_normalization::UnicodeNormalization;

use super::RenderError;

static REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// The no-break space: the wording joins a date's words with it so a line
/// never breaks inside a date. It prints as a space.
pub const NBSP: char = '\u{a0}';

/// The first character of `text` a certificate cannot print, if any: one
/// missing from either face of the font, a control character, or a
/// character of a script that needs shaping or right-to-left layout
/// (Hebrew, Arabic, Indic scripts), which this renderer does not do and
/// would print in the wrong order or shape. Checked after NFC
/// normalisation, so a decomposed "e + combining circumflex" is fine.
/// The UI can call this as the user types a name.
pub fn first_unprintable(text: &str) -> Option<char> {
    let fonts = fonts();
    text.nfc().find(|ch| ch.is_control() || needs_shaping(*ch) || !fonts.regular.covers(*ch) || !fonts.bold.covers(*ch))
}

/// Right-to-left and Indic scripts (Hebrew to Sinhala, and the Hebrew and
/// Arabic presentation forms).
fn needs_shaping(ch: char) -> bool {
    matches!(ch as u32, 0x0590..=0x0DFF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

/// The two faces the documents print in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Face {
    /// DejaVu Sans, for body text and the labels of rows.
    Regular,
    /// DejaVu Sans Bold, for titles, headings and the values beside labels.
    Bold,
}

/// One face: its file and the parsed tables that measure it.
pub struct FontData {
    bytes: &'static [u8],
    parsed: ParsedFont,
}

impl FontData {
    fn load(bytes: &'static [u8]) -> FontData {
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).expect("the embedded DejaVu Sans parses");
        FontData { bytes, parsed }
    }

    fn covers(&self, ch: char) -> bool {
        // NBSP is how the wording keeps dates together; it prints as a space.
        let ch = if ch == NBSP { ' ' } else { ch };
        self.parsed.lookup_glyph_index(ch as u32).is_some_and(|g| g != 0)
    }

    /// The advance width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let upem = f32::from(self.parsed.units_per_em.max(1));
        let units: u32 = text
            .chars()
            .map(|ch| {
                let ch = if ch == NBSP { ' ' } else { ch };
                self.parsed.lookup_glyph_index(ch as u32).and_then(|g| self.parsed.get_glyph_width(g)).map_or(0, u32::from)
            })
            .sum();
        units as f32 * size / upem
    }

    /// A font holding only the glyphs for `chars` (and .notdef).
    pub fn subset(&self, chars: &BTreeSet<char>) -> Result<ParsedFont, RenderError> {
        use allsorts::binary::read::ReadScope;
        use allsorts::font_data::FontData as SfntData;
        use allsorts::subset::{subset, CmapTarget, SubsetProfile};

        let glyphs: BTreeSet<u16> =
            chars.iter().filter_map(|ch| self.parsed.lookup_glyph_index(*ch as u32)).filter(|g| *g != 0).collect();
        let ids: Vec<u16> = std::iter::once(0).chain(glyphs).collect();
        let file = ReadScope::new(self.bytes).read::<SfntData<'_>>().map_err(|e| RenderError::Pdf(format!("font: {e}")))?;
        let provider = file.table_provider(0).map_err(|e| RenderError::Pdf(format!("font: {e}")))?;
        let bytes = subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
            .map_err(|e| RenderError::Pdf(format!("font subset: {e}")))?;
        ParsedFont::from_bytes(&bytes, 0, &mut Vec::new()).ok_or_else(|| RenderError::Pdf("font subset does not parse".into()))
    }
}

/// Both faces, parsed once.
pub struct Fonts {
    regular: FontData,
    bold: FontData,
}

impl Fonts {
    /// The parsed data of `face`.
    pub fn get(&self, face: Face) -> &FontData {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }
}

/// The embedded faces (parsed on first use).
pub fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts { regular: FontData::load(REGULAR_TTF), bold: FontData::load(BOLD_TTF) })
}

/// Split `text` into lines no wider than `width`, at spaces; a word wider
/// than the line is broken between characters. No-break spaces hold.
pub fn wrap(text: &str, face: Face, size: f32, width: f32) -> Vec<String> {
    let text: String = text.nfc().collect();
    let font = fonts().get(face);
    let space = font.width(" ", size);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0.0;
    for word in text.split(' ').filter(|word| !word.is_empty()) {
        let word_width = font.width(word, size);
        if !line.is_empty() && line_width + space + word_width <= width {
            line.push(' ');
            line.push_str(word);
            line_width += space + word_width;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if word_width <= width {
            line = word.to_string();
            line_width = word_width;
            continue;
        }
        // A word longer than the line: break it where it fills the line.
        line_width = 0.0;
        for ch in word.chars() {
            let ch_width = font.width(ch.encode_utf8(&mut [0; 4]), size);
            if !line.is_empty() && line_width + ch_width > width {
                lines.push(std::mem::take(&mut line));
                line_width = 0.0;
            }
            line.push(ch);
            line_width += ch_width;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The name the PDF gives a face.
pub fn font_id(face: Face) -> FontId {
    FontId(
        match face {
            Face::Regular => "DejaVuSans",
            Face::Bold => "DejaVuSansBold",
        }
        .to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_fit_and_keep_every_word() {
        let text = "Gwenllïan Siân Zoë Łukasz Nguyễn O'Brien-Smith Ó Súilleabháin ".repeat(5);
        for width in [90.0, 120.0, 300.0] {
            let lines = wrap(&text, Face::Bold, 10.0, width);
            for line in &lines {
                assert!(fonts().bold.width(line, 10.0) <= width + 0.01, "{line}");
            }
            assert_eq!(lines.join(" ").split(' ').collect::<Vec<_>>(), text.split_whitespace().collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_word_wider_than_the_line_is_broken_between_characters() {
        let word = "Súilleabháin".repeat(10);
        let lines = wrap(&word, Face::Regular, 10.0, 100.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), word);
        for line in &lines {
            assert!(fonts().regular.width(line, 10.0) <= 100.0);
        }
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        assert_eq!(wrap("", Face::Regular, 10.0, 100.0), vec![String::new()]);
    }
}
