//! Sample content for previews, benchmarks and tests: one of each kind,
//! with names in several Latin scripts.

use chrono::NaiveDate;

use super::content::{CertificateContent, ExemptIssue, ExemptionLetterContent, KindDetails, ServiceDetails, Signatory};
use crate::facts::CertificateKind;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("sample date")
}

/// A made-up service, Riverside SEND Mediation in Leeds, with an address, phone and email.
pub fn service() -> ServiceDetails {
    ServiceDetails {
        name: "Riverside SEND Mediation".into(),
        address_lines: vec!["Unit 4, Canal Wharf".into(), "12 Lock Street".into(), "Leeds LS1 4AB".into()],
        phone: "0113 496 0000".into(),
        email: "mediation@riverside.example.org.uk".into(),
    }
}

/// A certificate of `kind` with sample names and dates.
pub fn certificate(kind: CertificateKind) -> CertificateContent {
    let (parent, child, details, issued_by, icb) = match kind {
        CertificateKind::Declined => (
            "Siân Gwenllïan Davies",
            "Zoë Davies",
            KindDetails::Declined { told_adviser_on: d(2026, 1, 14) },
            Signatory { name: "Łukasz Nowak".into(), registration: "Civil Mediation Council CMC-123456".into() },
            None,
        ),
        CertificateKind::Withdrawn => (
            "Nguyễn Thị Lan",
            "Minh Nguyễn",
            KindDetails::Withdrawn { told_adviser_on: d(2026, 1, 20) },
            Signatory { name: "Siân Roberts".into(), registration: "College of Mediators 04417".into() },
            None,
        ),
        CertificateKind::Deemed => (
            "Pádraig Ó Súilleabháin",
            "Aoife Ó Súilleabháin",
            KindDetails::Deemed { la_told_on: d(2025, 12, 12), day_30: d(2026, 1, 11), could_not_arrange_on: d(2026, 1, 9) },
            Signatory { name: "Łukasz Nowak".into(), registration: "Civil Mediation Council CMC-123456".into() },
            Some("NHS West Yorkshire Integrated Care Board".to_string()),
        ),
        CertificateKind::AfterMediation => (
            "Gwenllïan O'Brien-Smith",
            "Rhys O'Brien-Smith",
            KindDetails::AfterMediation {
                meeting_dates: vec![d(2026, 1, 27), d(2026, 2, 3)],
                concluded_on: d(2026, 2, 3),
                issues_resolved: vec!["Section B: special educational needs".into(), "Section H2: social care provision".into()],
                issues_not_resolved: vec!["Section F: special educational provision".into()],
            },
            Signatory { name: "Zoë Whitfield".into(), registration: "Civil Mediation Council CMC-654321".into() },
            Some("NHS West Yorkshire Integrated Care Board".to_string()),
        ),
    };
    let number = match kind {
        CertificateKind::Declined => "RSM-2026-0007",
        CertificateKind::Withdrawn => "RSM-2026-0011",
        CertificateKind::Deemed => "RSM-2026-0012",
        CertificateKind::AfterMediation => "RSM-2026-0019",
    };
    CertificateContent {
        service: service(),
        number: number.into(),
        issued_on: d(2026, 2, 5),
        parent_name: parent.into(),
        acting: None,
        child_name: child.into(),
        child_date_of_birth: d(2014, 6, 3),
        local_authority: "Leeds City Council".into(),
        icb,
        decision: "Refusal to carry out an EHC needs assessment".into(),
        decision_sent_on: d(2025, 11, 28),
        first_contact_on: d(2025, 12, 8),
        details,
        issued_by,
        appeal_deadline: d(2026, 3, 5),
        replaces: None,
        month_counts_from: None,
        placement_in_issue: false,
    }
}

/// A sample exemption letter.
pub fn exemption_letter() -> ExemptionLetterContent {
    ExemptionLetterContent {
        service: service(),
        dated: d(2026, 2, 5),
        parent_name: "Zoë Ó Súilleabháin".into(),
        acting: None,
        child_name: "Łukasz Ó Súilleabháin".into(),
        local_authority: "Bradford Metropolitan District Council".into(),
        decision: "Final EHC plan: section I (placement)".into(),
        decision_sent_on: d(2026, 1, 30),
        exempt_issues: vec![ExemptIssue {
            issue: "Section I: the school or institution named in the plan".into(),
            reason: "An appeal only about the school or other institution named, its type, or that none is named, does not need a mediation certificate.".into(),
        }],
        appeal_deadline: Some(d(2026, 3, 30)),
        signed_by: Some(Signatory {
            name: "Siân Roberts".into(),
            registration: "College of Mediators 04417".into(),
        }),
    }
}
