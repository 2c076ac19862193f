//! Disagreement resolution as a case type of its own (issue 11): saved
//! without a decision letter with its other parties reused across cases,
//! its events and no statutory clock, the answers the law's description
//! rules out, the service's own targets on Today, the record of outcome,
//! the report, the case log, the imports and the command line.

mod common;

use common::*;
use desk::case_view::CaseViews;
use desk::certificates::CertificateWorkflow;
use desk::disagreement::{
    AgreedAction, Disagreement, DisagreementKind, DrMeeting, EhcStatus, LaAnswer, LaResponse, OtherParty, OutcomePoint,
    PartyAnswer, PartyResponse, PartyType, PointResult,
};
use desk::facts::{CaseFacts, Service};
use desk::store::{CaseInput, PersonInput, Store, StoreError};
use desk::DeskError;

/// A request about a school's provision, made on Mon 2 Mar 2026.
fn request() -> Disagreement {
    let mut d = Disagreement::new(DisagreementKind::Provision, date("2026-03-02"), "Speech and language support in class");
    d.other_parties.push(OtherParty {
        name: "Hillside Primary School".into(),
        party_type: PartyType::MaintainedSchool,
        response: None,
    });
    d.ehc = Some(EhcStatus::EhcPlan);
    d
}

/// A disagreement resolution case: no decision letter at all.
fn resolution_case(child: &str, d: Disagreement) -> CaseInput {
    CaseInput {
        opened_on: Some(d.requested_on),
        caller: Some(person("Rhian Jones")),
        child: Some(PersonInput { name: child.into(), role: None, date_of_birth: Some(date("2016-09-01")) }),
        local_authority: "Manchester City Council".into(),
        note: Some("CONFIDENTIAL: the head teacher said the budget is the real problem.".into()),
        facts: CaseFacts { service: Service::DisagreementResolution, ..CaseFacts::default() },
        disagreement: Some(d),
        ..CaseInput::default()
    }
}

/// The request gone ahead, met, and partly resolved.
fn partly_resolved() -> Disagreement {
    let mut d = request();
    d.first_contact_on = Some(date("2026-03-03"));
    d.la_response = Some(LaResponse { answer: LaAnswer::Engaged, on: date("2026-03-04") });
    d.family_response = Some(PartyResponse { answer: PartyAnswer::Agreed, on: date("2026-03-05") });
    d.other_parties[0].response = Some(PartyResponse { answer: PartyAnswer::Agreed, on: date("2026-03-06") });
    d.meetings.push(DrMeeting {
        date: date("2026-03-20"),
        place: "Hillside Primary School".into(),
        attended: vec!["Rhian Jones".into(), "Ms Clarke, head teacher".into()],
        supporters: vec!["Mrs Patel, SENCo at the previous school".into()],
        reports_shared: vec!["Speech and language therapy report, January 2026".into()],
    });
    d.points = vec![
        OutcomePoint {
            point: "Weekly speech and language sessions in class".into(),
            result: PointResult::Resolved,
            remains: String::new(),
        },
        OutcomePoint {
            point: "A teaching assistant at lunchtime".into(),
            result: PointResult::PartlyResolved,
            remains: "Who pays for the afternoon hours".into(),
        },
    ];
    d.actions = vec![AgreedAction {
        who: "Hillside Primary School".into(),
        what: "Send the family the speech and language timetable".into(),
        by: Some(date("2026-04-10")),
    }];
    d.concluded_on = Some(date("2026-03-20"));
    d
}

fn refused(err: impl Into<DeskError>) -> (String, String) {
    match err.into() {
        DeskError::Store(StoreError::BadInput { field, message }) => (field, message),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_request_is_saved_without_any_decision_letter_with_a_school_as_the_other_party_and_no_statutory_clock() {
    let db = TestDb::new();
    let mut store = db.open();
    let reference = store.add_case(&resolution_case("Dafydd Jones", request()), "Ann Adviser", today()).unwrap();
    let saved = store.case(&reference).unwrap();
    assert_eq!(saved.facts.decision.letter_dated, None);
    assert_eq!(saved.route, "disagreement_resolution");
    let d = saved.disagreement.as_ref().expect("its record");
    assert_eq!(d.other_parties[0].name, "Hillside Primary School");
    assert_eq!(d.other_parties[0].party_type, PartyType::MaintainedSchool);
    assert_eq!(saved.next_due, None);
    let view = store.case_view(&reference, today()).unwrap();
    assert!(view.timeline.clocks.is_empty(), "no statutory clock: {:?}", view.timeline.clocks);
    let status = view.disagreement_status.expect("its status");
    assert!(status.no_clock_note.starts_with("No statutory clock"));
    assert_eq!(status.events[0].kind, "requested");
    assert!(status.events[0].text.contains("Speech and language support in class"));
    // Nothing of it is on Today's statutory list.
    assert!(store.today(today(), 60).unwrap().is_empty());
}

#[test]
fn a_mediation_case_still_needs_its_decision_letter() {
    let db = TestDb::new();
    let mut store = db.open();
    let mut input = case("Siân Jones");
    input.facts.decision.letter_dated = None;
    let (field, _) = refused(store.add_case(&input, "Ann", today()).unwrap_err());
    assert_eq!(field, "facts.decision.letter_dated");
    // A mediation case cannot carry a disagreement record either.
    let mut input = case("Siân Jones");
    input.disagreement = Some(request());
    let (field, message) = refused(store.add_case(&input, "Ann", today()).unwrap_err());
    assert_eq!(field, "disagreement");
    assert!(message.contains("set facts.service to disagreement_resolution"), "{message}");
    // And disagreement resolution needs its record.
    let mut input = resolution_case("Dafydd Jones", request());
    input.disagreement = None;
    let (field, _) = refused(store.add_case(&input, "Ann", today()).unwrap_err());
    assert_eq!(field, "disagreement");
    assert_eq!(store.count_cases(false).unwrap(), 0, "nothing was saved");
}

#[test]
fn its_events_are_listed_in_order_and_saved_with_the_history() {
    let db = TestDb::new();
    let mut store = db.open();
    let reference = store.add_case(&resolution_case("Dafydd Jones", request()), "Ann", today()).unwrap();
    store.save_disagreement(&reference, partly_resolved(), "Siân Roberts", today()).unwrap();
    let view = store.case_view(&reference, today()).unwrap();
    let status = view.disagreement_status.unwrap();
    let kinds: Vec<&str> = status.events.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        ["requested", "first_contact", "la_engaged", "agreed", "agreed", "meeting", "outcome", "concluded"],
        "{:?}",
        status.events
    );
    assert!(status.went_ahead);
    assert!(status.stage.starts_with("Concluded on Fri 20 Mar 2026: partly resolved"), "{}", status.stage);
    let meeting = &status.events[5].text;
    assert!(meeting.contains("supporters: Mrs Patel, SENCo at the previous school"), "{meeting}");
    assert!(view.timeline.clocks.is_empty());
    let history = store.history(&reference).unwrap();
    let last = history.last().unwrap();
    assert_eq!(last.who, "Siân Roberts");
    assert!(last.changes.to_string().contains("disagreement.la_response"), "{}", last.changes);
}

#[test]
fn other_parties_are_stored_once_and_reused_across_cases() {
    let db = TestDb::new();
    let mut store = db.open();
    store.add_case(&resolution_case("Dafydd Jones", request()), "Ann", today()).unwrap();
    store.add_case(&resolution_case("Zoë Kowalski", request()), "Ann", today()).unwrap();
    let known = store.other_parties().unwrap();
    assert_eq!(known.len(), 1, "{known:?}");
    assert_eq!((known[0].name.as_str(), known[0].party_type), ("Hillside Primary School", PartyType::MaintainedSchool));
    let rows: i64 = raw(&store).query_row("SELECT count(*) FROM other_parties", [], |r| r.get(0)).unwrap();
    assert_eq!(rows, 1);
}

#[test]
fn answers_that_cannot_all_be_true_are_refused_naming_the_field() {
    let db = TestDb::new();
    let mut store = db.open();
    // Health or social care needs an EHC process.
    let mut d = request();
    d.kind = DisagreementKind::HealthSocialCare;
    d.other_parties[0] = OtherParty { name: "NHS Greater Manchester ICB".into(), party_type: PartyType::Icb, response: None };
    d.ehc = Some(EhcStatus::Neither);
    let (field, message) = refused(store.add_case(&resolution_case("A", d), "Ann", today()).unwrap_err());
    assert_eq!(field, "disagreement.ehc");
    assert!(message.contains("EHC needs assessment"), "{message}");
    // A refusal ends it: no meeting after.
    let mut d = partly_resolved();
    d.other_parties[0].response = Some(PartyResponse { answer: PartyAnswer::Refused, on: date("2026-03-06") });
    let (field, message) = refused(store.add_case(&resolution_case("B", d), "Ann", today()).unwrap_err());
    assert_eq!(field, "disagreement.meetings[0].date");
    assert!(message.contains("Hillside Primary School refused to take part on Fri 6 Mar 2026"), "{message}");
    // Between services is between the LA and the ICB, not a school.
    let mut d = request();
    d.kind = DisagreementKind::BetweenServices;
    let (field, _) = refused(store.add_case(&resolution_case("C", d), "Ann", today()).unwrap_err());
    assert_eq!(field, "disagreement.other_parties[0].type");
    // At least one other party; an answer before the request.
    let mut d = request();
    d.other_parties.clear();
    assert_eq!(refused(store.add_case(&resolution_case("D", d), "Ann", today()).unwrap_err()).0, "disagreement.other_parties");
    let mut d = request();
    d.la_response = Some(LaResponse { answer: LaAnswer::Engaged, on: date("2026-02-27") });
    assert_eq!(refused(store.add_case(&resolution_case("E", d), "Ann", today()).unwrap_err()).0, "disagreement.la_response.on");
    assert_eq!(store.count_cases(false).unwrap(), 0, "nothing was saved");
}

#[test]
fn a_link_must_be_a_mediation_case_of_the_same_child() {
    let db = TestDb::new();
    let mut store = db.open();
    let mediation = store.add_case(&case("Dafydd Jones"), "Ann", today()).unwrap();
    let other_child = store.add_case(&case("Zoë Kowalski"), "Ann", today()).unwrap();
    let mut d = request();
    d.linked_cases = vec!["MD-2026-0099".into()];
    let (field, message) = refused(store.add_case(&resolution_case("Dafydd Jones", d.clone()), "Ann", today()).unwrap_err());
    assert_eq!((field.as_str(), message.as_str()), ("disagreement.linked_cases[0]", "No case has the reference MD-2026-0099"));
    d.linked_cases = vec![other_child.clone()];
    let (_, message) = refused(store.add_case(&resolution_case("Dafydd Jones", d.clone()), "Ann", today()).unwrap_err());
    assert!(message.contains("is about Zoë Kowalski, not Dafydd Jones"), "{message}");
    d.linked_cases = vec![mediation.clone()];
    let reference = store.add_case(&resolution_case("Dafydd Jones", d), "Ann", today()).unwrap();
    assert_eq!(store.case(&reference).unwrap().disagreement.unwrap().linked_cases, vec![mediation]);
}

#[test]
fn no_certificate_is_issued_on_a_disagreement_resolution_case() {
    let db = TestDb::new();
    let mut store = db.open();
    with_service(&mut store);
    let adviser = desk::store::StaffMember {
        name: "Łukasz Nowak".into(),
        role: desk::store::StaffRole::Adviser,
        registration: Some("CMC-123456".into()),
    };
    store.save_staff(&adviser, "Manager").unwrap();
    let reference = store.add_case(&resolution_case("Dafydd Jones", request()), "Ann", today()).unwrap();
    let options = desk::store::IssueOptions::default();
    let err = store
        .issue_certificate(&reference, desk::facts::CertificateKind::Declined, today(), &options, "Ann", today())
        .unwrap_err();
    assert!(err.to_string().contains("Disagreement resolution"), "{err}");
}

#[test]
fn a_database_of_an_earlier_schema_takes_a_case_without_a_decision_letter() {
    let db = TestDb::new();
    {
        let mut conn = rusqlite::Connection::open(db.path()).unwrap();
        desk::store::migrations::migrate_to(&mut conn, 4).unwrap();
    }
    let mut store = db.open();
    let before = store.add_case(&case("Siân Jones"), "Ann", today()).unwrap();
    drop(store);
    // Reopened: the earlier cases and the new type side by side.
    let mut store = db.open();
    let reference = store.add_case(&resolution_case("Dafydd Jones", request()), "Ann", today()).unwrap();
    assert_eq!(store.case(&before).unwrap().facts.decision.letter_dated, Some(date("2026-03-02")));
    assert!(store.case(&reference).unwrap().disagreement.is_some());
    assert!(store.integrity_check().unwrap().is_empty());
    let schema: String = raw(&store).query_row("SELECT sql FROM sqlite_schema WHERE name = 'cases'", [], |r| r.get(0)).unwrap();
    assert!(schema.contains("letter_dated   TEXT,"), "{schema}");
}

#[test]
fn a_disagreement_resolution_case_saved_before_its_record_was_kept_can_still_be_corrected() {
    let db = TestDb::new();
    {
        // An earlier version saved disagreement resolution as facts only, with a letter date.
        let mut conn = rusqlite::Connection::open(db.path()).unwrap();
        desk::store::migrations::migrate_to(&mut conn, 4).unwrap();
        let facts = r#"{"service":"disagreement_resolution","decision":{"letter_dated":"2026-03-02"}}"#;
        conn.execute_batch(&format!(
            "INSERT INTO organisations (id, kind, name) VALUES (1, 'local_authority', 'Bury Council');
             INSERT INTO references_used (reference, issued_at) VALUES ('MD-2026-0001', 't');
             INSERT INTO cases (id, reference, status, la_id, letter_dated, opened_on, route, facts, created_at, updated_at)
             VALUES (1, 'MD-2026-0001', 'open', 1, '2026-03-02', '2026-03-10', 'disagreement_resolution', '{facts}', 't', 't');
             INSERT INTO people (case_id, part, role, name, position) VALUES (1, 'child', 'child', 'Dafyd Jones', 0);"
        ))
        .unwrap();
    }
    let mut store = db.open();
    let old = store.case("MD-2026-0001").unwrap();
    assert_eq!(old.disagreement, None);
    // The misspelt name is put right; the record can be added later.
    let mut input = old.to_input(old.facts.clone());
    input.child.as_mut().unwrap().name = "Dafydd Jones".into();
    store.update_case("MD-2026-0001", &input, "Ann", today()).unwrap();
    input.disagreement = Some(request());
    store.update_case("MD-2026-0001", &input, "Ann", today()).unwrap();
    assert_eq!(store.case("MD-2026-0001").unwrap().disagreement, Some(request()));
    // Once recorded, it cannot be dropped.
    input.disagreement = None;
    assert_eq!(refused(store.update_case("MD-2026-0001", &input, "Ann", today()).unwrap_err()).0, "disagreement");
}

#[test]
fn the_services_targets_are_on_today_apart_from_the_law_and_can_be_turned_off() {
    let db = TestDb::new();
    let mut store = db.open();
    // Requested Thu 2 Apr 2026: 2 working days skip Good Friday and Easter Monday.
    let mut d = request();
    d.requested_on = date("2026-04-02");
    let reference = store.add_case(&resolution_case("Dafydd Jones", d), "Ann", today()).unwrap();
    let targets = store.today_targets(today(), 60).unwrap();
    let found: Vec<(&str, String, &str)> =
        targets.iter().map(|t| (t.target_key.as_str(), t.due_date.to_string(), t.status_text)).collect();
    assert_eq!(
        found,
        [
            ("first_contact", "2026-04-08".to_string(), "Within the target so far"),
            ("meeting", "2026-05-14".to_string(), "Within the target so far"),
        ]
    );
    assert!(targets.iter().all(|t| t.reference == reference && t.standard.contains("not a statutory limit")));
    // Past the target: the service's words, never the law's "Overdue".
    let later = store.today_targets(date("2026-04-09"), 60).unwrap();
    assert_eq!((later[0].status, later[0].status_text), ("overdue", "Past the service's target"));
    // Other numbers, then off.
    let mut settings = store.service_targets().unwrap();
    settings.meeting_weeks = 4;
    store.set_service_targets(&settings, "Manager").unwrap();
    assert_eq!(store.today_targets(today(), 60).unwrap()[1].due_date, date("2026-04-30"));
    settings.meeting_weeks = 0;
    assert_eq!(refused(store.set_service_targets(&settings, "Manager").unwrap_err()).0, "meeting_weeks");
    settings.meeting_weeks = 4;
    settings.enabled = false;
    store.set_service_targets(&settings, "Manager").unwrap();
    assert!(store.today_targets(today(), 60).unwrap().is_empty());
    assert!(store.case_view(&reference, today()).unwrap().disagreement_status.unwrap().targets.is_empty());
}

fn with_service(store: &mut Store) {
    let settings = desk::store::ServiceSettings {
        service_name: "Greater Manchester SEND Mediation".into(),
        address: "Unit 4, Canal Wharf\nManchester M1 4AB".into(),
        phone: "0161 496 0000".into(),
        email: "mediation@gm.example.org.uk".into(),
        certificate_prefix: "GM".into(),
    };
    store.set_service_settings(&settings, "Manager").unwrap();
}

#[test]
fn the_record_of_outcome_names_the_points_and_what_was_agreed_and_never_the_notes() {
    let db = TestDb::new();
    let mut store = db.open();
    with_service(&mut store);
    let reference = store.add_case(&resolution_case("Dafydd Jones", request()), "Ann", today()).unwrap();
    // Nothing to record yet.
    let (field, _) = refused(store.record_of_outcome(&reference, today(), "Ann").unwrap_err());
    assert_eq!(field, "disagreement.points");
    store.save_disagreement(&reference, partly_resolved(), "Ann", today()).unwrap();
    let pdf = store.record_of_outcome(&reference, today(), "Ann").unwrap();
    assert_eq!(pdf, store.record_of_outcome(&reference, today(), "Ann").unwrap(), "the same record gives the same bytes");
    let text = pdf_text(&pdf);
    for expected in [
        "Record of outcome",
        "Greater Manchester SEND Mediation",
        "Dafydd Jones",
        "Hillside Primary School (maintained school)",
        "Weekly speech and language sessions in class",
        "Resolved",
        "A teaching assistant at lunchtime",
        "Partly resolved. What remains: Who pays for the afternoon hours",
        "Send the family the speech and language timetable, by Fri 10 Apr 2026",
        "Fri 20 Mar 2026",
        "not a mediation certificate",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from:\n{text}");
    }
    for confidential in ["CONFIDENTIAL", "budget", "Mrs Patel", "Ms Clarke", "therapy report"] {
        assert!(!text.contains(confidential), "{confidential:?} printed in:\n{text}");
    }
    let history = store.history(&reference).unwrap();
    assert_eq!(history.last().unwrap().action, "record_of_outcome_written");
    // A mediation case has none.
    let mediation = store.add_case(&case("Siân Jones"), "Ann", today()).unwrap();
    assert_eq!(refused(store.record_of_outcome(&mediation, today(), "Ann").unwrap_err()).0, "disagreement");
}

#[test]
fn the_report_counts_disagreement_resolution_beside_mediation() {
    use desk::reports::{kpi_report, KpiFilter};
    let db = TestDb::new();
    let mut store = db.open();
    store.add_case(&case("Siân Jones"), "Ann", today()).unwrap();
    let mediation = store.add_case(&case("Dafydd Jones"), "Ann", today()).unwrap();
    // Went ahead, met, partly resolved, later followed by mediation.
    let mut d = partly_resolved();
    d.linked_cases = vec![mediation];
    d.requested_on = date("2026-03-02");
    store.add_case(&resolution_case("Dafydd Jones", d), "Ann", today()).unwrap();
    // Declined by an academy.
    let mut d = request();
    d.other_parties[0] = OtherParty {
        name: "Oakwood Academy".into(),
        party_type: PartyType::Academy,
        response: Some(PartyResponse { answer: PartyAnswer::Refused, on: date("2026-03-09") }),
    };
    d.kind = DisagreementKind::Duties;
    store.add_case(&resolution_case("Zoë Kowalski", d), "Ann", today()).unwrap();
    let filter = KpiFilter { from: date("2026-03-01"), to: date("2026-03-31"), local_authority: None };
    let r = kpi_report(&store, &filter, today()).unwrap();
    let f = &r.disagreement;
    let bar = |list: &[desk::reports::Bar], label: &str| list.iter().find(|b| b.label == label).map(|b| b.value);
    assert_eq!(f.requests, 2);
    assert_eq!(bar(&f.by_kind, "Special educational provision"), Some(1));
    assert_eq!(bar(&f.by_kind, "How duties are carried out"), Some(1));
    assert_eq!(bar(&f.by_party_type, "Maintained school"), Some(1));
    assert_eq!(bar(&f.by_party_type, "Academy or free school"), Some(1));
    assert_eq!((f.went_ahead, f.declined), (1, 1));
    assert_eq!(bar(&f.declined_by, "Academy or free school"), Some(1));
    assert_eq!(bar(&f.outcomes, "Partly resolved"), Some(1));
    // Requested Mon 2 Mar, met Fri 20 Mar: 18 days.
    assert_eq!(f.median_days_request_to_meeting, Some(18.0));
    // The mediation case was opened (10 Mar) after the request (2 Mar).
    assert_eq!((f.followed_by_mediation, f.followed_by_appeal), (1, 0));
    // A request has no decision: not counted as a decision "not recorded".
    assert_eq!(bar(&r.by_decision, "Not recorded"), Some(0));
    // Beside mediation: the same report's route bars and charts.
    assert_eq!(bar(&r.routes, "Disagreement resolution"), Some(2));
    assert!(r.charts.iter().any(|c| c.title == "Disagreement resolution requests, by the other party's type"));
    // The CSV says so too.
    let mut csv = Vec::new();
    desk::reports::kpi::write_csv(&mut csv, &r).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.contains("Disagreement resolution by other party's type,Maintained school,1"), "{csv}");
    // The report from loaded rows agrees.
    let rows = desk::exports::load_cases(&store, &Default::default(), today()).unwrap();
    assert_eq!(desk::reports::kpi::kpi_from_rows(&rows, &filter), r);
}

#[test]
fn the_case_log_carries_the_new_fields_and_the_pseudonymised_log_no_names_or_free_text() {
    use desk::exports::{csv_log, load_cases, pseudonymised::Pseudonymiser};
    let db = TestDb::new();
    let mut store = db.open();
    let reference = store.add_case(&resolution_case("Dafydd Jones", request()), "Ann", today()).unwrap();
    store.save_disagreement(&reference, partly_resolved(), "Ann", today()).unwrap();
    let rows = load_cases(&store, &Default::default(), today()).unwrap();
    let mut named = Vec::new();
    csv_log::write(&mut named, &rows, None).unwrap();
    let named = String::from_utf8(named).unwrap();
    let table = python(
        "import csv,sys,json; r=list(csv.DictReader(open(sys.argv[1],encoding='utf-8-sig'))); print(json.dumps(r[0]))",
        &[&write_temp(&named)],
    );
    let row: serde_json::Value = serde_json::from_str(&table).unwrap();
    assert_eq!(row["Disagreement kind"], "provision");
    assert_eq!(row["Disagreement requested"], "2026-03-02");
    assert_eq!(row["Other parties"], "Hillside Primary School (maintained school)");
    assert_eq!(row["LA's answer"], "engaged 2026-03-04");
    assert_eq!(row["Parties' answers"], "family agreed 2026-03-05; Hillside Primary School agreed 2026-03-06");
    assert_eq!(row["Disagreement meetings"], "2026-03-20 (1 supporter, 1 report)");
    assert_eq!(row["Disagreement outcome"], "partly resolved: 1 resolved, 1 partly resolved, 0 not resolved");
    let mut pseudo = Vec::new();
    csv_log::write(&mut pseudo, &rows, Some(&Pseudonymiser::with_key([3; 32]))).unwrap();
    let pseudo = String::from_utf8(pseudo).unwrap();
    assert!(pseudo.contains("maintained school agreed 2026-03-06"), "{pseudo}");
    for secret in ["Hillside", "Speech and language", "Dafydd", "Patel", "teaching assistant", &reference] {
        assert!(!pseudo.contains(secret), "{secret:?} in the pseudonymised log:\n{pseudo}");
    }
}

fn write_temp(text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("md-dr-{}-{}", std::process::id(), text.len()));
    std::fs::write(&dir, text).unwrap();
    dir.display().to_string()
}

#[test]
fn a_spreadsheet_row_with_a_kind_of_disagreement_is_imported_as_one() {
    use desk::imports::{csv_cases, mapping::Mapping};
    let db = TestDb::new();
    let mut store = db.open();
    let text = "Child name,LA,Date of first call,Kind of disagreement,Date requested,About,Other party,Other party type\r\n\
                Dafydd Jones,Manchester City Council,02/03/2026,provision,02/03/2026,Support in class,Hillside Primary School,school\r\n\
                Zoë Kowalski,Bury Council,03/03/2026,,,,,\r\n";
    let headers: Vec<String> = text.lines().next().unwrap().split(',').map(String::from).collect();
    let mapping = Mapping::guess_from(&headers);
    // Row 2 is a mediation case with no decision letter: refused, as before.
    let err = csv_cases::import(&mut store, text, &mapping, "Ann", today()).unwrap_err();
    assert!(err.to_string().starts_with("row 2: Date on the letter"), "{err}");
    let text = text.replace("Zoë Kowalski,Bury Council,03/03/2026,,,,,\r\n", "");
    let refs = csv_cases::import(&mut store, &text, &mapping, "Ann", today()).unwrap();
    let saved = store.case(&refs[0]).unwrap();
    assert_eq!(saved.route, "disagreement_resolution");
    let d = saved.disagreement.unwrap();
    assert_eq!((d.kind, d.about.as_str()), (DisagreementKind::Provision, "Support in class"));
    assert_eq!(d.other_parties[0].party_type, PartyType::MaintainedSchool);
}

#[test]
fn the_full_export_round_trips_disagreement_resolution() {
    use desk::exports::full_json;
    let db = TestDb::new();
    let mut store = db.open();
    let reference = store.add_case(&resolution_case("Dafydd Jones", request()), "Ann", today()).unwrap();
    store.save_disagreement(&reference, partly_resolved(), "Ann", today()).unwrap();
    let exported = full_json::export(&store).unwrap();
    let other = TestDb::new();
    let mut copy = other.open();
    full_json::import(&mut copy, &exported).unwrap();
    assert_eq!(copy.case(&reference).unwrap().disagreement, Some(partly_resolved()));
    assert_eq!(full_json::export(&copy).unwrap(), exported);
}
