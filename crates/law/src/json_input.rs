//! Reading JSON that a person or a script wrote: the error names the field
//! (`decision.sent_on`) and says plainly what is wrong with it.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// What is wrong, and where: `path` is empty for the document as a whole.
/// Shown as "path: message" (the message alone for the whole document).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}{message}", .path, if .path.is_empty() { "" } else { ": " })]
pub struct JsonProblem {
    /// The field at fault, as `decision.sent_on`.
    pub path: String,
    /// What is wrong with it, in one line.
    pub message: String,
}

/// Read `text` as a `T`, refusing trailing text, and refusing a date not
/// written exactly `YYYY-MM-DD` (chrono alone would read `2026-2-3`, or a
/// year with a sign and more than four digits).
pub fn read<T: DeserializeOwned + Serialize>(text: &str) -> Result<T, JsonProblem> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let path = err.path().to_string();
        let path = if path == "." || path == "?" { String::new() } else { path };
        let inner = err.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            return JsonProblem { path: String::new(), message: format!("not valid JSON ({inner})") };
        }
        let message = inner.to_string();
        // chrono's own words for a bad date are terse; say it plainly.
        let message = if [
            "input is out of range",
            "input contains invalid characters",
            "premature end of input",
            "trailing input",
            "input is not enough",
        ]
        .iter()
        .any(|m| message.starts_with(m))
        {
            format!("not a real date in the form YYYY-MM-DD (line {}, column {})", inner.line(), inner.column())
        } else {
            message
        };
        JsonProblem { path, message: crate::calendar::dates::shorten_line(&message) }
    })?;
    de.end().map_err(|e| JsonProblem { path: String::new(), message: format!("text after the JSON ({e})") })?;
    // Each date as given beside the same date as the app writes it.
    let given: Value = serde_json::from_str(text).map_err(|e| JsonProblem { path: String::new(), message: e.to_string() })?;
    let written = serde_json::to_value(&value).map_err(|e| JsonProblem { path: String::new(), message: e.to_string() })?;
    match unusual_date(&given, &written, String::new()) {
        Some(problem) => Err(problem),
        None => Ok(value),
    }
}

/// The first date in `given` not written as the app writes dates
/// (`written`: the same document read and written again), if any.
fn unusual_date(given: &Value, written: &Value, path: String) -> Option<JsonProblem> {
    match (given, written) {
        (Value::Object(g), Value::Object(w)) => g.iter().find_map(|(key, value)| {
            let path = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
            unusual_date(value, w.get(key)?, path)
        }),
        (Value::Array(g), Value::Array(w)) => {
            g.iter().zip(w).enumerate().find_map(|(i, (g, w))| unusual_date(g, w, format!("{path}[{i}]")))
        }
        (Value::String(g), Value::String(w)) => {
            let date: chrono::NaiveDate = w.parse().ok()?;
            // A text field comes back as it went in; a date field comes back
            // as chrono writes it, with a sign on a year outside 0000–9999.
            if g == w && !(w.starts_with('+') || w.starts_with('-')) {
                return None;
            }
            let iso = crate::calendar::dates::iso(date);
            let message = if crate::calendar::dates::is_iso_form(&iso) {
                format!("'{}' is not a date in the form YYYY-MM-DD: write {iso}", crate::calendar::dates::shorten(g))
            } else {
                format!("'{}' is not a date in the form YYYY-MM-DD (a four-digit year)", crate::calendar::dates::shorten(g))
            };
            Some(JsonProblem { path, message })
        }
        _ => None,
    }
}
