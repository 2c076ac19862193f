//! The certificate form on the Case screen: which kind, the date of issue
//! as three boxes, who issues it, and (after mediation) the issues that
//! were resolved; and the void and re-issue forms. Each is checked here
//! before the store is asked: the issue form as every form is
//! (`Result<_, Vec<FieldError>>`), the void and re-issue forms' one box
//! with one message naming its field.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::call_form::{required_date_field, DateParts, FieldError};
use crate::facts::{CertificateKind, Issue};
use crate::store::{CertificateFilter, CertificateRecord, IssueOptions, StaffMember, Store, MAX_TEXT_CHARS};
use crate::timeline::Timeline;

/// "Issue a certificate", as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IssueCertificateForm {
    /// Which of the four kinds of certificate to issue: declined, withdrawn, deemed, or after mediation.
    pub kind: CertificateKind,
    /// The date of issue as three boxes: required, and not after today. The one-month appeal limit runs from it.
    pub issued_on: DateParts,
    /// A staff member's name; empty or none: the only one with the role.
    pub issued_by: Option<String>,
    /// After mediation: the issues resolved.
    #[serde(default)]
    pub resolved: Vec<Issue>,
}

/// The form, checked: what the store's issue and preview take.
#[derive(Debug, Clone)]
pub struct CheckedIssue {
    /// Which of the four kinds of certificate to issue.
    pub kind: CertificateKind,
    /// The date of issue, not after today.
    pub issued_on: NaiveDate,
    /// Who issues it and, after mediation, the issues resolved.
    pub options: IssueOptions,
}

/// A required date that cannot be in the future (`label` as the form shows it).
fn past_date(field: &str, label: &str, parts: &DateParts, today: NaiveDate) -> Result<NaiveDate, FieldError> {
    let problem = |message: String| FieldError { field: field.into(), message };
    let date = required_date_field(field, label, parts)?;
    if date > today {
        return Err(problem(format!("{label} must be today or in the past")));
    }
    Ok(date)
}

/// A date of issue: required, real, and not after today.
pub fn date_of_issue(parts: &DateParts, today: NaiveDate) -> Result<NaiveDate, FieldError> {
    past_date("issued_on", "Date of issue", parts, today)
}

/// The date on an exemption letter: required, real, not after today.
pub fn letter_date(parts: &DateParts, today: NaiveDate) -> Result<NaiveDate, FieldError> {
    past_date("letter_dated", "Date of the letter", parts, today)
}

/// The form, checked (as every form: `Result<_, Vec<FieldError>>`; its one
/// date gives at most one problem).
pub fn check(form: &IssueCertificateForm, today: NaiveDate) -> Result<CheckedIssue, Vec<FieldError>> {
    let issued_on = date_of_issue(&form.issued_on, today).map_err(|e| vec![e])?;
    let issued_by = form.issued_by.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    let resolved = if form.kind == CertificateKind::AfterMediation { form.resolved.clone() } else { Vec::new() };
    Ok(CheckedIssue { kind: form.kind, issued_on, options: IssueOptions { issued_by, resolved } })
}

/// "Void", as typed: the reason is required.
pub fn void_reason(reason: &str) -> Result<String, FieldError> {
    let problem = |message: String| FieldError { field: "void_reason".into(), message };
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(problem("Enter why the certificate is being voided".into()));
    }
    if reason.chars().count() > MAX_TEXT_CHARS {
        return Err(problem(format!("Reason for voiding must be {MAX_TEXT_CHARS} characters or fewer")));
    }
    Ok(reason.to_string())
}

/// What the Case screen's certificate section shows: the case's
/// certificates, the kind its clocks call for, who may issue, and today.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CaseCertificates {
    /// The case's certificates, issued and voided, as the register holds them.
    pub certificates: Vec<CertificateRecord>,
    /// The kind whose certificate clock is running (pending or overdue),
    /// if any: the form starts on it.
    pub suggested_kind: Option<CertificateKind>,
    /// The service's staff, to choose who issues the certificate.
    pub staff: Vec<StaffMember>,
    /// Today's date, for the date of issue box.
    pub today: NaiveDate,
}

/// The kind of certificate the case's clocks call for now: the one whose
/// issuing clock still has to be met (upcoming, due today or overdue),
/// and none while a certificate is in force.
pub fn suggested_kind(timeline: &Timeline, certificates: &[CertificateRecord]) -> Option<CertificateKind> {
    if certificates.iter().any(|c| c.voided_at.is_none()) {
        return None;
    }
    [CertificateKind::AfterMediation, CertificateKind::Deemed, CertificateKind::Withdrawn, CertificateKind::Declined]
        .into_iter()
        .find(|&kind| timeline.clocks.iter().any(|c| c.key == crate::rules::certificate_clock(kind) && c.status.is_pending()))
}

/// The register's filters, as the Certificates screen sends them.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct RegisterQuery {
    /// Text to find in the certificate number, the case reference, the child's name or the LA.
    pub search: Option<String>,
    /// `all`, `in_force` or `voided`.
    pub status: String,
    /// A kind's name, or none for every kind.
    pub kind: Option<String>,
}

/// The register as the Certificates screen shows it: filtered, newest first.
pub fn register(store: &Store, query: &RegisterQuery) -> crate::Result<Vec<CertificateRecord>> {
    let filter = CertificateFilter {
        in_force_only: query.status == "in_force",
        voided_only: query.status == "voided",
        kind: query.kind.clone().filter(|k| !k.is_empty()),
        search: query.search.clone(),
        ..CertificateFilter::default()
    };
    let mut rows = store.certificates(&filter)?;
    rows.reverse();
    Ok(rows)
}
