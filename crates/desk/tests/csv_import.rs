//! The spreadsheet import: mapping guesses, UK and ISO dates, the dry run,
//! and all-or-nothing (5,000 rows, row 3,201 bad: nothing imported, and the
//! message names the row, the header and the value). Data rows count from
//! 1; the header is row 0.

mod common;

use common::{today, TestDb};
use desk::imports::csv_cases;
use desk::imports::mapping::{Field, Mapping};
use desk::DeskError;

const HEADER: &str = "Case ref,Child name,Child DOB,Parent name,LA,Decision,Date sent,Issues,Date of first call,Notes\r\n";

fn row(i: usize, sent: &str) -> String {
    format!(
        "MD-2025-{i:04},Child {i},01/06/2015,Parent {i},Leeds City Council,Refuse to assess,{sent},,2025-03-10,\"Rang, left message\"\r\n"
    )
}

fn file(rows: usize, bad: Option<usize>) -> String {
    let mut text = String::from(HEADER);
    for i in 1..=rows {
        let sent = if Some(i) == bad { "31/02/2025" } else { "03/03/2025" };
        text.push_str(&row(i, sent));
    }
    text
}

#[test]
fn mapping_is_guessed_from_plain_header_names() {
    let headers: Vec<String> = HEADER.trim().split(',').map(String::from).collect();
    let m = Mapping::guess_from(&headers);
    let f = |h: &str| m.columns[h];
    assert_eq!(f("Case ref"), Field::Reference);
    assert_eq!(f("Child name"), Field::ChildName);
    assert_eq!(f("Child DOB"), Field::ChildDateOfBirth);
    assert_eq!(f("Parent name"), Field::CallerName);
    assert_eq!(f("LA"), Field::LocalAuthority);
    assert_eq!(f("Decision"), Field::DecisionKind);
    assert_eq!(f("Date sent"), Field::DecisionSentOn);
    assert_eq!(f("Issues"), Field::Issues);
    assert_eq!(f("Date of first call"), Field::FirstContactOn);
    assert_eq!(f("Notes"), Field::Note);
    // The saved file reads back the same.
    assert_eq!(Mapping::from_json(&m.to_json()).unwrap(), m);
}

#[test]
fn five_thousand_rows_with_row_3201_bad_import_nothing() {
    let db = TestDb::new();
    let mut store = db.open();
    let text = file(5000, Some(3201));
    let headers: Vec<String> = HEADER.trim().split(',').map(String::from).collect();
    let m = Mapping::guess_from(&headers);
    let err = csv_cases::import(&mut store, &text, &m, "Tester", today()).unwrap_err();
    assert_eq!(err, DeskError::Import("row 3,201: 'Date sent' 31/02/2025 is not a date".into()));
    assert_eq!(store.count_cases(false).unwrap(), 0, "nothing imported");

    // The dry run lists the same problem and writes nothing.
    let preview = csv_cases::preview(&text, &m, 5, today()).unwrap();
    assert_eq!(preview.total_rows, 5000);
    assert_eq!(preview.problems, vec!["row 3,201: 'Date sent' 31/02/2025 is not a date".to_string()]);
    assert_eq!(preview.rows.len(), 5);
    assert_eq!(preview.rows[0].row, 1, "the first data row is row 1 (the header is row 0)");
    assert!(preview.rows[0].cells.contains(&("Child name".to_string(), "Child 1".to_string())));
    assert_eq!(store.count_cases(false).unwrap(), 0);

    // Fixed, all 5,000 go in, in one go.
    let good = file(5000, None);
    let refs = csv_cases::import(&mut store, &good, &m, "Tester", today()).unwrap();
    assert_eq!(refs.len(), 5000);
    assert_eq!(store.count_cases(false).unwrap(), 5000);
    let c = store.case("MD-2025-3201").unwrap();
    assert_eq!(c.facts.decision.sent_on, Some(common::date("2025-03-03")), "UK date read as day/month");
    assert_eq!(c.facts.first_contact_on, Some(common::date("2025-03-10")), "ISO date");
    assert_eq!(c.child.date_of_birth, Some(common::date("2015-06-01")));
    assert_eq!(c.notes[0].text, "Rang, left message");
}

#[test]
fn the_first_data_row_is_row_1() {
    let db = TestDb::new();
    let mut store = db.open();
    let text = format!("{HEADER}{}", row(1, "2025-13-01"));
    let headers: Vec<String> = HEADER.trim().split(',').map(String::from).collect();
    let err = csv_cases::import(&mut store, &text, &Mapping::guess_from(&headers), "Tester", today()).unwrap_err();
    assert_eq!(err.to_string(), "row 1: 'Date sent' 2025-13-01 is not a date");
    // A required field left empty, and an unmapped required field.
    let text = format!("{HEADER}{}{}", row(1, "03/03/2025"), row(2, "03/03/2025").replace("Child 2", ""));
    let err = csv_cases::import(&mut store, &text, &Mapping::guess_from(&headers), "Tester", today()).unwrap_err();
    assert_eq!(err.to_string(), "row 2: 'Child name' is empty");
    let mut m = Mapping::guess_from(&headers);
    m.columns.insert("LA".into(), Field::Ignore);
    let err = csv_cases::import(&mut store, &text, &m, "Tester", today()).unwrap_err();
    assert_eq!(err.to_string(), "mapping: no column is mapped to local_authority (required)");
    assert_eq!(store.count_cases(false).unwrap(), 0);
}

#[test]
fn thousands_separator() {
    assert_eq!(csv_cases::thousands(1), "1");
    assert_eq!(csv_cases::thousands(999), "999");
    assert_eq!(csv_cases::thousands(3201), "3,201");
    assert_eq!(csv_cases::thousands(1234567), "1,234,567");
}

#[test]
fn the_dry_run_finds_what_the_import_would_refuse_so_a_clean_dry_run_imports() {
    let db = TestDb::new();
    let mut store = db.open();
    let headers: Vec<String> = HEADER.trim().split(',').map(String::from).collect();
    let m = Mapping::guess_from(&headers);
    // Row 2's first call (10 Mar) is before the letter was sent (17 Mar).
    let text = format!("{HEADER}{}{}", row(1, "03/03/2025"), row(2, "17/03/2025"));
    let preview = csv_cases::preview(&text, &m, 5, today()).unwrap();
    assert_eq!(preview.problems.len(), 1, "{:?}", preview.problems);
    let problem = &preview.problems[0];
    assert!(problem.starts_with("row 2: First contact with the adviser: "), "{problem}");
    assert_eq!(preview.rows[1].problems, preview.problems);
    // The import refuses it with the same words, and writes nothing.
    let err = csv_cases::import(&mut store, &text, &m, "Tester", today()).unwrap_err();
    assert_eq!(&err.to_string(), problem);
    assert_eq!(store.count_cases(false).unwrap(), 0);
}

#[test]
fn rows_without_a_reference_are_numbered_in_order_searchable_and_in_the_history() {
    let db = TestDb::new();
    let mut store = db.open();
    // Already given out: MD-2026-0001.
    store.add_case(&common::case("Siân Jones"), "Tester", today()).unwrap();
    let header = "Child name,Parent name,LA,Decision,Date sent,Date of first call,Notes\r\n";
    let headers: Vec<String> = header.trim().split(',').map(String::from).collect();
    let m = Mapping::guess_from(&headers);
    let rows = |bad: Option<usize>| {
        let mut text = String::from(header);
        for i in 1..=1_200 {
            let sent = if Some(i) == bad { "31/02/2026" } else { "03/03/2026" };
            text.push_str(&format!(
                "Pupil{i} Brown,Parent {i},Leeds City Council,Refuse to assess,{sent},2026-03-10,Row {i}\r\n"
            ));
        }
        text
    };
    // A bad last row: nothing written, no reference used up.
    let err = csv_cases::import(&mut store, &rows(Some(1_200)), &m, "Tester", today()).unwrap_err();
    assert_eq!(err.to_string(), "row 1,200: 'Date sent' 31/02/2026 is not a date");
    assert_eq!(store.count_cases(false).unwrap(), 1);

    let refs = csv_cases::import(&mut store, &rows(None), &m, "Tester", today()).unwrap();
    let expected: Vec<String> = (2..=1_201).map(|n| format!("MD-2026-{n:04}")).collect();
    assert_eq!(refs, expected, "numbered in row order after the highest given");
    for (row, reference) in [(1, "MD-2026-0002"), (600, "MD-2026-0601"), (1_200, "MD-2026-1201")] {
        // The last word typed is a prefix: "Pupil1" alone would find Pupil10 too.
        let found = store.search(&format!("Pupil{row} Brown"), 10).unwrap();
        assert_eq!(found.iter().map(|c| c.reference.as_str()).collect::<Vec<_>>(), vec![reference], "row {row}");
        assert_eq!(store.search(&format!("Parent {row}"), 2_000).unwrap().iter().filter(|c| c.reference == reference).count(), 1);
        let history = store.history(reference).unwrap();
        assert_eq!(history.len(), 1);
        assert_eq!((history[0].action.as_str(), history[0].who.as_str()), ("created", "Tester"));
        assert!(history[0].changes.to_string().contains(&format!("Pupil{row} Brown")), "{}", history[0].changes);
        assert!(history[0].changes.to_string().contains(&format!("Row {row}")), "the note: {}", history[0].changes);
    }
    assert_eq!(store.add_case(&common::case("Zoë"), "Tester", today()).unwrap(), "MD-2026-1202");
}

/// Past cases from another system keep their old reference beside the one
/// they are given (an `OLD-001` was refused: "not a case reference"); a
/// reference of this app's own form is kept as it is.
#[test]
fn old_references_are_kept_beside_new_ones() {
    let db = TestDb::new();
    let mut store = db.open();
    let header = "Case ref,Child name,LA,Decision,Date sent,Date of first call\r\n";
    let line = |reference: &str, child: &str| {
        format!("{reference},{child},Leeds City Council,Refuse to assess,03/03/2026,2026-03-10\r\n")
    };
    let text = format!(
        "{header}{}{}{}",
        line("OLD-001", "Amelia Brown"),
        line("MD-2026-0042", "Noah Smith"),
        line("2019/17 (Leeds)", "Isla Jones")
    );
    let headers: Vec<String> = header.trim().split(',').map(String::from).collect();
    let m = Mapping::guess_from(&headers);
    assert!(csv_cases::preview(&text, &m, 5, today()).unwrap().problems.is_empty());
    let refs = csv_cases::import(&mut store, &text, &m, "Tester", today()).unwrap();
    assert_eq!(refs, vec!["MD-2026-0001", "MD-2026-0042", "MD-2026-0043"]);
    let legacy = |r: &str| store.case(r).unwrap().legacy_reference;
    assert_eq!(legacy("MD-2026-0001").as_deref(), Some("OLD-001"));
    assert_eq!(legacy("MD-2026-0042"), None);
    assert_eq!(legacy("MD-2026-0043").as_deref(), Some("2019/17 (Leeds)"));
    assert_eq!(store.search("OLD-001", 10).unwrap()[0].reference, "MD-2026-0001");
    assert_eq!(store.search("2019/17", 10).unwrap()[0].reference, "MD-2026-0043");
}

/// A column of old references maps to legacy_reference by its header.
#[test]
fn an_old_reference_column_is_guessed_and_imported() {
    let headers: Vec<String> =
        ["Reference", "Old reference", "Previous case ref", "Legacy ref", "Household reference"].map(String::from).to_vec();
    let m = Mapping::guess_from(&headers);
    assert_eq!(m.columns["Reference"], Field::Reference);
    assert_eq!(m.columns["Household reference"], Field::Reference, "'old' inside a word is not 'old'");
    for h in ["Old reference", "Previous case ref", "Legacy ref"] {
        assert_eq!(m.columns[h], Field::LegacyReference, "{h}");
    }
    let db = TestDb::new();
    let mut store = db.open();
    let text = "Child name,LA,Date sent,Old reference\r\nAmelia Brown,Leeds City Council,03/03/2026,OLD-001\r\n";
    let headers: Vec<String> = text.lines().next().unwrap().split(',').map(String::from).collect();
    let refs = csv_cases::import(&mut store, text, &Mapping::guess_from(&headers), "Tester", today()).unwrap();
    assert_eq!(store.case(&refs[0]).unwrap().legacy_reference.as_deref(), Some("OLD-001"));
    // Two different old references for one row: a problem naming the row.
    let both = "Case ref,Child name,LA,Date sent,Old reference\r\nOLD-002,Noah,Leeds City Council,03/03/2026,OLD-003\r\n";
    let headers: Vec<String> = both.lines().next().unwrap().split(',').map(String::from).collect();
    let err = csv_cases::import(&mut store, both, &Mapping::guess_from(&headers), "Tester", today()).unwrap_err();
    assert_eq!(err.to_string(), "row 1: 'Old reference' OLD-003: the row already has the old reference OLD-002");
}
