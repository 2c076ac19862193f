//! The Case screen's facts form: the dated facts a mediator edits as day,
//! month and year boxes, the meetings, and the written agreement with its
//! actions. Saving checks every box as the New call form does: a half-typed
//! or impossible date is an error naming its box, never a fact quietly
//! cleared. The live preview uses each date once its boxes make a real date.
//!
//! Errors name the screen's inputs: `facts.decision.sent_on` (shown as
//! `fact-decision-sent_on`), `meeting-0`, `meeting-0-notice`,
//! `agreement-dated`, `action-0-agreed`, `action-0-done-1`: every one, with
//! its label, from the registry of the facts' fields (`law::fact_fields`).

use std::sync::LazyLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::call_form::{date_field, DateParts, FieldError};
use crate::fact_fields::{self, FactField};
use crate::facts::{Agreement, AgreementAction, AgreementActionKind, CaseFacts, Meeting, MeetingStatus, ResponsibleBody};

/// The dated facts the form shows, in order, from the registry of the
/// facts' fields (`law::fact_fields`): where each lives, its label, its input.
static DATED_FACTS: LazyLock<Vec<&'static FactField>> = LazyLock::new(|| fact_fields::dated_facts().collect());

/// The place in the facts of one dated fact.
fn slot<'f>(facts: &'f mut CaseFacts, path: &str) -> &'f mut Option<NaiveDate> {
    match path {
        "decision.letter_dated" => &mut facts.decision.letter_dated,
        "decision.sent_on" => &mut facts.decision.sent_on,
        "first_contact_on" => &mut facts.first_contact_on,
        "declined_on" => &mut facts.declined_on,
        "family_told_la_on" => &mut facts.family_told_la_on,
        "adviser_told_la_on" => &mut facts.adviser_told_la_on,
        "la_told_icb_on" => &mut facts.la_told_icb_on,
        "mediation_arranged_on" => &mut facts.mediation_arranged_on,
        "cannot_arrange_notice_on" => &mut facts.cannot_arrange_notice_on,
        "withdrew_on" => &mut facts.withdrew_on,
        "concluded_on" => &mut facts.concluded_on,
        "appeal_received_on" => &mut facts.appeal_received_on,
        other => unreachable!("{other} is not one of the facts form's dated facts"),
    }
}

/// One dated fact as boxes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct DatedFact {
    /// Where it lives in the facts: `decision.sent_on`, `declined_on`, ...
    pub path: String,
    /// Its input's id: `fact-decision-sent_on`.
    pub id: String,
    /// Its label ("Date the decision was sent").
    pub label: String,
    /// The day, month and year as typed; all blank for a fact not yet known.
    pub date: DateParts,
}

/// One mediation meeting as boxes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MeetingForm {
    /// The date of the meeting.
    pub date: DateParts,
    /// Planned, held, postponed or cancelled.
    pub status: MeetingStatus,
    /// When the parties were told the date (the 5-working-day notice).
    pub notice_sent_on: DateParts,
}

/// One action of the written agreement as boxes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ActionForm {
    /// What the action is (make an assessment, amend section F, ...): it decides its stages and its time limit.
    pub kind: AgreementActionKind,
    /// The action in the parties' words.
    pub description: String,
    /// A different date the parties agreed in writing, which replaces the time limit.
    pub agreed_due: DateParts,
    /// One date a stage of the action (`rules::agreement::stages`).
    pub done: Vec<DateParts>,
    /// For an item with no right of appeal: the LA or the ICB (reg 42(3)).
    pub responsible_body: Option<ResponsibleBody>,
}

/// The written agreement reached in mediation, as boxes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgreementForm {
    /// The date of the written agreement.
    pub dated: DateParts,
    /// Whether the local authority was a party to the agreement.
    pub la_was_party: bool,
    /// The actions the agreement requires.
    pub actions: Vec<ActionForm>,
}

/// The form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct FactsForm {
    /// Each dated fact of the case, in the registry's order.
    pub dates: Vec<DatedFact>,
    /// The mediation meetings.
    pub meetings: Vec<MeetingForm>,
    /// The written agreement, once there is one.
    pub agreement: Option<AgreementForm>,
}

/// An action's boxes for when each of its stages was done, as many as it has stages.
pub fn blank_stages(kind: AgreementActionKind) -> Vec<DateParts> {
    vec![DateParts::default(); crate::rules::agreement::stages(kind).len()]
}

/// The form filled from the facts as saved.
pub fn from_facts(facts: &CaseFacts) -> FactsForm {
    let mut facts = facts.clone();
    let dates = DATED_FACTS
        .iter()
        .map(|field| DatedFact {
            path: field.in_facts().to_string(),
            id: field.id.unwrap_or_default().to_string(),
            label: field.label.to_string(),
            date: DateParts::of(*slot(&mut facts, field.in_facts())),
        })
        .collect();
    let meetings = facts
        .meetings
        .iter()
        .map(|m| MeetingForm {
            date: DateParts::of(Some(m.date)),
            status: m.status,
            notice_sent_on: DateParts::of(m.notice_sent_on),
        })
        .collect();
    let agreement = facts.agreement.as_ref().map(|a| AgreementForm {
        dated: DateParts::of(Some(a.dated)),
        la_was_party: a.la_was_party,
        actions: a
            .actions
            .iter()
            .map(|x| ActionForm {
                kind: x.kind,
                description: x.description.clone(),
                agreed_due: DateParts::of(x.agreed_due),
                done: (0..blank_stages(x.kind).len()).map(|i| DateParts::of(x.done_on.get(i).copied().flatten())).collect(),
                responsible_body: x.responsible_body,
            })
            .collect(),
    });
    FactsForm { dates, meetings, agreement }
}

/// The saved facts with the form's in place, for saving: every problem at once.
pub fn check(form: &FactsForm, saved: &CaseFacts) -> Result<CaseFacts, Vec<FieldError>> {
    let mut errors = Vec::new();
    let facts = build(form, saved, &mut |field, label, parts| {
        date_field(field, label, parts, false).map_err(|e| errors.push(e)).ok().flatten()
    });
    if errors.is_empty() {
        Ok(facts)
    } else {
        Err(errors)
    }
}

/// The saved facts with the form's in place as far as it is typed, for the
/// live preview: a date counts once its boxes make a real date.
pub fn so_far(form: &FactsForm, saved: &CaseFacts) -> CaseFacts {
    build(form, saved, &mut |field, label, parts| date_field(field, label, parts, false).ok().flatten())
}

fn build(form: &FactsForm, saved: &CaseFacts, date: &mut dyn FnMut(&str, &str, &DateParts) -> Option<NaiveDate>) -> CaseFacts {
    let mut facts = saved.clone();
    for fact in &form.dates {
        if let Some(field) = DATED_FACTS.iter().find(|f| f.in_facts() == fact.path) {
            *slot(&mut facts, field.in_facts()) = date(field.path, field.label, &fact.date);
        }
    }
    // The boxes outside the list of dates, each named and labelled by the registry.
    let named = |path: &str, at: &[usize]| {
        let field = fact_fields::field(path);
        (field.id_at(at).unwrap_or_default(), field.label_at(at))
    };
    // A meeting without a date is left out, as before it was typed; what
    // the form does not show (who postponed) is kept.
    facts.meetings = form
        .meetings
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            let (id, label) = named("facts.meetings[].date", &[i]);
            let on = date(&id, &label, &m.date);
            let (id, label) = named("facts.meetings[].notice_sent_on", &[i]);
            let notice = date(&id, &label, &m.notice_sent_on);
            let on = on?;
            let kept = saved.meetings.get(i);
            Some(Meeting { date: on, status: m.status, notice_sent_on: notice, postponed_by: kept.and_then(|k| k.postponed_by) })
        })
        .collect();
    facts.agreement = form.agreement.as_ref().and_then(|a| {
        let actions = a
            .actions
            .iter()
            .enumerate()
            .map(|(i, x)| AgreementAction {
                kind: x.kind,
                description: x.description.clone(),
                agreed_due: {
                    let (id, label) = named("facts.agreement.actions[].agreed_due", &[i]);
                    date(&id, &label, &x.agreed_due)
                },
                done_on: x
                    .done
                    .iter()
                    .enumerate()
                    .map(|(s, d)| {
                        let (id, label) = named("facts.agreement.actions[].done_on[]", &[i, s]);
                        date(&id, &label, d)
                    })
                    .collect(),
                responsible_body: x.responsible_body,
            })
            .collect();
        // An agreement without its date is left out, as before it was typed.
        let (id, label) = named("facts.agreement.dated", &[]);
        let dated = date(&id, &label, &a.dated)?;
        Some(Agreement {
            dated,
            la_was_party: a.la_was_party,
            la_told_on: saved.agreement.as_ref().and_then(|s| s.la_told_on),
            actions,
        })
    });
    facts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(day: &str, month: &str, year: &str) -> DateParts {
        DateParts { day: day.into(), month: month.into(), year: year.into() }
    }

    fn saved() -> CaseFacts {
        serde_json::from_str(
            r#"{"decision":{"kind":"refuse_to_assess","letter_dated":"2026-02-26","sent_on":"2026-03-02"},
                "first_contact_on":"2026-03-16",
                "meetings":[{"date":"2026-03-30","status":"held","notice_sent_on":"2026-03-20"}],
                "agreement":{"dated":"2026-03-30","la_was_party":false,"la_told_on":"2026-04-01",
                             "actions":[{"kind":"make_and_maintain_plan","description":"Plan","done_on":["2026-04-20",null]}]}}"#,
        )
        .unwrap()
    }

    fn date_of<'f>(form: &'f mut FactsForm, path: &str) -> &'f mut DateParts {
        &mut form.dates.iter_mut().find(|d| d.path == path).unwrap().date
    }

    #[test]
    fn the_form_gives_back_the_facts_it_was_filled_from() {
        let facts = saved();
        let form = from_facts(&facts);
        assert_eq!(form.dates.len(), DATED_FACTS.len());
        assert_eq!(form.dates[1].label, "Date the letter was sent");
        assert_eq!(form.dates[1].date, parts("2", "3", "2026"));
        assert_eq!(
            form.agreement.as_ref().unwrap().actions[0].done.len(),
            blank_stages(AgreementActionKind::MakeAndMaintainPlan).len()
        );
        assert_eq!(check(&form, &facts).unwrap(), facts);
        assert_eq!(so_far(&form, &facts), facts);
    }

    #[test]
    fn a_half_typed_or_impossible_date_is_an_error_on_saving_not_a_cleared_fact() {
        let facts = saved();
        let mut form = from_facts(&facts);
        *date_of(&mut form, "decision.sent_on") = parts("2", "", "2026");
        *date_of(&mut form, "first_contact_on") = parts("31", "2", "2026");
        form.meetings[0].date = parts("30", "3", "26");
        let errors = check(&form, &facts).unwrap_err();
        let named: Vec<(&str, &str)> = errors.iter().map(|e| (e.field.as_str(), e.message.as_str())).collect();
        assert_eq!(
            named,
            [
                ("facts.decision.sent_on", "Date the letter was sent must include a month"),
                ("facts.first_contact_on", "First contact with the adviser must be a real date"),
                ("meeting-0", "Meeting 1: the year must include 4 numbers"),
            ]
        );
        // The preview meanwhile counts without them.
        let preview = so_far(&form, &facts);
        assert_eq!(preview.decision.sent_on, None);
        assert!(preview.meetings.is_empty());
    }

    #[test]
    fn cleared_boxes_clear_a_fact_and_what_the_form_does_not_show_is_kept() {
        let facts = saved();
        let mut form = from_facts(&facts);
        *date_of(&mut form, "first_contact_on") = DateParts::default();
        form.meetings[0].status = MeetingStatus::Postponed;
        let checked = check(&form, &facts).unwrap();
        assert_eq!(checked.first_contact_on, None);
        assert_eq!(checked.meetings[0].status, MeetingStatus::Postponed);
        assert_eq!(checked.meetings[0].notice_sent_on, facts.meetings[0].notice_sent_on);
        assert_eq!(checked.agreement.as_ref().unwrap().la_told_on, facts.agreement.as_ref().unwrap().la_told_on);
        // An agreement whose date is cleared is left out.
        form.agreement.as_mut().unwrap().dated = DateParts::default();
        assert_eq!(check(&form, &facts).unwrap().agreement, None);
    }

    /// Issue 12: every field the form can name in an error is in the
    /// registry of the facts' fields, with the input the screen shows.
    #[test]
    fn every_field_the_form_can_name_is_in_the_registry() {
        let facts = saved();
        let mut form = from_facts(&facts);
        let half = parts("2", "", "2026");
        for fact in &mut form.dates {
            fact.date = half.clone();
        }
        form.meetings[0].date = half.clone();
        form.meetings[0].notice_sent_on = half.clone();
        let agreement = form.agreement.as_mut().unwrap();
        agreement.dated = half.clone();
        agreement.actions[0].agreed_due = half.clone();
        for done in &mut agreement.actions[0].done {
            *done = half.clone();
        }
        let errors = check(&form, &facts).unwrap_err();
        assert_eq!(errors.len(), form.dates.len() + 2 + 1 + 1 + form.agreement.as_ref().unwrap().actions[0].done.len());
        for e in &errors {
            let known = fact_fields::find(&e.field).or_else(|| fact_fields::by_id(&e.field));
            let (field, at) = known.unwrap_or_else(|| panic!("{} is not in the registry", e.field));
            assert!(e.message.starts_with(&field.label_at(&at)), "{e:?}");
        }
        for fact in &form.dates {
            assert_eq!(Some(fact.id.clone()), fact_fields::form_id(&format!("facts.{}", fact.path)));
        }
    }

    /// Issue 10: the meeting's notice date has a box, so the notice clock
    /// can be met from the Case screen; a half-typed one names its box.
    #[test]
    fn the_meeting_form_records_when_notice_was_sent() {
        let facts = saved();
        let mut form = from_facts(&facts);
        assert_eq!(form.meetings[0].notice_sent_on, parts("20", "3", "2026"));
        form.meetings[0].notice_sent_on = parts("19", "3", "2026");
        assert_eq!(check(&form, &facts).unwrap().meetings[0].notice_sent_on, NaiveDate::from_ymd_opt(2026, 3, 19));
        form.meetings[0].notice_sent_on = DateParts::default();
        assert_eq!(check(&form, &facts).unwrap().meetings[0].notice_sent_on, None);
        form.meetings[0].notice_sent_on = parts("19", "", "2026");
        let errors = check(&form, &facts).unwrap_err();
        assert_eq!(errors[0].field, "meeting-0-notice");
        assert_eq!(errors[0].message, "Meeting 1: date notice was sent must include a month");
    }

    /// Issue 10: an item with no right of appeal records who is responsible for it.
    #[test]
    fn the_agreement_form_records_who_is_responsible_for_an_item() {
        let facts = saved();
        let mut form = from_facts(&facts);
        let action = &mut form.agreement.as_mut().unwrap().actions[0];
        action.kind = AgreementActionKind::NonAppealable;
        action.done = blank_stages(AgreementActionKind::NonAppealable);
        action.responsible_body = Some(ResponsibleBody::Icb);
        let checked = check(&form, &facts).unwrap();
        assert_eq!(checked.agreement.as_ref().unwrap().actions[0].responsible_body, Some(ResponsibleBody::Icb));
        assert_eq!(from_facts(&checked).agreement.unwrap().actions[0].responsible_body, Some(ResponsibleBody::Icb));
    }
}
