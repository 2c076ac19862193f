//! Retention, erasure, who looked and subject access from the command
//! line: the cases due are listed; `apply` changes nothing without `--yes`
//! and anonymises them with it; the disposal log names no one; `case
//! erase` needs a reason; `case show` is recorded and `case access` lists
//! it; `subject-access` writes a zip of one person's data and warns first.

mod common;

use common::*;

fn ok(o: &std::process::Output) -> String {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn closed_cases_past_their_retention_are_listed_then_anonymised_on_confirmation() {
    let db = TestDb::new();
    let reference = {
        let (mut store, _) = db.set_up();
        let mut input = case("Zebedee Quartermaine-Oduya");
        input.child.as_mut().unwrap().date_of_birth = Some(date("2001-05-01"));
        let r = store.add_case(&input, "Ann", today()).unwrap();
        store.close_case(&r, "Family moved away", "Ann", date("2026-03-31")).unwrap();
        r
    };
    let at = |on: &str| vec![("MEDIATION_DESK_TODAY", on.to_string())];
    let run = |args: &[&str], on: &str| {
        let env = at(on);
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        mediation_desk(Some(&db.path()), args, None, &env)
    };
    // Six years after closing (the child is past 25 by then): 31 Mar 2032.
    assert!(ok(&run(&["retention", "list"], "2032-03-30")).contains("No case is due"));
    let listed = ok(&run(&["retention", "list"], "2032-03-31"));
    assert!(listed.contains(&reference) && listed.contains("due 2032-03-31"), "{listed}");
    assert!(!listed.contains("Zebedee"), "the list names no one: {listed}");
    // Without --yes nothing changes.
    assert!(ok(&run(&["retention", "apply"], "2032-03-31")).contains("nothing was changed"));
    assert_eq!(db.open().case(&reference).unwrap().child.name, "Zebedee Quartermaine-Oduya");
    assert!(ok(&run(&["retention", "apply", "--yes", "--as", "Manager"], "2032-03-31")).contains("1 cases anonymised"));
    assert_eq!(db.open().case(&reference).unwrap().child.name, desk::store::ERASED);
    let log = ok(&run(&["retention", "log"], "2032-03-31"));
    assert!(log.contains(&reference) && log.contains("Manager") && log.contains("retention: Retention period ended"), "{log}");
    assert!(!log.contains("Zebedee"));
}

#[test]
fn a_case_is_erased_on_request_who_looked_is_listed_and_a_subject_access_export_is_written() {
    let db = TestDb::new();
    let reference = {
        let (mut store, _) = db.set_up();
        let mut input = case("Zebedee Quartermaine-Oduya");
        input.caller = Some(person("Gwenllïan Quartermaine"));
        store.add_case(&input, "Ann", today()).unwrap()
    };
    let run = |args: &[&str]| mediation_desk(Some(&db.path()), args, None, &[]);
    ok(&run(&["case", "show", &reference, "--as", "Bea Manager"]));
    let access = ok(&run(&["case", "access", &reference]));
    assert!(access.contains("Bea Manager"), "{access}");

    let out = db.dir.path().join("request.zip");
    let o = run(&["subject-access", "--name", "Gwenllïan Quartermaine", "--out", out.to_str().unwrap()]);
    ok(&o);
    assert!(String::from_utf8_lossy(&o.stderr).contains("not encrypted"), "it warns before writing");
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"PK"), "a zip file");

    // An open case must be closed before it is erased; a reason is needed.
    let o = run(&["case", "erase", &reference, "--reason", "Request DSAR-2026-014"]);
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("close it first"));
    ok(&run(&["case", "close", &reference, "--reason", "Finished"]));
    let o = run(&["case", "erase", &reference, "--reason", " "]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("reason"));
    assert!(ok(&run(&["case", "erase", &reference, "--reason", "Request DSAR-2026-014"])).contains("anonymised on request"));
    assert_eq!(db.open().case(&reference).unwrap().child.name, desk::store::ERASED);
}
