//! Exports and reports over the seeded 50,000-case generator loaded into
//! the store: the case log as CSV (read, timelines, write), the
//! commissioner's report, and importing a 5,000-row spreadsheet into an
//! empty database. Targets: under 1 s, 500 ms and 2 s.
//! Run: `cargo bench --bench reports`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use desk::exports::{csv_log, CaseFilter};
use desk::generator;
use desk::imports::{csv_cases, mapping::Mapping};
use desk::reports::{kpi, KpiFilter};
use desk::store::{CaseInput, Closing, Store};

const CASES: usize = 50_000;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 4, 7).expect("a date")
}

fn loaded() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("a folder");
    let mut store = Store::open(dir.path().join("bench.sqlite3"), &bench_key(), today()).expect("opens");
    let items: Vec<(CaseInput, Option<Closing>)> =
        generator::cases(42, CASES, today()).into_iter().map(|g| desk::generator::generated_input(g, true)).collect();
    let started = Instant::now();
    store.load(&items, "Bench", today()).expect("loads");
    println!("loaded {CASES} cases in {:.1} s", started.elapsed().as_secs_f64());
    (dir, store)
}

fn spreadsheet(rows: usize) -> String {
    let mut text = String::from("Child name,Child DOB,Parent name,LA,Decision,Date sent,Date of first call\r\n");
    for i in 1..=rows {
        text.push_str(&format!("Child {i},01/06/2015,Parent {i},Leeds City Council,Refuse to assess,03/03/2026,2026-03-10\r\n"));
    }
    text
}

fn benches(c: &mut Criterion) {
    let (_dir, store) = loaded();
    let mut group = c.benchmark_group("reports_50000");
    group.sample_size(10).measurement_time(Duration::from_secs(10));
    group.bench_function("case_log_csv_all_cases", |b| {
        b.iter(|| black_box(csv_log::export(&store, &CaseFilter::default(), today(), None).expect("csv").len()))
    });
    let filter = KpiFilter { from: NaiveDate::from_ymd_opt(2016, 1, 1).expect("a date"), to: today(), local_authority: None };
    group.bench_function("kpi_report_all_years", |b| {
        b.iter(|| black_box(kpi::kpi_report(&store, &filter, today()).expect("kpi")))
    });
    let year = KpiFilter {
        from: NaiveDate::from_ymd_opt(2025, 4, 1).expect("a date"),
        to: NaiveDate::from_ymd_opt(2026, 3, 31).expect("a date"),
        local_authority: None,
    };
    group.bench_function("kpi_report_one_year", |b| b.iter(|| black_box(kpi::kpi_report(&store, &year, today()).expect("kpi"))));
    let text = spreadsheet(5_000);
    let headers: Vec<String> = text.lines().next().expect("a header").split(',').map(String::from).collect();
    let map = Mapping::guess_from(&headers);
    group.bench_function("csv_import_5000_rows_into_empty_db", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().expect("a folder");
                let store = Store::open(dir.path().join("import.sqlite3"), &bench_key(), today()).expect("opens");
                (dir, store)
            },
            |(dir, mut store)| {
                let refs = csv_cases::import(&mut store, &text, &map, "Bench", today()).expect("imports");
                black_box((dir, refs.len()))
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(reports, benches);
criterion_main!(reports);

/// The benchmarks' databases are encrypted like every other, under a fixed key
/// (as if unlocked: the cost of unlocking is not what is measured here).
fn bench_key() -> desk::store::DatabaseKey {
    desk::store::DatabaseKey::from_bytes([0x42; 32])
}
