//! Which spreadsheet column holds which case field: the mapping file
//! (JSON, `{"columns": {"Child name": "child_name", ...}}`), and guesses
//! from header names for a first mapping to save and correct.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A case field a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS)]
#[ts(export, rename = "ImportField")]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The case reference: one of this app's form (`MD-2026-0042`) is kept; any other becomes the old reference.
    Reference,
    /// The case's reference in the system it came from (`OLD-001`).
    LegacyReference,
    /// The date the case was opened.
    OpenedOn,
    /// The child or young person's name (a column for it is required).
    ChildName,
    /// The child or young person's date of birth.
    ChildDateOfBirth,
    /// The name of the person who called: the parent, young person or representative.
    CallerName,
    /// The local authority that made the decision (a column for it is required).
    LocalAuthority,
    /// The integrated care board, where health issues involve one.
    Icb,
    /// The local authority decision, in words ("Refuse to assess", "Plan contents", ...).
    DecisionKind,
    /// The date on the decision letter.
    DecisionLetterDated,
    /// The date the decision letter was sent, from which the appeal period runs.
    DecisionSentOn,
    /// The issues in dispute, separated by `;`, `,` or `/` ("B; F; I", "health", "social care").
    Issues,
    /// The date of the family's first contact with the mediation adviser.
    FirstContactOn,
    /// The date the family told the adviser they declined mediation.
    DeclinedOn,
    /// The date the family withdrew from mediation.
    WithdrewOn,
    /// The date the family told the LA they want mediation.
    FamilyToldLaOn,
    /// The date the mediation adviser told the LA the family wants mediation.
    AdviserToldLaOn,
    /// The date mediation concluded.
    ConcludedOn,
    /// A note to keep with the case.
    Note,
    /// Disagreement resolution: the kind (duties, provision, health or
    /// social care, between services); a row with one is a disagreement
    /// resolution case.
    DisagreementKind,
    /// Disagreement resolution: the date of the request (the date opened if left blank).
    DisagreementRequestedOn,
    /// Disagreement resolution: what the disagreement is about, briefly.
    DisagreementAbout,
    /// The other party's name, and its type.
    OtherParty,
    /// Disagreement resolution: the other party's type (school, academy, nursery, early years, college, LA, ICB, ...).
    OtherPartyType,
    /// A column to leave out.
    Ignore,
}

impl Field {
    /// Every field, in the order the Import screen offers them.
    pub const ALL: [Field; 25] = [
        Field::Reference,
        Field::LegacyReference,
        Field::OpenedOn,
        Field::ChildName,
        Field::ChildDateOfBirth,
        Field::CallerName,
        Field::LocalAuthority,
        Field::Icb,
        Field::DecisionKind,
        Field::DecisionLetterDated,
        Field::DecisionSentOn,
        Field::Issues,
        Field::FirstContactOn,
        Field::DeclinedOn,
        Field::WithdrewOn,
        Field::FamilyToldLaOn,
        Field::AdviserToldLaOn,
        Field::ConcludedOn,
        Field::Note,
        Field::DisagreementKind,
        Field::DisagreementRequestedOn,
        Field::DisagreementAbout,
        Field::OtherParty,
        Field::OtherPartyType,
        Field::Ignore,
    ];

    /// The field in the mediators' words.
    pub fn label(self) -> &'static str {
        match self {
            Field::Reference => "Case reference",
            Field::LegacyReference => "Old reference (from the system the case came from)",
            Field::OpenedOn => "Date the case was opened",
            Field::ChildName => "Child or young person's name",
            Field::ChildDateOfBirth => "Child's date of birth",
            Field::CallerName => "Caller's name",
            Field::LocalAuthority => "Local authority",
            Field::Icb => "Integrated care board",
            Field::DecisionKind => "Decision",
            Field::DecisionLetterDated => "Date on the decision letter",
            Field::DecisionSentOn => "Date the decision was sent",
            Field::Issues => "Issues in dispute",
            Field::FirstContactOn => "First contact with the adviser",
            Field::DeclinedOn => "Family declined mediation",
            Field::WithdrewOn => "Family withdrew",
            Field::FamilyToldLaOn => "Family told the LA they want mediation",
            Field::AdviserToldLaOn => "Adviser told the LA",
            Field::ConcludedOn => "Mediation concluded",
            Field::Note => "Note",
            Field::DisagreementKind => "Disagreement resolution: the kind of disagreement",
            Field::DisagreementRequestedOn => "Disagreement resolution: date requested",
            Field::DisagreementAbout => "Disagreement resolution: what it is about",
            Field::OtherParty => "Disagreement resolution: the other party",
            Field::OtherPartyType => "Disagreement resolution: the other party's type",
            Field::Ignore => "Do not import this column",
        }
    }

    /// Whether the column holds dates (`DD/MM/YYYY` or `YYYY-MM-DD`).
    pub fn is_date(self) -> bool {
        matches!(
            self,
            Field::OpenedOn
                | Field::ChildDateOfBirth
                | Field::DecisionLetterDated
                | Field::DecisionSentOn
                | Field::FirstContactOn
                | Field::DeclinedOn
                | Field::WithdrewOn
                | Field::FamilyToldLaOn
                | Field::AdviserToldLaOn
                | Field::ConcludedOn
                | Field::DisagreementRequestedOn
        )
    }
}

/// Header name to field, as saved in the mapping file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export, rename = "ImportMapping")]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// Each column's header name, exactly as in the file's first row, and the case field it fills.
    pub columns: BTreeMap<String, Field>,
}

fn squash(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The field a header name most likely means, if any.
pub fn guess(header: &str) -> Option<Field> {
    let h = squash(header);
    let has = |w: &str| h.contains(w);
    let lower = header.to_lowercase();
    let word = |w: &str| lower.split(|c: char| !c.is_alphanumeric()).any(|x| x == w);
    let earlier = ["old", "legacy", "previous", "former", "prior"].iter().any(|w| word(w));
    Some(if earlier && has("ref") {
        Field::LegacyReference
    } else if has("otherparty") && has("type") {
        Field::OtherPartyType
    } else if has("otherparty") {
        Field::OtherParty
    } else if has("disagreement") && (has("kind") || has("type")) || h == "kindofdisagreement" {
        Field::DisagreementKind
    } else if has("requested") {
        Field::DisagreementRequestedOn
    } else if h == "about" || has("disagreementabout") || has("whatitisabout") {
        Field::DisagreementAbout
    } else if has("reference") || h == "ref" || h == "caseref" {
        Field::Reference
    } else if has("child") && (has("dob") || has("birth")) || h == "dob" || has("dateofbirth") {
        Field::ChildDateOfBirth
    } else if has("child") || has("youngperson") {
        Field::ChildName
    } else if has("parent") || has("caller") {
        Field::CallerName
    } else if h == "la" || has("localauthority") || h == "council" {
        Field::LocalAuthority
    } else if h == "icb" || has("integratedcareboard") {
        Field::Icb
    } else if has("letterdated") || has("datedon") {
        Field::DecisionLetterDated
    } else if has("sent") {
        Field::DecisionSentOn
    } else if has("decision") {
        Field::DecisionKind
    } else if has("issue") {
        Field::Issues
    } else if has("firstcontact") || has("call") || has("contacted") {
        Field::FirstContactOn
    } else if has("declined") {
        Field::DeclinedOn
    } else if has("withdr") {
        Field::WithdrewOn
    } else if has("familytold") || has("parenttold") {
        Field::FamilyToldLaOn
    } else if has("advisertold") {
        Field::AdviserToldLaOn
    } else if has("conclud") {
        Field::ConcludedOn
    } else if has("opened") {
        Field::OpenedOn
    } else if has("note") || has("comment") {
        Field::Note
    } else {
        return None;
    })
}

impl Mapping {
    /// A first mapping from the header row: each header's guess, or Ignore.
    pub fn guess_from(headers: &[String]) -> Mapping {
        Mapping { columns: headers.iter().map(|h| (h.clone(), guess(h).unwrap_or(Field::Ignore))).collect() }
    }

    /// Read a mapping file; the error names what is wrong.
    pub fn from_json(text: &str) -> Result<Mapping, String> {
        let mut de = serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            format!("mapping {path}: {}", e.into_inner())
        })
    }

    /// The mapping as the JSON saved in the mapping file, for the user to check and correct.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a mapping serialises") + "\n"
    }
}
