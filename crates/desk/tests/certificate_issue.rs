//! Issuing certificates through the store: every field printed (read back
//! with poppler's `pdftotext`), numbering without gaps or duplicates under
//! failures, void and re-issue, reproducible bytes, late issues, names the
//! font cannot print, history, and the triggers that keep an issued
//! certificate unchanged. Needs poppler-utils on the PATH.

mod common;

use chrono::NaiveDate;
use common::*;
use desk::calendar::dates;
use desk::case_view::CaseViews;
use desk::certificates::CertificateWorkflow;
use desk::facts::{CertificateKind, DecisionKind, Issue, Meeting, MeetingStatus};
use desk::rules::choices::{AppealCertificateReading, CountingChoices};
use desk::store::{
    CaseInput, CertificateFilter, IssueOptions, PersonInput, ServiceSettings, StaffMember, StaffRole, Store, StoreError,
};
use desk::DeskError;

const SERVICE: &str = "Greater Manchester SEND Mediation";

fn setup(store: &mut Store) {
    store
        .set_service_settings(
            &ServiceSettings {
                service_name: SERVICE.into(),
                address: "Unit 4, Canal Wharf\n12 Lock Street\nManchester M1 4AB".into(),
                phone: "0161 496 0000".into(),
                email: "mediation@gm.example.org.uk".into(),
                certificate_prefix: "GM".into(),
            },
            "Admin",
        )
        .unwrap();
    for (name, role, reg) in [
        ("Łukasz Nowak", StaffRole::Adviser, "Civil Mediation Council CMC-123456"),
        ("Siân Roberts", StaffRole::Mediator, "College of Mediators 04417"),
    ] {
        store.save_staff(&StaffMember { name: name.into(), role, registration: Some(reg.into()) }, "Admin").unwrap();
    }
}

fn assert_has(text: &str, wanted: &str) {
    let wanted = wanted.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains(&wanted), "expected {wanted:?} in the PDF text:\n{text}");
}

fn long(d: NaiveDate) -> String {
    dates::long(d)
}

/// A case ready for a certificate of `kind`, with the given names.
fn case_for(kind: CertificateKind, parent: &str, child: &str) -> CaseInput {
    let mut input = case(child);
    input.caller = Some(person(parent));
    input.child = Some(PersonInput { name: child.into(), role: None, date_of_birth: Some(date("2015-06-01")) });
    let f = &mut input.facts;
    match kind {
        CertificateKind::Declined => f.declined_on = Some(date("2026-03-12")),
        CertificateKind::Withdrawn => {
            f.family_told_la_on = Some(date("2026-03-11"));
            f.withdrew_on = Some(date("2026-03-20"));
        }
        CertificateKind::Deemed => {
            f.family_told_la_on = Some(date("2026-03-11"));
            f.cannot_arrange_notice_on = Some(date("2026-04-01"));
            input.icb = Some("NHS Greater Manchester Integrated Care Board".into());
        }
        CertificateKind::AfterMediation => {
            f.decision.kind = Some(DecisionKind::PlanContents);
            f.issues = vec![Issue::NeedsB, Issue::ProvisionF];
            f.family_told_la_on = Some(date("2026-03-11"));
            f.meetings = vec![Meeting {
                date: date("2026-03-30"),
                status: MeetingStatus::Held,
                notice_sent_on: Some(date("2026-03-20")),
                postponed_by: None,
            }];
            f.concluded_on = Some(date("2026-03-30"));
        }
    }
    input
}

/// The date each test case's certificate is issued on time.
fn on_time(kind: CertificateKind) -> NaiveDate {
    match kind {
        CertificateKind::Declined => date("2026-03-13"),
        CertificateKind::Withdrawn => date("2026-03-23"),
        CertificateKind::Deemed => date("2026-04-02"),
        CertificateKind::AfterMediation => date("2026-04-01"),
    }
}

const KINDS: [CertificateKind; 4] =
    [CertificateKind::Declined, CertificateKind::Withdrawn, CertificateKind::Deemed, CertificateKind::AfterMediation];

fn opts() -> IssueOptions {
    IssueOptions::default()
}

#[test]
fn every_kind_prints_every_field_with_names_in_many_latin_scripts() {
    let db = TestDb::new();
    let mut store = db.open();
    setup(&mut store);
    let names = [
        ("Siân Gwenllïan Davies", "Zoë Davies"),
        ("Nguyễn Thị Lan", "Łukasz Nguyễn"),
        ("Pádraig Ó Súilleabháin", "Aoife Ó Súilleabháin"),
        ("Gwenllïan O'Brien-Smith", "Rhys O'Brien-Smith"),
    ];
    for (i, kind) in KINDS.into_iter().enumerate() {
        let (parent, child) = names[i];
        let reference = store.add_case(&case_for(kind, parent, child), "Ann", today()).unwrap();
        let mut options = opts();
        if kind == CertificateKind::AfterMediation {
            options.resolved = vec![Issue::NeedsB];
        }
        let issued_on = on_time(kind);
        let record = store.issue_certificate(&reference, kind, issued_on, &options, "Ann", today()).unwrap();
        assert_eq!(record.number, format!("GM-2026-{:05}", i + 1));
        assert!(record.late.is_none(), "{kind:?} issued on time");
        let text = pdf_text(&record.pdf);
        let case = store.case(&reference).unwrap();
        let appeal = store.case_view(&reference, issued_on).unwrap().timeline.appeal_deadline().unwrap().due_date;
        assert_eq!(appeal, store.certificate(&record.number).unwrap().appeal_deadline);
        for wanted in [
            SERVICE.to_string(),
            "Unit 4, Canal Wharf".into(),
            "0161 496 0000".into(),
            "mediation@gm.example.org.uk".into(),
            record.number.clone(),
            long(issued_on),
            parent.into(),
            child.into(),
            long(date("2015-06-01")),
            "Manchester City Council".into(),
            long(date("2026-03-03")),
            long(date("2026-03-10")),
            long(appeal),
        ] {
            assert_has(&text, &wanted);
        }
        match kind {
            CertificateKind::Declined => {
                assert_has(&text, &long(date("2026-03-12")));
                assert_has(&text, "Refusal to carry out an EHC needs assessment");
                assert_has(&text, "Łukasz Nowak");
                assert_has(&text, "Civil Mediation Council CMC-123456");
            }
            CertificateKind::Withdrawn => assert_has(&text, &long(date("2026-03-20"))),
            CertificateKind::Deemed => {
                assert_has(&text, "NHS Greater Manchester Integrated Care Board");
                assert_has(&text, &long(date("2026-03-11")));
                assert_has(&text, &long(date("2026-04-01")));
                // Day 30, from the engine.
                let day30 = rules_day_30(&case.facts);
                assert_has(&text, &long(day30));
            }
            CertificateKind::AfterMediation => {
                assert_has(&text, "Siân Roberts");
                assert_has(&text, "College of Mediators 04417");
                assert_has(&text, &long(date("2026-03-30")));
                assert_has(&text, "Section B: special educational needs");
                assert_has(&text, "Section F: special educational provision");
                assert_has(&text, "The contents of the EHC plan");
            }
        }
        // The certificate is in the case's facts, and the engine's clock for it is met.
        let case = store.case(&reference).unwrap();
        assert_eq!(case.facts.certificates.len(), 1);
        assert_eq!(case.facts.certificates[0].number.as_deref(), Some(record.number.as_str()));
        let view = store.case_view(&reference, issued_on).unwrap();
        let clock = view.timeline.clock(desk::rules::certificate_clock(kind)).unwrap();
        assert_eq!(clock.status, desk::timeline::Status::MetOnTime);
    }
}

fn rules_day_30(facts: &desk::facts::CaseFacts) -> NaiveDate {
    timeline_on(facts, "2026-04-02").clock("mediation_held").unwrap().due_date
}

#[test]
fn twenty_issues_number_1_to_20_and_failures_use_no_number() {
    let db = TestDb::new();
    let mut store = db.open();
    setup(&mut store);
    let mut numbers = Vec::new();
    for i in 0..20 {
        let reference =
            store.add_case(&case_for(CertificateKind::Declined, "Rhian Jones", &format!("Child {i}")), "Ann", today()).unwrap();
        // A failure before each: validation (no such kind's facts), and a
        // name the font cannot print.
        let err = store
            .issue_certificate(&reference, CertificateKind::Withdrawn, date("2026-03-13"), &opts(), "Ann", today())
            .unwrap_err();
        assert!(matches!(&err, DeskError::Store(StoreError::BadInput { field, .. }) if field == "facts.withdrew_on"), "{err}");
        let record =
            store.issue_certificate(&reference, CertificateKind::Declined, date("2026-03-13"), &opts(), "Ann", today()).unwrap();
        numbers.push(record.number);
    }
    let expected: Vec<String> = (1..=20).map(|n| format!("GM-2026-{n:05}")).collect();
    assert_eq!(numbers, expected);
}

#[test]
fn a_forced_failure_mid_transaction_uses_no_number() {
    let db = TestDb::new();
    let mut store = db.open();
    setup(&mut store);
    let a = store.add_case(&case_for(CertificateKind::Declined, "Rhian Jones", "Amy"), "Ann", today()).unwrap();
    let b = store.add_case(&case_for(CertificateKind::Declined, "Rhian Jones", "Ben"), "Ann", today()).unwrap();
    assert_eq!(
        store.issue_certificate(&a, CertificateKind::Declined, date("2026-03-13"), &opts(), "Ann", today()).unwrap().number,
        "GM-2026-00001"
    );
    // Make the history insert (the last step of an issue) fail.
    raw(&store)
        .execute_batch(
            "CREATE TRIGGER fail_history BEFORE INSERT ON history
             BEGIN SELECT RAISE(ABORT, 'forced failure'); END;",
        )
        .unwrap();
    let before = counts(&store);
    let err = store.issue_certificate(&b, CertificateKind::Declined, date("2026-03-13"), &opts(), "Ann", today()).unwrap_err();
    assert!(err.to_string().contains("forced failure"), "{err}");
    assert_eq!(counts(&store), before, "nothing written");
    assert!(store.case(&b).unwrap().facts.certificates.is_empty());
    raw(&store).execute_batch("DROP TRIGGER fail_history").unwrap();
    assert_eq!(
        store.issue_certificate(&b, CertificateKind::Declined, date("2026-03-13"), &opts(), "Ann", today()).unwrap().number,
        "GM-2026-00002"
    );
}

#[test]
fn the_sequence_restarts_each_year_of_issue() {
    let db = TestDb::new();
    let mut store = db.open();
    setup(&mut store);
    let mut input = case_for(CertificateKind::Declined, "Rhian Jones", "Amy");
    input.opened_on = Some(date("2025-11-10"));
    input.facts.decision.letter_dated = Some(date("2025-11-01"));
    input.facts.decision.sent_on = Some(date("2025-11-03"));
    input.facts.first_contact_on = Some(date("2025-11-10"));
    input.facts.declined_on = Some(date("2025-11-12"));
    let a = store.add_case(&input, "Ann", today()).unwrap();
    let b = store.add_case(&case_for(CertificateKind::Declined, "Rhian Jones", "Ben"), "Ann", today()).unwrap();
    assert_eq!(
        store.issue_certificate(&a, CertificateKind::Declined, date("2025-11-13"), &opts(), "Ann", today()).unwrap().number,
        "GM-2025-00001"
    );
    assert_eq!(
        store.issue_certificate(&b, CertificateKind::Declined, date("2026-03-13"), &opts(), "Ann", today()).unwrap().number,
        "GM-2026-00001"
    );
}

#[test]
fn void_and_reissue_keep_the_original_and_the_appeal_deadline_follows_the_certificate_in_force() {
    let db = TestDb::new();
    let mut store = db.open();
    setup(&mut store);
    let reference = store.add_case(&case_for(CertificateKind::Declined, "Siân Davies", "Zoë Davies"), "Ann", today()).unwrap();
    let first =
        store.issue_certificate(&reference, CertificateKind::Declined, date("2026-03-13"), &opts(), "Ann", today()).unwrap();
    let appeal = |store: &Store| store.case_view(&reference, today()).unwrap().timeline.appeal_deadline().unwrap().due_date;
    // 2 months from 3 Mar (3 May is a Sunday, 4 May a bank holiday) vs 1 month from 13 Mar.
    let with_first = appeal(&store);
    assert_eq!(with_first, date("2026-05-05"));
    // Re-issue needs a void first.
    let err = store.reissue_certificate(&first.number, date("2026-04-07"), "Ann", today()).unwrap_err();
    assert!(matches!(&err, DeskError::Store(StoreError::BadInput { field, .. }) if field == "number"), "{err}");
    // Only one certificate in force.
    let err =
        store.issue_certificate(&reference, CertificateKind::Declined, date("2026-03-16"), &opts(), "Ann", today()).unwrap_err();
    assert!(err.to_string().contains("already has a declined certificate in force"), "{err}");

    store.void_certificate(&first.number, "Child's name misspelt", "Ann", today()).unwrap();
    let err = store.void_certificate(&first.number, "again", "Ann", today()).unwrap_err();
    assert!(err.to_string().contains("already voided"), "{err}");
    let case = store.case(&reference).unwrap();
    assert!(case.facts.certificates[0].voided);
    assert!(case.facts.certificate_in_force().is_none());
    // With no certificate in force the deadline is 2 months from the decision.
    assert_eq!(appeal(&store), date("2026-05-05"));

    // Re-issued later: by default the month still counts from the first
    // certificate the family was given (13 Mar: 13 Apr, earlier than 5 May),
    // and the PDF says so; the reading "latest in force" counts from the
    // re-issue: 1 month from 7 Apr (7 May) is later than 5 May.
    let second = store.reissue_certificate(&first.number, date("2026-04-07"), "Ann", today()).unwrap();
    assert_eq!(second.number, "GM-2026-00002");
    assert_eq!(appeal(&store), date("2026-05-05"));
    assert_eq!(store.certificate(&second.number).unwrap().appeal_deadline, date("2026-05-05"));
    let text = pdf_text(&second.pdf);
    assert_has(&text, &format!("replaces certificate {}", first.number));
    assert_has(&text, &long(date("2026-04-07")));
    assert_has(&text, "Zoë Davies");
    assert_has(&text, &format!("Appeal deadline: by 5pm on {}", long(date("2026-05-05"))));
    assert_has(
        &text,
        &format!(
            "1 month from the date of issue of the first mediation certificate you were given ({})",
            long(date("2026-03-13"))
        ),
    );
    assert_has(&text, "the Tribunal decides whether it accepts the date of this certificate");
    // The setting moves every date taken from the engine: the case, Today, the case log.
    let appeal_on_today = |store: &Store| {
        store
            .today(today(), 60)
            .unwrap()
            .into_iter()
            .find(|i| i.reference == reference && i.clock_key == "appeal")
            .unwrap()
            .due_date
    };
    let case_log = |store: &Store| {
        String::from_utf8(desk::exports::csv_log::export(store, &desk::exports::CaseFilter::default(), today(), None).unwrap())
            .unwrap()
    };
    assert_eq!(appeal_on_today(&store), date("2026-05-05"));
    assert!(case_log(&store).contains("2026-05-05,not yet due"), "{}", case_log(&store));
    let latest = CountingChoices { appeal_certificate: AppealCertificateReading::LatestInForce, ..store.choices().unwrap() };
    store.set_choices(&latest, "Ann", today()).unwrap();
    assert_eq!(appeal(&store), date("2026-05-07"));
    assert_eq!(appeal_on_today(&store), date("2026-05-07"));
    assert!(case_log(&store).contains("2026-05-07,not yet due"), "{}", case_log(&store));
    let err = store.reissue_certificate(&first.number, date("2026-04-07"), "Ann", today()).unwrap_err();
    assert!(err.to_string().contains("already replaced by GM-2026-00002"), "{err}");

    // The original is kept and still printable, with the same bytes.
    assert_eq!(store.certificate_pdf(&first.number).unwrap(), first.pdf);
    let register = store.certificates(&CertificateFilter::default()).unwrap();
    assert_eq!(register.len(), 2);
    assert_eq!(register[0].void_reason.as_deref(), Some("Child's name misspelt"));
    assert_eq!(register[0].replaced_by.as_deref(), Some("GM-2026-00002"));
    assert_eq!(register[1].replaces.as_deref(), Some("GM-2026-00001"));
    assert!(register[1].voided_at.is_none());
    // The reissue is late against the original 3-working-day limit, and recorded so.
    assert!(register[1].late && second.late.is_some());

    // History: issue, void, re-issue.
    let actions: Vec<String> = store.history(&reference).unwrap().into_iter().map(|h| h.action).collect();
    assert_eq!(actions, ["created", "certificate_issued", "certificate_voided", "certificate_reissued"]);

    // A case update must carry the registered certificates through.
    let mut input = case_for(CertificateKind::Declined, "Siân Davies", "Zoë Davies");
    input.facts.certificates.clear();
    let err = store.update_case(&reference, &input, "Ann", today()).unwrap_err();
    assert!(matches!(&err, StoreError::BadInput { field, .. } if field == "facts.certificates"), "{err}");
    input.facts.certificates = store.case(&reference).unwrap().facts.certificates;
    store.update_case(&reference, &input, "Ann", today()).unwrap();
}

#[test]
fn the_same_certificate_prints_the_same_bytes() {
    let db = TestDb::new();
    let mut store = db.open();
    setup(&mut store);
    let reference =
        store.add_case(&case_for(CertificateKind::Withdrawn, "Nguyễn Thị Lan", "Minh Nguyễn"), "Ann", today()).unwrap();
    let record =
        store.issue_certificate(&reference, CertificateKind::Withdrawn, date("2026-03-23"), &opts(), "Ann", today()).unwrap();
    let a = store.certificate_pdf(&record.number).unwrap();
    let b = store.certificate_pdf(&record.number).unwrap();
    assert_eq!(a, b);
    assert_eq!(a, record.pdf);
    let row = store.certificate(&record.number).unwrap();
    assert_eq!(row.sha256, record.sha256);
    // Opened again (after closing), the stored copy is the same bytes.
    drop(store);
    let p1 = db.open().certificate_pdf(&record.number).unwrap();
    assert_eq!(p1, a);
}

#[test]
fn a_preview_uses_no_number_and_saves_nothing() {
    let db = TestDb::new();
    let mut store = db.open();
    setup(&mut store);
    let reference = store.add_case(&case_for(CertificateKind::Declined, "Rhian Jones", "Amy"), "Ann", today()).unwrap();
    let before = counts(&store);
    let p1 = store.preview_certificate(&reference, CertificateKind::Declined, date("2026-03-13"), &opts()).unwrap();
    let p2 = store.preview_certificate(&reference, CertificateKind::Declined, date("2026-03-13"), &opts()).unwrap();
    assert_eq!(p1.pdf, p2.pdf, "previews are reproducible");
    assert_has(&pdf_text(&p1.pdf), "PREVIEW: NOT ISSUED");
    assert_eq!(counts(&store), before);
    let record =
        store.issue_certificate(&reference, CertificateKind::Declined, date("2026-03-13"), &opts(), "Ann", today()).unwrap();
    assert_eq!(record.number, "GM-2026-00001");
}

#[test]
fn a_late_issue_is_warned_and_recorded() {
    let db = TestDb::new();
    let mut store = db.open();
    setup(&mut store);
    let reference = store.add_case(&case_for(CertificateKind::Declined, "Rhian Jones", "Amy"), "Ann", today()).unwrap();
    // Declined Thu 12 Mar: 3 working days is Tue 17 Mar.
    let record =
        store.issue_certificate(&reference, CertificateKind::Declined, date("2026-03-20"), &opts(), "Ann", today()).unwrap();
    let late = record.late.expect("late");
    assert_eq!(late.due_on, date("2026-03-17"));
    assert!(late.message.contains("Tue 17 Mar 2026"), "{}", late.message);
    let row = store.certificate(&record.number).unwrap();
    assert!(row.late);
    assert_eq!(row.due_on, Some(date("2026-03-17")));
    let view = store.case_view(&reference, today()).unwrap();
    assert_eq!(view.timeline.clock("certificate_declined").unwrap().status, desk::timeline::Status::MetLate);
    let history = store.history(&reference).unwrap();
    assert!(history.last().unwrap().changes.to_string().contains("certificate.late"));
}

#[test]
fn a_name_the_font_cannot_print_is_refused_naming_the_field_and_uses_no_number() {
    let db = TestDb::new();
    let mut store = db.open();
    setup(&mut store);
    let reference = store.add_case(&case_for(CertificateKind::Declined, "王小明", "Amy"), "Ann", today()).unwrap();
    let before = counts(&store);
    let err =
        store.issue_certificate(&reference, CertificateKind::Declined, date("2026-03-13"), &opts(), "Ann", today()).unwrap_err();
    match &err {
        DeskError::Store(StoreError::BadInput { field, message }) => {
            assert_eq!(field, "caller.name");
            assert!(message.contains("U+738B"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(counts(&store), before);
    let other = store.add_case(&case_for(CertificateKind::Declined, "Rhian Jones", "李小龍"), "Ann", today()).unwrap();
    let err =
        store.issue_certificate(&other, CertificateKind::Declined, date("2026-03-13"), &opts(), "Ann", today()).unwrap_err();
    assert!(matches!(&err, DeskError::Store(StoreError::BadInput { field, .. }) if field == "child.name"), "{err}");
    let fine = store.add_case(&case_for(CertificateKind::Declined, "Rhian Jones", "Amy"), "Ann", today()).unwrap();
    assert_eq!(
        store.issue_certificate(&fine, CertificateKind::Declined, date("2026-03-13"), &opts(), "Ann", today()).unwrap().number,
        "GM-2026-00001"
    );
}

#[test]
fn issuing_checks_the_facts_each_kind_needs() {
    let db = TestDb::new();
    let mut store = db.open();
    // No settings yet.
    let reference = store.add_case(&case_for(CertificateKind::Declined, "Rhian Jones", "Amy"), "Ann", today()).unwrap();
    let field = |store: &mut Store, r: &str, kind, on: &str, o: &IssueOptions| match store.issue_certificate(
        r,
        kind,
        date(on),
        o,
        "Ann",
        today(),
    ) {
        Err(DeskError::Store(StoreError::BadInput { field, .. })) => field,
        other => panic!("{other:?}"),
    };
    assert_eq!(field(&mut store, &reference, CertificateKind::Declined, "2026-03-13", &opts()), "issued_by");
    setup(&mut store);
    assert_eq!(field(&mut store, &reference, CertificateKind::Deemed, "2026-03-13", &opts()), "facts.cannot_arrange_notice_on");
    assert_eq!(field(&mut store, &reference, CertificateKind::AfterMediation, "2026-03-13", &opts()), "facts.concluded_on");
    assert_eq!(field(&mut store, &reference, CertificateKind::Withdrawn, "2026-03-13", &opts()), "facts.withdrew_on");
    // Before the family declined.
    assert_eq!(field(&mut store, &reference, CertificateKind::Declined, "2026-03-11", &opts()), "date");
    // The wrong role.
    let by_mediator = IssueOptions { issued_by: Some("Siân Roberts".into()), ..opts() };
    assert_eq!(field(&mut store, &reference, CertificateKind::Declined, "2026-03-13", &by_mediator), "issued_by");
    let unknown = IssueOptions { issued_by: Some("Nobody".into()), ..opts() };
    assert_eq!(field(&mut store, &reference, CertificateKind::Declined, "2026-03-13", &unknown), "issued_by");
    // No child date of birth.
    let mut input = case_for(CertificateKind::Declined, "Rhian Jones", "Amy");
    input.child.as_mut().unwrap().date_of_birth = None;
    let r = store.add_case(&input, "Ann", today()).unwrap();
    assert_eq!(field(&mut store, &r, CertificateKind::Declined, "2026-03-13", &opts()), "child.date_of_birth");
    // No caller.
    let mut input = case_for(CertificateKind::Declined, "Rhian Jones", "Amy");
    input.caller = None;
    let r = store.add_case(&input, "Ann", today()).unwrap();
    assert_eq!(field(&mut store, &r, CertificateKind::Declined, "2026-03-13", &opts()), "caller.name");
    // An exempt case (placement only) gets the letter instead.
    let mut input = case_for(CertificateKind::Declined, "Rhian Jones", "Amy");
    input.facts.decision.kind = Some(DecisionKind::PlanContents);
    input.facts.issues = vec![Issue::PlacementI];
    let exempt = store.add_case(&input, "Ann", today()).unwrap();
    assert_eq!(field(&mut store, &exempt, CertificateKind::Declined, "2026-03-13", &opts()), "route");
    // No certificate was issued by any of these.
    assert!(store.certificates(&CertificateFilter::default()).unwrap().is_empty());
    // The future.
    assert_eq!(field(&mut store, &reference, CertificateKind::Declined, "2099-01-01", &opts()), "date");
}

#[test]
fn the_exemption_letter_lists_the_reasons_and_the_deadline_and_is_refused_when_a_certificate_is_needed() {
    let db = TestDb::new();
    let mut store = db.open();
    setup(&mut store);
    let mut input = case_for(CertificateKind::Declined, "Pádraig Ó Súilleabháin", "Aoife Ó Súilleabháin");
    input.facts.declined_on = None;
    input.facts.decision.kind = Some(DecisionKind::PlanContents);
    input.facts.issues = vec![Issue::PlacementI, Issue::Health];
    let exempt = store.add_case(&input, "Ann", today()).unwrap();
    let pdf = store.exemption_letter(&exempt, date("2026-03-16"), Some("Łukasz Nowak"), "Ann", today()).unwrap();
    let text = pdf_text(&pdf);
    let deadline = store.case_view(&exempt, today()).unwrap().timeline.appeal_deadline().unwrap().due_date;
    for wanted in [
        SERVICE,
        "Pádraig Ó Súilleabháin",
        "Aoife Ó Súilleabháin",
        "Section I: placement",
        "Health care (sections G and H1)",
        "Łukasz Nowak",
        &long(deadline),
        &long(date("2026-03-16")),
    ] {
        assert_has(&text, wanted);
    }
    let needs = store.add_case(&case_for(CertificateKind::Declined, "Rhian Jones", "Amy"), "Ann", today()).unwrap();
    let err = store.exemption_letter(&needs, date("2026-03-16"), None, "Ann", today()).unwrap_err();
    assert!(matches!(&err, DeskError::Store(StoreError::BadInput { field, .. }) if field == "route"), "{err}");
    assert_eq!(store.history(&exempt).unwrap().last().unwrap().action, "exemption_letter_written");
}

#[test]
fn raw_sql_cannot_edit_or_delete_an_issued_certificate() {
    let db = TestDb::new();
    let mut store = db.open();
    setup(&mut store);
    let reference = store.add_case(&case_for(CertificateKind::Declined, "Rhian Jones", "Amy"), "Ann", today()).unwrap();
    let record =
        store.issue_certificate(&reference, CertificateKind::Declined, date("2026-03-13"), &opts(), "Ann", today()).unwrap();
    let conn = raw(&store);
    for sql in [
        "UPDATE certificates SET issued_on = '2026-03-14'",
        "UPDATE certificates SET pdf = x'00'",
        "UPDATE certificates SET number = 'GM-2026-99999'",
        "UPDATE certificates SET late = 1",
        // Voiding must set the reason and who, and change nothing else.
        "UPDATE certificates SET voided_at = 'now'",
        "UPDATE certificates SET voided_at = 'now', void_reason = 'x', voided_by = 'y', issued_by = 'z'",
        "DELETE FROM certificates",
    ] {
        let err = conn.execute(sql, []).unwrap_err();
        assert!(err.to_string().contains("never"), "{sql}: {err}");
    }
    conn.execute("UPDATE certificates SET voided_at = 'now', void_reason = 'x', voided_by = 'y'", []).unwrap();
    let err = conn.execute("UPDATE certificates SET void_reason = 'changed'", []).unwrap_err();
    assert!(err.to_string().contains("only be voided, once"), "{err}");
    assert_eq!(store.certificate_pdf(&record.number).unwrap(), record.pdf);
}

#[test]
fn a_damaged_stored_pdf_is_reported() {
    let db = TestDb::new();
    let mut store = db.open();
    setup(&mut store);
    let reference = store.add_case(&case_for(CertificateKind::Declined, "Rhian Jones", "Amy"), "Ann", today()).unwrap();
    let record =
        store.issue_certificate(&reference, CertificateKind::Declined, date("2026-03-13"), &opts(), "Ann", today()).unwrap();
    // Only possible with the trigger dropped: the hash catches it.
    raw(&store).execute_batch("DROP TRIGGER certificates_no_edit; UPDATE certificates SET pdf = x'00';").unwrap();
    let err = store.certificate_pdf(&record.number).unwrap_err();
    assert!(err.to_string().contains("does not match the SHA-256"), "{err}");
}

#[test]
fn the_register_filters_by_text_kind_and_status_and_the_print_copy_is_the_stored_pdf() {
    let db = TestDb::new();
    let mut store = db.open();
    setup(&mut store);
    let zoe = store.add_case(&case_for(CertificateKind::Declined, "Siân Davies", "Zoë Davies"), "Ann", today()).unwrap();
    let noah = store.add_case(&case_for(CertificateKind::Deemed, "Ama Mensah", "Noah Mensah"), "Ann", today()).unwrap();
    let first = store
        .issue_certificate(&zoe, CertificateKind::Declined, on_time(CertificateKind::Declined), &opts(), "Ann", today())
        .unwrap();
    store.void_certificate(&first.number, "Child's name misspelt", "Ann", today()).unwrap();
    let second = store.reissue_certificate(&first.number, date("2026-03-16"), "Ann", today()).unwrap();
    let third = store
        .issue_certificate(&noah, CertificateKind::Deemed, on_time(CertificateKind::Deemed), &opts(), "Ann", today())
        .unwrap();

    let numbers = |filter: CertificateFilter| -> Vec<String> {
        store.certificates(&filter).unwrap().into_iter().map(|c| c.number).collect()
    };
    let all = numbers(CertificateFilter::default());
    assert_eq!(all, vec![first.number.clone(), second.number.clone(), third.number.clone()]);
    // By the child's name, any case, as typed in the register's search box.
    assert_eq!(numbers(CertificateFilter { search: Some("mensah".into()), ..Default::default() }), vec![third.number.clone()]);
    assert_eq!(numbers(CertificateFilter { search: Some("Zoë".into()), ..Default::default() }).len(), 2);
    assert_eq!(
        numbers(CertificateFilter { search: Some(second.number.clone()), ..Default::default() }),
        vec![second.number.clone()]
    );
    assert_eq!(numbers(CertificateFilter { search: Some("Manchester".into()), ..Default::default() }).len(), 3, "by LA");
    assert!(numbers(CertificateFilter { search: Some("Nobody".into()), ..Default::default() }).is_empty());
    assert_eq!(numbers(CertificateFilter { kind: Some("deemed".into()), ..Default::default() }), vec![third.number.clone()]);
    assert_eq!(numbers(CertificateFilter { voided_only: true, ..Default::default() }), vec![first.number.clone()]);
    assert_eq!(
        numbers(CertificateFilter { in_force_only: true, ..Default::default() }),
        [second.number.clone(), third.number.clone()]
    );
    let row = store.certificate(&third.number).unwrap();
    assert_eq!(row.child.as_deref(), Some("Noah Mensah"));

    // The print copy and "Save as" are the stored bytes, written whole.
    let copy = store.print_copy(&second.number).unwrap();
    assert_eq!(copy, db.dir.path().join("certificates").join(format!("{}.pdf", second.number)));
    assert_eq!(std::fs::read(&copy).unwrap(), second.pdf);
    let saved = store.save_certificate_pdf(&third.number, &db.dir.path().join("for the family")).unwrap();
    assert_eq!(saved.file_name().unwrap(), "for the family.pdf");
    assert_eq!(std::fs::read(&saved).unwrap(), third.pdf);

    // The Case screen's section: what is in force, and what the clocks call for.
    let section = store.case_certificates(&zoe, today()).unwrap();
    assert_eq!(section.certificates.len(), 2);
    assert_eq!(section.suggested_kind, None, "a certificate is in force");
    store.void_certificate(&third.number, "Wrong LA", "Ann", today()).unwrap();
    let section = store.case_certificates(&noah, date("2026-04-02")).unwrap();
    assert_eq!(section.suggested_kind, Some(CertificateKind::Deemed));
}

/// With the family's notice as the start of the 30 days (a setting), a
/// deemed certificate names that notice as when the LA was told, even when
/// the adviser told the LA earlier: its two dates agree with each other and
/// with the engine's 30-day clock.
#[test]
fn a_deemed_certificate_names_the_notice_the_30_days_ran_from() {
    use desk::rules::choices::ThirtyDaysStart;
    let db = TestDb::new();
    let mut store = db.open();
    setup(&mut store);
    let choices = CountingChoices { thirty_days_start: ThirtyDaysStart::FamilyNotice, ..store.choices().unwrap() };
    store.set_choices(&choices, "Ann", today()).unwrap();
    let mut input = case_for(CertificateKind::Deemed, "Ama Mensah", "Noah Mensah");
    input.icb = None;
    input.facts.adviser_told_la_on = Some(date("2026-03-09"));
    let reference = store.add_case(&input, "Ann", today()).unwrap();
    let day_30 = store.case_view(&reference, today()).unwrap().timeline.clock("mediation_held").unwrap().due_date;
    let record = store
        .issue_certificate(&reference, CertificateKind::Deemed, on_time(CertificateKind::Deemed), &opts(), "Ann", today())
        .unwrap();
    let text = pdf_text(&record.pdf);
    assert_has(&text, &format!("The local authority was told on {}", long(date("2026-03-11"))));
    assert_has(&text, &format!("within 30 days, by {}", long(day_30)));
    assert!(!text.contains(&long(date("2026-03-09"))), "the adviser's earlier notice is not the one counted:\n{text}");
}

/// Issue 10: the guidance mentions the placement-only exemption only where
/// placement is in issue; a case with health and social care only gets a
/// letter with no deadline box.
#[test]
fn what_the_guidance_says_follows_the_issues_in_the_case() {
    let db = TestDb::new();
    let mut store = db.open();
    setup(&mut store);
    let placement_words = "An appeal only about the school or other institution named in section I";
    // A refusal to assess: no placement in issue.
    let r = store.add_case(&case_for(CertificateKind::Declined, "Rhian Jones", "Amy Jones"), "Ann", today()).unwrap();
    let record = store.issue_certificate(&r, CertificateKind::Declined, date("2026-03-13"), &opts(), "Ann", today()).unwrap();
    assert!(!pdf_text(&record.pdf).contains(placement_words));
    // Sections F and I after mediation: placement is in issue.
    let mut input = case_for(CertificateKind::AfterMediation, "Rhian Jones", "Ben Jones");
    input.facts.issues = vec![Issue::ProvisionF, Issue::PlacementI];
    let r = store.add_case(&input, "Ann", today()).unwrap();
    let record =
        store.issue_certificate(&r, CertificateKind::AfterMediation, date("2026-04-01"), &opts(), "Ann", today()).unwrap();
    assert_has(&pdf_text(&record.pdf), placement_words);
    // Issuing never leaves the case with facts the engine refuses.
    assert!(store.case_view(&r, today()).unwrap().timeline.problems.is_empty());

    // Health and social care only: no appeal lies, so no deadline box.
    let mut input = case_for(CertificateKind::Declined, "Rhian Jones", "Cara Jones");
    input.facts.declined_on = None;
    input.facts.decision.kind = Some(DecisionKind::PlanContents);
    input.facts.issues = vec![Issue::Health, Issue::SocialCare];
    let r = store.add_case(&input, "Ann", today()).unwrap();
    let view = store.case_view(&r, date("2026-06-01")).unwrap();
    assert!(view.timeline.appeal_deadline().is_none(), "no appeal clock to go overdue");
    let text = pdf_text(&store.exemption_letter(&r, date("2026-03-16"), None, "Ann", today()).unwrap());
    assert!(!text.contains("Appeal deadline"), "{text}");
    assert_has(&text, "no appeal lies to the Tribunal on health or social care alone");
}

/// Issue 12: the store takes today from its caller: a certificate, a
/// re-issue or an exemption letter dated after the caller's today is
/// refused (field `date`), whatever the computer's clock says, and the
/// same date is accepted once it is the caller's today.
#[test]
fn a_date_after_the_callers_today_is_refused_and_accepted_on_that_day() {
    let db = TestDb::new();
    let mut store = db.open();
    setup(&mut store);
    let reference = store.add_case(&case_for(CertificateKind::Declined, "Rhian Jones", "Amy"), "Ann", today()).unwrap();
    let mut input = case_for(CertificateKind::Declined, "Rhian Jones", "Ben");
    input.facts.decision.kind = Some(DecisionKind::PlanContents);
    input.facts.issues = vec![Issue::PlacementI];
    let exempt = store.add_case(&input, "Ann", today()).unwrap();
    let (day_before, day) = (date("2026-04-07"), date("2026-04-08"));
    fn field<T>(r: Result<T, DeskError>) -> (String, String) {
        match r {
            Err(DeskError::Store(StoreError::BadInput { field, message })) => (field, message),
            Err(other) => panic!("{other:?}"),
            Ok(_) => panic!("accepted"),
        }
    }
    let future = ("date".to_string(), "Wed 8 Apr 2026 is in the future".to_string());
    assert_eq!(field(store.issue_certificate(&reference, CertificateKind::Declined, day, &opts(), "Ann", day_before)), future);
    assert_eq!(field(store.exemption_letter(&exempt, day, None, "Ann", day_before)), future);
    assert!(store.certificates(&CertificateFilter::default()).unwrap().is_empty(), "nothing issued");
    let first = store.issue_certificate(&reference, CertificateKind::Declined, day, &opts(), "Ann", day).unwrap();
    assert!(store.exemption_letter(&exempt, day, None, "Ann", day).is_ok());
    store.void_certificate(&first.number, "Child's name misspelt", "Ann", day).unwrap();
    let next = date("2026-04-09");
    assert_eq!(
        field(store.reissue_certificate(&first.number, next, "Ann", day)),
        ("date".to_string(), "Thu 9 Apr 2026 is in the future".to_string())
    );
    assert!(store.reissue_certificate(&first.number, next, "Ann", next).is_ok());
}
