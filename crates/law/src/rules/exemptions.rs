//! When no certificate is needed (statutory-clocks.md section 4).
//! Placement only [S; CFA 2014 s.55 exception]; health and social care only
//! [S: the Tribunal's recommendations power, continued from 2021];
//! disagreement resolution (CFA s.57) has no certificate and no clock.
//! Everything else needs a certificate before appealing.

use crate::facts::{CaseFacts, DecisionKind, Issue, Service};
use crate::timeline::{Appealed, IssueAssessment, Route};

const S55: &str = "Children and Families Act 2014 s.55";
const RECOMMENDATIONS: &str =
    "First-tier Tribunal recommendations power on health and social care (the former national trial, continued from 2021)";

/// The LA's decision in words, as the exemption reasoning names it ("Refusal to issue an EHC plan").
pub fn decision_label(kind: DecisionKind) -> &'static str {
    match kind {
        DecisionKind::RefuseToAssess => "Refusal to carry out an EHC needs assessment",
        DecisionKind::RefuseToReassess => "Refusal to carry out a re-assessment",
        DecisionKind::RefuseToIssuePlan => "Refusal to issue an EHC plan",
        DecisionKind::PlanContents => "The contents of the EHC plan",
        DecisionKind::RefuseToAmendAfterReview => "Refusal to amend the plan after a review",
        DecisionKind::CeaseToMaintain => "Decision to cease to maintain the plan",
    }
}

/// A plan issue in words, as the exemption reasoning names it ("Section I: placement").
pub fn issue_label(issue: Issue) -> &'static str {
    match issue {
        Issue::NeedsB => "Section B: special educational needs",
        Issue::ProvisionF => "Section F: special educational provision",
        Issue::PlacementI => "Section I: placement",
        Issue::Health => "Health care (sections G and H1)",
        Issue::SocialCare => "Social care (section H2)",
    }
}

fn assess_issue(issue: Issue) -> IssueAssessment {
    let (needed, reason, citation) = match issue {
        Issue::NeedsB | Issue::ProvisionF => (true, "An appeal about this section needs a mediation certificate first", S55),
        Issue::PlacementI => (
            false,
            "An appeal only about the school or institution named, its type, or that none is named, needs no certificate; mediation is still available if the family wants it",
            S55,
        ),
        Issue::Health | Issue::SocialCare => (
            false,
            "The Tribunal's recommendations on health and social care need no mediation advice or mediation on these issues; they are made only alongside an education appeal",
            RECOMMENDATIONS,
        ),
    };
    IssueAssessment { appealed: Appealed::Issue(issue), label: issue_label(issue), certificate_needed: needed, reason, citation }
}

/// No appeal lies on these facts: the matters in dispute are health and/or
/// social care only. CFA 2014 s.51 gives a right of appeal about special
/// educational needs and provision; the Tribunal's recommendations on
/// health and social care come only alongside such an appeal. [V s.51; S]
pub fn no_appeal_lies(facts: &CaseFacts) -> bool {
    matches!(facts.decision.kind, Some(DecisionKind::PlanContents) | None)
        && !facts.issues.is_empty()
        && facts.issues.iter().all(|i| !i.is_education())
}

/// Why no appeal clock runs on a health or social care only case, in words.
pub const NO_APPEAL: &str = "No appeal deadline: no appeal lies to the Tribunal on health or social care alone (Children and Families Act 2014 s.51). The Tribunal can make recommendations on these only alongside an appeal about sections B, F or I, which has its own deadline";

/// The route, a sentence saying it, and the reasoning for each matter.
pub fn assess(facts: &CaseFacts) -> (Route, String, Vec<IssueAssessment>) {
    match facts.service {
        Service::DisagreementResolution => {
            return (
                Route::DisagreementResolution,
                "Disagreement resolution (Children and Families Act 2014 s.57): voluntary, with no certificate and no statutory clock".into(),
                Vec::new(),
            )
        }
        Service::DisabilityDiscrimination => {
            return (
                Route::DisabilityDiscrimination,
                "Disability discrimination claim (Equality Act 2010 Sch.17): 6 months to claim, no mediation requirement and no August or Christmas extension; this app does not compute its deadline".into(),
                Vec::new(),
            )
        }
        Service::MediationAdvice => {}
    }
    let mut assessments = Vec::new();
    match facts.decision.kind {
        Some(DecisionKind::PlanContents) | None => assessments.extend(facts.issues.iter().map(|i| assess_issue(*i))),
        Some(kind) => assessments.push(IssueAssessment {
            appealed: Appealed::Decision(kind),
            label: decision_label(kind),
            certificate_needed: true,
            reason: "An appeal against this decision needs a mediation certificate first",
            citation: S55,
        }),
    }
    if assessments.is_empty() {
        let text = "Not yet known: record the decision and the issues in dispute to see whether a certificate is needed";
        return (Route::NotYetKnown, text.into(), assessments);
    }
    let list = |needed: bool| {
        let mut text = String::new();
        for a in assessments.iter().filter(|a| a.certificate_needed == needed) {
            if !text.is_empty() {
                text.push_str("; ");
            }
            text.push_str(a.label);
        }
        text
    };
    let needing = list(true);
    if !needing.is_empty() {
        let exempt = list(false);
        let mut text = format!("A mediation certificate is needed before appealing ({needing})");
        if !exempt.is_empty() {
            text.push_str(". No certificate is needed for: ");
            text.push_str(&exempt);
        }
        return (Route::CertificateNeeded, text, assessments);
    }
    let education = facts.issues.iter().any(|i| i.is_education());
    let text = if facts.issues.iter().all(|i| *i == Issue::PlacementI) {
        "No mediation certificate is needed: the appeal is about placement only (section I). Mediation is still available if the family wants it".to_string()
    } else if !education {
        "No mediation certificate is needed: health and social care only. No appeal lies to the Tribunal on health or social care alone (Children and Families Act 2014 s.51), so no appeal deadline runs; the Tribunal can make recommendations on these only alongside an education appeal (sections B, F or I)".to_string()
    } else {
        format!("No mediation certificate is needed: {}", list(false))
    };
    (Route::Exempt, text, assessments)
}
