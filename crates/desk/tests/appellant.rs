//! Who may appeal, and who a certificate names (statutory-clocks.md section
//! 4a): the appellant a representative acts for, stored, shown, changed
//! with history, exported and imported; no certificate or exemption letter
//! for a representative's case until the appellant is recorded; the
//! certificate and the letter naming the appellant with the representative
//! acting for them (read back with pdftotext); a young person refused
//! while of compulsory school age or once 25; and a parent who rings about
//! a young person told whose right the appeal is. Needs poppler-utils.

mod common;

use common::*;
use desk::call_form::{self, DateParts, NewCallForm};
use desk::case_view::CaseViews;
use desk::certificates::CertificateWorkflow;
use desk::details_form;
use desk::exports::{csv_log, full_json, CaseFilter};
use desk::facts::{CertificateKind, DecisionKind, Issue};
use desk::store::{
    Appellant, AppellantRole, CallerRole, CaseInput, IssueOptions, PersonInput, ServiceSettings, StaffMember, StaffRole, Store,
    StoreError,
};
use desk::DeskError;

fn setup(store: &mut Store) {
    store
        .set_service_settings(
            &ServiceSettings {
                service_name: "Greater Manchester SEND Mediation".into(),
                address: "Unit 4, Canal Wharf\nManchester M1 4AB".into(),
                phone: "0161 496 0000".into(),
                email: "mediation@gm.example.org.uk".into(),
                certificate_prefix: "GM".into(),
            },
            "Admin",
        )
        .unwrap();
    let adviser = StaffMember {
        name: "Łukasz Nowak".into(),
        role: StaffRole::Adviser,
        registration: Some("Civil Mediation Council CMC-123456".into()),
    };
    store.save_staff(&adviser, "Admin").unwrap();
}

fn caller(name: &str, role: CallerRole) -> Option<PersonInput> {
    Some(PersonInput { name: name.into(), role: Some(role), date_of_birth: None })
}

fn pat_quern() -> Appellant {
    Appellant {
        name: "Pat Quern".into(),
        role: AppellantRole::Parent,
        date_of_birth: None,
        relationship: Some("grandmother".into()),
        contact: Some("07700 900123".into()),
    }
}

/// A refusal to assess, the family declining mediation on Thu 12 Mar 2026,
/// rung in by an advocate.
fn advocates_case() -> CaseInput {
    let mut input = case("Alex Quern");
    input.caller = caller("Roberto Advocatus", CallerRole::Representative);
    input.facts.declined_on = Some(date("2026-03-12"));
    input
}

fn issue(store: &mut Store, reference: &str) -> Result<Vec<u8>, DeskError> {
    store
        .issue_certificate(reference, CertificateKind::Declined, date("2026-03-13"), &IssueOptions::default(), "Ann", today())
        .map(|r| r.pdf)
}

/// The store's error, as the store returns it or inside the application's.
trait Refusal: std::fmt::Debug {
    fn store_error(&self) -> &StoreError;
}

impl Refusal for StoreError {
    fn store_error(&self) -> &StoreError {
        self
    }
}

impl Refusal for DeskError {
    fn store_error(&self) -> &StoreError {
        match self {
            DeskError::Store(e) => e,
            other => panic!("expected the store's refusal, got {other:?}"),
        }
    }
}

fn field_of(err: &impl Refusal) -> &str {
    match err.store_error() {
        StoreError::BadInput { field, .. } => field,
        other => panic!("expected bad input, got {other:?}"),
    }
}

fn assert_has(text: &str, wanted: &str) {
    assert!(text.contains(wanted), "expected {wanted:?} in:\n{text}");
}

#[test]
fn no_certificate_for_a_representatives_case_until_the_appellant_is_recorded_then_it_names_them() {
    let db = TestDb::new();
    let mut store = db.open();
    setup(&mut store);
    let reference = store.add_case(&advocates_case(), "Ann", today()).unwrap();

    // Refused, saying so and naming `appellant`; no number used.
    let err = issue(&mut store, &reference).unwrap_err();
    assert_eq!(field_of(&err), "appellant");
    assert_eq!(
        err.to_string(),
        "appellant: is required before a certificate is issued: Roberto Advocatus rang as a representative; record the parent or young person they act for"
    );
    let err = store
        .preview_certificate(&reference, CertificateKind::Declined, date("2026-03-13"), &IssueOptions::default())
        .unwrap_err();
    assert_eq!(field_of(&err), "appellant");
    assert!(store.certificates(&Default::default()).unwrap().is_empty());

    // The appellant recorded: the certificate names them, the advocate acting for them.
    let saved = store.case(&reference).unwrap();
    let mut input = saved.to_input(saved.facts.clone());
    input.appellant = Some(pat_quern());
    store.update_case(&reference, &input, "Ann", today()).unwrap();
    let text = pdf_text(&issue(&mut store, &reference).unwrap());
    assert_has(&text, "Parent or young person Pat Quern");
    assert_has(&text, "Acting for them Roberto Advocatus");
    assert_has(&text, "Roberto Advocatus, acting for Pat Quern, contacted the mediation adviser on Tue 10 Mar 2026");
    assert_has(&text, "With this certificate, Pat Quern can appeal");
    assert!(!text.contains("Roberto Advocatus can appeal"), "{text}");
}

#[test]
fn the_exemption_letter_names_the_appellant_and_is_addressed_to_the_representative() {
    let db = TestDb::new();
    let mut store = db.open();
    setup(&mut store);
    let mut input = advocates_case();
    input.facts.declined_on = None;
    input.facts.decision.kind = Some(DecisionKind::PlanContents);
    input.facts.issues = vec![Issue::PlacementI];
    let reference = store.add_case(&input, "Ann", today()).unwrap();
    let err = store.exemption_letter(&reference, today(), None, "Ann", today()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "appellant: is required before an exemption letter is issued: Roberto Advocatus rang as a representative; record the parent or young person they act for"
    );

    input.appellant = Some(pat_quern());
    store.update_case(&reference, &input, "Ann", today()).unwrap();
    let text = pdf_text(&store.exemption_letter(&reference, today(), None, "Ann", today()).unwrap());
    assert_has(&text, "Parent or young person Pat Quern");
    assert_has(&text, "Acting for them Roberto Advocatus");
    assert_has(&text, "Dear Roberto Advocatus,");
    assert_has(&text, "You contacted us, acting for Pat Quern, about a decision");
    assert_has(&text, "Pat Quern does not need a mediation certificate");
}

/// A parent who rings about a young person: Dafydd, born 1 May 2009, is
/// over compulsory school age from Sat 28 Jun 2025.
fn parent_about_a_young_person() -> CaseInput {
    let mut input = case("Dafydd Jones");
    input.child.as_mut().unwrap().date_of_birth = Some(date("2009-05-01"));
    input.facts.declined_on = Some(date("2026-03-12"));
    input
}

#[test]
fn a_parent_who_rings_about_a_young_person_is_told_the_right_is_theirs_and_the_certificate_follows() {
    let db = TestDb::new();
    let mut store = db.open();
    setup(&mut store);
    let reference = store.add_case(&parent_about_a_young_person(), "Ann", today()).unwrap();
    let view = store.case_view(&reference, today()).unwrap();
    let notice = view.timeline.notices.iter().find(|n| n.code == "young_person_appeals").expect("the notice");
    assert_eq!(
        notice.message,
        "Dafydd Jones is a young person, over compulsory school age since Sat 28 Jun 2025: the right to appeal is theirs, not the parent's, unless the parent acts for them (Children and Families Act 2014 s.51; Children and Families Act 2014 s.83(2)). A certificate or letter names Rhian Jones, acting for Dafydd Jones."
    );
    let text = pdf_text(&issue(&mut store, &reference).unwrap());
    assert_has(&text, "Parent or young person Dafydd Jones");
    assert_has(&text, "Acting for them Rhian Jones");
    assert_has(&text, "Rhian Jones, acting for Dafydd Jones, contacted the mediation adviser");
    assert_has(&text, "With this certificate, Dafydd Jones can appeal");

    // A child of 10: the parent is the appellant, and no notice.
    let child = store.add_case(&case("Amy Jones"), "Ann", today()).unwrap();
    assert!(store.case_view(&child, today()).unwrap().timeline.notices.iter().all(|n| n.code != "young_person_appeals"));
}

#[test]
fn an_appellant_recorded_as_the_parent_says_otherwise_for_a_young_person() {
    let db = TestDb::new();
    let mut store = db.open();
    setup(&mut store);
    let mut input = parent_about_a_young_person();
    input.appellant = Some(Appellant { name: "Rhian Jones".into(), ..pat_quern() });
    let reference = store.add_case(&input, "Ann", today()).unwrap();
    assert!(store.case_view(&reference, today()).unwrap().timeline.notices.iter().all(|n| n.code != "young_person_appeals"));
    let text = pdf_text(&issue(&mut store, &reference).unwrap());
    assert_has(&text, "Parent or young person Rhian Jones");
    assert!(!text.contains("acting for") && !text.contains("Acting for them"), "{text}");
}

#[test]
fn the_appellant_is_stored_shown_and_its_changes_recorded() {
    let db = TestDb::new();
    let mut store = db.open();
    let mut input = advocates_case();
    input.appellant = Some(pat_quern());
    let reference = store.add_case(&input, "Ann", today()).unwrap();
    assert_eq!(store.case(&reference).unwrap().appellant, Some(pat_quern()));
    let shown = serde_json::to_value(store.case_view(&reference, today()).unwrap()).unwrap();
    assert_eq!(
        shown["appellant"],
        serde_json::json!({"name": "Pat Quern", "role": "parent", "date_of_birth": null,
                           "relationship": "grandmother", "contact": "07700 900123"})
    );
    // Found by the appellant's name.
    assert_eq!(store.search("quern pat", 10).unwrap().len(), 1);

    input.note = None;
    input.appellant.as_mut().unwrap().contact = Some("pat@example.org".into());
    store.update_case(&reference, &input, "Ann", today()).unwrap();
    let history = store.history(&reference).unwrap();
    assert_eq!(
        history.last().unwrap().changes,
        serde_json::json!([{"field": "appellant.contact", "before": "07700 900123", "after": "pat@example.org"}])
    );
    input.appellant = None;
    store.update_case(&reference, &input, "Ann", today()).unwrap();
    let last = store.history(&reference).unwrap().last().unwrap().changes.clone();
    assert_eq!(last[0]["field"], "appellant");
    assert_eq!(last[0]["after"], serde_json::Value::Null);
    assert_eq!(store.case(&reference).unwrap().appellant, None);
}

#[test]
fn bad_appellant_details_are_refused_naming_the_field_and_nothing_is_saved() {
    let db = TestDb::new();
    let mut store = db.open();
    let before = counts(&store);
    let mut input = advocates_case();
    for (appellant, field) in [
        (Appellant { name: "  ".into(), ..pat_quern() }, "appellant.name"),
        (Appellant { relationship: Some("grand\nmother".into()), ..pat_quern() }, "appellant.relationship"),
        (Appellant { contact: Some("x".repeat(201)), ..pat_quern() }, "appellant.contact"),
        (Appellant { date_of_birth: Some(date("2027-01-01")), ..pat_quern() }, "appellant.date_of_birth"),
    ] {
        input.appellant = Some(appellant);
        let err = store.add_case(&input, "Ann", today()).unwrap_err();
        assert_eq!(field_of(&err), field, "{err}");
    }
    let err = CaseInput::from_json(
        r#"{"child":{"name":"A"},"local_authority":"L","appellant":{"name":"P","role":"representative"},"facts":{}}"#,
    )
    .unwrap_err();
    assert!(field_of(&err).starts_with("appellant.role"), "{err}");
    assert_eq!(counts(&store), before);
}

/// `case(child)` with the caller recorded as the young person, born `born`,
/// rung on `call`.
fn young_person_calls(born: &str, call: &str) -> CaseInput {
    let mut input = case("Cai Evans");
    input.caller = caller("Cai Evans", CallerRole::YoungPerson);
    input.child.as_mut().unwrap().date_of_birth = Some(date(born));
    input.opened_on = Some(date(call));
    input.facts.first_contact_on = Some(date(call));
    input.facts.decision.letter_dated = Some(date("2025-06-02"));
    input.facts.decision.sent_on = Some(date("2025-06-02"));
    input
}

#[test]
fn a_young_person_must_be_over_compulsory_school_age_and_under_25_on_the_date_of_the_call() {
    let db = TestDb::new();
    let mut store = db.open();
    // A 10-year-old saved as a young person is refused, saying why.
    let mut ten = case("Amy Jones");
    ten.caller = caller("Amy Jones", CallerRole::YoungPerson);
    let before = counts(&store);
    let err = store.add_case(&ten, "Ann", today()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "caller.role: young_person is refused: the young person, born Mon 1 Jun 2015, is of compulsory school age on the date of the call (Tue 10 Mar 2026) until Fri 27 Jun 2031; a young person is over compulsory school age and under 25 (Children and Families Act 2014 s.83(2)). Record the caller as parent or representative, or correct child.date_of_birth"
    );
    assert_eq!(counts(&store), before, "nothing saved");

    // Born 1 Mar 2009: of compulsory school age to the end of Fri 27 Jun 2025.
    let err = store.add_case(&young_person_calls("2009-03-01", "2025-06-27"), "Ann", today()).unwrap_err();
    assert_eq!(field_of(&err), "caller.role");
    store.add_case(&young_person_calls("2009-03-01", "2025-06-28"), "Ann", today()).unwrap();
    // Born 8 Jun 2000: 25 on Sun 8 Jun 2025.
    store.add_case(&young_person_calls("2000-06-08", "2025-06-07"), "Ann", today()).unwrap();
    let err = store.add_case(&young_person_calls("2000-06-08", "2025-06-08"), "Ann", today()).unwrap_err();
    assert_eq!(field_of(&err), "caller.role");
    assert!(err.to_string().contains("turned 25 on Sun 8 Jun 2025"), "{err}");

    // The same for an appellant recorded as the young person: the child's
    // date of birth, unless the appellant's own is given.
    let mut input = advocates_case();
    input.appellant = Some(Appellant { name: "Alex Quern".into(), role: AppellantRole::YoungPerson, ..pat_quern() });
    let err = store.add_case(&input, "Ann", today()).unwrap_err();
    assert_eq!(field_of(&err), "appellant.role");
    assert!(err.to_string().contains("correct child.date_of_birth"), "{err}");
    input.appellant.as_mut().unwrap().date_of_birth = Some(date("2008-01-01"));
    store.add_case(&input, "Ann", today()).unwrap();
}

#[test]
fn the_full_export_round_trips_the_appellant_and_the_case_log_names_them_but_not_the_pseudonymised_log() {
    let db = TestDb::new();
    let mut store = db.open();
    let mut input = advocates_case();
    input.appellant = Some(pat_quern());
    let reference = store.add_case(&input, "Ann", today()).unwrap();
    store.add_case(&parent_about_a_young_person(), "Ann", today()).unwrap();

    let export = full_json::export(&store).unwrap();
    let other = TestDb::new();
    let mut imported = other.open();
    full_json::import(&mut imported, &export).unwrap();
    assert_eq!(imported.case(&reference).unwrap().appellant, Some(pat_quern()));
    assert_eq!(full_json::export(&imported).unwrap(), export);

    let log = String::from_utf8(csv_log::export(&store, &CaseFilter::default(), today(), None).unwrap()).unwrap();
    let mut lines = log.lines();
    assert!(lines.next().unwrap().contains(",Caller name,Appellant name,"));
    assert!(lines.next().unwrap().contains(",Roberto Advocatus,Pat Quern,"), "{log}");
    // The parent who rang about a young person: the young person appeals.
    assert!(lines.next().unwrap().contains(",Rhian Jones,Dafydd Jones,"), "{log}");
    let anonymous = String::from_utf8(csv_log::export_pseudonymised(&store, &CaseFilter::default(), today()).unwrap()).unwrap();
    assert!(!anonymous.contains("Appellant") && !anonymous.contains("Quern"), "{anonymous}");
}

fn new_call(role: CallerRole) -> NewCallForm {
    let parts = |d: &str, m: &str, y: &str| DateParts { day: d.into(), month: m.into(), year: y.into() };
    NewCallForm {
        caller_role: role,
        caller_name: "Roberto Advocatus".into(),
        child_name: "Alex Quern".into(),
        child_date_of_birth: parts("1", "6", "2015"),
        local_authority: "Manchester City Council".into(),
        decision_kind: Some(DecisionKind::RefuseToAssess),
        letter_dated: parts("2", "3", "2026"),
        sent_on: parts("3", "3", "2026"),
        call_date: parts("10", "3", "2026"),
        ..NewCallForm::default()
    }
}

#[test]
fn new_call_records_the_appellant_a_representative_acts_for() {
    let mut form = new_call(CallerRole::Representative);
    form.appellant_name = " Pat Quern ".into();
    form.appellant_relationship = "grandmother".into();
    form.appellant_contact = "07700 900123".into();
    let input = call_form::check(&form, today()).unwrap();
    assert_eq!(input.appellant, Some(pat_quern()));
    assert_eq!(input.caller.unwrap().role, Some(CallerRole::Representative));

    // A relationship with no name names the name box.
    form.appellant_name = String::new();
    let errors = call_form::check(&form, today()).unwrap_err();
    assert_eq!(errors[0].field, "appellant_name");
    assert_eq!(errors[0].message, "Enter the name of the parent or young person they act for");

    // Only a representative acts for someone: the boxes are not read for a parent.
    let mut parent = new_call(CallerRole::Parent);
    parent.appellant_name = "Pat Quern".into();
    assert_eq!(call_form::check(&parent, today()).unwrap().appellant, None);
}

#[test]
fn new_call_refuses_a_young_person_of_compulsory_school_age_naming_the_field() {
    let form = new_call(CallerRole::YoungPerson);
    let errors = call_form::check(&form, today()).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].field, "caller_role");
    assert!(
        errors[0].message.starts_with(
            "The caller cannot be the young person: the young person, born Mon 1 Jun 2015, is of compulsory school age"
        ),
        "{}",
        errors[0].message
    );
    let mut form = new_call(CallerRole::Representative);
    form.appellant_name = "Alex Quern".into();
    form.appellant_role = AppellantRole::YoungPerson;
    let errors = call_form::check(&form, today()).unwrap_err();
    assert_eq!(errors[0].field, "appellant_role");
    // 17 on the day of the call: a young person.
    form.child_date_of_birth.year = "2008".into();
    assert!(call_form::check(&form, today()).is_ok());
}

#[test]
fn new_call_tells_a_parent_ringing_about_a_young_person_whose_right_the_appeal_is() {
    let db = TestDb::new();
    let store = db.open();
    let mut form = new_call(CallerRole::Parent);
    form.caller_name = "Rhian Jones".into();
    form.child_name = "Dafydd Jones".into();
    let notices = |form: &NewCallForm| call_form::preview(&store, form, today()).unwrap().notices;
    assert!(notices(&form).iter().all(|n| n.code != "young_person_appeals"));
    form.child_date_of_birth.year = "2009".into();
    let notice = notices(&form).into_iter().find(|n| n.code == "young_person_appeals").expect("the notice");
    assert!(
        notice.message.starts_with("Dafydd Jones is a young person, over compulsory school age since Sat 28 Jun 2025"),
        "{}",
        notice.message
    );
    assert!(
        notice.message.ends_with("A certificate or letter names Rhian Jones, acting for Dafydd Jones."),
        "{}",
        notice.message
    );
}

#[test]
fn the_who_form_records_and_corrects_the_appellant() {
    let db = TestDb::new();
    let mut store = db.open();
    let reference = store.add_case(&advocates_case(), "Ann", today()).unwrap();
    let record = store.case(&reference).unwrap();
    let mut form = details_form::from_record(&record);
    assert_eq!((form.caller_role, form.appellant_name.as_str()), (CallerRole::Representative, ""));
    form.appellant_name = "Pat Quern".into();
    form.appellant_relationship = "grandmother".into();
    form.appellant_contact = "07700 900123".into();
    store.update_case(&reference, &details_form::apply(&form, &record, today()).unwrap(), "Ann", today()).unwrap();
    let record = store.case(&reference).unwrap();
    assert_eq!(record.appellant, Some(pat_quern()));
    assert_eq!(details_form::from_record(&record), form);

    // The young person while of compulsory school age: refused on the role box.
    form.appellant_role = AppellantRole::YoungPerson;
    let errors = details_form::apply(&form, &record, today()).unwrap_err();
    assert_eq!(errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["appellant_role"]);
    form.appellant_role = AppellantRole::Parent;
    form.caller_role = CallerRole::YoungPerson;
    let errors = details_form::apply(&form, &record, today()).unwrap_err();
    assert_eq!(errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["caller_role"]);
}
