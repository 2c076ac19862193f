//! Benchmarks of the clock engine over the seeded 50,000-case generator:
//! the full timeline of every case, working-day addition, the appeal
//! deadline. Run with `cargo bench --workspace --bench clocks`.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use desk::calendar::Calendar;
use desk::rules::{self, appeal, choices::CountingChoices};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn engine(c: &mut Criterion) {
    let cal = Calendar::built_in();
    let choices = CountingChoices::default();
    let cases = desk::generator::cases(42, 50_000, today());
    let clocks: usize = cases.iter().map(|g| rules::timeline(&g.facts, &cal, &choices, today()).clocks.len()).sum();
    println!("50,000 generated cases carry {clocks} clocks");

    let mut group = c.benchmark_group("timeline");
    group.sample_size(20);
    group.bench_function("all 50,000 cases", |b| {
        b.iter(|| {
            let mut pending = 0usize;
            for g in &cases {
                let t = rules::timeline(black_box(&g.facts), &cal, &choices, today());
                pending += t.clocks.iter().filter(|c| c.status.is_pending()).count();
            }
            black_box(pending)
        })
    });
    group.finish();

    let from = NaiveDate::from_ymd_opt(2025, 12, 19).unwrap();
    c.bench_function("add 3 working days (with working)", |b| b.iter(|| cal.add_working_days(black_box(from), black_box(3))));
    c.bench_function("add 3 working days (date only)", |b| b.iter(|| cal.working_days_after(black_box(from), black_box(3))));
    let sent = NaiveDate::from_ymd_opt(2025, 10, 1).unwrap();
    let cert = NaiveDate::from_ymd_opt(2025, 11, 29).unwrap();
    c.bench_function("appeal deadline (Christmas)", |b| {
        b.iter(|| appeal::deadline(&cal, Default::default(), black_box(sent), black_box(Some(cert))))
    });
}

criterion_group!(benches, engine);
criterion_main!(benches);
