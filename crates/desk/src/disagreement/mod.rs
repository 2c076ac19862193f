//! Disagreement resolution in the application: the law's record of a
//! disagreement (re-exported from `law::disagreement`), the form that
//! checks what a mediator types, and the record of outcome.

pub mod form;
pub mod record;

pub use law::disagreement::*;
pub use law::rules::disagreement_status::{status, vocabulary, DisagreementStatus, DisagreementVocabulary};
