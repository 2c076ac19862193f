//! Disagreement resolution on the command line (issue 11): a case of the
//! new type added and shown, its targets on Today, a bad kind refused by
//! name, and every type of other party taken as the case JSON names it.

mod common;

use common::*;

#[test]
fn the_command_line_takes_the_new_case_type_and_shows_it() {
    let db = TestDb::new();
    let json = r#"{"caller":{"name":"Rhian Jones"},"child":{"name":"Dafydd Jones"},"local_authority":"Manchester City Council",
        "facts":{"service":"disagreement_resolution"},
        "disagreement":{"kind":"provision","requested_on":"2026-03-02","about":"Speech and language support in class",
                        "other_parties":[{"name":"Hillside Primary School","type":"maintained_school"}]}}"#;
    let out = mediation_desk(Some(&db.path()), &["case", "add", "-"], Some(json), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let reference = stdout(&out).trim().to_string();
    let out = mediation_desk(Some(&db.path()), &["case", "show", &reference], None, &[]);
    let shown: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(shown["disagreement"]["other_parties"][0]["type"], "maintained_school");
    assert_eq!(shown["disagreement"]["kind"], "provision");
    assert_eq!(shown["timeline"]["clocks"], serde_json::json!([]));
    assert_eq!(shown["disagreement_status"]["targets"][0]["key"], "first_contact");
    // A bad kind names its field and exits 2; nothing is written.
    let bad = json.replace("\"provision\"", "\"provisions\"");
    let out = mediation_desk(Some(&db.path()), &["case", "add", "-"], Some(&bad), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error: disagreement.kind: unknown variant `provisions`"), "{}", stderr(&out));
    // Today lists the targets apart, as the service's, not the law.
    let out = mediation_desk(Some(&db.path()), &["today"], None, &[("MEDIATION_DESK_TODAY", "2026-03-16")]);
    let text = stdout(&out);
    assert!(text.contains("The service's own targets, not the law (2)"), "{text}");
    assert!(
        text.contains(
            "Wed 4 Mar 2026  MD-2026-0001  First contact with the parties (2 working days)  (Past the service's target)"
        ),
        "{text}"
    );
    assert!(text.contains("Overdue (0)"), "a target is never a statutory overdue clock: {text}");
    // The targets can be turned off.
    let out = mediation_desk(Some(&db.path()), &["settings", "targets", "--track", "off"], None, &[]);
    assert!(out.status.success() && stdout(&out).contains("\"enabled\": false"), "{}", stderr(&out));
    let out = mediation_desk(Some(&db.path()), &["settings", "targets", "--meeting-weeks", "0"], None, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error: --meeting-weeks: must be from 1 to 52 weeks"), "{}", stderr(&out));
    // The record of outcome needs an outcome first.
    let pdf = db.dir.path().join("record.pdf");
    let out =
        mediation_desk(Some(&db.path()), &["letter", "record-of-outcome", &reference, "--out", pdf.to_str().unwrap()], None, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("disagreement.points"), "{}", stderr(&out));
    assert!(!pdf.exists());
}

/// Every type of other party the issue's case JSON names is taken as
/// written there (`post_16_institution` was refused: serde spelt it
/// `post16_institution`), and `case show` gives it back the same way.
#[test]
fn every_other_party_type_is_taken_as_the_case_json_names_it() {
    let db = TestDb::new();
    for (n, kind) in [
        "local_authority",
        "icb",
        "maintained_school",
        "maintained_nursery",
        "academy",
        "early_years_provider",
        "post_16_institution",
        "independent_school",
    ]
    .into_iter()
    .enumerate()
    {
        let json = format!(
            r#"{{"caller":{{"name":"Rhian Jones"}},"child":{{"name":"Dafydd Jones"}},"local_authority":"Manchester City Council",
            "facts":{{"service":"disagreement_resolution"}},
            "disagreement":{{"kind":"duties","requested_on":"2026-03-02","about":"How the college supports him",
                            "other_parties":[{{"name":"Party {n}","type":"{kind}"}}]}}}}"#
        );
        let out = mediation_desk(Some(&db.path()), &["case", "add", "-"], Some(&json), &[]);
        assert!(out.status.success(), "{kind}: {}", stderr(&out));
        let reference = stdout(&out).trim().to_string();
        let out = mediation_desk(Some(&db.path()), &["case", "show", &reference], None, &[]);
        let shown: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert_eq!(shown["disagreement"]["other_parties"][0]["type"], kind);
    }
}
