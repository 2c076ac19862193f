//! Disagreement resolution: what the law says about it, and which recorded
//! answers cannot all be true.
//!
//! - Children and Families Act 2014 s.57 [S: the section's effect as the
//!   SEND Code of Practice 0–25 (2015) 11.6–11.10 and IPSEA describe it]:
//!   LAs must make disagreement resolution available, for any child or
//!   young person with SEN (EHC plan or not), about four kinds of
//!   disagreement (see `DisagreementKind`). The third and fourth kinds
//!   arise only during EHC processes: an EHC needs assessment, while a
//!   plan is drawn up or reviewed, or at reassessment.
//! - It is voluntary (Code 11.8): every party must agree, and a refusal
//!   ends it. The LA considers a request and, if it engages, tells the
//!   provider.
//! - No statutory timescale applies, and there is no certificate: nothing
//!   here computes a deadline. The service's own standards are in
//!   `service_targets`, labelled as the service's, not the law's.

use chrono::NaiveDate;

use super::REGIME_START;
use crate::calendar::{add_months, dates};
use crate::disagreement::{Disagreement, DisagreementKind, EhcStatus, LaAnswer, PartyAnswer, PartyType};
use crate::text::lower_first;
use crate::timeline::Problem;

/// Where disagreement resolution comes from.
pub const CITATION: &str = "Children and Families Act 2014 s.57; SEND Code of Practice 0–25 (2015) 11.6–11.10";

/// What the Case screen says instead of a clock.
pub const NO_CLOCK: &str = "No statutory clock: disagreement resolution (Children and Families Act 2014 s.57; SEND Code of Practice 11.6–11.10) is voluntary, confidential and without prejudice, with no statutory timescale and no certificate";

/// The other parties a kind can be with, where the law names them: a
/// health or social care disagreement is with the ICB or the LA; one
/// between services is between the LA and the ICB. (The first two kinds
/// can be with the LA, a school, nursery, academy, college or early years
/// provider.)
pub fn allowed_party_types(kind: DisagreementKind) -> Option<&'static [PartyType]> {
    match kind {
        DisagreementKind::HealthSocialCare | DisagreementKind::BetweenServices => {
            Some(&[PartyType::LocalAuthority, PartyType::Icb])
        }
        DisagreementKind::Duties | DisagreementKind::Provision => None,
    }
}

/// Who ended it and when: the LA's decline or a party's refusal (the
/// earliest, if several).
pub fn ended_by(d: &Disagreement) -> Option<(String, NaiveDate)> {
    let mut ends: Vec<(String, NaiveDate)> = Vec::new();
    if let Some(r) = d.la_response.as_ref().filter(|r| r.answer == LaAnswer::Declined) {
        ends.push(("the local authority declined the request".into(), r.on));
    }
    if let Some(r) = d.family_response.as_ref().filter(|r| r.answer == PartyAnswer::Refused) {
        ends.push(("the family refused to take part".into(), r.on));
    }
    for p in &d.other_parties {
        if let Some(r) = p.response.as_ref().filter(|r| r.answer == PartyAnswer::Refused) {
            ends.push((format!("{} refused to take part", p.name), r.on));
        }
    }
    ends.into_iter().min_by_key(|(_, on)| *on)
}

/// It went ahead: every party agreed (the family too, unless the
/// disagreement is between services), and the LA did not decline.
pub fn went_ahead(d: &Disagreement) -> bool {
    let agreed = |r: &Option<crate::disagreement::PartyResponse>| r.as_ref().is_some_and(|r| r.answer == PartyAnswer::Agreed);
    ended_by(d).is_none()
        && !d.other_parties.is_empty()
        && d.other_parties.iter().all(|p| agreed(&p.response))
        && (!d.family_is_party() || agreed(&d.family_response))
}

/// Who declined, for the report: "Local authority (declined to engage)",
/// "Family", or the refusing party's type.
pub fn declined_by(d: &Disagreement) -> Vec<String> {
    let mut who = Vec::new();
    if d.la_response.as_ref().is_some_and(|r| r.answer == LaAnswer::Declined) {
        who.push("Local authority (declined to engage)".to_string());
    }
    if d.family_response.as_ref().is_some_and(|r| r.answer == PartyAnswer::Refused) {
        who.push("Family".to_string());
    }
    for p in &d.other_parties {
        if p.response.as_ref().is_some_and(|r| r.answer == PartyAnswer::Refused) {
            who.push(p.party_type.label().to_string());
        }
    }
    who
}

struct Finder {
    problems: Vec<Problem>,
}

impl Finder {
    fn push(&mut self, code: &'static str, field: String, message: String) {
        self.problems.push(Problem { code, field, message });
    }
}

/// Answers that cannot all be true, each with the field to fix (a path
/// under `disagreement.`, as the case JSON spells it).
pub fn problems(d: &Disagreement, today: NaiveDate) -> Vec<Problem> {
    let mut f = Finder { problems: Vec::new() };
    let start = NaiveDate::from_ymd_opt(REGIME_START.0, REGIME_START.1, REGIME_START.2).expect("a date");
    let horizon = add_months(today, 12).0;
    let requested = d.requested_on;
    if requested < start {
        f.push(
            "date_before_regime",
            "disagreement.requested_on".into(),
            format!(
                "The date of the request ({}) is before 1 Sep 2014, when disagreement resolution under s.57 began",
                dates::long(requested)
            ),
        );
    }
    if requested > today {
        f.push(
            "request_in_future",
            "disagreement.requested_on".into(),
            format!("The date of the request ({}) is in the future", dates::long(requested)),
        );
    }
    // Things that happened: on or after the request, and not in the future.
    let mut happened: Vec<(String, &str, NaiveDate)> = Vec::new();
    if let Some(on) = d.first_contact_on {
        happened.push(("disagreement.first_contact_on".into(), "The service's first contact", on));
    }
    if let Some(r) = &d.la_response {
        happened.push(("disagreement.la_response.on".into(), "The date of the LA's answer", r.on));
    }
    if let Some(r) = &d.family_response {
        happened.push(("disagreement.family_response.on".into(), "The date of the family's answer", r.on));
    }
    for (i, p) in d.other_parties.iter().enumerate() {
        if let Some(r) = &p.response {
            happened.push((format!("disagreement.other_parties[{i}].response.on"), "The date of the party's answer", r.on));
        }
    }
    if let Some(on) = d.concluded_on {
        happened.push(("disagreement.concluded_on".into(), "The date disagreement resolution concluded", on));
    }
    for (field, name, on) in &happened {
        if *on < requested {
            f.push(
                "before_request",
                field.clone(),
                format!("{name} ({}) must be on or after the date of the request ({})", dates::long(*on), dates::long(requested)),
            );
        } else if *on > today {
            f.push("answer_in_future", field.clone(), format!("{name} ({}) is in the future", dates::long(*on)));
        }
    }
    for (i, m) in d.meetings.iter().enumerate() {
        let field = format!("disagreement.meetings[{i}].date");
        if m.date < requested {
            f.push(
                "before_request",
                field,
                format!(
                    "The meeting date ({}) must be on or after the date of the request ({})",
                    dates::long(m.date),
                    dates::long(requested)
                ),
            );
        } else if m.date > horizon {
            f.push(
                "date_too_far_ahead",
                field,
                format!("The meeting date ({}) is more than a year from today", dates::long(m.date)),
            );
        }
    }
    for (i, a) in d.actions.iter().enumerate() {
        if let Some(by) = a.by.filter(|by| *by < requested) {
            f.push(
                "before_request",
                format!("disagreement.actions[{i}].by"),
                format!(
                    "The date for the action ({}) must be on or after the date of the request ({})",
                    dates::long(by),
                    dates::long(requested)
                ),
            );
        }
    }
    // The third kind needs an EHC process.
    if d.kind == DisagreementKind::HealthSocialCare && d.ehc == Some(EhcStatus::Neither) {
        f.push(
            "health_social_care_needs_ehc_process",
            "disagreement.ehc".into(),
            "A disagreement about health or social care provision is for an EHC needs assessment, a plan being drawn up or reviewed, or a reassessment, but the child is recorded as having neither an EHC plan nor an assessment: change the kind or the answer".into(),
        );
    }
    if let Some(allowed) = allowed_party_types(d.kind) {
        for (i, p) in d.other_parties.iter().enumerate() {
            if !allowed.contains(&p.party_type) {
                f.push(
                    "party_not_of_this_kind",
                    format!("disagreement.other_parties[{i}].type"),
                    format!(
                        "{} is a {}: a disagreement {} is with the local authority or the ICB",
                        p.name,
                        lower_first(p.party_type.label()),
                        match d.kind {
                            DisagreementKind::BetweenServices => "between services",
                            _ => "about health or social care",
                        }
                    ),
                );
            }
        }
    }
    if d.kind == DisagreementKind::BetweenServices && d.family_response.is_some() {
        f.push(
            "family_not_a_party",
            "disagreement.family_response".into(),
            "A disagreement between services is between the LA and the ICB: the family is not a party to it".into(),
        );
    }
    // Voluntary: a refusal ends it, so no meeting can follow one.
    if let Some((who, on)) = ended_by(d) {
        for (i, m) in d.meetings.iter().enumerate() {
            if m.date > on {
                f.push(
                    "meeting_after_refusal",
                    format!("disagreement.meetings[{i}].date"),
                    format!(
                        "The meeting on {} is after {who} on {}: disagreement resolution is voluntary, so that ended it",
                        dates::long(m.date),
                        dates::long(on)
                    ),
                );
            }
        }
    }
    if let (Some(concluded), Some(first)) = (d.concluded_on, d.meetings.iter().map(|m| m.date).min()) {
        if concluded < first {
            f.push(
                "concluded_before_meeting",
                "disagreement.concluded_on".into(),
                format!(
                    "The date disagreement resolution concluded ({}) must be on or after the first meeting ({})",
                    dates::long(concluded),
                    dates::long(first)
                ),
            );
        }
    }
    f.problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disagreement::{OtherParty, PartyResponse};

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn school_case() -> Disagreement {
        let mut d = Disagreement::new(DisagreementKind::Provision, date("2026-03-02"), "Speech and language support in class");
        d.other_parties.push(OtherParty {
            name: "Hillside Primary School".into(),
            party_type: PartyType::MaintainedSchool,
            response: None,
        });
        d
    }

    #[test]
    fn every_party_agreeing_makes_it_go_ahead_and_a_refusal_ends_it() {
        let mut d = school_case();
        assert!(!went_ahead(&d));
        d.family_response = Some(PartyResponse { answer: PartyAnswer::Agreed, on: date("2026-03-03") });
        d.other_parties[0].response = Some(PartyResponse { answer: PartyAnswer::Agreed, on: date("2026-03-05") });
        assert!(went_ahead(&d));
        assert_eq!(ended_by(&d), None);
        d.other_parties[0].response = Some(PartyResponse { answer: PartyAnswer::Refused, on: date("2026-03-05") });
        assert!(!went_ahead(&d));
        assert_eq!(ended_by(&d), Some(("Hillside Primary School refused to take part".into(), date("2026-03-05"))));
        assert_eq!(declined_by(&d), vec!["Maintained school".to_string()]);
    }

    #[test]
    fn health_or_social_care_with_no_ehc_process_is_named() {
        let mut d = school_case();
        d.kind = DisagreementKind::HealthSocialCare;
        d.other_parties[0].party_type = PartyType::Icb;
        d.ehc = Some(EhcStatus::Neither);
        let found = problems(&d, date("2026-03-16"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].field, "disagreement.ehc");
        d.ehc = Some(EhcStatus::BeingAssessed);
        assert!(problems(&d, date("2026-03-16")).is_empty());
    }

    #[test]
    fn a_meeting_after_a_refusal_and_answers_before_the_request_are_named() {
        let mut d = school_case();
        d.family_response = Some(PartyResponse { answer: PartyAnswer::Refused, on: date("2026-03-04") });
        d.meetings.push(crate::disagreement::DrMeeting {
            date: date("2026-03-10"),
            place: String::new(),
            attended: vec![],
            supporters: vec![],
            reports_shared: vec![],
        });
        d.other_parties[0].response = Some(PartyResponse { answer: PartyAnswer::Agreed, on: date("2026-03-01") });
        let fields: Vec<String> = problems(&d, date("2026-03-16")).into_iter().map(|p| p.field).collect();
        assert_eq!(fields, vec!["disagreement.other_parties[0].response.on", "disagreement.meetings[0].date"]);
    }
}
