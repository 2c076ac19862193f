//! Lays out a certificate or exemption letter on A4 and writes the PDF.
//!
//! The text is DejaVu Sans (Debian's fonts-dejavu-core), embedded with
//! `include_bytes!`. Each PDF carries only the glyphs it uses: a subset
//! made here with `allsorts` (printpdf 0.12 subsets only with its heavy
//! `text_layout` feature; the whole two faces would make every certificate
//! about 700 KB). The output is reproducible: the same content gives the
//! same bytes (no clock, no random ids).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::OnceLock;

use chrono::{NaiveDate, NaiveTime};
use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Pt, Rect, TextItem,
};
use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

use super::content::{CertificateContent, ExemptionLetterContent, KindDetails};
use super::wording as w;

static REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Why a document could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenderError {
    /// A field holds a character the certificate font cannot print (a name
    /// in a script DejaVu Sans lacks, or a control character). Refused
    /// rather than printed as empty boxes.
    UnsupportedCharacter { field: String, character: char },
    /// A field the document must show is empty.
    MissingField { field: String },
    /// The PDF library failed (a bug, not bad input).
    Pdf(String),
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::UnsupportedCharacter { field, character } => f.write_str(&w::unsupported_character(field, *character)),
            RenderError::MissingField { field } => write!(f, "{field}: must not be empty"),
            RenderError::Pdf(message) => write!(f, "could not write the PDF: {message}"),
        }
    }
}

impl std::error::Error for RenderError {}

/// Render a mediation certificate as a PDF.
pub fn render_certificate(c: &CertificateContent) -> Result<Vec<u8>, RenderError> {
    check_certificate(c)?;
    let mut page = Layout::new();
    page.continuation = w::continued(&w::certificate_pdf_title(c));
    page.letterhead(&c.service);

    page.text_block(w::CERTIFICATE_TITLE, Face::Bold, 20.0, 0.0, CONTENT_WIDTH);
    page.gap(1.0);
    page.text_block(w::kind_title(c.kind()), Face::Regular, 11.5, 0.0, CONTENT_WIDTH);
    page.gap(8.0);
    page.number_and_date(&c.number, c.issued_on);
    if let Some(replaced) = &c.replaces {
        page.gap(6.0);
        page.text_block(&w::replaces(replaced), Face::Bold, 10.0, 0.0, CONTENT_WIDTH);
    }

    page.section(w::SECTION_CASE);
    let mut rows: Vec<(&str, String)> = vec![(w::LABEL_PARENT, c.parent_name.clone())];
    if let Some(acting) = &c.acting {
        rows.push((w::LABEL_ACTING, acting.clone()));
    }
    rows.extend([
        (w::LABEL_CHILD, c.child_name.clone()),
        (w::LABEL_DATE_OF_BIRTH, w::date(c.child_date_of_birth)),
        (w::LABEL_LA, c.local_authority.clone()),
    ]);
    if let Some(icb) = &c.icb {
        rows.push((w::LABEL_ICB, icb.clone()));
    }
    rows.push((w::LABEL_DECISION, c.decision.clone()));
    rows.push((w::LABEL_DECISION_SENT, w::date(c.decision_sent_on)));
    rows.push((w::LABEL_FIRST_CONTACT, w::date(c.first_contact_on)));
    match &c.details {
        KindDetails::Declined { told_adviser_on } | KindDetails::Withdrawn { told_adviser_on } => {
            rows.push((w::LABEL_TOLD_ADVISER, w::date(*told_adviser_on)));
        }
        KindDetails::Deemed { la_told_on, day_30, could_not_arrange_on } => {
            rows.push((w::LABEL_LA_TOLD, w::date(*la_told_on)));
            rows.push((w::LABEL_DAY_30, w::date(*day_30)));
            rows.push((w::LABEL_COULD_NOT_ARRANGE, w::date(*could_not_arrange_on)));
        }
        // The meeting dates and the date concluded are in the statement
        // under "What happened"; repeating them here would push the
        // guidance panel onto a second page.
        KindDetails::AfterMediation { .. } => {}
    }
    page.rows(&rows);

    page.section(w::SECTION_WHAT_HAPPENED);
    for paragraph in w::statement(c) {
        page.paragraph(&paragraph);
    }
    if let KindDetails::AfterMediation { issues_resolved, issues_not_resolved, .. } = &c.details {
        page.bullets(w::ISSUES_RESOLVED, issues_resolved);
        page.bullets(w::ISSUES_NOT_RESOLVED, issues_not_resolved);
    }
    page.paragraph(&w::certificate_closing(c));

    page.gap(4.0);
    page.rows(&[(w::SECTION_ISSUED_BY, w::issued_by(c)), (w::LABEL_REGISTRATION, c.issued_by.registration.clone())]);

    page.gap(10.0);
    page.guidance(c.appeal_deadline, &w::certificate_guidance(c));

    let footer = w::certificate_footer(c);
    page.finish(&footer, &w::certificate_pdf_title(c), c.issued_on, &c.number)
}

/// Render the letter for a case that needs no certificate.
pub fn render_exemption_letter(l: &ExemptionLetterContent) -> Result<Vec<u8>, RenderError> {
    check_letter(l)?;
    let mut page = Layout::new();
    page.continuation = w::continued(&w::exemption_pdf_title(l));
    page.letterhead(&l.service);

    page.text_block(w::EXEMPTION_TITLE, Face::Bold, 22.0, 0.0, CONTENT_WIDTH);
    page.gap(8.0);
    let mut rows: Vec<(&str, String)> = vec![(w::LABEL_LETTER_DATE, w::date(l.dated)), (w::LABEL_PARENT, l.parent_name.clone())];
    if let Some(acting) = &l.acting {
        rows.push((w::LABEL_ACTING, acting.clone()));
    }
    rows.extend([
        (w::LABEL_CHILD, l.child_name.clone()),
        (w::LABEL_LA, l.local_authority.clone()),
        (w::LABEL_DECISION, l.decision.clone()),
        (w::LABEL_DECISION_SENT, w::date(l.decision_sent_on)),
    ]);
    page.rows(&rows);

    page.gap(12.0);
    page.paragraph(&w::exemption_greeting(l));
    for paragraph in w::exemption_opening(l) {
        page.paragraph(&paragraph);
    }

    page.section(w::SECTION_EXEMPT_ISSUES);
    for item in &l.exempt_issues {
        page.keep(BODY_LEADING * 2.0);
        page.text_block(&item.issue, Face::Bold, BODY_SIZE, 0.0, CONTENT_WIDTH);
        page.text_block(&item.reason, Face::Regular, BODY_SIZE, 12.0, CONTENT_WIDTH);
        page.gap(6.0);
    }
    page.gap(2.0);
    for paragraph in w::exemption_closing() {
        page.paragraph(&paragraph);
    }

    if let Some(signed) = &l.signed_by {
        page.gap(4.0);
        page.keep(BODY_LEADING * 4.0);
        page.text_block(w::SIGN_OFF, Face::Regular, BODY_SIZE, 0.0, CONTENT_WIDTH);
        page.gap(BODY_LEADING);
        page.text_block(&signed.name, Face::Bold, BODY_SIZE, 0.0, CONTENT_WIDTH);
        let role = format!(
            "{}, {} · {}: {}",
            w::issuer_role(crate::facts::CertificateKind::Declined),
            l.service.name,
            w::LABEL_REGISTRATION,
            signed.registration
        );
        page.text_block(&role, Face::Regular, BODY_SIZE, 0.0, CONTENT_WIDTH);
    }

    page.gap(12.0);
    match l.appeal_deadline {
        Some(deadline) => page.guidance(deadline, &w::exemption_guidance(l)),
        // No appeal lies on these issues alone: no deadline box, the words only.
        None => {
            page.section(w::SECTION_GUIDANCE);
            for paragraph in w::exemption_guidance(l) {
                page.paragraph(&paragraph);
            }
        }
    }

    let footer = w::exemption_footer(l);
    let id = format!("{}|{}|{}", l.parent_name, l.child_name, l.decision);
    page.finish(&footer, &w::exemption_pdf_title(l), l.dated, &id)
}

/// The record of outcome of a disagreement resolution case, in this layout.
pub mod record_of_outcome;

// ---------------------------------------------------------------------------
// Checking the input.

fn check_certificate(c: &CertificateContent) -> Result<(), RenderError> {
    let mut fields: Vec<(String, &str, bool)> = vec![
        ("service.name".into(), c.service.name.as_str(), true),
        ("service.phone".into(), c.service.phone.as_str(), false),
        ("service.email".into(), c.service.email.as_str(), false),
        ("number".into(), c.number.as_str(), true),
        ("parent_name".into(), c.parent_name.as_str(), true),
        ("acting".into(), c.acting.as_deref().unwrap_or_default(), c.acting.is_some()),
        ("child_name".into(), c.child_name.as_str(), true),
        ("local_authority".into(), c.local_authority.as_str(), true),
        ("decision".into(), c.decision.as_str(), true),
        ("issued_by.name".into(), c.issued_by.name.as_str(), true),
        ("issued_by.registration".into(), c.issued_by.registration.as_str(), true),
    ];
    for (i, line) in c.service.address_lines.iter().enumerate() {
        fields.push((format!("service.address_lines[{i}]"), line, false));
    }
    if let Some(icb) = &c.icb {
        fields.push(("icb".into(), icb, true));
    }
    if let Some(replaces) = &c.replaces {
        fields.push(("replaces".into(), replaces, true));
    }
    if let KindDetails::AfterMediation { meeting_dates, issues_resolved, issues_not_resolved, .. } = &c.details {
        if meeting_dates.is_empty() {
            return Err(RenderError::MissingField { field: "details.meeting_dates".into() });
        }
        for (i, issue) in issues_resolved.iter().enumerate() {
            fields.push((format!("details.issues_resolved[{i}]"), issue, true));
        }
        for (i, issue) in issues_not_resolved.iter().enumerate() {
            fields.push((format!("details.issues_not_resolved[{i}]"), issue, true));
        }
    }
    check_fields(&fields)
}

fn check_letter(l: &ExemptionLetterContent) -> Result<(), RenderError> {
    let mut fields: Vec<(String, &str, bool)> = vec![
        ("service.name".into(), l.service.name.as_str(), true),
        ("service.phone".into(), l.service.phone.as_str(), false),
        ("service.email".into(), l.service.email.as_str(), false),
        ("parent_name".into(), l.parent_name.as_str(), true),
        ("acting".into(), l.acting.as_deref().unwrap_or_default(), l.acting.is_some()),
        ("child_name".into(), l.child_name.as_str(), true),
        ("local_authority".into(), l.local_authority.as_str(), true),
        ("decision".into(), l.decision.as_str(), true),
    ];
    for (i, line) in l.service.address_lines.iter().enumerate() {
        fields.push((format!("service.address_lines[{i}]"), line, false));
    }
    if l.exempt_issues.is_empty() {
        return Err(RenderError::MissingField { field: "exempt_issues".into() });
    }
    for (i, item) in l.exempt_issues.iter().enumerate() {
        fields.push((format!("exempt_issues[{i}].issue"), &item.issue, true));
        fields.push((format!("exempt_issues[{i}].reason"), &item.reason, true));
    }
    if let Some(signed) = &l.signed_by {
        fields.push(("signed_by.name".into(), &signed.name, true));
        fields.push(("signed_by.registration".into(), &signed.registration, false));
    }
    check_fields(&fields)
}

/// Every character must be in both faces' cmaps (a name printed in bold
/// must print in regular too), and required fields must not be blank.
fn check_fields(fields: &[(String, &str, bool)]) -> Result<(), RenderError> {
    for (field, text, required) in fields {
        if *required && text.trim().is_empty() {
            return Err(RenderError::MissingField { field: field.clone() });
        }
        if let Some(character) = first_unprintable(text) {
            return Err(RenderError::UnsupportedCharacter { field: field.clone(), character });
        }
    }
    Ok(())
}

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

// ---------------------------------------------------------------------------
// Fonts.

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Face {
    Regular,
    Bold,
}

pub(crate) struct FontData {
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
        let ch = if ch == w::NBSP { ' ' } else { ch };
        self.parsed.lookup_glyph_index(ch as u32).is_some_and(|g| g != 0)
    }

    /// The advance width of `text` at `size` points.
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        let upem = f32::from(self.parsed.units_per_em.max(1));
        let units: u32 = text
            .chars()
            .map(|ch| {
                let ch = if ch == w::NBSP { ' ' } else { ch };
                self.parsed.lookup_glyph_index(ch as u32).and_then(|g| self.parsed.get_glyph_width(g)).map_or(0, u32::from)
            })
            .sum();
        units as f32 * size / upem
    }

    /// A font holding only the glyphs for `chars` (and .notdef).
    pub(crate) fn subset(&self, chars: &BTreeSet<char>) -> Result<ParsedFont, RenderError> {
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

pub(crate) struct Fonts {
    regular: FontData,
    bold: FontData,
}

impl Fonts {
    pub(crate) fn get(&self, face: Face) -> &FontData {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }
}

pub(crate) fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts { regular: FontData::load(REGULAR_TTF), bold: FontData::load(BOLD_TTF) })
}

/// Split `text` into lines no wider than `width`, at spaces; a word wider
/// than the line is broken between characters. No-break spaces hold.
pub(crate) fn wrap(text: &str, face: Face, size: f32, width: f32) -> Vec<String> {
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

// ---------------------------------------------------------------------------
// Layout. Points, origin at the bottom left of an A4 page.

const PAGE_WIDTH: f32 = 595.276;
const PAGE_HEIGHT: f32 = 841.89;
const MARGIN: f32 = 56.693; // 20 mm
const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
/// Text stops here; the footer sits below it, inside the bottom margin.
const BOTTOM: f32 = MARGIN;
const FOOTER_Y: f32 = 34.0;
const BODY_SIZE: f32 = 9.5;
const BODY_LEADING: f32 = 12.8;
const LABEL_WIDTH: f32 = 170.0;
const GUIDANCE_SIZE: f32 = 9.0;
const GUIDANCE_LEADING: f32 = 11.6;
const BOX_PADDING: f32 = 10.0;

fn leading(size: f32) -> f32 {
    size * 1.3
}

struct Layout {
    pages: Vec<Vec<Op>>,
    ops: Vec<Op>,
    /// The top of the next line.
    y: f32,
    used: BTreeMap<Face, BTreeSet<char>>,
    /// Printed at the top of every page after the first.
    continuation: String,
}

impl Layout {
    fn new() -> Layout {
        Layout {
            pages: Vec::new(),
            ops: vec![Op::SetFillColor { col: black() }, Op::SetOutlineColor { col: black() }],
            y: PAGE_HEIGHT - MARGIN,
            used: BTreeMap::new(),
            continuation: String::new(),
        }
    }

    fn new_page(&mut self) {
        let ops = std::mem::replace(&mut self.ops, vec![Op::SetFillColor { col: black() }, Op::SetOutlineColor { col: black() }]);
        self.pages.push(ops);
        self.y = PAGE_HEIGHT - MARGIN;
        if !self.continuation.is_empty() {
            let text = self.continuation.clone();
            self.text_block(&text, Face::Bold, 9.0, 0.0, CONTENT_WIDTH);
            self.gap(3.0);
            self.draw_line(MARGIN, self.y, PAGE_WIDTH - MARGIN, self.y, 0.5);
            self.gap(12.0);
        }
    }

    /// Start a new page unless `height` more fits on this one.
    fn keep(&mut self, height: f32) {
        if self.y - height < BOTTOM && self.y < PAGE_HEIGHT - MARGIN {
            self.new_page();
        }
    }

    fn gap(&mut self, height: f32) {
        self.y -= height;
    }

    /// One line of text with its baseline at `baseline`.
    fn draw_text(&mut self, x: f32, baseline: f32, face: Face, size: f32, text: &str) {
        let text: String = text.nfc().map(|ch| if ch == w::NBSP { ' ' } else { ch }).collect();
        self.used.entry(face).or_default().extend(text.chars());
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFont { font: PdfFontHandle::External(font_id(face)), size: Pt(size) },
            Op::SetTextCursor { pos: Point { x: Pt(x), y: Pt(baseline) } },
            Op::ShowText { items: vec![TextItem::Text(text)] },
            Op::EndTextSection,
        ]);
    }

    fn draw_line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, thickness: f32) {
        self.ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        self.ops.push(Op::DrawLine { line: Line { points: vec![point(x1, y1), point(x2, y2)], is_closed: false } });
    }

    fn draw_box(&mut self, top: f32, bottom: f32, thickness: f32) {
        self.ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(MARGIN),
                y: Pt(bottom),
                width: Pt(CONTENT_WIDTH),
                height: Pt(top - bottom),
                mode: Some(PaintMode::Stroke),
                winding_order: None,
            },
        });
    }

    /// Wrapped text from the current line down, indented by `indent`.
    fn text_block(&mut self, text: &str, face: Face, size: f32, indent: f32, width: f32) {
        let lead = leading(size);
        for line in wrap(text, face, size, width - indent) {
            self.keep(lead);
            let baseline = self.y - size * 0.95;
            self.draw_text(MARGIN + indent, baseline, face, size, &line);
            self.y -= lead;
        }
    }

    fn paragraph(&mut self, text: &str) {
        self.text_block(text, Face::Regular, BODY_SIZE, 0.0, CONTENT_WIDTH);
        self.gap(5.0);
    }

    /// The service's name and contact details, then a rule.
    fn letterhead(&mut self, service: &super::content::ServiceDetails) {
        self.text_block(&service.name, Face::Bold, 15.0, 0.0, CONTENT_WIDTH);
        self.gap(2.0);
        let address: Vec<&str> = service.address_lines.iter().map(|line| line.trim()).filter(|line| !line.is_empty()).collect();
        if !address.is_empty() {
            self.text_block(&address.join(", "), Face::Regular, 9.0, 0.0, CONTENT_WIDTH);
        }
        let mut contact = Vec::new();
        if !service.phone.trim().is_empty() {
            contact.push(format!("{}: {}", w::LABEL_PHONE, service.phone.trim()));
        }
        if !service.email.trim().is_empty() {
            contact.push(format!("{}: {}", w::LABEL_EMAIL, service.email.trim()));
        }
        if !contact.is_empty() {
            self.text_block(&contact.join("   ·   "), Face::Regular, 9.0, 0.0, CONTENT_WIDTH);
        }
        self.gap(5.0);
        self.draw_line(MARGIN, self.y, PAGE_WIDTH - MARGIN, self.y, 0.75);
        self.gap(14.0);
    }

    /// The certificate number and date of issue, large, in a ruled box.
    fn number_and_date(&mut self, number: &str, issued_on: NaiveDate) {
        let column = (CONTENT_WIDTH - 3.0 * BOX_PADDING) / 2.0;
        let value_size = 17.0;
        let number_lines = wrap(number, Face::Bold, value_size, column);
        let date_lines = wrap(&w::date(issued_on), Face::Bold, value_size, column);
        let lines = number_lines.len().max(date_lines.len()) as f32;
        let label_size = 8.5;
        let height = BOX_PADDING * 2.0 + leading(label_size) + 3.0 + lines * leading(value_size);
        self.keep(height);
        let top = self.y;
        self.draw_box(top, top - height, 1.5);
        let columns = [
            (MARGIN + BOX_PADDING, w::LABEL_NUMBER, number_lines),
            (MARGIN + 2.0 * BOX_PADDING + column, w::LABEL_DATE_OF_ISSUE, date_lines),
        ];
        for (x, label, values) in columns {
            let mut y = top - BOX_PADDING;
            self.draw_text(x, y - label_size * 0.95, Face::Bold, label_size, &label.to_uppercase());
            y -= leading(label_size) + 3.0;
            for value in values {
                self.draw_text(x, y - value_size * 0.95, Face::Bold, value_size, &value);
                y -= leading(value_size);
            }
        }
        // The rule between the two columns.
        let middle = MARGIN + 1.5 * BOX_PADDING + column;
        self.draw_line(middle, top, middle, top - height, 0.5);
        self.y = top - height;
    }

    /// A section heading with a thin rule under it.
    fn section(&mut self, title: &str) {
        self.gap(9.0);
        self.keep(leading(12.0) + 4.0 + BODY_LEADING * 2.0);
        self.text_block(title, Face::Bold, 12.0, 0.0, CONTENT_WIDTH);
        self.gap(1.0);
        self.draw_line(MARGIN, self.y, PAGE_WIDTH - MARGIN, self.y, 0.5);
        self.gap(5.0);
    }

    /// Label and value rows, both wrapping within their columns.
    fn rows(&mut self, rows: &[(&str, String)]) {
        let value_x = MARGIN + LABEL_WIDTH;
        let value_width = CONTENT_WIDTH - LABEL_WIDTH;
        for (label, value) in rows {
            let labels = wrap(label, Face::Regular, BODY_SIZE, LABEL_WIDTH - 10.0);
            let values = wrap(value, Face::Bold, BODY_SIZE, value_width);
            let lines = labels.len().max(values.len());
            self.keep(BODY_LEADING * lines.min(3) as f32);
            for i in 0..lines {
                self.keep(BODY_LEADING);
                let baseline = self.y - BODY_SIZE * 0.95;
                if let Some(label) = labels.get(i) {
                    self.draw_text(MARGIN, baseline, Face::Regular, BODY_SIZE, label);
                }
                if let Some(value) = values.get(i) {
                    self.draw_text(value_x, baseline, Face::Bold, BODY_SIZE, value);
                }
                self.y -= BODY_LEADING;
            }
            self.gap(1.5);
        }
    }

    /// A heading and a bulleted list ("None" when empty).
    fn bullets(&mut self, heading: &str, items: &[String]) {
        self.keep(BODY_LEADING * 2.0);
        self.text_block(heading, Face::Bold, BODY_SIZE, 0.0, CONTENT_WIDTH);
        self.gap(1.0);
        if items.is_empty() {
            self.text_block(w::NO_ISSUES, Face::Regular, BODY_SIZE, 14.0, CONTENT_WIDTH);
        }
        for item in items {
            self.keep(BODY_LEADING);
            let baseline = self.y - BODY_SIZE * 0.95;
            self.draw_text(MARGIN + 4.0, baseline, Face::Regular, BODY_SIZE, "•");
            self.text_block(item, Face::Regular, BODY_SIZE, 14.0, CONTENT_WIDTH);
        }
        self.gap(5.0);
    }

    /// The guidance panel: a ruled box with the deadline and its rule.
    fn guidance(&mut self, deadline: NaiveDate, paragraphs: &[String]) {
        let inner = CONTENT_WIDTH - 2.0 * BOX_PADDING - 2.0;
        let heading_size = 12.0;
        let deadline_size = 13.0;
        let deadline_lines = wrap(&w::deadline_line(deadline), Face::Bold, deadline_size, inner);
        let wrapped: Vec<Vec<String>> = paragraphs.iter().map(|p| wrap(p, Face::Regular, GUIDANCE_SIZE, inner)).collect();
        let body: f32 = wrapped.iter().map(|lines| lines.len() as f32 * GUIDANCE_LEADING + 4.0).sum();
        let height =
            BOX_PADDING * 2.0 + leading(heading_size) + 4.0 + deadline_lines.len() as f32 * leading(deadline_size) + 6.0 + body
                - 4.0;
        self.keep(height);
        let top = self.y;
        self.draw_box(top, top - height, 1.0);
        let x = MARGIN + BOX_PADDING + 1.0;
        let mut y = top - BOX_PADDING;
        self.draw_text(x, y - heading_size * 0.95, Face::Bold, heading_size, w::SECTION_GUIDANCE);
        y -= leading(heading_size) + 4.0;
        for line in &deadline_lines {
            self.draw_text(x, y - deadline_size * 0.95, Face::Bold, deadline_size, line);
            y -= leading(deadline_size);
        }
        y -= 6.0;
        for lines in &wrapped {
            for line in lines {
                self.draw_text(x, y - GUIDANCE_SIZE * 0.95, Face::Regular, GUIDANCE_SIZE, line);
                y -= GUIDANCE_LEADING;
            }
            y -= 4.0;
        }
        self.y = top - height;
    }

    /// Footers on every page, fonts, metadata; then the bytes.
    fn finish(mut self, footer: &str, title: &str, dated: NaiveDate, id_source: &str) -> Result<Vec<u8>, RenderError> {
        self.continuation.clear();
        self.new_page();
        let pages = std::mem::take(&mut self.pages);
        let count = pages.len();
        let mut pdf_pages = Vec::with_capacity(count);
        for (i, mut ops) in pages.into_iter().enumerate() {
            self.ops = Vec::new();
            let page_label = w::page_of(i + 1, count);
            let size = 7.5;
            let label_width = fonts().regular.width(&page_label, size);
            let footer_width = CONTENT_WIDTH - label_width - 12.0;
            let footer_lines = wrap(footer, Face::Regular, size, footer_width);
            let mut baseline = FOOTER_Y + (footer_lines.len() as f32 - 1.0) * leading(size);
            self.draw_text(PAGE_WIDTH - MARGIN - label_width, baseline, Face::Regular, size, &page_label);
            for line in &footer_lines {
                self.draw_text(MARGIN, baseline, Face::Regular, size, line);
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
        let digest = Sha256::digest(id_source.as_bytes());
        let id = hex(&digest);
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

pub(crate) fn black() -> Color {
    Color::Greyscale(Greyscale { percent: 0.0, icc_profile: None })
}

pub(crate) fn point(x: f32, y: f32) -> LinePoint {
    LinePoint { p: Point { x: Pt(x), y: Pt(y) }, bezier: false }
}

pub(crate) fn font_id(face: Face) -> FontId {
    FontId(
        match face {
            Face::Regular => "DejaVuSans",
            Face::Bold => "DejaVuSansBold",
        }
        .to_string(),
    )
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// printpdf writes the trailer's /ID from a process-wide counter, so two
/// renders of the same content would differ. Overwrite both strings, in
/// place and at the same length, with ones derived from the content.
pub(crate) fn fix_trailer_id(bytes: &mut [u8], id: &str) -> Result<(), RenderError> {
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
    fn no_break_spaces_hold_a_date_together() {
        let text = format!("Appeal deadline: {}", w::by_5pm(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()));
        let lines = wrap(&text, Face::Regular, 10.0, 180.0);
        assert!(lines.iter().any(|l| l.contains("by\u{a0}5pm\u{a0}on\u{a0}Mon\u{a0}2\u{a0}Mar\u{a0}2026")), "{lines:?}");
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        assert_eq!(wrap("", Face::Regular, 10.0, 100.0), vec![String::new()]);
    }
}
