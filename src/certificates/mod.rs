//! Mediation certificates and exemption letters as PDFs: what they print
//! (`content`), the words (`wording`) and the layout (`pdf`). Pure
//! rendering: no database, no clock. The issuing rules (numbering, void and
//! re-issue, storing the bytes) live with the store and call this.

pub mod content;
pub mod pdf;
pub mod samples;
pub mod wording;

pub use content::{
    CertificateContent, ExemptIssue, ExemptionLetterContent, KindDetails, ServiceDetails, Signatory,
};
pub use pdf::{first_unprintable, render_certificate, render_exemption_letter, RenderError};
