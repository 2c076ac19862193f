//! The issuing rules, as pure functions: from a stored case, the service's
//! settings and the issuer, check that the facts the kind needs are there
//! and build the [`CertificateContent`] (or the exemption letter's
//! content). No database and no clock: the workflow (`workflow`) hands
//! these to the store, which allocates the number and records the issue in
//! one transaction.
//!
//! Every date printed comes from the engine (`rules::timeline`): the due
//! date for the kind (to judge lateness), day 30 for a deemed certificate,
//! and the appeal deadline counting this certificate.

use chrono::NaiveDate;

use super::content::{CertificateContent, ExemptIssue, ExemptionLetterContent, KindDetails, ServiceDetails, Signatory};
use crate::calendar::{dates, Calendar};
use crate::facts::{CaseFacts, CertificateKind, DecisionKind, Issue, IssuedCertificate, MeetingStatus};
use crate::pdf::RenderError;
use crate::rules::choices::CountingChoices;
use crate::rules::exemptions::{decision_label, issue_label};
use crate::store::{CaseRecord, ServiceSettings, StaffMember, StaffRole, StoreError};
use crate::timeline::{Route, Timeline};

/// What the drafters the store calls return (`store::CertificateDrafter`).
type Result<T> = std::result::Result<T, StoreError>;

pub use crate::people::issuer_role;
pub use crate::store::{format_number, kind_from_name, kind_name, IssueRequest, PREVIEW_NUMBER};

/// "a declined", "an after-mediation": for messages.
pub fn kind_phrase(kind: CertificateKind) -> &'static str {
    match kind {
        CertificateKind::Declined => "a declined",
        CertificateKind::Withdrawn => "a withdrawn",
        CertificateKind::Deemed => "a deemed",
        CertificateKind::AfterMediation => "an after-mediation",
    }
}

/// A checked certificate, ready to render and record.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// Everything the certificate prints, resolved to strings and dates.
    pub content: CertificateContent,
    /// The engine's due date for issuing this kind (None: no clock).
    pub due_on: Option<NaiveDate>,
    /// The date of issue is after `due_on`.
    pub late: bool,
    /// The case's facts with this certificate added.
    pub facts_after: CaseFacts,
}

fn bad(field: &str, message: impl Into<String>) -> StoreError {
    StoreError::bad(field, message)
}

/// Refuse a case whose route needs no certificate (or is not known yet),
/// or whose facts contradict each other.
fn check_route(case: &CaseRecord, timeline: &Timeline) -> Result<()> {
    if let Some(p) = timeline.problems.first() {
        return Err(bad(&format!("facts.{}", p.field), format!("{} (correct the case before issuing)", p.message)));
    }
    match timeline.route {
        Route::CertificateNeeded => Ok(()),
        Route::Exempt => Err(bad(
            "route",
            format!(
                "{}: {}. Write the exemption letter instead: letter exemption {}",
                case.reference, timeline.route_text, case.reference
            ),
        )),
        _ => Err(bad("route", format!("{}: {}", case.reference, timeline.route_text))),
    }
}

/// The appellant the document names, and whoever contacted the service
/// for them (`rules::appellant::named`): refused, naming `appellant`, while
/// a representative's appellant is not recorded. A name the font cannot
/// print is refused against the field it came from.
fn appellant(case: &CaseRecord, document: &str) -> Result<(String, Option<String>)> {
    use crate::rules::appellant::{named, Missing, Named};
    let Named { appellant, acting } = named(&case.parties()).map_err(|missing| match missing {
        Missing::Appellant { representative } => bad(
            "appellant",
            format!(
                "is required before {document} is issued: {representative} rang as a representative; record the parent or young person they act for"
            ),
        ),
        Missing::Caller => bad("caller.name", "is required on a certificate (the parent or young person)"),
    })?;
    let appellant_field = if case.appellant.is_some() {
        "appellant.name"
    } else if acting.is_some() {
        // A parent who rang about a young person acts for them.
        "child.name"
    } else {
        "caller.name"
    };
    for (field, name) in [(appellant_field, Some(&appellant)), ("caller.name", acting.as_ref())] {
        if let Some(character) = name.and_then(|n| crate::pdf::first_unprintable(n)) {
            return Err(render_error(RenderError::UnsupportedCharacter { field: field.into(), character }));
        }
    }
    Ok((appellant, acting))
}

fn decision(case: &CaseRecord) -> Result<(String, NaiveDate)> {
    let kind = case.facts.decision.kind.ok_or_else(|| bad("facts.decision.kind", "is required on a certificate"))?;
    let sent =
        case.facts.decision.sent_or_dated().ok_or_else(|| bad("facts.decision.sent_on", "is required on a certificate"))?;
    Ok((decision_label(kind).to_string(), sent))
}

fn service_details(s: &ServiceSettings) -> Result<ServiceDetails> {
    if s.service_name.trim().is_empty() {
        return Err(bad("settings.service_name", "is required on a certificate and a letter: enter it in Settings (or: mediation-desk settings set --service-name ...)"));
    }
    Ok(ServiceDetails {
        name: s.service_name.clone(),
        address_lines: s.address.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect(),
        phone: s.phone.clone(),
        email: s.email.clone(),
    })
}

/// The issues a certificate after mediation lists: the case's issues (or
/// the decision itself, for a decision that is not about a plan's
/// contents), split into resolved and not resolved.
fn issue_lists(facts: &CaseFacts, resolved: &[Issue]) -> Result<(Vec<String>, Vec<String>)> {
    match facts.decision.kind {
        Some(DecisionKind::PlanContents) | None => {
            for r in resolved {
                if !facts.issues.contains(r) {
                    return Err(bad("resolved", format!("'{}' is not one of the case's issues", issue_label(*r))));
                }
            }
            let (yes, no): (Vec<Issue>, Vec<Issue>) = facts.issues.iter().partition(|i| resolved.contains(i));
            Ok((
                yes.into_iter().map(|i| issue_label(i).to_string()).collect(),
                no.into_iter().map(|i| issue_label(i).to_string()).collect(),
            ))
        }
        Some(kind) => {
            if !resolved.is_empty() {
                return Err(bad(
                    "resolved",
                    "this decision is not about a plan's contents: the only issue is the decision itself (leave --resolved out)",
                ));
            }
            Ok((Vec::new(), vec![decision_label(kind).to_string()]))
        }
    }
}

/// The dates the kind needs, checked against the date of issue.
fn kind_details(
    kind: CertificateKind,
    facts: &CaseFacts,
    timeline: &Timeline,
    issued_on: NaiveDate,
    resolved: &[Issue],
) -> Result<KindDetails> {
    // The facts the kind rests on (`rules::problems::certificate_grounds`,
    // the list the engine checks certificates against): each recorded,
    // and none after the date of issue.
    let mut grounds = Vec::new();
    for ground in crate::rules::problems::certificate_grounds(kind, facts) {
        let field = format!("facts.{}", ground.field);
        let on = ground.date.ok_or_else(|| bad(&field, ground.missing))?;
        if issued_on < on {
            return Err(bad(
                "date",
                format!("{} is before {} ({}, {field})", dates::long(issued_on), ground.what, dates::long(on)),
            ));
        }
        grounds.push(on);
    }
    Ok(match kind {
        CertificateKind::Declined => KindDetails::Declined { told_adviser_on: grounds[0] },
        CertificateKind::Withdrawn => KindDetails::Withdrawn { told_adviser_on: grounds[0] },
        CertificateKind::Deemed => {
            let on = grounds[0];
            let earliest_notice = facts.family_told_la_on.into_iter().chain(facts.adviser_told_la_on).min().ok_or_else(|| {
                bad(
                    "facts.family_told_la_on",
                    "is required for a deemed certificate (the date the LA was told of the wish to mediate)",
                )
            })?;
            let thirty_days = timeline
                .clock(crate::rules::MEDIATION_HELD.key)
                .ok_or_else(|| bad("facts.family_told_la_on", "the 30 days could not be counted from the facts recorded"))?;
            // The date the 30 days ran from, as the engine chose it under the
            // service's reading, so "the LA was told on" and "by day 30" agree.
            // When the ICB arranges, the days run from the LA's notice to the
            // ICB; the certificate still names when the LA itself was told.
            let la_told_on = match crate::rules::thirty_days::arranger(facts) {
                crate::rules::thirty_days::Arranger::Icb => earliest_notice,
                crate::rules::thirty_days::Arranger::LocalAuthority => thirty_days.trigger.date,
            };
            KindDetails::Deemed { la_told_on, day_30: thirty_days.due_date, could_not_arrange_on: on }
        }
        CertificateKind::AfterMediation => {
            let concluded_on = grounds[0];
            let mut meeting_dates: Vec<NaiveDate> =
                facts.meetings.iter().filter(|m| m.status == MeetingStatus::Held).map(|m| m.date).collect();
            meeting_dates.sort();
            let (issues_resolved, issues_not_resolved) = issue_lists(facts, resolved)?;
            KindDetails::AfterMediation { meeting_dates, concluded_on, issues_resolved, issues_not_resolved }
        }
    })
}

/// Whether placement (section I) is in issue: the certificate's guidance
/// then says a placement-only appeal needs no certificate.
fn placement_in_issue(facts: &CaseFacts) -> bool {
    matches!(facts.decision.kind, Some(DecisionKind::PlanContents) | None) && facts.issues.contains(&Issue::PlacementI)
}

/// Check the issuer has the role the kind needs.
fn check_issuer(kind: CertificateKind, issuer: &StaffMember) -> Result<Signatory> {
    let needed = issuer_role(kind);
    if issuer.role != needed {
        let (is, must) = match needed {
            StaffRole::Mediator => ("a mediation adviser", "the mediator"),
            StaffRole::Adviser => ("a mediator", "a mediation adviser"),
        };
        return Err(bad("issued_by", format!("{} is {is}; {} certificate is issued by {must}", issuer.name, kind_phrase(kind))));
    }
    let registration = issuer.registration.clone().unwrap_or_default();
    if registration.trim().is_empty() {
        return Err(bad(
            "issued_by",
            format!("{} has no registration recorded (staff add NAME --role ... --registration REG)", issuer.name),
        ));
    }
    Ok(Signatory { name: issuer.name.clone(), registration })
}

/// Map the renderer's field names to the ones a person fixes. A document
/// is checked and rendered inside the store's transaction (the store's
/// drafters), so its refusals are the store's errors.
pub fn render_error(err: RenderError) -> StoreError {
    let field_of = |field: &str| -> String {
        match field {
            "parent_name" | "acting" => "caller.name".into(),
            "child_name" => "child.name".into(),
            "issued_by.name" | "signed_by.name" => "issued_by".into(),
            "issued_by.registration" | "signed_by.registration" => "issued_by.registration".into(),
            "service.name" => "settings.service_name".into(),
            "service.phone" => "settings.phone".into(),
            "service.email" => "settings.email".into(),
            f if f.starts_with("service.address_lines") => "settings.address".into(),
            other => other.to_string(),
        }
    };
    match err {
        RenderError::UnsupportedCharacter { field, character } => {
            let full = crate::pdf::unsupported_character(&field, character);
            let message = full.strip_prefix(&format!("{field}: ")).unwrap_or(&full).to_string();
            StoreError::BadInput { field: field_of(&field), message }
        }
        RenderError::MissingField { field } => {
            StoreError::BadInput { field: field_of(&field), message: "must not be empty".into() }
        }
        RenderError::Pdf(message) => StoreError::Other(format!("could not write the PDF: {message}")),
    }
}

/// Check everything a certificate of `req.kind` needs and build what it
/// prints. `case.facts` is the case as it is now (before this certificate).
pub fn prepare(case: &CaseRecord, req: &IssueRequest) -> Result<Prepared> {
    let before = crate::rules::timeline(&case.facts, req.cal, req.choices, req.issued_on);
    check_route(case, &before)?;
    if let Some(cert) = case.facts.certificate_in_force() {
        return Err(bad(
            "kind",
            format!(
                "{} already has {} certificate in force ({}, issued {}): void it first (certificate void NUMBER --reason ...), then re-issue",
                case.reference,
                kind_phrase(cert.kind),
                cert.number.as_deref().unwrap_or("no number"),
                dates::long(cert.issued_on)
            ),
        ));
    }
    let service = service_details(req.service)?;
    let (parent_name, acting) = appellant(case, "a certificate")?;
    let child_date_of_birth =
        case.child.date_of_birth.ok_or_else(|| bad("child.date_of_birth", "is required on a certificate"))?;
    let (decision, decision_sent_on) = decision(case)?;
    let first_contact_on =
        case.facts.first_contact_on.ok_or_else(|| bad("facts.first_contact_on", "is required on a certificate"))?;
    if req.issued_on < first_contact_on {
        return Err(bad(
            "date",
            format!("{} is before the first contact ({})", dates::long(req.issued_on), dates::long(first_contact_on)),
        ));
    }
    let details = kind_details(req.kind, &case.facts, &before, req.issued_on, req.resolved)?;
    let issued_by = check_issuer(req.kind, req.issuer)?;
    let due_on = before.clock(crate::rules::certificate_clock(req.kind)).map(|c| c.due_date);

    let mut facts_after = case.facts.clone();
    let number = (req.number != PREVIEW_NUMBER).then(|| req.number.clone());
    facts_after.certificates.push(IssuedCertificate { kind: req.kind, issued_on: req.issued_on, number, voided: false });
    let after = crate::rules::timeline(&facts_after, req.cal, req.choices, req.issued_on);
    // The checks above and the engine's problems read the same grounds; this
    // is the last word: a certificate the engine would refuse is never issued.
    if let Some(p) = after.problems.first() {
        return Err(bad(&format!("facts.{}", p.field), format!("{} (correct the case before issuing)", p.message)));
    }
    let appeal_deadline = after
        .appeal_deadline()
        .map(|clock| clock.due_date)
        .ok_or_else(|| bad("facts.decision.sent_on", "the appeal deadline could not be counted from the facts recorded"))?;
    let content = CertificateContent {
        service,
        number: req.number.clone(),
        issued_on: req.issued_on,
        parent_name,
        acting,
        child_name: case.child.name.clone(),
        child_date_of_birth,
        local_authority: case.local_authority.clone(),
        icb: case.icb.clone(),
        decision,
        decision_sent_on,
        first_contact_on,
        details,
        issued_by,
        appeal_deadline,
        replaces: req.replaces.clone(),
        month_counts_from: crate::rules::appeal::counted_certificate(&facts_after, req.choices.appeal_certificate)
            .map(|c| c.issued_on)
            .filter(|on| *on != req.issued_on),
        placement_in_issue: placement_in_issue(&case.facts),
    };
    Ok(Prepared { late: due_on.is_some_and(|due| req.issued_on > due), due_on, content, facts_after })
}

/// Check a case needs no certificate and build its exemption letter.
pub fn prepare_exemption_letter(
    case: &CaseRecord,
    service: &ServiceSettings,
    signed_by: Option<&StaffMember>,
    dated: NaiveDate,
    cal: &Calendar,
    choices: &CountingChoices,
) -> Result<ExemptionLetterContent> {
    let timeline = crate::rules::timeline(&case.facts, cal, choices, dated);
    if let Some(p) = timeline.problems.first() {
        return Err(bad(&format!("facts.{}", p.field), format!("{} (correct the case first)", p.message)));
    }
    if timeline.route != Route::Exempt {
        let hint = if timeline.route == Route::CertificateNeeded {
            ": issue a certificate instead (certificate issue REF --kind ...)"
        } else {
            ""
        };
        return Err(bad("route", format!("{} is not exempt: {}{hint}", case.reference, timeline.route_text)));
    }
    let exempt_issues: Vec<ExemptIssue> = timeline
        .exemptions
        .iter()
        .filter(|a| !a.certificate_needed)
        .map(|a| ExemptIssue { issue: a.label.to_string(), reason: format!("{}. Source: {}.", a.reason, a.citation) })
        .collect();
    let (decision, decision_sent_on) = decision(case)?;
    // No appeal lies on health or social care alone: no clock, no deadline box.
    let appeal_deadline = match timeline.appeal_deadline() {
        Some(clock) => Some(clock.due_date),
        None if crate::rules::exemptions::no_appeal_lies(&case.facts) => None,
        None => return Err(bad("facts.decision.sent_on", "the appeal deadline could not be counted from the facts recorded")),
    };
    let signed_by =
        signed_by.map(|s| Signatory { name: s.name.clone(), registration: s.registration.clone().unwrap_or_default() });
    let (parent_name, acting) = appellant(case, "an exemption letter")?;
    Ok(ExemptionLetterContent {
        service: service_details(service)?,
        dated,
        parent_name,
        acting,
        child_name: case.child.name.clone(),
        local_authority: case.local_authority.clone(),
        decision,
        decision_sent_on,
        exempt_issues,
        appeal_deadline,
        signed_by,
    })
}
