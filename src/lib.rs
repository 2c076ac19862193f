//! Mediation Desk's engine: the calendar, the statutory clocks, and the
//! case facts they read. No UI and no Tauri here; the desktop shell and the
//! `mediation-desk` command line are thin layers over this library.

pub mod calendar;
pub mod facts;
// clippy 1.95 suggests removing a `*` that type inference needs there.
#[allow(clippy::explicit_auto_deref)]
pub mod generator;
// The bank-holiday table's type is spelled out on purpose (clippy 1.95 flags it).
#[allow(clippy::type_complexity)]
pub mod rules;
pub mod store;
pub mod timeline;

pub use calendar::Calendar;
pub use facts::CaseFacts;
pub use rules::choices::CountingChoices;
pub use timeline::{Clock, Status, Timeline};
