//! Kept only as long as it should be: the closed cases due under the
//! retention policy, anonymising them (names, dates of birth, notes, free
//! text, history values and certificate PDFs gone; counts and the
//! register kept, so a period's KPI report is the same), the disposal log
//! with no personal data, erasure on request, and who opened a case.

mod common;

use chrono::NaiveDate;
use common::*;
use desk::certificates::CertificateWorkflow;
use desk::facts::CertificateKind;
use desk::reports::{kpi, KpiFilter};
use desk::rules::retention::RetentionPolicy;
use desk::store::{CaseInput, Closing, DisposalKind, IssueOptions, PersonInput, ServiceSettings, StaffMember, StaffRole, Store};

fn setup(store: &mut Store) {
    let service = ServiceSettings {
        service_name: "Greater Manchester SEND Mediation".into(),
        address: "Unit 4, Canal Wharf\nManchester M1 4AB".into(),
        phone: "0161 496 0000".into(),
        email: "mediation@gm.example.org.uk".into(),
        certificate_prefix: "GM".into(),
    };
    store.set_service_settings(&service, "Admin").unwrap();
    for (name, role, reg) in
        [("Łukasz Nowak", StaffRole::Adviser, "CMC-123456"), ("Siân Roberts", StaffRole::Mediator, "CoM 04417")]
    {
        store.save_staff(&StaffMember { name: name.into(), role, registration: Some(reg.into()) }, "Admin").unwrap();
    }
}

/// A declined case, closed on 31 Mar 2026, with a child's name and date of
/// birth, a note, a closing reason naming the child, and a certificate
/// issued.
fn closed_case(store: &mut Store, child: &str, born: &str) -> String {
    let mut input: CaseInput = case(child);
    input.caller = Some(person("Gwenllïan Quartermaine"));
    input.child = Some(PersonInput { name: child.into(), role: None, date_of_birth: Some(date(born)) });
    input.note = Some(format!("{child} has asthma and sees the speech therapist weekly."));
    input.facts.declined_on = Some(date("2026-03-12"));
    let reference = store.add_case(&input, "Ann", today()).unwrap();
    store
        .issue_certificate(&reference, CertificateKind::Declined, date("2026-03-13"), &IssueOptions::default(), "Ann", today())
        .unwrap();
    store.close_case(&reference, &format!("{child}'s family moved away"), "Ann", date("2026-03-31")).unwrap();
    reference
}

#[test]
fn due_cases_are_anonymised_and_the_kpi_report_for_their_period_is_unchanged() {
    let db = TestDb::new();
    let mut store = db.open();
    setup(&mut store);
    // Background: generated cases, many closed, over the year.
    let items: Vec<(CaseInput, Option<Closing>)> = desk::generator::cases(11, 300, date("2026-03-31"))
        .into_iter()
        .map(|g| desk::generator::generated_input(g, true))
        .collect();
    store.load(&items, "Loader", date("2026-03-31")).unwrap();
    let older = closed_case(&mut store, "Zebedee Quartermaine-Oduya", "2008-05-01");
    let young = closed_case(&mut store, "Aoife Quartermaine", "2020-01-01");
    let filter = KpiFilter { from: date("2025-04-01"), to: date("2026-03-31"), local_authority: None };
    let before = kpi::kpi_report(&store, &filter, date("2026-04-30")).unwrap();

    // Six years on, the older child (born 2008) is past 25 later than six
    // years: 1 May 2033. The younger (born 2020) is kept to 2045.
    let policy = store.retention_policy().unwrap();
    assert_eq!(policy, RetentionPolicy { years_after_closing: 6, until_25th_birthday: true });
    let on = date("2033-05-01");
    let due = store.disposals_due(on).unwrap();
    assert!(due.iter().any(|d| d.reference == older && d.dispose_from == date("2033-05-01")), "{due:?}");
    assert!(!due.iter().any(|d| d.reference == young));
    assert!(store.disposals_due(date("2033-04-30")).unwrap().iter().all(|d| d.reference != older));
    // Not yet due: refused.
    let err = store.dispose(&young, DisposalKind::Retention, "Retention period ended", "Manager", on).unwrap_err();
    assert!(err.to_string().contains("not yet due"), "{err}");

    for d in &due {
        store.dispose(&d.reference, DisposalKind::Retention, "Retention period ended", "Manager", on).unwrap();
    }
    assert!(store.disposals_due(on).unwrap().is_empty());
    // Nothing personal is left about the case.
    let saved = store.case(&older).unwrap();
    assert_eq!(saved.child.name, desk::store::ERASED);
    assert_eq!(saved.child.date_of_birth, None);
    assert_eq!(saved.caller.as_ref().unwrap().name, desk::store::ERASED);
    assert!(saved.notes.is_empty());
    assert_eq!(saved.closing_reason.as_deref(), Some(desk::store::ERASED));
    assert!(store.search("quartermaine", 10).unwrap().iter().all(|c| c.reference != older));
    let conn = raw(&store);
    // Nothing in the tables about the anonymised case names the child or
    // their health (the younger child's case, kept, still does).
    let mentions: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM history WHERE reference = ?1 AND (changes LIKE '%Zebedee%' OR changes LIKE '%asthma%'))
                  + (SELECT count(*) FROM people WHERE name LIKE '%Zebedee%')
                  + (SELECT count(*) FROM notes WHERE text LIKE '%Zebedee%')
                  + (SELECT count(*) FROM cases WHERE facts LIKE '%Zebedee%' OR closing_reason LIKE '%Zebedee%')
                  + (SELECT count(*) FROM case_search WHERE reference = ?1 AND (names <> '' OR notes <> ''))",
            [&older],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(mentions, 0);
    // The certificate's PDF is destroyed; its register row stays.
    let (pdf_len, number): (i64, String) = conn
        .query_row("SELECT length(pdf), number FROM certificates WHERE reference = ?1", [&older], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(pdf_len, 0);
    assert!(number.starts_with("GM-2026-"));
    // The young child's case is untouched.
    assert_eq!(store.case(&young).unwrap().child.name, "Aoife Quartermaine");
    // The KPI report for the period is the same.
    let after = kpi::kpi_report(&store, &filter, date("2026-04-30")).unwrap();
    assert_eq!(after, before);
    // The disposal log says what, when, who and why, and nothing personal.
    let log = store.disposal_log().unwrap();
    assert_eq!(log.len(), due.len());
    let line = log.iter().find(|l| l.reference == older).unwrap();
    assert_eq!((line.who.as_str(), line.why, line.certificates), ("Manager", DisposalKind::Retention, 1));
    let text = serde_json::to_string(&log).unwrap();
    assert!(!text.contains("Zebedee") && !text.contains("Quartermaine"));
    // The case's history keeps who did what, and says it was anonymised.
    let history = store.history(&older).unwrap();
    assert_eq!(history.last().unwrap().action, "anonymised");
    assert!(history.iter().all(|h| h.changes == serde_json::json!([])));
    // Twice is refused.
    assert!(store
        .dispose(&older, DisposalKind::Request, "Asked again", "Manager", on)
        .unwrap_err()
        .to_string()
        .contains("already"));
}

#[test]
fn a_person_can_have_a_closed_case_erased_with_a_reason_and_an_open_one_must_be_closed_first() {
    let db = TestDb::new();
    let mut store = db.open();
    setup(&mut store);
    let reference = closed_case(&mut store, "Zebedee Quartermaine-Oduya", "2015-06-01");
    let open = store.add_case(&case("Noah Open"), "Ann", today()).unwrap();
    let err = store.dispose(&open, DisposalKind::Request, "Request DSAR-2026-014", "Manager", today()).unwrap_err();
    assert!(err.to_string().contains("close it first"), "{err}");
    let err = store.dispose(&reference, DisposalKind::Request, "  ", "Manager", today()).unwrap_err();
    assert!(err.to_string().starts_with("reason:"), "{err}");
    let disposal = store.dispose(&reference, DisposalKind::Request, "Request DSAR-2026-014", "Manager", today()).unwrap();
    assert_eq!((disposal.why, disposal.reason.as_str()), (DisposalKind::Request, "Request DSAR-2026-014"));
    assert_eq!(store.case(&reference).unwrap().child.name, desk::store::ERASED);
    assert_eq!(store.case(&open).unwrap().child.name, "Noah Open");
}

#[test]
fn the_retention_policy_is_a_setting_with_plain_bounds() {
    let db = TestDb::new();
    let mut store = db.open();
    let policy = RetentionPolicy { years_after_closing: 3, until_25th_birthday: false };
    store.set_retention_policy(&policy, "Manager").unwrap();
    assert_eq!(store.retention_policy().unwrap(), policy);
    let err = store
        .set_retention_policy(&RetentionPolicy { years_after_closing: 0, until_25th_birthday: true }, "Manager")
        .unwrap_err();
    assert!(err.to_string().starts_with("years_after_closing:"), "{err}");
    let reference = store.add_case(&case("Noah"), "Ann", today()).unwrap();
    store.close_case(&reference, "Finished", "Ann", date("2026-03-31")).unwrap();
    let due = |on: &str| store.disposals_due(date(on)).unwrap().into_iter().map(|d| d.reference).collect::<Vec<_>>();
    assert_eq!(due("2029-03-30"), Vec::<String>::new());
    assert_eq!(due("2029-03-31"), vec![reference]);
}

#[test]
fn opening_a_case_is_recorded_and_a_manager_can_see_who_looked() {
    let db = TestDb::new();
    let mut store = db.open();
    let reference = store.add_case(&case("Noah"), "Ann", today()).unwrap();
    assert!(store.access_log(&reference).unwrap().is_empty());
    store.record_access(&reference, "Ann").unwrap();
    store.record_access(&reference, "Bea").unwrap();
    let log = store.access_log(&reference).unwrap();
    assert_eq!(log.iter().map(|a| a.who.as_str()).collect::<Vec<_>>(), ["Bea", "Ann"]);
    assert!(log[0].at >= log[1].at);
    let _: NaiveDate = today();
}

#[test]
fn the_daily_backup_is_made_on_unlocking_and_its_age_is_shown() {
    let db = TestDb::new();
    let (mut store, _) = db.set_up();
    // No cases, no backup: nothing to lose yet.
    assert!(!desk::backups::status(&store).unwrap().stale);
    store.add_case(&case("Noah"), "Ann", today()).unwrap();
    let status = desk::backups::status(&store).unwrap();
    assert!(status.stale && status.last_backup.is_none(), "{status:?}");
    assert_eq!(status.keep, 14);
    let made = desk::backups::daily(&store, today()).unwrap().expect("made");
    assert!(made.starts_with(&status.folder));
    let status = desk::backups::status(&store).unwrap();
    assert!(!status.stale && status.last_backup.is_some(), "{status:?}");
    // A backup eight days old is stale.
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(8 * 24 * 3600);
    std::fs::File::options().write(true).open(&made).unwrap().set_modified(old).unwrap();
    assert!(desk::backups::status(&store).unwrap().stale);
}
