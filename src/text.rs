//! Small helpers for putting labels into running text.

/// "The contents of the EHC plan" in running text: "the contents ...".
/// An initialism ("EHC ...", "LA ...") is left as it is.
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            first.to_lowercase().chain(text.chars().skip(1)).collect()
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
    }
}
