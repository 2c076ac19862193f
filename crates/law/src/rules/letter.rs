//! What an appealable decision letter must state (SEND Regs 2014 reg 32)
//! [V], and what the app says when a letter left something out: the
//! Tribunal may extend time where the letter was deficient [S].

use crate::facts::{CaseFacts, LetterItem};
use crate::timeline::Notice;

/// The law that says what the decision letter must state.
pub const CITATION: &str = "SEND Regs 2014 reg 32";

/// Every item, in the regulation's order.
pub const ITEMS: [LetterItem; 6] = [
    LetterItem::RightToMediation,
    LetterItem::CertificateRequirement,
    LetterItem::AdviserContact,
    LetterItem::Timescales,
    LetterItem::TellLaRequirement,
    LetterItem::LaMediationContact,
];

/// The item in running text, as the notice of what the letter left out names it ("the right to mediation").
pub fn label(item: LetterItem) -> &'static str {
    match item {
        LetterItem::RightToMediation => "the right to mediation",
        LetterItem::CertificateRequirement => "that a mediation certificate is needed before appealing",
        LetterItem::AdviserContact => "the mediation adviser's contact details",
        LetterItem::Timescales => "the timescales for requesting mediation",
        LetterItem::TellLaRequirement => {
            "the need to tell the LA of a wish to mediate, the issues and any health provision sought"
        }
        LetterItem::LaMediationContact => "the LA's contact for mediation",
    }
}

/// A notice naming what the letter left out, if anything.
pub fn notice(facts: &CaseFacts) -> Option<Notice> {
    let missing: Vec<&str> = ITEMS.iter().filter(|i| facts.decision.letter_missing.contains(i)).map(|i| label(*i)).collect();
    if missing.is_empty() {
        return None;
    }
    Some(Notice {
        code: "letter_deficient",
        message: format!(
            "The decision letter did not state {} ({CITATION}). The Tribunal may extend time where the letter was deficient: keep a copy of the letter",
            missing.join("; ")
        ),
    })
}
