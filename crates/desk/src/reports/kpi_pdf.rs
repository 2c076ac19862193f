//! The commissioner's report as a PDF: the headline figures, then one
//! horizontal bar chart per series. Readable in greyscale and in black and
//! white print: every bar has its number printed beside it and its label
//! to its left, and bars for something late or not done are hatched
//! (diagonal lines) where the others are solid grey, with a key. Laid out
//! on the page every document shares (`crate::pdf`: fonts, running head,
//! page numbers, wrapping, rows), with margins and rows of its own.

use chrono::NaiveDate;
use printpdf::PaintMode;

use super::kpi::{Chart, KpiReport};
use crate::pdf::layout::{black, grey, PageNumberAt, PageStyle, RowStyle, PAGE_WIDTH};
use crate::pdf::{fonts, Face, Layout, RenderError};

/// Narrower margins than a certificate's, more room at the foot, and the
/// page number alone at the left.
const PAGE: PageStyle = PageStyle {
    margin: 50.0,
    bottom: 70.0,
    head_rule_gap: 2.3,
    head_after: 6.0,
    footer_baseline: 30.0,
    page_number: PageNumberAt::Left,
};
/// The headline figures: the label, and its value 300 pt in.
const FIGURES: RowStyle = RowStyle { label_width: 300.0, size: 10.0, leading: 13.0, after: 1.0 };
const LABEL_WIDTH: f32 = 165.0;
const BAR_HEIGHT: f32 = 13.0;
const BAR_GAP: f32 = 5.0;

/// Bars whose label says something was late or not done are hatched.
fn is_bad(label: &str) -> bool {
    matches!(label, "Late" | "Later" | "Not judged" | "Not agreed" | "Not recorded" | "Declined" | "Not resolved")
}

/// Diagonal hatching inside a rectangle (lines at 45 degrees, 4 pt apart).
fn hatch(p: &mut Layout, x: f32, y: f32, width: f32, height: f32) {
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
            p.draw_line(x1, y1, x1 + run, y1 + run, 0.6);
        }
        c += step;
    }
}

/// One bar chart: its title, a bar and its number per row, the axis.
fn chart(p: &mut Layout, chart: &Chart) {
    let height = 22.0 + chart.bars.len() as f32 * (BAR_HEIGHT + BAR_GAP) + 14.0;
    p.keep(height);
    p.gap(8.0);
    p.text_block(&chart.title, Face::Bold, 11.0, 0.0);
    p.gap(4.0);
    let max = chart.bars.iter().map(|b| b.value).max().unwrap_or(0).max(1) as f32;
    let left = p.margin() + LABEL_WIDTH;
    let area = PAGE_WIDTH - p.margin() - left - 45.0;
    let top = p.y;
    for bar in &chart.bars {
        let (label, size) = fit(&bar.label, LABEL_WIDTH - 8.0);
        let bottom = p.y - BAR_HEIGHT;
        p.draw_text(p.margin(), bottom + 3.5, Face::Regular, size, &label);
        let width = area * bar.value as f32 / max;
        if width > 0.0 {
            if is_bad(&bar.label) {
                p.fill(grey(1.0));
                p.draw_rect(left, bottom, width, BAR_HEIGHT, 0.8, PaintMode::FillStroke);
                p.fill(black());
                hatch(p, left, bottom, width, BAR_HEIGHT);
                p.draw_rect(left, bottom, width, BAR_HEIGHT, 0.8, PaintMode::Stroke);
            } else {
                p.fill(grey(0.6));
                p.draw_rect(left, bottom, width, BAR_HEIGHT, 0.8, PaintMode::FillStroke);
                p.fill(black());
            }
        }
        p.draw_text(left + width + 5.0, bottom + 3.5, Face::Bold, 9.0, &bar.value.to_string());
        p.gap(BAR_HEIGHT + BAR_GAP);
    }
    // The axis.
    p.draw_line(left, top + 2.0, left, p.y + BAR_GAP - 2.0, 1.0);
    p.gap(6.0);
}

/// What solid and hatched bars mean.
fn key(p: &mut Layout) {
    p.keep(20.0);
    let y = p.y - 12.0;
    p.fill(grey(0.6));
    p.draw_rect(p.margin(), y, 18.0, 10.0, 0.8, PaintMode::FillStroke);
    p.fill(black());
    p.draw_text(p.margin() + 24.0, y + 2.0, Face::Regular, 9.0, "Solid grey: on time, done or a count");
    let x = p.margin() + 230.0;
    hatch(p, x, y, 18.0, 10.0);
    p.draw_rect(x, y, 18.0, 10.0, 0.8, PaintMode::Stroke);
    p.draw_text(x + 24.0, y + 2.0, Face::Regular, 9.0, "Hatched: late, not agreed or not recorded");
    p.gap(22.0);
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
    let mut p = Layout::new(PAGE);
    if !service_name.trim().is_empty() {
        p.text_block(service_name.trim(), Face::Bold, 13.0, 0.0);
    }
    p.text_block("Commissioner's report: SEND mediation", Face::Bold, 17.0, 0.0);
    p.running_head(&format!("Commissioner's report, {} to {}, {}", date(r.from), date(r.to), r.local_authority));
    p.gap(2.0);
    p.text_block(&format!("{} to {} · {}", date(r.from), date(r.to), r.local_authority), Face::Regular, 11.0, 0.0);
    p.gap(6.0);
    p.rule(0.75);
    p.gap(10.0);
    p.rows(
        &FIGURES,
        &[
            ("Cases opened", r.cases_opened.to_string()),
            ("Cases closed", r.cases_closed.to_string()),
            ("Certificates issued", r.certificates_issued.to_string()),
            (
                "Issued within 3 working days",
                format!("{} ({})", r.certificates_on_time, optional(r.certificates_on_time_percent, "%")),
            ),
            ("Median days from first contact to certificate", optional(r.median_days_call_to_certificate, " days")),
            ("Mediations held", r.mediations_held.to_string()),
            (
                "Held within 30 days",
                format!("{} ({})", r.mediations_within_30_days, optional(r.mediations_within_30_days_percent, "%")),
            ),
            ("Meetings postponed by the local authority", r.la_postponements.to_string()),
            ("Disagreement resolution requests", r.disagreement.requests.to_string()),
            ("Went ahead (every party agreed)", r.disagreement.went_ahead.to_string()),
            ("Declined", r.disagreement.declined.to_string()),
            ("Median days from request to first meeting", optional(r.disagreement.median_days_request_to_meeting, " days")),
            (
                "Followed by mediation (of which by an appeal)",
                format!("{} ({})", r.disagreement.followed_by_mediation, r.disagreement.followed_by_appeal),
            ),
        ],
    );
    p.gap(4.0);
    key(&mut p);
    for c in &r.charts {
        chart(&mut p, c);
    }
    p.gap(6.0);
    p.text_block(
        "On time and within 30 days are the statutory clocks' own answers for each case. Local authority, decision, issue and route count the cases opened in the period; outcomes count mediations that ended in it. Disagreement resolution has no statutory clock: its requests count by the date of the request, its answers, meetings and outcomes by the date each happened.",
        Face::Regular,
        8.0,
        0.0,
    );

    let title = format!("Commissioner's report {} to {}", r.from, r.to);
    p.finish("", &title, r.to, &format!("{title} {}", r.local_authority))
}
