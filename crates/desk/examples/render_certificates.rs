//! Writes one PDF of each kind of certificate and the exemption letter
//! into the directory given (default `target/certificate-previews`).
//! `scripts/render-certificates.sh` turns them into PNGs.

use desk::certificates::{render_certificate, render_exemption_letter, samples};
use desk::facts::CertificateKind;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "target/certificate-previews".to_string());
    std::fs::create_dir_all(&dir)?;
    let kinds = [
        (CertificateKind::Declined, "declined"),
        (CertificateKind::Withdrawn, "withdrawn"),
        (CertificateKind::Deemed, "deemed"),
        (CertificateKind::AfterMediation, "after-mediation"),
    ];
    for (kind, name) in kinds {
        let mut content = samples::certificate(kind);
        if kind == CertificateKind::Withdrawn {
            content.replaces = Some("RSM-2026-0010".into());
        }
        let bytes = render_certificate(&content)?;
        let path = format!("{dir}/{name}.pdf");
        std::fs::write(&path, &bytes)?;
        println!("{path} ({} bytes)", bytes.len());
    }
    // The worst case for wrapping: a 200-character name and a
    // 200-character run with no spaces.
    let mut content = samples::certificate(CertificateKind::AfterMediation);
    content.parent_name = "Gwenllïan Siân Zoë Łukasz Nguyễn O'Brien-Smith Ó Súilleabháin "
        .repeat(4)
        .chars()
        .take(200)
        .collect::<String>()
        .trim()
        .to_string();
    content.child_name = "Gwenllïan".repeat(23).chars().take(200).collect();
    content.replaces = Some("RSM-2026-0018".into());
    let bytes = render_certificate(&content)?;
    let path = format!("{dir}/long-names.pdf");
    std::fs::write(&path, &bytes)?;
    println!("{path} ({} bytes)", bytes.len());

    let bytes = render_exemption_letter(&samples::exemption_letter())?;
    let path = format!("{dir}/exemption-letter.pdf");
    std::fs::write(&path, &bytes)?;
    println!("{path} ({} bytes)", bytes.len());

    // A representative rang: the appellant, with them acting for the appellant.
    let mut content = samples::certificate(CertificateKind::AfterMediation);
    content.acting = Some("Roberto Advocatus".into());
    let bytes = render_certificate(&content)?;
    let path = format!("{dir}/after-mediation-representative.pdf");
    std::fs::write(&path, &bytes)?;
    println!("{path} ({} bytes)", bytes.len());
    let mut letter = samples::exemption_letter();
    letter.acting = Some("Roberto Advocatus".into());
    let bytes = render_exemption_letter(&letter)?;
    let path = format!("{dir}/exemption-letter-representative.pdf");
    std::fs::write(&path, &bytes)?;
    println!("{path} ({} bytes)", bytes.len());
    Ok(())
}
