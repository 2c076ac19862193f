//! The certificate commands as a person types them: settings and staff,
//! issue (each kind), show, void, reissue, list, the exemption letter, and
//! exit codes (2 with one line naming the field; nothing issued). Set
//! `CERT_PNG_DIR` to also write each PDF there as a PNG (pdftoppm -r 80)
//! to look at.

mod common;

use std::process::{Command, Output};

use common::*;

fn run(db: &TestDb, args: &[&str], stdin: Option<&str>) -> Output {
    mediation_desk(Some(&db.path()), args, stdin, &[("MEDIATION_DESK_USER", "Ann Admin")])
}

fn ok(o: &Output) -> String {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn refused(o: &Output) -> String {
    assert_eq!(o.status.code(), Some(2), "stdout: {}", String::from_utf8_lossy(&o.stdout));
    let err = String::from_utf8(o.stderr.clone()).unwrap();
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    err
}

fn setup(db: &TestDb) {
    for args in SERVICE_SET_UP {
        ok(&run(db, args, None));
    }
}

fn add(db: &TestDb, parent: &str, child: &str, facts: &str) -> String {
    let json = serde_json::json!({
        "opened_on": "2026-03-10",
        "local_authority": "Manchester City Council",
        "caller": {"name": parent},
        "child": {"name": child, "date_of_birth": "2015-06-01"},
        "facts": serde_json::from_str::<serde_json::Value>(facts).unwrap(),
    });
    ok(&run(db, &["case", "add", "-"], Some(&json.to_string()))).trim().to_string()
}

const DECISION: &str = r#""decision":{"kind":"refuse_to_assess","letter_dated":"2026-03-02","sent_on":"2026-03-03"},"first_contact_on":"2026-03-10""#;

fn png(pdf: &std::path::Path, name: &str) {
    if let Some(dir) = std::env::var_os("CERT_PNG_DIR") {
        let prefix = std::path::Path::new(&dir).join(name);
        let status = Command::new("pdftoppm").args(["-png", "-r", "80"]).arg(pdf).arg(prefix).status().unwrap();
        assert!(status.success());
    }
}

#[test]
fn every_kind_through_the_command_line() {
    let db = TestDb::new();
    setup(&db);
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("declined", add(&db, "Siân Gwenllïan Davies", "Zoë Davies", &format!("{{{DECISION},\"declined_on\":\"2026-03-12\"}}")), "2026-03-13"),
        (
            "withdrawn",
            add(&db, "Nguyễn Thị Lan", "Minh Nguyễn", &format!("{{{DECISION},\"family_told_la_on\":\"2026-03-11\",\"withdrew_on\":\"2026-03-20\"}}")),
            "2026-03-23",
        ),
        (
            "deemed",
            add(
                &db,
                "Pádraig Ó Súilleabháin",
                "Aoife Ó Súilleabháin",
                &format!("{{{DECISION},\"family_told_la_on\":\"2026-03-11\",\"cannot_arrange_notice_on\":\"2026-04-01\"}}"),
            ),
            "2026-04-02",
        ),
        (
            "after-mediation",
            add(
                &db,
                "Gwenllïan O'Brien-Smith",
                "Rhys O'Brien-Smith",
                &format!(
                    "{{{DECISION},\"family_told_la_on\":\"2026-03-11\",\"meetings\":[{{\"date\":\"2026-03-30\",\"status\":\"held\",\"notice_sent_on\":\"2026-03-20\"}}],\"concluded_on\":\"2026-03-30\"}}"
                ),
            ),
            "2026-04-01",
        ),
    ];
    for (i, (kind, reference, on)) in cases.iter().enumerate() {
        let out = dir.path().join(format!("{kind}.pdf"));
        let o =
            run(&db, &["certificate", "issue", reference, "--kind", kind, "--date", on, "--out", out.to_str().unwrap()], None);
        assert_eq!(ok(&o), format!("GM-2026-{:05}\n", i + 1));
        assert!(o.stderr.is_empty(), "on time: no warning");
        png(&out, kind);
        // Printing again gives the same bytes, to a file or to stdout.
        let again = dir.path().join("again.pdf");
        let number = format!("GM-2026-{:05}", i + 1);
        ok(&run(&db, &["certificate", "show", &number, "--out", again.to_str().unwrap()], None));
        assert_eq!(std::fs::read(&again).unwrap(), std::fs::read(&out).unwrap());
        assert_eq!(run(&db, &["certificate", "show", &number], None).stdout, std::fs::read(&out).unwrap());
    }

    // Void and re-issue, late: a warning on stderr, still exit 0.
    let err = refused(&run(&db, &["certificate", "void", "GM-2026-00001"], None));
    assert!(err.contains("--reason"), "{err}");
    assert_eq!(
        ok(&run(&db, &["certificate", "void", "GM-2026-00001", "--reason", "Name misspelt"], None)),
        "GM-2026-00001 voided\n"
    );
    let reissued = dir.path().join("reissued.pdf");
    let o = run(&db, &["certificate", "reissue", "GM-2026-00001", "--out", reissued.to_str().unwrap()], None);
    assert_eq!(ok(&o), "GM-2026-00005\n");
    let warning = String::from_utf8(o.stderr.clone()).unwrap();
    assert!(warning.starts_with("warning: GM-2026-00005 issued late") && warning.lines().count() == 1, "{warning}");
    png(&reissued, "reissued");

    let list = ok(&run(&db, &["certificate", "list"], None));
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 5);
    assert!(lines[0].starts_with("GM-2026-00001\t") && lines[0].contains("voided") && lines[0].contains("Name misspelt"));
    assert!(lines[4].contains("replaces GM-2026-00001") && lines[4].contains("late (due Tue 17 Mar 2026)"));
    let json: serde_json::Value = serde_json::from_str(&ok(&run(&db, &["certificate", "list", "--json"], None))).unwrap();
    assert_eq!(json[0]["replaced_by"], "GM-2026-00005");

    // The history shows issue, void and re-issue.
    let history = ok(&run(&db, &["case", "history", &cases[0].1], None));
    for action in ["certificate_issued", "certificate_voided", "certificate_reissued"] {
        assert!(history.contains(action), "{history}");
    }
}

#[test]
fn refusals_exit_2_naming_the_field_and_issue_nothing() {
    let db = TestDb::new();
    let reference = add(&db, "王小明", "Amy", &format!("{{{DECISION},\"declined_on\":\"2026-03-12\"}}"));
    // No settings or staff yet.
    let err = refused(&run(&db, &["certificate", "issue", &reference, "--kind", "declined", "--date", "2026-03-13"], None));
    assert!(err.contains("issued_by"), "{err}");
    setup(&db);
    let err = refused(&run(&db, &["certificate", "issue", &reference, "--kind", "declined", "--date", "2026-03-13"], None));
    assert!(err.starts_with("error: caller.name: the character '王'"), "{err}");
    let err = refused(&run(&db, &["certificate", "issue", &reference, "--kind", "sideways"], None));
    assert!(err.contains("--kind"), "{err}");
    let err = refused(&run(&db, &["certificate", "issue", &reference, "--kind", "declined", "--date", "2026-02-30"], None));
    assert!(err.contains("--date"), "{err}");
    let err = refused(&run(&db, &["certificate", "show", "GM-2026-00001"], None));
    assert!(err.contains("number: no certificate"), "{err}");
    let err = refused(&run(&db, &["settings", "set", "--certificate-prefix", "G M"], None));
    assert!(err.contains("certificate_prefix"), "{err}");
    let out = tempfile::tempdir().unwrap();
    let letter = out.path().join("letter.pdf");
    let err = refused(&run(&db, &["letter", "exemption", &reference, "--out", letter.to_str().unwrap()], None));
    assert!(err.contains("route") && err.contains("certificate issue"), "{err}");
    assert!(ok(&run(&db, &["certificate", "list"], None)).is_empty());
    // A good case after all of that is the first number.
    let fine = add(&db, "Rhian Jones", "Amy", &format!("{{{DECISION},\"declined_on\":\"2026-03-12\"}}"));
    assert_eq!(
        ok(&run(&db, &["certificate", "issue", &fine, "--kind", "declined", "--date", "2026-03-13"], None)),
        "GM-2026-00001\n"
    );
}

#[test]
fn the_exemption_letter_for_a_placement_only_case() {
    let db = TestDb::new();
    setup(&db);
    let reference = add(
        &db,
        "Łukasz Kowalski",
        "Zoë Kowalska",
        r#"{"decision":{"kind":"plan_contents","letter_dated":"2026-03-02","sent_on":"2026-03-03"},"issues":["placement_i"],"first_contact_on":"2026-03-10"}"#,
    );
    let dir = tempfile::tempdir().unwrap();
    let letter = dir.path().join("letter.pdf");
    let o = run(&db, &["letter", "exemption", &reference, "--out", letter.to_str().unwrap(), "--by", "Łukasz Nowak"], None);
    assert!(ok(&o).contains("written to"));
    assert!(std::fs::read(&letter).unwrap().starts_with(b"%PDF-"));
    png(&letter, "exemption");
    let err = refused(&run(&db, &["certificate", "issue", &reference, "--kind", "declined"], None));
    assert!(err.contains("letter exemption"), "{err}");
}

/// A date of issue (or a letter's date) that makes no sense is named as
/// `--date`: 0000-01-01 used to be judged as "today", so the error named
/// the decision letter ("more than a year from today").
#[test]
fn every_date_of_issue_error_names_the_date_flag() {
    let db = TestDb::new();
    setup(&db);
    let declined = add(&db, "Rhian Jones", "Amy", &format!("{{{DECISION},\"declined_on\":\"2026-03-12\"}}"));
    let exempt = add(
        &db,
        "Łukasz Kowalski",
        "Zoë Kowalska",
        r#"{"decision":{"kind":"plan_contents","letter_dated":"2026-03-02","sent_on":"2026-03-03"},"issues":["placement_i"],"first_contact_on":"2026-03-10"}"#,
    );
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("out.pdf");
    let pdf = pdf.to_str().unwrap();
    let before_letter = "error: --date: Sat 1 Jan 0000 is before the decision letter it is about (dated Mon 2 Mar 2026)\n";
    for args in [
        vec!["certificate", "issue", &declined, "--kind", "declined", "--date", "0000-01-01"],
        vec!["certificate", "issue", &declined, "--kind", "declined", "--date", "0000-01-01", "--preview", "--out", pdf],
        vec!["letter", "exemption", &exempt, "--out", pdf, "--date", "0000-01-01"],
    ] {
        assert_eq!(refused(&run(&db, &args, None)), before_letter, "{args:?}");
    }
    // Today is Tue 7 Apr 2026 (MEDIATION_DESK_TODAY).
    let future = "error: --date: Wed 8 Apr 2026 is in the future\n";
    assert_eq!(
        refused(&run(&db, &["certificate", "issue", &declined, "--kind", "declined", "--date", "2026-04-08"], None)),
        future
    );
    assert_eq!(refused(&run(&db, &["letter", "exemption", &exempt, "--out", pdf, "--date", "2026-04-08"], None)), future);
    // A re-issue: the voided certificate's replacement dated 0000-01-01.
    let number = ok(&run(&db, &["certificate", "issue", &declined, "--kind", "declined", "--date", "2026-03-13"], None));
    let number = number.trim();
    ok(&run(&db, &["certificate", "void", number, "--reason", "Misspelt name"], None));
    assert_eq!(refused(&run(&db, &["certificate", "reissue", number, "--date", "0000-01-01"], None)), before_letter);
    assert_eq!(refused(&run(&db, &["certificate", "reissue", number, "--date", "2026-04-08"], None)), future);
    assert_eq!(ok(&run(&db, &["certificate", "list"], None)).lines().count(), 1, "nothing more was issued");
}

#[test]
fn a_representatives_case_gets_no_certificate_until_the_appellant_is_recorded() {
    let db = TestDb::new();
    setup(&db);
    let mut json = serde_json::json!({
        "opened_on": "2026-03-10",
        "local_authority": "Manchester City Council",
        "caller": {"name": "Roberto Advocatus", "role": "representative"},
        "child": {"name": "Alex Quern", "date_of_birth": "2015-06-01"},
        "facts": serde_json::from_str::<serde_json::Value>(&format!("{{{DECISION},\"declined_on\":\"2026-03-12\"}}")).unwrap(),
    });
    let reference = ok(&run(&db, &["case", "add", "-"], Some(&json.to_string()))).trim().to_string();
    let issue = ["certificate", "issue", &reference, "--kind", "declined", "--date", "2026-03-13"];
    let err = refused(&run(&db, &issue, None));
    assert_eq!(
        err,
        "error: appellant: is required before a certificate is issued: Roberto Advocatus rang as a representative; record the parent or young person they act for\n"
    );
    assert!(ok(&run(&db, &["certificate", "list"], None)).is_empty());

    json["appellant"] = serde_json::json!({"name": "Pat Quern", "role": "parent", "relationship": "grandmother"});
    ok(&run(&db, &["case", "update", &reference, "-"], Some(&json.to_string())));
    assert_eq!(ok(&run(&db, &issue, None)), "GM-2026-00001\n");
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("cert.pdf");
    ok(&run(&db, &["certificate", "show", "GM-2026-00001", "--out", pdf.to_str().unwrap()], None));
    png(&pdf, "representative");
    let text = pdf_text(&std::fs::read(&pdf).unwrap());
    assert!(text.contains("Roberto Advocatus, acting for Pat Quern, contacted the mediation adviser"), "{text}");
    assert!(text.contains("With this certificate, Pat Quern can appeal"), "{text}");
}

/// The certificate is committed before its PDF is written: when the file
/// cannot be written, the command says the certificate WAS issued, with
/// its number (on stdout too) and how to print it again, rather than a
/// failure that invites issuing it twice.
#[test]
fn a_certificate_issued_whose_file_cannot_be_written_is_said_to_be_issued() {
    let db = TestDb::new();
    setup(&db);
    let declined = add(&db, "Rhian Jones", "Amy", &format!("{{{DECISION},\"declined_on\":\"2026-03-12\"}}"));
    let dir = tempfile::tempdir().unwrap();
    let nowhere = dir.path().join("no such folder").join("cert.pdf");
    let o = run(
        &db,
        &["certificate", "issue", &declined, "--kind", "declined", "--date", "2026-03-13", "--out", nowhere.to_str().unwrap()],
        None,
    );
    let err = String::from_utf8(o.stderr.clone()).unwrap();
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_eq!(String::from_utf8(o.stdout.clone()).unwrap(), "GM-2026-00001\n");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("error: certificate GM-2026-00001 WAS issued and is in the register"), "{err}");
    assert!(err.contains("mediation-desk certificate show GM-2026-00001 --out FILE.pdf"), "{err}");
    // It is in the register, and prints again as it says.
    assert!(ok(&run(&db, &["certificate", "list"], None)).starts_with("GM-2026-00001\t"));
    let again = dir.path().join("again.pdf");
    ok(&run(&db, &["certificate", "show", "GM-2026-00001", "--out", again.to_str().unwrap()], None));
    assert!(std::fs::read(&again).unwrap().starts_with(b"%PDF-"));
}
