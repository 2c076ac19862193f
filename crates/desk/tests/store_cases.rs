//! Cases in the store: references, people, facts, closing, history, and
//! validation at the door (a refused save changes nothing).

mod common;

use common::*;
use desk::case_view::CaseViews;
use desk::store::{CaseInput, Store, StoreError};

#[test]
fn a_case_is_saved_with_its_people_facts_route_and_next_reference() {
    let db = TestDb::new();
    let mut store = db.open();
    let first = store.add_case(&case("Siân Jones"), "Ann Adviser", today()).unwrap();
    let second = store.add_case(&case("Zoë Nguyễn"), "Ann Adviser", today()).unwrap();
    assert_eq!(first, "MD-2026-0001");
    assert_eq!(second, "MD-2026-0002");
    let saved = store.case(&first).unwrap();
    assert_eq!(saved.child.name, "Siân Jones");
    assert_eq!(saved.caller.as_ref().unwrap().name, "Rhian Jones");
    assert_eq!(saved.local_authority, "Manchester City Council");
    assert_eq!(saved.status, "open");
    assert_eq!(saved.route, "certificate_needed");
    assert_eq!(saved.facts, case("x").facts);
    assert_eq!(saved.notes.len(), 1);
    assert!(saved.next_due.is_some(), "the appeal clock is pending");
    // The LA is one organisation, reused.
    assert_eq!(store.organisations(false).unwrap(), vec!["Manchester City Council"]);
}

#[test]
fn any_script_is_kept_exactly() {
    let db = TestDb::new();
    let mut store = db.open();
    let names = [
        "Siân Ó Súilleabháin",
        "Łukasz Bartłomiej Kowalski",
        "محمد خان",
        "李小龍",
        "Ngozi Ọkọnjọ-Iweala",
        "e\u{301}lodie (decomposed é)",
        "👩‍👧 Family",
    ];
    for name in names {
        let reference = store.add_case(&case(name), "Ann", today()).unwrap();
        assert_eq!(store.case(&reference).unwrap().child.name, name);
    }
}

#[test]
fn a_given_reference_is_kept_and_never_reused_even_after_deletion() {
    let db = TestDb::new();
    let mut store = db.open();
    let mut input = case("Amelia Brown");
    input.reference = Some("MD-2026-0042".into());
    assert_eq!(store.add_case(&input, "Ann", today()).unwrap(), "MD-2026-0042");
    // The next one given out follows the highest.
    assert_eq!(store.add_case(&case("Noah"), "Ann", today()).unwrap(), "MD-2026-0043");
    store.delete_case("MD-2026-0043", "Ann").unwrap();
    assert!(matches!(store.case("MD-2026-0043"), Err(StoreError::NotFound { .. })));
    assert_eq!(store.add_case(&case("Isla"), "Ann", today()).unwrap(), "MD-2026-0044");
    let mut again = case("Isla");
    again.reference = Some("MD-2026-0043".into());
    let err = store.add_case(&again, "Ann", today()).unwrap_err();
    assert!(matches!(&err, StoreError::BadInput { field, .. } if field == "reference"), "{err}");
    // The deleted case's history is still there.
    let history = store.history("MD-2026-0043").unwrap();
    assert_eq!(history.last().unwrap().action, "deleted");
}

#[test]
fn update_records_each_changed_field_before_and_after() {
    let db = TestDb::new();
    let mut store = db.open();
    let r = store.add_case(&case("Ruby Taylor"), "Ann Adviser", today()).unwrap();
    let mut changed = case("Ruby Taylor-Evans");
    changed.facts.declined_on = Some(date("2026-03-12"));
    changed.note = Some("Family declined mediation.".into());
    store.update_case(&r, &changed, "Maya Mediator", today()).unwrap();
    let saved = store.case(&r).unwrap();
    assert_eq!(saved.child.name, "Ruby Taylor-Evans");
    assert_eq!(saved.notes.len(), 2, "notes are added, not replaced");
    let history = store.history(&r).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].action, "created");
    assert_eq!(history[0].who, "Ann Adviser");
    let update = &history[1];
    assert_eq!(update.action, "updated");
    assert_eq!(update.who, "Maya Mediator");
    let changes = update.changes.as_array().unwrap();
    let find =
        |field: &str| changes.iter().find(|c| c["field"] == field).unwrap_or_else(|| panic!("no change to {field}: {changes:?}"));
    assert_eq!(find("child.name")["before"], "Ruby Taylor");
    assert_eq!(find("child.name")["after"], "Ruby Taylor-Evans");
    assert_eq!(find("facts.declined_on")["before"], serde_json::Value::Null);
    assert_eq!(find("facts.declined_on")["after"], "2026-03-12");
    assert_eq!(find("note")["after"], "Family declined mediation.");
    assert!(!changes.iter().any(|c| c["field"] == "local_authority"));
}

#[test]
fn closing_a_case_records_the_reason_and_it_leaves_today() {
    let db = TestDb::new();
    let mut store = db.open();
    let r = store.add_case(&case("Leo Walsh"), "Ann", today()).unwrap();
    assert!(store.today(today(), 60).unwrap().iter().any(|i| i.reference == r));
    store.close_case(&r, "Family appealed; no further contact", "Ann", today()).unwrap();
    let saved = store.case(&r).unwrap();
    assert_eq!(saved.status, "closed");
    assert_eq!(saved.closing_reason.as_deref(), Some("Family appealed; no further contact"));
    assert!(!store.today(today(), 60).unwrap().iter().any(|i| i.reference == r));
    let last = store.history(&r).unwrap().pop().unwrap();
    assert_eq!(last.action, "closed");
    let err = store.close_case(&r, "again", "Ann", today()).unwrap_err();
    assert!(err.is_bad_input());
    assert_eq!(store.list_cases(&desk::store::ListFilter { open_only: true, ..Default::default() }).unwrap().len(), 0);
}

fn refused(store: &mut Store, input: &CaseInput) -> StoreError {
    let before = (counts(store), all_history(store));
    let err = store.add_case(input, "Ann", today()).unwrap_err();
    assert_eq!((counts(store), all_history(store)), before, "a refused save changed the database");
    err
}

fn field_of(err: &StoreError) -> String {
    match err {
        StoreError::BadInput { field, .. } => field.clone(),
        other => panic!("expected bad input, got {other:?}"),
    }
}

#[test]
fn refused_saves_change_nothing_and_name_the_field() {
    let db = TestDb::new();
    let mut store = db.open();
    let r = store.add_case(&case("Finn Clarke"), "Ann", today()).unwrap();

    let long_name = "x".repeat(10_000);
    let err = refused(&mut store, &case(&long_name));
    assert_eq!(field_of(&err), "child.name");
    assert!(err.to_string().contains("10000 characters"), "{err}");

    let mut no_child = case("x");
    no_child.child = None;
    assert_eq!(field_of(&refused(&mut store, &no_child)), "child");

    let mut blank = case("   ");
    blank.local_authority = String::new();
    assert_eq!(field_of(&refused(&mut store, &blank)), "child.name");

    let mut no_la = case("Freya");
    no_la.local_authority = " ".into();
    assert_eq!(field_of(&refused(&mut store, &no_la)), "local_authority");

    let mut no_letter = case("Freya");
    no_letter.facts.decision.letter_dated = None;
    assert_eq!(field_of(&refused(&mut store, &no_letter)), "facts.decision.letter_dated");

    let mut bad_ref = case("Freya");
    bad_ref.reference = Some("MD-26-1".into());
    assert_eq!(field_of(&refused(&mut store, &bad_ref)), "reference");

    // The engine's named problems: sent before the letter was dated.
    let mut contradiction = case("Freya");
    contradiction.facts.decision.sent_on = Some(date("2026-02-01"));
    let err = refused(&mut store, &contradiction);
    assert_eq!(field_of(&err), "facts.decision.sent_on");

    let mut long_note = case("Freya");
    long_note.note = Some("n".repeat(100_001));
    assert_eq!(field_of(&refused(&mut store, &long_note)), "note");
    // A note of exactly 100,000 characters is fine.
    let mut max_note = case("Freya");
    max_note.note = Some("n".repeat(100_000));
    store.add_case(&max_note, "Ann", today()).unwrap();

    // A refused update changes nothing either.
    let before = (counts(&store), all_history(&store), store.case(&r).unwrap());
    let err = store.update_case(&r, &case(&"y".repeat(201)), "Ann", today()).unwrap_err();
    assert_eq!(field_of(&err), "child.name");
    assert_eq!((counts(&store), all_history(&store), store.case(&r).unwrap()), before);
}

#[test]
fn json_input_errors_name_the_field() {
    let err = CaseInput::from_json(r#"{"child": {"name": "A"}, "facts": {"decision": {"sent_on": "2026-02-31"}}}"#).unwrap_err();
    assert!(matches!(&err, StoreError::BadInput { field, .. } if field == "facts.decision.sent_on"), "{err:?}");
    let err = CaseInput::from_json(r#"{"chlid": {"name": "A"}}"#).unwrap_err();
    assert!(err.to_string().contains("chlid"), "{err}");
    let example = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/case-example.json")).unwrap();
    let input = CaseInput::from_json(&example).unwrap();
    let db = TestDb::new();
    let mut store = db.open();
    store.add_case(&input, "Ann", today()).unwrap();
}

#[test]
fn history_is_append_only_even_through_raw_sql() {
    let db = TestDb::new();
    let mut store = db.open();
    let r = store.add_case(&case("Kwame Mensah"), "Ann", today()).unwrap();
    let conn = raw(&store);
    let err = conn.execute("UPDATE history SET who = 'someone else'", []).unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    let err = conn.execute("DELETE FROM history", []).unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    assert_eq!(store.history(&r).unwrap()[0].who, "Ann");
}

#[test]
fn staff_and_settings_live_in_the_same_database() {
    use desk::store::{ServiceSettings, StaffMember, StaffRole};
    let db = TestDb::new();
    {
        let mut store = db.open();
        store
            .save_staff(
                &StaffMember { name: "Maya Mediator".into(), role: StaffRole::Mediator, registration: Some("CMC-123".into()) },
                "Ann",
            )
            .unwrap();
        store
            .set_service_settings(
                &ServiceSettings {
                    service_name: "North West SEND Mediation".into(),
                    certificate_prefix: "NWM-".into(),
                    ..Default::default()
                },
                "Ann",
            )
            .unwrap();
    }
    let store = db.open();
    assert_eq!(store.staff().unwrap()[0].registration.as_deref(), Some("CMC-123"));
    assert_eq!(store.service_settings().unwrap().certificate_prefix, "NWM-");
    assert_eq!(store.history(desk::store::SETTINGS_HISTORY).unwrap().len(), 2);
}

#[test]
fn the_case_screens_who_form_corrects_a_misspelt_name_and_refuses_bad_input_naming_each_field() {
    use desk::call_form::DateParts;
    use desk::details_form::{apply, from_record};
    let db = TestDb::new();
    let mut store = db.open();
    let reference = store.add_case(&case("Zoe Davis"), "Ann", today()).unwrap();
    let record = store.case(&reference).unwrap();
    let mut form = from_record(&record);
    assert_eq!(form.child_name, "Zoe Davis");

    // Every problem at once, each naming its field.
    form.child_name = "   ".into();
    form.child_date_of_birth = DateParts { day: "31".into(), month: "2".into(), year: "2015".into() };
    form.local_authority = "x".repeat(10_000);
    let errors = apply(&form, &record, today()).unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["child_name", "local_authority", "child_date_of_birth"]);
    assert_eq!(errors[2].message, "Date of birth must be a real date");
    assert_eq!(store.case(&reference).unwrap().child.name, "Zoe Davis", "nothing saved");

    // Corrected: saved, in the history, and the facts untouched.
    form.child_name = "Zoë Davies".into();
    form.child_date_of_birth = DateParts { day: "14".into(), month: "9".into(), year: "2015".into() };
    form.local_authority = record.local_authority.clone();
    let input = apply(&form, &record, today()).unwrap();
    store.update_case(&reference, &input, "Ann", today()).unwrap();
    let after = store.case(&reference).unwrap();
    assert_eq!(after.child.name, "Zoë Davies");
    assert_eq!(after.child.date_of_birth, Some(date("2015-09-14")));
    assert_eq!(after.facts, record.facts);
    assert!(store.history(&reference).unwrap().iter().any(|h| h.action == "updated"));
}

#[test]
fn a_loaded_case_is_closed_on_its_date_never_before_it_opened_or_in_the_future() {
    use desk::store::Closing;
    let db = TestDb::new();
    let mut store = db.open();
    let closing = |on: &str| Some(Closing { on: date(on), reason: "Certificate issued".into() });
    // Opened 10 Mar 2026.
    for (on, expected) in [("2026-03-09", "before the case was opened"), ("2026-04-08", "in the future")] {
        let err = store.load(&[(case("Noah"), None), (case("Isla"), closing(on))], "Ann", today()).unwrap_err();
        assert!(
            matches!(&err, StoreError::BadInput { field, message } if field == "cases[1].closed_on" && message.contains(expected)),
            "{err}"
        );
    }
    let err =
        store.load(&[(case("Isla"), Some(Closing { on: date("2026-03-20"), reason: " ".into() }))], "Ann", today()).unwrap_err();
    assert!(matches!(&err, StoreError::BadInput { field, .. } if field == "cases[0].closing_reason"), "{err}");
    assert_eq!(store.count_cases(false).unwrap(), 0, "a refused load writes nothing");

    let refs = store.load(&[(case("Noah"), None), (case("Isla"), closing("2026-03-20"))], "Ann", today()).unwrap();
    let (noah, isla) = (store.case(&refs[0]).unwrap(), store.case(&refs[1]).unwrap());
    assert_eq!((noah.status.as_str(), noah.closed_on), ("open", None));
    assert_eq!((isla.status.as_str(), isla.closed_on), ("closed", Some(date("2026-03-20"))));
    assert_eq!(isla.closing_reason.as_deref(), Some("Certificate issued"));
}

#[test]
fn a_load_gives_the_references_saving_one_case_at_a_time_would() {
    // Cases opened in 2026 and 2025, some with a reference of their own.
    let inputs = || {
        let item = |reference: Option<&str>, opened: &str| {
            let mut c = case("Amelia Brown");
            c.reference = reference.map(String::from);
            c.opened_on = Some(date(opened));
            c
        };
        vec![
            item(None, "2026-03-10"),
            item(Some("MD-2026-0100"), "2026-03-10"),
            item(None, "2026-03-11"),
            item(None, "2025-12-01"),
            item(Some("MD-2025-0007"), "2025-12-01"),
            item(Some("MD-2025-0003"), "2025-12-01"),
            item(None, "2025-12-02"),
            // The next after 9999 is 10000 (the highest number, not the last in text order).
            item(Some("MD-2026-9999"), "2026-03-12"),
            item(None, "2026-03-12"),
            item(None, "2026-03-12"),
        ]
    };
    let expected = [
        "MD-2026-0044",
        "MD-2026-0100",
        "MD-2026-0101",
        "MD-2025-0001",
        "MD-2025-0007",
        "MD-2025-0003",
        "MD-2025-0008",
        "MD-2026-9999",
        "MD-2026-10000",
        "MD-2026-10001",
    ];
    // Each store already gave out MD-2026-0042 and MD-2026-0043 (deleted:
    // never given again).
    let prepared = || {
        let db = TestDb::new();
        let mut store = db.open();
        let mut first = case("Noah");
        first.reference = Some("MD-2026-0042".into());
        store.add_case(&first, "Ann", today()).unwrap();
        let second = store.add_case(&case("Isla"), "Ann", today()).unwrap();
        store.delete_case(&second, "Ann").unwrap();
        (db, store)
    };

    let (_one_db, mut one_by_one) = prepared();
    let singly: Vec<String> = inputs().iter().map(|c| one_by_one.add_case(c, "Ann", today()).unwrap()).collect();
    assert_eq!(singly, expected);

    let (_db, mut store) = prepared();
    let items: Vec<_> = inputs().into_iter().map(|c| (c, None)).collect();
    // A refused load gives out nothing: the same references after it.
    let mut bad = items.clone();
    bad.push((case(""), None));
    assert!(store.load(&bad, "Ann", today()).is_err());
    let loaded = store.load(&items, "Ann", today()).unwrap();
    assert_eq!(loaded, expected);
    for reference in &loaded {
        assert_eq!(store.case(reference).unwrap().reference, *reference);
        assert_eq!(store.history(reference).unwrap()[0].action, "created");
    }
    assert_eq!(store.add_case(&case("Zoë"), "Ann", today()).unwrap(), "MD-2026-10002");
}

/// Issue 10: a case opened before the SEND mediation rules began, or after
/// today, and facts that cannot all be true, are refused naming the field;
/// nothing is saved.
#[test]
fn impossible_openings_and_facts_are_refused_naming_the_field() {
    use desk::facts::{Agreement, Meeting, MeetingStatus};
    let db = TestDb::new();
    let mut store = db.open();
    let mut early = case("Freya");
    early.opened_on = Some(date("2014-08-31"));
    let err = refused(&mut store, &early);
    assert_eq!(field_of(&err), "opened_on");
    assert!(err.to_string().contains("before 1 Sep 2014"), "{err}");
    let mut future = case("Freya");
    future.opened_on = Some(date("2026-04-08"));
    assert_eq!(field_of(&refused(&mut store, &future)), "opened_on");
    let mut first_day = case("Freya");
    first_day.opened_on = Some(date("2014-09-01"));
    store.add_case(&first_day, "Ann", today()).unwrap();

    // A meeting held before the LA was told of the wish to mediate.
    let mut early_meeting = case("Freya");
    early_meeting.facts.family_told_la_on = Some(date("2026-03-20"));
    early_meeting.facts.meetings =
        vec![Meeting { date: date("2026-03-18"), status: MeetingStatus::Held, notice_sent_on: None, postponed_by: None }];
    assert_eq!(field_of(&refused(&mut store, &early_meeting)), "facts.meetings[0].date");
    // A written agreement where no mediation took place.
    let mut agreement = case("Freya");
    agreement.facts.agreement =
        Some(Agreement { dated: date("2026-03-30"), la_was_party: true, la_told_on: None, actions: vec![] });
    let err = refused(&mut store, &agreement);
    assert_eq!(field_of(&err), "facts.agreement.dated");
    assert!(err.to_string().contains("reg 42(1)"), "{err}");
}

/// A reference the store gives always passes its own validator: it was
/// `MD--001-0001` for a case opened in the year -1, and after
/// `MD-2026-999999999999` (given by hand) every 2026 reference was one the
/// validator refused.
#[test]
fn every_reference_the_store_gives_is_one_it_accepts() {
    let db = TestDb::new();
    let mut store = db.open();
    for opened in [chrono::NaiveDate::from_ymd_opt(-1, 6, 1).unwrap(), date("0000-06-01"), date("2013-12-31")] {
        let mut c = case("Amelia");
        c.opened_on = Some(opened);
        let err = refused(&mut store, &c);
        assert_eq!(field_of(&err), "opened_on", "{opened}");
        // Refused before any reference is made: the opening date is outside
        // the SEND rules (and references run from 2014 in any case).
        let err = err.to_string();
        assert!(
            err.contains("is before 1 Sep 2014, when the SEND mediation rules began")
                || err.contains("cannot be given a reference: references run from 2014"),
            "{err}"
        );
    }
    let mut long = case("Amelia");
    long.reference = Some("MD-2026-999999999999".into());
    let err = refused(&mut store, &long);
    assert_eq!(
        err.to_string(),
        "reference: 'MD-2026-999999999999' is not a case reference like MD-2026-0042 (MD, a year from 2014 to 9999, and a number of four to seven digits)"
    );
    for bad in ["MD-2013-0001", "MD--001-0001", "MD-2026-001", "MD-2026-00001x", "md-2026-0001"] {
        let mut c = case("Amelia");
        c.reference = Some(bad.into());
        assert_eq!(field_of(&refused(&mut store, &c)), "reference", "{bad}");
    }
    // Whatever the highest number given, the next one is accepted.
    for (given, next) in [
        ("MD-2026-9999", "MD-2026-10000"),
        ("MD-2026-0099999", "MD-2026-100000"),
        ("MD-2026-999999", "MD-2026-1000000"),
        ("MD-2026-9999998", "MD-2026-9999999"),
    ] {
        let mut c = case("Amelia");
        c.reference = Some(given.into());
        store.add_case(&c, "Ann", today()).unwrap();
        assert_eq!(store.add_case(&case("Noah"), "Ann", today()).unwrap(), next);
        desk::store::check_reference("reference", next).unwrap();
    }
    // 2026's numbers are used up: said plainly, nothing saved.
    let err = refused(&mut store, &case("Isla"));
    assert_eq!(
        err.to_string(),
        "reference: the references of 2026 are used up: MD-2026-9999999 has been given, and a reference has at most seven digits; give this case an unused reference of 2026 yourself"
    );
    let mut own = case("Isla");
    own.reference = Some("MD-2026-0001".into());
    assert_eq!(store.add_case(&own, "Ann", today()).unwrap(), "MD-2026-0001");
    // Other years go on.
    let mut last_year = case("Isla");
    last_year.opened_on = Some(date("2025-12-01"));
    assert_eq!(store.add_case(&last_year, "Ann", today()).unwrap(), "MD-2025-0001");
}

/// A store written by an older version may hold a reference of up to twelve
/// digits: it neither uses up its year nor stops its case being updated.
#[test]
fn a_long_reference_an_older_version_took_does_not_block_its_year_or_its_case() {
    let db = TestDb::new();
    let mut store = db.open();
    let r = store.add_case(&case("Amelia"), "Ann", today()).unwrap();
    let long = "MD-2026-999999999999";
    raw(&store)
        .execute_batch(&format!(
            "INSERT INTO references_used (reference, issued_at) VALUES ('{long}', 't');
             UPDATE cases SET reference = '{long}' WHERE reference = '{r}';"
        ))
        .unwrap();
    assert_eq!(store.add_case(&case("Noah"), "Ann", today()).unwrap(), "MD-2026-0002");
    let mut changed = case("Amelia Brown");
    changed.note = None;
    store.update_case(long, &changed, "Ann", today()).unwrap();
    assert_eq!(store.case(long).unwrap().child.name, "Amelia Brown");
    // A reference that is neither well formed nor stored is still refused as malformed.
    let err = store.update_case("MD-2026-888888888888", &changed, "Ann", today()).unwrap_err();
    assert_eq!(field_of(&err), "reference");
}

/// A past case's reference from another system is kept beside its own:
/// stored, shown, searched, kept by updates, and checked like any text.
#[test]
fn a_legacy_reference_is_kept_shown_found_and_checked() {
    let db = TestDb::new();
    let mut store = db.open();
    let mut json: serde_json::Value = serde_json::to_value(case("Siân Jones")).unwrap();
    json["legacy_reference"] = "OLD-001".into();
    let input = CaseInput::from_json(&json.to_string()).unwrap();
    assert_eq!(input.legacy_reference.as_deref(), Some("OLD-001"));
    let r = store.add_case(&input, "Ann", today()).unwrap();
    assert_eq!(r, "MD-2026-0001");
    assert_eq!(store.case(&r).unwrap().legacy_reference.as_deref(), Some("OLD-001"));
    let shown = serde_json::to_value(store.case_view(&r, today()).unwrap()).unwrap();
    assert_eq!(shown["reference"], "MD-2026-0001");
    assert_eq!(shown["legacy_reference"], "OLD-001");
    let created = &store.history(&r).unwrap()[0];
    assert!(created.changes.as_array().unwrap().iter().any(|c| c["field"] == "legacy_reference" && c["after"] == "OLD-001"));
    store.add_case(&case("Noah"), "Ann", today()).unwrap();
    for typed in ["OLD-001", "old-001", "OLD", "MD-2026-0001"] {
        let found: Vec<String> = store.search(typed, 10).unwrap().into_iter().map(|c| c.reference).collect();
        assert_eq!(found, vec![r.clone()], "{typed}");
    }
    // The Case screen's facts and who forms keep it.
    let mut facts = store.case(&r).unwrap().facts;
    facts.declined_on = Some(date("2026-03-12"));
    store.update_facts(&r, facts, "Ann", today()).unwrap();
    assert_eq!(store.case(&r).unwrap().legacy_reference.as_deref(), Some("OLD-001"));
    assert_eq!(store.search("OLD-001", 10).unwrap().len(), 1);
    // Checked like any text, naming the field.
    for bad in ["", "OLD\n001", &"x".repeat(101)] {
        let mut c = case("Freya");
        c.legacy_reference = Some(bad.to_string());
        assert_eq!(field_of(&refused(&mut store, &c)), "legacy_reference", "{bad:?}");
    }
}

/// Issue 12: the case's history lists each entry in the core's words
/// ("note added"), never the stored name with its underscores.
#[test]
fn each_history_entry_has_the_vocabularys_words() {
    let db = TestDb::new();
    let mut store = db.open();
    let r = store.add_case(&case("Ruby Taylor"), "Ann Adviser", today()).unwrap();
    store.update_case(&r, &case("Ruby Taylor-Evans"), "Ann Adviser", today()).unwrap();
    store.add_note(&r, "Rang back.", "Ann Adviser").unwrap();
    store.close_case(&r, "Family appealed", "Ann Adviser", today()).unwrap();
    let vocabulary = desk::vocabulary::vocabulary();
    let words: Vec<(String, Option<String>)> = store
        .history(&r)
        .unwrap()
        .into_iter()
        .map(|h| {
            let word = vocabulary.history_actions.iter().find(|c| c.value == h.action).map(|c| c.label.clone());
            (h.action, word)
        })
        .collect();
    assert_eq!(
        words,
        [
            ("created".to_string(), Some("created".to_string())),
            ("updated".into(), Some("updated".into())),
            ("note_added".into(), Some("note added".into())),
            ("closed".into(), Some("closed".into())),
        ]
    );
}
