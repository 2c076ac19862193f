//! The facts of a case that the clock engine reads: what was decided, what
//! is in dispute, and the dates things happened. Every date is optional:
//! a case grows as the mediator records it. Serialised as JSON with dates as
//! `YYYY-MM-DD` (the schema is documented in `docs/timeline-json.md`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Which service the family is using.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Service {
    /// Mediation advice before an appeal (the statutory route).
    #[default]
    MediationAdvice,
    /// Disagreement resolution (CFA s.57): voluntary, no certificate, no clock.
    DisagreementResolution,
    /// A disability discrimination claim: no mediation requirement (out of
    /// scope; recorded so the app can say so).
    DisabilityDiscrimination,
}

/// The local authority's decision the family is calling about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    RefuseToAssess,
    RefuseToReassess,
    RefuseToIssuePlan,
    /// The contents of a final or amended plan: see `issues`.
    PlanContents,
    RefuseToAmendAfterReview,
    CeaseToMaintain,
}

/// A matter in dispute in the plan's contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Issue {
    /// Section B: special educational needs.
    NeedsB,
    /// Section F: special educational provision.
    ProvisionF,
    /// Section I: the school or institution, its type, or none named.
    PlacementI,
    /// Sections G and H1: health needs and provision.
    Health,
    /// Section H2: social care provision.
    SocialCare,
}

impl Issue {
    pub fn is_education(self) -> bool {
        matches!(self, Issue::NeedsB | Issue::ProvisionF | Issue::PlacementI)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub kind: Option<DecisionKind>,
    /// The date printed on the letter.
    pub letter_dated: Option<NaiveDate>,
    /// The date the letter was sent: the law runs from this (reg 33; r.20).
    pub sent_on: Option<NaiveDate>,
    /// What the letter left out of what reg 32 says it must include.
    #[serde(default)]
    pub letter_missing: Vec<LetterItem>,
}

impl Decision {
    /// The date the law runs from: the date sent, or the date on the letter
    /// where that is all that is recorded (the engine notes which it used).
    pub fn sent_or_dated(&self) -> Option<NaiveDate> {
        self.sent_on.or(self.letter_dated)
    }
}

/// What an appealable decision letter must state (SEND Regs 2014 reg 32).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(rename_all = "snake_case")]
pub enum LetterItem {
    /// The right to mediation (reg 32(a)).
    RightToMediation,
    /// That a certificate is needed before appealing (reg 32(b)).
    CertificateRequirement,
    /// The mediation adviser's contact details (reg 32(c)).
    AdviserContact,
    /// The timescales for requesting mediation (reg 32(d)).
    Timescales,
    /// The need to tell the LA of a wish to mediate, the issues and any health provision sought (reg 32(e)).
    TellLaRequirement,
    /// The LA's contact for mediation (reg 32(f)).
    LaMediationContact,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(rename_all = "snake_case")]
pub enum MeetingStatus {
    Planned,
    Held,
    Postponed,
    Cancelled,
}

/// Who caused a postponement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(rename_all = "snake_case")]
pub enum PostponedBy {
    LocalAuthority,
    Family,
    Icb,
    Mediator,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    pub date: NaiveDate,
    pub status: MeetingStatus,
    /// When the parties were told the date of this meeting.
    #[serde(default)]
    pub notice_sent_on: Option<NaiveDate>,
    #[serde(default)]
    pub postponed_by: Option<PostponedBy>,
}

/// What a written mediation agreement requires (SEND Regs reg 42, reg 44).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(rename_all = "snake_case")]
pub enum AgreementActionKind {
    /// Make an EHC needs assessment or re-assessment.
    MakeAssessment,
    /// Make and maintain an EHC plan.
    MakeAndMaintainPlan,
    /// Amend sections B and/or F.
    AmendNeedsOrProvision,
    /// Amend section I.
    AmendPlacement,
    ContinueToMaintain,
    CeaseToMaintain,
    /// Anything the family could not appeal (health or social care
    /// provision, for example).
    NonAppealable,
}

/// Who carries out an agreed item the family could not appeal: "the local
/// authority or responsible commissioning body", whichever is responsible
/// for it (SEND Regs 2014 reg 42(3)): the LA for social care, the ICB for
/// health.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(rename_all = "snake_case")]
pub enum ResponsibleBody {
    LocalAuthority,
    Icb,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(deny_unknown_fields)]
pub struct AgreementAction {
    pub kind: AgreementActionKind,
    #[serde(default)]
    pub description: String,
    /// A different date the parties agreed in writing; replaces the limit.
    #[serde(default)]
    pub agreed_due: Option<NaiveDate>,
    /// When it was done (each stage, for actions with stages). For
    /// `make_assessment`: [0] the family told the LA will assess, [1] told
    /// it will not issue a plan, [2] the final plan issued.
    #[serde(default)]
    pub done_on: Vec<Option<NaiveDate>>,
    /// For an item with no right of appeal: who is responsible for it
    /// (reg 42(3)). Not recorded: "the LA or the commissioning body".
    #[serde(default)]
    pub responsible_body: Option<ResponsibleBody>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    /// The date of the written agreement.
    pub dated: NaiveDate,
    /// Whether the local authority was a party to it.
    #[serde(default = "yes")]
    pub la_was_party: bool,
    /// When the commissioning body told the LA (where it was not a party).
    #[serde(default)]
    pub la_told_on: Option<NaiveDate>,
    #[serde(default)]
    pub actions: Vec<AgreementAction>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(rename_all = "snake_case")]
pub enum CertificateKind {
    Declined,
    Withdrawn,
    Deemed,
    AfterMediation,
}

/// A certificate as the clocks see it: its kind and date of issue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(deny_unknown_fields)]
pub struct IssuedCertificate {
    pub kind: CertificateKind,
    pub issued_on: NaiveDate,
    #[serde(default)]
    pub number: Option<String>,
    #[serde(default)]
    pub voided: bool,
}

/// How a mediation ended, as the mediator records it (for the
/// commissioner's report; the clocks do not read it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Agreed,
    PartlyAgreed,
    NotAgreed,
    Withdrawn,
}

/// Everything the engine reads about one case.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(deny_unknown_fields)]
pub struct CaseFacts {
    #[serde(default)]
    pub service: Service,
    #[serde(default)]
    pub decision: Decision,
    /// The matters in dispute (for a plan-contents decision).
    #[serde(default)]
    pub issues: Vec<Issue>,
    /// The family's first contact with the mediation adviser.
    #[serde(default)]
    pub first_contact_on: Option<NaiveDate>,
    /// The family told the adviser they do not wish to mediate.
    #[serde(default)]
    pub declined_on: Option<NaiveDate>,
    /// Having chosen mediation, the family told the adviser they will not pursue it.
    #[serde(default)]
    pub withdrew_on: Option<NaiveDate>,
    /// The family told the LA they want mediation.
    #[serde(default)]
    pub family_told_la_on: Option<NaiveDate>,
    /// The adviser told the LA the family wants mediation.
    #[serde(default)]
    pub adviser_told_la_on: Option<NaiveDate>,
    /// The LA told the ICB(s) the mediation issues (health in issue).
    #[serde(default)]
    pub la_told_icb_on: Option<NaiveDate>,
    /// The date the arranging body fixed the meeting (for the "arranged"
    /// reading of the 30 days).
    #[serde(default)]
    pub mediation_arranged_on: Option<NaiveDate>,
    /// The arranging body told the adviser it cannot arrange mediation within 30 days.
    #[serde(default)]
    pub cannot_arrange_notice_on: Option<NaiveDate>,
    #[serde(default)]
    pub meetings: Vec<Meeting>,
    /// The mediation concluded (with or without agreement).
    #[serde(default)]
    pub concluded_on: Option<NaiveDate>,
    #[serde(default)]
    pub agreement: Option<Agreement>,
    #[serde(default)]
    pub certificates: Vec<IssuedCertificate>,
    /// The Tribunal received the appeal.
    #[serde(default)]
    pub appeal_received_on: Option<NaiveDate>,
    /// How the mediation ended (for reports only).
    #[serde(default)]
    pub outcome: Option<Outcome>,
}

impl CaseFacts {
    /// The certificate in force: the latest one issued and not voided.
    pub fn certificate_in_force(&self) -> Option<&IssuedCertificate> {
        self.certificates.iter().filter(|c| !c.voided).max_by_key(|c| c.issued_on)
    }

    /// The first certificate of `kind` that is not voided.
    pub fn certificate_of_kind(&self, kind: CertificateKind) -> Option<&IssuedCertificate> {
        self.certificates.iter().filter(|c| !c.voided && c.kind == kind).min_by_key(|c| c.issued_on)
    }

    /// The first meeting that was held.
    pub fn first_meeting_held(&self) -> Option<&Meeting> {
        self.meetings.iter().filter(|m| m.status == MeetingStatus::Held).min_by_key(|m| m.date)
    }

    pub fn health_in_issue(&self) -> bool {
        self.issues.contains(&Issue::Health)
    }
}

/// Read case facts from JSON. The error names the field ("decision.sent_on:
/// not a real date ...") and where it is in the text.
pub fn from_json(text: &str) -> Result<CaseFacts, crate::LawError> {
    crate::json_input::read(text).map_err(|p| {
        let field = if p.path.is_empty() { "case facts".to_string() } else { p.path };
        crate::LawError::Field { field, message: p.message }
    })
}
