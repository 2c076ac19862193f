//! The case store over the seeded 50,000-case generator: bulk load, the
//! Today view (materialised and computed on read), a search keystroke,
//! opening a case with its timeline and history, and size per 1,000 cases.
//! Run: `cargo bench --bench store`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use desk::case_view::CaseViews;
use desk::generator;
use desk::store::{CaseInput, Closing, ListFilter, Store};

const CASES: usize = 50_000;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 4, 7).expect("a date")
}

/// The generator's cases; with `open_newest`, exactly the newest N are
/// open (by decision date) instead of the generator's own mix (the others
/// closed on their generated date, or today if the generator left them open).
fn inputs(open_newest: Option<usize>) -> Vec<(CaseInput, Option<Closing>)> {
    let cases = generator::cases(42, CASES, today());
    let decided =
        |g: &generator::GeneratedCase| g.facts.decision.sent_on.or(g.facts.decision.letter_dated).expect("a decision date");
    let threshold = open_newest.map(|n| {
        let mut dates: Vec<NaiveDate> = cases.iter().map(decided).collect();
        dates.sort_unstable_by(|a, b| b.cmp(a));
        dates[n.min(dates.len()) - 1]
    });
    cases
        .into_iter()
        .map(|g| {
            let closed = match threshold {
                Some(t) => decided(&g) < t,
                None => g.closed.is_some(),
            };
            let (input, closing) = desk::generator::generated_input(g, true);
            let finished = || Closing { on: today(), reason: "Finished (loaded as closed)".into() };
            (input, closed.then(|| closing.unwrap_or_else(finished)))
        })
        .collect()
}

struct Loaded {
    _dir: tempfile::TempDir,
    store: Store,
}

fn load(open_newest: Option<usize>) -> Loaded {
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("bench.sqlite3");
    let items = inputs(open_newest);
    let mut store = Store::open(&path, &bench_key(), today()).expect("opens");
    let started = Instant::now();
    store.load(&items, "Bench", today()).expect("loads");
    let took = started.elapsed();
    desk::store::encryption::open_read_write(&path, &bench_key())
        .expect("the file opens")
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .expect("checkpoint");
    let bytes = std::fs::metadata(&path).expect("a file").len();
    let open = store.count_cases(true).expect("count");
    println!(
        "bulk load ({}): {CASES} cases ({open} open) in {:.1} s = {:.0} µs a case; file {:.1} MB = {:.2} MB per 1,000 cases",
        match open_newest {
            Some(n) => format!("newest {n} open"),
            None => "generator's mix".into(),
        },
        took.as_secs_f64(),
        took.as_secs_f64() * 1e6 / CASES as f64,
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / (CASES as f64 / 1000.0)
    );
    let conn = desk::store::encryption::open_read_write(&path, &bench_key()).expect("the file opens");
    if let Ok(mut stmt) = conn.prepare("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 8") {
        let rows: Vec<(String, i64)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).and_then(|rows| rows.collect()).unwrap_or_default();
        for (name, size) in rows {
            println!("    {name}: {:.1} MB", size as f64 / 1e6);
        }
    }
    drop(store);
    // Reopen, as the app does (quick_check included).
    let started = Instant::now();
    let store = Store::open(&path, &bench_key(), today()).expect("reopens");
    println!("open with quick_check: {:.0} ms", started.elapsed().as_secs_f64() * 1e3);
    Loaded { _dir: dir, store }
}

fn benches(c: &mut Criterion) {
    let mix = load(None);
    let store = &mix.store;
    let n = store.today(today(), 30).expect("today").len();
    println!("Today (30 days) lists {n} clocks");
    let mut group = c.benchmark_group("store_mix");
    group.bench_function("today_materialised_30_days", |b| b.iter(|| black_box(store.today(today(), 30).expect("today"))));
    group.bench_function("today_computed_on_read_30_days", |b| {
        b.iter(|| black_box(store.today_computed(today(), 30).expect("today")))
    });
    for typed in ["s", "sia", "siân kow", "MD-2024-01", "manch", "zzz"] {
        group.bench_function(format!("search_keystroke {typed:?}"), |b| {
            b.iter(|| black_box(store.search(typed, 50).expect("search")))
        });
    }
    group.bench_function("case_list_open_sorted_by_next_due", |b| {
        b.iter(|| black_box(store.list_cases(&ListFilter { open_only: true, ..ListFilter::default() }).expect("list")))
    });
    let refs: Vec<String> = store
        .list_cases(&ListFilter { limit: Some(500), ..ListFilter::default() })
        .expect("list")
        .into_iter()
        .map(|c| c.reference)
        .collect();
    let mut i = 0;
    group.bench_function("open_case_with_timeline_and_history", |b| {
        b.iter(|| {
            i = (i + 1) % refs.len();
            black_box(store.case_view(&refs[i], today()).expect("case"))
        })
    });
    group.finish();
    drop(mix);

    // A large service: the newest 3,000 cases (about a year) still open.
    let busy = load(Some(3_000));
    let store = &busy.store;
    let n = store.today(today(), 30).expect("today").len();
    println!("Today (30 days, 3,000 open) lists {n} clocks");
    let mut group = c.benchmark_group("store_3000_open");
    group.bench_function("today_materialised_30_days", |b| b.iter(|| black_box(store.today(today(), 30).expect("today"))));
    group.bench_function("today_computed_on_read_30_days", |b| {
        b.iter(|| black_box(store.today_computed(today(), 30).expect("today")))
    });
    group.bench_function("today_materialised_7_days", |b| b.iter(|| black_box(store.today(today(), 7).expect("today"))));
    group.bench_function("case_list_open_sorted_by_next_due", |b| {
        b.iter(|| black_box(store.list_cases(&ListFilter { open_only: true, ..ListFilter::default() }).expect("list")))
    });
    for typed in ["s", "sia"] {
        group.bench_function(format!("search_keystroke {typed:?}"), |b| {
            b.iter(|| black_box(store.search(typed, 50).expect("search")))
        });
    }
    group.finish();
}

criterion_group! {
    name = store;
    config = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    targets = benches
}
criterion_main!(store);

/// The benchmarks' databases are encrypted like every other, under a fixed key
/// (as if unlocked: the cost of unlocking is not what is measured here).
fn bench_key() -> desk::store::DatabaseKey {
    desk::store::DatabaseKey::from_bytes([0x42; 32])
}
