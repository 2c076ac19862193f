//! The commissioner's report as a PDF: the headline figures, then one
//! horizontal bar chart per series. Readable in greyscale and in black and
//! white print: every bar has its number printed beside it and its label
//! to its left, and bars for something late or not done are hatched
//! (diagonal lines) where the others are solid grey, with a key. Uses the
//! certificate renderer's embedded, subset DejaVu fonts.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, NaiveTime};
use printpdf::{
    Color, Greyscale, Line, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem,
};
use sha2::{Digest, Sha256};

use super::kpi::{Chart, KpiReport};
use crate::certificates::pdf::{black, fix_trailer_id, font_id, fonts, hex, point, wrap, Face};
use crate::certificates::RenderError;

const PAGE_WIDTH: f32 = 595.276;
const PAGE_HEIGHT: f32 = 841.89;
const MARGIN: f32 = 50.0;
const LABEL_WIDTH: f32 = 165.0;
const BAR_HEIGHT: f32 = 13.0;
const BAR_GAP: f32 = 5.0;

fn grey(percent: f32) -> Color {
    Color::Greyscale(Greyscale { percent, icc_profile: None })
}

/// Bars whose label says something was late or not done are hatched.
fn is_bad(label: &str) -> bool {
    matches!(label, "Late" | "Later" | "Not judged" | "Not agreed" | "Not recorded" | "Declined" | "Not resolved")
}

struct Pages {
    done: Vec<Vec<Op>>,
    ops: Vec<Op>,
    y: f32,
    used: BTreeMap<Face, BTreeSet<char>>,
    /// Printed at the top of every page after the first.
    continuation: String,
}

impl Pages {
    fn new() -> Pages {
        Pages {
            done: Vec::new(),
            ops: Pages::fresh(),
            y: PAGE_HEIGHT - MARGIN,
            used: BTreeMap::new(),
            continuation: String::new(),
        }
    }

    fn fresh() -> Vec<Op> {
        vec![Op::SetFillColor { col: black() }, Op::SetOutlineColor { col: black() }]
    }

    fn keep(&mut self, height: f32) {
        if self.y - height < MARGIN + 20.0 {
            let ops = std::mem::replace(&mut self.ops, Pages::fresh());
            self.done.push(ops);
            self.y = PAGE_HEIGHT - MARGIN;
            let heading = self.continuation.clone();
            self.text(MARGIN, self.y - 8.5, Face::Bold, 9.0, &heading);
            self.y -= 14.0;
            self.line(MARGIN, self.y, PAGE_WIDTH - MARGIN, self.y, 0.5);
            self.y -= 6.0;
        }
    }

    fn text(&mut self, x: f32, baseline: f32, face: Face, size: f32, text: &str) {
        self.used.entry(face).or_default().extend(text.chars());
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFont { font: PdfFontHandle::External(font_id(face)), size: Pt(size) },
            Op::SetTextCursor { pos: Point { x: Pt(x), y: Pt(baseline) } },
            Op::ShowText { items: vec![TextItem::Text(text.to_string())] },
            Op::EndTextSection,
        ]);
    }

    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, thickness: f32) {
        self.ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        self.ops.push(Op::DrawLine { line: Line { points: vec![point(x1, y1), point(x2, y2)], is_closed: false } });
    }

    fn rect(&mut self, x: f32, y: f32, width: f32, height: f32, mode: PaintMode) {
        self.ops.push(Op::SetOutlineThickness { pt: Pt(0.8) });
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect { x: Pt(x), y: Pt(y), width: Pt(width), height: Pt(height), mode: Some(mode), winding_order: None },
        });
    }

    /// Diagonal hatching inside a rectangle (lines at 45 degrees, 4 pt apart).
    fn hatch(&mut self, x: f32, y: f32, width: f32, height: f32) {
        let step = 4.0;
        let mut c = -height;
        while c < width {
            // The line from (x + c, y) going up-right, clipped to the box.
            let (mut x1, mut y1) = (x + c, y);
            if c < 0.0 {
                x1 = x;
                y1 = y - c;
            }
            let run = (x + width - x1).min(y + height - y1);
            if run > 0.0 {
                self.line(x1, y1, x1 + run, y1 + run, 0.6);
            }
            c += step;
        }
    }

    fn block(&mut self, text: &str, face: Face, size: f32) {
        for l in wrap(text, face, size, PAGE_WIDTH - 2.0 * MARGIN) {
            self.keep(size * 1.3);
            self.text(MARGIN, self.y - size * 0.95, face, size, &l);
            self.y -= size * 1.3;
        }
    }

    fn rows(&mut self, rows: &[(String, String)]) {
        for (label, value) in rows {
            self.keep(13.0);
            self.text(MARGIN, self.y - 9.5, Face::Regular, 10.0, label);
            self.text(MARGIN + 300.0, self.y - 9.5, Face::Bold, 10.0, value);
            self.y -= 14.0;
        }
    }

    fn chart(&mut self, chart: &Chart) {
        let height = 22.0 + chart.bars.len() as f32 * (BAR_HEIGHT + BAR_GAP) + 14.0;
        self.keep(height);
        self.y -= 8.0;
        self.block(&chart.title, Face::Bold, 11.0);
        self.y -= 4.0;
        let max = chart.bars.iter().map(|b| b.value).max().unwrap_or(0).max(1) as f32;
        let left = MARGIN + LABEL_WIDTH;
        let area = PAGE_WIDTH - MARGIN - left - 45.0;
        let top = self.y;
        for bar in &chart.bars {
            let (label, size) = fit(&bar.label, LABEL_WIDTH - 8.0);
            let bottom = self.y - BAR_HEIGHT;
            self.text(MARGIN, bottom + 3.5, Face::Regular, size, &label);
            let width = area * bar.value as f32 / max;
            if width > 0.0 {
                if is_bad(&bar.label) {
                    self.ops.push(Op::SetFillColor { col: grey(1.0) });
                    self.rect(left, bottom, width, BAR_HEIGHT, PaintMode::FillStroke);
                    self.ops.push(Op::SetFillColor { col: black() });
                    self.hatch(left, bottom, width, BAR_HEIGHT);
                    self.rect(left, bottom, width, BAR_HEIGHT, PaintMode::Stroke);
                } else {
                    self.ops.push(Op::SetFillColor { col: grey(0.6) });
                    self.rect(left, bottom, width, BAR_HEIGHT, PaintMode::FillStroke);
                    self.ops.push(Op::SetFillColor { col: black() });
                }
            }
            self.text(left + width + 5.0, bottom + 3.5, Face::Bold, 9.0, &bar.value.to_string());
            self.y -= BAR_HEIGHT + BAR_GAP;
        }
        // The axis.
        self.line(left, top + 2.0, left, self.y + BAR_GAP - 2.0, 1.0);
        self.y -= 6.0;
    }

    fn key(&mut self) {
        self.keep(20.0);
        let y = self.y - 12.0;
        self.ops.push(Op::SetFillColor { col: grey(0.6) });
        self.rect(MARGIN, y, 18.0, 10.0, PaintMode::FillStroke);
        self.ops.push(Op::SetFillColor { col: black() });
        self.text(MARGIN + 24.0, y + 2.0, Face::Regular, 9.0, "Solid grey: on time, done or a count");
        let x = MARGIN + 230.0;
        self.hatch(x, y, 18.0, 10.0);
        self.rect(x, y, 18.0, 10.0, PaintMode::Stroke);
        self.text(x + 24.0, y + 2.0, Face::Regular, 9.0, "Hatched: late, not agreed or not recorded");
        self.y -= 22.0;
    }
}

/// A bar label in `width`: at 9 pt, else smaller, else cut with an ellipsis.
fn fit(label: &str, width: f32) -> (String, f32) {
    let font = fonts().get(Face::Regular);
    for size in [9.0, 8.0, 7.0] {
        if font.width(label, size) <= width {
            return (label.to_string(), size);
        }
    }
    let mut cut: String = label.to_string();
    while !cut.is_empty() && font.width(&format!("{cut}…"), 7.0) > width {
        cut.pop();
    }
    (format!("{}…", cut.trim_end()), 7.0)
}

fn optional(v: Option<f64>, suffix: &str) -> String {
    v.map(|v| format!("{v}{suffix}")).unwrap_or_else(|| "none in the period".into())
}

fn date(d: NaiveDate) -> String {
    crate::calendar::dates::long(d)
}

/// Render the report as PDF bytes (the same report gives the same bytes).
pub fn render(r: &KpiReport, service_name: &str) -> Result<Vec<u8>, RenderError> {
    let mut p = Pages::new();
    if !service_name.trim().is_empty() {
        p.block(service_name.trim(), Face::Bold, 13.0);
    }
    p.block("Commissioner's report: SEND mediation", Face::Bold, 17.0);
    p.continuation = format!("Commissioner's report, {} to {}, {} (continued)", date(r.from), date(r.to), r.local_authority);
    p.y -= 2.0;
    p.block(&format!("{} to {} · {}", date(r.from), date(r.to), r.local_authority), Face::Regular, 11.0);
    p.y -= 6.0;
    p.line(MARGIN, p.y, PAGE_WIDTH - MARGIN, p.y, 0.75);
    p.y -= 10.0;
    p.rows(&[
        ("Cases opened".into(), r.cases_opened.to_string()),
        ("Cases closed".into(), r.cases_closed.to_string()),
        ("Certificates issued".into(), r.certificates_issued.to_string()),
        (
            "Issued within 3 working days".into(),
            format!("{} ({})", r.certificates_on_time, optional(r.certificates_on_time_percent, "%")),
        ),
        ("Median days from first contact to certificate".into(), optional(r.median_days_call_to_certificate, " days")),
        ("Mediations held".into(), r.mediations_held.to_string()),
        (
            "Held within 30 days".into(),
            format!("{} ({})", r.mediations_within_30_days, optional(r.mediations_within_30_days_percent, "%")),
        ),
        ("Meetings postponed by the local authority".into(), r.la_postponements.to_string()),
        ("Disagreement resolution requests".into(), r.disagreement.requests.to_string()),
        ("Went ahead (every party agreed)".into(), r.disagreement.went_ahead.to_string()),
        ("Declined".into(), r.disagreement.declined.to_string()),
        ("Median days from request to first meeting".into(), optional(r.disagreement.median_days_request_to_meeting, " days")),
        (
            "Followed by mediation (of which by an appeal)".into(),
            format!("{} ({})", r.disagreement.followed_by_mediation, r.disagreement.followed_by_appeal),
        ),
    ]);
    p.y -= 4.0;
    p.key();
    for chart in &r.charts {
        p.chart(chart);
    }
    p.y -= 6.0;
    p.block(
        "On time and within 30 days are the statutory clocks' own answers for each case. Local authority, decision, issue and route count the cases opened in the period; outcomes count mediations that ended in it. Disagreement resolution has no statutory clock: its requests count by the date of the request, its answers, meetings and outcomes by the date each happened.",
        Face::Regular,
        8.0,
    );

    let ops = std::mem::take(&mut p.ops);
    p.done.push(ops);
    let count = p.done.len();
    let mut pages = Vec::with_capacity(count);
    for (i, mut ops) in std::mem::take(&mut p.done).into_iter().enumerate() {
        p.ops = Vec::new();
        let label = format!("Page {} of {count}", i + 1);
        p.text(MARGIN, 30.0, Face::Regular, 7.5, &label);
        ops.append(&mut p.ops);
        pages.push(PdfPage::new(printpdf::Mm(210.0), printpdf::Mm(297.0), ops));
    }
    let title = format!("Commissioner's report {} to {}", r.from, r.to);
    let mut doc = PdfDocument::new(&title);
    for (face, chars) in &p.used {
        let font = fonts().get(*face).subset(chars)?;
        doc.resources.fonts.map.insert(font_id(*face), printpdf::PdfFont::new(font));
    }
    let stamp = r.to.and_time(NaiveTime::MIN).and_utc().timestamp();
    let when = printpdf::OffsetDateTime::from_unix_timestamp(stamp).map_err(|e| RenderError::Pdf(e.to_string()))?;
    let id = hex(&Sha256::digest(format!("{title} {}", r.local_authority).as_bytes()));
    let info = &mut doc.metadata.info;
    info.creation_date = when;
    info.modification_date = when;
    info.metadata_date = when;
    info.identifier = id.clone();
    info.producer = "Mediation Desk".into();
    info.creator = "Mediation Desk".into();
    let options = PdfSaveOptions { optimize: true, subset_fonts: false, secure: true, image_optimization: None };
    let mut bytes = doc.with_pages(pages).save(&options, &mut Vec::new());
    fix_trailer_id(&mut bytes, &id)?;
    Ok(bytes)
}
