//! What a certificate or exemption letter prints, already resolved to
//! strings and dates. The caller (the issuing rules and the store) fills
//! these in; the renderer only lays them out. Labels only, never the
//! confidential content of a mediation.

use chrono::NaiveDate;

use crate::facts::CertificateKind;

/// The mediation service's name and contact details, from Settings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ServiceDetails {
    /// The service's name, as in Settings: in the letterhead and the footer.
    pub name: String,
    /// The service's postal address, one line a line, blank lines left out.
    pub address_lines: Vec<String>,
    /// The service's phone number (may be empty).
    pub phone: String,
    /// The service's email address (may be empty).
    pub email: String,
}

/// The mediation adviser or mediator who issues the document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Signatory {
    /// Their name, as printed under "Issued by" or at the foot of a letter.
    pub name: String,
    /// Their registration (a professional body and number, as the service
    /// records it).
    pub registration: String,
}

/// The dates that differ between the four kinds of certificate. The kind
/// of the certificate is the variant: see [`CertificateContent::kind`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KindDetails {
    /// The family does not wish to mediate.
    Declined {
        /// The date the family told the adviser.
        told_adviser_on: NaiveDate,
    },
    /// The family chose mediation, then decided not to pursue it.
    Withdrawn {
        /// The date the family told the adviser.
        told_adviser_on: NaiveDate,
    },
    /// Mediation could not be arranged within 30 days.
    Deemed {
        /// The date the local authority was told of the wish to mediate.
        la_told_on: NaiveDate,
        /// Day 30 of the 30 days.
        day_30: NaiveDate,
        /// The date the arranging body said it could not arrange mediation.
        could_not_arrange_on: NaiveDate,
    },
    /// Mediation took place and has concluded.
    AfterMediation {
        /// The date of each meeting held, in order.
        meeting_dates: Vec<NaiveDate>,
        /// The date mediation concluded.
        concluded_on: NaiveDate,
        /// Labels of the issues resolved ("Section F: special educational
        /// provision"), never what was said or agreed.
        issues_resolved: Vec<String>,
        /// Labels of the issues still in dispute after mediation: what the appeal may be about.
        issues_not_resolved: Vec<String>,
    },
}

impl KindDetails {
    /// Which of the four kinds of certificate these details are for.
    pub fn kind(&self) -> CertificateKind {
        match self {
            KindDetails::Declined { .. } => CertificateKind::Declined,
            KindDetails::Withdrawn { .. } => CertificateKind::Withdrawn,
            KindDetails::Deemed { .. } => CertificateKind::Deemed,
            KindDetails::AfterMediation { .. } => CertificateKind::AfterMediation,
        }
    }
}

/// Everything a mediation certificate prints (statutory-clocks.md section 5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateContent {
    /// The service's name and contact details, from Settings.
    pub service: ServiceDetails,
    /// The unique certificate number.
    pub number: String,
    /// The date of issue: the one-month appeal limit runs from it.
    pub issued_on: NaiveDate,
    /// The appellant: the parent or young person the certificate is for
    /// (CFA 2014 s.51), never a representative.
    pub parent_name: String,
    /// Whoever contacted the service for the appellant (a representative,
    /// or a parent for a young person): "X, acting for Y". None when the
    /// appellant did.
    pub acting: Option<String>,
    /// The child or young person's name.
    pub child_name: String,
    /// The child or young person's date of birth.
    pub child_date_of_birth: NaiveDate,
    /// The local authority that made the decision.
    pub local_authority: String,
    /// The integrated care board, where health was in issue.
    pub icb: Option<String>,
    /// The decision, as a label ("Refusal to carry out an EHC needs
    /// assessment").
    pub decision: String,
    /// The date the decision letter was sent (the law runs from this).
    pub decision_sent_on: NaiveDate,
    /// The family's first contact with the mediation adviser.
    pub first_contact_on: NaiveDate,
    /// The kind of certificate and the dates that go with it.
    pub details: KindDetails,
    /// The mediation adviser (declined, withdrawn, deemed) or the mediator
    /// (after mediation).
    pub issued_by: Signatory,
    /// The appeal deadline: the engine's appeal clock for the case with
    /// this certificate added, under the service's readings.
    pub appeal_deadline: NaiveDate,
    /// The number of a voided certificate this one replaces.
    pub replaces: Option<String>,
    /// Where the appeal's month counts from an earlier certificate than
    /// this one (the default reading, on a re-issue): its date of issue.
    pub month_counts_from: Option<NaiveDate>,
    /// Placement (section I) is in issue: the guidance says a placement-only
    /// appeal needs no certificate.
    pub placement_in_issue: bool,
}

impl CertificateContent {
    /// Which of the four kinds this certificate is: declined, withdrawn, deemed, or after mediation.
    pub fn kind(&self) -> CertificateKind {
        self.details.kind()
    }
}

/// An issue that needs no certificate, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExemptIssue {
    /// The issue's label ("Section I: the school or institution named").
    pub issue: String,
    /// Why no certificate is needed, in a sentence.
    pub reason: String,
}

/// The letter for a case that needs no certificate (placement only, or
/// health and social care only): statutory-clocks.md section 4.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExemptionLetterContent {
    /// The service's name and contact details, from Settings.
    pub service: ServiceDetails,
    /// The date of the letter.
    pub dated: NaiveDate,
    /// The appellant: the parent or young person (never a representative).
    pub parent_name: String,
    /// Whoever contacted the service for the appellant, if not the
    /// appellant: the letter is addressed to them.
    pub acting: Option<String>,
    /// The child or young person's name.
    pub child_name: String,
    /// The local authority that made the decision.
    pub local_authority: String,
    /// The decision, as a label ("Refusal to carry out an EHC needs assessment").
    pub decision: String,
    /// The date the decision letter was sent.
    pub decision_sent_on: NaiveDate,
    /// The issues in the appeal that need no certificate.
    pub exempt_issues: Vec<ExemptIssue>,
    /// The appeal deadline (2 months from the decision, adjusted): the
    /// engine's appeal clock. None where no appeal lies on the issues alone
    /// (health and social care only): the letter then has no deadline box.
    pub appeal_deadline: Option<NaiveDate>,
    /// The adviser who signs the letter, if it is signed.
    pub signed_by: Option<Signatory>,
}
