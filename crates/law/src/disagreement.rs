//! Disagreement resolution (Children and Families Act 2014 s.57; SEND Code
//! of Practice 0–25 (2015) 11.6–11.10): a case type of its own beside
//! mediation before an appeal. Voluntary for every party, confidential and
//! without prejudice, for any child or young person with SEN (EHC plan or
//! not), at any time: no decision letter, no certificate and no statutory
//! clock.
//!
//! This module holds what a mediator records (`Disagreement`, the top-level
//! `disagreement` of the case JSON: docs/case-json.md), its words
//! (`vocabulary`), and the events the Case screen lists. The law's checks
//! (which answers contradict each other, when a refusal ends it) are in
//! `rules::disagreement`; the service's own targets in
//! `rules::service_targets`; the forms in `form`; the record of outcome in
//! `record`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The four kinds of disagreement (CFA 2014 s.57; Code of Practice 11.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(rename_all = "snake_case")]
pub enum DisagreementKind {
    /// A parent or young person and an LA, school, nursery, early years
    /// provider, college or academy, about how they carry out their
    /// education, health and care duties for a child with SEN.
    Duties,
    /// A parent or young person and an early years provider, school or
    /// post-16 institution, about the special educational provision made.
    Provision,
    /// A parent or young person and the ICB or LA, about health or social
    /// care provision during EHC needs assessment, while a plan is drawn up
    /// or reviewed, or at reassessment.
    HealthSocialCare,
    /// Between services: an LA and a health commissioning body, during
    /// those same processes.
    BetweenServices,
}

impl DisagreementKind {
    /// The four kinds, in the order New call offers them.
    pub const ALL: [DisagreementKind; 4] = [
        DisagreementKind::Duties,
        DisagreementKind::Provision,
        DisagreementKind::HealthSocialCare,
        DisagreementKind::BetweenServices,
    ];

    /// The kind in plain words, as New call asks it.
    pub fn label(self) -> &'static str {
        match self {
            DisagreementKind::Duties => {
                "How the LA, a school, college, nursery or early years setting is carrying out its duties for a child with SEN"
            }
            DisagreementKind::Provision => {
                "The special educational provision a school, college or early years setting is making"
            }
            DisagreementKind::HealthSocialCare => {
                "Health or social care provision during an EHC needs assessment, or while a plan is drawn up, reviewed or reassessed"
            }
            DisagreementKind::BetweenServices => {
                "Between the local authority and the health service (ICB), during an EHC assessment, plan or review"
            }
        }
    }

    /// The kind in a few words, for reports and lists.
    pub fn short_label(self) -> &'static str {
        match self {
            DisagreementKind::Duties => "How duties are carried out",
            DisagreementKind::Provision => "Special educational provision",
            DisagreementKind::HealthSocialCare => "Health or social care (EHC processes)",
            DisagreementKind::BetweenServices => "Between services",
        }
    }
}

/// What kind of organisation another party is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(rename_all = "snake_case")]
pub enum PartyType {
    /// The local authority.
    LocalAuthority,
    /// The integrated care board (ICB), for health.
    Icb,
    /// A maintained school.
    MaintainedSchool,
    /// A maintained nursery school.
    MaintainedNursery,
    /// An academy or free school.
    Academy,
    /// An early years provider.
    EarlyYearsProvider,
    /// An FE college or other post-16 institution (`post_16_institution`,
    /// as the case JSON spells it; snake_case alone would give `post16_`).
    #[serde(rename = "post_16_institution")]
    Post16Institution,
    /// An independent or non-maintained special school.
    IndependentSchool,
}

impl PartyType {
    /// Every kind of organisation, in the order the pick list offers them.
    pub const ALL: [PartyType; 8] = [
        PartyType::LocalAuthority,
        PartyType::Icb,
        PartyType::MaintainedSchool,
        PartyType::MaintainedNursery,
        PartyType::Academy,
        PartyType::EarlyYearsProvider,
        PartyType::Post16Institution,
        PartyType::IndependentSchool,
    ];

    /// As stored (`maintained_school`).
    pub fn as_str(self) -> &'static str {
        match self {
            PartyType::LocalAuthority => "local_authority",
            PartyType::Icb => "icb",
            PartyType::MaintainedSchool => "maintained_school",
            PartyType::MaintainedNursery => "maintained_nursery",
            PartyType::Academy => "academy",
            PartyType::EarlyYearsProvider => "early_years_provider",
            PartyType::Post16Institution => "post_16_institution",
            PartyType::IndependentSchool => "independent_school",
        }
    }

    /// The kind stored as `text` (`maintained_school`), or `None` for a name it does not know.
    pub fn parse(text: &str) -> Option<PartyType> {
        PartyType::ALL.into_iter().find(|t| t.as_str() == text)
    }

    /// The kind in plain words, as the forms show it ("Maintained nursery school").
    pub fn label(self) -> &'static str {
        match self {
            PartyType::LocalAuthority => "Local authority",
            PartyType::Icb => "Integrated care board (ICB)",
            PartyType::MaintainedSchool => "Maintained school",
            PartyType::MaintainedNursery => "Maintained nursery school",
            PartyType::Academy => "Academy or free school",
            PartyType::EarlyYearsProvider => "Early years provider",
            PartyType::Post16Institution => "College or other post-16 institution",
            PartyType::IndependentSchool => "Independent or non-maintained special school",
        }
    }
}

/// Whether the child has an EHC plan, is being assessed, or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(rename_all = "snake_case")]
pub enum EhcStatus {
    /// The child has an EHC plan.
    EhcPlan,
    /// The child is being assessed for an EHC plan.
    BeingAssessed,
    /// No EHC plan and no assessment: disagreement resolution is open to them all the same.
    Neither,
}

impl EhcStatus {
    /// The three answers, in the order the form offers them.
    pub const ALL: [EhcStatus; 3] = [EhcStatus::EhcPlan, EhcStatus::BeingAssessed, EhcStatus::Neither];

    /// The answer in plain words, as the form shows it.
    pub fn label(self) -> &'static str {
        match self {
            EhcStatus::EhcPlan => "Has an EHC plan",
            EhcStatus::BeingAssessed => "Is being assessed for an EHC plan",
            EhcStatus::Neither => "Neither: no EHC plan and no assessment",
        }
    }
}

/// The local authority's answer to the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(rename_all = "snake_case")]
pub enum LaAnswer {
    /// The LA engages, and tells the provider.
    Engaged,
    /// The LA declined the request: disagreement resolution ends there.
    Declined,
}

impl LaAnswer {
    /// The answer in plain words, as the form shows it.
    pub fn label(self) -> &'static str {
        match self {
            LaAnswer::Engaged => "Engaged: the LA takes the request forward",
            LaAnswer::Declined => "Declined",
        }
    }
}

/// A party's answer: it takes part, or refuses (which ends the case).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(rename_all = "snake_case")]
pub enum PartyAnswer {
    /// It agreed to take part.
    Agreed,
    /// It refused: disagreement resolution is voluntary, so the case ends there.
    Refused,
}

impl PartyAnswer {
    /// The answer in plain words, as the form shows it.
    pub fn label(self) -> &'static str {
        match self {
            PartyAnswer::Agreed => "Agreed to take part",
            PartyAnswer::Refused => "Refused to take part",
        }
    }
}

/// How one point of the disagreement ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(rename_all = "snake_case")]
pub enum PointResult {
    /// Settled on this point.
    Resolved,
    /// Partly settled: say what remains.
    PartlyResolved,
    /// Not settled.
    NotResolved,
}

impl PointResult {
    /// The three results, in the order the form offers them.
    pub const ALL: [PointResult; 3] = [PointResult::Resolved, PointResult::PartlyResolved, PointResult::NotResolved];

    /// The result in plain words ("Partly resolved").
    pub fn label(self) -> &'static str {
        match self {
            PointResult::Resolved => "Resolved",
            PointResult::PartlyResolved => "Partly resolved",
            PointResult::NotResolved => "Not resolved",
        }
    }
}

/// The LA's answer and when it was given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(deny_unknown_fields)]
pub struct LaResponse {
    /// Engaged or declined.
    pub answer: LaAnswer,
    /// The day the LA gave its answer.
    pub on: NaiveDate,
}

/// A party's answer and when it was given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(deny_unknown_fields)]
pub struct PartyResponse {
    /// Agreed or refused to take part.
    pub answer: PartyAnswer,
    /// The day the party gave its answer.
    pub on: NaiveDate,
}

/// An organisation the family disagrees with (or, between services, one
/// of the services). Stored once and reused across cases, like LAs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(deny_unknown_fields)]
pub struct OtherParty {
    /// The organisation's name, as shown on the case.
    pub name: String,
    /// What kind of organisation it is (stored as `type`).
    #[serde(rename = "type")]
    pub party_type: PartyType,
    /// Whether it agreed to take part, and when.
    #[serde(default)]
    pub response: Option<PartyResponse>,
}

/// A known organisation, for the pick list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
pub struct KnownParty {
    /// The organisation's name.
    pub name: String,
    /// What kind of organisation it is (stored as `type`).
    #[serde(rename = "type")]
    pub party_type: PartyType,
}

/// One meeting: who came, who supported the family, what reports were shared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(deny_unknown_fields)]
pub struct DrMeeting {
    /// The day of the meeting; a date after today is a meeting planned.
    pub date: NaiveDate,
    /// Where it was held.
    #[serde(default)]
    pub place: String,
    /// Who came (names, with their part if wished: "Ms Clarke, head teacher").
    #[serde(default)]
    pub attended: Vec<String>,
    /// Who supported the family (a teacher, an educational psychologist,
    /// the SENCo, a relative or friend).
    #[serde(default)]
    pub supporters: Vec<String>,
    /// Reports brought and shared.
    #[serde(default)]
    pub reports_shared: Vec<String>,
}

/// One point of the disagreement, how it ended, and what remains.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(deny_unknown_fields)]
pub struct OutcomePoint {
    /// The point in dispute, in the mediator's words.
    pub point: String,
    /// Whether it was resolved, partly resolved or not.
    pub result: PointResult,
    /// What remains to be settled on this point.
    #[serde(default)]
    pub remains: String,
}

/// Who will do what, by when (for the record of outcome).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(deny_unknown_fields)]
pub struct AgreedAction {
    /// Who will do it (a person or an organisation).
    pub who: String,
    /// What they will do.
    pub what: String,
    /// The date they will do it by, if one was agreed.
    #[serde(default)]
    pub by: Option<NaiveDate>,
}

/// A disagreement resolution case as recorded: the top-level
/// `disagreement` of the case JSON (with `facts.service` set to
/// `disagreement_resolution`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(deny_unknown_fields)]
pub struct Disagreement {
    /// Which of the four kinds of disagreement it is (CFA 2014 s.57).
    pub kind: DisagreementKind,
    /// The date the request for disagreement resolution was made.
    pub requested_on: NaiveDate,
    /// What the disagreement is about, briefly.
    #[serde(default)]
    pub about: String,
    /// The organisations the family disagrees with (or, between services, the services), each with its answer.
    #[serde(default)]
    pub other_parties: Vec<OtherParty>,
    /// Whether the child has an EHC plan, is being assessed, or neither.
    #[serde(default)]
    pub ehc: Option<EhcStatus>,
    /// The service's first contact with the parties after the request.
    #[serde(default)]
    pub first_contact_on: Option<NaiveDate>,
    /// The LA's answer to the request.
    #[serde(default)]
    pub la_response: Option<LaResponse>,
    /// The family's answer (not asked between services).
    #[serde(default)]
    pub family_response: Option<PartyResponse>,
    /// Each meeting of the parties.
    #[serde(default)]
    pub meetings: Vec<DrMeeting>,
    /// The outcome, point by point.
    #[serde(default)]
    pub points: Vec<OutcomePoint>,
    /// What was agreed: who will do what by when.
    #[serde(default)]
    pub actions: Vec<AgreedAction>,
    /// Disagreement resolution ended (with or without agreement).
    #[serde(default)]
    pub concluded_on: Option<NaiveDate>,
    /// References of mediation or appeal cases of the same child.
    #[serde(default)]
    pub linked_cases: Vec<String>,
}

impl Disagreement {
    /// A new request: the kind, the date and what it is about.
    pub fn new(kind: DisagreementKind, requested_on: NaiveDate, about: &str) -> Disagreement {
        Disagreement {
            kind,
            requested_on,
            about: about.to_string(),
            other_parties: Vec::new(),
            ehc: None,
            first_contact_on: None,
            la_response: None,
            family_response: None,
            meetings: Vec::new(),
            points: Vec::new(),
            actions: Vec::new(),
            concluded_on: None,
            linked_cases: Vec::new(),
        }
    }

    /// Whether the family is a party (every kind but between services).
    pub fn family_is_party(&self) -> bool {
        self.kind != DisagreementKind::BetweenServices
    }

    /// The first meeting on or before `today` (a meeting held).
    pub fn first_meeting_held(&self, today: NaiveDate) -> Option<NaiveDate> {
        self.meetings.iter().map(|m| m.date).filter(|d| *d <= today).min()
    }

    /// The case's outcome over its points: resolved only if every point
    /// is; not resolved if none is even partly; otherwise partly. `None`
    /// until a point is recorded.
    pub fn overall_result(&self) -> Option<PointResult> {
        if self.points.is_empty() {
            return None;
        }
        Some(if self.points.iter().all(|p| p.result == PointResult::Resolved) {
            PointResult::Resolved
        } else if self.points.iter().all(|p| p.result == PointResult::NotResolved) {
            PointResult::NotResolved
        } else {
            PointResult::PartlyResolved
        })
    }

    /// The date the outcome stands from: the conclusion, or else the last
    /// meeting held, once a point's outcome is recorded.
    pub fn outcome_on(&self, today: NaiveDate) -> Option<NaiveDate> {
        if self.points.is_empty() {
            return None;
        }
        self.concluded_on.or_else(|| self.meetings.iter().map(|m| m.date).filter(|d| *d <= today).max())
    }
}

/// One event of the case, in words, for the Case screen's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
pub struct DrEvent {
    /// The day it happened.
    pub date: NaiveDate,
    /// `requested`, `first_contact`, `la_engaged`, `la_declined`,
    /// `agreed`, `refused`, `meeting`, `outcome`, `concluded`.
    pub kind: &'static str,
    /// The event in words, as the Case screen lists it.
    pub text: String,
}

fn joined(list: &[String]) -> String {
    list.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(", ")
}

/// The events of the case in date order (events of one day in the order
/// they happen).
pub fn events(d: &Disagreement, today: NaiveDate) -> Vec<DrEvent> {
    let mut out = Vec::new();
    let mut push = |date: NaiveDate, kind: &'static str, text: String| out.push(DrEvent { date, kind, text });
    push(d.requested_on, "requested", format!("Disagreement resolution requested: {}", d.about.trim()));
    if let Some(on) = d.first_contact_on {
        push(on, "first_contact", "The service's first contact with the parties".into());
    }
    if let Some(r) = &d.la_response {
        match r.answer {
            LaAnswer::Engaged => push(r.on, "la_engaged", "The local authority engaged".into()),
            LaAnswer::Declined => push(r.on, "la_declined", "The local authority declined the request".into()),
        }
    }
    let mut answer = |who: &str, r: &PartyResponse| match r.answer {
        PartyAnswer::Agreed => push(r.on, "agreed", format!("{who} agreed to take part")),
        PartyAnswer::Refused => {
            push(r.on, "refused", format!("{who} refused to take part: disagreement resolution is voluntary, so it ends here"))
        }
    };
    if let Some(r) = &d.family_response {
        answer("The family", r);
    }
    for p in &d.other_parties {
        if let Some(r) = &p.response {
            answer(&p.name, r);
        }
    }
    for m in &d.meetings {
        let mut text = String::from(if m.date <= today { "Meeting" } else { "Meeting planned" });
        if !m.place.trim().is_empty() {
            text.push_str(&format!(" at {}", m.place.trim()));
        }
        for (label, list) in [("came", &m.attended), ("supporters", &m.supporters), ("reports shared", &m.reports_shared)] {
            let names = joined(list);
            if !names.is_empty() {
                text.push_str(&format!("; {label}: {names}"));
            }
        }
        push(m.date, "meeting", text);
    }
    if let (Some(on), Some(result)) = (d.outcome_on(today), d.overall_result()) {
        let count = |r: PointResult| d.points.iter().filter(|p| p.result == r).count();
        push(
            on,
            "outcome",
            format!(
                "Outcome: {} ({} resolved, {} partly resolved, {} not resolved)",
                result.label().to_lowercase(),
                count(PointResult::Resolved),
                count(PointResult::PartlyResolved),
                count(PointResult::NotResolved)
            ),
        );
    }
    if let Some(on) = d.concluded_on {
        push(on, "concluded", "Disagreement resolution concluded".into());
    }
    out.sort_by_key(|e| e.date);
    out
}
