//! An enum's names as serde writes them (`young_person`), so the store,
//! the exports and the screens' vocabulary never spell them out again.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// `value`'s name in JSON (`CallerRole::YoungPerson` is `young_person`);
/// empty for a value serde does not write as a string.
pub fn name_of<T: Serialize>(value: T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}

/// The value serde reads from `name`, if it names one.
pub fn from_name<T: DeserializeOwned>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::CertificateKind;
    use crate::people::{AppellantRole, CallerRole, StaffRole};

    #[test]
    fn names_are_serdes_both_ways() {
        assert_eq!(name_of(CallerRole::YoungPerson), "young_person");
        assert_eq!(name_of(CertificateKind::AfterMediation), "after_mediation");
        assert_eq!(from_name::<CallerRole>("representative"), Some(CallerRole::Representative));
        assert_eq!(from_name::<AppellantRole>("young_person"), Some(AppellantRole::YoungPerson));
        assert_eq!(from_name::<StaffRole>("mediator"), Some(StaffRole::Mediator));
        assert_eq!(from_name::<StaffRole>("Mediator"), None);
    }
}
