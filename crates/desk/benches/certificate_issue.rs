//! Issuing a certificate end to end (validate, number, render, hash, store
//! the PDF, update the case's facts and clocks, history) on a database of
//! 5,000 generated cases, each issue in its own transaction, as the CLI
//! and the desktop app do it. Prints the median, p95 and max of 200
//! issues, and printing one again. Run: `cargo bench --bench certificate_issue`.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use desk::certificates::CertificateWorkflow;
use desk::facts::{CaseFacts, CertificateKind, Decision, DecisionKind};
use desk::generator;
use desk::store::{CaseInput, Closing, IssueOptions, PersonInput, ServiceSettings, StaffMember, StaffRole, Store};

const BACKGROUND: usize = 5_000;
const ISSUES: usize = 200;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("a date")
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1e3
}

fn main() {
    let dir = tempfile::tempdir().expect("a folder");
    let today = d(2026, 4, 7);
    let mut store = Store::open(dir.path().join("bench.sqlite3"), &bench_key(), today).expect("opens");
    let items: Vec<(CaseInput, Option<Closing>)> =
        generator::cases(42, BACKGROUND, today).into_iter().map(|g| desk::generator::generated_input(g, true)).collect();
    store.load(&items, "Bench", today).expect("loads");
    store
        .set_service_settings(
            &ServiceSettings {
                service_name: "Greater Manchester SEND Mediation".into(),
                address: "Unit 4, Canal Wharf\nManchester M1 4AB".into(),
                phone: "0161 496 0000".into(),
                email: "mediation@gm.example.org.uk".into(),
                certificate_prefix: "GM".into(),
            },
            "Bench",
        )
        .expect("settings");
    store
        .save_staff(
            &StaffMember { name: "Łukasz Nowak".into(), role: StaffRole::Adviser, registration: Some("CMC-123456".into()) },
            "Bench",
        )
        .expect("staff");
    let mut refs = Vec::new();
    for i in 0..ISSUES {
        let input = CaseInput {
            reference: Some(format!("MD-2099-{:04}", i + 1)),
            legacy_reference: None,
            opened_on: Some(d(2026, 3, 10)),
            caller: Some(PersonInput { name: "Siân Gwenllïan Davies".into(), role: None, date_of_birth: None }),
            appellant: None,
            child: Some(PersonInput { name: format!("Zoë Davies {i}"), role: None, date_of_birth: Some(d(2015, 6, 1)) }),
            representatives: Vec::new(),
            local_authority: "Manchester City Council".into(),
            icb: None,
            note: None,
            facts: CaseFacts {
                decision: Decision {
                    kind: Some(DecisionKind::RefuseToAssess),
                    letter_dated: Some(d(2026, 3, 2)),
                    sent_on: Some(d(2026, 3, 3)),
                    ..Decision::default()
                },
                first_contact_on: Some(d(2026, 3, 10)),
                declined_on: Some(d(2026, 3, 12)),
                ..CaseFacts::default()
            },
            disagreement: None,
        };
        refs.push(store.add_case(&input, "Bench", today).expect("adds"));
    }
    let mut times = Vec::with_capacity(ISSUES);
    let mut bytes = 0;
    let mut last = String::new();
    for reference in &refs {
        let started = Instant::now();
        let record = store
            .issue_certificate(reference, CertificateKind::Declined, d(2026, 3, 13), &IssueOptions::default(), "Bench", today)
            .expect("issues");
        times.push(started.elapsed());
        bytes += record.pdf.len();
        last = record.number;
    }
    times.sort();
    let started = Instant::now();
    let again = store.certificate_pdf(&last).expect("prints");
    let show = started.elapsed();
    println!(
        "issue a certificate on {} cases: median {:.1} ms, p95 {:.1} ms, max {:.1} ms over {ISSUES} issues; PDF {:.1} KB; print again (read + SHA-256 check) {:.2} ms; last number {last} ({} bytes)",
        store.count_cases(false).expect("count"),
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        percentile(&times, 1.0),
        bytes as f64 / ISSUES as f64 / 1024.0,
        show.as_secs_f64() * 1e3,
        again.len()
    );
}

/// The benchmarks' databases are encrypted like every other, under a fixed key
/// (as if unlocked: the cost of unlocking is not what is measured here).
fn bench_key() -> desk::store::DatabaseKey {
    desk::store::DatabaseKey::from_bytes([0x42; 32])
}
