//! Who rang, who may appeal and who signs: the caller's role, the
//! appellant's role and the staff roles the regulations give a
//! certificate's issuer, as the rules and the certificates read them.

use serde::{Deserialize, Serialize};

use crate::facts::CertificateKind;

/// Who rang: the parent, the young person (16–25) or a representative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(rename_all = "snake_case")]
pub enum CallerRole {
    /// A parent (or anyone with parental responsibility or care of the child).
    #[default]
    Parent,
    /// The young person themselves (over compulsory school age, under 25).
    YoungPerson,
    /// Someone acting for the parent or young person (an advocate, a relative, a SENDIASS adviser); not the appellant.
    Representative,
    /// The child or young person the case is about (not a caller role).
    Child,
}

impl CallerRole {
    /// As stored and in JSON (serde's name: `young_person`).
    pub fn name(self) -> String {
        crate::serde_names::name_of(self)
    }

    /// Who rang in running text, as the case's header says it: "young person".
    pub fn words(self) -> &'static str {
        match self {
            CallerRole::Parent => "parent",
            CallerRole::YoungPerson => "young person",
            CallerRole::Representative => "representative",
            CallerRole::Child => "child",
        }
    }

    /// From its stored name; a parent if the name is not one.
    pub fn from_name(text: &str) -> CallerRole {
        crate::serde_names::from_name(text).unwrap_or_default()
    }
}

/// Who may appeal (CFA 2014 s.51): the parent, for a child, or the young
/// person (over compulsory school age, under 25). "Parent" includes anyone
/// with parental responsibility or care of the child (Education Act 1996
/// s.576), such as a grandparent the child lives with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(rename_all = "snake_case")]
pub enum AppellantRole {
    /// The parent, for a child.
    #[default]
    Parent,
    /// The young person, whose own right the appeal is.
    YoungPerson,
}

impl AppellantRole {
    /// As stored and in JSON (serde's name: `young_person`).
    pub fn name(self) -> String {
        crate::serde_names::name_of(self)
    }

    /// From its stored name; a parent if the name is not one.
    pub fn from_name(text: &str) -> AppellantRole {
        crate::serde_names::from_name(text).unwrap_or_default()
    }
}

/// A mediation adviser or a mediator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    /// A mediation adviser: gives the family information about mediation, and issues the declined, withdrawn and deemed
    /// certificates.
    Adviser,
    /// A mediator: runs the mediation and issues the certificate after it.
    Mediator,
}

impl StaffRole {
    /// As stored and in JSON (serde's name: `adviser`).
    pub fn name(self) -> String {
        crate::serde_names::name_of(self)
    }

    /// The role in running text: "mediation adviser", "mediator".
    pub fn words(self) -> &'static str {
        match self {
            StaffRole::Adviser => "mediation adviser",
            StaffRole::Mediator => "mediator",
        }
    }
}

/// Who issues a certificate of `kind`: the mediator after mediation, a
/// mediation adviser otherwise (SEND Regulations 2014 reg 34 for declined
/// and withdrawn; the clocks table in statutory-clocks.md section 3).
pub fn issuer_role(kind: CertificateKind) -> StaffRole {
    if kind == CertificateKind::AfterMediation {
        StaffRole::Mediator
    } else {
        StaffRole::Adviser
    }
}
