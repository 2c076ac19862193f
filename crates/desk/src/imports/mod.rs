//! Imports: a case log from a spreadsheet (CSV) with a saved column
//! mapping. The full JSON import is `exports::full_json::import`.

pub mod csv_cases;
pub mod mapping;
pub mod spreadsheet;
