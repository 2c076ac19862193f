//! Lays out a certificate or exemption letter on A4 and writes the PDF,
//! with the page layout every document shares (`crate::pdf`: fonts,
//! margins, letterhead, running head, footer, wrapping, rows); the
//! certificate's own panels (the number box, the guidance panel) are here.
//! The output is reproducible: the same content gives the same bytes (no
//! clock, no random ids).

use chrono::NaiveDate;

use super::content::{CertificateContent, ExemptionLetterContent, KindDetails, ServiceDetails};
use super::wording as w;
use crate::pdf::layout::{leading, BODY_LEADING, BODY_SIZE, LETTER, LETTER_ROWS};
use crate::pdf::{check_fields, wrap, Face, Layout, RenderError};

/// Render a mediation certificate as a PDF.
pub fn render_certificate(c: &CertificateContent) -> Result<Vec<u8>, RenderError> {
    check_certificate(c)?;
    let mut page = letter_page(&c.service, &w::certificate_pdf_title(c));

    page.text_block(w::CERTIFICATE_TITLE, Face::Bold, 20.0, 0.0);
    page.gap(1.0);
    page.text_block(w::kind_title(c.kind()), Face::Regular, 11.5, 0.0);
    page.gap(8.0);
    number_and_date(&mut page, &c.number, c.issued_on);
    if let Some(replaced) = &c.replaces {
        page.gap(6.0);
        page.text_block(&w::replaces(replaced), Face::Bold, 10.0, 0.0);
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
    page.rows(&LETTER_ROWS, &rows);

    page.section(w::SECTION_WHAT_HAPPENED);
    for paragraph in w::statement(c) {
        page.paragraph(&paragraph);
    }
    if let KindDetails::AfterMediation { issues_resolved, issues_not_resolved, .. } = &c.details {
        page.bullets(w::ISSUES_RESOLVED, issues_resolved, w::NO_ISSUES);
        page.bullets(w::ISSUES_NOT_RESOLVED, issues_not_resolved, w::NO_ISSUES);
    }
    page.paragraph(&w::certificate_closing(c));

    page.gap(4.0);
    page.rows(
        &LETTER_ROWS,
        &[(w::SECTION_ISSUED_BY, w::issued_by(c)), (w::LABEL_REGISTRATION, c.issued_by.registration.clone())],
    );

    page.gap(10.0);
    guidance(&mut page, c.appeal_deadline, &w::certificate_guidance(c));

    let footer = w::certificate_footer(c);
    page.finish(&footer, &w::certificate_pdf_title(c), c.issued_on, &c.number)
}

/// Render the letter for a case that needs no certificate.
pub fn render_exemption_letter(l: &ExemptionLetterContent) -> Result<Vec<u8>, RenderError> {
    check_letter(l)?;
    let mut page = letter_page(&l.service, &w::exemption_pdf_title(l));

    page.text_block(w::EXEMPTION_TITLE, Face::Bold, 22.0, 0.0);
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
    page.rows(&LETTER_ROWS, &rows);

    page.gap(12.0);
    page.paragraph(&w::exemption_greeting(l));
    for paragraph in w::exemption_opening(l) {
        page.paragraph(&paragraph);
    }

    page.section(w::SECTION_EXEMPT_ISSUES);
    for item in &l.exempt_issues {
        page.keep(BODY_LEADING * 2.0);
        page.text_block(&item.issue, Face::Bold, BODY_SIZE, 0.0);
        page.text_block(&item.reason, Face::Regular, BODY_SIZE, 12.0);
        page.gap(6.0);
    }
    page.gap(2.0);
    for paragraph in w::exemption_closing() {
        page.paragraph(&paragraph);
    }

    if let Some(signed) = &l.signed_by {
        page.gap(4.0);
        page.keep(BODY_LEADING * 4.0);
        page.text_block(w::SIGN_OFF, Face::Regular, BODY_SIZE, 0.0);
        page.gap(BODY_LEADING);
        page.text_block(&signed.name, Face::Bold, BODY_SIZE, 0.0);
        let role = format!(
            "{}, {} · {}: {}",
            w::issuer_role(crate::facts::CertificateKind::Declined),
            l.service.name,
            w::LABEL_REGISTRATION,
            signed.registration
        );
        page.text_block(&role, Face::Regular, BODY_SIZE, 0.0);
    }

    page.gap(12.0);
    match l.appeal_deadline {
        Some(deadline) => guidance(&mut page, deadline, &w::exemption_guidance(l)),
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

// ---------------------------------------------------------------------------
// The certificate's own pieces.

const GUIDANCE_SIZE: f32 = 9.0;
const GUIDANCE_LEADING: f32 = 11.6;
const BOX_PADDING: f32 = 10.0;

/// A document on the certificate's page: every page after the first headed
/// with `pdf_title`, the first with the service's letterhead.
fn letter_page(service: &ServiceDetails, pdf_title: &str) -> Layout {
    let mut page = Layout::new(LETTER);
    page.running_head(pdf_title);
    letterhead(&mut page, service);
    page
}

/// The service's name and contact details, then a rule.
fn letterhead(page: &mut Layout, service: &ServiceDetails) {
    let address: Vec<&str> = service.address_lines.iter().map(|line| line.trim()).filter(|line| !line.is_empty()).collect();
    let mut contact = Vec::new();
    if !service.phone.trim().is_empty() {
        contact.push(format!("{}: {}", w::LABEL_PHONE, service.phone.trim()));
    }
    if !service.email.trim().is_empty() {
        contact.push(format!("{}: {}", w::LABEL_EMAIL, service.email.trim()));
    }
    page.letterhead(&service.name, &[address.join(", "), contact.join("   ·   ")]);
}

/// The certificate number and date of issue, large, in a ruled box.
fn number_and_date(page: &mut Layout, number: &str, issued_on: NaiveDate) {
    let column = (page.content_width() - 3.0 * BOX_PADDING) / 2.0;
    let value_size = 17.0;
    let number_lines = wrap(number, Face::Bold, value_size, column);
    let date_lines = wrap(&w::date(issued_on), Face::Bold, value_size, column);
    let lines = number_lines.len().max(date_lines.len()) as f32;
    let label_size = 8.5;
    let height = BOX_PADDING * 2.0 + leading(label_size) + 3.0 + lines * leading(value_size);
    page.keep(height);
    let top = page.y;
    page.draw_box(top, top - height, 1.5);
    let columns = [
        (page.margin() + BOX_PADDING, w::LABEL_NUMBER, number_lines),
        (page.margin() + 2.0 * BOX_PADDING + column, w::LABEL_DATE_OF_ISSUE, date_lines),
    ];
    for (x, label, values) in columns {
        let mut y = top - BOX_PADDING;
        page.draw_text(x, y - label_size * 0.95, Face::Bold, label_size, &label.to_uppercase());
        y -= leading(label_size) + 3.0;
        for value in values {
            page.draw_text(x, y - value_size * 0.95, Face::Bold, value_size, &value);
            y -= leading(value_size);
        }
    }
    // The rule between the two columns.
    let middle = page.margin() + 1.5 * BOX_PADDING + column;
    page.draw_line(middle, top, middle, top - height, 0.5);
    page.y = top - height;
}

/// The guidance panel: a ruled box with the deadline and its rule.
fn guidance(page: &mut Layout, deadline: NaiveDate, paragraphs: &[String]) {
    let inner = page.content_width() - 2.0 * BOX_PADDING - 2.0;
    let heading_size = 12.0;
    let deadline_size = 13.0;
    let deadline_lines = wrap(&w::deadline_line(deadline), Face::Bold, deadline_size, inner);
    let wrapped: Vec<Vec<String>> = paragraphs.iter().map(|p| wrap(p, Face::Regular, GUIDANCE_SIZE, inner)).collect();
    let body: f32 = wrapped.iter().map(|lines| lines.len() as f32 * GUIDANCE_LEADING + 4.0).sum();
    let height =
        BOX_PADDING * 2.0 + leading(heading_size) + 4.0 + deadline_lines.len() as f32 * leading(deadline_size) + 6.0 + body - 4.0;
    page.keep(height);
    let top = page.y;
    page.draw_box(top, top - height, 1.0);
    let x = page.margin() + BOX_PADDING + 1.0;
    let mut y = top - BOX_PADDING;
    page.draw_text(x, y - heading_size * 0.95, Face::Bold, heading_size, w::SECTION_GUIDANCE);
    y -= leading(heading_size) + 4.0;
    for line in &deadline_lines {
        page.draw_text(x, y - deadline_size * 0.95, Face::Bold, deadline_size, line);
        y -= leading(deadline_size);
    }
    y -= 6.0;
    for lines in &wrapped {
        for line in lines {
            page.draw_text(x, y - GUIDANCE_SIZE * 0.95, Face::Regular, GUIDANCE_SIZE, line);
            y -= GUIDANCE_LEADING;
        }
        y -= 4.0;
    }
    page.y = top - height;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_break_spaces_hold_a_date_together() {
        let text = format!("Appeal deadline: {}", w::by_5pm(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()));
        let lines = wrap(&text, Face::Regular, 10.0, 180.0);
        assert!(lines.iter().any(|l| l.contains("by\u{a0}5pm\u{a0}on\u{a0}Mon\u{a0}2\u{a0}Mar\u{a0}2026")), "{lines:?}");
    }
}
