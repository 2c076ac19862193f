//! The Today view: pending clocks of open cases, grouped and sorted, the
//! materialised answer equal to computing on read; settings that change
//! the clocks recompute them.

mod common;

use common::*;
use desk::calendar::govuk::{ImportedEvent, ImportedHolidays};
use desk::calendar::Calendar;
use desk::case_view::CaseViews;
use desk::facts::{CertificateKind, IssuedCertificate};
use desk::rules::choices::{CountingChoices, ThirtyDaysStart};
use desk::store::Store;

fn declined_on(child: &str, day: &str) -> desk::store::CaseInput {
    let mut c = case(child);
    c.facts.declined_on = Some(date(day));
    c
}

fn same(store: &Store, days: u32) {
    assert_eq!(
        store.today(today(), days).unwrap(),
        store.today_computed(today(), days).unwrap(),
        "materialised and computed Today differ"
    );
}

#[test]
fn today_lists_pending_clocks_of_open_cases_grouped_and_sorted() {
    let db = TestDb::new();
    let mut store = db.open();
    // Certificate due 3 working days after declining (Easter: Fri 3 and Mon 6 Apr 2026 are holidays).
    let overdue = store.add_case(&declined_on("Overdue", "2026-03-23"), "Ann", today()).unwrap();
    let due_today = store.add_case(&declined_on("Due today", "2026-03-31"), "Ann", today()).unwrap();
    let this_week = store.add_case(&declined_on("This week", "2026-04-07"), "Ann", today()).unwrap();
    let mut met = declined_on("Met", "2026-03-23");
    met.facts.certificates.push(IssuedCertificate {
        kind: CertificateKind::Declined,
        issued_on: date("2026-03-24"),
        number: None,
        voided: false,
    });
    let met = store.add_case(&met, "Ann", today()).unwrap();
    let closed = store.add_case(&declined_on("Closed", "2026-03-23"), "Ann", today()).unwrap();
    store.close_case(&closed, "Family moved away", "Ann", today()).unwrap();

    let items = store.today(today(), 14).unwrap();
    let row = |r: &str, key: &str| items.iter().find(|i| i.reference == r && i.clock_key == key).cloned();
    let o = row(&overdue, "certificate_declined").expect("overdue certificate");
    assert_eq!((o.status, o.group, o.due_date), ("overdue", "overdue", date("2026-03-26")));
    assert_eq!(o.party, "Mediation adviser");
    assert_eq!(o.child, "Overdue");
    assert_eq!(o.caller.as_deref(), Some("Rhian Jones"));
    let t = row(&due_today, "certificate_declined").expect("due today");
    assert_eq!((t.status, t.group, t.due_date), ("due_today", "due_today", today()));
    let w = row(&this_week, "certificate_declined").expect("this week");
    assert_eq!((w.status, w.group, w.due_date), ("upcoming", "this_week", date("2026-04-10")));
    assert!(row(&met, "certificate_declined").is_none(), "a met clock is not pending");
    assert!(items.iter().all(|i| i.reference != closed), "closed cases are not listed");
    // Sorted by due date.
    assert!(items.windows(2).all(|w| w[0].due_date <= w[1].due_date));
    same(&store, 14);

    // The appeal (2 months after 3 Mar 2026: Sun 3 May → Tue 5 May, by 5pm) is later.
    let long = store.today(today(), 60).unwrap();
    let appeal = long.iter().find(|i| i.reference == this_week && i.clock_key == "appeal").unwrap();
    assert_eq!(appeal.group, "later");
    assert_eq!(appeal.due_by_time.as_deref(), Some("5pm"));
    same(&store, 60);
    // Outside a short window the later clocks drop out, overdue ones stay.
    let short = store.today(today(), 0).unwrap();
    assert!(short.iter().all(|i| i.due_date <= today()));
    assert!(short.iter().any(|i| i.reference == overdue));
    same(&store, 0);
}

#[test]
fn changing_the_counting_choices_recomputes_every_clock() {
    let db = TestDb::new();
    let mut store = db.open();
    let mut c = case("Amelia");
    c.facts.family_told_la_on = Some(date("2026-03-11"));
    c.facts.adviser_told_la_on = Some(date("2026-03-20"));
    let r = store.add_case(&c, "Ann", today()).unwrap();
    let due = |store: &Store| {
        store
            .today(today(), 90)
            .unwrap()
            .into_iter()
            .find(|i| i.reference == r && i.clock_key == "mediation_held")
            .map(|i| i.due_date)
    };
    let before = due(&store).expect("mediation clock");
    store
        .set_choices(&CountingChoices { thirty_days_start: ThirtyDaysStart::AdviserNotice, ..Default::default() }, "Ann", today())
        .unwrap();
    assert_eq!(store.choices().unwrap().thirty_days_start, ThirtyDaysStart::AdviserNotice);
    let after = due(&store).expect("mediation clock");
    assert_eq!((after - before).num_days(), 9);
    same(&store, 90);
    // Kept after reopening.
    drop(store);
    let store = db.open();
    assert_eq!(due(&store), Some(after));
}

#[test]
fn imported_bank_holidays_are_applied_and_kept() {
    let db = TestDb::new();
    let mut store = db.open();
    let r = store.add_case(&declined_on("Ruby", "2026-03-30"), "Ann", today()).unwrap();
    let due = |store: &Store| {
        store
            .today(today(), 30)
            .unwrap()
            .into_iter()
            .find(|i| i.reference == r && i.clock_key == "certificate_declined")
            .map(|i| i.due_date)
    };
    assert_eq!(due(&store), Some(date("2026-04-02")));
    // GOV.UK's 2026 list, with an extra holiday on Wed 1 Apr.
    let mut events: Vec<ImportedEvent> = Calendar::built_in()
        .holidays(2026)
        .into_iter()
        .map(|h| ImportedEvent { date: h.date, title: h.name.to_string() })
        .collect();
    events.push(ImportedEvent { date: date("2026-04-01"), title: "Extra holiday".into() });
    events.sort_by_key(|e| e.date);
    store.set_imported_holidays(&ImportedHolidays { events }, "Ann", today()).unwrap();
    // Thu 2 Apr, then Good Friday and Easter Monday: Tue 7 Apr.
    assert_eq!(due(&store), Some(date("2026-04-07")));
    assert!(!store.calendar().unwrap().is_working_day(date("2026-04-01")));
    same(&store, 30);
    drop(store);
    let store = db.open();
    assert!(!store.calendar().unwrap().is_working_day(date("2026-04-01")));
    assert_eq!(store.imported_holidays().unwrap().unwrap().events.len(), 9);
}

#[test]
fn materialised_equals_computed_over_generated_cases() {
    let db = TestDb::new();
    let mut store = db.open();
    let items: Vec<_> = desk::generator::cases(7, 400, today())
        .into_iter()
        .map(|g| {
            let mut c = case(&g.child_name);
            c.reference = None;
            c.opened_on = None;
            c.facts = g.facts;
            c.disagreement = g.disagreement;
            (c, None)
        })
        .collect();
    store.load(&items, "Ann", today()).unwrap();
    assert_eq!(store.count_cases(true).unwrap(), 400);
    for days in [0, 7, 30, 365, 3650] {
        same(&store, days);
    }
    assert!(!store.today(today(), 3650).unwrap().is_empty());
}

#[test]
fn clocks_computed_by_another_engine_are_recomputed_on_open() {
    let db = TestDb::new();
    let r;
    {
        let mut store = db.open();
        r = store.add_case(&declined_on("Noah", "2026-03-31"), "Ann", today()).unwrap();
        // As if an older engine had stored a wrong date and its mark.
        raw(&store)
            .execute_batch(
                "UPDATE case_clocks SET due_date = '2030-01-01';
                 UPDATE settings SET value = '\"mediation-desk 0.0.1\"' WHERE key = 'clocks_computed_by';",
            )
            .unwrap();
    }
    let store = db.open();
    let item = store.today(today(), 0).unwrap().into_iter().find(|i| i.reference == r).unwrap();
    assert_eq!(item.due_date, today());
    same(&store, 30);
}

#[test]
fn the_reminder_counts_overdue_and_due_today_without_names() {
    use desk::store::reminder;
    let item = |status: &'static str| desk::store::TodayItem {
        due_date: common::date("2026-04-07"),
        due_by_time: None,
        status,
        status_text: "Overdue",
        group: status,
        reference: "MD-2026-0001".into(),
        clock_key: "appeal".into(),
        clock: "Appeal to the SEND Tribunal".into(),
        action_description: None,
        party: "Parent or young person".into(),
        caller: Some("Rhian Jones".into()),
        child: "Siân Jones".into(),
    };
    assert_eq!(reminder(&[item("upcoming")]), None);
    assert_eq!(reminder(&[item("overdue")]).unwrap(), "1 clock overdue. Open Mediation Desk to see them.");
    let text = reminder(&[item("overdue"), item("overdue"), item("due_today")]).unwrap();
    assert_eq!(text, "2 clocks overdue and 1 due today. Open Mediation Desk to see them.");
    assert!(!text.contains("Siân") && !text.contains("MD-2026"));
}

/// Issue 10: the notice of a meeting is good practice, not a statutory
/// limit: on its day it is listed as due, and once its day has passed it
/// leaves Today (materialised or computed) instead of showing as overdue.
#[test]
fn the_notice_of_a_meeting_is_never_overdue_on_today() {
    use desk::facts::{Meeting, MeetingStatus};
    let db = TestDb::new();
    let mut store = db.open();
    let mut c = case("Mia");
    c.facts.family_told_la_on = Some(date("2026-03-11"));
    // Tue 14 Apr: notice 5 working days before is due Tue 7 Apr, today.
    c.facts.meetings =
        vec![Meeting { date: date("2026-04-14"), status: MeetingStatus::Planned, notice_sent_on: None, postponed_by: None }];
    let r = store.add_case(&c, "Ann", today()).unwrap();
    let notice =
        |items: Vec<desk::store::TodayItem>| items.into_iter().find(|i| i.reference == r && i.clock_key == "mediation_notice");
    let on_the_day = notice(store.today(today(), 30).unwrap()).expect("listed on its day");
    assert_eq!((on_the_day.status, on_the_day.group), ("due_today", "due_today"));
    same(&store, 30);
    // The next day, read from the clocks materialised on the 7th and computed afresh.
    let next_day = date("2026-04-08");
    for items in [store.today(next_day, 30).unwrap(), store.today_computed(next_day, 30).unwrap()] {
        assert!(items.iter().all(|i| i.clock_key != "mediation_notice"), "{items:?}");
        assert!(items.iter().filter(|i| i.status == "overdue").all(|i| i.clock_key != "mediation_notice"));
    }
    assert_eq!(store.today(next_day, 30).unwrap(), store.today_computed(next_day, 30).unwrap());
    // The case still shows it, in good-practice words.
    let clock = store.case_view(&r, next_day).unwrap().timeline.clock("mediation_notice").cloned().unwrap();
    assert_eq!(clock.status_text, "Notice not yet recorded as given: good practice, not a statutory limit");
}

/// Mark the stored clocks as computed by `mark` (JSON) and move every due
/// date, as if a rules version that answered otherwise had stored them.
fn stored_by(db: &TestDb, mark: &str) {
    let store = db.open();
    raw(&store).execute("UPDATE settings SET value = ?1 WHERE key = 'clocks_computed_by'", [mark]).unwrap();
    raw(&store).execute_batch("UPDATE case_clocks SET due_date = '2030-01-01';").unwrap();
}

/// Issue 12: the store marks its clocks with `rules::RULES_VERSION`; a
/// database opened with the same mark is not recomputed (the engine does
/// not run on open), one with another version's mark is.
#[test]
fn only_another_rules_version_recomputes_the_clocks() {
    use desk::rules::RULES_VERSION;
    let db = TestDb::new();
    let r = db.open().add_case(&declined_on("Noah", "2026-03-31"), "Ann", today()).unwrap();
    let mark: String =
        raw(&db.open()).query_row("SELECT value FROM settings WHERE key = 'clocks_computed_by'", [], |r| r.get(0)).unwrap();
    assert_eq!(mark, format!("\"rules {RULES_VERSION}\""), "the clocks are marked with the rules' version");
    let certificate = |store: &Store| {
        store.today(today(), 0).unwrap().into_iter().find(|i| i.reference == r && i.clock_key == "certificate_declined")
    };

    // The same version: opening leaves the stored clocks as they are.
    stored_by(&db, &format!("\"rules {RULES_VERSION}\""));
    let store = db.open();
    assert_eq!(certificate(&store), None, "moved to 2030 and not recomputed");
    let kept: Vec<_> = store.today(date("2030-01-01"), 0).unwrap().into_iter().filter(|i| i.reference == r).collect();
    assert!(!kept.is_empty() && kept.iter().all(|i| i.due_date == date("2030-01-01")), "{kept:?}");
    drop(store);

    // Another version's number: recomputed.
    stored_by(&db, &format!("\"rules {}\"", RULES_VERSION + 1));
    let store = db.open();
    assert_eq!(certificate(&store).expect("recomputed").due_date, today());
    same(&store, 30);
}

/// Issue 12: the store never reads the clock: the clocks are recomputed on
/// the today its caller gives `Store::open` (here before and after the day
/// a meeting's notice was due), whatever the computer's date.
#[test]
fn clocks_are_recomputed_on_the_day_given_to_open() {
    use desk::facts::{Meeting, MeetingStatus};
    let db = TestDb::new();
    let mut c = case("Mia");
    c.facts.family_told_la_on = Some(date("2026-03-11"));
    // Tue 14 Apr: notice 5 working days before is due Tue 7 Apr, today().
    c.facts.meetings =
        vec![Meeting { date: date("2026-04-14"), status: MeetingStatus::Planned, notice_sent_on: None, postponed_by: None }];
    let r = db.open().add_case(&c, "Ann", today()).unwrap();
    let notice = |store: &Store| {
        store.today(today(), 30).unwrap().into_iter().find(|i| i.reference == r && i.clock_key == "mediation_notice")
    };
    // Recomputed on the 7th: the notice of the meeting is due that day...
    stored_by(&db, "\"mediation-desk 0.0.1\"");
    let store = open_at(db.path()).unwrap();
    let item = notice(&store).expect("recomputed on 7 Apr: the notice is due");
    assert_eq!((item.due_date, item.status), (today(), "due_today"));
    same(&store, 30);
    drop(store);
    // ...recomputed on the 8th, its day has passed and it is no longer stored.
    stored_by(&db, "\"mediation-desk 0.0.1\"");
    let store = Store::open(db.path(), &test_key(), date("2026-04-08")).unwrap();
    assert_eq!(notice(&store), None, "recomputed on 8 Apr: the notice's day has passed");
    assert!(store.today(today(), 30).unwrap().iter().any(|i| i.reference == r && i.clock_key == "appeal"));
}
