//! The A4 page every PDF of the desk is laid out on, and the writing of
//! its bytes. A [`Layout`] fills pages from the top down: wrapped text
//! blocks, paragraphs, the letterhead, section headings, label and value
//! rows, bullets, rules and boxes; it starts a new page (with a running
//! head naming the document) when the next piece does not fit, and
//! [`Layout::finish`] puts the footer and "Page n of m" on every page,
//! embeds the subset fonts and writes reproducible bytes (the PDF's dates
//! are the document's date at 00:00 UTC, its /ID a hash of the content: no
//! clock, no random ids). Points, origin at the bottom left of the page.
//! A [`PageStyle`] holds what differs between documents (the margins,
//! the running head's spacing, where the page number sits).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, NaiveTime};
use printpdf::{
    Color, Greyscale, Line, LinePoint, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect,
    TextItem,
};
use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

use super::fonts::{font_id, fonts, wrap, Face, NBSP};
use super::RenderError;

/// A4, in points.
pub const PAGE_WIDTH: f32 = 595.276;
/// A4's height, in points.
pub const PAGE_HEIGHT: f32 = 841.89;
/// The body text of the certificates, letters and record of outcome.
pub const BODY_SIZE: f32 = 9.5;
/// The distance from one baseline of body text to the next, in points.
pub const BODY_LEADING: f32 = 12.8;
/// The footer's type size.
const FOOTER_SIZE: f32 = 7.5;

/// The distance from one baseline to the next for text of `size` points.
pub fn leading(size: f32) -> f32 {
    size * 1.3
}

/// Which side of the footer "Page n of m" stands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageNumberAt {
    /// At the left margin, the footer's words (if any) after it.
    Left,
    /// At the right margin, the footer's words wrapping to its left.
    Right,
}

/// What differs between documents on the page.
#[derive(Debug, Clone, Copy)]
pub struct PageStyle {
    /// The left, right and top margin.
    pub margin: f32,
    /// Text stops above this; the footer sits below it.
    pub bottom: f32,
    /// From the running head's last line down to its rule.
    pub head_rule_gap: f32,
    /// From the running head's rule down to the page's first line.
    pub head_after: f32,
    /// The baseline of the footer's last line.
    pub footer_baseline: f32,
    /// Which side of the footer the page number stands on.
    pub page_number: PageNumberAt,
}

/// Certificates, the exemption letter and the record of outcome: 20 mm
/// margins, the footer's words on the left and the page number on the right.
pub const LETTER: PageStyle = PageStyle {
    margin: 56.693, // 20 mm
    bottom: 56.693,
    head_rule_gap: 3.0,
    head_after: 12.0,
    footer_baseline: 34.0,
    page_number: PageNumberAt::Right,
};

/// A table of labels and values: the label in regular on the left, the
/// value in bold beside it, each wrapping within its column.
#[derive(Debug, Clone, Copy)]
pub struct RowStyle {
    /// From the margin to the values.
    pub label_width: f32,
    /// The type size, in points.
    pub size: f32,
    /// The distance from one baseline to the next, in points.
    pub leading: f32,
    /// Below each row.
    pub after: f32,
}

/// The label rows of certificates, letters and the record of outcome.
pub const LETTER_ROWS: RowStyle = RowStyle { label_width: 170.0, size: BODY_SIZE, leading: BODY_LEADING, after: 1.5 };

/// A grey: 0.0 is black, 1.0 white.
pub fn grey(percent: f32) -> Color {
    Color::Greyscale(Greyscale { percent, icc_profile: None })
}

/// Black, for text and rules.
pub fn black() -> Color {
    grey(0.0)
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint { p: Point { x: Pt(x), y: Pt(y) }, bezier: false }
}

/// Lower-case hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// "Page 2 of 3".
pub fn page_of(page: usize, pages: usize) -> String {
    format!("Page {page} of {pages}")
}

/// The pages of one document, filled from the top down.
pub struct Layout {
    style: PageStyle,
    pages: Vec<Vec<Op>>,
    ops: Vec<Op>,
    /// The top of the next line.
    pub y: f32,
    used: BTreeMap<Face, BTreeSet<char>>,
    /// Printed at the top of every page after the first.
    continuation: String,
}

fn fresh_ops() -> Vec<Op> {
    vec![Op::SetFillColor { col: black() }, Op::SetOutlineColor { col: black() }]
}

impl Layout {
    /// An empty document in `style`, at the top of its first page.
    pub fn new(style: PageStyle) -> Layout {
        Layout {
            style,
            pages: Vec::new(),
            ops: fresh_ops(),
            y: PAGE_HEIGHT - style.margin,
            used: BTreeMap::new(),
            continuation: String::new(),
        }
    }

    /// The left margin.
    pub fn margin(&self) -> f32 {
        self.style.margin
    }

    /// The width between the margins.
    pub fn content_width(&self) -> f32 {
        PAGE_WIDTH - 2.0 * self.style.margin
    }

    /// Every page after the first starts with "`title` (continued)".
    pub fn running_head(&mut self, title: &str) {
        self.continuation = format!("{title} (continued)");
    }

    fn new_page(&mut self) {
        let ops = std::mem::replace(&mut self.ops, fresh_ops());
        self.pages.push(ops);
        self.y = PAGE_HEIGHT - self.style.margin;
        if !self.continuation.is_empty() {
            let text = self.continuation.clone();
            self.text_block(&text, Face::Bold, 9.0, 0.0);
            self.gap(self.style.head_rule_gap);
            self.rule(0.5);
            self.gap(self.style.head_after);
        }
    }

    /// Start a new page unless `height` more fits on this one.
    pub fn keep(&mut self, height: f32) {
        if self.y - height < self.style.bottom && self.y < PAGE_HEIGHT - self.style.margin {
            self.new_page();
        }
    }

    /// Move down the page by `height` points.
    pub fn gap(&mut self, height: f32) {
        self.y -= height;
    }

    /// One line of text with its baseline at `baseline` (NFC, no-break
    /// spaces printed as spaces).
    pub fn draw_text(&mut self, x: f32, baseline: f32, face: Face, size: f32, text: &str) {
        let text: String = text.nfc().map(|ch| if ch == NBSP { ' ' } else { ch }).collect();
        self.used.entry(face).or_default().extend(text.chars());
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFont { font: PdfFontHandle::External(font_id(face)), size: Pt(size) },
            Op::SetTextCursor { pos: Point { x: Pt(x), y: Pt(baseline) } },
            Op::ShowText { items: vec![TextItem::Text(text)] },
            Op::EndTextSection,
        ]);
    }

    /// A straight line from (`x1`, `y1`) to (`x2`, `y2`), `thickness` points thick.
    pub fn draw_line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, thickness: f32) {
        self.ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        self.ops.push(Op::DrawLine { line: Line { points: vec![point(x1, y1), point(x2, y2)], is_closed: false } });
    }

    /// A rule across the page at the current line.
    pub fn rule(&mut self, thickness: f32) {
        let (left, y) = (self.style.margin, self.y);
        self.draw_line(left, y, PAGE_WIDTH - left, y, thickness);
    }

    /// A rectangle with its bottom left corner at (`x`, `y`).
    pub fn draw_rect(&mut self, x: f32, y: f32, width: f32, height: f32, thickness: f32, mode: PaintMode) {
        self.ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect { x: Pt(x), y: Pt(y), width: Pt(width), height: Pt(height), mode: Some(mode), winding_order: None },
        });
    }

    /// A ruled box across the page from `top` down to `bottom`.
    pub fn draw_box(&mut self, top: f32, bottom: f32, thickness: f32) {
        let (left, width) = (self.style.margin, self.content_width());
        self.draw_rect(left, bottom, width, top - bottom, thickness, PaintMode::Stroke);
    }

    /// The colour shapes are filled with from here on.
    pub fn fill(&mut self, col: Color) {
        self.ops.push(Op::SetFillColor { col });
    }

    /// Wrapped text from the current line down, indented by `indent`.
    pub fn text_block(&mut self, text: &str, face: Face, size: f32, indent: f32) {
        let lead = leading(size);
        for line in wrap(text, face, size, self.content_width() - indent) {
            self.keep(lead);
            let baseline = self.y - size * 0.95;
            self.draw_text(self.style.margin + indent, baseline, face, size, &line);
            self.y -= lead;
        }
    }

    /// Body text and the space after it.
    pub fn paragraph(&mut self, text: &str) {
        self.text_block(text, Face::Regular, BODY_SIZE, 0.0);
        self.gap(5.0);
    }

    /// The sender's name large and bold, the `lines` under it small (the
    /// blank ones left out), then a rule.
    pub fn letterhead(&mut self, name: &str, lines: &[String]) {
        self.text_block(name, Face::Bold, 15.0, 0.0);
        self.gap(2.0);
        for line in lines.iter().filter(|line| !line.is_empty()) {
            self.text_block(line, Face::Regular, 9.0, 0.0);
        }
        self.gap(5.0);
        self.rule(0.75);
        self.gap(14.0);
    }

    /// A section heading with a thin rule under it, kept with the two
    /// lines after it.
    pub fn section(&mut self, title: &str) {
        self.gap(9.0);
        self.keep(leading(12.0) + 4.0 + BODY_LEADING * 2.0);
        self.text_block(title, Face::Bold, 12.0, 0.0);
        self.gap(1.0);
        self.rule(0.5);
        self.gap(5.0);
    }

    /// Label and value rows, both wrapping within their columns.
    pub fn rows(&mut self, style: &RowStyle, rows: &[(&str, String)]) {
        let (size, lead) = (style.size, style.leading);
        let label_x = self.style.margin;
        let value_x = label_x + style.label_width;
        let value_width = self.content_width() - style.label_width;
        for (label, value) in rows {
            let labels = wrap(label, Face::Regular, size, style.label_width - 10.0);
            let values = wrap(value, Face::Bold, size, value_width);
            let lines = labels.len().max(values.len());
            self.keep(lead * lines.min(3) as f32);
            for i in 0..lines {
                self.keep(lead);
                let baseline = self.y - size * 0.95;
                if let Some(label) = labels.get(i) {
                    self.draw_text(label_x, baseline, Face::Regular, size, label);
                }
                if let Some(value) = values.get(i) {
                    self.draw_text(value_x, baseline, Face::Bold, size, value);
                }
                self.y -= lead;
            }
            self.gap(style.after);
        }
    }

    /// One bulleted item of body text.
    pub fn bullet(&mut self, item: &str) {
        self.keep(BODY_LEADING);
        let baseline = self.y - BODY_SIZE * 0.95;
        self.draw_text(self.style.margin + 4.0, baseline, Face::Regular, BODY_SIZE, "•");
        self.text_block(item, Face::Regular, BODY_SIZE, 14.0);
    }

    /// A heading and a bulleted list (`none`, indented, when empty).
    pub fn bullets(&mut self, heading: &str, items: &[String], none: &str) {
        self.keep(BODY_LEADING * 2.0);
        self.text_block(heading, Face::Bold, BODY_SIZE, 0.0);
        self.gap(1.0);
        if items.is_empty() {
            self.text_block(none, Face::Regular, BODY_SIZE, 14.0);
        }
        for item in items {
            self.bullet(item);
        }
        self.gap(5.0);
    }

    /// The footer (`footer` beside "Page n of m") on every page, the
    /// fonts, the metadata (`title`, dated `dated`, its /ID a hash of
    /// `id_source`); then the bytes.
    pub fn finish(mut self, footer: &str, title: &str, dated: NaiveDate, id_source: &str) -> Result<Vec<u8>, RenderError> {
        self.continuation.clear();
        self.new_page();
        let pages = std::mem::take(&mut self.pages);
        let count = pages.len();
        let (margin, size) = (self.style.margin, FOOTER_SIZE);
        let mut pdf_pages = Vec::with_capacity(count);
        for (i, mut ops) in pages.into_iter().enumerate() {
            self.ops = Vec::new();
            let page_label = page_of(i + 1, count);
            let label_width = fonts().get(Face::Regular).width(&page_label, size);
            let footer_width = self.content_width() - label_width - 12.0;
            let footer_lines = wrap(footer, Face::Regular, size, footer_width);
            let (label_x, words_x) = match self.style.page_number {
                PageNumberAt::Right => (PAGE_WIDTH - margin - label_width, margin),
                PageNumberAt::Left => (margin, margin + label_width + 12.0),
            };
            let mut baseline = self.style.footer_baseline + (footer_lines.len() as f32 - 1.0) * leading(size);
            self.draw_text(label_x, baseline, Face::Regular, size, &page_label);
            for line in footer_lines.iter().filter(|line| !line.is_empty()) {
                self.draw_text(words_x, baseline, Face::Regular, size, line);
                baseline -= leading(size);
            }
            ops.append(&mut self.ops);
            pdf_pages.push(PdfPage::new(printpdf::Mm(210.0), printpdf::Mm(297.0), ops));
        }

        let mut doc = PdfDocument::new(title);
        for (face, chars) in &self.used {
            let font = fonts().get(*face).subset(chars)?;
            doc.resources.fonts.map.insert(font_id(*face), printpdf::PdfFont::new(font));
        }
        let stamp = dated.and_time(NaiveTime::MIN).and_utc().timestamp();
        let date = printpdf::OffsetDateTime::from_unix_timestamp(stamp).map_err(|e| RenderError::Pdf(e.to_string()))?;
        let id = hex(&Sha256::digest(id_source.as_bytes()));
        let info = &mut doc.metadata.info;
        info.creation_date = date;
        info.modification_date = date;
        info.metadata_date = date;
        info.identifier = id.clone();
        info.producer = "Mediation Desk".into();
        info.creator = "Mediation Desk".into();

        let options = PdfSaveOptions { optimize: true, subset_fonts: false, secure: true, image_optimization: None };
        let mut warnings = Vec::new();
        let mut bytes = doc.with_pages(pdf_pages).save(&options, &mut warnings);
        fix_trailer_id(&mut bytes, &id)?;
        Ok(bytes)
    }
}

/// printpdf writes the trailer's /ID from a process-wide counter, so two
/// renders of the same content would differ. Overwrite both strings, in
/// place and at the same length, with ones derived from the content.
fn fix_trailer_id(bytes: &mut [u8], id: &str) -> Result<(), RenderError> {
    let key = b"/ID[(";
    let start =
        bytes.windows(key.len()).rposition(|window| window == key).ok_or_else(|| RenderError::Pdf("no trailer /ID".into()))?;
    let id = id.as_bytes();
    let mut i = start + key.len();
    let mut n = 0;
    for _ in 0..2 {
        while i < bytes.len() && bytes[i] != b')' {
            bytes[i] = id[n % id.len()];
            n += 1;
            i += 1;
        }
        // Past ")(" to the second string.
        i += 2;
    }
    Ok(())
}
