//! Certificates and exemption letters as PDFs: every field printed (read
//! back with poppler's `pdftotext -layout`), unsupported scripts refused,
//! the same input giving the same bytes, and long names kept on the page.
//!
//! Needs poppler-utils (`pdftotext`, `pdfinfo`) on the PATH.

mod common;

use std::io::Write;
use std::process::Command;

use common::pdf_text;

use chrono::NaiveDate;
use desk::certificates::{
    first_unprintable, render_certificate, render_exemption_letter, samples, wording, CertificateContent, KindDetails,
    RenderError,
};
use desk::facts::CertificateKind;

const KINDS: [CertificateKind; 4] =
    [CertificateKind::Declined, CertificateKind::Withdrawn, CertificateKind::Deemed, CertificateKind::AfterMediation];

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn pdf_file(bytes: &[u8]) -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new().suffix(".pdf").tempfile().unwrap();
    file.write_all(bytes).unwrap();
    file.flush().unwrap();
    file
}

fn run(program: &str, args: &[&str]) -> String {
    let out =
        Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{program} (poppler-utils) must be installed: {e}"));
    assert!(out.status.success(), "{program} failed: {:?}", out);
    String::from_utf8(out.stdout).unwrap()
}

fn page_count(bytes: &[u8]) -> usize {
    let file = pdf_file(bytes);
    let info = run("pdfinfo", &[file.path().to_str().unwrap()]);
    info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap()
}

fn assert_has(text: &str, wanted: &str) {
    let wanted = wanted.replace(wording::NBSP, " ");
    let wanted = wanted.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains(&wanted), "expected {wanted:?} in the PDF text:\n{text}");
}

fn long(date: NaiveDate) -> String {
    desk::calendar::dates::long(date)
}

fn check_certificate(c: &CertificateContent) {
    let bytes = render_certificate(c).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = pdf_text(&bytes);

    assert_has(&text, "Riverside SEND Mediation");
    assert_has(&text, "Unit 4, Canal Wharf");
    assert_has(&text, "0113 496 0000");
    assert_has(&text, "mediation@riverside.example.org.uk");
    assert_has(&text, "Mediation certificate");
    assert_has(&text, wording::kind_title(c.kind()));
    assert_has(&text, "CERTIFICATE NUMBER");
    assert_has(&text, &c.number);
    assert_has(&text, "DATE OF ISSUE");
    assert_has(&text, "Thu 5 Feb 2026");
    assert_has(&text, &format!("Parent or young person {}", c.parent_name));
    assert_has(&text, &format!("Child or young person {}", c.child_name));
    assert_has(&text, &format!("Date of birth {}", long(c.child_date_of_birth)));
    assert_has(&text, &format!("Local authority {}", c.local_authority));
    match &c.icb {
        Some(icb) => assert_has(&text, &format!("Integrated care board {icb}")),
        None => assert!(!text.contains("Integrated care board")),
    }
    assert_has(&text, &format!("Decision {}", c.decision));
    assert_has(&text, &format!("Decision letter sent {}", long(c.decision_sent_on)));
    assert_has(&text, &format!("Date of first contact {}", long(c.first_contact_on)));
    assert_has(&text, &format!("{} contacted the mediation adviser on {}", c.parent_name, long(c.first_contact_on)));
    match &c.details {
        KindDetails::Declined { told_adviser_on } => {
            assert_has(&text, "received information about mediation, and told us on");
            assert_has(&text, &long(*told_adviser_on));
            assert_has(&text, "that they do not wish to pursue mediation.");
        }
        KindDetails::Withdrawn { told_adviser_on } => {
            assert_has(&text, &format!("then told us on {} that they no longer wish to pursue it.", long(*told_adviser_on)));
        }
        KindDetails::Deemed { la_told_on, day_30, could_not_arrange_on } => {
            assert_has(&text, &format!("Local authority told {}", long(*la_told_on)));
            assert_has(&text, &format!("Day 30 {}", long(*day_30)));
            assert_has(&text, &format!("Told it could not be arranged {}", long(*could_not_arrange_on)));
            assert_has(&text, "could not arrange mediation within 30 days");
        }
        KindDetails::AfterMediation { meeting_dates, concluded_on, issues_resolved, issues_not_resolved } => {
            let meetings: Vec<String> = meeting_dates.iter().map(|d| long(*d)).collect();
            assert_has(
                &text,
                &format!("Mediation took place on {} and concluded on {}", meetings.join(" and "), long(*concluded_on)),
            );
            assert_has(&text, &format!("Issues resolved in mediation • {}", issues_resolved.join(" • ")));
            assert_has(&text, &format!("Issues not resolved in mediation • {}", issues_not_resolved.join(" • ")));
        }
    }
    let role = if c.kind() == CertificateKind::AfterMediation { "mediator" } else { "mediation adviser" };
    assert_has(&text, &format!("Issued by {}, {role}", c.issued_by.name));
    assert_has(&text, &format!("Registration {}", c.issued_by.registration));
    assert_has(&text, &format!("Appeal deadline: by 5pm on {}", long(c.appeal_deadline)));
    assert_has(&text, "later of 2 months from the date the decision was sent");
    assert_has(&text, "1 month from the date of issue of this certificate");
    assert_has(&text, "first working day after 31 August");
    assert_has(&text, "first working day after 1 January");
    assert_has(&text, "weekend or bank holiday");
    // The placement-only exemption is mentioned only where placement is in issue.
    assert_eq!(text.contains("does not need a mediation certificate"), c.placement_in_issue, "{text}");
    assert_has(&text, "The date shown is guidance, not legal advice; the Tribunal decides whether an appeal is in time.");
    match &c.replaces {
        Some(old) => assert_has(&text, &format!("This certificate replaces certificate {old}, which is void.")),
        None => assert!(!text.contains("replaces"), "{text}"),
    }
    assert_eq!(page_count(&bytes), 1, "{:?} should fit one page", c.kind());
}

#[test]
fn every_kind_prints_every_field() {
    for kind in KINDS {
        check_certificate(&samples::certificate(kind));
    }
}

/// Issue 10: the guidance names the placement-only exemption only where
/// placement (section I) is in issue; a re-issue whose month counts from
/// the first certificate says so.
#[test]
fn the_guidance_mentions_placement_only_where_it_is_in_issue_and_names_the_certificate_counted() {
    for kind in KINDS {
        let mut c = samples::certificate(kind);
        c.placement_in_issue = true;
        check_certificate(&c);
        let text = pdf_text(&render_certificate(&c).unwrap());
        assert_has(&text, "An appeal only about the school or other institution named in section I of the plan");
    }
    let text = pdf_text(&render_certificate(&samples::certificate(CertificateKind::Declined)).unwrap());
    assert!(!text.contains("section I"), "{text}");
    let mut c = samples::certificate(CertificateKind::Declined);
    c.month_counts_from = Some(d(2026, 1, 20));
    c.replaces = Some("RSM-2026-0003".into());
    let text = pdf_text(&render_certificate(&c).unwrap());
    assert_has(&text, "1 month from the date of issue of the first mediation certificate you were given (Tue 20 Jan 2026)");
    assert_has(&text, "the Tribunal decides whether it accepts the date of this certificate (Thu 5 Feb 2026) instead");
    assert!(!text.contains("1 month from the date of issue of this certificate"), "{text}");
    assert_eq!(page_count(&render_certificate(&c).unwrap()), 1);
}

/// Issue 10: where no appeal lies on the issues alone (health and social
/// care only) the letter has no deadline box and says why.
#[test]
fn an_exemption_letter_with_no_appeal_in_view_has_no_deadline_box() {
    let mut letter = samples::exemption_letter();
    letter.appeal_deadline = None;
    let bytes = render_exemption_letter(&letter).unwrap();
    let text = pdf_text(&bytes);
    assert!(!text.contains("Appeal deadline"), "{text}");
    assert_has(
        &text,
        "There is no appeal deadline for these issues: no appeal lies to the Tribunal on health or social care alone",
    );
    assert_has(&text, "You do not need mediation advice or a mediation certificate about the issues below");
    assert_eq!(page_count(&bytes), 1);
}

#[test]
fn every_kind_prints_the_replaced_number_when_set() {
    for kind in KINDS {
        let mut c = samples::certificate(kind);
        c.replaces = Some("RSM-2026-0003".into());
        check_certificate(&c);
    }
}

#[test]
fn latin_names_print_as_written() {
    let names = ["Siân", "Gwenllïan", "Zoë", "Łukasz", "Nguyễn", "O'Brien-Smith", "Ó Súilleabháin"];
    for kind in KINDS {
        let mut c = samples::certificate(kind);
        c.parent_name = names.join(" ");
        c.child_name = format!("{} {}", names[2], names[4]);
        c.issued_by.name = format!("{} {}", names[3], names[6]);
        check_certificate(&c);
    }
}

#[test]
fn decomposed_accents_are_composed_before_printing() {
    let mut c = samples::certificate(CertificateKind::Declined);
    // "Nguyễn" typed as e + circumflex + tilde, "Zoë" as e + diaeresis.
    c.parent_name = "Nguye\u{302}\u{303}n Zoe\u{308}".into();
    let text = pdf_text(&render_certificate(&c).unwrap());
    assert_has(&text, "Parent or young person Nguyễn Zoë");
}

#[test]
fn after_mediation_with_nothing_resolved_says_none() {
    let mut c = samples::certificate(CertificateKind::AfterMediation);
    if let KindDetails::AfterMediation { meeting_dates, issues_resolved, .. } = &mut c.details {
        *meeting_dates = vec![d(2026, 2, 3)];
        issues_resolved.clear();
    }
    let text = pdf_text(&render_certificate(&c).unwrap());
    assert_has(&text, "Issues resolved in mediation None");
    assert_has(&text, "Mediation took place on Tue 3 Feb 2026 and concluded on");
}

#[test]
fn exemption_letter_prints_every_field() {
    let letter = samples::exemption_letter();
    let bytes = render_exemption_letter(&letter).unwrap();
    let text = pdf_text(&bytes);
    assert_has(&text, "Riverside SEND Mediation");
    assert_has(&text, "No mediation certificate needed");
    assert_has(&text, &format!("Date of this letter {}", long(letter.dated)));
    assert_has(&text, &format!("Parent or young person {}", letter.parent_name));
    assert_has(&text, &format!("Child or young person {}", letter.child_name));
    assert_has(&text, &format!("Local authority {}", letter.local_authority));
    assert_has(&text, &format!("Decision {}", letter.decision));
    assert_has(&text, &format!("Decision letter sent {}", long(letter.decision_sent_on)));
    assert_has(&text, &format!("Dear {},", letter.parent_name));
    for item in &letter.exempt_issues {
        assert_has(&text, &item.issue);
        assert_has(&text, &item.reason);
    }
    assert_has(&text, "Mediation is still available");
    let signed = letter.signed_by.as_ref().unwrap();
    assert_has(&text, &signed.name);
    assert_has(&text, &signed.registration);
    assert_has(&text, &format!("Appeal deadline: by 5pm on {}", long(letter.appeal_deadline.unwrap())));
    assert_has(&text, "2 months after the decision was sent");
    assert_has(&text, "The date shown is guidance, not legal advice; the Tribunal decides whether an appeal is in time.");
    assert!(!text.contains("Mediation certificate "));
    assert_eq!(page_count(&bytes), 1);
}

#[test]
fn unsupported_scripts_are_refused_naming_the_field() {
    let mut c = samples::certificate(CertificateKind::Declined);
    c.parent_name = "王秀英".into();
    assert_eq!(render_certificate(&c), Err(RenderError::UnsupportedCharacter { field: "parent_name".into(), character: '王' }));
    let message = render_certificate(&c).unwrap_err().to_string();
    assert!(message.starts_with("parent_name: "), "{message}");
    assert!(message.contains("王"), "{message}");

    // DejaVu Sans has no Devanagari.
    let mut c = samples::certificate(CertificateKind::AfterMediation);
    c.child_name = "आरव शर्मा".into();
    assert!(matches!(
        render_certificate(&c),
        Err(RenderError::UnsupportedCharacter { field, character: 'आ' }) if field == "child_name"
    ));

    // Arabic is in the font but would print unjoined and left to right.
    let mut c = samples::certificate(CertificateKind::Deemed);
    c.issued_by.name = "محمد".into();
    assert!(matches!(
        render_certificate(&c),
        Err(RenderError::UnsupportedCharacter { field, .. }) if field == "issued_by.name"
    ));

    let mut c = samples::certificate(CertificateKind::AfterMediation);
    if let KindDetails::AfterMediation { issues_not_resolved, .. } = &mut c.details {
        issues_not_resolved.push("Section F\tprovision".into());
    }
    assert!(matches!(
        render_certificate(&c),
        Err(RenderError::UnsupportedCharacter { field, character: '\t' })
            if field == "details.issues_not_resolved[1]"
    ));

    let mut letter = samples::exemption_letter();
    letter.child_name = "李小龙".into();
    assert!(matches!(
        render_exemption_letter(&letter),
        Err(RenderError::UnsupportedCharacter { field, .. }) if field == "child_name"
    ));

    assert_eq!(first_unprintable("Ó Súilleabháin"), None);
    assert_eq!(first_unprintable("Δημήτρης Олександр"), None);
    assert_eq!(first_unprintable("Zoë 王"), Some('王'));
}

#[test]
fn empty_required_fields_are_refused() {
    let mut c = samples::certificate(CertificateKind::Withdrawn);
    c.number = "  ".into();
    assert_eq!(render_certificate(&c), Err(RenderError::MissingField { field: "number".into() }));
    let mut c = samples::certificate(CertificateKind::AfterMediation);
    if let KindDetails::AfterMediation { meeting_dates, .. } = &mut c.details {
        meeting_dates.clear();
    }
    assert!(matches!(
        render_certificate(&c),
        Err(RenderError::MissingField { field }) if field == "details.meeting_dates"
    ));
    let mut letter = samples::exemption_letter();
    letter.exempt_issues.clear();
    assert!(render_exemption_letter(&letter).is_err());
}

#[test]
fn the_same_content_gives_the_same_bytes() {
    for kind in KINDS {
        let c = samples::certificate(kind);
        let first = render_certificate(&c).unwrap();
        let second = render_certificate(&c).unwrap();
        assert!(first == second, "{kind:?} rendered differently twice");
    }
    let letter = samples::exemption_letter();
    assert!(render_exemption_letter(&letter).unwrap() == render_exemption_letter(&letter).unwrap());

    // A different number is a different document (and a different /ID).
    let a = samples::certificate(CertificateKind::Declined);
    let mut b = a.clone();
    b.number = "RSM-2026-0008".into();
    assert!(render_certificate(&a).unwrap() != render_certificate(&b).unwrap());

    // The dates in the PDF are the date of issue, not the time of rendering.
    let bytes = render_certificate(&a).unwrap();
    let file = pdf_file(&bytes);
    let info = run("pdfinfo", &[file.path().to_str().unwrap()]);
    assert!(info.contains("Thu Feb  5 00:00:00 2026"), "{info}");
}

/// Every word's box from `pdftotext -bbox`: (xMin, yMin, xMax, yMax, word).
/// A word's box on the page: x min, y min, x max, y max, and the word.
type WordBox = (f32, f32, f32, f32, String);

fn word_boxes(bytes: &[u8]) -> (f32, f32, Vec<WordBox>) {
    let file = pdf_file(bytes);
    let html = run("pdftotext", &["-bbox", file.path().to_str().unwrap(), "-"]);
    let attr = |tag: &str, name: &str| -> f32 {
        let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        let end = start + tag[start..].find('"').unwrap();
        tag[start..end].parse().unwrap()
    };
    let page = html.lines().find(|l| l.contains("<page ")).unwrap();
    let (width, height) = (attr(page, "width"), attr(page, "height"));
    let words = html
        .lines()
        .filter(|l| l.contains("<word "))
        .map(|l| {
            let word = l[l.find('>').unwrap() + 1..l.rfind("</word>").unwrap()].to_string();
            (attr(l, "xMin"), attr(l, "yMin"), attr(l, "xMax"), attr(l, "yMax"), word)
        })
        .collect();
    (width, height, words)
}

#[test]
fn long_names_wrap_inside_the_margins() {
    // 200 characters of words, and a 200-character run with no spaces.
    let words = "Gwenllïan Siân Zoë Łukasz Nguyễn O'Brien-Smith Ó Súilleabháin ";
    let long_name: String = words.repeat(4).chars().take(200).collect();
    let long_name = long_name.trim().to_string();
    let unbroken: String = "Gwenllïan".repeat(23).chars().take(200).collect();
    assert_eq!(unbroken.chars().count(), 200);

    for kind in KINDS {
        let mut c = samples::certificate(kind);
        c.parent_name = long_name.clone();
        c.child_name = unbroken.clone();
        let bytes = render_certificate(&c).unwrap();
        let text = pdf_text(&bytes);
        assert_has(&text, &format!("Parent or young person {long_name}"));
        assert!(text.replace(' ', "").contains(&unbroken), "the unbroken name is all there");
        let (width, height, boxes) = word_boxes(&bytes);
        let margin = 56.69 - 0.5;
        for (x_min, y_min, x_max, y_max, word) in &boxes {
            assert!(
                *x_min >= margin && *x_max <= width - margin,
                "{kind:?}: {word:?} at x {x_min}..{x_max} crosses the side margins"
            );
            assert!(*y_min >= 0.0 && *y_max <= height, "{word:?} off the page");
        }
        // The page grows no wider, and long names may take a second page
        // but never run off the first.
        assert!(page_count(&bytes) <= 2);
    }

    let mut letter = samples::exemption_letter();
    letter.parent_name = long_name.clone();
    letter.child_name = unbroken.clone();
    let bytes = render_exemption_letter(&letter).unwrap();
    let (width, _, boxes) = word_boxes(&bytes);
    for (x_min, _, x_max, _, word) in &boxes {
        assert!(*x_min >= 56.0 && *x_max <= width - 56.0, "{word:?}");
    }
    assert_has(&pdf_text(&bytes), &format!("Dear {long_name},"));
}

#[test]
fn every_kind_names_the_appellant_with_whoever_acted_for_them_and_still_fits_one_page() {
    for kind in KINDS {
        let mut c = samples::certificate(kind);
        c.acting = Some("Roberto Advocatus".into());
        let bytes = render_certificate(&c).unwrap();
        let text = pdf_text(&bytes);
        let appellant = &c.parent_name;
        assert_has(&text, &format!("Parent or young person {appellant} Acting for them Roberto Advocatus"));
        assert_has(
            &text,
            &format!(
                "Roberto Advocatus, acting for {appellant}, contacted the mediation adviser on {}",
                long(c.first_contact_on)
            ),
        );
        assert_has(&text, &format!("With this certificate, {appellant} can appeal"));
        assert!(!text.contains("Roberto Advocatus can appeal") && !text.contains("that Roberto"), "{text}");
        if let KindDetails::Deemed { la_told_on, .. } = c.details {
            assert_has(
                &text,
                &format!("The local authority was told on {} that {appellant} wishes to go to mediation", long(la_told_on)),
            );
        }
        assert_eq!(page_count(&bytes), 1, "{kind:?} should fit one page");
    }
    let mut letter = samples::exemption_letter();
    letter.acting = Some("Roberto Advocatus".into());
    let bytes = render_exemption_letter(&letter).unwrap();
    let text = pdf_text(&bytes);
    let appellant = &letter.parent_name;
    assert_has(&text, &format!("Parent or young person {appellant} Acting for them Roberto Advocatus"));
    assert_has(&text, "Dear Roberto Advocatus,");
    assert_has(&text, &format!("You contacted us, acting for {appellant}, about a decision"));
    assert_has(&text, &format!("{appellant} does not need a mediation certificate to appeal"));
    assert_eq!(page_count(&bytes), 1);
    // Without anyone acting for them, neither says so.
    for bytes in [
        render_certificate(&samples::certificate(KINDS[0])).unwrap(),
        render_exemption_letter(&samples::exemption_letter()).unwrap(),
    ] {
        let text = pdf_text(&bytes);
        assert!(!text.contains("Acting for them") && !text.contains("acting for"), "{text}");
    }
}

#[test]
fn a_long_name_on_a_declined_certificate_still_fits_one_page() {
    let mut c = samples::certificate(CertificateKind::Declined);
    c.parent_name = "Gwenllïan Siân Zoë Łukasz Nguyễn O'Brien-Smith Ó Súilleabháin "
        .repeat(4)
        .chars()
        .take(200)
        .collect::<String>()
        .trim()
        .to_string();
    let bytes = render_certificate(&c).unwrap();
    assert_eq!(page_count(&bytes), 1);
}

#[test]
fn deemed_without_an_icb_names_the_local_authority() {
    let mut c = samples::certificate(CertificateKind::Deemed);
    c.icb = None;
    let text = pdf_text(&render_certificate(&c).unwrap());
    assert_has(&text, "that the local authority could not arrange mediation within 30 days.");
    check_certificate(&c);
}

#[test]
fn greek_and_cyrillic_names_print() {
    let mut c = samples::certificate(CertificateKind::Withdrawn);
    c.parent_name = "Олександр Δημήτρης".into();
    let text = pdf_text(&render_certificate(&c).unwrap());
    assert_has(&text, "Parent or young person Олександр Δημήτρης");
}

#[test]
fn a_certificate_without_service_contact_details_still_renders() {
    let mut c = samples::certificate(CertificateKind::Declined);
    c.service.address_lines.clear();
    c.service.phone.clear();
    c.service.email.clear();
    let text = pdf_text(&render_certificate(&c).unwrap());
    assert_has(&text, "Riverside SEND Mediation Mediation certificate");
    assert!(!text.contains("Phone:"));
}
