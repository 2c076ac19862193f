//! Every word a certificate or exemption letter prints, in plain British
//! English a parent can read. The layout is in `pdf.rs`; nothing printed
//! is written anywhere else.
//!
//! Dates are written with no-break spaces (U+00A0) so that a line never
//! breaks inside "Tue 7 Apr 2026" or "by 5pm on Mon 2 Mar 2026"; the
//! renderer prints them as ordinary spaces.

use crate::text::lower_first;
use chrono::NaiveDate;

use super::content::{CertificateContent, ExemptionLetterContent, KindDetails};
use crate::calendar::dates;
use crate::facts::CertificateKind;

/// Keeps the words either side of it on one line (the PDF layout prints
/// it as a space).
pub use crate::pdf::NBSP;

/// The heading at the top of every mediation certificate.
pub const CERTIFICATE_TITLE: &str = "Mediation certificate";
/// The heading of an exemption letter, which tells the family no certificate is needed for the issues it lists.
pub const EXEMPTION_TITLE: &str = "No mediation certificate needed";

/// Label of the certificate number, in the box at the top of a certificate and in its footer.
pub const LABEL_NUMBER: &str = "Certificate number";
/// Label of the date the certificate was issued, beside its number and in its footer.
pub const LABEL_DATE_OF_ISSUE: &str = "Date of issue";
/// Label of the date an exemption letter was written.
pub const LABEL_LETTER_DATE: &str = "Date of this letter";
/// Label of the appellant: the parent, or the young person appealing for themselves.
pub const LABEL_PARENT: &str = "Parent or young person";
/// Label of the person who contacted the service on the appellant's behalf, shown only where there is one.
pub const LABEL_ACTING: &str = "Acting for them";
/// Label of the child or young person the decision is about.
pub const LABEL_CHILD: &str = "Child or young person";
/// Label of the child or young person's date of birth.
pub const LABEL_DATE_OF_BIRTH: &str = "Date of birth";
/// Label of the local authority that made the decision.
pub const LABEL_LA: &str = "Local authority";
/// Label of the integrated care board, shown only where health issues involve one.
pub const LABEL_ICB: &str = "Integrated care board";
/// Label of the local authority decision the appeal would be about.
pub const LABEL_DECISION: &str = "Decision";
/// Label of the date the decision letter was sent, from which the 2-month appeal period runs.
pub const LABEL_DECISION_SENT: &str = "Decision letter sent";
/// Label of the date the appellant or their representative first contacted the mediation adviser.
pub const LABEL_FIRST_CONTACT: &str = "Date of first contact";
/// Label of the date the family told the mediation adviser they would not pursue mediation (declined or withdrawn).
pub const LABEL_TOLD_ADVISER: &str = "Told the mediation adviser";
/// Label of the date the local authority was told the family wishes to go to mediation (deemed certificates).
pub const LABEL_LA_TOLD: &str = "Local authority told";
/// Label of the last day by which mediation had to take place (deemed certificates).
pub const LABEL_DAY_30: &str = "Day 30";
/// Label of the date the service was told mediation could not be arranged within 30 days (deemed certificates).
pub const LABEL_COULD_NOT_ARRANGE: &str = "Told it could not be arranged";
/// Label of the issuer's professional registration, under "Issued by".
pub const LABEL_REGISTRATION: &str = "Registration";
/// Label of the service's phone number in the letterhead.
pub const LABEL_PHONE: &str = "Phone";
/// Label of the service's email address in the letterhead.
pub const LABEL_EMAIL: &str = "Email";

/// Heading of the section listing the parties, the decision and its dates.
pub const SECTION_CASE: &str = "About the case";
/// Heading of the section that says in plain words what happened and which issues were resolved.
pub const SECTION_WHAT_HAPPENED: &str = "What happened";
/// Heading of the section naming who issued the certificate.
pub const SECTION_ISSUED_BY: &str = "Issued by";
/// Heading of the guidance panel on the appeal deadline and how it is worked out.
pub const SECTION_GUIDANCE: &str = "Appealing to the Tribunal";
/// Heading of the exemption letter's list of issues that can be appealed without a certificate.
pub const SECTION_EXEMPT_ISSUES: &str = "Issues that need no mediation certificate";

/// Heading of the list of issues agreed in mediation (certificates after mediation).
pub const ISSUES_RESOLVED: &str = "Issues resolved in mediation";
/// Heading of the list of issues still in dispute after mediation, which the appeal can be about.
pub const ISSUES_NOT_RESOLVED: &str = "Issues not resolved in mediation";
/// Printed under either list of issues when it is empty.
pub const NO_ISSUES: &str = "None";

/// Label of the appeal deadline line ("Appeal deadline: by 5pm on …").
pub const APPEAL_DEADLINE: &str = "Appeal deadline";
/// The caveat printed under every deadline: it is guidance, and the Tribunal decides whether an appeal is in time.
pub const NOT_LEGAL_ADVICE: &str =
    "The date shown is guidance, not legal advice; the Tribunal decides whether an appeal is in time.";
/// The placement-only exemption, printed in a certificate's guidance only where placement (section I) is in issue.
pub const PLACEMENT_ONLY: &str = "An appeal only about the school or other institution named in section I of the plan, its type, or that none is named, does not need a mediation certificate.";
/// How a deadline moves off August, the Christmas break, weekends and bank holidays; printed after each deadline rule.
pub const ADJUSTMENTS: &str = "A date in August moves to the first working day after 31\u{a0}August; a date from 25\u{a0}December to 1\u{a0}January, to the first working day after 1\u{a0}January; a weekend or bank holiday, to the next working day.";
/// The Tribunal's full name, as used in running text.
pub const TRIBUNAL: &str = "the First-tier Tribunal (Special Educational Needs and Disability)";

/// "Tue 7 Apr 2026", unbreakable.
pub fn date(d: NaiveDate) -> String {
    dates::long(d).replace(' ', &NBSP.to_string())
}

/// "by 5pm on Mon 2 Mar 2026", unbreakable.
pub fn by_5pm(d: NaiveDate) -> String {
    format!("by 5pm on {}", dates::long(d)).replace(' ', &NBSP.to_string())
}

/// "A", "A and B", "A, B and C".
pub fn list_of(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {}", rest.join(", "), last),
    }
}

/// The line under the title saying which kind of certificate this is.
pub fn kind_title(kind: CertificateKind) -> &'static str {
    match kind {
        CertificateKind::Declined => "Issued after mediation advice: mediation declined",
        CertificateKind::Withdrawn => "Issued after mediation advice: mediation not pursued",
        CertificateKind::Deemed => "Issued because mediation could not be arranged within 30 days",
        CertificateKind::AfterMediation => "Issued after mediation",
    }
}

/// Who issues this kind: the mediation adviser, or the mediator.
pub fn issuer_role(kind: CertificateKind) -> &'static str {
    match kind {
        CertificateKind::AfterMediation => "Mediator",
        _ => "Mediation adviser",
    }
}

/// "Zoë Whitfield, mediator": who issued the certificate.
pub fn issued_by(c: &CertificateContent) -> String {
    format!("{}, {}", c.issued_by.name, issuer_role(c.kind()).to_lowercase())
}

/// The line naming the voided certificate this one replaces.
pub fn replaces(number: &str) -> String {
    format!("This certificate replaces certificate {number}, which is void.")
}

/// A name to keep on one line in running text ("Pádraig Ó Súilleabháin"
/// not split after "Ó"), unless it is too long to.
pub fn name_in_text(name: &str) -> String {
    if name.chars().count() <= 32 {
        name.split_whitespace().collect::<Vec<_>>().join(&NBSP.to_string())
    } else {
        name.to_string()
    }
}

/// "Roberto Advocatus, acting for Pat Quern": who contacted the service
/// for the appellant (statutory-clocks.md section 4a).
pub fn acting_for(acting: &str, appellant: &str) -> String {
    crate::rules::appellant::acting_for(&name_in_text(acting), &name_in_text(appellant))
}

/// Who contacted the mediation adviser, as the subject of a sentence: the
/// appellant, or "X, acting for Y," (with its closing comma).
fn who_contacted(appellant: &str, acting: Option<&str>) -> String {
    match acting {
        Some(acting) => format!("{},", acting_for(acting, appellant)),
        None => name_in_text(appellant),
    }
}

/// The plain statement of what happened, one paragraph per string.
pub fn statement(c: &CertificateContent) -> Vec<String> {
    let parent = &name_in_text(&c.parent_name);
    let contacted = &who_contacted(&c.parent_name, c.acting.as_deref());
    let first = date(c.first_contact_on);
    let paragraphs = match &c.details {
        KindDetails::Declined { told_adviser_on } => vec![format!(
            "{contacted} contacted the mediation adviser on {first}, received information about mediation, and told us on {} that they do not wish to pursue mediation.",
            date(*told_adviser_on)
        )],
        KindDetails::Withdrawn { told_adviser_on } => vec![format!(
            "{contacted} contacted the mediation adviser on {first}, received information about mediation and chose to go to mediation, then told us on {} that they no longer wish to pursue it.",
            date(*told_adviser_on)
        )],
        KindDetails::Deemed {
            la_told_on,
            day_30,
            could_not_arrange_on,
        } => {
            let who = if c.icb.is_some() {
                "the local authority and the integrated care board"
            } else {
                "the local authority"
            };
            vec![
                format!(
                    "{contacted} contacted the mediation adviser on {first} and received information about mediation. The local authority was told on {} that {parent} wishes to go to mediation.",
                    date(*la_told_on)
                ),
                format!(
                    "Mediation had to take place within 30 days, by {}. We were told on {} that {who} could not arrange mediation within 30 days.",
                    date(*day_30),
                    date(*could_not_arrange_on)
                ),
            ]
        }
        KindDetails::AfterMediation {
            meeting_dates,
            concluded_on,
            ..
        } => {
            let meetings: Vec<String> = meeting_dates.iter().map(|d| date(*d)).collect();
            vec![
                format!(
                    "{contacted} contacted the mediation adviser on {first}. Mediation took place on {} and concluded on {}. What was said in mediation is confidential: this certificate records only which issues were and were not resolved.",
                    list_of(&meetings),
                    date(*concluded_on)
                ),
            ]
        }
    };
    paragraphs
}

/// The last paragraph of "What happened" (after any lists of issues).
pub fn certificate_closing(c: &CertificateContent) -> String {
    format!("With this certificate, {} can appeal to {TRIBUNAL} about the decision above.", name_in_text(&c.parent_name))
}

/// The guidance panel of a certificate: the deadline, then its rule; the
/// placement-only exemption only where placement is in issue.
pub fn certificate_guidance(c: &CertificateContent) -> Vec<String> {
    let rule = match c.month_counts_from {
        None => format!(
            "The Tribunal must receive the appeal by 5pm on the later of 2 months from the date the decision was sent ({}) and 1 month from the date of issue of this certificate ({}). {ADJUSTMENTS}",
            date(c.decision_sent_on),
            date(c.issued_on)
        ),
        Some(first) => format!(
            "The Tribunal must receive the appeal by 5pm on the later of 2 months from the date the decision was sent ({}) and 1 month from the date of issue of the first mediation certificate you were given ({}). The deadline shown counts from that earlier certificate, the safer date; the Tribunal decides whether it accepts the date of this certificate ({}) instead. {ADJUSTMENTS}",
            date(c.decision_sent_on),
            date(first),
            date(c.issued_on)
        ),
    };
    let mut paragraphs = vec![rule];
    if c.placement_in_issue {
        paragraphs.push(PLACEMENT_ONLY.to_string());
    }
    paragraphs.push(NOT_LEGAL_ADVICE.to_string());
    paragraphs
}

/// "Appeal deadline: by 5pm on Mon 2 Mar 2026".
pub fn deadline_line(d: NaiveDate) -> String {
    format!("{APPEAL_DEADLINE}: {}", by_5pm(d))
}

/// The letter is to whoever contacted us: the appellant, or the person
/// acting for them.
pub fn exemption_greeting(l: &ExemptionLetterContent) -> String {
    format!("Dear {},", l.acting.as_deref().unwrap_or(&l.parent_name))
}

/// The letter's opening paragraphs.
pub fn exemption_opening(l: &ExemptionLetterContent) -> Vec<String> {
    let (contacted, who_needs) = match &l.acting {
        Some(_) => (
            format!("You contacted us, acting for {},", name_in_text(&l.parent_name)),
            format!("{} does not", name_in_text(&l.parent_name)),
        ),
        None => ("You contacted us".to_string(), "You do not".to_string()),
    };
    vec![
        format!(
            "{contacted} about a decision of {} about {}: {} (decision letter sent {}).",
            l.local_authority,
            l.child_name,
            lower_first(&l.decision),
            date(l.decision_sent_on)
        ),
        match l.appeal_deadline {
            Some(_) => format!("{who_needs} need a mediation certificate to appeal to {TRIBUNAL} about the issues below."),
            None => format!("You do not need mediation advice or a mediation certificate about the issues below. No appeal lies to {TRIBUNAL} on health or social care alone: the Tribunal can make recommendations on them only alongside an appeal about the education parts of the plan (sections B, F or I)."),
        },
    ]
}

/// After the list of exempt issues.
pub fn exemption_closing() -> Vec<String> {
    vec![
        "Mediation is still available if you would like it: contact us using the details at the top of this letter.".to_string(),
        "If you also want to appeal about other parts of the plan (for example sections B or F), you will need a mediation certificate for those parts first.".to_string(),
    ]
}

/// The guidance panel of the exemption letter: the deadline's rule, or,
/// where no appeal lies on the issues alone, that there is no deadline.
pub fn exemption_guidance(l: &ExemptionLetterContent) -> Vec<String> {
    match l.appeal_deadline {
        Some(_) => vec![
            format!(
                "The Tribunal must receive the appeal by 5pm on the date 2 months after the decision was sent ({}). {ADJUSTMENTS}",
                date(l.decision_sent_on)
            ),
            NOT_LEGAL_ADVICE.to_string(),
        ],
        None => vec![
            NO_APPEAL_ALONE.to_string(),
            "An appeal about sections B, F or I has its own deadline: 2 months from the date the decision was sent, or 1 month from the date of a mediation certificate if that is later. Contact us if you want to appeal about those parts of the plan.".to_string(),
        ],
    }
}

/// The exemption letter's guidance where no appeal lies on the issues alone.
pub const NO_APPEAL_ALONE: &str = "There is no appeal deadline for these issues: no appeal lies to the Tribunal on health or social care alone (Children and Families Act 2014 s.51).";

/// The closing line of an exemption letter, above the issuer's name.
pub const SIGN_OFF: &str = "Yours sincerely,";

/// The small print at the foot of a certificate.
pub fn certificate_footer(c: &CertificateContent) -> String {
    format!("{} · {LABEL_NUMBER} {} · {LABEL_DATE_OF_ISSUE} {}", c.service.name, c.number, date(c.issued_on))
}

/// The small print at the foot of an exemption letter: the service's name and the letter's date.
pub fn exemption_footer(l: &ExemptionLetterContent) -> String {
    format!("{} · {}", l.service.name, date(l.dated))
}

/// The PDF's title (document properties).
pub fn certificate_pdf_title(c: &CertificateContent) -> String {
    format!("{CERTIFICATE_TITLE} {}", c.number)
}

/// The PDF's title (document properties) for an exemption letter: its heading and the child's name.
pub fn exemption_pdf_title(l: &ExemptionLetterContent) -> String {
    format!("{EXEMPTION_TITLE}: {}", l.child_name)
}
