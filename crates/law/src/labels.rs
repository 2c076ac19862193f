//! A choice as the screens offer it: the value serde writes and the label
//! in the users' words. The law's vocabularies (a disagreement's kinds,
//! a party's answers) and the application's are lists of these.

use serde::Serialize;

/// A value and the words for it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
pub struct Choice {
    /// The value as stored and in JSON (`agreed`).
    pub value: String,
    /// The words a user sees for it ("Agreed to take part").
    pub label: String,
}
