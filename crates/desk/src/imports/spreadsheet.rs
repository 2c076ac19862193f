//! The Import screen's steps for a spreadsheet of past cases (the screen
//! reads the file the user chose): start from the saved column mapping (or guesses from the header
//! names), show the dry run with every problem per row, then import all or
//! nothing (`csv_cases::import`) and remember the mapping for next time.

use serde::Serialize;
use ts_rs::TS;

use super::csv_cases::{self, Preview};
use super::mapping::{Field, Mapping};
use crate::DeskError;

/// One field a column can be mapped to, for the screen's choices.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, rename = "ImportFieldChoice")]
pub struct FieldChoice {
    /// The field as stored in the mapping file (`child_name`).
    pub value: Field,
    /// The field in the mediators' words ("Child or young person's name").
    pub label: String,
}

/// What the Import screen shows for a file and a mapping.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ImportView {
    /// The name of the file the user chose, as the screen shows it.
    pub file: String,
    /// The dry run under the mapping: the first 10 rows and every problem in the file.
    pub preview: Preview,
    /// Every field a column can be mapped to, in the order the screen offers them.
    pub fields: Vec<FieldChoice>,
}

/// The header row's names, trimmed.
pub fn headers(text: &str) -> Result<Vec<String>, String> {
    Ok(super::csv_cases::open(text)?.1)
}

/// The mapping to start from: for each header, the saved mapping's field
/// if it has that header, else the guess from its name, else Ignore.
pub fn starting_mapping(headers: &[String], saved: Option<&Mapping>) -> Mapping {
    let mut mapping = Mapping::guess_from(headers);
    for (header, field) in mapping.columns.iter_mut() {
        if let Some(kept) = saved.and_then(|m| m.columns.get(header)) {
            *field = *kept;
        }
    }
    mapping
}

/// The dry run as the screen first shows it, under the mapping chosen, or
/// (none chosen yet) the one to start from: the `saved` mapping, else
/// guesses from the header names.
pub fn first_view(
    file: &str,
    text: &str,
    chosen: Option<&Mapping>,
    saved: Option<&Mapping>,
    today: chrono::NaiveDate,
) -> crate::Result<ImportView> {
    match chosen {
        Some(mapping) => view(file, text, mapping, today),
        None => {
            let headers = headers(text).map_err(|m| DeskError::bad("file", format!("{file}: {m}")))?;
            view(file, text, &starting_mapping(&headers, saved), today)
        }
    }
}

/// Import every row of `text`, all or nothing, and remember the mapping
/// for next time. Returns a sentence for the screen; a refusal says that
/// nothing was imported.
pub fn import(
    store: &mut crate::store::Store,
    text: &str,
    mapping: &Mapping,
    who: &str,
    today: chrono::NaiveDate,
) -> crate::Result<String> {
    let refs = csv_cases::import(store, text, mapping, who, today).map_err(|e| match e {
        DeskError::Import(m) => DeskError::Import(format!("{m}. Nothing was imported.")),
        other => other,
    })?;
    store.set_import_mapping(mapping, who)?;
    Ok(format!("Imported {} cases.", csv_cases::thousands(refs.len())))
}

/// The dry run of `text` under `mapping`, as the screen shows it.
pub fn view(file: &str, text: &str, mapping: &Mapping, today: chrono::NaiveDate) -> crate::Result<ImportView> {
    let preview = csv_cases::preview(text, mapping, 10, today).map_err(|m| DeskError::bad("file", m))?;
    let fields = Field::ALL.iter().map(|&f| FieldChoice { value: f, label: f.label().to_string() }).collect();
    Ok(ImportView { file: file.to_string(), preview, fields })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_mapping_wins_over_a_guess_and_new_headers_are_guessed() {
        let headers: Vec<String> = ["Child", "Date sent", "Our notes"].iter().map(|s| s.to_string()).collect();
        let mut saved = Mapping::default();
        saved.columns.insert("Our notes".into(), Field::Ignore);
        saved.columns.insert("Gone".into(), Field::Note);
        let m = starting_mapping(&headers, Some(&saved));
        assert_eq!(m.columns.get("Child"), Some(&Field::ChildName));
        assert_eq!(m.columns.get("Date sent"), Some(&Field::DecisionSentOn));
        assert_eq!(m.columns.get("Our notes"), Some(&Field::Ignore));
        assert_eq!(m.columns.len(), 3, "a header not in the file is not kept");
    }
}
