//! The words the screens show for the law's lists (decisions, issues,
//! routes, what a letter must say, who rang) and the app's own (staff
//! roles, meeting statuses, history entries), taken from the rules so the
//! UI never keeps its own copy nor turns a value's name into words. Each
//! `Choice`'s value is the enum's serde name.

use serde::Serialize;
use ts_rs::TS;

use crate::facts::{CertificateKind, DecisionKind, Issue, LetterItem, MeetingStatus};
use crate::rules::{exemptions, letter};
use crate::store::{AppellantRole, CallerRole, HistoryAction, StaffRole};
use crate::timeline::Route;

pub use law::labels::Choice;

/// One disputed reading of the law and its options, explained.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ReadingChoice {
    /// The `CountingChoices` field it sets.
    pub field: String,
    /// The question the reading answers, as Settings asks it ("When do the 30 days for mediation start?").
    pub question: String,
    /// The readings to choose from, each with its explanation.
    pub options: Vec<Choice>,
}

/// An action a written agreement can require, with its stages' names.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ActionChoice {
    /// The action's name as stored (its serde name, `make_assessment`).
    pub value: String,
    /// The action in words ("Make an EHC needs assessment or re-assessment").
    pub label: String,
    /// The names of its stages, each with its own "done on" date box on the Case screen.
    pub stages: Vec<String>,
}

/// A fact a person types, from the registry of the facts' fields
/// (`law::fact_fields`): the screens find its input and its label here.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FactFieldWords {
    /// Its JSON path, as problems name it: `facts.decision.sent_on`,
    /// `facts.meetings[].date` (`[]` where an index goes).
    pub path: String,
    /// Its label, as the Case screen and error messages show it.
    pub label: String,
    /// Its input on the Case screen: `fact-decision-sent_on`, `meeting-{}`
    /// (`{}` where the path's index goes).
    pub id: Option<String>,
    /// Its input on New call, and the label there.
    pub new_call_id: Option<String>,
    /// The label of its input on New call, if it has one there.
    pub new_call_label: Option<String>,
}

/// Every list of words the screens show, in one piece, sent to the window when it starts.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Vocabulary {
    /// The disputed readings of the law a service chooses in Settings, with their options.
    pub readings: Vec<ReadingChoice>,
    /// The actions a written agreement can require, with their stages.
    pub agreement_actions: Vec<ActionChoice>,
    /// The local authority decisions a family may call about.
    pub decisions: Vec<Choice>,
    /// The issues in the plan a family may disagree with: sections B, F and I, health and social care.
    pub issues: Vec<Choice>,
    /// The routes a case may take: certificate needed, no certificate needed, disagreement resolution, disability
    /// discrimination, or not yet known.
    pub routes: Vec<Choice>,
    /// What a decision letter must tell the family (reg 32), for the checklist of what it left out.
    pub letter_items: Vec<Choice>,
    /// Who rang, to choose one: parent or carer, young person, or a representative.
    pub caller_roles: Vec<Choice>,
    /// Who rang, in running text (the case's header): "young person".
    pub caller_role_words: Vec<Choice>,
    /// Who may appeal: the parent or the young person (the appellant a
    /// representative acts for).
    pub appellant_roles: Vec<Choice>,
    /// The kinds of mediation certificate, as the certificate says it was issued.
    pub certificate_kinds: Vec<Choice>,
    /// Who is responsible for an agreed item with no right of appeal (reg 42(3)).
    pub responsible_bodies: Vec<Choice>,
    /// The service's staff roles, to choose one: "Mediation adviser".
    pub staff_roles: Vec<Choice>,
    /// The staff roles in running text: "mediation adviser".
    pub staff_role_words: Vec<Choice>,
    /// A mediation meeting's status: "Planned", "Held", ...
    pub meeting_statuses: Vec<Choice>,
    /// What each entry of a case's history records, in running text: "note added".
    pub history_actions: Vec<Choice>,
    /// The words for a case's reference from the system it was imported from.
    pub legacy_reference: String,
    /// Disagreement resolution's lists: kinds, party types, answers, results.
    pub disagreement: crate::disagreement::DisagreementVocabulary,
    /// The facts a person types: each one's path, label and inputs.
    pub fact_fields: Vec<FactFieldWords>,
}

use crate::serde_names::name_of;

fn choice<T: Serialize + Copy>(value: T, label: &str) -> Choice {
    Choice { value: name_of(value), label: label.to_string() }
}

/// Every list of words the screens show, built from the rules' own labels.
pub fn vocabulary() -> Vocabulary {
    use DecisionKind::*;
    let decisions =
        [RefuseToAssess, RefuseToReassess, RefuseToIssuePlan, PlanContents, RefuseToAmendAfterReview, CeaseToMaintain]
            .into_iter()
            .map(|k| choice(k, exemptions::decision_label(k)))
            .collect();
    let issues = [Issue::NeedsB, Issue::ProvisionF, Issue::PlacementI, Issue::Health, Issue::SocialCare]
        .into_iter()
        .map(|i| choice(i, exemptions::issue_label(i)))
        .collect();
    let routes = [
        (Route::CertificateNeeded, "Certificate needed"),
        (Route::Exempt, "No certificate needed"),
        (Route::DisagreementResolution, "Disagreement resolution"),
        (Route::DisabilityDiscrimination, "Disability discrimination"),
        (Route::NotYetKnown, "Not yet known"),
    ]
    .into_iter()
    .map(|(r, l)| choice(r, l))
    .collect();
    let letter_items = letter::ITEMS.into_iter().map(|i: LetterItem| choice(i, letter::label(i))).collect();
    // "Parent" includes anyone with parental responsibility or care of the
    // child (Education Act 1996 s.576); a young person is over compulsory
    // school age and under 25 (CFA 2014 s.83(2)).
    const PARENT: &str = "Parent or carer (anyone with parental responsibility or care of the child)";
    const YOUNG_PERSON: &str = "Young person (over compulsory school age, under 25)";
    let caller_roles = [
        (CallerRole::Parent, PARENT),
        (CallerRole::YoungPerson, YOUNG_PERSON),
        (CallerRole::Representative, "Representative acting for them (an advocate, SENDIASS adviser, solicitor)"),
    ]
    .into_iter()
    .map(|(r, l)| choice(r, l))
    .collect();
    let caller_role_words = [CallerRole::Parent, CallerRole::YoungPerson, CallerRole::Representative]
        .into_iter()
        .map(|r| choice(r, r.words()))
        .collect();
    let staff_roles = [(StaffRole::Adviser, "Mediation adviser"), (StaffRole::Mediator, "Mediator")]
        .into_iter()
        .map(|(r, l)| choice(r, l))
        .collect();
    let staff_role_words = [StaffRole::Adviser, StaffRole::Mediator].into_iter().map(|r| choice(r, r.words())).collect();
    let meeting_statuses = [
        (MeetingStatus::Planned, "Planned"),
        (MeetingStatus::Held, "Held"),
        (MeetingStatus::Postponed, "Postponed"),
        (MeetingStatus::Cancelled, "Cancelled"),
    ]
    .into_iter()
    .map(|(s, l)| choice(s, l))
    .collect();
    let history_actions = HistoryAction::ALL.into_iter().map(|a| choice(a, a.words())).collect();
    let appellant_roles = [(AppellantRole::Parent, PARENT), (AppellantRole::YoungPerson, YOUNG_PERSON)]
        .into_iter()
        .map(|(r, l)| choice(r, l))
        .collect();
    let certificate_kinds =
        [CertificateKind::Declined, CertificateKind::Withdrawn, CertificateKind::Deemed, CertificateKind::AfterMediation]
            .into_iter()
            .map(|k| choice(k, crate::certificates::wording::kind_title(k)))
            .collect();
    use crate::rules::choices::*;
    let reading = |field: &str, question: &str, options: Vec<Choice>| ReadingChoice {
        field: field.into(),
        question: question.into(),
        options,
    };
    let readings = vec![
        reading(
            "thirty_days_start",
            "When do the 30 days for mediation start?",
            [ThirtyDaysStart::EarlierDate, ThirtyDaysStart::FamilyNotice, ThirtyDaysStart::AdviserNotice]
                .into_iter()
                .map(|c| choice(c, c.explanation()))
                .collect(),
        ),
        reading(
            "thirty_days_meaning",
            "Must the meeting be held, or only arranged, by day 30?",
            [ThirtyDaysMeaning::Held, ThirtyDaysMeaning::Arranged].into_iter().map(|c| choice(c, c.explanation())).collect(),
        ),
        reading(
            "notice_reading",
            "How is the 5-working-day notice of a meeting counted?",
            [NoticeReading::FiveWorkingDaysBefore, NoticeReading::FiveClearWorkingDays]
                .into_iter()
                .map(|c| choice(c, c.explanation()))
                .collect(),
        ),
        reading(
            "appeal_certificate",
            "Where the family holds more than one certificate, which one does the appeal's month count from?",
            [AppealCertificateReading::FirstCertificate, AppealCertificateReading::LatestInForce]
                .into_iter()
                .map(|c| choice(c, c.explanation()))
                .collect(),
        ),
        reading(
            "appeal_extension",
            "Does the August and Christmas extension apply when rule 12(2) carries a deadline into those periods?",
            [AppealExtensionReading::WhereTheTimeEnds, AppealExtensionReading::AlsoAfterNextWorkingDay]
                .into_iter()
                .map(|c| choice(c, c.explanation()))
                .collect(),
        ),
    ];
    use crate::facts::AgreementActionKind as A;
    let agreement_actions = [
        (A::MakeAssessment, "Make an EHC needs assessment or re-assessment"),
        (A::MakeAndMaintainPlan, "Make and maintain an EHC plan"),
        (A::AmendNeedsOrProvision, "Amend sections B and/or F"),
        (A::AmendPlacement, "Amend section I"),
        (A::ContinueToMaintain, "Continue to maintain the plan"),
        (A::CeaseToMaintain, "Cease to maintain the plan"),
        (A::NonAppealable, "Something the family could not appeal (e.g. health or social care provision)"),
    ]
    .into_iter()
    .map(|(kind, label)| ActionChoice {
        value: name_of(kind),
        label: label.into(),
        stages: crate::rules::agreement::stages(kind).iter().map(|s| s.label.to_string()).collect(),
    })
    .collect();
    use crate::facts::ResponsibleBody;
    let responsible_bodies = [
        (ResponsibleBody::LocalAuthority, "The local authority (e.g. social care)"),
        (ResponsibleBody::Icb, "The integrated care board (e.g. health care)"),
    ]
    .into_iter()
    .map(|(b, l)| choice(b, l))
    .collect();
    let legacy_reference = field_label("legacy_reference").unwrap_or_default().to_string();
    Vocabulary {
        readings,
        agreement_actions,
        decisions,
        issues,
        routes,
        letter_items,
        caller_roles,
        caller_role_words,
        appellant_roles,
        certificate_kinds,
        responsible_bodies,
        staff_roles,
        staff_role_words,
        meeting_statuses,
        history_actions,
        legacy_reference,
        disagreement: crate::disagreement::vocabulary(),
        fact_fields: fact_fields(),
    }
}

fn fact_fields() -> Vec<FactFieldWords> {
    crate::fact_fields::FACT_FIELDS
        .iter()
        .map(|f| FactFieldWords {
            path: f.path.into(),
            label: f.label.into(),
            id: f.id.map(Into::into),
            new_call_id: f.new_call.map(|b| b.id.into()),
            new_call_label: f.new_call_label().map(Into::into),
        })
        .collect()
}

/// A stored field's name in the mediators' words, for messages about it
/// ("Child's date of birth is required on a certificate"); none for fields
/// whose name already reads well. A fact's words are the registry's
/// (`law::fact_fields`).
pub fn field_label(field: &str) -> Option<&'static str> {
    Some(match field {
        "child.name" => "Child or young person's name",
        "legacy_reference" => "Old reference",
        "child.date_of_birth" => "Child's date of birth",
        "caller.name" => "Caller's name",
        "appellant" => "The parent or young person the caller acts for (the appellant)",
        "appellant.name" => "Name of the parent or young person the caller acts for",
        "appellant.relationship" => "The appellant's relationship to the child",
        "appellant.contact" => "The appellant's phone or email",
        "local_authority" => "Local authority",
        // A fact: as the registry of the facts' fields names it in messages.
        fact if fact.starts_with("facts.") => return crate::fact_fields::find(fact).and_then(|(f, _)| f.words()),
        "settings.service_name" => "The service's name",
        "issued_by" => "Issued by",
        "date" => "Date of issue",
        "closing_reason" => "The reason for closing the case",
        "disagreement" => "Disagreement resolution",
        "disagreement.about" => "What the disagreement is about",
        "disagreement.points" => "The outcome",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word<'a>(list: &'a [Choice], value: &str) -> Option<&'a str> {
        list.iter().find(|c| c.value == value).map(|c| c.label.as_str())
    }

    /// Issue 12: the words the screens used to make from a value's name
    /// themselves, now the core's, keyed by serde's names.
    #[test]
    fn the_screens_words_for_roles_statuses_and_history() {
        let v = vocabulary();
        assert_eq!(word(&v.caller_role_words, "young_person"), Some("young person"));
        assert_eq!(word(&v.caller_role_words, "representative"), Some("representative"));
        assert_eq!(word(&v.history_actions, "exemption_letter_written"), Some("exemption letter written"));
        assert_eq!(word(&v.history_actions, "certificate_reissued"), Some("certificate reissued"));
        assert_eq!(v.history_actions.len(), HistoryAction::ALL.len());
        assert_eq!(word(&v.staff_role_words, "adviser"), Some("mediation adviser"));
        assert_eq!(word(&v.staff_roles, "adviser"), Some("Mediation adviser"));
        assert_eq!(word(&v.staff_roles, "mediator"), Some("Mediator"));
        let statuses: Vec<&str> = v.meeting_statuses.iter().map(|c| c.value.as_str()).collect();
        assert_eq!(statuses, ["planned", "held", "postponed", "cancelled"]);
        assert_eq!(word(&v.routes, "disability_discrimination"), Some("Disability discrimination"));
    }

    /// Issue 12: a fact's words in messages and its inputs come from the registry.
    #[test]
    fn the_facts_fields_are_the_registrys() {
        assert_eq!(field_label("facts.withdrew_on"), Some("Date the family withdrew from mediation"));
        assert_eq!(field_label("facts.decision.sent_on"), Some("Date the letter was sent"));
        assert_eq!(field_label("facts.meetings[0].date"), None);
        let v = vocabulary();
        let sent = v.fact_fields.iter().find(|f| f.path == "facts.decision.sent_on").unwrap();
        assert_eq!(sent.id.as_deref(), Some("fact-decision-sent_on"));
        assert_eq!(sent.new_call_id.as_deref(), Some("sent_on"));
        let call = v.fact_fields.iter().find(|f| f.new_call_id.as_deref() == Some("call_date")).unwrap();
        assert_eq!(call.new_call_label.as_deref(), Some("Date of this call"));
    }
}
