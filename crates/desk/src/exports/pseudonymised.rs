//! The pseudonymised case log for commissioners: no names, no dates of
//! birth (not even their month), no free text (the closing reason, an
//! agreed action's description, what a disagreement is about, a point's
//! words) and no certificate numbers; an age band instead of the birth
//! date; and a pseudonym instead of the reference.
//!
//! The pseudonym is `P-` and the first 12 hex digits of HMAC-SHA256 of the
//! reference under a random 256-bit key made for each export and never
//! stored. So one case has the same pseudonym everywhere in one export
//! (rows can be counted and joined within it), but the pseudonyms of two
//! exports cannot be linked to each other or back to a reference without
//! the key, which is gone when the export is written.

use chrono::{Datelike, NaiveDate};
use hmac::{KeyInit, Mac};
use sha2::Sha256;

/// A per-export key and the pseudonyms it gives.
pub struct Pseudonymiser {
    key: [u8; 32],
}

impl Pseudonymiser {
    /// A new random key (from the operating system).
    pub fn random() -> std::io::Result<Pseudonymiser> {
        let mut key = [0u8; 32];
        getrandom::fill(&mut key).map_err(|e| std::io::Error::other(e.to_string()))?;
        Ok(Pseudonymiser { key })
    }

    /// A fixed key (tests).
    pub fn with_key(key: [u8; 32]) -> Pseudonymiser {
        Pseudonymiser { key }
    }

    /// The pseudonym of a case `reference` under this export's key: `P-` and 12 hex digits.
    pub fn pseudonym(&self, reference: &str) -> String {
        let mut mac = <hmac::Hmac<Sha256> as KeyInit>::new_from_slice(&self.key).expect("HMAC takes any key length");
        mac.update(reference.as_bytes());
        let tag = mac.finalize().into_bytes();
        let hex: String = tag.iter().take(6).map(|b| format!("{b:02x}")).collect();
        format!("P-{hex}")
    }
}

/// The child's age band on `on` (the decision date): "0-4", "5-10",
/// "11-15", "16-18", "19-25", "over 25" or "unknown".
pub fn age_band(date_of_birth: Option<NaiveDate>, on: NaiveDate) -> &'static str {
    let Some(dob) = date_of_birth else { return "unknown" };
    let mut age = on.year() - dob.year();
    if (on.month(), on.day()) < (dob.month(), dob.day()) {
        age -= 1;
    }
    match age {
        i32::MIN..=-1 => "unknown",
        0..=4 => "0-4",
        5..=10 => "5-10",
        11..=15 => "11-15",
        16..=18 => "16-18",
        19..=25 => "19-25",
        _ => "over 25",
    }
}
