//! The one-time recovery code: 25 characters (125 random bits) from an
//! alphabet with no look-alikes, shown once at set-up in five groups of
//! five to print or write down. Typed back, case, spaces and dashes do not
//! matter, and O, I and L are read as 0, 1 and 1.

use zeroize::Zeroizing;

use crate::{Result, StoreError};

/// Crockford's base 32: no I, L, O or U.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const LENGTH: usize = 25;

/// A recovery code, wiped from memory when dropped.
pub struct RecoveryCode(Zeroizing<String>);

impl RecoveryCode {
    pub(super) fn generate() -> Result<RecoveryCode> {
        let mut bytes = Zeroizing::new([0u8; LENGTH]);
        getrandom::fill(bytes.as_mut()).map_err(|e| StoreError::Other(format!("the system's random source failed: {e}")))?;
        let mut text = Zeroizing::new(String::with_capacity(LENGTH + 4));
        for (i, byte) in bytes.iter().enumerate() {
            if i > 0 && i % 5 == 0 {
                text.push('-');
            }
            text.push(char::from(ALPHABET[usize::from(byte & 31)]));
        }
        Ok(RecoveryCode(text))
    }

    /// As shown to the person: `XXXXX-XXXXX-XXXXX-XXXXX-XXXXX`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What is wrapped under: the 25 characters, upper case, no dashes.
    pub(super) fn canonical(&self) -> Zeroizing<String> {
        canonical(&self.0).unwrap_or_default()
    }
}

impl std::fmt::Debug for RecoveryCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryCode(hidden)")
    }
}

/// A typed code in its canonical form, or why it cannot be one.
pub(super) fn canonical(typed: &str) -> Result<Zeroizing<String>> {
    let mut out = Zeroizing::new(String::with_capacity(LENGTH));
    for c in typed.chars() {
        let c = match c.to_ascii_uppercase() {
            ' ' | '-' | '\t' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        };
        if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) {
            return Err(StoreError::bad(
                "recovery code",
                "has a character that is not in recovery codes; type it as printed (letters and digits, dashes optional)",
            ));
        }
        out.push(c);
    }
    if out.len() != LENGTH {
        return Err(StoreError::bad(
            "recovery code",
            format!("has {} letters and digits; a recovery code has {LENGTH}, in five groups of five", out.len()),
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_five_groups_of_five_and_reads_back_however_it_is_typed() {
        let code = RecoveryCode::generate().unwrap();
        assert_eq!(code.as_str().len(), 29);
        assert_eq!(code.as_str().split('-').count(), 5);
        let typed = code.as_str().to_lowercase().replace('-', " ");
        assert_eq!(*canonical(&typed).unwrap(), *code.canonical());
        assert!(canonical("12345").is_err());
        assert!(canonical(&format!("{}!", &code.as_str()[..28])).is_err());
    }

    #[test]
    fn two_codes_differ() {
        assert_ne!(RecoveryCode::generate().unwrap().as_str(), RecoveryCode::generate().unwrap().as_str());
    }
}
