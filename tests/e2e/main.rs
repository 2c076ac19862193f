//! End-to-end tests: the built desktop app, driven as a mediator would,
//! each on its own empty (or prepared) database. Today is fixed at
//! Mon 16 Mar 2026 (`harness::TODAY`); every expected date below was worked
//! out by hand from the calendar.

#[path = "../common/mod.rs"]
mod common;
mod harness;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use harness::{within, App};

const TAB: &str = "\u{E004}";
const ENTER: &str = "\u{E007}";
const DOWN: &str = "\u{E015}";
const CTRL: &str = "\u{E009}";
const RELEASE: &str = "\u{E000}";

/// Fill the New call form for a refusal to assess sent Mon 2 Mar 2026.
async fn fill_refusal_call(app: &App, child: &str) {
    app.click("#nav-new-call").await;
    app.type_into("#caller_name", "Rhian Jones").await;
    app.type_into("#child_name", child).await;
    app.type_date("child_date_of_birth", "3", "6", "2014").await;
    app.type_into("#local_authority", "Manchester City Council").await;
    app.select("#decision_kind", "refuse_to_assess").await;
    app.type_date("letter_dated", "26", "2", "2026").await;
    app.type_date("sent_on", "2", "3", "2026").await;
}

/// Run the command line on the app's database before the app starts.
fn cli(data_dir: &Path, args: &[&str]) {
    let db = data_dir.join("mediation-desk.sqlite3");
    let out = common::mediation_desk(Some(&db), args, None, &[("MEDIATION_DESK_TODAY", harness::TODAY)]);
    assert!(out.status.success(), "mediation-desk {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// The service's details and its two staff, as a service sets them up once.
fn set_up_service(data_dir: &Path) {
    for args in common::SERVICE_SET_UP {
        cli(data_dir, args);
    }
}

/// Open the first case in the case list (the tests' cases are alone there).
async fn open_first_case(app: &App) {
    app.click("#nav-cases").await;
    app.click("button[data-reference]").await;
    app.wait_for("section[data-screen=case]").await;
}

/// The reference of the case on screen.
async fn reference(app: &App) -> String {
    let section = app.wait_for("section[data-screen=case]").await;
    section.attr("data-reference").await.unwrap().unwrap_or_default()
}

/// Run the command line on the app's database before the app starts, as
/// if today were `today`; what it printed (a new case's reference, say).
fn cli_on(data_dir: &Path, today: &str, args: &[&str], stdin: Option<&str>) -> String {
    let db = data_dir.join("mediation-desk.sqlite3");
    let out = common::mediation_desk(Some(&db), args, stdin, &[("MEDIATION_DESK_TODAY", today)]);
    assert!(out.status.success(), "mediation-desk {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Add a case with the command line before the app starts.
fn add_case_with_cli(data_dir: &Path, json: &str) {
    let db = data_dir.join("mediation-desk.sqlite3");
    let out = common::mediation_desk(Some(&db), &["case", "add", "-"], Some(json), &[("MEDIATION_DESK_TODAY", harness::TODAY)]);
    assert!(out.status.success(), "case add failed: {}", String::from_utf8_lossy(&out.stderr));
}

#[tokio::test(flavor = "current_thread")]
async fn log_a_call_and_see_its_clocks() {
    within(180, async {
        let app = App::start("log-call").await;
        fill_refusal_call(&app, "Siân O'Brien-Smith").await;
        // The clocks appear as the mediator types, from the engine.
        app.wait_for_text("by 5pm on Tue 5 May 2026").await;
        app.screenshot("new-call").await;
        app.click("#save-call").await;
        app.wait_for("section[data-screen=case]").await;
        let text = app.wait_for_text("Appeal deadline").await;
        app.screenshot("case").await;
        assert!(text.contains("Siân O'Brien-Smith"), "{text}");
        assert_eq!(app.text_of("#appeal-deadline").await, "by 5pm on Tue 5 May 2026");
        // No certificate yet: the engine says from when one would move the deadline.
        assert_eq!(
            app.text_of("#appeal-note").await,
            "A mediation certificate issued on or after Mon 6 Apr 2026 would move this deadline to 1 month from its date of issue"
        );
        assert!(app.text_of("#route-text").await.contains("A mediation certificate is needed"));
        // 2 months from Mon 2 Mar is Sat 2 May: flagged, and met by today's call.
        let contact = app.text_of("li.clock[data-key=contact_adviser]").await;
        assert!(
            contact.contains("Sat 2 May 2026") && contact.contains("Met on time") && contact.contains("Falls on a Saturday"),
            "{contact}"
        );
        // The working is there for anyone to check.
        app.click("li.clock[data-key=appeal] summary").await;
        let working = app.text_of("li.clock[data-key=appeal] .working").await;
        assert!(working.contains("Rule 12(2)") && working.contains("Mon 4 May Early May bank holiday skipped"), "{working}");
        // And it is in the case list.
        app.click("#nav-cases").await;
        app.wait_for_text("Siân O'Brien-Smith").await;
        app.screenshot("cases").await;
        app.close().await;
    })
    .await;
}

#[tokio::test(flavor = "current_thread")]
async fn placement_only_shows_no_certificate_needed() {
    within(180, async {
        let app = App::start("placement").await;
        fill_refusal_call(&app, "Zoë Kowalski").await;
        app.select("#decision_kind", "plan_contents").await;
        app.click("#issue-placement_i").await;
        app.wait_for_text("No mediation certificate is needed: the appeal is about placement only").await;
        app.click("#save-call").await;
        app.wait_for("section[data-screen=case]").await;
        let route = app.text_of("#route-text").await;
        assert!(route.contains("placement only"), "{route}");
        let contact = app.text_of("li.clock[data-key=contact_adviser]").await;
        assert!(contact.contains("Not applicable"), "{contact}");
        assert_eq!(app.text_of("#appeal-deadline").await, "by 5pm on Tue 5 May 2026");
        // No certificate: the family gets the exemption letter instead, once
        // the service has entered its name.
        assert!(app.client.find(fantoccini::Locator::Css("#issue-certificate")).await.is_err(), "no certificate to issue");
        app.click("#write-letter").await;
        app.wait_for_text("The service's name is required on a certificate and a letter: enter it in Settings").await;
        app.click("#nav-settings").await;
        app.type_into("#service-name", "Greater Manchester SEND Mediation").await;
        app.click("#save-service").await;
        app.wait_for_text("Service details saved.").await;
        open_first_case(&app).await;
        app.click("#write-letter").await;
        let text = app.wait_for_text("Exemption letter written and opened").await;
        let reference = reference(&app).await;
        let letter = common::pdf_text(&std::fs::read(app.printed(&format!("{reference}-exemption-letter.pdf"))).unwrap());
        assert!(letter.contains("Zoë Kowalski") && letter.contains("5 May 2026"), "{text}\n{letter}");
        // The family has its letter: the case is closed, with a reason, and leaves the open cases.
        app.click("details.close-case summary").await;
        app.click("#close-case").await;
        app.wait_for_text("The reason for closing the case is required").await;
        app.screenshot("case-close-reason-missing").await;
        app.type_into("#closing-reason", "Exemption letter sent").await;
        app.click("#close-case").await;
        app.wait_for_text("closed: Exemption letter sent").await;
        app.click("#nav-cases").await;
        app.wait_for("#case-count[data-loaded=true]").await;
        assert_eq!(app.text_of("#case-count").await, "0", "no open case");
        app.select("#filter-status", "closed").await;
        app.wait_for_text("Zoë Kowalski").await;
        app.close().await;
    })
    .await;
}

#[tokio::test(flavor = "current_thread")]
async fn search_finds_a_name_with_diacritics_typed_without_them() {
    within(180, async {
        let app = App::start_with("search", |dir| {
            for (child, la) in [("Siân Ó Súilleabháin", "Trafford Council"), ("Oliver Brown", "Bury Council")] {
                add_case_with_cli(
                    dir,
                    &format!(
                        r#"{{"caller":{{"name":"Ewa Nowak"}},"child":{{"name":"{child}"}},"local_authority":"{la}",
                            "facts":{{"decision":{{"kind":"refuse_to_assess","letter_dated":"2026-03-02","sent_on":"2026-03-02"}},"first_contact_on":"2026-03-09"}}}}"#
                    ),
                );
            }
        })
        .await;
        app.click("#nav-cases").await;
        app.wait_for_text("Oliver Brown").await;
        app.type_into("#case-search", "sian suilleabhain").await;
        app.wait_for_text_of("#case-count", "1").await;
        let list = app.text_of(".case-list").await;
        assert!(list.contains("Siân Ó Súilleabháin") && !list.contains("Oliver Brown"), "{list}");
        app.screenshot("search").await;
        // By keyboard: the down arrow moves from the search box to the case, Enter opens it.
        app.keys(DOWN).await;
        app.keys(ENTER).await;
        let header = app.text_of("section[data-screen=case] h1").await;
        assert!(header.contains("Siân Ó Súilleabháin"), "{header}");
        app.close().await;
    })
    .await;
}

/// A past case imported with another system's reference: found by it, and
/// the Case screen shows it beside the reference the app gave.
#[tokio::test(flavor = "current_thread")]
async fn an_imported_case_is_found_by_its_old_reference_and_shows_it() {
    within(180, async {
        let app = App::start_with("old-reference", |dir| {
            for (child, old) in [("Amelia Brown", r#","legacy_reference":"OLD-001""#), ("Oliver Brown", "")] {
                add_case_with_cli(
                    dir,
                    &format!(
                        r#"{{"caller":{{"name":"Ewa Nowak"}},"child":{{"name":"{child}"}},"local_authority":"Bury Council"{old},
                            "facts":{{"decision":{{"kind":"refuse_to_assess","letter_dated":"2026-03-02","sent_on":"2026-03-02"}},"first_contact_on":"2026-03-09"}}}}"#
                    ),
                );
            }
        })
        .await;
        app.click("#nav-cases").await;
        app.wait_for_text("Oliver Brown").await;
        app.type_into("#case-search", "OLD-001").await;
        app.wait_for_text_of("#case-count", "1").await;
        let list = app.text_of(".case-list").await;
        assert!(list.contains("Amelia Brown") && !list.contains("Oliver Brown"), "{list}");
        app.keys(DOWN).await;
        app.keys(ENTER).await;
        assert_eq!(app.text_of("section[data-screen=case] h1").await, "MD-2026-0001 · Amelia Brown");
        assert_eq!(app.text_of("#legacy-reference").await, "Old reference: OLD-001");
        app.screenshot("old-reference").await;
        assert_eq!(app.accessibility_violations().await, Vec::<String>::new());
        app.close().await;
    })
    .await;
}

#[tokio::test(flavor = "current_thread")]
async fn an_invalid_date_shows_the_error_summary_and_saves_nothing() {
    within(180, async {
        let app = App::start("invalid").await;
        fill_refusal_call(&app, "Łukasz Nguyễn").await;
        app.type_date("letter_dated", "31", "2", "2026").await;
        app.type_date("sent_on", "1", "2", "2026").await;
        app.type_into("#caller_name", "").await;
        app.click("#save-call").await;
        let summary = app.text_of(".error-summary").await;
        app.screenshot("new-call-errors").await;
        assert!(summary.contains("There is a problem"), "{summary}");
        assert!(summary.contains("Enter the caller's name"), "{summary}");
        assert!(summary.contains("Date on the letter must be a real date"), "{summary}");
        // The link takes the mediator to the field.
        app.click(".error-summary a[href='#letter_dated']").await;
        let focused = app.client.active_element().await.unwrap().attr("id").await.unwrap();
        assert_eq!(focused.as_deref(), Some("letter_dated-day"));
        // A date sent before the date on the letter is named in plain words.
        app.type_date("letter_dated", "26", "2", "2026").await;
        app.type_into("#caller_name", "Rhian Jones").await;
        app.click("#save-call").await;
        let summary = app.wait_for_text("must be on or after the date on the letter").await;
        assert!(summary.contains("Date the letter was sent must be on or after the date on the letter"), "{summary}");
        // Nothing was saved.
        app.click("#nav-cases").await;
        app.select("#filter-status", "all").await;
        app.wait_for("#case-count[data-loaded=true]").await;
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        assert_eq!(app.text_of("#case-count").await, "0");
        app.close().await;
    })
    .await;
}

/// Tab until the focused element has `id` (at most 40 presses).
async fn tab_to(app: &App, id: &str) {
    for _ in 0..40 {
        let active = app.client.active_element().await.unwrap().attr("id").await.unwrap();
        if active.as_deref() == Some(id) {
            return;
        }
        app.keys(TAB).await;
    }
    panic!("Tab never reached #{id}");
}

#[tokio::test(flavor = "current_thread")]
async fn the_same_call_by_keyboard_alone() {
    within(240, async {
        let app = App::start("keyboard").await;
        // Ctrl+N opens New call with the focus in the form.
        app.keys(&format!("{CTRL}n{RELEASE}")).await;
        app.wait_for("section[data-screen=new-call]").await;
        for (id, text) in [
            ("caller_name", "Rhian Jones"),
            ("child_name", "Gwenllïan Davies"),
            ("child_date_of_birth-day", "3"),
            ("child_date_of_birth-month", "6"),
            ("child_date_of_birth-year", "2014"),
            ("local_authority", "Manchester City Council"),
        ] {
            tab_to(&app, id).await;
            app.keys(text).await;
        }
        tab_to(&app, "decision_kind").await;
        app.keys(DOWN).await; // the first decision: a refusal to assess
        for (id, text) in [
            ("letter_dated-day", "26"),
            ("letter_dated-month", "2"),
            ("letter_dated-year", "2026"),
            ("sent_on-day", "2"),
            ("sent_on-month", "3"),
            ("sent_on-year", "2026"),
        ] {
            tab_to(&app, id).await;
            app.keys(text).await;
        }
        tab_to(&app, "save-call").await;
        app.keys(ENTER).await;
        app.wait_for("section[data-screen=case]").await;
        assert_eq!(app.text_of("#appeal-deadline").await, "by 5pm on Tue 5 May 2026");
        assert!(app.body_text().await.contains("Gwenllïan Davies"));
        // Ctrl+1 goes to Today; Ctrl+K to the search box.
        app.keys(&format!("{CTRL}1{RELEASE}")).await;
        app.wait_for("section[data-screen=today]").await;
        app.keys(&format!("{CTRL}k{RELEASE}")).await;
        app.wait_for("section[data-screen=cases]").await;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let focused = app.client.active_element().await.unwrap().attr("id").await.unwrap();
        assert_eq!(focused.as_deref(), Some("case-search"));
        app.close().await;
    })
    .await;
}

#[tokio::test(flavor = "current_thread")]
async fn every_screen_passes_axe_with_no_serious_or_critical_violations() {
    within(240, async {
        let app = App::start("axe").await;
        let mut report = Vec::new();
        let mut check = |screen: &str, violations: Vec<String>| {
            for v in violations {
                report.push(format!("{screen}: {v}"));
            }
        };
        check("today", app.accessibility_violations().await);
        app.screenshot("today").await;
        fill_refusal_call(&app, "Aoife Walsh").await;
        app.click("#save-call").await;
        app.wait_for("section[data-screen=case]").await;
        check("case", app.accessibility_violations().await);
        app.click("#nav-new-call").await;
        app.click("#save-call").await;
        app.wait_for(".error-summary").await;
        check("new call with errors", app.accessibility_violations().await);
        app.click("#nav-cases").await;
        app.wait_for("section[data-screen=cases]").await;
        check("cases", app.accessibility_violations().await);
        app.click("#nav-settings").await;
        app.wait_for("#database-path").await;
        app.screenshot("settings").await;
        check("settings", app.accessibility_violations().await);
        app.click("#nav-certificates").await;
        app.wait_for_text("No certificate matches.").await;
        check("certificates", app.accessibility_violations().await);
        app.click("#nav-reports").await;
        app.wait_for("#report-figures").await;
        check("reports", app.accessibility_violations().await);
        app.click("#nav-import").await;
        app.wait_for("#spreadsheet").await;
        check("import", app.accessibility_violations().await);
        app.click("#nav-retention").await;
        app.wait_for("#retention-years").await;
        check("retention", app.accessibility_violations().await);
        assert!(report.is_empty(), "accessibility problems:\n{}", report.join("\n"));
        app.close().await;
    })
    .await;
}

#[tokio::test(flavor = "current_thread")]
async fn mediation_with_an_agreement_and_its_action_dates() {
    within(240, async {
        let app = App::start_with("agreement", |dir| {
            add_case_with_cli(
                dir,
                r#"{"caller":{"name":"Ewa Nowak"},"child":{"name":"Tomasz Nowak"},"local_authority":"Salford City Council",
                   "facts":{"decision":{"kind":"refuse_to_issue_plan","letter_dated":"2026-01-09","sent_on":"2026-01-12"},
                            "first_contact_on":"2026-01-19","family_told_la_on":"2026-01-20",
                            "meetings":[{"date":"2026-03-02","status":"held"}],"concluded_on":"2026-03-02"}}"#,
            );
        })
        .await;
        open_first_case(&app).await;
        // 30 days from Tue 20 Jan 2026 is Thu 19 Feb; the meeting on Mon 2 Mar was late.
        let held = app.text_of("li.clock[data-key=mediation_held]").await;
        assert!(held.contains("Thu 19 Feb 2026") && held.contains("Met late"), "{held}");
        app.click("#add-agreement").await;
        app.type_date("agreement-dated", "2", "3", "2026").await;
        app.click("#add-action").await;
        app.select("#action-0-kind", "make_and_maintain_plan").await;
        app.type_into("#action-0-description", "EHC plan with speech and language therapy").await;
        // 5 weeks from Mon 2 Mar 2026 is Easter Monday, Mon 6 Apr; 11 weeks is Mon 18 May.
        let draft = app.text_of("li.clock[data-key=agreement_action_1_draft]").await;
        assert!(draft.contains("Mon 6 Apr 2026") && draft.contains("Easter Monday"), "{draft}");
        let final_plan = app.text_of("li.clock[data-key=agreement_action_1_final]").await;
        assert!(final_plan.contains("Mon 18 May 2026"), "{final_plan}");
        app.click("#save-facts").await;
        app.wait_for_text("Saved.").await;
        app.screenshot("case-agreement").await;
        app.client
            .execute(
                "document.querySelector('li.clock[data-key=agreement_action_1_draft]').scrollIntoView({block: 'center'})",
                vec![],
            )
            .await
            .unwrap();
        app.screenshot("case-agreement-clocks").await;
        // Saved: it is there when the case is opened again.
        app.click("#nav-today").await;
        open_first_case(&app).await;
        let final_plan = app.text_of("li.clock[data-key=agreement_action_1_final]").await;
        assert!(final_plan.contains("Mon 18 May 2026"), "{final_plan}");
        // The action's description is shown beside the clock's label (issue 13: not in it).
        assert!(final_plan.contains("Issue the final EHC plan (action 1)"), "{final_plan}");
        assert!(final_plan.contains("EHC plan with speech and language therapy"), "{final_plan}");
        // A half-typed date is named, and the saved date is kept, not cleared.
        app.type_date("fact-decision-sent_on", "12", "", "2026").await;
        app.click("#save-facts").await;
        let summary = app.wait_for_text("Date the letter was sent must include a month").await;
        assert!(summary.contains("There is a problem"), "{summary}");
        app.screenshot("case-facts-error").await;
        app.click("#nav-today").await;
        open_first_case(&app).await;
        let month = app.wait_for("#fact-decision-sent_on-month").await.prop("value").await.unwrap();
        assert_eq!(month.as_deref(), Some("1"), "the saved month of the date sent is kept");
        app.close().await;
    })
    .await;
}

#[tokio::test(flavor = "current_thread")]
async fn mediation_not_arranged_in_30_days_and_a_deemed_certificate_issued() {
    within(180, async {
        let app = App::start_with("deemed", |dir| {
            set_up_service(dir);
            add_case_with_cli(
                dir,
                r#"{"caller":{"name":"Ama Mensah"},"child":{"name":"Kwame Mensah"},"local_authority":"Oldham Council",
                   "facts":{"decision":{"kind":"refuse_to_assess","letter_dated":"2026-01-26","sent_on":"2026-01-26"},
                            "first_contact_on":"2026-01-30","family_told_la_on":"2026-02-02"}}"#,
            );
        })
        .await;
        // Today: the 30 days ran out on Wed 4 Mar 2026 with no meeting.
        let today = app.wait_for_text("Hold the mediation meeting").await;
        assert!(today.contains("Overdue"), "{today}");
        app.click("section[data-screen=today] button.link").await;
        let text = app.wait_for_text("No meeting was held by day 30").await;
        assert!(text.contains("No meeting was held by day 30 (Wed 4 Mar 2026)"), "{text}");
        // The LA says it cannot arrange mediation: the adviser has 3 working days.
        app.type_date("fact-cannot_arrange_notice_on", "16", "3", "2026").await;
        let clock = app.text_of("li.clock[data-key=certificate_deemed]").await;
        assert!(clock.contains("Thu 19 Mar 2026"), "{clock}");
        app.click("#save-facts").await;
        app.wait_for_text("Saved.").await;
        app.screenshot("case-deemed").await;
        // The adviser issues the deemed certificate today, in time.
        app.wait_for_text("The clocks call for: Issued because mediation could not be arranged within 30 days").await;
        // The call did not record Kwame's date of birth, which a certificate
        // prints: the core says so, and the summary's link opens the field.
        app.click("#preview-certificate").await;
        app.wait_for_text("Child's date of birth is required on a certificate").await;
        app.click("#certificates .error-summary a").await;
        app.type_date("child_date_of_birth", "14", "9", "2015").await;
        app.click("#save-details").await;
        app.wait_for_text("Details saved.").await;
        app.click("#preview-certificate").await;
        app.wait_for_text("Preview opened").await;
        assert!(common::pdf_text(&std::fs::read(app.printed(&format!("{}-preview.pdf", reference(&app).await))).unwrap())
            .contains("PREVIEW"));
        app.click("#issue-certificate").await;
        let text = app.wait_for_text("Certificate GM-2026-00001 issued").await;
        assert!(!text.contains("Issued late"), "{text}");
        let clock = app.text_of("li.clock[data-key=certificate_deemed]").await;
        assert!(clock.contains("Met on time"), "{clock}");
        // The appeal deadline now runs from the certificate: one month after
        // Mon 16 Mar 2026 is Thu 16 Apr 2026, later than two months after
        // the decision was sent (Thu 26 Mar 2026).
        let appeal = app.text_of("#appeal-deadline").await;
        assert!(appeal.contains("Thu 16 Apr 2026"), "{appeal}");
        app.click("#nav-certificates").await;
        let row = app.text_of("tr[data-number='GM-2026-00001']").await;
        assert!(row.contains("Kwame Mensah") && row.contains("could not be arranged within 30 days"), "{row}");
        app.close().await;
    })
    .await;
}

#[tokio::test(flavor = "current_thread")]
async fn decline_and_issue_a_certificate_then_find_it_in_the_register_and_on_disk() {
    within(240, async {
        let app = App::start_with("decline-certificate", |dir| {
            set_up_service(dir);
            add_case_with_cli(
                dir,
                r#"{"caller":{"name":"Rhian Jones"},"child":{"name":"Dafydd Jones","date_of_birth":"2014-06-03"},
                   "local_authority":"Manchester City Council",
                   "facts":{"decision":{"kind":"refuse_to_assess","letter_dated":"2026-02-26","sent_on":"2026-03-02"},
                            "first_contact_on":"2026-03-04"}}"#,
            );
        })
        .await;
        open_first_case(&app).await;
        // The family says on Thu 5 Mar 2026 that they do not wish to mediate:
        // the certificate is due 3 working days later, Tue 10 Mar 2026.
        app.type_date("fact-declined_on", "5", "3", "2026").await;
        app.click("#save-facts").await;
        app.wait_for_text("Saved.").await;
        let clock = app.text_of("li.clock[data-key=certificate_declined]").await;
        assert!(clock.contains("Tue 10 Mar 2026") && clock.contains("Overdue"), "{clock}");
        app.wait_for_text("The clocks call for: Issued after mediation advice: mediation declined").await;

        // Issued today, Mon 16 Mar 2026: late, and the app says so.
        app.click("#issue-certificate").await;
        let text = app.wait_for_text("Certificate GM-2026-00001 issued").await;
        let late = app.text_of("#certificate-late").await;
        assert!(late.contains("Tue 10 Mar 2026") && late.contains("Mon 16 Mar 2026"), "{late}");
        assert!(text.contains("Issued late"), "{text}");
        app.screenshot("case-certificate-issued").await;

        // The copy to print is the one in the register, naming the child;
        // it is private to the user, and goes when the app locks.
        let pdf_path = app.printed("GM-2026-00001.pdf");
        let bytes = std::fs::read(&pdf_path).expect("the print copy is on disk");
        assert!(bytes.starts_with(b"%PDF"));
        assert_eq!(std::fs::metadata(&pdf_path).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(std::fs::metadata(pdf_path.parent().unwrap()).unwrap().permissions().mode() & 0o777, 0o700);
        let words = common::pdf_text(&std::fs::read(&pdf_path).unwrap());
        assert!(words.contains("GM-2026-00001") && words.contains("Dafydd Jones"), "{words}");
        // While the app has the database the command line is refused, naming it.
        let db = app.data_dir.join("mediation-desk.sqlite3");
        let refused = common::mediation_desk(Some(&db), &["certificate", "list", "--json"], None, &[]);
        assert!(
            !refused.status.success() && common::stderr(&refused).contains("the Mediation Desk app"),
            "{}",
            common::stderr(&refused)
        );
        // Locked, it lets go: the command line reads the register.
        app.click("#lock-now").await;
        app.wait_for("main[data-lock-screen=unlock]").await;
        assert!(!pdf_path.exists(), "the copy to print is removed when the app locks");
        let register = common::mediation_desk(Some(&db), &["certificate", "list", "--json"], None, &[]);
        assert!(register.status.success(), "certificate list: {}", common::stderr(&register));
        let register = common::stdout(&register);
        assert!(register.contains(&sha256_hex(&bytes)), "the file's SHA-256 is the register's: {register}");
        app.unlock(harness::PASSPHRASE).await;
        app.wait_for("section[data-screen=today]").await;

        // The register screen finds it by the child's name, and opens it.
        app.click("#nav-certificates").await;
        app.type_into("#register-search", "Dafydd").await;
        let row = app.text_of("tr[data-number='GM-2026-00001']").await;
        assert!(row.contains("Dafydd Jones") && row.contains("Mon 16 Mar 2026") && row.contains("In force"), "{row}");
        assert!(row.contains("Issued late"), "{row}");
        app.screenshot("certificates-register").await;
        app.click("tr[data-number='GM-2026-00001'] button.open-certificate").await;
        app.wait_for_text("Opened GM-2026-00001 to print").await;
        app.type_into("#register-search", "Nobody by this name").await;
        app.wait_for_text("No certificate matches.").await;

        // A misspelt name: void it with a reason, then re-issue.
        app.type_into("#register-search", "").await;
        app.click("tr[data-number='GM-2026-00001'] button.link").await;
        app.click("li.certificate[data-number='GM-2026-00001'] button.void-certificate").await;
        app.click("#confirm-void").await;
        app.wait_for_text("Enter why the certificate is being voided").await;
        app.type_into("#void_reason", "Child's date of birth was wrong").await;
        app.click("#confirm-void").await;
        app.wait_for_text("Certificate GM-2026-00001 voided").await;
        app.click("li.certificate[data-number='GM-2026-00001'] button.reissue-certificate").await;
        app.click("#confirm-reissue").await;
        let text = app.wait_for_text("Certificate GM-2026-00002 issued, replacing GM-2026-00001").await;
        assert!(text.contains("Voided"), "{text}");
        assert!(common::pdf_text(&std::fs::read(app.printed("GM-2026-00002.pdf")).unwrap()).contains("GM-2026-00001"));
        app.screenshot("case-certificate-reissued").await;
        app.close().await;
    })
    .await;
}

#[tokio::test(flavor = "current_thread")]
async fn a_representatives_call_records_the_appellant_and_the_certificate_names_them() {
    within(240, async {
        let app = App::start_with("representative", set_up_service).await;
        fill_refusal_call(&app, "Alex Quern").await;
        // An advocate rings for the child's grandmother, who cares for him.
        app.click("#caller_role-representative").await;
        app.type_into("#caller_name", "Roberto Advocatus").await;
        app.type_into("#appellant_name", "Pat Quern").await;
        app.type_into("#appellant_relationship", "grandmother").await;
        app.type_into("#appellant_contact", "07700 900123").await;
        app.screenshot("new-call-representative").await;
        app.click("#save-call").await;
        app.wait_for("section[data-screen=case]").await;
        let header = app.text_of(".case-header").await;
        assert!(header.contains("Roberto Advocatus (representative), acting for Pat Quern"), "{header}");
        app.click(".case-details summary").await;
        assert_eq!(app.find("#appellant_name").await.prop("value").await.unwrap().as_deref(), Some("Pat Quern"));
        assert_eq!(app.find("#appellant_relationship").await.prop("value").await.unwrap().as_deref(), Some("grandmother"));
        // The family declines mediation today; the certificate is issued today.
        app.type_date("fact-declined_on", "16", "3", "2026").await;
        app.click("#save-facts").await;
        app.wait_for_text("Saved.").await;
        app.click("#issue-certificate").await;
        app.wait_for_text("Certificate GM-2026-00001 issued").await;
        let words = common::pdf_text(&std::fs::read(app.printed("GM-2026-00001.pdf")).unwrap());
        assert!(words.contains("Parent or young person Pat Quern"), "{words}");
        assert!(words.contains("Roberto Advocatus, acting for Pat Quern, contacted the mediation adviser"), "{words}");
        assert!(words.contains("With this certificate, Pat Quern can appeal"), "{words}");
        app.close().await;
    })
    .await;
}

#[tokio::test(flavor = "current_thread")]
async fn a_certificate_waits_for_the_appellant_a_representative_acts_for_with_a_link_to_the_field() {
    within(240, async {
        let app = App::start_with("representative-no-appellant", |dir| {
            set_up_service(dir);
            add_case_with_cli(
                dir,
                r#"{"caller":{"name":"Roberto Advocatus","role":"representative"},
                   "child":{"name":"Alex Quern","date_of_birth":"2015-06-01"},"local_authority":"Manchester City Council",
                   "facts":{"decision":{"kind":"refuse_to_assess","letter_dated":"2026-02-26","sent_on":"2026-03-02"},
                            "first_contact_on":"2026-03-04","declined_on":"2026-03-05"}}"#,
            );
        })
        .await;
        open_first_case(&app).await;
        app.click("#issue-certificate").await;
        app.wait_for_text(
            "The parent or young person the caller acts for (the appellant) is required before a certificate is issued: Roberto Advocatus rang as a representative",
        )
        .await;
        app.screenshot("certificate-needs-appellant").await;
        // The summary's link opens the Who form at the appellant's name.
        app.click("#certificates .error-summary a").await;
        app.wait_until(
            "focus on the appellant's name",
            || async { app.client.active_element().await.unwrap().attr("id").await.unwrap() },
            |focused| focused.as_deref() == Some("appellant_name"),
        )
        .await;
        app.keys("Pat Quern").await;
        app.click("#save-details").await;
        app.wait_for_text("Details saved.").await;
        app.click("#issue-certificate").await;
        app.wait_for_text("Certificate GM-2026-00001 issued").await;
        let words =
            common::pdf_text(&std::fs::read(app.printed("GM-2026-00001.pdf")).unwrap());
        assert!(words.contains("Roberto Advocatus, acting for Pat Quern, contacted"), "{words}");
        app.close().await;
    })
    .await;
}

#[tokio::test(flavor = "current_thread")]
async fn import_a_spreadsheet_of_past_cases_then_see_them_in_the_commissioners_report() {
    within(240, async {
        let app = App::start("import-report").await;
        let header = "Case ref,Child name,Child DOB,Parent name,LA,Decision,Date sent,Issues,Date of first call,Notes\r\n";
        let rows = [
            "MD-2025-0101,Siân Hughes,01/06/2015,Megan Hughes,Leeds City Council,Refuse to assess,03/11/2025,,2025-11-06,\"Rang, left message\"\r\n",
            "MD-2025-0102,Zoë Clarke,14/02/2012,Ben Clarke,Leeds City Council,Refuse to assess,31/02/2026,,2026-03-02,\r\n",
            "MD-2026-0103,Kwame Mensah,14/09/2015,Ama Mensah,Oldham Council,Refuse to assess,02/02/2026,,2026-02-04,\r\n",
        ];
        let bad = app.data_dir.join("past cases.csv");
        std::fs::write(&bad, format!("{header}{}", rows.concat())).unwrap();

        // The dry run finds the impossible date, names the row and the column, and imports nothing.
        app.click("#nav-import").await;
        app.wait_for("#spreadsheet").await.send_keys(bad.to_str().unwrap()).await.unwrap();
        let text = app.wait_for_text("row 2: 'Date sent' 31/02/2026 is not a date").await;
        assert!(text.contains("3 rows, 1 problem"), "{text}");
        let mapping = app.find("select[id='map-Child name']").await.prop("value").await.unwrap();
        assert_eq!(mapping.as_deref(), Some("child_name"), "the column was guessed from its header");
        assert!(app.find("#import-all").await.attr("disabled").await.unwrap().is_some(), "nothing to import while a problem remains");
        app.screenshot("import-problems").await;

        // Corrected in the spreadsheet and chosen again: every row is imported.
        let good = app.data_dir.join("past cases fixed.csv");
        std::fs::write(&good, format!("{header}{}", rows.concat().replace("31/02/2026", "28/02/2026"))).unwrap();
        app.wait_for("#spreadsheet").await.send_keys(good.to_str().unwrap()).await.unwrap();
        app.wait_for_text("3 rows, no problems").await;
        app.click("#import-all").await;
        app.wait_for_text("Imported 3 cases.").await;
        app.click("#nav-cases").await;
        app.type_into("#case-search", "sian").await;
        app.wait_for_text("Siân Hughes").await;

        // The commissioner's report for the financial year so far (1 Apr 2025 to Mon 16 Mar 2026).
        app.click("#nav-reports").await;
        let heading = app.text_of("#report-heading").await;
        assert_eq!(heading, "All local authorities, Tue 1 Apr 2025 to Mon 16 Mar 2026");
        let figures = app.text_of("#report-figures").await;
        assert!(figures.contains("Cases opened\n3"), "{figures}");
        let by_la = app.text_of("figure.bar-chart").await;
        assert!(!by_la.is_empty());
        let svg_bars: serde_json::Value = app
            .client
            .execute("return document.querySelectorAll('figure.bar-chart svg rect').length;", vec![])
            .await
            .unwrap();
        assert!(svg_bars.as_u64().unwrap() >= 2, "the charts are drawn: {svg_bars}");
        // One local authority.
        app.select("#report-la", "Oldham Council").await;
        app.click("#show-report").await;
        app.wait_for_text("Oldham Council, Tue 1 Apr 2025").await;
        let figures = app.text_of("#report-figures").await;
        assert!(figures.contains("Cases opened\n1"), "{figures}");
        app.screenshot("reports").await;
        // A period ending before it starts is refused, naming the field.
        app.type_date("to", "1", "3", "2025").await;
        app.click("#show-report").await;
        app.wait_for_text("End of the period must be on or after the start").await;
        app.close().await;
    })
    .await;
}

/// The text a script reads from the page (for SVG descriptions, which
/// innerText leaves out).
async fn script_text(app: &App, script: &str) -> String {
    let value = app.client.execute(script, vec![]).await.unwrap_or_else(|e| panic!("{script}: {e}"));
    value.as_str().unwrap_or_default().to_string()
}

#[tokio::test(flavor = "current_thread")]
async fn disagreement_resolution_about_a_schools_provision_from_the_call_to_the_report() {
    within(420, async {
        let app = App::start_with("disagreement", set_up_service).await;
        // New call: the service first, then the request instead of a decision letter.
        app.click("#nav-new-call").await;
        app.click("#service-disagreement_resolution").await;
        app.type_into("#caller_name", "Rhian Jones").await;
        app.type_into("#child_name", "Dafydd Jones").await;
        app.type_date("child_date_of_birth", "1", "9", "2016").await;
        app.type_into("#local_authority", "Manchester City Council").await;
        assert!(app.client.find(fantoccini::Locator::Css("#letter_dated-day")).await.is_err(), "no decision letter is asked for");
        app.click("#dr-kind-provision").await;
        app.type_into("#dr-about", "Speech and language support in class").await;
        app.type_date("dr-requested_on", "2", "3", "2026").await;
        app.type_into("#dr-party-0-name", "Hillside Primary School").await;
        app.select("#dr-party-0-type", "maintained_school").await;
        app.click("#dr-ehc-ehc_plan").await;
        app.wait_for_text("no statutory clock").await;
        app.screenshot("new-call-disagreement").await;
        let mut report = Vec::new();
        for v in app.accessibility_violations().await {
            report.push(format!("new call (disagreement resolution): {v}"));
        }
        app.click("#save-call").await;
        app.wait_for("section[data-screen=case] #dr-stage").await;
        let reference = reference(&app).await;

        // Its case screen: no statutory clock, no certificate, no appeal deadline.
        let text = app.wait_for_text("No statutory clock").await;
        app.screenshot("case-disagreement-top").await;
        assert!(text.contains("No statutory clock runs for this case."), "{text}");
        assert!(app.client.find(fantoccini::Locator::Css("#appeal-deadline")).await.is_err(), "no appeal deadline");
        assert!(app.client.find(fantoccini::Locator::Css("#issue-certificate")).await.is_err(), "no certificate");
        assert!(app.client.find(fantoccini::Locator::Css(".chart svg")).await.is_err(), "no timeline of statutory dates");
        let events = app.text_of("#dr-events").await;
        assert!(events.contains("Mon 2 Mar 2026") && events.contains("Speech and language support in class"), "{events}");

        // Today: the service's meeting target (6 weeks from Mon 2 Mar is Mon 13 Apr), apart from the law.
        app.click("#nav-today").await;
        let targets = app.text_of("#service-targets").await;
        assert!(targets.contains("Mon 13 Apr 2026") && targets.contains("A meeting (6 weeks)"), "{targets}");
        assert!(targets.contains("not a statutory limit") && targets.contains("not the law"), "{targets}");
        assert_eq!(app.text_of("[data-count=overdue]").await, "0", "a target is never a statutory overdue clock");
        app.screenshot("today-service-targets").await;
        app.click("#service-targets button.link").await;
        app.wait_for("section[data-screen=case] #dr-form").await;

        // The LA engages, the family and the school agree, a meeting with a supporter,
        // a partly resolved outcome and who will do what by when.
        app.click("#dr-la-answer-engaged").await;
        app.type_date("dr-la-on", "4", "3", "2026").await;
        app.click("#dr-family-answer-agreed").await;
        app.type_date("dr-family-on", "5", "3", "2026").await;
        app.click("#dr-party-0-answer-agreed").await;
        app.type_date("dr-party-0-on", "6", "3", "2026").await;
        app.click("#dr-add-meeting").await;
        app.type_date("dr-meeting-0-date", "13", "3", "2026").await;
        app.type_into("#dr-meeting-0-place", "Hillside Primary School").await;
        app.type_into("#dr-meeting-0-attended", "Rhian Jones\u{E007}Ms Clarke, head teacher").await;
        app.type_into("#dr-meeting-0-supporters", "Mrs Patel, SENCo").await;
        app.type_into("#dr-meeting-0-reports_shared", "Speech and language therapy report").await;
        app.click("#dr-add-point").await;
        app.type_into("#dr-point-0-point", "Weekly speech and language sessions in class").await;
        app.select("#dr-point-0-result", "resolved").await;
        app.click("#dr-add-point").await;
        app.type_into("#dr-point-1-point", "A teaching assistant at lunchtime").await;
        app.select("#dr-point-1-result", "partly_resolved").await;
        app.type_into("#dr-point-1-remains", "Who pays for the afternoon hours").await;
        app.click("#dr-add-action").await;
        app.type_into("#dr-action-0-who", "Hillside Primary School").await;
        app.type_into("#dr-action-0-what", "Send the family the speech and language timetable").await;
        app.type_date("dr-action-0-by", "10", "4", "2026").await;
        app.click("#dr-save").await;
        app.wait_for_text("Saved.").await;
        let events = app.text_of("#dr-events").await;
        for expected in [
            "The local authority engaged",
            "The family agreed to take part",
            "Hillside Primary School agreed to take part",
            "came: Rhian Jones, Ms Clarke, head teacher; supporters: Mrs Patel, SENCo",
            "Outcome: partly resolved (1 resolved, 1 partly resolved, 0 not resolved)",
        ] {
            assert!(events.contains(expected), "{expected:?} missing from:\n{events}");
        }
        assert!(app.text_of("#dr-stage").await.contains("Meeting held"));
        // A note of what was said: confidential, never on the record of outcome.
        app.type_into("#new-note", "Said in the meeting: the budget is the real problem").await;
        app.click("#new-note ~ button[type=submit]").await;
        app.wait_for_text("the budget is the real problem").await;
        app.screenshot("case-disagreement").await;
        for v in app.accessibility_violations().await {
            report.push(format!("case (disagreement resolution): {v}"));
        }

        // The record of outcome every party may have: the points, not the notes.
        app.click("#dr-record").await;
        app.wait_for_text("Record of outcome written and opened").await;
        let pdf = std::fs::read(app.printed(&format!("{reference}-record-of-outcome.pdf"))).unwrap();
        let words = common::pdf_text(&pdf);
        for expected in [
            "Record of outcome",
            "Weekly speech and language sessions in class",
            "A teaching assistant at lunchtime",
            "Partly resolved. What remains: Who pays for the afternoon hours",
            "Hillside Primary School: Send the family the speech and language timetable, by Fri 10 Apr 2026",
        ] {
            assert!(words.contains(expected), "{expected:?} missing from:\n{words}");
        }
        for secret in ["budget", "Mrs Patel", "Ms Clarke", "therapy report"] {
            assert!(!words.contains(secret), "{secret:?} printed:\n{words}");
        }

        // The report counts it under its kind and the school's type.
        app.click("#nav-reports").await;
        let figures = app.text_of("#report-disagreement").await;
        assert!(figures.contains("Requests\n1") && figures.contains("Went ahead (every party agreed)\n1"), "{figures}");
        let charts = script_text(
            &app,
            "return [...document.querySelectorAll('figure.bar-chart desc')].map(d => d.textContent).join('\\n');",
        )
        .await;
        assert!(charts.contains("Disagreement resolution requests, by kind: How duties are carried out 0, Special educational provision 1"), "{charts}");
        assert!(charts.contains("Disagreement resolution requests, by the other party's type: Local authority 0, Integrated care board (ICB) 0, Maintained school 1"), "{charts}");
        assert!(charts.contains("Disagreement resolution outcomes: Resolved 0, Partly resolved 1, Not resolved 0"), "{charts}");
        app.client
            .execute("document.querySelector('#report-disagreement').scrollIntoView({block: 'start'})", vec![])
            .await
            .unwrap();
        app.screenshot("reports-disagreement").await;

        // Settings: the service's targets, which can be turned off.
        app.click("#nav-settings").await;
        app.click("#targets-enabled").await;
        app.click("#save-targets").await;
        app.wait_for_text("Targets saved.").await;
        app.client.execute("document.querySelector('#targets').scrollIntoView({block: 'start'})", vec![]).await.unwrap();
        app.screenshot("settings-targets").await;
        assert!(report.is_empty(), "accessibility problems:\n{}", report.join("\n"));
        app.close().await;
    })
    .await;
}

#[test]
fn the_harness_unlocks_with_the_passphrase_the_command_line_sets_up() {
    assert_eq!(harness::PASSPHRASE, common::TEST_PASSPHRASE);
}

/// Press Ctrl+`key` wherever the focus is.
async fn ctrl(app: &App, key: &str) {
    app.keys(&format!("{CTRL}{key}{RELEASE}")).await;
}

#[tokio::test(flavor = "current_thread")]
async fn set_up_lock_with_ctrl_l_and_unlock_only_with_the_right_passphrase() {
    within(240, async {
        let app = App::start_locked("lock", |_| {}).await;
        // A new database: the Set-up screen, then the recovery code, once.
        assert_eq!(app.lock_screen().await.as_deref(), Some("set-up"));
        app.screenshot("set-up").await;
        let mut problems = app.accessibility_violations().await;
        app.type_into("#passphrase", "too short").await;
        app.type_into("#confirm", "too short").await;
        app.click("#set-up").await;
        app.wait_for_text("choose one of at least 10").await;
        app.type_into("#passphrase", harness::PASSPHRASE).await;
        app.type_into("#confirm", harness::PASSPHRASE).await;
        app.click("#set-up").await;
        app.wait_for("main[data-lock-screen=recovery-code]").await;
        let code = app.text_of("#recovery-code").await;
        assert_eq!(code.len(), 29, "{code}");
        assert_eq!(code.split('-').filter(|g| g.len() == 5).count(), 5, "{code}");
        app.screenshot("recovery-code").await;
        problems.extend(app.accessibility_violations().await);
        let carry_on = app.find("#continue").await;
        assert!(!carry_on.is_enabled().await.unwrap(), "Continue waits for the box to be ticked");
        app.click("#code-kept").await;
        app.click("#continue").await;
        app.wait_for("section[data-screen=today]").await;
        assert!(!app.body_text().await.contains(&code), "the recovery code is shown once");

        // Work on a case, then lock with Ctrl+L: the Unlock screen, and the
        // case is nowhere in the page.
        fill_refusal_call(&app, "Gwenllian Ap Rhys").await;
        app.click("#save-call").await;
        app.wait_for("section[data-screen=case]").await;
        app.wait_for_text("Gwenllian Ap Rhys").await;
        ctrl(&app, "l").await;
        app.wait_for("main[data-lock-screen=unlock]").await;
        let page = app.client.source().await.unwrap();
        assert!(!page.contains("Gwenllian") && !page.contains("Manchester"), "the case is gone from the page:\n{page}");
        assert!(app.client.find(fantoccini::Locator::Css("nav")).await.is_err(), "no navigation while locked");
        app.screenshot("unlock").await;

        // A wrong passphrase: one message under the box; still locked.
        app.unlock("not the passphrase").await;
        let said = app.text_of("#secret-error").await;
        assert!(said.contains("does not unlock"), "{said}");
        assert_eq!(app.lock_screen().await.as_deref(), Some("unlock"));
        app.screenshot("unlock-wrong-passphrase").await;
        problems.extend(app.accessibility_violations().await);
        assert!(problems.is_empty(), "accessibility problems on the lock screens:\n{}", problems.join("\n"));

        // The right one: Today again, and the case is there.
        app.unlock(harness::PASSPHRASE).await;
        app.wait_for("main[data-ready] section[data-screen=today]").await;
        assert!(app.client.find(fantoccini::Locator::Css("#secret")).await.is_err(), "the passphrase box is gone");
        app.click("#nav-cases").await;
        app.wait_for_text("Gwenllian Ap Rhys").await;
        app.close().await;
    })
    .await;
}

#[tokio::test(flavor = "current_thread")]
async fn the_recovery_code_unlocks_and_a_new_passphrase_replaces_the_forgotten_one() {
    within(240, async {
        let app = App::start("recovery").await;
        let code = app.recovery_code.clone().expect("the app set the database up");
        app.click("#lock-now").await;
        app.click("#use-recovery-code").await;
        // Typed as people do: lower case, spaces for dashes.
        app.type_into("#secret", &code.to_lowercase().replace('-', " ")).await;
        app.click("#unlock").await;
        app.wait_for("main[data-lock-screen=new-passphrase]").await;
        app.type_into("#passphrase", "a brand new passphrase").await;
        app.type_into("#confirm", "a brand new passphrase").await;
        app.click("#save-passphrase").await;
        app.wait_for("section[data-screen=today]").await;
        // The old passphrase no longer opens it; the new one does.
        ctrl(&app, "l").await;
        app.unlock(harness::PASSPHRASE).await;
        app.wait_for("#secret-error").await;
        app.unlock("a brand new passphrase").await;
        app.wait_for("section[data-screen=today]").await;
        app.close().await;
    })
    .await;
}

/// Each line of the case's "Who opened it" list, newest first.
async fn who_opened(app: &App) -> Vec<String> {
    let rows = app
        .client
        .execute("return Array.from(document.querySelectorAll('#access-log li')).map(li => li.innerText.trim());", vec![])
        .await
        .expect("the list of who opened the case");
    serde_json::from_value(rows).expect("a list of lines")
}

#[tokio::test(flavor = "current_thread")]
async fn the_retention_screen_anonymises_a_case_past_its_retention_and_a_case_is_erased_on_request() {
    within(300, async {
        let mut references = Vec::new();
        let app = App::start_with("retention", |dir| {
            // Closed on Thu 29 Mar 2018; the young person turned 25 on
            // Thu 1 May 2025, later than six years after closing: due since then.
            let old = cli_on(
                dir,
                "2018-03-01",
                &["case", "add", "-"],
                Some(
                    r#"{"caller":{"name":"Ewa Quartermaine"},"child":{"name":"Zebedee Quartermaine","date_of_birth":"2000-05-01"},"local_authority":"Oldham Council",
                        "facts":{"decision":{"kind":"refuse_to_assess","letter_dated":"2018-02-26","sent_on":"2018-03-01"},"first_contact_on":"2018-03-01"}}"#,
                ),
            );
            cli_on(dir, "2018-03-29", &["case", "close", &old, "--reason", "Family moved away"], None);
            // Closed on Fri 10 Jan 2025, a child of ten: kept until 2039.
            let recent = cli_on(
                dir,
                "2025-01-06",
                &["case", "add", "-"],
                Some(
                    r#"{"caller":{"name":"Rhian Kowalczyk"},"child":{"name":"Aled Kowalczyk","date_of_birth":"2014-06-03"},"local_authority":"Bury Council",
                        "facts":{"decision":{"kind":"refuse_to_assess","letter_dated":"2025-01-02","sent_on":"2025-01-03"},"first_contact_on":"2025-01-06"}}"#,
                ),
            );
            cli_on(dir, "2025-01-10", &["case", "close", &recent, "--reason", "Family decided not to appeal"], None);
            references = vec![old, recent];
        })
        .await;
        let (old, recent) = (references[0].clone(), references[1].clone());

        app.click("#nav-retention").await;
        let due = app.text_of("#disposals-due").await;
        assert!(
            due.contains(&old) && due.contains("Oldham Council") && due.contains("Thu 29 Mar 2018") && due.contains("Thu 1 May 2025"),
            "{due}"
        );
        assert!(!due.contains(&recent), "a case still in its retention is not listed: {due}");
        let page = app.body_text().await;
        assert!(!page.contains("Quartermaine") && !page.contains("Kowalczyk"), "the Retention screen names no one:\n{page}");
        let years = app.find("#retention-years").await.prop("value").await.unwrap();
        assert_eq!(years.as_deref(), Some("6"));
        app.screenshot("retention").await;
        let mut problems = app.accessibility_violations().await;

        // Asked first, saying what goes and what stays; then done.
        app.click("#anonymise-due").await;
        let said = app.text_of("#anonymise-dialog").await;
        assert!(said.contains("This cannot be undone") && said.contains(&old), "{said}");
        assert!(said.contains("Removed: the names of the child") && said.contains("Kept: the reference, local authority"), "{said}");
        app.screenshot("retention-confirm").await;
        problems.extend(app.accessibility_violations().await);
        app.click("#anonymise-dialog-confirm").await;
        app.wait_for_text_of("#disposal-done", "1 case was anonymised. The disposal log below records each.").await;
        let log = app.text_of("#disposal-log").await;
        assert!(
            log.contains(&old) && log.contains("Test Mediator") && log.contains("Retention ended") && log.contains("Retention period ended"),
            "{log}"
        );
        assert_eq!(app.text_of("#no-disposals-due").await, "No closed case is due for disposal today.");
        app.screenshot("retention-done").await;

        // The case now names no one.
        app.click("#nav-cases").await;
        app.select("#filter-status", "all").await;
        app.click(&format!("button[data-reference='{old}']")).await;
        app.wait_for_text_of("section[data-screen=case] h1", &format!("{old} · (erased)")).await;
        let page = app.wait_for_text("Anonymised").await;
        assert!(!page.contains("Quartermaine"), "the anonymised case names no one:\n{page}");
        assert!(page.contains("Oldham Council") && page.contains("(erased)"), "{page}");
        app.screenshot("case-anonymised").await;

        // The other case is erased on a person's request, from its own screen.
        app.click("#nav-cases").await;
        app.select("#filter-status", "all").await;
        app.click(&format!("button[data-reference='{recent}']")).await;
        app.wait_for_text("Aled Kowalczyk").await;
        app.click("details.erase-case summary").await;
        app.type_into("#erase-reason", "DSAR-2026-014").await;
        app.click("#erase-case").await;
        let said = app.text_of("#erase-dialog").await;
        assert!(said.contains(&format!("Erase {recent} on request?")) && said.contains("This cannot be undone"), "{said}");
        app.screenshot("case-erase-confirm").await;
        problems.extend(app.accessibility_violations().await);
        app.click("#erase-dialog-confirm").await;
        app.wait_for("#erased-message").await;
        app.wait_for_text_of("section[data-screen=case] h1", &format!("{recent} · (erased)")).await;
        assert!(!app.body_text().await.contains("Kowalczyk"));
        app.click("#nav-retention").await;
        app.wait_until("the request in the disposal log", || app.text_of("#disposal-log"), |log| log.contains(&recent)).await;
        let log = app.text_of("#disposal-log").await;
        assert!(log.contains("A person's request") && log.contains("DSAR-2026-014"), "{log}");
        assert!(problems.is_empty(), "accessibility problems:\n{}", problems.join("\n"));
        app.close().await;
    })
    .await;
}

#[tokio::test(flavor = "current_thread")]
async fn opening_a_case_is_recorded_and_its_record_says_who_opened_it() {
    within(180, async {
        let app = App::start_with("who-opened", |dir| {
            add_case_with_cli(
                dir,
                r#"{"caller":{"name":"Ewa Nowak"},"child":{"name":"Oliver Brown"},"local_authority":"Bury Council",
                    "facts":{"decision":{"kind":"refuse_to_assess","letter_dated":"2026-03-02","sent_on":"2026-03-02"},"first_contact_on":"2026-03-09"}}"#,
            );
            // A manager looked at it from the command line first.
            cli(dir, &["case", "show", "MD-2026-0001", "--as", "Bea Manager"]);
        })
        .await;
        open_first_case(&app).await;
        app.click("#tab-access").await;
        let rows = app.wait_until("two openings", || who_opened(&app), |rows| rows.len() == 2).await;
        assert!(rows[0].ends_with("· Test Mediator") && rows[0].contains("UTC"), "newest first: {rows:?}");
        assert!(rows[1].ends_with("· Bea Manager"), "{rows:?}");
        app.client.execute("document.getElementById('record-title').scrollIntoView()", vec![]).await.unwrap();
        app.screenshot("case-who-opened").await;
        let problems = app.accessibility_violations().await;
        assert!(problems.is_empty(), "accessibility problems:\n{}", problems.join("\n"));
        // Saving a note reads the case again: not another opening. Opening it again is.
        app.click("#tab-history").await;
        app.type_into("#new-note", "Rang back about the meeting").await;
        app.click("#add-note").await;
        app.wait_for_text("Rang back about the meeting").await;
        let history = app.text_of("#panel-history").await;
        assert!(history.contains("created") && history.contains("note added"), "{history}");
        app.click("#tab-access").await;
        assert_eq!(who_opened(&app).await.len(), 2);
        app.click("#nav-today").await;
        open_first_case(&app).await;
        app.click("#tab-access").await;
        let rows = app.wait_until("three openings", || who_opened(&app), |rows| rows.len() == 3).await;
        assert!(rows[0].ends_with("· Test Mediator") && rows[2].ends_with("· Bea Manager"), "{rows:?}");
        app.close().await;
    })
    .await;
}
