//! A person's subject access export: everything about them across their
//! cases (data, certificates as issued, history) in one zip, other
//! people's data and what was said in mediation redacted, and nothing
//! about a case that does not name them.

mod common;

use std::io::Read;

use common::*;
use desk::certificates::CertificateWorkflow;
use desk::exports::subject_access;
use desk::facts::CertificateKind;
use desk::store::{IssueOptions, PersonInput, ServiceSettings, StaffMember, StaffRole};

fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip file");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            (file.name().to_string(), data)
        })
        .collect()
}

#[test]
fn the_export_holds_everything_about_one_person_and_nothing_about_another_case() {
    let db = TestDb::new();
    let mut store = db.open();
    store
        .set_service_settings(
            &ServiceSettings {
                service_name: "Greater Manchester SEND Mediation".into(),
                address: "Unit 4\nManchester".into(),
                phone: "0161 496 0000".into(),
                email: "m@example.org".into(),
                certificate_prefix: "GM".into(),
            },
            "Admin",
        )
        .unwrap();
    for (name, role) in [("Łukasz Nowak", StaffRole::Adviser), ("Siân Roberts", StaffRole::Mediator)] {
        store.save_staff(&StaffMember { name: name.into(), role, registration: Some("CMC-1".into()) }, "Admin").unwrap();
    }
    // Case A names the person who asks (the caller), the child, and the
    // other parent as a representative.
    let mut a = case("Zebedee Quartermaine-Oduya");
    a.caller = Some(person("Gwenllïan Quartermaine"));
    a.representatives = vec![PersonInput { name: "Ifeanyi Okafor".into(), role: None, date_of_birth: None }];
    a.note = Some("Gwenllïan rang; Ifeanyi Okafor disagrees. Siân Roberts to call back.".into());
    a.facts.declined_on = Some(date("2026-03-12"));
    let a_ref = store.add_case(&a, "Siân Roberts", today()).unwrap();
    let cert = store
        .issue_certificate(
            &a_ref,
            CertificateKind::Declined,
            date("2026-03-13"),
            &IssueOptions::default(),
            "Siân Roberts",
            today(),
        )
        .unwrap();
    // Case B names someone else entirely.
    let mut b = case("Noah Pemberton-Whyte");
    b.caller = Some(person("Rhian Pemberton"));
    let b_ref = store.add_case(&b, "Siân Roberts", today()).unwrap();

    let bytes = subject_access::export(&store, "gwenllïan quartermaine ", today()).unwrap();
    let files = unzip(&bytes);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    let pdf_name = format!("certificates/{}.pdf", cert.number);
    assert_eq!(names, ["README.txt", "subject-access.json", pdf_name.as_str()]);
    assert_eq!(files[2].1, store.certificate_pdf(&cert.number).unwrap(), "the certificate as issued");
    let json = String::from_utf8(files[1].1.clone()).unwrap();
    let document: serde_json::Value = serde_json::from_str(&json).unwrap();
    // Everything about case A: its reference, the person, the child, the
    // note, the history.
    assert_eq!(document["cases"].as_array().unwrap().len(), 1);
    let case_a = &document["cases"][0];
    assert_eq!(case_a["reference"], a_ref.as_str());
    assert_eq!(case_a["their_part"], "caller");
    assert!(json.contains("Gwenllïan Quartermaine") && json.contains("Zebedee Quartermaine-Oduya"));
    assert!(json.contains("2015-06-01"), "the child's date of birth");
    assert!(case_a["notes"][0]["text"].as_str().unwrap().starts_with("Gwenllïan rang;"));
    assert!(!case_a["history"].as_array().unwrap().is_empty());
    // Other people (the other parent, the staff) redacted wherever they appear.
    for other in ["Ifeanyi", "Okafor", "Siân Roberts", "Roberts", "Łukasz"] {
        assert!(!json.contains(other), "{other} is in the export");
    }
    assert!(json.contains(subject_access::REDACTED));
    // Nothing about case B.
    for b_text in [b_ref.as_str(), "Pemberton", "Noah"] {
        assert!(!json.contains(b_text), "{b_text} from another case is in the export");
    }
    // Nobody of that name: refused, naming the field.
    let err = subject_access::export(&store, "Nobody Here", today()).unwrap_err();
    assert!(err.to_string().starts_with("name:"), "{err}");
}
