//! The record of outcome of a disagreement resolution case, laid out on the
//! certificate's page (`crate::pdf`: letterhead, sections, label rows,
//! bullets, footers, embedded font subsets, reproducible bytes). What it
//! says is in `disagreement::record`.

use super::letter_page;
use crate::certificates::wording as w;
use crate::disagreement::record::{self as r, RecordOfOutcome};
use crate::pdf::layout::{BODY_LEADING, BODY_SIZE, LETTER_ROWS};
use crate::pdf::{check_fields, Face, RenderError};

/// Render the record of outcome as a PDF.
pub fn render(rec: &RecordOfOutcome) -> Result<Vec<u8>, RenderError> {
    check_fields(&rec.fields())?;
    let mut page = letter_page(&rec.service, &r::pdf_title(rec));

    page.text_block(r::TITLE, Face::Bold, 20.0, 0.0);
    page.gap(1.0);
    page.text_block(r::SUBTITLE, Face::Regular, 11.5, 0.0);
    page.gap(8.0);
    page.paragraph(r::CONFIDENTIAL);

    page.section(r::SECTION_DISAGREEMENT);
    let mut rows: Vec<(&str, String)> = vec![
        ("Date of this record", w::date(rec.dated)),
        ("Case reference", rec.reference.clone()),
        (w::LABEL_CHILD, rec.child_name.clone()),
    ];
    if let Some(family) = &rec.family {
        rows.push((w::LABEL_PARENT, family.clone()));
    }
    rows.push((w::LABEL_LA, rec.local_authority.clone()));
    rows.push((if rec.other_parties.len() == 1 { "Other party" } else { "Other parties" }, w::list_of(&rec.other_parties)));
    rows.push(("Kind of disagreement", rec.kind.clone()));
    rows.push(("About", rec.about.clone()));
    if !rec.meeting_dates.is_empty() {
        let dates: Vec<String> = rec.meeting_dates.iter().map(|d| w::date(*d)).collect();
        rows.push((if dates.len() == 1 { "Meeting" } else { "Meetings" }, w::list_of(&dates)));
    }
    page.rows(&LETTER_ROWS, &rows);

    page.section(r::SECTION_POINTS);
    for (i, p) in rec.points.iter().enumerate() {
        page.keep(BODY_LEADING * 2.0);
        page.text_block(&format!("{}. {}", i + 1, p.point), Face::Bold, BODY_SIZE, 0.0);
        page.text_block(&r::point_result(p), Face::Regular, BODY_SIZE, 14.0);
        page.gap(5.0);
    }

    page.section(r::SECTION_ACTIONS);
    if rec.actions.is_empty() {
        page.paragraph(r::NO_ACTIONS);
    } else {
        for line in rec.actions.iter().map(r::action_line) {
            page.bullet(&line);
        }
    }

    page.gap(12.0);
    page.paragraph(r::NOT_A_CERTIFICATE);

    let footer = r::footer(rec);
    let id = format!("{}|{}", rec.reference, rec.dated);
    page.finish(&footer, &r::pdf_title(rec), rec.dated, &id)
}
