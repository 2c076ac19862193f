//! Reading JSON that a person or a script wrote: the error names the field
//! (`decision.sent_on`) and says plainly what is wrong with it.

use serde::de::DeserializeOwned;

/// What is wrong, and where: `path` is empty for the document as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonProblem {
    pub path: String,
    pub message: String,
}

/// Read `text` as a `T`, refusing trailing text.
pub fn read<T: DeserializeOwned>(text: &str) -> Result<T, JsonProblem> {
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
    Ok(value)
}
