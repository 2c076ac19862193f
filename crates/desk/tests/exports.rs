//! Every export read back by an independent reader: Python's `csv` module
//! for the case logs, the `icalendar` package (PyPI) for the calendar; and
//! the full JSON export's round trip.

mod common;

use chrono::TimeZone;
use common::{case, date, python, raw, today, TestDb};
use desk::case_view::CaseViews;
use desk::certificates::CertificateWorkflow;
use desk::exports::request::{export_bytes, ExportFormat, ExportRequest};
use desk::exports::{self, csv_log, full_json, ics, pseudonymised::Pseudonymiser, CaseFilter};
use desk::facts::{Agreement, AgreementAction, AgreementActionKind, CertificateKind, IssuedCertificate, Meeting, MeetingStatus};
use desk::store::{PersonInput, Store};

/// Three cases: Siân (declined, certificate on time), a name that looks
/// like a formula, and a case for Bolton.
fn build(store: &mut Store) -> Vec<String> {
    let mut a = case("Siân Gwenllïan Jones");
    a.facts.declined_on = Some(date("2026-03-10"));
    a.facts.certificates = vec![IssuedCertificate {
        kind: CertificateKind::Declined,
        issued_on: date("2026-03-12"),
        number: Some("MDC-1".into()),
        voided: false,
    }];
    let mut b = case("=HYPERLINK(\"http://x\",\"y\")");
    b.caller = Some(PersonInput { name: "+44 Smith, \"Bob\"".into(), role: None, date_of_birth: None });
    let mut c = case("Zoë O'Brien");
    c.local_authority = "Bolton Council".into();
    c.child.as_mut().unwrap().date_of_birth = Some(date("2009-01-15"));
    [a, b, c].iter().map(|i| store.add_case(i, "Tester", today()).unwrap()).collect()
}

const READ_CSV: &str = "import csv,sys,json\nraw=open(sys.argv[1],'rb').read()\nassert raw.startswith(b'\\xef\\xbb\\xbf'), 'no BOM'\nassert b'\\r\\n' in raw\nrows=list(csv.DictReader(open(sys.argv[1],encoding='utf-8-sig',newline='')))\nprint(json.dumps(rows))";

fn read_csv(path: &std::path::Path) -> Vec<serde_json::Map<String, serde_json::Value>> {
    serde_json::from_str(&python(READ_CSV, &[path.to_str().unwrap()])).unwrap()
}

#[test]
fn case_log_reads_back_with_python_csv() {
    let db = TestDb::new();
    let mut store = db.open();
    let refs = build(&mut store);
    let rows = exports::load_cases(&store, &CaseFilter::default(), today()).unwrap();
    let path = db.dir.path().join("log.csv");
    let mut bytes = Vec::new();
    csv_log::write(&mut bytes, &rows, None).unwrap();
    std::fs::write(&path, &bytes).unwrap();
    let rows = read_csv(&path);
    assert_eq!(rows.len(), 3);
    let a = &rows[0];
    assert_eq!(a["Reference"], refs[0].as_str());
    assert_eq!(a["Child name"], "Siân Gwenllïan Jones");
    assert_eq!(a["Child date of birth"], "2015-06-01");
    assert_eq!(a["Opened"], "2026-03-10");
    assert_eq!(a["Local authority"], "Manchester City Council");
    assert_eq!(a["Decision"], "refuse to assess");
    assert_eq!(a["Decision sent"], "2026-03-03");
    assert_eq!(a["Certificate 1 kind"], "declined");
    assert_eq!(a["Certificate 1 number"], "MDC-1");
    assert_eq!(a["Certificate 1 issued"], "2026-03-12");
    // Declined Tue 10 Mar 2026: 3 working days is Fri 13 Mar; issued Thu 12 Mar.
    assert_eq!(a["Certificate 1 on time or late"], "on time");
    assert_eq!(a["Issue the certificate (mediation declined) - due"], "2026-03-13");
    assert_eq!(a["Issue the certificate (mediation declined) - met"], "met on time");
    // Decision sent 3 Mar 2026: contact the adviser within 2 months, by 3 May 2026; met by the first contact on 10 Mar.
    assert_eq!(a["Contact the mediation adviser - due"], "2026-05-03");
    assert_eq!(a["Contact the mediation adviser - met"], "met on time");
    // Formula injection: the cells start with an apostrophe, the rest intact.
    let b = &rows[1];
    assert_eq!(b["Child name"], "'=HYPERLINK(\"http://x\",\"y\")");
    assert_eq!(b["Caller name"], "'+44 Smith, \"Bob\"");
    assert_eq!(rows[2]["Local authority"], "Bolton Council");

    // Filters: one LA; a period that ends before the cases were opened.
    let only = exports::load_cases(
        &store,
        &CaseFilter { local_authority: Some("Bolton Council".into()), ..Default::default() },
        today(),
    )
    .unwrap();
    assert_eq!(only.iter().map(|r| r.reference.as_str()).collect::<Vec<_>>(), vec![refs[2].as_str()]);
    let none = exports::load_cases(&store, &CaseFilter { to: Some(date("2026-03-09")), ..Default::default() }, today()).unwrap();
    assert!(none.is_empty());
}

#[test]
fn pseudonymised_log_has_no_names_and_stable_pseudonyms_per_export() {
    let db = TestDb::new();
    let mut store = db.open();
    let refs = build(&mut store);
    let rows = exports::load_cases(&store, &CaseFilter::default(), today()).unwrap();
    let mut doubled = rows.clone();
    doubled.extend(rows.iter().cloned());
    let write = |p: &Pseudonymiser, name: &str| {
        let path = db.dir.path().join(name);
        let mut bytes = Vec::new();
        csv_log::write(&mut bytes, &doubled, Some(p)).unwrap();
        std::fs::write(&path, &bytes).unwrap();
        (read_csv(&path), String::from_utf8(bytes).unwrap())
    };
    let (one, text) = write(&Pseudonymiser::random().unwrap(), "p1.csv");
    let (two, _) = write(&Pseudonymiser::random().unwrap(), "p2.csv");
    for name in ["Siân", "HYPERLINK", "Smith", "Zoë", "Rhian", "2015-06-01", "2009-01-15", "MDC-1"] {
        assert!(!text.contains(name), "{name} is in the pseudonymised export");
    }
    for r in &refs {
        assert!(!text.contains(r.as_str()), "{r} is in the pseudonymised export");
    }
    assert!(!one[0].contains_key("Child name") && !one[0].contains_key("Reference"));
    // Stable within one export: the same case twice has one pseudonym.
    assert_eq!(one[0]["Pseudonym"], one[3]["Pseudonym"]);
    assert_ne!(one[0]["Pseudonym"], one[1]["Pseudonym"]);
    // Unlinkable across exports (a fresh key each time).
    assert_ne!(one[0]["Pseudonym"], two[0]["Pseudonym"]);
    // Age bands on the decision date (3 Mar 2026): born 1 Jun 2015 is 10; born 15 Jan 2009 is 17.
    assert_eq!(one[0]["Child age band"], "5-10");
    assert_eq!(one[2]["Child age band"], "16-18");
}

const READ_ICS: &str = r#"
import sys, json, icalendar
out = []
for path in sys.argv[1:]:
    raw = open(path, 'rb').read()
    for line in raw.split(b'\r\n'):
        assert len(line) <= 75, ('line longer than 75 octets', line)
    assert b'\n' not in raw.replace(b'\r\n', b''), 'a bare LF'
    cal = icalendar.Calendar.from_ical(raw)
    events = []
    for ev in cal.walk('VEVENT'):
        events.append({'uid': str(ev['UID']), 'start': ev.decoded('DTSTART').isoformat(),
                       'date_only': ev['DTSTART'].params.get('VALUE') == 'DATE',
                       'sequence': int(ev['SEQUENCE']), 'summary': str(ev['SUMMARY']),
                       'description': str(ev['DESCRIPTION'])})
    out.append(events)
print(json.dumps(out))
"#;

#[test]
fn calendar_reads_with_icalendar_and_reimport_updates_by_uid() {
    common::ensure_icalendar();
    let db = TestDb::new();
    let mut store = db.open();
    let refs = build(&mut store);
    let filter = CaseFilter { open_only: true, ..CaseFilter::default() };
    let rows = exports::load_cases(&store, &filter, today()).unwrap();
    let first_time = chrono::Utc.with_ymd_and_hms(2026, 4, 7, 9, 0, 0).unwrap();
    let first = ics::calendar(&rows, ics::IcsOptions { with_names: false, now: first_time });
    let p1 = db.dir.path().join("one.ics");
    std::fs::write(&p1, &first).unwrap();

    // The decision's date changes; export again an hour later.
    let mut changed = store.case(&refs[1]).unwrap();
    changed.facts.decision.sent_on = Some(date("2026-03-09"));
    let input = desk::store::CaseInput {
        reference: Some(refs[1].clone()),
        legacy_reference: None,
        opened_on: Some(changed.opened_on),
        caller: changed.caller.as_ref().map(|c| PersonInput { name: c.name.clone(), role: None, date_of_birth: None }),
        child: Some(PersonInput { name: changed.child.name.clone(), role: None, date_of_birth: changed.child.date_of_birth }),
        local_authority: changed.local_authority.clone(),
        facts: changed.facts.clone(),
        ..Default::default()
    };
    store.update_case(&refs[1], &input, "Tester", today()).unwrap();
    let rows = exports::load_cases(&store, &filter, today()).unwrap();
    let second = ics::calendar(&rows, ics::IcsOptions { with_names: true, now: first_time + chrono::Duration::hours(1) });
    let p2 = db.dir.path().join("two.ics");
    std::fs::write(&p2, &second).unwrap();

    let parsed: Vec<Vec<serde_json::Value>> =
        serde_json::from_str(&python(READ_ICS, &[p1.to_str().unwrap(), p2.to_str().unwrap()])).unwrap();
    let (one, two) = (&parsed[0], &parsed[1]);
    assert!(!one.is_empty());
    let uids = |evs: &Vec<serde_json::Value>| evs.iter().map(|e| e["uid"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    let (u1, u2) = (uids(one), uids(two));
    let unique: std::collections::BTreeSet<_> = u1.iter().collect();
    assert_eq!(unique.len(), u1.len(), "no duplicate UID in one export");
    assert_eq!(u1, u2, "the same clocks have the same UIDs");
    // Merged by UID (what a calendar does on import): no duplicates.
    let mut merged: std::collections::BTreeMap<String, &serde_json::Value> = std::collections::BTreeMap::new();
    for e in one.iter().chain(two.iter()) {
        let uid = e["uid"].as_str().unwrap().to_string();
        match merged.get(&uid) {
            Some(old) if old["sequence"].as_i64() >= e["sequence"].as_i64() => {}
            _ => {
                merged.insert(uid, e);
            }
        }
    }
    assert_eq!(merged.len(), u1.len());
    let appeal = format!("{}-appeal@mediation-desk", refs[1]);
    let old = one.iter().find(|e| e["uid"] == appeal.as_str()).expect("the appeal clock is in the calendar");
    let new = merged[&appeal];
    // Sent 3 Mar: appeal due Tue 5 May 2026 (3 May is a Sunday, 4 May a
    // bank holiday); sent 9 Mar: due Mon 11 May (9 May is a Saturday).
    assert_eq!(old["start"], "2026-05-05");
    assert_eq!(new["start"], "2026-05-11");
    assert!(new["sequence"].as_i64() > old["sequence"].as_i64());
    for e in one {
        assert_eq!(e["date_only"], true, "all-day events");
        assert!(e["uid"].as_str().unwrap().ends_with("@mediation-desk"));
        assert!(!e["summary"].as_str().unwrap().contains("Siân"), "no names unless asked");
        assert!(e["description"].as_str().unwrap().contains("Who must act: "));
        assert!(e["description"].as_str().unwrap().contains("Rule: "));
    }
    assert!(two.iter().any(|e| e["summary"].as_str().unwrap().contains("Siân Gwenllïan Jones")), "names when asked");
}

#[test]
fn full_json_round_trip_is_identical_and_refuses_a_non_empty_database() {
    let db = TestDb::new();
    let mut store = db.open();
    build(&mut store);
    store.add_note(&store.list_cases(&Default::default()).unwrap()[0].reference.clone(), "Rang back; Siân", "Tester").unwrap();
    let first = full_json::export(&store).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&first).unwrap();
    let names: Vec<&str> = doc["tables"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"cases") && names.contains(&"history") && names.contains(&"people"), "{names:?}");
    assert!(!names.iter().any(|n| n.starts_with("case_search") || n.starts_with("sqlite_")), "{names:?}");
    assert!(doc["schema_version"].as_i64().unwrap() >= 3);

    let empty = TestDb::new();
    let mut fresh = empty.open();
    full_json::import(&mut fresh, &first).unwrap();
    let second = full_json::export(&fresh).unwrap();
    assert_eq!(first, second, "export, import, export gives identical output");
    // The search index was rebuilt.
    assert_eq!(fresh.search("Sian", 10).unwrap().len(), 1);

    // Into a database that already holds cases: refused, nothing changed.
    let before = common::counts(&store);
    let err = full_json::import(&mut store, &first).unwrap_err();
    assert!(err.to_string().contains("not empty"), "{err}");
    assert_eq!(common::counts(&store), before);
}

#[test]
fn full_json_takes_any_new_table_and_blobs() {
    // A table a later migration might add (certificates with their PDF bytes).
    let make = "CREATE TABLE extra_certificates (id INTEGER PRIMARY KEY, number TEXT, pdf BLOB, score REAL)";
    let db = TestDb::new();
    let mut store = db.open();
    build(&mut store);
    raw(&store).execute(make, []).unwrap();
    raw(&store)
        .execute("INSERT INTO extra_certificates VALUES (1, 'MDC-1', x'00ff2550444621', 1.5), (2, NULL, NULL, NULL)", [])
        .unwrap();
    let first = full_json::export(&store).unwrap();
    assert!(first.contains("\"base64\": \"AP8lUERGIQ==\""), "{first}");
    let empty = TestDb::new();
    let mut fresh = empty.open();
    raw(&fresh).execute(make, []).unwrap();
    full_json::import(&mut fresh, &first).unwrap();
    let blob: Vec<u8> = raw(&fresh).query_row("SELECT pdf FROM extra_certificates WHERE id = 1", [], |r| r.get(0)).unwrap();
    assert_eq!(blob, b"\x00\xff%PDF!");
    assert_eq!(full_json::export(&fresh).unwrap(), first);
}

/// A past case's old reference: a column of the case log (not of the
/// pseudonymised one), and kept by the full export's round trip.
#[test]
fn the_case_log_and_the_full_export_keep_an_old_reference() {
    let db = TestDb::new();
    let mut store = db.open();
    let mut old = case("Amelia Brown");
    old.legacy_reference = Some("OLD-001".into());
    let r = store.add_case(&old, "Tester", today()).unwrap();
    build(&mut store);
    let rows = exports::load_cases(&store, &CaseFilter::default(), today()).unwrap();
    let path = db.dir.path().join("log.csv");
    let mut bytes = Vec::new();
    csv_log::write(&mut bytes, &rows, None).unwrap();
    std::fs::write(&path, &bytes).unwrap();
    let read = read_csv(&path);
    assert_eq!(read[0]["Reference"], r.as_str());
    assert_eq!(read[0]["Old reference"], "OLD-001");
    assert_eq!(read[1]["Old reference"], "");
    let header = String::from_utf8(bytes).unwrap();
    assert!(header.starts_with("\u{feff}Reference,Old reference,Status,"), "next to the reference");
    let mut pseudonymised = Vec::new();
    csv_log::write(&mut pseudonymised, &rows, Some(&Pseudonymiser::random().unwrap())).unwrap();
    let pseudonymised = String::from_utf8(pseudonymised).unwrap();
    assert!(!pseudonymised.contains("OLD-001") && !pseudonymised.contains("Old reference"));

    let first = full_json::export(&store).unwrap();
    let empty = TestDb::new();
    let mut fresh = empty.open();
    full_json::import(&mut fresh, &first).unwrap();
    assert_eq!(full_json::export(&fresh).unwrap(), first, "export, import, export gives identical output");
    assert_eq!(fresh.case(&r).unwrap().legacy_reference.as_deref(), Some("OLD-001"));
    assert_eq!(fresh.search("OLD-001", 10).unwrap()[0].reference, r);
}

/// A full export whose case has another system's reference (`OLD-001`):
/// it was imported as it was, a case the app's own checks then refused.
/// Now it is given the next reference of its year and keeps the old one;
/// its history, certificates and clocks follow it.
#[test]
fn a_full_export_with_another_systems_reference_gets_a_new_one_beside_it() {
    let db = TestDb::new();
    let mut store = db.open();
    store
        .set_service_settings(
            &desk::store::ServiceSettings {
                service_name: "Greater Manchester SEND Mediation".into(),
                address: "Unit 4, Canal Wharf".into(),
                phone: "0161 496 0000".into(),
                email: "mediation@gm.example.org.uk".into(),
                certificate_prefix: "GM".into(),
            },
            "Admin",
        )
        .unwrap();
    let adviser = desk::store::StaffMember {
        name: "Łukasz Nowak".into(),
        role: desk::store::StaffRole::Adviser,
        registration: Some("CMC-123456".into()),
    };
    store.save_staff(&adviser, "Admin").unwrap();
    let mut declined = case("Amelia Brown");
    declined.facts.declined_on = Some(date("2026-03-12"));
    let first = store.add_case(&declined, "Tester", today()).unwrap();
    assert_eq!(first, "MD-2026-0001");
    let number = store
        .issue_certificate(&first, CertificateKind::Declined, date("2026-03-13"), &Default::default(), "Tester", today())
        .unwrap()
        .number;
    assert_eq!(store.add_case(&case("Noah Smith"), "Tester", today()).unwrap(), "MD-2026-0002");
    let text = full_json::export(&store).unwrap().replace("MD-2026-0001", "OLD-001");

    let empty = TestDb::new();
    let mut fresh = empty.open();
    full_json::import(&mut fresh, &text).unwrap();
    let given = fresh.case("MD-2026-0003").unwrap();
    assert_eq!(given.legacy_reference.as_deref(), Some("OLD-001"));
    assert_eq!(given.child.name, "Amelia Brown");
    assert!(matches!(fresh.case("OLD-001"), Err(desk::store::StoreError::NotFound { .. })));
    let history = fresh.history("MD-2026-0003").unwrap();
    let actions: Vec<&str> = history.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(actions, ["created", "certificate_issued", "reference_given"]);
    assert_eq!(history[2].who, full_json::IMPORT_WHO);
    assert_eq!(history[2].changes[0], serde_json::json!({"field": "reference", "before": "OLD-001", "after": "MD-2026-0003"}));
    let certificates = fresh
        .certificates(&desk::store::CertificateFilter { reference: Some("MD-2026-0003".into()), ..Default::default() })
        .unwrap();
    assert_eq!(certificates.iter().map(|c| c.number.as_str()).collect::<Vec<_>>(), [number.as_str()]);
    assert!(fresh.today(today(), 3660).unwrap().iter().any(|i| i.reference == "MD-2026-0003"), "its clocks follow it");
    assert_eq!(fresh.search("OLD-001", 10).unwrap()[0].reference, "MD-2026-0003");
    assert_eq!(fresh.list_cases(&Default::default()).unwrap().len(), 2);
    assert!(fresh.integrity_check().unwrap().is_empty());
    // The next case follows the new reference.
    assert_eq!(fresh.add_case(&case("Isla"), "Tester", today()).unwrap(), "MD-2026-0004");

    // One that already has an old reference to keep: refused, nothing written.
    let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    for t in doc["tables"].as_array_mut().unwrap() {
        if t["name"] == "cases" {
            let cols: Vec<String> = serde_json::from_value(t["columns"].clone()).unwrap();
            let l = cols.iter().position(|c| c == "legacy_reference").unwrap();
            let r = cols.iter().position(|c| c == "reference").unwrap();
            for row in t["rows"].as_array_mut().unwrap() {
                if row[r] == "OLD-001" {
                    row[l] = "OLDER-7".into();
                }
            }
        }
    }
    let again = TestDb::new();
    let mut other = again.open();
    let before = common::counts(&other);
    let err = full_json::import(&mut other, &doc.to_string()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "import: cases row 1 (OLD-001): the reference is not one this app gives, and the case already has a legacy_reference to keep it in"
    );
    assert_eq!(common::counts(&other), before);
}

/// What the mediator typed about an agreed action: it names someone and a
/// health condition.
const DESCRIPTION: &str = "Zebedee Quartermaine-Oduya's speech therapy (asthma)";

/// A case whose written agreement (31 Mar 2026) has two actions: one
/// described in the mediator's words, one not; the child born 23 Sep 2014;
/// a note that names Zebedee too.
fn agreed_case(store: &mut Store) -> String {
    let mut input = case("Dafydd Jones");
    input.child.as_mut().unwrap().date_of_birth = Some(date("2014-09-23"));
    input.note = Some("Zebedee's asthma is worse in winter.".into());
    let f = &mut input.facts;
    f.family_told_la_on = Some(date("2026-03-11"));
    f.meetings =
        vec![Meeting { date: date("2026-03-30"), status: MeetingStatus::Held, notice_sent_on: None, postponed_by: None }];
    f.concluded_on = Some(date("2026-03-30"));
    f.agreement = Some(Agreement {
        dated: date("2026-03-31"),
        la_was_party: true,
        la_told_on: None,
        actions: vec![
            AgreementAction {
                kind: AgreementActionKind::NonAppealable,
                description: format!("  {DESCRIPTION} "),
                agreed_due: None,
                done_on: Vec::new(),
                responsible_body: None,
            },
            AgreementAction {
                kind: AgreementActionKind::AmendNeedsOrProvision,
                description: String::new(),
                agreed_due: None,
                done_on: Vec::new(),
                responsible_body: None,
            },
        ],
    });
    store.add_case(&input, "Tester", today()).unwrap()
}

fn export(store: &Store, format: ExportFormat, with_names: bool) -> String {
    let request = ExportRequest { format, from: None, to: None, local_authority: None, reference: None, with_names };
    String::from_utf8(export_bytes(store, &request, today()).unwrap()).unwrap()
}

/// Issue 13: the pseudonymised log and the calendar never carry what the
/// mediator typed about an agreed action; the named log and the app do.
#[test]
fn an_agreed_actions_description_is_in_the_named_log_and_the_app_never_the_pseudonymised_log_or_the_calendar() {
    let db = TestDb::new();
    let mut store = db.open();
    let reference = agreed_case(&mut store);
    let secret = ["Zebedee", "Quartermaine", "Oduya", "asthma", "speech therapy"];

    let pseudonymised = export(&store, ExportFormat::Pseudonymised, false);
    for calendar in [export(&store, ExportFormat::Ics, false), export(&store, ExportFormat::Ics, true)] {
        for word in secret {
            assert!(!pseudonymised.contains(word), "{word} is in the pseudonymised log:\n{pseudonymised}");
            assert!(!calendar.contains(word), "{word} is in the calendar:\n{calendar}");
        }
        // The clock itself is there, by the action's number.
        assert!(calendar.contains("SUMMARY:") && calendar.contains("Carry out the agreed action (action 1)"), "{calendar}");
        assert!(calendar.contains(&format!("UID:{reference}-agreement_action_1_act@mediation-desk")));
    }
    assert!(pseudonymised.contains("Carry out the agreed action (action 1): due 2026-04-14, not yet due"), "{pseudonymised}");
    assert!(pseudonymised.contains("Issue the amended plan (sections B and/or F) (action 2): due 2026-05-05, not yet due"));

    // The named log carries it, after the clock's label.
    let named = export(&store, ExportFormat::Csv, false);
    let quoted = DESCRIPTION.replace('"', "\"\"");
    assert!(
        named.contains(&format!("Carry out the agreed action (action 1) \"\"{quoted}\"\": due 2026-04-14, not yet due")),
        "{named}"
    );

    // The app's case view and Today: the label is fixed wording, the
    // description beside it, trimmed; none for an action not described.
    let view = store.case_view(&reference, today()).unwrap();
    let clock = |key: &str| view.timeline.clock(key).unwrap_or_else(|| panic!("{key}"));
    assert_eq!(clock("agreement_action_1_act").label, "Carry out the agreed action (action 1)");
    assert_eq!(clock("agreement_action_1_act").action_description.as_deref(), Some(DESCRIPTION));
    assert_eq!(clock("agreement_action_2_amend").action_description, None);
    assert_eq!(clock("appeal").action_description, None);
    let today_items = store.today(today(), 60).unwrap();
    let item = today_items.iter().find(|i| i.clock_key == "agreement_action_1_act").expect("on Today");
    assert_eq!(item.clock, "Carry out the agreed action (action 1)");
    assert_eq!(item.action_description.as_deref(), Some(DESCRIPTION));
    assert_eq!(store.today_computed(today(), 60).unwrap(), today_items);
}

/// Issue 13: the pseudonymised log gives the child's age band, never the
/// date of birth, in any form, nor its month.
#[test]
fn the_pseudonymised_log_has_no_date_of_birth_only_an_age_band() {
    let db = TestDb::new();
    let mut store = db.open();
    agreed_case(&mut store);
    let named = export(&store, ExportFormat::Csv, false);
    assert!(named.contains("2014-09-23"), "the named log has the date of birth");
    let path = db.dir.path().join("p.csv");
    let text = export(&store, ExportFormat::Pseudonymised, false);
    std::fs::write(&path, &text).unwrap();
    for form in ["2014-09-23", "23/09/2014", "2014-09", "09/2014", "Sep 2014", "2014"] {
        assert!(!text.contains(form), "{form} is in the pseudonymised log:\n{text}");
    }
    let rows = read_csv(&path);
    assert!(rows[0].keys().all(|k| !k.to_lowercase().contains("birth")), "{:?}", rows[0].keys());
    // Decision sent 3 Mar 2026: born 23 Sep 2014, the child is 11.
    assert_eq!(rows[0]["Child age band"], "11-15");
}
