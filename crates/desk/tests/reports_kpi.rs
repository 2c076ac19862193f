//! The commissioner's report against a hand-built set of cases: every
//! expected number below was worked out by hand from the facts (see the
//! comment on each case), not by the code under test.

mod common;

use common::{date, pdf_text, person, raw, TestDb};
use desk::facts::*;
use desk::reports::{kpi, kpi_pdf, KpiFilter};
use desk::store::{CaseInput, PersonInput, Store};

fn add(store: &mut Store, la: &str, opened: &str, facts: CaseFacts) -> String {
    let input = CaseInput {
        opened_on: Some(date(opened)),
        caller: Some(person("Rhian Jones")),
        appellant: None,
        child: Some(PersonInput { name: "Siân Jones".into(), role: None, date_of_birth: Some(date("2015-06-01")) }),
        local_authority: la.into(),
        facts,
        ..CaseInput::default()
    };
    store.add_case(&input, "Tester", date("2025-07-01")).expect("case saved")
}

fn decided(kind: DecisionKind, sent: &str, contact: &str) -> CaseFacts {
    CaseFacts {
        decision: Decision { kind: Some(kind), letter_dated: Some(date(sent)), sent_on: Some(date(sent)), ..Decision::default() },
        first_contact_on: Some(date(contact)),
        ..CaseFacts::default()
    }
}

fn cert(kind: CertificateKind, on: &str) -> IssuedCertificate {
    IssuedCertificate { kind, issued_on: date(on), number: None, voided: false }
}

fn meeting(on: &str, status: MeetingStatus, by: Option<PostponedBy>) -> Meeting {
    Meeting { date: date(on), status, notice_sent_on: None, postponed_by: by }
}

const LEEDS: &str = "Leeds City Council";
const BRISTOL: &str = "Bristol City Council";

fn build(store: &mut Store) {
    // A: declined Mon 3 Mar 2025, certificate Wed 5 Mar (due Thu 6 Mar): on time; 13 days from call (20 Feb).
    let mut a = decided(DecisionKind::RefuseToAssess, "2025-02-10", "2025-02-20");
    a.declined_on = Some(date("2025-03-03"));
    a.certificates = vec![cert(CertificateKind::Declined, "2025-03-05")];
    add(store, LEEDS, "2025-02-20", a);
    // B: declined Mon 3 Mar, certificate Wed 12 Mar: late; 16 days from call (24 Feb).
    let mut b = decided(DecisionKind::CeaseToMaintain, "2025-02-10", "2025-02-24");
    b.declined_on = Some(date("2025-03-03"));
    b.certificates = vec![cert(CertificateKind::Declined, "2025-03-12")];
    add(store, LEEDS, "2025-02-24", b);
    // C: plan contents (F, I); LA told 17 Mar, so the 30 days end 16 Apr; a
    // meeting on 3 Apr postponed by the LA; held 10 Apr (within 30 days);
    // partly agreed; certificate Mon 14 Apr (due Tue 15 Apr): on time; 35 days from call (10 Mar).
    let mut c = decided(DecisionKind::PlanContents, "2025-03-03", "2025-03-10");
    c.issues = vec![Issue::ProvisionF, Issue::PlacementI];
    c.family_told_la_on = Some(date("2025-03-17"));
    c.adviser_told_la_on = Some(date("2025-03-17"));
    c.meetings = vec![
        meeting("2025-04-03", MeetingStatus::Postponed, Some(PostponedBy::LocalAuthority)),
        meeting("2025-04-10", MeetingStatus::Held, None),
    ];
    c.concluded_on = Some(date("2025-04-10"));
    c.outcome = Some(Outcome::PartlyAgreed);
    c.certificates = vec![cert(CertificateKind::AfterMediation, "2025-04-14")];
    add(store, LEEDS, "2025-03-10", c);
    // D (Bristol): LA told 10 Mar, so the 30 days end 9 Apr; held 1 May:
    // late; no agreement and no outcome recorded, so "not agreed";
    // certificate Fri 2 May: on time; 58 days from call (5 Mar).
    let mut d = decided(DecisionKind::RefuseToIssuePlan, "2025-03-03", "2025-03-05");
    d.family_told_la_on = Some(date("2025-03-10"));
    d.meetings = vec![meeting("2025-05-01", MeetingStatus::Held, None)];
    d.concluded_on = Some(date("2025-05-01"));
    d.certificates = vec![cert(CertificateKind::AfterMediation, "2025-05-02")];
    add(store, BRISTOL, "2025-03-05", d);
    // E (Bristol): plan contents, social care only: exempt.
    let mut e = decided(DecisionKind::PlanContents, "2025-03-14", "2025-03-20");
    e.issues = vec![Issue::SocialCare];
    add(store, BRISTOL, "2025-03-20", e);
    // F: all before the period (opened 1 Dec 2024, certificate 3 Dec 2024); closed 1 Mar 2025.
    let mut f = decided(DecisionKind::RefuseToAssess, "2024-11-20", "2024-12-01");
    f.declined_on = Some(date("2024-12-02"));
    f.certificates = vec![cert(CertificateKind::Declined, "2024-12-03")];
    let f_ref = add(store, LEEDS, "2024-12-01", f);
    store.close_case(&f_ref, "Certificate issued", "Tester", date("2025-03-01")).expect("closed");
    // G: withdrew Tue 8 Apr, certificate Wed 9 Apr: on time; 8 days from call (1 Apr).
    let mut g = decided(DecisionKind::RefuseToReassess, "2025-03-25", "2025-04-01");
    g.family_told_la_on = Some(date("2025-04-02"));
    g.withdrew_on = Some(date("2025-04-08"));
    g.certificates = vec![cert(CertificateKind::Withdrawn, "2025-04-09")];
    add(store, LEEDS, "2025-04-01", g);
}

fn values(bars: &[desk::reports::Bar]) -> Vec<(String, u32)> {
    bars.iter().map(|b| (b.label.clone(), b.value)).collect()
}

fn pairs(list: &[(&str, u32)]) -> Vec<(String, u32)> {
    list.iter().map(|(l, v)| (l.to_string(), *v)).collect()
}

#[test]
fn kpi_numbers_match_the_hand_count() {
    let db = TestDb::new();
    let mut store = db.open();
    build(&mut store);
    let filter = KpiFilter { from: date("2025-01-01"), to: date("2025-06-30"), local_authority: None };
    let r = kpi::kpi_report(&store, &filter, date("2025-07-01")).unwrap();
    assert_eq!(r.cases_opened, 6);
    assert_eq!(r.cases_closed, 1);
    assert_eq!(
        values(&r.by_decision),
        pairs(&[
            ("Refuse to assess", 1),
            ("Refuse to reassess", 1),
            ("Refuse to issue a plan", 1),
            ("Plan contents", 2),
            ("Refuse to amend after review", 0),
            ("Cease to maintain", 1),
            ("Not recorded", 0)
        ])
    );
    assert_eq!(
        values(&r.by_issue),
        pairs(&[("Needs (B)", 0), ("Provision (F)", 1), ("Placement (I)", 1), ("Health (G, H1)", 0), ("Social care (H2)", 1)])
    );
    assert_eq!(
        values(&r.routes),
        pairs(&[
            ("Declined", 2),
            ("Mediated", 2),
            ("Exempt", 1),
            ("Disagreement resolution", 0),
            ("Withdrawn", 1),
            ("Not arranged in 30 days", 0),
            ("Open or other", 0)
        ])
    );
    assert_eq!(
        values(&r.outcomes),
        pairs(&[("Agreed", 0), ("Partly agreed", 1), ("Not agreed", 1), ("Withdrawn", 1), ("Not recorded", 0)])
    );
    assert_eq!((r.certificates_issued, r.certificates_on_time, r.certificates_late), (5, 4, 1));
    assert_eq!(r.certificates_on_time_percent, Some(80.0));
    assert_eq!(r.median_days_call_to_certificate, Some(16.0));
    assert_eq!((r.mediations_held, r.mediations_within_30_days), (2, 1));
    assert_eq!(r.mediations_within_30_days_percent, Some(50.0));
    assert_eq!(r.la_postponements, 1);
    assert_eq!(values(&r.by_local_authority), pairs(&[(LEEDS, 4), (BRISTOL, 2)]));
    // The mediation charts, then disagreement resolution's five (issue 11).
    assert_eq!(r.charts.len(), 13);

    // One LA: Bristol has D and E only.
    let bristol = KpiFilter { local_authority: Some(BRISTOL.into()), ..filter.clone() };
    let r = kpi::kpi_report(&store, &bristol, date("2025-07-01")).unwrap();
    assert_eq!((r.cases_opened, r.cases_closed), (2, 0));
    assert_eq!((r.certificates_issued, r.certificates_on_time, r.certificates_late), (1, 1, 0));
    assert_eq!((r.mediations_held, r.mediations_within_30_days), (1, 0));
    assert_eq!(r.median_days_call_to_certificate, Some(58.0));
    assert_eq!(r.la_postponements, 0);
    assert_eq!(r.local_authority, BRISTOL);
}

#[test]
fn kpi_csv_reads_back_with_python_and_the_pdf_renders() {
    let db = TestDb::new();
    let mut store = db.open();
    build(&mut store);
    let filter = KpiFilter { from: date("2025-01-01"), to: date("2025-06-30"), local_authority: None };
    let r = kpi::kpi_report(&store, &filter, date("2025-07-01")).unwrap();
    let mut bytes = Vec::new();
    kpi::write_csv(&mut bytes, &r).unwrap();
    let path = db.dir.path().join("kpi.csv");
    std::fs::write(&path, &bytes).unwrap();
    let out = common::python(
        "import csv,sys\nrows=list(csv.reader(open(sys.argv[1],encoding='utf-8-sig',newline='')))\nd={(r[0],r[1]):r[2] for r in rows[1:]}\nprint(rows[0]);print(d[('Cases','Opened')],d[('Certificates','Percent within 3 working days')],d[('Mediation','Meetings postponed by the local authority')],d[('By issue','Health (G, H1)')])",
        &[path.to_str().unwrap()],
    );
    assert_eq!(out, "['Section', 'Measure', 'Value']\n6 80 1 0\n");
    let pdf = kpi_pdf::render(&r, "Northern Mediation Service").unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    assert_eq!(pdf, kpi_pdf::render(&r, "Northern Mediation Service").unwrap(), "the same report gives the same bytes");
    let text = pdf_text(&pdf);
    assert!(text.contains("Commissioner's report"), "{text}");
    assert!(text.contains("Meetings postponed by the local authority"), "{text}");
}

#[test]
fn a_seeded_store_counts_closed_cases_each_closed_after_its_last_event_and_not_after_today() {
    use desk::generator;
    use desk::generator::generated_input;
    use desk::rules::problems::each_date;

    let db = TestDb::new();
    let mut store = db.open();
    let today = date("2026-04-07");
    // What `seed` loads.
    let items: Vec<_> = generator::cases(5, 400, today).into_iter().map(|g| generated_input(g, true)).collect();
    store.load(&items, "Seeder", today).unwrap();

    let year = KpiFilter { from: date("2024-04-01"), to: date("2025-03-31"), local_authority: None };
    let r = kpi::kpi_report(&store, &year, today).unwrap();
    assert!(r.cases_closed > 0, "a year of a seeded store has cases closed in it");
    let in_year: u32 = raw(&store)
        .query_row("SELECT count(*) FROM cases WHERE closed_on BETWEEN '2024-04-01' AND '2025-03-31'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(r.cases_closed, in_year);

    let closed: Vec<String> = raw(&store)
        .prepare("SELECT reference FROM cases WHERE status = 'closed' ORDER BY reference")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(closed.len() > 100, "{} closed", closed.len());
    let mut reasons = std::collections::BTreeSet::new();
    for reference in &closed {
        let c = store.case(reference).unwrap();
        let on = c.closed_on.expect("a closed case has a closing date");
        assert!(on >= c.opened_on, "{reference} closed {on} before it opened {}", c.opened_on);
        assert!(on <= today, "{reference} closed {on}, after today");
        each_date(&c.facts, |field, _, d| assert!(d < on, "{reference}: {field} {d} is not before its closing {on}"));
        let reason = c.closing_reason.clone().expect("a closing reason");
        if c.facts.declined_on.is_some() && c.facts.withdrew_on.is_none() {
            assert!(reason.contains("declined"), "{reference}: {reason}");
        }
        reasons.insert(reason);
        // The history says when it was closed.
        let last = store.history(reference).unwrap().pop().unwrap();
        assert_eq!(last.action, "closed");
        assert!(last.changes.to_string().contains(&format!("\"{on}\"")), "{}", last.changes);
    }
    assert!(reasons.len() >= 4, "reasons fit each case's route: {reasons:?}");

    // The same seed closes the same cases on the same dates.
    let again: Vec<_> = generator::cases(5, 400, today).into_iter().map(|g| g.closed).collect();
    assert_eq!(again, items.iter().map(|(_, c)| c.clone()).collect::<Vec<_>>());
}

/// The filters of the before/after comparison: all years, two financial
/// years (the generator's cases are mostly older ones), one local
/// authority, and a month.
fn comparison_filters() -> Vec<KpiFilter> {
    let f = |from: &str, to: &str, la: Option<&str>| KpiFilter {
        from: date(from),
        to: date(to),
        local_authority: la.map(String::from),
    };
    vec![
        f("2016-01-01", "2026-04-07", None),
        f("2019-04-01", "2020-03-31", None),
        f("2019-04-01", "2020-03-31", Some("Bolton Council")),
        f("2018-01-01", "2018-01-31", None),
        f("2025-04-01", "2026-03-31", None),
    ]
}

fn seeded(cases: usize) -> (TestDb, Store) {
    let db = TestDb::new();
    let mut store = db.open();
    let items: Vec<_> = desk::generator::cases(42, cases, date("2026-04-07"))
        .into_iter()
        .map(|g| desk::generator::generated_input(g, true))
        .collect();
    store.load(&items, "Seeder", date("2026-04-07")).unwrap();
    (db, store)
}

/// Before and after making the report faster: the report over 2,000
/// generated cases (seed 42) for each comparison filter, exactly as the
/// first implementation (every case loaded with its timeline, then each
/// figure counted over all of them) gave it. tests/data/kpi_seed42.json
/// was written by that implementation. If the engine's answers or the
/// generator change on purpose, rewrite it with KPI_GOLDEN_WRITE=1 and
/// check the difference.
#[test]
fn the_report_over_generated_cases_is_as_the_first_implementation_gave_it() {
    let (_db, store) = seeded(2_000);
    let reports: Vec<_> = comparison_filters().iter().map(|f| kpi::kpi_report(&store, f, date("2026-04-07")).unwrap()).collect();
    let json = serde_json::to_string_pretty(&reports).unwrap() + "\n";
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/kpi_seed42.json");
    if std::env::var_os("KPI_GOLDEN_WRITE").is_some() {
        std::fs::write(path, &json).unwrap();
    }
    let expected = std::fs::read_to_string(path).unwrap();
    assert!(reports[0].cases_closed > 0 && reports[1].certificates_issued > 0 && reports[1].mediations_held > 0);
    assert_eq!(json, expected, "the report differs from the one in {path}");
}

/// The report reads only what it counts, a case at a time on every core:
/// the same figures as counting every case loaded with its timeline.
#[test]
fn the_report_counts_the_same_as_over_every_case_loaded_with_its_timeline() {
    use desk::exports::{load_cases, CaseFilter};
    let (_db, store) = seeded(2_000);
    for f in comparison_filters() {
        let loaded = CaseFilter { to: Some(f.to), local_authority: f.local_authority.clone(), ..CaseFilter::default() };
        let rows = load_cases(&store, &loaded, date("2026-04-07")).unwrap();
        assert_eq!(kpi::kpi_report(&store, &f, date("2026-04-07")).unwrap(), kpi::kpi_from_rows(&rows, &f), "{f:?}");
    }
}
