//! The certificate workflow over the store's register: issue, preview,
//! re-issue, the exemption letter and the record of outcome, each checked
//! and rendered here (`issue`, `pdf`) and numbered and recorded by the
//! store in one transaction; and the files the user opens (the print copy,
//! a preview, "Save as"). Voiding renders nothing and is the store's
//! (`Store::void_certificate`).
//!
//! The methods are on [`CertificateWorkflow`], implemented for the store,
//! so a shell writes `store.issue_certificate(...)` with this trait in
//! scope.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{files, form, issue, render_certificate, render_exemption_letter};
use crate::facts::CertificateKind;
use crate::store::{
    CaseRecord, CertificateFilter, DraftedCertificate, IssueOptions, IssueRequest, IssuedRecord, LetterRequest, ServiceSettings,
    Store,
};
use crate::Result;

/// Check the case against the request and render the certificate: what
/// the store calls inside the issue's transaction.
fn draft_certificate(case: &CaseRecord, request: &IssueRequest) -> crate::store::Result<DraftedCertificate> {
    let prepared = issue::prepare(case, request)?;
    let pdf = render_certificate(&prepared.content).map_err(issue::render_error)?;
    Ok(DraftedCertificate {
        pdf,
        due_on: prepared.due_on,
        late: prepared.late,
        appeal_deadline: prepared.content.appeal_deadline,
        issuer_registration: prepared.content.issued_by.registration.clone(),
        facts_after: prepared.facts_after,
    })
}

/// Check and render an exemption letter.
fn draft_letter(request: &LetterRequest) -> crate::store::Result<Vec<u8>> {
    let content = issue::prepare_exemption_letter(
        request.case,
        request.service,
        request.signer,
        request.dated,
        request.cal,
        request.choices,
    )?;
    render_exemption_letter(&content).map_err(issue::render_error)
}

/// Certificates, letters and their files, over the store's register.
pub trait CertificateWorkflow {
    /// Issue a certificate of `kind` for the case, dated `issued_on`.
    /// Refused (nothing written, no number used) with `StoreError::BadInput`
    /// (in `DeskError::Store`) naming the field when a fact the kind needs
    /// is missing, the case needs no certificate, one is already in force,
    /// the issuer is wrong, the date is after `today`, or a name cannot be
    /// printed. Late issues are recorded and returned in `late`.
    fn issue_certificate(
        &mut self,
        reference: &str,
        kind: CertificateKind,
        issued_on: NaiveDate,
        options: &IssueOptions,
        who: &str,
        today: NaiveDate,
    ) -> Result<IssuedRecord>;

    /// The certificate as it would be issued, with `PREVIEW: NOT ISSUED`
    /// for the number: the same checks, nothing saved, no number used.
    fn preview_certificate(
        &mut self,
        reference: &str,
        kind: CertificateKind,
        issued_on: NaiveDate,
        options: &IssueOptions,
    ) -> Result<IssuedRecord>;

    /// Issue a new certificate replacing a voided one: the same case, kind,
    /// issuer and issues resolved, from the case's facts as they are now
    /// (so a corrected name prints corrected), with a new number, the new
    /// date of issue, and "replaces NUMBER" printed.
    fn reissue_certificate(&mut self, number: &str, issued_on: NaiveDate, who: &str, today: NaiveDate) -> Result<IssuedRecord>;

    /// The letter for a case that needs no certificate (placement only,
    /// health and social care only), dated `dated`, signed by the staff
    /// member named (if any), not after `today`. Not stored; the history
    /// records it.
    fn exemption_letter(
        &mut self,
        reference: &str,
        dated: NaiveDate,
        signed_by: Option<&str>,
        who: &str,
        today: NaiveDate,
    ) -> Result<Vec<u8>>;

    /// The record of outcome of a disagreement resolution case, dated
    /// `dated`, as PDF bytes; recorded in the case's history.
    fn record_of_outcome(&mut self, reference: &str, dated: NaiveDate, who: &str) -> Result<Vec<u8>>;

    /// "Save as": write certificate `number`'s stored PDF (hash-checked) to
    /// `dest`, `.pdf` added if missing. Returns the path written.
    fn save_certificate_pdf(&self, number: &str, dest: &Path) -> Result<PathBuf>;

    /// The copy to open in the PDF viewer and print, written to
    /// `<data>/certificates/<number>.pdf` (replaced whole each time, from
    /// the stored bytes). Returns its path.
    fn print_copy(&self, number: &str) -> Result<PathBuf>;

    /// A preview of the certificate the form describes, written to
    /// `<data>/previews/<reference>-preview.pdf`, with the lateness it
    /// would be issued with. Nothing is issued.
    fn preview_file(
        &mut self,
        reference: &str,
        kind: CertificateKind,
        issued_on: NaiveDate,
        options: &IssueOptions,
    ) -> Result<(PathBuf, IssuedRecord)>;

    /// The exemption letter written to
    /// `<data>/letters/<reference>-exemption-letter.pdf`. Returns its path.
    fn exemption_letter_file(
        &mut self,
        reference: &str,
        dated: NaiveDate,
        signed_by: Option<&str>,
        who: &str,
        today: NaiveDate,
    ) -> Result<PathBuf>;

    /// The record of outcome written to
    /// `<data>/records/<reference>-record-of-outcome.pdf`.
    fn record_of_outcome_file(&mut self, reference: &str, dated: NaiveDate, who: &str) -> Result<PathBuf>;

    /// What the Case screen's certificate section shows.
    fn case_certificates(&self, reference: &str, today: NaiveDate) -> Result<form::CaseCertificates>;
}

impl CertificateWorkflow for Store {
    fn issue_certificate(
        &mut self,
        reference: &str,
        kind: CertificateKind,
        issued_on: NaiveDate,
        options: &IssueOptions,
        who: &str,
        today: NaiveDate,
    ) -> Result<IssuedRecord> {
        Ok(self.issue_certificate_with(reference, kind, issued_on, options, who, today, &draft_certificate)?)
    }

    fn preview_certificate(
        &mut self,
        reference: &str,
        kind: CertificateKind,
        issued_on: NaiveDate,
        options: &IssueOptions,
    ) -> Result<IssuedRecord> {
        Ok(self.preview_certificate_with(reference, kind, issued_on, options, &draft_certificate)?)
    }

    fn reissue_certificate(&mut self, number: &str, issued_on: NaiveDate, who: &str, today: NaiveDate) -> Result<IssuedRecord> {
        Ok(self.reissue_certificate_with(number, issued_on, who, today, &draft_certificate)?)
    }

    fn exemption_letter(
        &mut self,
        reference: &str,
        dated: NaiveDate,
        signed_by: Option<&str>,
        who: &str,
        today: NaiveDate,
    ) -> Result<Vec<u8>> {
        Ok(self.exemption_letter_with(reference, dated, signed_by, who, today, &draft_letter)?)
    }

    fn record_of_outcome(&mut self, reference: &str, dated: NaiveDate, who: &str) -> Result<Vec<u8>> {
        let draft = |case: &CaseRecord, service: &ServiceSettings| -> crate::store::Result<Vec<u8>> {
            let content = crate::disagreement::record::prepare(case, service, dated)?;
            super::pdf::record_of_outcome::render(&content).map_err(issue::render_error)
        };
        Ok(self.record_of_outcome_with(reference, dated, who, &draft)?)
    }

    fn save_certificate_pdf(&self, number: &str, dest: &Path) -> Result<PathBuf> {
        let pdf = self.certificate_pdf(number)?;
        files::write_pdf(dest, &pdf)
    }

    fn print_copy(&self, number: &str) -> Result<PathBuf> {
        let pdf = self.certificate_pdf(number)?;
        files::write_pdf(&files::print_copy_path(&self.data_dir(), number), &pdf)
    }

    fn preview_file(
        &mut self,
        reference: &str,
        kind: CertificateKind,
        issued_on: NaiveDate,
        options: &IssueOptions,
    ) -> Result<(PathBuf, IssuedRecord)> {
        let preview = self.preview_certificate(reference, kind, issued_on, options)?;
        let path = files::write_pdf(&files::preview_path(&self.data_dir(), reference), &preview.pdf)?;
        Ok((path, preview))
    }

    fn exemption_letter_file(
        &mut self,
        reference: &str,
        dated: NaiveDate,
        signed_by: Option<&str>,
        who: &str,
        today: NaiveDate,
    ) -> Result<PathBuf> {
        let pdf = self.exemption_letter(reference, dated, signed_by, who, today)?;
        files::write_pdf(&files::exemption_letter_path(&self.data_dir(), reference), &pdf)
    }

    fn record_of_outcome_file(&mut self, reference: &str, dated: NaiveDate, who: &str) -> Result<PathBuf> {
        let pdf = self.record_of_outcome(reference, dated, who)?;
        files::write_pdf(&files::record_of_outcome_path(&self.data_dir(), reference), &pdf)
    }

    fn case_certificates(&self, reference: &str, today: NaiveDate) -> Result<form::CaseCertificates> {
        let case = self.case(reference)?;
        let certificates =
            self.certificates(&CertificateFilter { reference: Some(reference.to_string()), ..CertificateFilter::default() })?;
        let timeline = crate::rules::timeline(&case.facts, &self.calendar()?, &self.choices()?, today);
        Ok(form::CaseCertificates {
            suggested_kind: form::suggested_kind(&timeline, &certificates),
            certificates,
            staff: self.staff()?,
            today,
        })
    }
}
