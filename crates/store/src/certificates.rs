//! The certificate register: the rows, the numbering and the transaction
//! each issue, void, re-issue and exemption letter runs in. What a
//! certificate says and how it looks are the application's (desk's
//! `certificates`): it passes a drafter that checks the case and renders
//! the PDF, and this module calls it inside one immediate transaction:
//!
//! 1. read the case, the settings and the issuer, and have the drafter
//!    check the facts the kind needs and render;
//! 2. allocate the next number: `<prefix>-<year>-<nnnnn>`, the sequence
//!    per prefix and per year of the date of issue, one more than the
//!    highest in the register (rows are never deleted, so no gaps and no
//!    duplicates; `number` is UNIQUE besides);
//! 3. render the PDF, hash it (SHA-256) and insert the row with the bytes;
//! 4. append the certificate to the case's facts, recompute its clocks,
//!    and write a history entry.
//!
//! Anything failing rolls the whole transaction back: no number is used.
//! SQLite triggers refuse any edit of an issued certificate except voiding
//! it once, and refuse deleting one.
//!
//! A preview (`preview_certificate`) runs the same checks and renders with
//! `PREVIEW: NOT ISSUED` where the number goes; nothing is saved and no
//! number is used.

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::cases::{self, CaseRecord};
use super::{history, now_stamp, settings, today, validate, Result, Store, StoreError};
use law::calendar::dates;
use law::calendar::Calendar;
use law::facts::{CaseFacts, CertificateKind, Issue};
use law::rules::choices::CountingChoices;

/// The number printed on a preview, in place of a real one.
pub const PREVIEW_NUMBER: &str = "PREVIEW: NOT ISSUED";

/// A certificate number: `GM-2026-00042`.
pub fn format_number(prefix: &str, year: i32, seq: i64) -> String {
    format!("{prefix}-{year:04}-{seq:05}")
}

/// The kind's name as stored and typed (`declined`, `after_mediation`).
pub fn kind_name(kind: CertificateKind) -> String {
    law::serde_names::name_of(kind)
}

/// The kind from its stored name (`after-mediation` is accepted too).
pub fn kind_from_name(text: &str) -> Option<CertificateKind> {
    law::serde_names::from_name(&text.trim().replace('-', "_"))
}

/// What drafting a certificate needs besides the case: read by the store
/// inside the issue's transaction and handed to the drafter.
pub struct IssueRequest<'a> {
    pub kind: CertificateKind,
    pub issued_on: NaiveDate,
    pub service: &'a settings::ServiceSettings,
    /// The staff member issuing it.
    pub issuer: &'a crate::StaffMember,
    /// The number to print (a real one, or [`PREVIEW_NUMBER`]).
    pub number: String,
    pub replaces: Option<String>,
    /// For after mediation: the issues resolved (the rest of the case's
    /// issues are printed as not resolved).
    pub resolved: &'a [Issue],
    pub cal: &'a Calendar,
    pub choices: &'a CountingChoices,
}

/// A certificate the drafter checked and rendered: the bytes and what the
/// register records beside them.
#[derive(Debug, Clone)]
pub struct DraftedCertificate {
    pub pdf: Vec<u8>,
    /// The engine's due date for issuing this kind (None: no clock).
    pub due_on: Option<NaiveDate>,
    /// The date of issue is after `due_on`.
    pub late: bool,
    /// The appeal deadline the certificate prints.
    pub appeal_deadline: NaiveDate,
    /// The issuer's registration as printed.
    pub issuer_registration: String,
    /// The case's facts with this certificate added.
    pub facts_after: CaseFacts,
}

/// The application's side of issuing: check the case against the request
/// and render the certificate; an error refuses the issue (nothing saved).
pub type CertificateDrafter<'d> = &'d dyn Fn(&CaseRecord, &IssueRequest) -> Result<DraftedCertificate>;

/// What an exemption letter needs: read inside its transaction.
pub struct LetterRequest<'a> {
    pub case: &'a CaseRecord,
    pub service: &'a settings::ServiceSettings,
    pub signer: Option<&'a crate::StaffMember>,
    pub dated: NaiveDate,
    pub cal: &'a Calendar,
    pub choices: &'a CountingChoices,
}

/// The application's side of an exemption letter: check and render it.
pub type LetterDrafter<'d> = &'d dyn Fn(&LetterRequest) -> Result<Vec<u8>>;

/// The lateness of an issue: the date of issue is after the engine's due
/// date for the kind (3 working days after the trigger).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct LateWarning {
    pub due_on: NaiveDate,
    pub issued_on: NaiveDate,
    /// One line for a person: "issued late: due by ..., issued ...".
    pub message: String,
}

/// What issuing (or re-issuing) returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedRecord {
    pub number: String,
    pub late: Option<LateWarning>,
    /// The exact bytes stored.
    pub pdf: Vec<u8>,
    pub sha256: String,
}

/// One row of the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct CertificateRecord {
    pub number: String,
    pub reference: String,
    /// The child's name as the case has it now (none if the case was deleted).
    pub child: Option<String>,
    /// The case's local authority (none if the case was deleted).
    pub local_authority: Option<String>,
    /// `declined`, `withdrawn`, `deemed` or `after_mediation`.
    pub kind: String,
    pub issued_on: NaiveDate,
    pub issued_by: String,
    pub due_on: Option<NaiveDate>,
    pub late: bool,
    pub appeal_deadline: NaiveDate,
    pub replaces: Option<String>,
    /// The certificate that replaced this one, if it was re-issued.
    pub replaced_by: Option<String>,
    pub voided_at: Option<String>,
    pub void_reason: Option<String>,
    pub voided_by: Option<String>,
    pub sha256: String,
    pub issued_at: String,
    pub who: String,
}

/// Which register rows to list.
#[derive(Debug, Clone, Default)]
pub struct CertificateFilter {
    /// Only this case's certificates.
    pub reference: Option<String>,
    /// Leave out voided ones.
    pub in_force_only: bool,
    /// Only voided ones.
    pub voided_only: bool,
    /// Only this kind (`declined`, `withdrawn`, `deemed`, `after_mediation`).
    pub kind: Option<String>,
    /// Issued on or after this date.
    pub issued_from: Option<NaiveDate>,
    /// Issued on or before this date.
    pub issued_to: Option<NaiveDate>,
    /// Text in the number, the case reference, the child's name or the LA:
    /// a plain substring match, ignoring case for ASCII letters.
    pub search: Option<String>,
}

/// How the caller names the issuer and the issues resolved.
#[derive(Debug, Clone, Default)]
pub struct IssueOptions {
    /// The staff member issuing; `None`: the only one with the right role.
    pub issued_by: Option<String>,
    /// After mediation: the case's issues that were resolved.
    pub resolved: Vec<Issue>,
}

/// Refuse a date (field `date`) after `today`, the caller's today: a
/// certificate or letter is not dated in the future.
fn not_future(dated: NaiveDate, today: NaiveDate) -> Result<()> {
    if dated > today {
        return Err(StoreError::bad("date", format!("{} is in the future", dates::long(dated))));
    }
    Ok(())
}

/// A date of issue or a letter's date (field `date`), checked before the
/// case is judged against it (a date before the case's facts would make
/// them look "more than a year from today"): not before the decision
/// letter the certificate or letter is about.
fn check_dated(dated: NaiveDate, case: &CaseRecord) -> Result<()> {
    if let Some(letter) = case.facts.decision.letter_dated.filter(|letter| dated < *letter) {
        return Err(StoreError::bad(
            "date",
            format!("{} is before the decision letter it is about (dated {})", dates::long(dated), dates::long(letter)),
        ));
    }
    Ok(())
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn late_warning(due_on: Option<NaiveDate>, issued_on: NaiveDate, late: bool) -> Option<LateWarning> {
    let due_on = due_on.filter(|_| late)?;
    Some(LateWarning {
        due_on,
        issued_on,
        message: format!(
            "issued late: the certificate was due by {} (3 working days), and is dated {}; the lateness is recorded",
            dates::long(due_on),
            dates::long(issued_on)
        ),
    })
}

/// The staff member named, or the only one of the role the kind needs.
fn issuer(conn: &Connection, kind: CertificateKind, name: Option<&str>) -> Result<super::StaffMember> {
    match name {
        Some(name) => super::people::staff_by_name(conn, name)?.ok_or_else(|| {
            StoreError::bad("issued_by", format!("{name} is not one of the service's staff (staff add NAME ...)"))
        }),
        None => {
            let role = law::people::issuer_role(kind);
            let mut fitting: Vec<_> = super::people::all_staff(conn)?.into_iter().filter(|s| s.role == role).collect();
            match fitting.len() {
                1 => Ok(fitting.remove(0)),
                0 => Err(StoreError::bad(
                    "issued_by",
                    format!("no {} is recorded (staff add NAME --role ... --registration REG)", role_word(role)),
                )),
                _ => Err(StoreError::bad("issued_by", format!("name the {} issuing it (--by NAME)", role_word(role)))),
            }
        }
    }
}

fn role_word(role: super::StaffRole) -> &'static str {
    role.words()
}

/// The next free number for `prefix` in `year`.
fn next_number(conn: &Connection, prefix: &str, year: i32) -> Result<(i64, String)> {
    let highest: Option<i64> = conn
        .prepare_cached("SELECT max(seq) FROM certificates WHERE prefix = ?1 AND year = ?2")?
        .query_row(params![prefix, year], |r| r.get(0))?;
    let seq = highest.unwrap_or(0) + 1;
    Ok((seq, format_number(prefix, year, seq)))
}

/// Write a case's new facts, its route and clocks (if open).
fn rewrite_facts(tx: &Transaction, case_id: i64, case: &CaseRecord, facts: &CaseFacts, today: NaiveDate) -> Result<()> {
    let (cal, choices) = (settings::calendar_in(tx)?, settings::choices_in(tx)?);
    let timeline = law::rules::timeline(facts, &cal, &choices, today);
    tx.prepare_cached("UPDATE cases SET facts = ?2, route = ?3, updated_at = ?4 WHERE id = ?1")?.execute(params![
        case_id,
        cases::facts_json(facts)?,
        cases::route_name(&timeline),
        now_stamp()
    ])?;
    if case.status == "open" {
        today::write_clocks(tx, case_id, &timeline)?;
    }
    Ok(())
}

const SELECT: &str = "SELECT c.number, c.reference, c.kind, c.issued_on, c.issued_by, c.due_on, c.late, c.appeal_deadline,
        c.replaces, (SELECT r.number FROM certificates r WHERE r.replaces = c.number),
        c.voided_at, c.void_reason, c.voided_by, c.sha256, c.issued_at, c.who,
        (SELECT p.name FROM people p WHERE p.case_id = k.id AND p.part = 'child' ORDER BY p.position LIMIT 1),
        (SELECT o.name FROM organisations o WHERE o.id = k.la_id)
 FROM certificates c LEFT JOIN cases k ON k.reference = c.reference";

fn row(r: &rusqlite::Row) -> rusqlite::Result<CertificateRecord> {
    Ok(CertificateRecord {
        number: r.get(0)?,
        reference: r.get(1)?,
        child: r.get(16)?,
        local_authority: r.get(17)?,
        kind: r.get(2)?,
        issued_on: r.get(3)?,
        issued_by: r.get(4)?,
        due_on: r.get(5)?,
        late: r.get(6)?,
        appeal_deadline: r.get(7)?,
        replaces: r.get(8)?,
        replaced_by: r.get(9)?,
        voided_at: r.get(10)?,
        void_reason: r.get(11)?,
        voided_by: r.get(12)?,
        sha256: r.get(13)?,
        issued_at: r.get(14)?,
        who: r.get(15)?,
    })
}

fn record_in(conn: &Connection, number: &str) -> Result<CertificateRecord> {
    conn.prepare_cached(&format!("{SELECT} WHERE c.number = ?1"))?
        .query_row([number], row)
        .optional()?
        .ok_or_else(|| StoreError::bad("number", format!("no certificate has the number {}", dates::shorten(number))))
}

/// A dry run (nothing written) or a real issue, which refreshes the case's
/// clocks on `today` (or on the date of issue, if later).
#[derive(Clone, Copy)]
enum Run {
    Preview,
    Issue { today: NaiveDate },
}

/// What to issue, inside `tx`.
struct Plan<'a> {
    reference: &'a str,
    kind: CertificateKind,
    issued_on: NaiveDate,
    options: &'a IssueOptions,
    replaces: Option<String>,
}

/// Check, number, render; and unless `run` is a preview, record the certificate,
/// add it to the case's facts and write the history, all inside `tx`.
fn issue_in(tx: &Transaction, plan: &Plan, who: &str, run: Run, draft: CertificateDrafter) -> Result<IssuedRecord> {
    let preview = matches!(run, Run::Preview);
    let case_id = cases::case_id(tx, plan.reference)?;
    let case = cases::read_record(tx, case_id)?;
    check_dated(plan.issued_on, &case)?;
    let service = settings::service_in(tx)?;
    let (cal, choices) = (settings::calendar_in(tx)?, settings::choices_in(tx)?);
    let issuer = issuer(tx, plan.kind, plan.options.issued_by.as_deref())?;
    let prefix = service.certificate_prefix.trim().trim_end_matches('-').to_string();
    if prefix.is_empty() && !preview {
        return Err(StoreError::bad(
            "settings.certificate_prefix",
            "is required to number certificates (settings set --certificate-prefix GM)",
        ));
    }
    let (seq, number) = if preview { (0, PREVIEW_NUMBER.to_string()) } else { next_number(tx, &prefix, plan.issued_on.year())? };
    let request = IssueRequest {
        kind: plan.kind,
        issued_on: plan.issued_on,
        service: &service,
        issuer: &issuer,
        number: number.clone(),
        replaces: plan.replaces.clone(),
        resolved: &plan.options.resolved,
        cal: &cal,
        choices: &choices,
    };
    let prepared = draft(&case, &request)?;
    let pdf = prepared.pdf;
    let sha256 = sha256_hex(&pdf);
    let late = late_warning(prepared.due_on, plan.issued_on, prepared.late);
    let today = match run {
        Run::Preview => return Ok(IssuedRecord { number, late, pdf, sha256 }),
        Run::Issue { today } => today,
    };
    let resolved = serde_json::to_string(&plan.options.resolved)?;
    tx.prepare_cached(
        "INSERT INTO certificates (number, prefix, year, seq, reference, kind, issued_on, issued_by,
                                   issued_by_registration, resolved, due_on, late, appeal_deadline, replaces,
                                   pdf, sha256, issued_at, who)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    )?
    .execute(params![
        number,
        prefix,
        plan.issued_on.year(),
        seq,
        plan.reference,
        kind_name(plan.kind),
        plan.issued_on,
        issuer.name,
        prepared.issuer_registration,
        resolved,
        prepared.due_on,
        prepared.late,
        prepared.appeal_deadline,
        plan.replaces,
        pdf,
        sha256,
        now_stamp(),
        who
    ])?;
    rewrite_facts(tx, case_id, &case, &prepared.facts_after, today.max(plan.issued_on))?;
    let mut changes = vec![
        serde_json::json!({"field": "certificate.number", "before": null, "after": number}),
        serde_json::json!({"field": "certificate.kind", "before": null, "after": kind_name(plan.kind)}),
        serde_json::json!({"field": "certificate.issued_on", "before": null, "after": plan.issued_on}),
        serde_json::json!({"field": "certificate.issued_by", "before": null, "after": issuer.name}),
        serde_json::json!({"field": "certificate.sha256", "before": null, "after": sha256}),
    ];
    if let Some(l) = &late {
        changes.push(serde_json::json!({"field": "certificate.late", "before": null, "after": format!("due by {}", l.due_on)}));
    }
    if let Some(r) = &plan.replaces {
        changes.push(serde_json::json!({"field": "certificate.replaces", "before": null, "after": r}));
    }
    let action = if plan.replaces.is_some() {
        history::HistoryAction::CertificateReissued
    } else {
        history::HistoryAction::CertificateIssued
    };
    history::append(tx, plan.reference, who, action, &serde_json::Value::Array(changes))?;
    Ok(IssuedRecord { number, late, pdf, sha256 })
}

impl Store {
    /// Issue a certificate of `kind` for the case, dated `issued_on`: see
    /// the module's notes. Refused (nothing written, no number used) with
    /// `StoreError::BadInput` naming the field when a fact the kind needs
    /// is missing, the case needs no certificate, one is already in force,
    /// the issuer is wrong, the date is after `today`, or a name cannot be
    /// printed. Late issues are recorded and returned in `late`.
    #[allow(clippy::too_many_arguments, reason = "the workflow's six arguments, the caller's today and the drafter")]
    pub fn issue_certificate_with(
        &mut self,
        reference: &str,
        kind: CertificateKind,
        issued_on: NaiveDate,
        options: &IssueOptions,
        who: &str,
        today: NaiveDate,
        draft: CertificateDrafter,
    ) -> Result<IssuedRecord> {
        validate::name("who", who, true)?;
        not_future(issued_on, today)?;
        let tx = self.begin()?;
        let plan = Plan { reference, kind, issued_on, options, replaces: None };
        let record = issue_in(&tx, &plan, who, Run::Issue { today }, draft)?;
        tx.commit()?;
        Ok(record)
    }

    /// The certificate as it would be issued, with `PREVIEW: NOT ISSUED`
    /// for the number: the same checks, nothing saved, no number used.
    pub fn preview_certificate_with(
        &mut self,
        reference: &str,
        kind: CertificateKind,
        issued_on: NaiveDate,
        options: &IssueOptions,
        draft: CertificateDrafter,
    ) -> Result<IssuedRecord> {
        let tx = self.begin()?;
        let plan = Plan { reference, kind, issued_on, options, replaces: None };
        let record = issue_in(&tx, &plan, "preview", Run::Preview, draft)?;
        tx.rollback()?;
        Ok(record)
    }

    /// The exact PDF bytes stored for a certificate (voided ones too),
    /// checked against the SHA-256 recorded at issue.
    pub fn certificate_pdf(&self, number: &str) -> Result<Vec<u8>> {
        let (pdf, sha): (Vec<u8>, String) = self
            .conn
            .prepare_cached("SELECT pdf, sha256 FROM certificates WHERE number = ?1")?
            .query_row([number], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or_else(|| StoreError::bad("number", format!("no certificate has the number {}", dates::shorten(number))))?;
        if sha256_hex(&pdf) != sha {
            return Err(StoreError::Other(format!(
                "the stored PDF of certificate {number} does not match the SHA-256 recorded when it was issued (the database is damaged: restore a backup)"
            )));
        }
        Ok(pdf)
    }

    /// The folder the database is in: print copies and previews go there.
    pub fn data_dir(&self) -> std::path::PathBuf {
        match self.path().parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        }
    }

    /// One certificate's register entry.
    pub fn certificate(&self, number: &str) -> Result<CertificateRecord> {
        record_in(&self.conn, number)
    }

    /// The register, oldest first.
    pub fn certificates(&self, filter: &CertificateFilter) -> Result<Vec<CertificateRecord>> {
        let mut sql = format!("{SELECT} WHERE 1");
        let mut args: Vec<&dyn rusqlite::ToSql> = Vec::new();
        if let Some(r) = &filter.reference {
            sql.push_str(" AND c.reference = ?");
            args.push(r);
        }
        if filter.in_force_only {
            sql.push_str(" AND c.voided_at IS NULL");
        }
        if filter.voided_only {
            sql.push_str(" AND c.voided_at IS NOT NULL");
        }
        if let Some(k) = &filter.kind {
            sql.push_str(" AND c.kind = ?");
            args.push(k);
        }
        if let Some(d) = &filter.issued_from {
            sql.push_str(" AND c.issued_on >= ?");
            args.push(d);
        }
        if let Some(d) = &filter.issued_to {
            sql.push_str(" AND c.issued_on <= ?");
            args.push(d);
        }
        let pattern = filter.search.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(|s| format!("%{s}%"));
        if let Some(p) = &pattern {
            sql.push_str(
                " AND (c.number LIKE ? OR c.reference LIKE ?
                   OR EXISTS (SELECT 1 FROM people p WHERE p.case_id = k.id AND p.part = 'child' AND p.name LIKE ?)
                   OR EXISTS (SELECT 1 FROM organisations o WHERE o.id = k.la_id AND o.name LIKE ?))",
            );
            args.extend([p as &dyn rusqlite::ToSql, p, p, p]);
        }
        sql.push_str(" ORDER BY c.id");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(args.as_slice(), row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Void a certificate, with a reason. The row and its PDF are kept; the
    /// case's facts mark it voided, so the clocks and the appeal deadline
    /// follow the certificate in force (if any), recomputed on `today`.
    pub fn void_certificate(&mut self, number: &str, reason: &str, who: &str, today: NaiveDate) -> Result<()> {
        validate::name("who", who, true)?;
        validate::text("reason", reason, validate::MAX_TEXT_CHARS, true, true)?;
        let tx = self.begin()?;
        let record = record_in(&tx, number)?;
        if let Some(at) = &record.voided_at {
            return Err(StoreError::bad("number", format!("{number} was already voided ({at})")));
        }
        tx.prepare_cached("UPDATE certificates SET voided_at = ?2, void_reason = ?3, voided_by = ?4 WHERE number = ?1")?
            .execute(params![number, now_stamp(), reason, who])?;
        // The case may have been deleted; the register keeps the row.
        if let Some(case_id) = tx
            .prepare_cached("SELECT id FROM cases WHERE reference = ?1")?
            .query_row([&record.reference], |r| r.get::<_, i64>(0))
            .optional()?
        {
            let case = cases::read_record(&tx, case_id)?;
            let mut facts = case.facts.clone();
            for c in facts.certificates.iter_mut().filter(|c| c.number.as_deref() == Some(number)) {
                c.voided = true;
            }
            rewrite_facts(&tx, case_id, &case, &facts, today)?;
        }
        history::append(
            &tx,
            &record.reference,
            who,
            history::HistoryAction::CertificateVoided,
            &serde_json::json!([
                {"field": "certificate.number", "before": number, "after": number},
                {"field": "certificate.voided", "before": false, "after": true},
                {"field": "certificate.void_reason", "before": null, "after": reason},
            ]),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Issue a new certificate replacing a voided one: the same case, kind,
    /// issuer and issues resolved, from the case's facts as they are now
    /// (so a corrected name prints corrected), with a new number, the new
    /// date of issue, and "replaces NUMBER" printed. The voided one must
    /// not have been replaced already, and the new date not after `today`.
    pub fn reissue_certificate_with(
        &mut self,
        number: &str,
        issued_on: NaiveDate,
        who: &str,
        today: NaiveDate,
        draft: CertificateDrafter,
    ) -> Result<IssuedRecord> {
        validate::name("who", who, true)?;
        not_future(issued_on, today)?;
        let tx = self.begin()?;
        let original = record_in(&tx, number)?;
        if original.voided_at.is_none() {
            return Err(StoreError::bad(
                "number",
                format!("{number} is in force: void it first (certificate void {number} --reason ...), then re-issue"),
            ));
        }
        if let Some(by) = &original.replaced_by {
            return Err(StoreError::bad("number", format!("{number} was already replaced by {by}")));
        }
        let kind = kind_from_name(&original.kind)
            .ok_or_else(|| StoreError::Other(format!("certificate {number} has an unknown kind '{}'", original.kind)))?;
        let resolved_text: String =
            tx.query_row("SELECT resolved FROM certificates WHERE number = ?1", [number], |r| r.get(0))?;
        let options =
            IssueOptions { issued_by: Some(original.issued_by.clone()), resolved: serde_json::from_str(&resolved_text)? };
        let plan =
            Plan { reference: &original.reference, kind, issued_on, options: &options, replaces: Some(number.to_string()) };
        let record = issue_in(&tx, &plan, who, Run::Issue { today }, draft)?;
        tx.commit()?;
        Ok(record)
    }

    /// The letter for a case that needs no certificate (placement only,
    /// health and social care only), dated `dated`, signed by the staff
    /// member named (if any), not after `today`. Not stored; the history
    /// records it.
    pub fn exemption_letter_with(
        &mut self,
        reference: &str,
        dated: NaiveDate,
        signed_by: Option<&str>,
        who: &str,
        today: NaiveDate,
        draft: LetterDrafter,
    ) -> Result<Vec<u8>> {
        validate::name("who", who, true)?;
        not_future(dated, today)?;
        let tx = self.begin()?;
        let case = cases::read_record(&tx, cases::case_id(&tx, reference)?)?;
        check_dated(dated, &case)?;
        let service = settings::service_in(&tx)?;
        let (cal, choices) = (settings::calendar_in(&tx)?, settings::choices_in(&tx)?);
        let signer = match signed_by {
            Some(name) => Some(
                super::people::staff_by_name(&tx, name)?
                    .ok_or_else(|| StoreError::bad("signed_by", format!("{name} is not one of the service's staff")))?,
            ),
            None => None,
        };
        let pdf = draft(&LetterRequest {
            case: &case,
            service: &service,
            signer: signer.as_ref(),
            dated,
            cal: &cal,
            choices: &choices,
        })?;
        history::append(
            &tx,
            reference,
            who,
            history::HistoryAction::ExemptionLetterWritten,
            &serde_json::json!([
                {"field": "exemption_letter.dated", "before": null, "after": dated},
                {"field": "exemption_letter.sha256", "before": null, "after": sha256_hex(&pdf)},
            ]),
        )?;
        tx.commit()?;
        Ok(pdf)
    }
}
