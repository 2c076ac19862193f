//! A case log from a spreadsheet (CSV): each row a case, each column
//! mapped to a field by a `Mapping`. Dates may be DD/MM/YYYY (UK) or
//! YYYY-MM-DD. A dry run (`preview`) shows the first rows and every
//! problem per row; `import` writes all rows in one transaction, or none.
//!
//! Row numbers count data rows from 1: the header is row 0, the first row
//! under it is row 1 (line 2 of the file, when no cell has a line break).
//! A problem reads, for example:
//! `row 3,201: 'Date sent' 31/02/2025 is not a date`
//! (thousands separated by commas, the header name quoted as in the file).

use chrono::NaiveDate;
use serde::Serialize;

use super::mapping::{Field, Mapping};
use crate::facts::{DecisionKind, Issue};
use crate::store::{CaseInput, Closing, PersonInput, Store, StoreError};
use crate::DeskError;

/// 3201 as "3,201".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// One row of the dry run.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export, rename = "ImportPreviewRow")]
pub struct PreviewRow {
    /// Counting data rows from 1 (the header is row 0).
    pub row: usize,
    /// (header, cell) for each mapped column.
    pub cells: Vec<(String, String)>,
    /// What is wrong with this row, one line each (`row 3: 'Date sent' 31/02/2025 is not a date`).
    pub problems: Vec<String>,
}

/// The dry run: the first rows, and every problem in the file.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export, rename = "ImportPreview")]
pub struct Preview {
    /// The header row's names, trimmed, as in the file.
    pub headers: Vec<String>,
    /// The mapping the dry run used.
    pub mapping: Mapping,
    /// The first rows of the file (10 on the Import screen), each with its cells and problems.
    pub rows: Vec<PreviewRow>,
    /// How many data rows the file has, not counting the header.
    pub total_rows: usize,
    /// Every problem, one line each, in row order.
    pub problems: Vec<String>,
}

fn squash(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

fn decision(text: &str) -> Option<DecisionKind> {
    Some(match squash(text).as_str() {
        "refusetoassess" | "refusaltoassess" => DecisionKind::RefuseToAssess,
        "refusetoreassess" | "refusaltoreassess" => DecisionKind::RefuseToReassess,
        "refusetoissueplan" | "refusetoissueaplan" | "refusaltoissueplan" | "refusaltoissueaplan" => {
            DecisionKind::RefuseToIssuePlan
        }
        "plancontents" | "contentsofplan" | "contents" => DecisionKind::PlanContents,
        "refusetoamendafterreview" | "refusetoamend" => DecisionKind::RefuseToAmendAfterReview,
        "ceasetomaintain" | "cease" => DecisionKind::CeaseToMaintain,
        _ => return None,
    })
}

fn issue(text: &str) -> Option<Issue> {
    Some(match squash(text).as_str() {
        "b" | "needs" | "needsb" | "sectionb" => Issue::NeedsB,
        "f" | "provision" | "provisionf" | "sectionf" => Issue::ProvisionF,
        "i" | "placement" | "placementi" | "school" | "sectioni" => Issue::PlacementI,
        "health" | "g" | "h1" | "gh1" | "healthg" => Issue::Health,
        "socialcare" | "h2" | "socialcareh2" => Issue::SocialCare,
        _ => return None,
    })
}

/// A kind of disagreement as a spreadsheet may spell it.
fn disagreement_kind(text: &str) -> Option<crate::disagreement::DisagreementKind> {
    use crate::disagreement::DisagreementKind::*;
    Some(match squash(text).as_str() {
        "duties" | "howdutiesarecarriedout" | "1" => Duties,
        "provision" | "specialeducationalprovision" | "senprovision" | "2" => Provision,
        "healthsocialcare" | "healthorsocialcare" | "healthandsocialcare" | "health" | "socialcare" | "3" => HealthSocialCare,
        "betweenservices" | "laandicb" | "4" => BetweenServices,
        _ => return None,
    })
}

/// An other party's type as a spreadsheet may spell it.
fn party_type(text: &str) -> Option<crate::disagreement::PartyType> {
    use crate::disagreement::PartyType::*;
    Some(match squash(text).as_str() {
        "localauthority" | "la" | "council" => LocalAuthority,
        "icb" | "integratedcareboard" => Icb,
        "maintainedschool" | "school" => MaintainedSchool,
        "maintainednursery" | "maintainednurseryschool" | "nursery" => MaintainedNursery,
        "academy" | "freeschool" | "academyorfreeschool" => Academy,
        "earlyyearsprovider" | "earlyyears" | "earlyyearssetting" => EarlyYearsProvider,
        "post16institution" | "college" | "fecollege" | "post16" => Post16Institution,
        "independentschool" | "independent" | "specialschool" | "independentornonmaintainedspecialschool" => IndependentSchool,
        _ => return None,
    })
}

/// A reader over the file's rows (a leading BOM dropped, rows of any
/// length), and its header row's names, trimmed.
pub(crate) fn open(text: &str) -> Result<(csv::Reader<&[u8]>, Vec<String>), String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| format!("the header row cannot be read ({e})"))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    Ok((reader, headers))
}

/// The headers and data rows of the file.
fn read(text: &str) -> Result<(Vec<String>, Vec<csv::StringRecord>), String> {
    let (mut reader, headers) = open(text)?;
    let mut rows = Vec::new();
    for (i, r) in reader.records().enumerate() {
        rows.push(r.map_err(|e| format!("row {}: cannot be read ({e})", thousands(i + 1)))?);
    }
    Ok((headers, rows))
}

/// Which column index fills each field; an error if the mapping names a
/// header the file lacks or leaves out a required field.
fn columns(headers: &[String], mapping: &Mapping) -> Result<Vec<(usize, Field)>, String> {
    for name in mapping.columns.keys() {
        if !headers.contains(name) {
            return Err(format!("mapping: the file has no column '{name}'"));
        }
    }
    let cols: Vec<(usize, Field)> = headers
        .iter()
        .enumerate()
        .filter_map(|(i, h)| mapping.columns.get(h).filter(|f| **f != Field::Ignore).map(|f| (i, *f)))
        .collect();
    for (need, words) in [(Field::ChildName, "child_name"), (Field::LocalAuthority, "local_authority")] {
        if !cols.iter().any(|(_, f)| *f == need) {
            return Err(format!("mapping: no column is mapped to {words} (required)"));
        }
    }
    Ok(cols)
}

/// One row as a case, or its problems.
fn case_of(
    row: usize,
    record: &csv::StringRecord,
    headers: &[String],
    cols: &[(usize, Field)],
) -> Result<CaseInput, Vec<String>> {
    let mut input = CaseInput::default();
    let mut problems = Vec::new();
    let mut child = PersonInput { name: String::new(), role: None, date_of_birth: None };
    // Disagreement resolution: the kind, the request's date, what about, the other party.
    let mut dr_kind = None;
    let mut dr_requested = None;
    let mut dr_about = String::new();
    let mut dr_party: (Option<String>, Option<crate::disagreement::PartyType>) = (None, None);
    let mut dr_headers: Vec<&str> = Vec::new();
    let at = |n: usize| format!("row {}", thousands(n));
    for (i, field) in cols {
        let value = record.get(*i).unwrap_or("").trim();
        let header = &headers[*i];
        if value.is_empty() {
            if matches!(field, Field::ChildName | Field::LocalAuthority) {
                problems.push(format!("{}: '{header}' is empty", at(row)));
            }
            continue;
        }
        let date = if field.is_date() {
            match crate::calendar::dates::parse(value) {
                Ok(d) => Some(d),
                Err(_) => {
                    problems.push(format!("{}: '{header}' {value} is not a date", at(row)));
                    continue;
                }
            }
        } else {
            None
        };
        let f = &mut input.facts;
        match field {
            // A reference of this app's form is kept; any other (a past
            // system's `OLD-001`) is kept beside the one the case is given.
            Field::Reference if crate::store::check_reference("reference", value).is_ok() => {
                input.reference = Some(value.to_string())
            }
            Field::Reference | Field::LegacyReference => {
                if let Some(other) = input.legacy_reference.as_ref().filter(|r| *r != value) {
                    problems.push(format!("{}: '{header}' {value}: the row already has the old reference {other}", at(row)));
                } else {
                    input.legacy_reference = Some(value.to_string());
                }
            }
            Field::OpenedOn => input.opened_on = date,
            Field::ChildName => child.name = value.to_string(),
            Field::ChildDateOfBirth => child.date_of_birth = date,
            Field::CallerName => input.caller = Some(PersonInput { name: value.to_string(), role: None, date_of_birth: None }),
            Field::LocalAuthority => input.local_authority = value.to_string(),
            Field::Icb => input.icb = Some(value.to_string()),
            Field::DecisionKind => match decision(value) {
                Some(k) => f.decision.kind = Some(k),
                None => problems.push(format!("{}: '{header}' {value} is not a decision this app knows", at(row))),
            },
            Field::DecisionLetterDated => f.decision.letter_dated = date,
            Field::DecisionSentOn => f.decision.sent_on = date,
            Field::Issues => {
                for part in value.split([';', ',', '/', '+']).map(str::trim).filter(|p| !p.is_empty()) {
                    match issue(part) {
                        Some(i) if !f.issues.contains(&i) => f.issues.push(i),
                        Some(_) => {}
                        None => problems.push(format!("{}: '{header}' {part} is not an issue this app knows", at(row))),
                    }
                }
            }
            Field::FirstContactOn => f.first_contact_on = date,
            Field::DeclinedOn => f.declined_on = date,
            Field::WithdrewOn => f.withdrew_on = date,
            Field::FamilyToldLaOn => f.family_told_la_on = date,
            Field::AdviserToldLaOn => f.adviser_told_la_on = date,
            Field::ConcludedOn => f.concluded_on = date,
            Field::Note => input.note = Some(value.to_string()),
            Field::DisagreementKind => match disagreement_kind(value) {
                Some(k) => dr_kind = Some(k),
                None => problems.push(format!(
                    "{}: '{header}' {value} is not a kind of disagreement this app knows (duties, provision, health or social care, between services)",
                    at(row)
                )),
            },
            Field::DisagreementRequestedOn => dr_requested = date,
            Field::DisagreementAbout => dr_about = value.to_string(),
            Field::OtherParty => dr_party.0 = Some(value.to_string()),
            Field::OtherPartyType => match party_type(value) {
                Some(t) => dr_party.1 = Some(t),
                None => problems.push(format!("{}: '{header}' {value} is not a type of organisation this app knows", at(row))),
            },
            Field::Ignore => {}
        }
        if matches!(
            field,
            Field::DisagreementKind
                | Field::DisagreementRequestedOn
                | Field::DisagreementAbout
                | Field::OtherParty
                | Field::OtherPartyType
        ) {
            dr_headers.push(header);
        }
    }
    if !dr_headers.is_empty() {
        match dr_kind {
            None => problems.push(format!(
                "{}: a disagreement resolution row needs its kind (it has {})",
                at(row),
                dr_headers.iter().map(|h| format!("'{h}'")).collect::<Vec<_>>().join(", ")
            )),
            Some(kind) => {
                let requested = dr_requested.or(input.opened_on).or(input.facts.first_contact_on);
                match requested {
                    None => problems.push(format!("{}: a disagreement resolution row needs the date it was requested", at(row))),
                    Some(on) => {
                        let mut d = crate::disagreement::Disagreement::new(kind, on, &dr_about);
                        match dr_party {
                            (Some(name), Some(party_type)) => {
                                d.other_parties.push(crate::disagreement::OtherParty { name, party_type, response: None })
                            }
                            (Some(_), None) => problems
                                .push(format!("{}: the other party needs its type (school, academy, LA, ICB, ...)", at(row))),
                            _ => {}
                        }
                        input.facts.service = crate::facts::Service::DisagreementResolution;
                        input.disagreement = Some(d);
                    }
                }
            }
        }
    }
    if input.facts.decision.letter_dated.is_none() {
        input.facts.decision.letter_dated = input.facts.decision.sent_on;
    }
    if input.opened_on.is_none() {
        input.opened_on = input.facts.first_contact_on;
    }
    input.child = Some(child);
    if problems.is_empty() {
        Ok(input)
    } else {
        Err(problems)
    }
}

/// The dry run: the first `first` rows with their cells and problems, and
/// every problem in the file. Writes nothing.
///
/// Each row that reads is also checked as the store will check it on
/// import (names, dates, facts that contradict each other), so a clean dry
/// run imports.
pub fn preview(text: &str, mapping: &Mapping, first: usize, today: NaiveDate) -> Result<Preview, String> {
    let (headers, records) = read(text)?;
    let cols = columns(&headers, mapping)?;
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for (i, record) in records.iter().enumerate() {
        let row_problems = match case_of(i + 1, record, &headers, &cols) {
            Ok(input) => match crate::store::check_case(&input, today) {
                Ok(()) => Vec::new(),
                Err(StoreError::BadInput { field, message }) => vec![row_problem(i + 1, &field, &message)],
                Err(other) => vec![format!("row {}: {other}", thousands(i + 1))],
            },
            Err(problems) => problems,
        };
        if i < first {
            let cells = cols.iter().map(|(c, _)| (headers[*c].clone(), record.get(*c).unwrap_or("").to_string())).collect();
            rows.push(PreviewRow { row: i + 1, cells, problems: row_problems.clone() });
        }
        problems.extend(row_problems);
    }
    Ok(Preview { headers, mapping: mapping.clone(), rows, total_rows: records.len(), problems })
}

/// "row 3,201: Date the letter was sent: ...": a problem the store found
/// with a row's case, its field in the mediators' words where known.
fn row_problem(row: usize, field: &str, message: &str) -> String {
    match crate::vocabulary::field_label(field) {
        Some(label) => format!("row {}: {label}: {message}", thousands(row)),
        None => format!("row {}: {field}: {message}", thousands(row)),
    }
}

/// The rows as cases, or the first problem (`DeskError::Import`).
pub fn parse(text: &str, mapping: &Mapping) -> crate::Result<Vec<CaseInput>> {
    let (headers, records) = read(text).map_err(DeskError::Import)?;
    let cols = columns(&headers, mapping).map_err(DeskError::Import)?;
    let mut cases = Vec::with_capacity(records.len());
    for (i, record) in records.iter().enumerate() {
        match case_of(i + 1, record, &headers, &cols) {
            Ok(c) => cases.push(c),
            Err(problems) => return Err(DeskError::Import(problems[0].clone())),
        }
    }
    Ok(cases)
}

/// Import every row as an open case, in one transaction: all or nothing.
/// Returns the references given. A wrong file or row is `DeskError::Import`,
/// naming the row.
pub fn import(store: &mut Store, text: &str, mapping: &Mapping, who: &str, today: NaiveDate) -> crate::Result<Vec<String>> {
    let cases = parse(text, mapping)?;
    let items: Vec<(CaseInput, Option<Closing>)> = cases.into_iter().map(|c| (c, None)).collect();
    store.load(&items, who, today).map_err(|e| match e {
        // `load` names the case as cases[i]; say the row instead.
        StoreError::BadInput { field, message } if field.starts_with("cases[") => {
            let (index, rest) = field["cases[".len()..].split_once(']').unwrap_or(("", ""));
            match index.parse::<usize>() {
                Ok(i) => DeskError::Import(row_problem(i + 1, rest.trim_start_matches('.'), &message)),
                Err(_) => DeskError::Store(StoreError::BadInput { field, message }),
            }
        }
        other => DeskError::Store(other),
    })
}
