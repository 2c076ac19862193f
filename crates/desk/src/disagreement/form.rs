//! The disagreement resolution form: on New call (the request: the kind,
//! the date, what it is about, the other parties, the EHC answer) and on
//! the Case screen (the request again, for corrections, and the events:
//! the LA's answer, each party's, the meetings, the outcome point by point,
//! who will do what by when, links to other cases). Filled and checked by
//! the core, as the other forms are: every problem at once, each naming
//! the screen's input.
//!
//! Input ids: `dr-kind`, `dr-requested_on`, `dr-about`, `dr-ehc`,
//! `dr-party-0-name`, `dr-party-0-type`, `dr-party-0-on`,
//! `dr-first_contact_on`, `dr-la-on`, `dr-family-on`, `dr-meeting-0-date`,
//! `dr-meeting-0-place`, `dr-point-0-point`, `dr-point-0-result`,
//! `dr-action-0-who`, `dr-action-0-what`, `dr-action-0-by`,
//! `dr-concluded_on`, `dr-linked`. A date's boxes add `-day`, `-month`,
//! `-year`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{
    AgreedAction, Disagreement, DisagreementKind, DrMeeting, EhcStatus, LaAnswer, LaResponse, OtherParty, OutcomePoint,
    PartyAnswer, PartyResponse, PartyType, PointResult,
};
use crate::fields::{date_field, text_field, DateParts, FieldError, Text};

/// One other party as typed: a known organisation's name (its type then
/// filled in) or a new one, and its answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct DrPartyForm {
    /// The organisation's name, as typed (for example "Hillside Primary School").
    pub name: String,
    /// What kind of organisation it is (school, academy, setting, college, LA or ICB); required for every party.
    pub party_type: Option<PartyType>,
    /// Whether the party agreed or refused to take part; blank until it has answered.
    pub answer: Option<PartyAnswer>,
    /// The date of the party's answer: required with an answer, and refused without one.
    pub on: DateParts,
}

/// One disagreement resolution meeting as typed: blank rows are ignored. Only its date is printed on the
/// record of outcome; the place, who attended, supporters and reports stay in the case.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct DrMeetingForm {
    /// The date of the meeting (required for any row that is not blank).
    pub date: DateParts,
    /// Where the meeting was held (optional).
    pub place: String,
    /// One name a line.
    pub attended: String,
    /// Any supporters the family brought, one name a line.
    pub supporters: String,
    /// Any reports shared at the meeting, one a line.
    pub reports_shared: String,
}

/// One point of the disagreement and how it ended, as typed: blank rows are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct DrPointForm {
    /// What the point was, as the parties brought it.
    pub point: String,
    /// Resolved, partly resolved or not resolved: required for every point.
    pub result: Option<PointResult>,
    /// What remains of the point, if anything (optional); printed after its result on the record of outcome.
    pub remains: String,
}

/// One action agreed in disagreement resolution, as typed: blank rows are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct DrActionForm {
    /// Who will do it: a person or organisation (required).
    pub who: String,
    /// What they will do (required).
    pub what: String,
    /// The date by which they will do it (optional).
    pub by: DateParts,
}

/// The whole form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct DisagreementForm {
    /// The kind of disagreement (one of the four in the Code of Practice); required.
    pub kind: Option<DisagreementKind>,
    /// The date the request for disagreement resolution was made (required).
    pub requested_on: DateParts,
    /// What the disagreement is about, briefly (required).
    pub about: String,
    /// Whether the child has an EHC plan, is being assessed for one, or neither (optional).
    pub ehc: Option<EhcStatus>,
    /// The other parties to the disagreement: at least one is required.
    pub parties: Vec<DrPartyForm>,
    /// The date of the service's first contact with the parties after the request (optional).
    pub first_contact_on: DateParts,
    /// The LA's answer to the request: engaged or declined.
    pub la_answer: Option<LaAnswer>,
    /// The date of the LA's answer, required with the answer.
    pub la_on: DateParts,
    /// The family's answer: agreed or refused to take part (not asked between services).
    pub family_answer: Option<PartyAnswer>,
    /// The date of the family's answer, required with the answer.
    pub family_on: DateParts,
    /// The meetings held.
    pub meetings: Vec<DrMeetingForm>,
    /// The outcome, point by point.
    pub points: Vec<DrPointForm>,
    /// What was agreed: who will do what, by when.
    pub actions: Vec<DrActionForm>,
    /// The date disagreement resolution ended, with or without agreement.
    pub concluded_on: DateParts,
    /// References of linked cases, separated by commas or spaces.
    pub linked: String,
}

/// A blank request for New call: requested on the day of the call, one
/// empty party.
pub fn blank(requested_on: NaiveDate) -> DisagreementForm {
    DisagreementForm {
        requested_on: DateParts::of(Some(requested_on)),
        parties: vec![DrPartyForm::default()],
        ..DisagreementForm::default()
    }
}

fn lines(list: &[String]) -> String {
    list.join("\n")
}

/// The form filled from a saved disagreement.
pub fn from_record(d: &Disagreement) -> DisagreementForm {
    DisagreementForm {
        kind: Some(d.kind),
        requested_on: DateParts::of(Some(d.requested_on)),
        about: d.about.clone(),
        ehc: d.ehc,
        parties: d
            .other_parties
            .iter()
            .map(|p| DrPartyForm {
                name: p.name.clone(),
                party_type: Some(p.party_type),
                answer: p.response.as_ref().map(|r| r.answer),
                on: DateParts::of(p.response.as_ref().map(|r| r.on)),
            })
            .collect(),
        first_contact_on: DateParts::of(d.first_contact_on),
        la_answer: d.la_response.as_ref().map(|r| r.answer),
        la_on: DateParts::of(d.la_response.as_ref().map(|r| r.on)),
        family_answer: d.family_response.as_ref().map(|r| r.answer),
        family_on: DateParts::of(d.family_response.as_ref().map(|r| r.on)),
        meetings: d
            .meetings
            .iter()
            .map(|m| DrMeetingForm {
                date: DateParts::of(Some(m.date)),
                place: m.place.clone(),
                attended: lines(&m.attended),
                supporters: lines(&m.supporters),
                reports_shared: lines(&m.reports_shared),
            })
            .collect(),
        points: d
            .points
            .iter()
            .map(|p| DrPointForm { point: p.point.clone(), result: Some(p.result), remains: p.remains.clone() })
            .collect(),
        actions: d
            .actions
            .iter()
            .map(|a| DrActionForm { who: a.who.clone(), what: a.what.clone(), by: DateParts::of(a.by) })
            .collect(),
        concluded_on: DateParts::of(d.concluded_on),
        linked: d.linked_cases.join(", "),
    }
}

fn split_lines(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect()
}

/// Every problem found so far.
struct Errors(Vec<FieldError>);

impl Errors {
    fn add(&mut self, field: &str, message: impl Into<String>) {
        if !self.0.iter().any(|e| e.field == field) {
            self.0.push(FieldError { field: field.into(), message: message.into() });
        }
    }

    fn date(&mut self, field: &str, label: &str, parts: &DateParts, required: bool) -> Option<NaiveDate> {
        match date_field(field, label, parts, required) {
            Ok(d) => d,
            Err(e) => {
                self.add(&e.field, e.message);
                None
            }
        }
    }

    fn text(&mut self, field: &str, label: &str, value: &str, kind: Text, required: bool) -> Option<String> {
        match text_field(field, label, value, kind, required) {
            Ok(v) => v,
            Err(e) => {
                self.add(&e.field, e.message);
                None
            }
        }
    }

    /// An answer and its date: both or neither.
    fn answer<A: Copy>(&mut self, field: &str, label: &str, answer: Option<A>, parts: &DateParts) -> Option<(A, NaiveDate)> {
        let on =
            self.date(&format!("{field}-on"), &format!("Date of {}", crate::text::lower_first(label)), parts, answer.is_some());
        match (answer, on) {
            (Some(a), Some(on)) => Some((a, on)),
            (None, Some(_)) => {
                self.add(&format!("{field}-answer"), format!("Select {} (or clear its date)", crate::text::lower_first(label)));
                None
            }
            _ => None,
        }
    }
}

/// The form's input for a field the store or the rules name
/// (`disagreement.la_response.on` is `dr-la-on`).
pub fn input_for(path: &str) -> String {
    let path = path.strip_prefix("disagreement.").unwrap_or(path);
    for (list, id) in [("other_parties[", "party"), ("meetings[", "meeting"), ("points[", "point"), ("actions[", "action")] {
        let Some((i, tail)) = path.strip_prefix(list).and_then(|rest| rest.split_once(']')) else { continue };
        let field = match (id, tail.trim_start_matches('.')) {
            ("party", "response.on") => "on",
            ("party", "type") => "type",
            ("party", _) => "name",
            ("meeting", "" | "date") => "date",
            ("point", "") => "point",
            ("action", "") => "what",
            (_, t) => t,
        };
        return format!("dr-{id}-{i}-{field}");
    }
    match path {
        "la_response.on" | "la_response" => "dr-la-on".into(),
        "family_response.on" | "family_response" => "dr-family-on".into(),
        "other_parties" => "dr-party-0-name".into(),
        "points" => "dr-add-point".into(),
        p if p.starts_with("linked_cases") => "dr-linked".into(),
        p => format!("dr-{p}"),
    }
}

/// Check the form: the disagreement to save, or every problem at once.
/// `today` judges the dates the rules check (`rules::disagreement`).
pub fn check(form: &DisagreementForm, today: NaiveDate) -> Result<Disagreement, Vec<FieldError>> {
    let mut e = Errors(Vec::new());
    if form.kind.is_none() {
        e.add("dr-kind", "Select what the disagreement is about");
    }
    let requested = e.date("dr-requested_on", "Date of the request", &form.requested_on, true);
    let about = e.text("dr-about", "What the disagreement is about", &form.about, Text::Note, true);
    let mut parties = Vec::new();
    for (i, p) in form.parties.iter().enumerate() {
        let blank = p.name.trim().is_empty() && p.party_type.is_none() && p.answer.is_none() && p.on == DateParts::default();
        // A blank row left at the end of the list is not a party.
        if blank && (i > 0 || form.parties.len() > 1) {
            continue;
        }
        let label = format!("Other party {}", i + 1);
        let name = e.text(&format!("dr-party-{i}-name"), &format!("{label}: name"), &p.name, Text::Name, true);
        if p.party_type.is_none() {
            e.add(&format!("dr-party-{i}-type"), format!("{label}: select what kind of organisation it is"));
        }
        let answer = e.answer(&format!("dr-party-{i}"), &format!("{label}'s answer"), p.answer, &p.on);
        if let (Some(name), Some(party_type)) = (name, p.party_type) {
            parties.push(OtherParty { name, party_type, response: answer.map(|(answer, on)| PartyResponse { answer, on }) });
        }
    }
    let first_contact_on = e.date("dr-first_contact_on", "Date of the service's first contact", &form.first_contact_on, false);
    let la = e.answer("dr-la", "The LA's answer", form.la_answer, &form.la_on);
    let family = e.answer("dr-family", "The family's answer", form.family_answer, &form.family_on);
    let mut meetings = Vec::new();
    for (i, m) in form.meetings.iter().enumerate() {
        let empty = m.date == DateParts::default()
            && m.place.trim().is_empty()
            && m.attended.trim().is_empty()
            && m.supporters.trim().is_empty()
            && m.reports_shared.trim().is_empty();
        if empty {
            continue;
        }
        let label = format!("Meeting {}", i + 1);
        let date = e.date(&format!("dr-meeting-{i}-date"), &format!("{label}: date"), &m.date, true);
        let place = e.text(&format!("dr-meeting-{i}-place"), &format!("{label}: place"), &m.place, Text::Note, false);
        if let Some(date) = date {
            meetings.push(DrMeeting {
                date,
                place: place.unwrap_or_default(),
                attended: split_lines(&m.attended),
                supporters: split_lines(&m.supporters),
                reports_shared: split_lines(&m.reports_shared),
            });
        }
    }
    let mut points = Vec::new();
    for (i, p) in form.points.iter().enumerate() {
        if p.point.trim().is_empty() && p.result.is_none() && p.remains.trim().is_empty() {
            continue;
        }
        let label = format!("Point {}", i + 1);
        let point = e.text(&format!("dr-point-{i}-point"), &format!("{label}: what it is"), &p.point, Text::Note, true);
        if p.result.is_none() {
            e.add(
                &format!("dr-point-{i}-result"),
                format!("{label}: select whether it was resolved, partly resolved or not resolved"),
            );
        }
        let remains = e.text(&format!("dr-point-{i}-remains"), &format!("{label}: what remains"), &p.remains, Text::Note, false);
        if let (Some(point), Some(result)) = (point, p.result) {
            points.push(OutcomePoint { point, result, remains: remains.unwrap_or_default() });
        }
    }
    let mut actions = Vec::new();
    for (i, a) in form.actions.iter().enumerate() {
        if a.who.trim().is_empty() && a.what.trim().is_empty() && a.by == DateParts::default() {
            continue;
        }
        let label = format!("Action {}", i + 1);
        let who = e.text(&format!("dr-action-{i}-who"), &format!("{label}: who will do it"), &a.who, Text::Name, true);
        let what = e.text(&format!("dr-action-{i}-what"), &format!("{label}: what they will do"), &a.what, Text::Note, true);
        let by = e.date(&format!("dr-action-{i}-by"), &format!("{label}: by when"), &a.by, false);
        if let (Some(who), Some(what)) = (who, what) {
            actions.push(AgreedAction { who, what, by });
        }
    }
    let concluded_on = e.date("dr-concluded_on", "Date disagreement resolution concluded", &form.concluded_on, false);
    let linked_cases: Vec<String> =
        form.linked.split([',', ' ', ';', '\n']).map(str::trim).filter(|r| !r.is_empty()).map(|r| r.to_uppercase()).collect();
    for r in &linked_cases {
        if crate::store::check_reference("linked_cases", r).is_err() {
            e.add(
                "dr-linked",
                format!("Linked cases: '{}' is not a case reference like MD-2026-0042", crate::calendar::dates::shorten(r)),
            );
        }
    }
    let (Some(kind), Some(requested_on), Some(about)) = (form.kind, requested, about) else {
        return Err(e.0);
    };
    if !e.0.is_empty() {
        return Err(e.0);
    }
    let d = Disagreement {
        kind,
        requested_on,
        about,
        other_parties: parties,
        ehc: form.ehc,
        first_contact_on,
        la_response: la.map(|(answer, on)| LaResponse { answer, on }),
        family_response: family.map(|(answer, on)| PartyResponse { answer, on }),
        meetings,
        points,
        actions,
        concluded_on,
        linked_cases,
    };
    if d.other_parties.is_empty() {
        e.add("dr-party-0-name", "Enter the other party: the school, college, setting, LA or ICB");
    }
    for p in crate::rules::disagreement::problems(&d, today) {
        e.add(&input_for(&p.field), p.message);
    }
    if e.0.is_empty() {
        Ok(d)
    } else {
        Err(e.0)
    }
}

/// The service's targets as Settings shows them: whole numbers typed as text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct TargetsForm {
    /// Whether the service tracks its own targets for disagreement resolution at all.
    pub enabled: bool,
    /// First contact with the parties within this many working days of the request (1 to 60).
    pub first_contact_working_days: String,
    /// A meeting within this many weeks of the request (1 to 52).
    pub meeting_weeks: String,
}

impl TargetsForm {
    /// The targets as Settings shows them, from the saved targets.
    pub fn of(t: &crate::rules::service_targets::ServiceTargets) -> TargetsForm {
        TargetsForm {
            enabled: t.enabled,
            first_contact_working_days: t.first_contact_working_days.to_string(),
            meeting_weeks: t.meeting_weeks.to_string(),
        }
    }

    /// The targets typed, or each box's problem.
    pub fn check(&self) -> Result<crate::rules::service_targets::ServiceTargets, Vec<FieldError>> {
        use crate::rules::service_targets::{MAX_WEEKS, MAX_WORKING_DAYS};
        let mut e = Errors(Vec::new());
        let mut number = |field: &str, text: &str, unit: &str, max: u32| match text.trim().parse::<u32>() {
            Ok(n) if (1..=max).contains(&n) => Some(n),
            _ => {
                e.add(field, format!("Enter a whole number of {unit} from 1 to {max}"));
                None
            }
        };
        let days = number("first_contact_working_days", &self.first_contact_working_days, "working days", MAX_WORKING_DAYS);
        let weeks = number("meeting_weeks", &self.meeting_weeks, "weeks", MAX_WEEKS);
        match (days, weeks) {
            (Some(first_contact_working_days), Some(meeting_weeks)) => Ok(crate::rules::service_targets::ServiceTargets {
                enabled: self.enabled,
                first_contact_working_days,
                meeting_weeks,
            }),
            _ => Err(e.0),
        }
    }
}

/// The date typed for a record of outcome: a real date, not in the future.
pub fn record_date(parts: &DateParts, today: NaiveDate) -> Result<NaiveDate, FieldError> {
    let field = "dr-record-date";
    let date = crate::fields::required_date_field(field, "Date of the record of outcome", parts)?;
    if date > today {
        return Err(FieldError {
            field: field.into(),
            message: "Date of the record of outcome must be today or in the past".into(),
        });
    }
    Ok(date)
}

/// The request as New call takes it: `check`, with the call as the
/// service's first contact. A request dated after the call is named on
/// the request's date.
pub fn for_call(
    form: &DisagreementForm,
    call_date: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Disagreement, Vec<FieldError>> {
    let mut form = form.clone();
    if form.first_contact_on == DateParts::default() {
        form.first_contact_on = DateParts::of(call_date);
    }
    check(&form, today).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| match e.field.as_str() {
                "dr-first_contact_on" => FieldError {
                    field: "dr-requested_on".into(),
                    message: "Date of the request must be on or before the date of this call".into(),
                },
                _ => e,
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(day: &str, month: &str, year: &str) -> DateParts {
        DateParts { day: day.into(), month: month.into(), year: year.into() }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 16).unwrap()
    }

    fn request() -> DisagreementForm {
        let mut form = blank(today());
        form.kind = Some(DisagreementKind::Provision);
        form.about = "Speech and language support in class".into();
        form.parties[0] = DrPartyForm {
            name: "Hillside Primary School".into(),
            party_type: Some(PartyType::MaintainedSchool),
            ..DrPartyForm::default()
        };
        form
    }

    #[test]
    fn a_request_reads_as_a_disagreement_and_back() {
        let d = check(&request(), today()).unwrap();
        assert_eq!(d.kind, DisagreementKind::Provision);
        assert_eq!(d.other_parties[0].party_type, PartyType::MaintainedSchool);
        let again = check(&from_record(&d), today()).unwrap();
        assert_eq!(again, d);
    }

    #[test]
    fn every_problem_names_its_input() {
        let mut form = request();
        form.kind = None;
        form.parties[0].party_type = None;
        form.la_answer = Some(LaAnswer::Engaged);
        form.meetings.push(DrMeetingForm { date: parts("31", "2", "2026"), ..DrMeetingForm::default() });
        form.points.push(DrPointForm { point: "Therapy time".into(), result: None, remains: String::new() });
        form.linked = "MD-2026-0001, OLD-1".into();
        let errors = check(&form, today()).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["dr-kind", "dr-party-0-type", "dr-la-on", "dr-meeting-0-date", "dr-point-0-result", "dr-linked"],
            "{errors:?}"
        );
        assert_eq!(errors[2].message, "Enter the date of the LA's answer");
    }

    #[test]
    fn targets_typed_as_text_are_whole_numbers_in_range_or_named() {
        let form = TargetsForm { enabled: true, first_contact_working_days: " 3 ".into(), meeting_weeks: "8".into() };
        let t = form.check().unwrap();
        assert_eq!((t.first_contact_working_days, t.meeting_weeks), (3, 8));
        let form = TargetsForm { enabled: true, first_contact_working_days: "".into(), meeting_weeks: "53".into() };
        let errors = form.check().unwrap_err();
        let named: Vec<(&str, &str)> = errors.iter().map(|e| (e.field.as_str(), e.message.as_str())).collect();
        assert_eq!(
            named,
            [
                ("first_contact_working_days", "Enter a whole number of working days from 1 to 60"),
                ("meeting_weeks", "Enter a whole number of weeks from 1 to 52"),
            ]
        );
    }

    #[test]
    fn the_rules_problems_are_named_against_the_form() {
        let mut form = request();
        form.kind = Some(DisagreementKind::HealthSocialCare);
        form.parties[0].party_type = Some(PartyType::Icb);
        form.ehc = Some(EhcStatus::Neither);
        form.la_answer = Some(LaAnswer::Engaged);
        form.la_on = parts("1", "3", "2026");
        let errors = check(&form, today()).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["dr-la-on", "dr-ehc"], "{errors:?}");
        assert_eq!(input_for("disagreement.other_parties[2].response.on"), "dr-party-2-on");
        assert_eq!(input_for("disagreement.meetings[1].date"), "dr-meeting-1-date");
        assert_eq!(input_for("disagreement.about"), "dr-about");
    }
}
