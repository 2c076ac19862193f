//! The case log's bytes over generated cases (seed 42), with a few cases
//! made awkward on purpose (a formula, quotes, commas, line breaks, Welsh
//! letters, an ICB, more certificates than any other case), for several
//! filters, exactly as the first implementation (every case loaded with
//! its timeline by `exports::load_cases`, then `csv_log::write`) wrote
//! them. tests/data/case_log_seed42.txt holds each export's length and
//! SHA-256, written by that implementation; the log is now written
//! straight from the store (`csv_log::export`, a case at a time on every
//! core), and must still give those bytes. If the engine's answers, the
//! generator or the log's columns change on purpose, rewrite it with
//! CASE_LOG_GOLDEN_WRITE=1 and check the difference.

mod common;

use common::{date, today, TestDb};
use desk::exports::request::{export_bytes, ExportFormat, ExportRequest};
use desk::exports::{self, csv_log, pseudonymised::Pseudonymiser, CaseFilter};
use desk::facts::{CertificateKind, IssuedCertificate};
use desk::store::{PersonInput, Store};
use sha2::{Digest, Sha256};

const CASES: usize = 3_000;

fn seeded() -> (TestDb, Store) {
    let db = TestDb::new();
    let mut store = db.open();
    let mut items: Vec<_> =
        desk::generator::cases(42, CASES, today()).into_iter().map(|g| desk::generator::generated_input(g, true)).collect();
    let person = |name: &str| Some(PersonInput { name: name.into(), role: None, date_of_birth: None });
    items[3].0.child.as_mut().unwrap().name = "=HYPERLINK(\"http://x\",\"y\")".into();
    items[4].0.caller = person("+44 Smith, \"Bob\"");
    items[5].0.child.as_mut().unwrap().name = "Siân Gwenllïan Jones".into();
    items[6].0.caller = person("O'Brien \"Ted\", Jr");
    items[7].0.icb = Some("NHS Greater Manchester, ICB".into());
    items[8].0.caller = person("@mention -minus");
    if let Some(closing) = items.iter_mut().find_map(|(_, c)| c.as_mut()) {
        closing.reason = "-Withdrawn, \"family moved\"\r\nsee note\tand\rthis\n".into();
    }
    // More certificates than any generated case: a column group more for every row.
    // Deemed certificates rest on the arranging body's notice, recorded on or before them.
    let facts = &mut items[9].0.facts;
    facts.cannot_arrange_notice_on = Some(date("2025-01-06"));
    for (i, day) in ["2025-01-06", "2025-02-03", "2025-03-03", "2025-04-07", "2025-05-05"].iter().enumerate() {
        facts.certificates.push(IssuedCertificate {
            kind: CertificateKind::Deemed,
            issued_on: date(day),
            number: Some(format!("MDC-=X{i}, \"n\"")),
            voided: i % 2 == 1,
        });
    }
    store.load(&items, "Seeder", today()).unwrap();
    (db, store)
}

fn filters() -> Vec<(&'static str, CaseFilter)> {
    let f = |from: Option<&str>, to: Option<&str>, la: Option<&str>| CaseFilter {
        from: from.map(date),
        to: to.map(date),
        local_authority: la.map(String::from),
        ..CaseFilter::default()
    };
    vec![
        ("all", f(None, None, None)),
        ("fy2019", f(Some("2019-04-01"), Some("2020-03-31"), None)),
        ("bolton", f(None, None, Some("Bolton Council"))),
        ("fy2017_bolton", f(Some("2017-04-01"), Some("2018-03-31"), Some("Bolton Council"))),
        ("fy2025_manchester", f(Some("2025-04-01"), Some("2026-03-31"), Some("Manchester City Council"))),
        ("from_2023", f(Some("2023-01-01"), None, None)),
        ("to_2018", f(None, Some("2018-06-30"), None)),
        ("none", f(None, Some("2000-01-01"), None)),
    ]
}

/// The key for the pseudonymised logs (a fixed one, so they can be compared).
const KEY: [u8; 32] = [7; 32];

/// Each export's name and bytes: the case log for every filter (as the CLI
/// and the app write it), and the pseudonymised log for two.
fn exports(store: &Store) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for (name, filter) in filters() {
        let request = ExportRequest {
            format: ExportFormat::Csv,
            from: filter.from,
            to: filter.to,
            local_authority: filter.local_authority.clone(),
            reference: None,
            with_names: false,
        };
        out.push((format!("csv_{name}"), export_bytes(store, &request, today()).unwrap()));
    }
    for (name, filter) in filters().into_iter().filter(|(n, _)| ["all", "fy2017_bolton"].contains(n)) {
        let bytes = csv_log::export(store, &filter, today(), Some(&Pseudonymiser::with_key(KEY))).unwrap();
        out.push((format!("pseudonymised_{name}"), bytes));
    }
    out
}

fn summary(exports: &[(String, Vec<u8>)]) -> String {
    exports
        .iter()
        .map(|(name, bytes)| {
            let digest: String = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
            format!("{name} {} {digest}\n", bytes.len())
        })
        .collect()
}

#[test]
fn the_case_log_is_byte_for_byte_as_the_first_implementation_wrote_it() {
    let (_db, store) = seeded();
    let exports = exports(&store);
    let text = summary(&exports);
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/case_log_seed42.txt");
    if std::env::var_os("CASE_LOG_GOLDEN_WRITE").is_some() {
        std::fs::write(path, &text).unwrap();
    }
    // The awkward cells are in the log, quoted or defused.
    let all = String::from_utf8(exports[0].1.clone()).unwrap();
    for cell in [
        "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"",
        "\"'+44 Smith, \"\"Bob\"\"\"",
        "Siân Gwenllïan Jones",
        "\"O'Brien \"\"Ted\"\", Jr\"",
        "\"NHS Greater Manchester, ICB\"",
        "'@mention -minus",
        "\"'-Withdrawn, \"\"family moved\"\"\r\nsee note\tand\rthis\n\"",
        "Certificate 5 on time or late",
        "\"MDC-=X4, \"\"n\"\"\"",
    ] {
        assert!(all.contains(cell), "{cell:?} is not in the log");
    }
    assert!(exports.iter().all(|(_, b)| b.len() > 1_000), "every export has its header");
    assert_eq!(text, std::fs::read_to_string(path).unwrap(), "the case log differs from the one in {path}");
}

/// Written straight from the store, or by `write` over every case loaded
/// with its timeline: the same bytes, named or pseudonymised.
#[test]
fn the_log_from_the_store_is_the_log_of_the_loaded_cases() {
    let (_db, store) = seeded();
    let mut filters = filters();
    filters.push(("one_case", CaseFilter { reference: Some("MD-2016-00006".into()), ..CaseFilter::default() }));
    filters.push(("open", CaseFilter { open_only: true, ..CaseFilter::default() }));
    let p = Pseudonymiser::with_key(KEY);
    for (name, filter) in filters {
        let rows = exports::load_cases(&store, &filter, today()).unwrap();
        for pseudonymiser in [None, Some(&p)] {
            let mut loaded = Vec::new();
            csv_log::write(&mut loaded, &rows, pseudonymiser).unwrap();
            let streamed = csv_log::export(&store, &filter, today(), pseudonymiser).unwrap();
            assert!(streamed == loaded, "{name}, pseudonymised: {}", pseudonymiser.is_some());
            if name == "one_case" {
                assert_eq!(rows.len(), 1);
            }
        }
    }
}
