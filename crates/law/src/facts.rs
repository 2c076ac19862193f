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
    /// Refusal to carry out an EHC needs assessment.
    RefuseToAssess,
    /// Refusal to carry out a re-assessment.
    RefuseToReassess,
    /// Refusal to issue an EHC plan after assessing.
    RefuseToIssuePlan,
    /// The contents of a final or amended plan: see `issues`.
    PlanContents,
    /// Refusal to amend the plan after a review.
    RefuseToAmendAfterReview,
    /// Decision to cease to maintain the plan.
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
    /// Whether the issue is an education one (sections B, F or I), on which an appeal lies; health and social care are
    /// not.
    pub fn is_education(self) -> bool {
        matches!(self, Issue::NeedsB | Issue::ProvisionF | Issue::PlacementI)
    }
}

/// The local authority's decision letter: what was decided and its two dates.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// What the LA decided; not yet recorded while unknown.
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

/// Where a mediation meeting stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(rename_all = "snake_case")]
pub enum MeetingStatus {
    /// Fixed for a date, not yet held.
    Planned,
    /// Held: the first meeting held is what meets the 30 days (where day 30 is read as "held", the default).
    Held,
    /// Put off to another date (record who caused it).
    Postponed,
    /// Called off.
    Cancelled,
}

/// Who caused a postponement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(rename_all = "snake_case")]
pub enum PostponedBy {
    /// The local authority.
    LocalAuthority,
    /// The family (the parent or young person).
    Family,
    /// The integrated care board (ICB).
    Icb,
    /// The mediator.
    Mediator,
    /// Anyone else.
    Other,
}

/// One mediation meeting date and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// The date of the meeting; its 5-working-day notice counts back from it.
    pub date: NaiveDate,
    /// Planned, held, postponed or cancelled.
    pub status: MeetingStatus,
    /// When the parties were told the date of this meeting.
    #[serde(default)]
    pub notice_sent_on: Option<NaiveDate>,
    /// Who caused the postponement, for a postponed meeting (the commissioner's report counts them).
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
    /// Continue to maintain the plan: due immediately.
    ContinueToMaintain,
    /// Cease to maintain the plan: due immediately.
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
    /// The local authority (social care).
    LocalAuthority,
    /// The integrated care board (health).
    Icb,
}

/// One thing the written mediation agreement says will be done; its due dates are reg 44's limits, or 2 weeks for an
/// item with no right of appeal (reg 42).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(deny_unknown_fields)]
pub struct AgreementAction {
    /// What kind of action was agreed: this sets its time limit.
    pub kind: AgreementActionKind,
    /// The action in the agreement's own words.
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

/// The written mediation agreement: its date starts the clocks of each action in it (SEND Regs reg 42).
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
    /// Each action the agreement requires.
    #[serde(default)]
    pub actions: Vec<AgreementAction>,
}

fn yes() -> bool {
    true
}

/// Which of the four kinds of mediation certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(rename_all = "snake_case")]
pub enum CertificateKind {
    /// The family did not wish to mediate: issued by the mediation adviser.
    Declined,
    /// The family chose mediation, then decided not to pursue it: issued by the mediation adviser.
    Withdrawn,
    /// Mediation could not be arranged within 30 days: issued by the mediation adviser.
    Deemed,
    /// Mediation concluded (agreement, partial or none): issued by the mediator.
    AfterMediation,
}

/// A certificate as the clocks see it: its kind and date of issue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(deny_unknown_fields)]
pub struct IssuedCertificate {
    /// Which kind of certificate.
    pub kind: CertificateKind,
    /// The date of issue: the Tribunal's 1 month runs from it (HESC Rules r.20(1)(c)).
    pub issued_on: NaiveDate,
    /// The certificate number printed on it.
    #[serde(default)]
    pub number: Option<String>,
    /// Voided to correct a mistake: kept, but no longer in force, and no longer a certificate to check the facts
    /// against.
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
    /// Agreement on every issue.
    Agreed,
    /// Agreement on some issues only.
    PartlyAgreed,
    /// No agreement.
    NotAgreed,
    /// The family withdrew from mediation.
    Withdrawn,
}

/// Everything the engine reads about one case.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(deny_unknown_fields)]
pub struct CaseFacts {
    /// Which service the family is using: mediation advice (the default), disagreement resolution or a discrimination
    /// claim.
    #[serde(default)]
    pub service: Service,
    /// The LA's decision and its dates.
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
    /// Each mediation meeting, held or not.
    #[serde(default)]
    pub meetings: Vec<Meeting>,
    /// The mediation concluded (with or without agreement).
    #[serde(default)]
    pub concluded_on: Option<NaiveDate>,
    /// The written mediation agreement, once there is one.
    #[serde(default)]
    pub agreement: Option<Agreement>,
    /// The certificates issued for this case, voided ones included.
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

    /// Whether health care (sections G and H1) is among the issues: the LA must then tell the ICB.
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
