//! Small helpers for putting labels into running text.

/// "The contents of the EHC plan" in running text: "the contents ...".
/// An initialism ("EHC ...", "LA ...") is left as it is.
pub fn lower_first(text: &str) -> String {
    let mut rest = text.chars();
    match rest.next() {
        Some(first) if first.is_uppercase() && rest.clone().next().is_some_and(|second| !second.is_uppercase()) => {
            first.to_lowercase().chain(rest).collect()
        }
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::lower_first;

    #[test]
    fn lowers_a_word_but_not_an_initialism() {
        assert_eq!(lower_first("The date on the letter"), "the date on the letter");
        assert_eq!(lower_first("EHC plan"), "EHC plan");
        assert_eq!(lower_first(""), "");
        assert_eq!(lower_first("A"), "A");
        assert_eq!(lower_first("Éire"), "éire");
    }
}
