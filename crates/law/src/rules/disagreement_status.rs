//! A disagreement resolution case as the screens and `case show` see it:
//! its status (where it stands, its events, the answers that contradict
//! each other: `rules::disagreement`) beside the service's own targets
//! (`rules::service_targets`, labelled as not the law), and the words for
//! its lists.

use chrono::NaiveDate;
use serde::Serialize;

use super::disagreement::{ended_by, problems, went_ahead, NO_CLOCK};
use crate::calendar::dates;
use crate::disagreement::{
    events, Disagreement, DisagreementKind, DrEvent, EhcStatus, LaAnswer, PartyAnswer, PartyType, PointResult,
};

/// What the Case screen and `case show` say about a disagreement
/// resolution case beside the record: where it stands, its events, any
/// answers that contradict each other, and the service's own targets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
pub struct DisagreementStatus {
    /// Where it stands, in words ("Ended: Hillside Primary School refused
    /// to take part on Mon 12 Oct 2026").
    pub stage: String,
    /// Whether a refusal (or the LA's decline) has ended it.
    pub ended: bool,
    /// Every party agreed (and the LA did not decline).
    pub went_ahead: bool,
    /// The case's events in date order, as the Case screen lists them.
    pub events: Vec<DrEvent>,
    /// Answers that contradict each other, or dates that cannot be right, named with the field to fix.
    pub problems: Vec<crate::timeline::Problem>,
    /// The service's own targets: not the law.
    pub targets: Vec<crate::rules::service_targets::TargetClock>,
    /// Says that the targets are the service's, not a statutory limit.
    pub targets_note: String,
    /// "No statutory clock: ..."
    pub no_clock_note: String,
}

/// The status of `d` on `today`, with the targets `settings` set.
pub fn status(
    d: &Disagreement,
    settings: &crate::rules::service_targets::ServiceTargets,
    cal: &crate::calendar::Calendar,
    today: NaiveDate,
) -> DisagreementStatus {
    let stage = match ended_by(d) {
        Some((who, on)) => format!("Ended: {who} on {}", dates::long(on)),
        None if d.concluded_on.is_some() => format!(
            "Concluded on {}{}",
            dates::long(d.concluded_on.expect("checked")),
            d.overall_result().map(|r| format!(": {}", r.label().to_lowercase())).unwrap_or_default()
        ),
        None if d.first_meeting_held(today).is_some() => "Meeting held".to_string(),
        None if went_ahead(d) => "Going ahead: every party agreed".to_string(),
        None => "Requested: waiting for the answers of the LA and the parties".to_string(),
    };
    DisagreementStatus {
        stage,
        ended: ended_by(d).is_some(),
        went_ahead: went_ahead(d),
        events: events(d, today),
        problems: problems(d, today),
        targets: crate::rules::service_targets::targets(d, settings, cal, today),
        targets_note: crate::rules::service_targets::NOTE.to_string(),
        no_clock_note: NO_CLOCK.to_string(),
    }
}

/// The words the screens show for disagreement resolution's lists.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
pub struct DisagreementVocabulary {
    /// The four kinds of disagreement.
    pub kinds: Vec<crate::labels::Choice>,
    /// The kinds of organisation another party may be.
    pub party_types: Vec<crate::labels::Choice>,
    /// Whether the child has an EHC plan, is being assessed, or neither.
    pub ehc: Vec<crate::labels::Choice>,
    /// The LA's answers to a request: engaged or declined.
    pub la_answers: Vec<crate::labels::Choice>,
    /// A party's answers: agreed or refused to take part.
    pub party_answers: Vec<crate::labels::Choice>,
    /// How one point ended: resolved, partly resolved or not resolved.
    pub point_results: Vec<crate::labels::Choice>,
    /// The two services New call asks about first.
    pub services: Vec<crate::labels::Choice>,
    /// Above the service's targets: they are the service's, not the law.
    pub targets_note: String,
    /// On a disagreement resolution case, instead of a statutory clock.
    pub no_clock_note: String,
}

fn choice<T: Serialize>(value: T, label: &str) -> crate::labels::Choice {
    let value = match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    };
    crate::labels::Choice { value, label: label.to_string() }
}

/// Every list the disagreement resolution forms offer, with the words for each choice.
pub fn vocabulary() -> DisagreementVocabulary {
    use crate::facts::Service;
    DisagreementVocabulary {
        kinds: DisagreementKind::ALL.into_iter().map(|k| choice(k, k.label())).collect(),
        party_types: PartyType::ALL.into_iter().map(|t| choice(t, t.label())).collect(),
        ehc: EhcStatus::ALL.into_iter().map(|e| choice(e, e.label())).collect(),
        la_answers: [LaAnswer::Engaged, LaAnswer::Declined].into_iter().map(|a| choice(a, a.label())).collect(),
        party_answers: [PartyAnswer::Agreed, PartyAnswer::Refused].into_iter().map(|a| choice(a, a.label())).collect(),
        point_results: PointResult::ALL.into_iter().map(|r| choice(r, r.label())).collect(),
        services: vec![
            choice(Service::MediationAdvice, "Mediation advice before an appeal (an LA decision letter)"),
            choice(Service::DisagreementResolution, "Disagreement resolution (no decision letter needed)"),
        ],
        targets_note: crate::rules::service_targets::NOTE.to_string(),
        no_clock_note: NO_CLOCK.to_string(),
    }
}
