//! Search as you type: names in any script with or without accents,
//! references, the LA and notes; nothing typed can break the query.

mod common;

use common::*;
use desk::store::{fts_query, Closing, ListFilter};

fn refs(found: Vec<desk::store::CaseSummary>) -> Vec<String> {
    let mut r: Vec<String> = found.into_iter().map(|c| c.reference).collect();
    r.sort();
    r
}

#[test]
fn sian_finds_sian_with_a_circumflex_and_other_folds() {
    let db = TestDb::new();
    let mut store = db.open();
    let sian = store.add_case(&case("Siân Roberts"), "Ann", today()).unwrap();
    let zoe = store.add_case(&case("Zoë Müller"), "Ann", today()).unwrap();
    let sean = store.add_case(&case("Seán Ó Súilleabháin"), "Ann", today()).unwrap();
    assert_eq!(refs(store.search("Sian", 10).unwrap()), vec![sian.clone()]);
    assert_eq!(refs(store.search("siân", 10).unwrap()), vec![sian.clone()]);
    assert_eq!(refs(store.search("SIAN ROB", 10).unwrap()), vec![sian.clone()]);
    assert_eq!(refs(store.search("zoe muller", 10).unwrap()), vec![zoe]);
    assert_eq!(refs(store.search("suilleab", 10).unwrap()), vec![sean]);
    // Typing letter by letter: the last word is a prefix.
    for typed in ["S", "Si", "Sia", "Siân R", "Sian Ro"] {
        assert!(refs(store.search(typed, 10).unwrap()).contains(&sian), "{typed}");
    }
}

#[test]
fn references_las_notes_and_callers_are_searched() {
    let db = TestDb::new();
    let mut store = db.open();
    let mut a = case("Oliver Patel");
    a.local_authority = "Trafford Council".into();
    a.note = Some("Family asked for a Polish interpreter.".into());
    let a = store.add_case(&a, "Ann", today()).unwrap();
    let b = store.add_case(&case("Aisha Khan"), "Ann", today()).unwrap();
    assert_eq!(refs(store.search(&a, 10).unwrap()), vec![a.clone()]);
    assert_eq!(refs(store.search("MD-2026-000", 10).unwrap()), vec![a.clone(), b.clone()]);
    assert_eq!(refs(store.search("traff", 10).unwrap()), vec![a.clone()]);
    assert_eq!(refs(store.search("polish", 10).unwrap()), vec![a.clone()]);
    assert_eq!(refs(store.search("rhian", 10).unwrap()), vec![a.clone(), b.clone()]);
    // A later note is found too.
    store.add_note(&b, "Spoke to the SENCo at Ysgol Gymraeg.", "Ann").unwrap();
    assert_eq!(refs(store.search("ysgol", 10).unwrap()), vec![b.clone()]);
    // So is a changed name, and the old one no longer.
    let mut renamed = case("Aisha Begum");
    renamed.note = None;
    store.update_case(&b, &renamed, "Ann", today()).unwrap();
    assert_eq!(refs(store.search("begum", 10).unwrap()), vec![b.clone()]);
    assert!(store.search("khan", 10).unwrap().is_empty());
    // Search with the open filter.
    store.close_case(&a, "done", "Ann", today()).unwrap();
    let open = store.list_cases(&ListFilter { open_only: true, search: Some("rhian".into()), ..Default::default() }).unwrap();
    assert_eq!(refs(open), vec![b]);
}

#[test]
fn nothing_typed_raises_a_syntax_error() {
    let db = TestDb::new();
    let mut store = db.open();
    store.add_case(&case("Chloé O'Brien-Smith"), "Ann", today()).unwrap();
    let garbage = [
        "\"",
        "\"\"",
        "AND (",
        "*",
        "NEAR(",
        "NEAR(a b",
        "OR",
        "NOT",
        "a OR",
        "(",
        ")",
        "^",
        ":",
        "-",
        "a:b",
        "col:",
        "{a b}",
        "\"unterminated",
        "a\"b",
        "a AND",
        "* * *",
        "'",
        "O'Brien",
        "O'",
        "--",
        ";DROP TABLE cases;",
        "\\",
        "a + b",
        "NEAR(\"a\" \"b\", 2)",
        "\u{0}",
        "\u{301}",
        "💥",
        "ñ*",
        "\"*\"",
        "reference:MD",
        "names:Chlo",
        "   ",
        "",
        "^chlo",
        "chlo*",
        "a*b",
        "+",
    ];
    for typed in garbage {
        let found = store.search(typed, 10);
        assert!(found.is_ok(), "{typed:?}: {:?}", found.err());
    }
    assert_eq!(store.search("O'Brien", 10).unwrap().len(), 1);
    assert_eq!(store.search("chloe o'bri", 10).unwrap().len(), 1);
    assert_eq!(store.search("(chlo", 10).unwrap().len(), 1);
    assert_eq!(fts_query("NEAR( x"), Some("\"NEAR(\" \"x\"*".into()));
    assert_eq!(fts_query("\"*"), None);
}

#[test]
fn random_text_never_errors() {
    use proptest::prelude::*;
    let db = TestDb::new();
    let mut store = db.open();
    store.add_case(&case("Łukasz Nowak"), "Ann", today()).unwrap();
    let mut runner = proptest::test_runner::TestRunner::default();
    runner
        .run(&"\\PC{0,30}", |typed| {
            prop_assert!(store.search(&typed, 5).is_ok(), "{:?}", typed);
            Ok(())
        })
        .unwrap();
    runner
        .run(&"[\"*()^:+\\-a-zA-Z ]{0,20}", |typed| {
            prop_assert!(store.search(&typed, 5).is_ok(), "{:?}", typed);
            Ok(())
        })
        .unwrap();
}

#[test]
fn results_come_in_case_list_order_however_many_match() {
    let db = TestDb::new();
    let mut store = db.open();
    // 2,500 cases, all with the caller Rhian Jones (more than the store
    // sorts directly), some closed.
    let items: Vec<_> = desk::generator::cases(11, 2_500, today())
        .into_iter()
        .enumerate()
        .map(|(i, g)| {
            let mut c = case(&g.child_name);
            c.opened_on = None;
            c.facts = g.facts;
            c.disagreement = g.disagreement;
            (c, (i % 3 == 0).then(|| Closing { on: today(), reason: "Finished".into() }))
        })
        .collect();
    store.load(&items, "Ann", today()).unwrap();
    for open_only in [false, true] {
        let listed = store.list_cases(&ListFilter { open_only, limit: Some(60), ..Default::default() }).unwrap();
        let found = store
            .list_cases(&ListFilter { open_only, search: Some("rhian jon".into()), limit: Some(60), ..Default::default() })
            .unwrap();
        assert_eq!(found, listed, "open_only {open_only}");
        assert_eq!(found.len(), 60);
    }
    // Open cases first, soonest next due first; closed ones last.
    let all = store.list_cases(&ListFilter { limit: Some(3_000), ..Default::default() }).unwrap();
    let first_closed = all.iter().position(|c| c.status == "closed").unwrap();
    assert!(all[first_closed..].iter().all(|c| c.status == "closed"));
    let open_due: Vec<_> = all[..first_closed].iter().filter_map(|c| c.next_due).collect();
    assert!(open_due.windows(2).all(|w| w[0] <= w[1]));
    // A rarer term (fewer matches than the threshold) is in the same order.
    let siân = store.search("siân", 3_000).unwrap();
    let expected: Vec<_> = all.iter().filter(|c| c.child.starts_with("Siân")).cloned().collect();
    assert_eq!(siân, expected);
}
