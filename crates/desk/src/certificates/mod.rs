//! Mediation certificates and exemption letters as PDFs: what they print
//! (`content`), the words (`wording`) and the layout (`pdf`, on the page
//! every document shares: `crate::pdf`). Pure
//! rendering: no database, no clock. The workflow (`workflow`) issues,
//! previews and re-issues over the store's register, which numbers and
//! keeps the bytes.
//!
//! For the caller:
//! - Fill a [`CertificateContent`]: every date already decided, including
//!   `appeal_deadline` from the engine's appeal clock (`rules::timeline`
//!   with this certificate added, under the service's readings), and
//!   `replaces` with the voided number on a re-issue.
//!   The kind is the [`KindDetails`] variant (`content.kind()` reads it).
//! - [`render_certificate`] returns the PDF bytes, or a [`RenderError`]
//!   naming the field: a character the font cannot print, or an empty
//!   required field. Check names as they are typed with
//!   [`first_unprintable`] so the error never reaches the issue step.
//! - The same content always gives the same bytes (the PDF's dates are the
//!   date of issue at 00:00 UTC; its /ID is a hash of the number), so the
//!   store can hash the bytes it keeps and re-render to check them.
//! - [`samples`] has one content of each kind for previews and tests.

pub mod content;
pub mod files;
pub mod form;
pub mod issue;
pub mod pdf;
pub mod samples;
pub mod wording;
pub mod workflow;

pub use crate::pdf::{first_unprintable, RenderError};
pub use content::{CertificateContent, ExemptIssue, ExemptionLetterContent, KindDetails, ServiceDetails, Signatory};
pub use pdf::{render_certificate, render_exemption_letter};
pub use workflow::CertificateWorkflow;
