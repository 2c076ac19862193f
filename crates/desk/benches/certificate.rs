//! Render time per certificate (target: under 20 ms) and PDF size (target:
//! under 100 KB, printed once per kind).
//!
//!     CARGO_TARGET_DIR=/work/target-pdf cargo bench --bench certificate

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use desk::certificates::{render_certificate, render_exemption_letter, samples};
use desk::facts::CertificateKind;

fn certificate(c: &mut Criterion) {
    let kinds = [
        ("declined", CertificateKind::Declined),
        ("withdrawn", CertificateKind::Withdrawn),
        ("deemed", CertificateKind::Deemed),
        ("after_mediation", CertificateKind::AfterMediation),
    ];
    for (name, kind) in kinds {
        let content = samples::certificate(kind);
        let bytes = render_certificate(&content).expect("renders");
        println!("certificate/{name}: PDF size {} bytes ({:.1} KB)", bytes.len(), bytes.len() as f64 / 1024.0);
        c.bench_function(&format!("certificate/{name}"), |b| {
            b.iter(|| render_certificate(black_box(&content)).expect("renders"))
        });
    }
    let letter = samples::exemption_letter();
    let bytes = render_exemption_letter(&letter).expect("renders");
    println!("exemption_letter: PDF size {} bytes ({:.1} KB)", bytes.len(), bytes.len() as f64 / 1024.0);
    c.bench_function("exemption_letter", |b| b.iter(|| render_exemption_letter(black_box(&letter)).expect("renders")));
}

criterion_group!(benches, certificate);
criterion_main!(benches);
