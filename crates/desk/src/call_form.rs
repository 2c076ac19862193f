//! The New call form: what a mediator types on the phone, checked field by
//! field with plain messages (the GOV.UK error-summary pattern), and turned
//! into a case to save. Every error names the form field it belongs to, so
//! the screen can link the summary to the input.

use crate::text::lower_first;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::fact_fields;
use crate::facts::{CaseFacts, Decision, DecisionKind, Issue, LetterItem, Service};
use crate::rules::appellant as who_may_appeal;
use crate::store::{Appellant, AppellantRole, CallerRole, CaseInput, PersonInput, Store};
use crate::timeline::Timeline;

use crate::fields::{date, text, Errors};
pub use crate::fields::{date_field, required_date_field, text_field, DateParts, FieldError, Text};

/// The form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct NewCallForm {
    /// Which service the call is for: mediation advice before an appeal, disagreement resolution, or a disability
    /// discrimination claim (no mediation requirement).
    pub service: Service,
    /// Who is calling: the parent, the young person (over compulsory school age, under 25), or a representative.
    pub caller_role: CallerRole,
    /// The caller's name (required).
    pub caller_name: String,
    /// When the caller is a representative: the parent or young person
    /// they act for (the appellant). Read only for a representative.
    pub appellant_name: String,
    /// Whether the person the representative acts for is a parent or the young person.
    pub appellant_role: AppellantRole,
    /// The appellant's relationship to the child ("grandmother").
    pub appellant_relationship: String,
    /// A phone number or email address for the appellant.
    pub appellant_contact: String,
    /// The child or young person's name (required).
    pub child_name: String,
    /// The child or young person's date of birth (optional; not in the future).
    pub child_date_of_birth: DateParts,
    /// The local authority whose decision it is (required).
    pub local_authority: String,
    /// The decision the family is calling about: required for mediation advice.
    pub decision_kind: Option<DecisionKind>,
    /// What in the plan the family disagrees with (sections B, F, I, health, social care): required for a plan contents
    /// decision and kept only for one.
    pub issues: Vec<Issue>,
    /// The date on the decision letter: required for mediation advice, not asked for disagreement resolution.
    pub letter_dated: DateParts,
    /// The date the decision letter was sent (optional): on or after the date on the letter, and not after the call.
    pub sent_on: DateParts,
    /// The date of this call: the family's first contact with the adviser.
    pub call_date: DateParts,
    /// What the decision letter left out (the reg 32 checklist).
    pub letter_missing: Vec<LetterItem>,
    /// A note about the call (optional).
    pub note: String,
    /// For disagreement resolution: the request (`disagreement::form`).
    pub disagreement: crate::disagreement::form::DisagreementForm,
}

/// The appellant's boxes as typed (`appellant_name`, `appellant_role`,
/// `appellant_relationship`, `appellant_contact`).
pub struct AppellantBoxes<'a> {
    /// The appellant's name: required once a relationship or contact is typed.
    pub name: &'a str,
    /// Whether the appellant is a parent or the young person.
    pub role: AppellantRole,
    /// The appellant's relationship to the child ("grandmother"), optional.
    pub relationship: &'a str,
    /// A phone number or email address for the appellant, optional.
    pub contact: &'a str,
}

/// The appellant's boxes, checked: none when they are all left empty; a
/// relationship or contact with no name is "Enter the name ...".
pub fn appellant_fields(boxes: &AppellantBoxes) -> Result<Option<Appellant>, Vec<FieldError>> {
    let mut errors = Errors(Vec::new());
    let name = text(&mut errors, "appellant_name", APPELLANT_NAME, boxes.name, Text::Name, false);
    let relationship =
        text(&mut errors, "appellant_relationship", "Relationship to the child", boxes.relationship, Text::Name, false);
    let contact = text(&mut errors, "appellant_contact", "Phone or email", boxes.contact, Text::Name, false);
    if name.is_none() && (relationship.is_some() || contact.is_some()) {
        errors.add("appellant_name", format!("Enter the {}", lower_first(APPELLANT_NAME)));
    }
    if !errors.0.is_empty() {
        return Err(errors.0);
    }
    Ok(name.map(|name| Appellant { name, role: boxes.role, date_of_birth: None, relationship, contact }))
}

/// The label of the appellant's name box.
pub const APPELLANT_NAME: &str = "Name of the parent or young person they act for";

/// A caller or appellant chosen as the young person who is not one on the
/// date of the call (of compulsory school age, or 25 or over), from the
/// child's date of birth: the problem against `field` (`caller_role`,
/// `appellant_role`), telling the mediator what to do.
pub fn young_person_field(field: &str, born: Option<NaiveDate>, call: Option<NaiveDate>) -> Option<FieldError> {
    let (born, call) = (born?, call?);
    let why = who_may_appeal::young_person_on(born, call).err()?;
    let (who, instead) = if field == "caller_role" {
        ("The caller cannot be the young person", "Choose parent or representative")
    } else {
        ("The appellant cannot be the young person", "Choose parent")
    };
    Some(FieldError {
        field: field.into(),
        message: format!("{who}: {}. {instead}, or correct the date of birth", why.explain("the young person", born, call)),
    })
}

/// A fact's box on New call, from the registry of the facts' fields: its id and label.
#[derive(Clone, Copy)]
struct CallBox {
    id: &'static str,
    label: &'static str,
}

impl CallBox {
    /// The box of the fact at `path` within the facts (`decision.sent_on`).
    fn of(path: &str) -> CallBox {
        let field = fact_fields::field(&format!("facts.{path}"));
        let new_call = field.new_call.unwrap_or_else(|| panic!("{path} has no box on New call"));
        CallBox { id: new_call.id, label: field.new_call_label().unwrap_or(field.label) }
    }
}

/// Check the form; either the case to save or every problem at once.
pub fn check(form: &NewCallForm, today: NaiveDate) -> Result<CaseInput, Vec<FieldError>> {
    let mut errors = Errors(Vec::new());
    let caller_name = text(&mut errors, "caller_name", "Caller's name", &form.caller_name, Text::Name, true);
    let appellant = if form.caller_role == CallerRole::Representative {
        appellant_fields(&AppellantBoxes {
            name: &form.appellant_name,
            role: form.appellant_role,
            relationship: &form.appellant_relationship,
            contact: &form.appellant_contact,
        })
        .unwrap_or_else(|problems| {
            errors.0.extend(problems);
            None
        })
    } else {
        None
    };
    let child_name = text(&mut errors, "child_name", "Child or young person's name", &form.child_name, Text::Name, true);
    let dob = date(&mut errors, "child_date_of_birth", "Date of birth", &form.child_date_of_birth, false);
    if let Some(dob) = dob {
        if dob > today {
            errors.add("child_date_of_birth", "Date of birth must be in the past");
        }
    }
    let la = text(&mut errors, "local_authority", "Local authority", &form.local_authority, Text::Name, true);
    let statutory = form.service == Service::MediationAdvice;
    let [decision_kind, issues, letter_box, sent_box, call_box] =
        ["decision.kind", "issues", "decision.letter_dated", "decision.sent_on", "first_contact_on"].map(CallBox::of);
    if statutory && form.decision_kind.is_none() {
        errors.add(decision_kind.id, "Select the decision the family is calling about");
    }
    if statutory && form.decision_kind == Some(DecisionKind::PlanContents) && form.issues.is_empty() {
        errors.add(issues.id, "Select what in the plan the family disagrees with");
    }
    // Disagreement resolution has no decision letter: its boxes are not read.
    let letter = form.service != Service::DisagreementResolution;
    let letter_dated =
        letter.then(|| date(&mut errors, letter_box.id, letter_box.label, &form.letter_dated, statutory)).flatten();
    let sent_on = letter.then(|| date(&mut errors, sent_box.id, sent_box.label, &form.sent_on, false)).flatten();
    let call_date = date(&mut errors, call_box.id, call_box.label, &form.call_date, true);
    if let (Some(dated), Some(sent)) = (letter_dated, sent_on) {
        if sent < dated {
            errors.add(sent_box.id, format!("{} must be on or after the {}", sent_box.label, lower_first(letter_box.label)));
        }
    }
    for (the_box, value) in [(letter_box, letter_dated), (sent_box, sent_on), (call_box, call_date)] {
        if value.is_some_and(|d| d > today) {
            errors.add(the_box.id, format!("{} must be today or in the past", the_box.label));
        }
    }
    if let (Some(call), Some(decision)) = (call_date, sent_on.or(letter_dated)) {
        if call < decision {
            errors.add(call_box.id, format!("{} must be on or after the {}", call_box.label, lower_first(sent_box.label)));
        }
    }
    let young_people = [
        (form.caller_role == CallerRole::YoungPerson).then_some("caller_role"),
        appellant.as_ref().filter(|a| a.role == AppellantRole::YoungPerson).map(|_| "appellant_role"),
    ];
    for field in young_people.into_iter().flatten() {
        if let Some(problem) = young_person_field(field, dob, call_date) {
            errors.add(&problem.field, problem.message);
        }
    }
    let note = text(&mut errors, "note", "Note", &form.note, Text::Note, false);
    let disagreement = if form.service == Service::DisagreementResolution {
        crate::disagreement::form::for_call(&form.disagreement, call_date, today).map_err(|e| errors.0.extend(e)).ok()
    } else {
        None
    };
    let facts = CaseFacts {
        service: form.service,
        decision: Decision { kind: form.decision_kind, letter_dated, sent_on, letter_missing: form.letter_missing.clone() },
        issues: if form.decision_kind == Some(DecisionKind::PlanContents) { form.issues.clone() } else { Vec::new() },
        first_contact_on: call_date,
        ..CaseFacts::default()
    };
    // Disagreement resolution asks for no decision.
    let facts = if form.service == Service::DisagreementResolution {
        CaseFacts { service: form.service, first_contact_on: call_date, ..CaseFacts::default() }
    } else {
        facts
    };
    // Anything the engine still finds contradictory, against the form's fields.
    if errors.0.is_empty() {
        for problem in crate::rules::problems::find(&facts, today) {
            // A fact with no box of its own here was dated from the call.
            errors.add(fact_fields::new_call_id(&problem.field).unwrap_or(call_box.id), problem.message);
        }
    }
    if !errors.0.is_empty() {
        return Err(errors.0);
    }
    Ok(CaseInput {
        reference: None,
        legacy_reference: None,
        opened_on: call_date,
        caller: caller_name.map(|name| PersonInput { name, role: Some(form.caller_role), date_of_birth: None }),
        appellant,
        child: child_name.map(|name| PersonInput { name, role: None, date_of_birth: dob }),
        representatives: Vec::new(),
        local_authority: la.unwrap_or_default(),
        icb: None,
        note,
        facts,
        disagreement,
    })
}

/// The facts the form describes so far, for the live preview of clocks
/// while the mediator types (invalid dates are simply left out).
pub fn preview_facts(form: &NewCallForm, today: NaiveDate) -> CaseFacts {
    let mut ignore = Errors(Vec::new());
    let letter_dated = date(&mut ignore, "", "", &form.letter_dated, false);
    let sent_on = date(&mut ignore, "", "", &form.sent_on, false);
    let call = date(&mut ignore, "", "", &form.call_date, false).filter(|d| *d <= today);
    CaseFacts {
        service: form.service,
        decision: Decision { kind: form.decision_kind, letter_dated, sent_on, letter_missing: form.letter_missing.clone() },
        issues: if form.decision_kind == Some(DecisionKind::PlanContents) { form.issues.clone() } else { Vec::new() },
        first_contact_on: call,
        ..CaseFacts::default()
    }
}

/// The clocks for the form as typed so far, with the notice of who may
/// appeal when a parent rings about a young person.
pub fn preview(store: &Store, form: &NewCallForm, today: NaiveDate) -> crate::Result<Timeline> {
    let facts = preview_facts(form, today);
    let mut timeline = store.timeline_for(&facts, today)?;
    let mut ignore = Errors(Vec::new());
    let born = date(&mut ignore, "child_date_of_birth", "", &form.child_date_of_birth, false);
    let representative = form.caller_role == CallerRole::Representative;
    let appellant_name = form.appellant_name.trim();
    let parties = who_may_appeal::Parties {
        caller: Some((form.caller_name.trim(), form.caller_role)),
        appellant: (representative && !appellant_name.is_empty()).then_some((appellant_name, form.appellant_role)),
        child_name: form.child_name.trim(),
        child_date_of_birth: born,
        call_date: facts.first_contact_on.unwrap_or(today),
    };
    timeline.notices.extend(who_may_appeal::notice(&parties));
    Ok(timeline)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_one_line_and_a_note_may_have_several() {
        let name = text_field("child_name", "Child or young person's name", "Siân\nJones", Text::Name, true);
        assert_eq!(name.unwrap_err().message, "Child or young person's name must not contain control characters");
        let long = "a".repeat(crate::store::MAX_NAME_CHARS + 1);
        let name = text_field("child_name", "Child or young person's name", &long, Text::Name, true);
        assert_eq!(name.unwrap_err().message, "Child or young person's name must be 200 characters or fewer");
        let note = text_field("note", "Note", "Rang twice.\nWill call back.", Text::Note, false);
        assert_eq!(note.unwrap().as_deref(), Some("Rang twice.\nWill call back."));
    }
}
