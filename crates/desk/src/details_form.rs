//! The Case screen's "Who" form: the child's name and date of birth, the
//! caller's name and role, the appellant a representative acts for, and
//! the local authority, corrected after the call (a misspelt name must be
//! put right before a certificate is issued or re-issued). Checked field
//! by field like the New call form.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::call_form::{
    appellant_fields, date_field, text_field, young_person_field, AppellantBoxes, DateParts, FieldError, Text,
};
use crate::store::{AppellantRole, CallerRole, CaseInput, CaseRecord, PersonInput};

/// The form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct CaseDetailsForm {
    /// The child or young person's name (required).
    pub child_name: String,
    /// The child or young person's date of birth (optional; not in the future).
    pub child_date_of_birth: DateParts,
    /// The caller's name.
    pub caller_name: String,
    /// Who called: the parent, the young person, or a representative.
    pub caller_role: CallerRole,
    /// The parent or young person the caller acts for (the appellant):
    /// left empty when the caller is the parent or the young person.
    pub appellant_name: String,
    /// Whether the appellant is a parent or the young person.
    pub appellant_role: AppellantRole,
    /// The appellant's relationship to the child ("grandmother"), optional.
    pub appellant_relationship: String,
    /// A phone number or email address for the appellant, optional.
    pub appellant_contact: String,
    /// The local authority whose decision it is (required).
    pub local_authority: String,
}

/// The form filled from the case as saved.
pub fn from_record(case: &CaseRecord) -> CaseDetailsForm {
    CaseDetailsForm {
        child_name: case.child.name.clone(),
        child_date_of_birth: DateParts::of(case.child.date_of_birth),
        caller_name: case.caller.as_ref().map(|c| c.name.clone()).unwrap_or_default(),
        caller_role: case.caller.as_ref().map(|c| c.role).unwrap_or_default(),
        appellant_name: case.appellant.as_ref().map(|a| a.name.clone()).unwrap_or_default(),
        appellant_role: case.appellant.as_ref().map(|a| a.role).unwrap_or_default(),
        appellant_relationship: case.appellant.as_ref().and_then(|a| a.relationship.clone()).unwrap_or_default(),
        appellant_contact: case.appellant.as_ref().and_then(|a| a.contact.clone()).unwrap_or_default(),
        local_authority: case.local_authority.clone(),
    }
}

/// The case with the form's details in place, or every problem at once.
pub fn apply(form: &CaseDetailsForm, case: &CaseRecord, today: NaiveDate) -> Result<CaseInput, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut keep = |r: Result<Option<String>, FieldError>| r.map_err(|e| errors.push(e)).ok().flatten();
    let child_name = keep(text_field("child_name", "Child or young person's name", &form.child_name, Text::Name, true));
    let caller_name = keep(text_field("caller_name", "Caller's name", &form.caller_name, Text::Name, false));
    let local_authority = keep(text_field("local_authority", "Local authority", &form.local_authority, Text::Name, true));
    let dob = date_field("child_date_of_birth", "Date of birth", &form.child_date_of_birth, false)
        .map_err(|e| errors.push(e))
        .ok()
        .flatten();
    if dob.is_some_and(|d| d > today) {
        errors.push(FieldError { field: "child_date_of_birth".into(), message: "Date of birth must be in the past".into() });
    }
    let boxes = AppellantBoxes {
        name: &form.appellant_name,
        role: form.appellant_role,
        relationship: &form.appellant_relationship,
        contact: &form.appellant_contact,
    };
    let mut appellant = appellant_fields(&boxes).unwrap_or_else(|problems| {
        errors.extend(problems);
        None
    });
    // The date of birth the form does not show stays as saved.
    if let (Some(a), Some(saved)) = (appellant.as_mut(), case.appellant.as_ref()) {
        a.date_of_birth = saved.date_of_birth;
    }
    let call = Some(case.facts.first_contact_on.unwrap_or(case.opened_on));
    let young_people = [
        (form.caller_role == CallerRole::YoungPerson).then_some("caller_role"),
        appellant.as_ref().filter(|a| a.role == AppellantRole::YoungPerson).map(|_| "appellant_role"),
    ];
    for field in young_people.into_iter().flatten() {
        let born = if field == "appellant_role" { appellant.as_ref().and_then(|a| a.date_of_birth).or(dob) } else { dob };
        errors.extend(young_person_field(field, born, call));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut input = case.to_input(case.facts.clone());
    input.child = child_name.map(|name| PersonInput { name, role: None, date_of_birth: dob });
    input.caller = caller_name.map(|name| PersonInput { name, role: Some(form.caller_role), date_of_birth: None });
    input.appellant = appellant;
    input.local_authority = local_authority.unwrap_or_default();
    Ok(input)
}
