//! The clock engine as a mediator meets it: routes, exemptions, each clock's
//! due date and status, the disputed readings, and named problems.

mod common;
use common::{d, facts, timeline_on};

use desk::rules::{self, choices::*};
use desk::timeline::{Party, Route, Status};
use desk::{Calendar, CaseFacts};

fn with(facts: &CaseFacts, choices: CountingChoices, today: &str) -> desk::Timeline {
    rules::timeline(facts, &Calendar::built_in(), &choices, d(today))
}

fn keys(t: &desk::Timeline) -> Vec<String> {
    t.clocks.iter().map(|c| c.key.to_string()).collect()
}

const DECLINED: &str = r#"{
  "decision": {"kind": "refuse_to_assess", "letter_dated": "2026-01-28", "sent_on": "2026-02-02"},
  "first_contact_on": "2026-02-16",
  "declined_on": "2026-02-16",
  "certificates": [{"kind": "declined", "issued_on": "2026-02-18", "number": "GM-2026-00001"}]
}"#;

#[test]
fn a_declined_case_has_contact_certificate_and_appeal_clocks_all_judged() {
    let t = timeline_on(&facts(DECLINED), "2026-02-20");
    assert_eq!(t.route, Route::CertificateNeeded);
    assert!(t.problems.is_empty());
    assert_eq!(keys(&t), vec!["contact_adviser", "certificate_declined", "appeal"]);
    let contact = t.clock("contact_adviser").unwrap();
    assert_eq!(contact.due_date, d("2026-04-02"));
    assert_eq!(contact.status, Status::MetOnTime);
    assert_eq!(contact.party, Party::ParentOrYoungPerson);
    assert_eq!(contact.citation, "SEND Regs 2014 reg 33");
    let cert = t.clock("certificate_declined").unwrap();
    // Mon 16 Feb + 3 working days = Thu 19 Feb 2026; issued Wed 18 Feb.
    assert_eq!(cert.due_date, d("2026-02-19"));
    assert_eq!(cert.status, Status::MetOnTime);
    assert_eq!(cert.party, Party::MediationAdviser);
    // The appeal: later of Sat 2 Apr... 2 Feb + 2 months = Thu 2 Apr 2026;
    // certificate 18 Feb + 1 month = Wed 18 Mar 2026. Thu 2 Apr stands.
    let appeal = t.appeal_deadline().unwrap();
    assert_eq!(appeal.due_date, d("2026-04-02"));
    assert_eq!(appeal.status, Status::Upcoming);
    assert_eq!(t.next_clock().unwrap().key, "appeal");
    assert_eq!(t.next_clock.as_deref(), Some("appeal"), "the next clock crosses to the screens as a field");
}

#[test]
fn status_follows_today_and_the_recorded_act() {
    let mut f = facts(DECLINED);
    f.certificates.clear();
    assert_eq!(timeline_on(&f, "2026-02-18").clock("certificate_declined").unwrap().status, Status::Upcoming);
    assert_eq!(timeline_on(&f, "2026-02-19").clock("certificate_declined").unwrap().status, Status::DueToday);
    let overdue = timeline_on(&f, "2026-02-20");
    let clock = overdue.clock("certificate_declined").unwrap();
    assert_eq!((clock.status, clock.status_text), (Status::Overdue, "Overdue"));
    f.certificates.push(desk::facts::IssuedCertificate {
        kind: desk::facts::CertificateKind::Declined,
        issued_on: d("2026-02-23"),
        number: None,
        voided: false,
    });
    let late = timeline_on(&f, "2026-02-24");
    let clock = late.clock("certificate_declined").unwrap();
    assert_eq!(clock.status, Status::MetLate);
    assert!(clock.working_text().iter().any(|l| l == "Met late: certificate (declined) issued on Mon 23 Feb 2026"));
}

#[test]
fn only_the_letter_date_known_is_used_and_said() {
    let t = timeline_on(&facts(r#"{"decision":{"kind":"refuse_to_assess","letter_dated":"2026-02-01"}}"#), "2026-02-02");
    assert_eq!(t.appeal_deadline().unwrap().due_date, d("2026-04-01"));
    assert!(t.notices.iter().any(|n| n.code == "sent_date_assumed"));
    assert!(t.appeal_deadline().unwrap().working_text().iter().any(|l| l.contains("the date on the letter is used")));
}

#[test]
fn placement_only_needs_no_certificate_and_says_why() {
    let t = timeline_on(
        &facts(r#"{"decision":{"kind":"plan_contents","sent_on":"2026-02-01"},"issues":["placement_i"]}"#),
        "2026-02-02",
    );
    assert_eq!(t.route, Route::Exempt);
    assert!(t.route_text.contains("placement only"), "{}", t.route_text);
    assert_eq!(t.exemptions.len(), 1);
    assert!(!t.exemptions[0].certificate_needed);
    assert!(t.exemptions[0].reason.contains("needs no certificate"));
    assert_eq!(t.clock("contact_adviser").unwrap().status, Status::NotApplicable);
    assert_eq!(t.appeal_deadline().unwrap().due_date, d("2026-04-01"));
}

#[test]
fn health_and_social_care_only_needs_no_certificate() {
    let t = timeline_on(
        &facts(r#"{"decision":{"kind":"plan_contents","sent_on":"2026-02-01"},"issues":["health","social_care"]}"#),
        "2026-02-02",
    );
    assert_eq!(t.route, Route::Exempt);
    assert!(t.route_text.contains("health and social care only"), "{}", t.route_text);
    assert!(t.route_text.contains("only alongside an education appeal"));
}

#[test]
fn a_mixed_appeal_needs_a_certificate_for_the_part_that_is_not_exempt() {
    let t = timeline_on(
        &facts(r#"{"decision":{"kind":"plan_contents","sent_on":"2026-02-01"},"issues":["provision_f","placement_i"]}"#),
        "2026-02-02",
    );
    assert_eq!(t.route, Route::CertificateNeeded);
    let needed: Vec<_> = t.exemptions.iter().map(|e| (e.label, e.certificate_needed)).collect();
    assert_eq!(needed, vec![("Section F: special educational provision", true), ("Section I: placement", false)]);
    assert!(t.route_text.contains("No certificate is needed for: Section I: placement"), "{}", t.route_text);
}

#[test]
fn every_decision_other_than_plan_contents_needs_a_certificate() {
    for kind in
        ["refuse_to_assess", "refuse_to_reassess", "refuse_to_issue_plan", "refuse_to_amend_after_review", "cease_to_maintain"]
    {
        let t = timeline_on(&facts(&format!(r#"{{"decision":{{"kind":"{kind}","sent_on":"2026-02-01"}}}}"#)), "2026-02-02");
        assert_eq!(t.route, Route::CertificateNeeded, "{kind}");
        assert!(t.exemptions[0].certificate_needed);
    }
    let unknown = timeline_on(&facts(r#"{"decision":{"kind":"plan_contents","sent_on":"2026-02-01"}}"#), "2026-02-02");
    assert_eq!(unknown.route, Route::NotYetKnown);
}

#[test]
fn disagreement_resolution_and_discrimination_claims_have_no_clocks() {
    let dr = timeline_on(
        &facts(r#"{"service":"disagreement_resolution","decision":{"sent_on":"2026-02-01"},"first_contact_on":"2026-02-03"}"#),
        "2026-02-04",
    );
    assert_eq!(dr.route, Route::DisagreementResolution);
    assert!(dr.clocks.is_empty());
    let dd = timeline_on(&facts(r#"{"service":"disability_discrimination","decision":{"sent_on":"2026-02-01"}}"#), "2026-02-04");
    assert_eq!(dd.route, Route::DisabilityDiscrimination);
    assert!(dd.clocks.is_empty());
    assert!(dd.route_text.contains("no mediation requirement"));
}

const MEDIATED: &str = r#"{
  "decision": {"kind": "plan_contents", "sent_on": "2026-01-05"},
  "issues": ["needs_b", "provision_f", "health"],
  "first_contact_on": "2026-01-12",
  "family_told_la_on": "2026-01-14",
  "adviser_told_la_on": "2026-01-13",
  "la_told_icb_on": "2026-01-16",
  "meetings": [
    {"date": "2026-02-09", "status": "postponed", "postponed_by": "local_authority", "notice_sent_on": "2026-01-30"},
    {"date": "2026-02-16", "status": "held", "notice_sent_on": "2026-02-06"}
  ],
  "mediation_arranged_on": "2026-01-20",
  "concluded_on": "2026-02-16",
  "certificates": [{"kind": "after_mediation", "issued_on": "2026-02-18"}]
}"#;

#[test]
fn the_30_days_and_its_disputed_readings() {
    let f = facts(MEDIATED);
    // Default: the earlier notice (the adviser's, Tue 13 Jan) + 30 = Thu 12 Feb; held 16 Feb: late.
    let t = timeline_on(&f, "2026-02-20");
    let held = t.clock("mediation_held").unwrap();
    assert_eq!(held.trigger.date, d("2026-01-13"));
    assert_eq!(held.due_date, d("2026-02-12"));
    assert_eq!(held.status, Status::MetLate);
    assert_eq!(held.party, Party::LocalAuthority);
    assert!(held.working_text().iter().any(|l| l.contains("earlier of the family's and the adviser's notice")));
    // The family's notice (Wed 14 Jan) + 30 = Fri 13 Feb.
    let family = CountingChoices { thirty_days_start: ThirtyDaysStart::FamilyNotice, ..Default::default() };
    assert_eq!(with(&f, family, "2026-02-20").clock("mediation_held").unwrap().due_date, d("2026-02-13"));
    // Arranged, not held: arranged Tue 20 Jan, on time.
    let arranged = CountingChoices { thirty_days_meaning: ThirtyDaysMeaning::Arranged, ..Default::default() };
    let t = with(&f, arranged, "2026-02-20");
    let clock = t.clock("mediation_held").unwrap();
    assert_eq!(clock.status, Status::MetOnTime);
    assert_eq!(clock.label, "Arrange the mediation meeting");
}

#[test]
fn health_only_mediation_is_arranged_by_the_icb_from_the_las_notice() {
    let f = facts(
        r#"{"decision":{"kind":"plan_contents","sent_on":"2026-01-05"},"issues":["health"],"first_contact_on":"2026-01-12",
        "family_told_la_on":"2026-01-14","la_told_icb_on":"2026-01-19"}"#,
    );
    let t = timeline_on(&f, "2026-01-20");
    let held = t.clock("mediation_held").unwrap();
    assert_eq!(held.party, Party::Icb);
    assert_eq!(held.trigger.date, d("2026-01-19"));
    assert_eq!(held.due_date, d("2026-02-18"));
    // The LA's 3 working days to tell the ICB: Wed 14 Jan + 3 = Mon 19 Jan: met.
    let icb = t.clock("icb_notified").unwrap();
    assert_eq!((icb.due_date, icb.status), (d("2026-01-19"), Status::MetOnTime));
}

#[test]
fn notice_of_each_meeting_is_due_five_working_days_before_it() {
    let f = facts(MEDIATED);
    let t = timeline_on(&f, "2026-02-20");
    // Only the held meeting (Mon 16 Feb) needs notice: Mon 9 Feb; sent Fri 6 Feb.
    let notice = t.clock("mediation_notice").unwrap();
    assert_eq!(notice.due_date, d("2026-02-09"));
    assert_eq!(notice.status, Status::MetOnTime);
    assert!(t.clock("mediation_notice_2").is_none());
    // Five clear working days: Fri 6 Feb, still on time.
    let clear = CountingChoices { notice_reading: NoticeReading::FiveClearWorkingDays, ..Default::default() };
    let t = with(&f, clear, "2026-02-20");
    assert_eq!(t.clock("mediation_notice").unwrap().due_date, d("2026-02-06"));
    assert!(t.clock("mediation_notice").unwrap().working_text().iter().any(|l| l.contains("five clear working days")));
}

#[test]
fn the_certificate_after_mediation_is_due_three_working_days_after_it_concluded() {
    let t = timeline_on(&facts(MEDIATED), "2026-02-20");
    let cert = t.clock("certificate_after_mediation").unwrap();
    assert_eq!(cert.due_date, d("2026-02-19"));
    assert_eq!(cert.party, Party::Mediator);
    assert_eq!(cert.status, Status::MetOnTime);
    // The appeal: 5 Jan + 2 months = Thu 5 Mar; certificate 18 Feb + 1 month = Wed 18 Mar: later.
    assert_eq!(t.appeal_deadline().unwrap().due_date, d("2026-03-18"));
}

#[test]
fn no_meeting_by_day_30_prompts_the_deemed_certificate_route() {
    let f = facts(
        r#"{"decision":{"kind":"refuse_to_assess","sent_on":"2026-01-05"},"first_contact_on":"2026-01-12","family_told_la_on":"2026-01-14"}"#,
    );
    let t = timeline_on(&f, "2026-02-14");
    assert_eq!(t.clock("mediation_held").unwrap().status, Status::Overdue);
    let prompt = t.notices.iter().find(|n| n.code == "deemed_certificate_route").expect("a prompt");
    assert!(prompt.message.contains("Fri 13 Feb 2026"), "{}", prompt.message);
    // Once the LA says it cannot arrange, the adviser has 3 working days.
    let mut f2 = f.clone();
    f2.cannot_arrange_notice_on = Some(d("2026-02-13"));
    let t = timeline_on(&f2, "2026-02-14");
    assert!(t.notices.iter().all(|n| n.code != "deemed_certificate_route"));
    assert_eq!(t.clock("certificate_deemed").unwrap().due_date, d("2026-02-18"));
}

#[test]
fn withdrawing_ends_the_30_days_and_starts_the_certificate_clock() {
    let f = facts(
        r#"{"decision":{"kind":"refuse_to_assess","sent_on":"2026-01-05"},"first_contact_on":"2026-01-12","family_told_la_on":"2026-01-14","withdrew_on":"2026-01-23"}"#,
    );
    let t = timeline_on(&f, "2026-02-20");
    let held = t.clock("mediation_held").unwrap();
    assert_eq!(held.status, Status::NotApplicable);
    assert!(held.working_text().iter().any(|l| l.contains("withdrew from mediation on Fri 23 Jan 2026")));
    assert_eq!(t.clock("certificate_withdrawn").unwrap().due_date, d("2026-01-28"));
}

#[test]
fn agreement_actions_keep_the_reg_44_limits_and_an_agreed_date_replaces_them() {
    let f = facts(
        r#"{"decision":{"kind":"refuse_to_assess","sent_on":"2026-01-05"},"first_contact_on":"2026-01-12","family_told_la_on":"2026-01-14",
      "meetings":[{"date":"2026-02-02","status":"held"}],"concluded_on":"2026-02-02",
      "agreement":{"dated":"2026-02-02","la_was_party":false,"actions":[
        {"kind":"make_assessment","done_on":["2026-02-10"]},
        {"kind":"make_and_maintain_plan"},
        {"kind":"amend_needs_or_provision","description":"Add speech and language therapy"},
        {"kind":"amend_placement"},
        {"kind":"continue_to_maintain"},
        {"kind":"non_appealable","description":"Short breaks review"},
        {"kind":"amend_placement","agreed_due":"2026-04-30"}]}}"#,
    );
    let t = timeline_on(&f, "2026-02-20");
    let due = |k: &str| t.clock(k).unwrap_or_else(|| panic!("{k} in {:?}", keys(&t))).due_date;
    assert_eq!(due("icb_tells_la"), d("2026-02-09"));
    assert_eq!(due("agreement_action_1_notify"), d("2026-02-16"));
    assert_eq!(due("agreement_action_1_no_plan"), d("2026-04-13"));
    assert_eq!(due("agreement_action_1_plan"), d("2026-05-11"));
    assert_eq!(due("agreement_action_2_draft"), d("2026-03-09"));
    assert_eq!(due("agreement_action_2_final"), d("2026-04-20"));
    assert_eq!(due("agreement_action_3_amend"), d("2026-03-09"));
    assert_eq!(due("agreement_action_4_amend"), d("2026-02-16"));
    assert_eq!(due("agreement_action_5_act"), d("2026-02-02"));
    assert_eq!(due("agreement_action_6_act"), d("2026-02-16"));
    assert_eq!(due("agreement_action_7"), d("2026-04-30"));
    assert_eq!(t.clock("agreement_action_1_notify").unwrap().status, Status::MetOnTime);
    // The label is fixed wording and the action's number; the description,
    // free text, travels beside it.
    let amend = t.clock("agreement_action_3_amend").unwrap();
    assert_eq!(amend.label, "Issue the amended plan (sections B and/or F) (action 3)");
    assert_eq!(amend.action_description.as_deref(), Some("Add speech and language therapy"));
    assert_eq!(t.clock("icb_tells_la").unwrap().action_description, None);
    assert_eq!(t.clock("agreement_action_6_act").unwrap().party, Party::CommissioningBody);
    assert!(t.clock("agreement_action_7").unwrap().working_text().iter().any(|l| l.contains("agreed in writing")));
}

#[test]
fn contradictory_facts_are_named_problems_and_no_date_is_computed() {
    let cases: &[(&str, &str, &str)] = &[
        (
            r#"{"decision":{"kind":"refuse_to_assess","letter_dated":"2026-02-05","sent_on":"2026-02-01"}}"#,
            "sent_before_dated",
            "decision.sent_on",
        ),
        (
            r#"{"decision":{"kind":"refuse_to_assess","sent_on":"2026-02-01"},"first_contact_on":"2026-02-10","certificates":[{"kind":"declined","issued_on":"2026-02-05"}]}"#,
            "certificate_before_contact",
            "certificates[0].issued_on",
        ),
        (
            r#"{"decision":{"kind":"refuse_to_assess","sent_on":"2026-03-01"},"meetings":[{"date":"2026-02-20","status":"held"}]}"#,
            "decision_after_mediation",
            "decision.sent_on",
        ),
        (r#"{"decision":{"kind":"refuse_to_assess","sent_on":"2013-02-01"}}"#, "date_before_regime", "decision.sent_on"),
        (r#"{"decision":{"kind":"refuse_to_assess","sent_on":"2028-02-01"}}"#, "date_too_far_ahead", "decision.sent_on"),
        (
            r#"{"decision":{"kind":"refuse_to_assess","sent_on":"2026-02-01"},"first_contact_on":"2026-01-20"}"#,
            "contact_before_decision",
            "first_contact_on",
        ),
    ];
    for (json, code, field) in cases {
        let t = timeline_on(&facts(json), "2026-03-02");
        let problem = t.problems.iter().find(|p| p.code == *code).unwrap_or_else(|| panic!("{code} in {:?}", t.problems));
        assert_eq!(problem.field, *field);
        assert!(t.clocks.is_empty(), "no clocks computed for {code}");
    }
    let t = timeline_on(&facts(cases[0].0), "2026-03-02");
    assert_eq!(
        t.problems[0].message,
        "Date the letter was sent (Sun 1 Feb 2026) must be on or after the date on the letter (Thu 5 Feb 2026)"
    );
}

#[test]
fn facts_json_errors_name_the_field() {
    let err = desk::facts::from_json(r#"{"decision":{"sent_on":"2025-02-31"}}"#).unwrap_err().to_string();
    assert!(err.starts_with("decision.sent_on: not a real date"), "{err}");
    let err = desk::facts::from_json(r#"{"decision":{"kind":"refuse_to_guess"}}"#).unwrap_err().to_string();
    assert!(err.starts_with("decision.kind: unknown variant `refuse_to_guess`"), "{err}");
    let err = desk::facts::from_json(r#"{"first_contact":"2026-01-01"}"#).unwrap_err().to_string();
    assert!(err.contains("unknown field `first_contact`"), "{err}");
}

#[test]
fn every_clock_carries_its_citation_party_trigger_and_working() {
    let t = timeline_on(&facts(MEDIATED), "2026-02-20");
    for clock in &t.clocks {
        assert!(!clock.citation.is_empty(), "{}", clock.key);
        assert!(!clock.party_label.is_empty());
        let text = clock.working_text();
        assert!(text[0].starts_with("Starts from:"), "{}: {text:?}", clock.key);
        assert!(text.iter().any(|l| l.starts_with("Due:")), "{}: {text:?}", clock.key);
    }
    let json = serde_json::to_value(&t).unwrap();
    let first = &json["clocks"][0];
    for field in [
        "key",
        "label",
        "party",
        "trigger",
        "period",
        "raw_date",
        "due_date",
        "adjustment",
        "flags",
        "citation",
        "working",
        "status",
    ] {
        assert!(first.get(field).is_some(), "{field} in {first}");
    }
    assert!(first["working"][0].is_string());
}

#[test]
fn a_deficient_decision_letter_is_named_with_reg_32() {
    let t = timeline_on(
        &facts(
            r#"{"decision":{"kind":"refuse_to_assess","sent_on":"2026-02-01","letter_missing":["adviser_contact","timescales"]}}"#,
        ),
        "2026-02-02",
    );
    let notice = t.notices.iter().find(|n| n.code == "letter_deficient").expect("a notice");
    assert!(
        notice.message.contains("the mediation adviser's contact details; the timescales for requesting mediation"),
        "{}",
        notice.message
    );
    assert!(notice.message.contains("SEND Regs 2014 reg 32"));
    let complete = timeline_on(&facts(r#"{"decision":{"kind":"refuse_to_assess","sent_on":"2026-02-01"}}"#), "2026-02-02");
    assert!(complete.notices.iter().all(|n| n.code != "letter_deficient"));
}

/// Issue 10: facts that cannot all be true are named problems with the
/// field to fix, and no clock is computed from them.
#[test]
fn facts_that_cannot_all_be_true_are_named_problems() {
    const BASE: &str = r#""decision":{"kind":"refuse_to_assess","sent_on":"2026-01-05"},"first_contact_on":"2026-01-12""#;
    let cases: &[(&str, &str, &str)] = &[
        // A meeting held before the LA was told (the earlier of the two notices: Fri 16 Jan).
        (
            r#""family_told_la_on":"2026-01-20","adviser_told_la_on":"2026-01-16","meetings":[{"date":"2026-01-15","status":"held"}]"#,
            "meeting_before_la_told",
            "meetings[0].date",
        ),
        // An after-mediation certificate before mediation concluded.
        (
            r#""family_told_la_on":"2026-01-14","meetings":[{"date":"2026-02-02","status":"held"}],"concluded_on":"2026-02-10",
               "certificates":[{"kind":"after_mediation","issued_on":"2026-02-05"}]"#,
            "certificate_before_concluded",
            "certificates[0].issued_on",
        ),
        // ... before any meeting was held.
        (
            r#""family_told_la_on":"2026-01-14","meetings":[{"date":"2026-02-10","status":"held"}],"concluded_on":"2026-02-03",
               "certificates":[{"kind":"after_mediation","issued_on":"2026-02-05"}]"#,
            "certificate_before_meeting",
            "certificates[0].issued_on",
        ),
        // ... with no meeting held at all.
        (
            r#""family_told_la_on":"2026-01-14","concluded_on":"2026-02-03","certificates":[{"kind":"after_mediation","issued_on":"2026-02-05"}]"#,
            "certificate_without_meeting",
            "meetings",
        ),
        // A deemed certificate before the arranging body said it could not arrange mediation, or with no such notice.
        (
            r#""family_told_la_on":"2026-01-14","cannot_arrange_notice_on":"2026-02-13","certificates":[{"kind":"deemed","issued_on":"2026-02-10"}]"#,
            "certificate_before_cannot_arrange",
            "certificates[0].issued_on",
        ),
        (
            r#""family_told_la_on":"2026-01-14","certificates":[{"kind":"deemed","issued_on":"2026-02-16"}]"#,
            "certificate_without_cannot_arrange",
            "cannot_arrange_notice_on",
        ),
        // A declined certificate before the family declined; a withdrawn one with no withdrawal recorded.
        (
            r#""declined_on":"2026-01-20","certificates":[{"kind":"declined","issued_on":"2026-01-19"}]"#,
            "certificate_before_declined",
            "certificates[0].issued_on",
        ),
        (
            r#""family_told_la_on":"2026-01-14","certificates":[{"kind":"withdrawn","issued_on":"2026-01-30"}]"#,
            "certificate_without_withdrew",
            "withdrew_on",
        ),
        // A written mediation agreement where no mediation took place (reg 42(1)).
        (
            r#""family_told_la_on":"2026-01-14","meetings":[{"date":"2026-02-02","status":"planned"}],"agreement":{"dated":"2026-02-02"}"#,
            "agreement_without_mediation",
            "agreement.dated",
        ),
        // An item the family could appeal is the LA's, never the ICB's (reg 42(2)).
        (
            r#""family_told_la_on":"2026-01-14","meetings":[{"date":"2026-02-02","status":"held"}],"concluded_on":"2026-02-02",
               "agreement":{"dated":"2026-02-02","actions":[{"kind":"amend_placement","responsible_body":"icb"}]}"#,
            "icb_for_appealable_action",
            "agreement.actions[0].responsible_body",
        ),
    ];
    for (extra, code, field) in cases {
        let t = timeline_on(&facts(&format!("{{{BASE},{extra}}}")), "2026-03-02");
        let problem = t.problems.iter().find(|p| p.code == *code).unwrap_or_else(|| panic!("{code} in {:?}", t.problems));
        assert_eq!(problem.field, *field, "{code}");
        assert!(t.clocks.is_empty(), "no clocks computed for {code}");
    }
    let t = timeline_on(&facts(&format!("{{{BASE},{}}}", cases[0].0)), "2026-03-02");
    assert_eq!(
        t.problems[0].message,
        "Meeting date (Thu 15 Jan 2026) must be on or after the date the LA was first told of the wish to mediate (Fri 16 Jan 2026)"
    );
    let t = timeline_on(&facts(&format!("{{{BASE},{}}}", cases[5].0)), "2026-03-02");
    assert_eq!(
        t.problems[0].message,
        "A deemed certificate was issued on Mon 16 Feb 2026, so the date the LA said it cannot arrange mediation must be recorded"
    );
    // A voided certificate says nothing any more: a corrected fact after it is no problem.
    let voided = format!(
        r#"{{{BASE},"declined_on":"2026-01-20","certificates":[{{"kind":"declined","issued_on":"2026-01-19","voided":true}},{{"kind":"declined","issued_on":"2026-01-21"}}]}}"#
    );
    assert!(timeline_on(&facts(&voided), "2026-03-02").problems.is_empty());
}

/// Issue 10: r.20(1)(c)'s "the mediation certificate" is a named reading.
/// By default the month counts from the first certificate the family was
/// given, voided or not; the working names both dates.
#[test]
fn the_appeal_month_counts_from_the_first_certificate_unless_the_setting_says_the_latest_in_force() {
    let f = facts(
        r#"{"decision":{"kind":"refuse_to_assess","sent_on":"2026-01-05"},"first_contact_on":"2026-02-16","declined_on":"2026-02-18",
        "certificates":[{"kind":"declined","issued_on":"2026-02-20","voided":true},{"kind":"declined","issued_on":"2026-03-10"}]}"#,
    );
    // 2 months from Mon 5 Jan = Thu 5 Mar; 1 month from the first certificate (Fri 20 Feb) = Fri 20 Mar: later.
    let t = timeline_on(&f, "2026-03-11");
    let appeal = t.appeal_deadline().unwrap();
    assert_eq!(appeal.due_date, d("2026-03-20"));
    assert_eq!(t.choices.appeal_certificate, AppealCertificateReading::FirstCertificate);
    let text = appeal.working_text().join("\n");
    assert!(
        text.contains("the first they were given was issued on Fri 20 Feb 2026, the latest in force on Tue 10 Mar 2026"),
        "{text}"
    );
    assert!(text.contains("the Tribunal decides which date it accepts"), "{text}");
    assert!(text.contains("the month counts from the first certificate the family was given"), "{text}");
    // The latest in force: 1 month from Tue 10 Mar = Fri 10 Apr.
    let latest = CountingChoices { appeal_certificate: AppealCertificateReading::LatestInForce, ..Default::default() };
    let t = with(&f, latest, "2026-03-11");
    assert_eq!(t.appeal_deadline().unwrap().due_date, d("2026-04-10"));
    assert!(t.appeal_deadline().unwrap().working_text().iter().any(|l| l.contains("latest certificate in force")));
    // One certificate: both readings agree and nothing more is said.
    let one = facts(DECLINED);
    let text = timeline_on(&one, "2026-02-20").appeal_deadline().unwrap().working_text().join("\n");
    assert!(!text.contains("more than one certificate"), "{text}");
    assert_eq!(with(&one, latest, "2026-02-20").appeal_deadline().unwrap().due_date, d("2026-04-02"));
}

/// Issue 10: no appeal lies on health or social care alone (CFA s.51), so
/// no appeal clock runs on such a case and none goes overdue.
#[test]
fn health_and_social_care_only_has_no_appeal_clock_to_go_overdue() {
    let f = facts(
        r#"{"decision":{"kind":"plan_contents","sent_on":"2026-01-05"},"issues":["health","social_care"],"first_contact_on":"2026-01-12"}"#,
    );
    // Long after 2 months from the decision.
    let t = timeline_on(&f, "2026-06-01");
    assert!(t.appeal_deadline().is_none());
    assert!(t.clocks.iter().all(|c| c.status != Status::Overdue), "{:?}", t.clocks);
    assert!(t.route_text.contains("No appeal lies to the Tribunal on health or social care alone"), "{}", t.route_text);
    assert!(t.appeal_note.as_deref().is_some_and(|n| n.starts_with("No appeal deadline: no appeal lies")), "{:?}", t.appeal_note);
    // With an education issue in view the appeal clock runs as before.
    let mixed = facts(r#"{"decision":{"kind":"plan_contents","sent_on":"2026-01-05"},"issues":["placement_i","health"]}"#);
    let t = timeline_on(&mixed, "2026-06-01");
    assert_eq!(t.appeal_deadline().unwrap().status, Status::Overdue);
    assert_eq!(t.appeal_note, None);
}

const ASSESS: &str = r#""decision":{"kind":"refuse_to_assess","sent_on":"2026-01-05"},"first_contact_on":"2026-01-12","family_told_la_on":"2026-01-14",
  "meetings":[{"date":"2026-02-02","status":"held"}],"concluded_on":"2026-02-02""#;

/// Issue 10: reg 44(2)(b) after an agreement to assess: 10 weeks to say no
/// plan will be issued OR 14 weeks to issue it: alternatives, not steps.
#[test]
fn after_an_agreement_to_assess_the_10_and_14_weeks_are_alternatives() {
    // The plan issued in week 13 (Mon 4 May): overdue on nothing.
    let plan = facts(&format!(
        r#"{{{ASSESS},"agreement":{{"dated":"2026-02-02","actions":[{{"kind":"make_assessment","done_on":["2026-02-12",null,"2026-05-04"]}}]}}}}"#
    ));
    let t = timeline_on(&plan, "2026-05-20");
    let action: Vec<_> = t.clocks.iter().filter(|c| c.key.starts_with("agreement_action_1")).collect();
    assert_eq!(action.len(), 3);
    assert!(
        action.iter().all(|c| c.status != Status::Overdue),
        "{:?}",
        action.iter().map(|c| (&c.key, c.status)).collect::<Vec<_>>()
    );
    let no_plan = t.clock("agreement_action_1_no_plan").unwrap();
    assert_eq!((no_plan.due_date, no_plan.status), (d("2026-04-13"), Status::NotApplicable));
    assert!(no_plan.working_text().iter().any(|l| l.contains("The final EHC plan was issued on Mon 4 May 2026")));
    assert_eq!(no_plan.label, "Tell the family the LA will not issue an EHC plan (if it so decides) (action 1)");
    let issued = t.clock("agreement_action_1_plan").unwrap();
    assert_eq!((issued.due_date, issued.status), (d("2026-05-11"), Status::MetOnTime));
    // Neither recorded in week 11: the 10 weeks are not shown as missed, and why.
    let neither = facts(&format!(
        r#"{{{ASSESS},"agreement":{{"dated":"2026-02-02","actions":[{{"kind":"make_assessment","done_on":["2026-02-12"]}}]}}}}"#
    ));
    let t = timeline_on(&neither, "2026-04-20");
    let no_plan = t.clock("agreement_action_1_no_plan").unwrap();
    assert_eq!(no_plan.status, Status::NotApplicable);
    assert!(
        no_plan.working_text().iter().any(|l| l.contains("it has until Mon 11 May 2026 (week 14)")),
        "{:?}",
        no_plan.working_text()
    );
    assert_eq!(t.clock("agreement_action_1_plan").unwrap().status, Status::Upcoming);
    // Before week 10 the 10 weeks are still running.
    assert_eq!(timeline_on(&neither, "2026-04-01").clock("agreement_action_1_no_plan").unwrap().status, Status::Upcoming);
    // A decision not to issue recorded in week 9: the 14 weeks do not apply.
    let refused = facts(&format!(
        r#"{{{ASSESS},"agreement":{{"dated":"2026-02-02","actions":[{{"kind":"make_assessment","done_on":["2026-02-12","2026-04-06",null]}}]}}}}"#
    ));
    let t = timeline_on(&refused, "2026-06-01");
    assert_eq!(t.clock("agreement_action_1_no_plan").unwrap().status, Status::MetOnTime);
    assert_eq!(t.clock("agreement_action_1_plan").unwrap().status, Status::NotApplicable);
    // The stage names the screens show.
    let vocabulary = desk::vocabulary::vocabulary();
    let assess = vocabulary.agreement_actions.iter().find(|a| a.value == "make_assessment").unwrap();
    assert_eq!(
        assess.stages,
        [
            "Tell the family the LA will assess",
            "Tell the family the LA will not issue an EHC plan (if it so decides)",
            "Issue the final EHC plan (if the LA decides to issue one)"
        ]
    );
}

/// Issue 10: the notice of a meeting is good practice (Code of Practice
/// ch.11), never a statutory "overdue".
#[test]
fn the_notice_of_a_meeting_is_good_practice_never_overdue() {
    let planned = facts(
        r#"{"decision":{"kind":"refuse_to_assess","sent_on":"2026-01-05"},"first_contact_on":"2026-01-12","family_told_la_on":"2026-01-14",
        "meetings":[{"date":"2026-02-13","status":"planned"}]}"#,
    );
    // Five working days before Fri 13 Feb: Fri 6 Feb. Nothing recorded by Tue 10 Feb.
    let t = timeline_on(&planned, "2026-02-10");
    let notice = t.clock("mediation_notice").unwrap();
    assert_eq!(notice.due_date, d("2026-02-06"));
    assert!(notice.good_practice);
    assert_eq!(notice.status, Status::PastGoodPractice);
    assert_eq!(notice.status_text, "Notice not yet recorded as given: good practice, not a statutory limit");
    assert!(!notice.status.is_pending());
    assert_ne!(t.next_clock.as_deref(), Some("mediation_notice"));
    // Given late: "Notice given late", not "Met late".
    let mut late = planned.clone();
    late.meetings[0].notice_sent_on = Some(d("2026-02-09"));
    let t = timeline_on(&late, "2026-02-10");
    let notice = t.clock("mediation_notice").unwrap();
    assert_eq!((notice.status, notice.status_text), (Status::MetLate, "Notice given late"));
    // A statutory clock is still overdue, and says so.
    let held = t.clock("mediation_held").unwrap();
    assert!(!held.good_practice);
    assert_eq!(rules::status_text(Status::Overdue, "mediation_held"), "Overdue");
}

/// Issue 10: reg 42(3): an item with no right of appeal is for "the local
/// authority or responsible commissioning body", whichever is responsible.
#[test]
fn an_item_with_no_right_of_appeal_is_for_the_body_responsible_for_it() {
    let f = facts(&format!(
        r#"{{{ASSESS},"agreement":{{"dated":"2026-02-02","actions":[
        {{"kind":"non_appealable","description":"Speech therapy (health)","responsible_body":"icb"}},
        {{"kind":"non_appealable","description":"Short breaks","responsible_body":"local_authority"}},
        {{"kind":"non_appealable","description":"Not yet known"}}]}}}}"#
    ));
    let t = timeline_on(&f, "2026-02-10");
    let party = |k: &str| t.clock(k).unwrap().party;
    assert_eq!(party("agreement_action_1_act"), Party::Icb);
    assert_eq!(t.clock("agreement_action_1_act").unwrap().party_label, "Integrated care board");
    assert_eq!(party("agreement_action_2_act"), Party::LocalAuthority);
    assert_eq!(party("agreement_action_3_act"), Party::CommissioningBody);
    assert!(t
        .clock("agreement_action_3_act")
        .unwrap()
        .working_text()
        .iter()
        .any(|l| l.contains("record which on the agreement")));
}

/// Issue 10: while a case that needs a certificate has none, the header's
/// appeal deadline says from when a certificate would move it.
#[test]
fn the_appeal_deadline_says_when_a_certificate_would_move_it() {
    let f = facts(r#"{"decision":{"kind":"refuse_to_assess","sent_on":"2026-02-01"},"first_contact_on":"2026-02-10"}"#);
    let t = timeline_on(&f, "2026-02-10");
    // 2 months from Sun 1 Feb = Wed 1 Apr; a certificate from Mon 2 Mar gives 2 Apr or later.
    assert_eq!(t.appeal_deadline().unwrap().raw_date, d("2026-04-01"));
    assert_eq!(
        t.appeal_note.as_deref(),
        Some("A mediation certificate issued on or after Mon 2 Mar 2026 would move this deadline to 1 month from its date of issue")
    );
    let moves_from =
        |raw: &str, due: &str| rules::appeal::certificate_moves_from(&Calendar::built_in(), Default::default(), d(raw), d(due));
    // A month-end: 2 months from Fri 31 Dec 2027 = Tue 29 Feb 2028. A certificate
    // of 29, 30 or 31 Jan gives 29 Feb (clamped); only from Tue 1 Feb is it later.
    assert_eq!(moves_from("2028-02-29", "2028-02-29"), d("2028-02-01"));
    // Where the rules moved the deadline, a certificate must move it past the moved date:
    // 2 months from Mon 2 Mar 2026 = Sat 2 May, moved to Tue 5 May (Mon 4 May is a bank
    // holiday); certificates of 3, 4 or 5 Apr also give Tue 5 May, one of Mon 6 Apr gives Wed 6 May.
    assert_eq!(moves_from("2026-05-02", "2026-05-05"), d("2026-04-06"));
    // Once a certificate is issued, or where none is needed, nothing is said.
    assert_eq!(timeline_on(&facts(DECLINED), "2026-02-20").appeal_note, None);
    let placement = facts(r#"{"decision":{"kind":"plan_contents","sent_on":"2026-02-01"},"issues":["placement_i"]}"#);
    assert_eq!(timeline_on(&placement, "2026-02-10").appeal_note, None);
}
