//! A person's subject access request: everything held about one person (a
//! parent, a young person) across the cases that name them, in one zip
//! file: the data as JSON, the certificates as the PDFs that were issued,
//! and each case's history. Other people's data is redacted (the other
//! parent, representatives, officers and staff: by name, wherever it
//! appears in the text), and so is what was said in mediation, which is
//! without prejudice (the points discussed and what remains, who attended
//! and what was shared, who agreed to do what). The file is plain, as a
//! response to the person must be: it says so before it is written.

use std::collections::BTreeSet;
use std::io::Write;

use chrono::NaiveDate;
use serde_json::{json, Value};

use crate::store::{CertificateFilter, Store, StoreError};
use crate::{DeskError, Result};

/// What stands in place of redacted data.
pub const REDACTED: &str = "[redacted]";
/// What stands in place of what was said in mediation.
pub const WITHOUT_PREJUDICE: &str = "[redacted: said in mediation, without prejudice]";

/// What the file holds, said before it is written.
pub const WARNING: &str = "This file is not encrypted: it holds the named person's personal data (names, dates of birth, \
contact details, notes, certificates and the history of their cases). Send it to them securely and do not keep a copy.";

/// The words of other people's names worth redacting on their own (a
/// surname said alone): three letters or more, not also in a name the
/// person may see.
fn words(name: &str) -> impl Iterator<Item = String> + '_ {
    name.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| w.chars().count() >= 3).map(str::to_string)
}

/// `text` with each whole-word `needle` (not a part of a longer word)
/// replaced by `REDACTED`.
fn replace_whole(text: &str, needle: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(needle) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + needle.len()..].chars().next();
        out.push_str(&rest[..at]);
        if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
            out.push_str(needle);
        } else {
            out.push_str(REDACTED);
        }
        rest = &rest[at + needle.len()..];
    }
    out.push_str(rest);
    out
}

/// Replace every mention of `hidden` (whole names, then their words) in
/// every string of `value`.
fn redact(value: &mut Value, hidden: &[String]) {
    match value {
        Value::String(text) => {
            for name in hidden {
                if text.contains(name.as_str()) {
                    *text = replace_whole(text, name);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| redact(v, hidden)),
        Value::Object(map) => map.values_mut().for_each(|v| redact(v, hidden)),
        _ => {}
    }
}

/// The subject access export for the person named `name`: the zip file's
/// bytes. Refused, naming the field, when no case names them.
pub fn export(store: &Store, name: &str, today: NaiveDate) -> Result<Vec<u8>> {
    let found = store.cases_naming(name)?;
    if found.is_empty() {
        return Err(DeskError::Store(StoreError::bad(
            "name",
            format!("no case names {:?} (the name must be as recorded)", name.trim()),
        )));
    }
    let service = store.service_settings()?;
    let staff: Vec<String> = store.staff()?.into_iter().map(|s| s.name).collect();
    let mut cases = Vec::new();
    let mut pdfs: Vec<(String, Vec<u8>)> = Vec::new();
    for person in &found {
        let record = store.case(&person.reference)?;
        // Whose data this case may show: the person, and the child the case
        // is about when the person is the child's parent or the appellant.
        let own = name.trim().to_lowercase();
        let is_own = |n: &str| n.trim().to_lowercase() == own;
        let mut shown: Vec<String> = vec![name.trim().to_string()];
        if person.part != "child" {
            shown.push(record.child.name.clone());
        }
        let mut others: BTreeSet<String> = staff.iter().cloned().collect();
        let mut people = Vec::new();
        for (part, person_name, born, extra) in record
            .caller
            .iter()
            .map(|p| ("caller", p.name.clone(), p.date_of_birth, Value::Null))
            .chain(record.appellant.iter().map(|a| {
                ("appellant", a.name.clone(), a.date_of_birth, json!({"relationship": a.relationship, "contact": a.contact}))
            }))
            .chain(std::iter::once(("child", record.child.name.clone(), record.child.date_of_birth, Value::Null)))
            .chain(record.representatives.iter().map(|p| ("representative", p.name.clone(), p.date_of_birth, Value::Null)))
        {
            let visible = shown.iter().any(|s| s.trim().to_lowercase() == person_name.trim().to_lowercase());
            if visible {
                people.push(json!({"part": part, "name": person_name, "date_of_birth": born, "details": extra}));
            } else {
                others.insert(person_name.clone());
                people.push(json!({"part": part, "name": REDACTED}));
            }
        }
        for note in &record.notes {
            others.insert(note.author.clone());
        }
        let history = store.history(&person.reference)?;
        for entry in &history {
            others.insert(entry.who.clone());
        }
        // Whole names first, then their words not shared with a shown name.
        let shown_words: BTreeSet<String> = shown.iter().flat_map(|n| words(n).collect::<Vec<_>>()).collect();
        let mut hidden: Vec<String> = others.iter().filter(|n| !is_own(n) && !n.trim().is_empty()).cloned().collect();
        hidden.sort_by_key(|n| std::cmp::Reverse(n.len()));
        let mut word_list: Vec<String> = others
            .iter()
            .filter(|n| !is_own(n))
            .flat_map(|n| words(n).collect::<Vec<_>>())
            .filter(|w| !shown_words.contains(w))
            .collect();
        word_list.sort_by_key(|w| std::cmp::Reverse(w.len()));
        word_list.dedup();
        hidden.extend(word_list);

        let mut disagreement = record.disagreement.as_ref().map(serde_json::to_value).transpose().map_err(StoreError::from)?;
        if let Some(Value::Object(d)) = disagreement.as_mut() {
            for meeting in d.get_mut("meetings").and_then(Value::as_array_mut).into_iter().flatten() {
                for field in ["attended", "supporters", "reports_shared"] {
                    if let Some(v) = meeting.get_mut(field) {
                        *v = json!(WITHOUT_PREJUDICE);
                    }
                }
            }
            for point in d.get_mut("points").and_then(Value::as_array_mut).into_iter().flatten() {
                for field in ["point", "remains"] {
                    if let Some(v) = point.get_mut(field) {
                        *v = json!(WITHOUT_PREJUDICE);
                    }
                }
            }
            for action in d.get_mut("actions").and_then(Value::as_array_mut).into_iter().flatten() {
                for field in ["who", "what"] {
                    if let Some(v) = action.get_mut(field) {
                        *v = json!(WITHOUT_PREJUDICE);
                    }
                }
            }
        }
        let certificates = store
            .certificates(&CertificateFilter { reference: Some(person.reference.clone()), ..CertificateFilter::default() })?;
        let mut listed = Vec::new();
        for cert in &certificates {
            let pdf = store.certificate_pdf(&cert.number)?;
            let file = format!("certificates/{}.pdf", cert.number);
            listed.push(json!({"number": cert.number, "kind": cert.kind, "issued_on": cert.issued_on,
                "appeal_deadline": cert.appeal_deadline, "voided": cert.voided_at.is_some(), "file": file}));
            if !pdf.is_empty() {
                pdfs.push((file, pdf));
            }
        }
        let mut case = json!({
            "reference": record.reference,
            "their_part": person.part,
            "status": record.status,
            "opened_on": record.opened_on,
            "closed_on": record.closed_on,
            "local_authority": record.local_authority,
            "icb": record.icb,
            "people": people,
            "facts": record.facts,
            "disagreement": disagreement,
            "notes": record.notes.iter().map(|n| json!({"written_at": n.written_at, "text": n.text})).collect::<Vec<_>>(),
            "certificates": listed,
            "history": history.iter().map(|h| json!({"at": h.at, "action": h.action, "changes": h.changes})).collect::<Vec<_>>(),
        });
        redact(&mut case, &hidden);
        cases.push(case);
    }
    let document = json!({
        "subject_access_export": {
            "person": name.trim(),
            "made_on": today,
            "service": service.service_name,
            "redactions": format!("Other people's names and details are shown as {REDACTED}; what was said in mediation, which is without prejudice, as {WITHOUT_PREJUDICE}."),
        },
        "cases": cases,
    });
    let json = serde_json::to_vec_pretty(&document).map_err(StoreError::from)?;
    write_zip(&json, &pdfs, name.trim(), today)
}

fn write_zip(json: &[u8], pdfs: &[(String, Vec<u8>)], name: &str, today: NaiveDate) -> Result<Vec<u8>> {
    let failed = |e: zip::result::ZipError| DeskError::Write(format!("the subject access file could not be made: {e}"));
    let io_failed = |e: std::io::Error| DeskError::Write(format!("the subject access file could not be made: {e}"));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let readme = format!(
        "Subject access export for {name}, made on {today}.\n\n\
         subject-access.json: what is held about {name} in each case that names them, with the case's history.\n\
         certificates/: each certificate issued in those cases, as it was issued.\n\n\
         Other people's data, and what was said in mediation (without prejudice), are redacted.\n"
    );
    for (file, bytes) in [("README.txt", readme.as_bytes()), ("subject-access.json", json)] {
        zip.start_file(file, options).map_err(failed)?;
        zip.write_all(bytes).map_err(io_failed)?;
    }
    for (file, bytes) in pdfs {
        zip.start_file(file.as_str(), options).map_err(failed)?;
        zip.write_all(bytes).map_err(io_failed)?;
    }
    Ok(zip.finish().map_err(failed)?.into_inner())
}
