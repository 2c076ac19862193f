//! The one registry of the case facts a person types: for each, its JSON
//! path in a case (`facts.decision.sent_on`, the name the law's problems
//! and the store's refusals give it), its label in the users' words, and
//! the id of its input on the Case screen's facts form and on New call.
//! The forms, the error summary (through the vocabulary) and the docs
//! read it, so a field's name is translated and its label written here
//! only.
//!
//! A fact in a list has `[]` in its path where the index goes
//! (`facts.meetings[].date`), `{}` in its id where the same index goes
//! (`meeting-{}`), and `{}` in its label for the item's number, counted
//! from 1 (`Meeting {}`).

/// How a message about the fact names it (the store's refusals: "Date
/// the family withdrew from mediation is required ...").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InMessages {
    /// By its label.
    Label,
    /// In these words, where the label does not read as the subject of a sentence.
    Words(&'static str),
    /// By its JSON path (no words yet).
    Path,
}

/// The fact's box on New call, where it has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewCallBox {
    /// The id of its input on New call (`sent_on`, `call_date`).
    pub id: &'static str,
    /// Its label there, where it is not the fact's label ("Date of this call").
    pub label: Option<&'static str>,
}

/// One fact a person types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FactField {
    /// Its JSON path in a case: `facts.decision.sent_on`, `facts.meetings[].date`.
    pub path: &'static str,
    /// Its label on the Case screen, in the users' words.
    pub label: &'static str,
    /// The id of its input on the Case screen (a date's boxes add `-day`,
    /// `-month`, `-year`); none where the facts form has no box for it.
    pub id: Option<&'static str>,
    /// Whether it is one of the facts form's list of dates (not a meeting's or the agreement's).
    pub in_dates: bool,
    /// Its box on New call, where it has one.
    pub new_call: Option<NewCallBox>,
    /// How the store's and the forms' messages name it.
    pub in_messages: InMessages,
}

/// One of the facts form's list of dates.
const fn dated(path: &'static str, id: &'static str, label: &'static str, in_messages: InMessages) -> FactField {
    FactField { path, label, id: Some(id), in_dates: true, new_call: None, in_messages }
}

/// A date of the facts form outside its list of dates (a meeting's, the agreement's).
const fn boxed(path: &'static str, id: &'static str, label: &'static str) -> FactField {
    FactField { path, label, id: Some(id), in_dates: false, new_call: None, in_messages: InMessages::Path }
}

const fn on_new_call(field: FactField, id: &'static str, label: Option<&'static str>) -> FactField {
    FactField { new_call: Some(NewCallBox { id, label }), ..field }
}

/// Every fact a person types: the facts form's dated facts in the order it
/// shows them, then what only New call asks, then the lists' facts.
pub const FACT_FIELDS: [FactField; 19] = [
    on_new_call(
        dated("facts.decision.letter_dated", "fact-decision-letter_dated", "Date on the letter", InMessages::Label),
        "letter_dated",
        None,
    ),
    on_new_call(
        dated("facts.decision.sent_on", "fact-decision-sent_on", "Date the letter was sent", InMessages::Label),
        "sent_on",
        None,
    ),
    on_new_call(
        dated("facts.first_contact_on", "fact-first_contact_on", "First contact with the adviser", InMessages::Label),
        "call_date",
        Some("Date of this call"),
    ),
    dated(
        "facts.declined_on",
        "fact-declined_on",
        "Family said they do not wish to mediate",
        InMessages::Words("Date the family said they do not wish to mediate"),
    ),
    dated(
        "facts.family_told_la_on",
        "fact-family_told_la_on",
        "Family told the LA they want mediation",
        InMessages::Words("Date the family told the LA they want mediation"),
    ),
    dated(
        "facts.adviser_told_la_on",
        "fact-adviser_told_la_on",
        "Adviser told the LA",
        InMessages::Words("Date the adviser told the LA"),
    ),
    dated("facts.la_told_icb_on", "fact-la_told_icb_on", "LA told the ICB (health)", InMessages::Path),
    dated("facts.mediation_arranged_on", "fact-mediation_arranged_on", "Meeting arranged on", InMessages::Path),
    dated(
        "facts.cannot_arrange_notice_on",
        "fact-cannot_arrange_notice_on",
        "LA said it cannot arrange mediation in 30 days",
        InMessages::Words("Date the LA said it cannot arrange mediation in 30 days"),
    ),
    dated(
        "facts.withdrew_on",
        "fact-withdrew_on",
        "Family withdrew from mediation",
        InMessages::Words("Date the family withdrew from mediation"),
    ),
    dated("facts.concluded_on", "fact-concluded_on", "Mediation concluded", InMessages::Words("Date mediation concluded")),
    dated("facts.appeal_received_on", "fact-appeal_received_on", "Tribunal received the appeal", InMessages::Path),
    FactField {
        path: "facts.decision.kind",
        label: "Decision",
        id: None,
        in_dates: false,
        new_call: Some(NewCallBox { id: "decision_kind", label: None }),
        in_messages: InMessages::Words("The decision"),
    },
    FactField {
        path: "facts.issues",
        label: "What the family disagrees with",
        id: None,
        in_dates: false,
        new_call: Some(NewCallBox { id: "issues", label: None }),
        in_messages: InMessages::Path,
    },
    boxed("facts.meetings[].date", "meeting-{}", "Meeting {}"),
    boxed("facts.meetings[].notice_sent_on", "meeting-{}-notice", "Meeting {}: date notice was sent"),
    boxed("facts.agreement.dated", "agreement-dated", "Date of the agreement"),
    boxed("facts.agreement.actions[].agreed_due", "action-{}-agreed", "Action {}: the date agreed in writing"),
    boxed("facts.agreement.actions[].done_on[]", "action-{}-done-{}", "Action {}: done on"),
];

/// The facts form's dated facts: those with a box on the Case screen and
/// not in a list, in the order the form shows them.
pub fn dated_facts() -> impl Iterator<Item = &'static FactField> {
    FACT_FIELDS.iter().filter(|f| f.in_dates)
}

/// `path` without its indices (`facts.meetings[1].date` is
/// `facts.meetings[].date`), and the indices.
fn pattern_of(path: &str) -> (String, Vec<usize>) {
    let mut pattern = String::with_capacity(path.len());
    let mut at = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('[') {
        pattern.push_str(&rest[..=open]);
        let after = &rest[open + 1..];
        let close = after.find(']').unwrap_or(after.len());
        if let Ok(i) = after[..close].parse() {
            at.push(i);
        } else {
            pattern.push_str(&after[..close]);
        }
        rest = &after[close..];
    }
    pattern.push_str(rest);
    (pattern, at)
}

/// `template` with each `{}` in turn replaced by `values`.
fn fill(template: &str, values: impl IntoIterator<Item = usize>) -> String {
    let mut values = values.into_iter();
    let mut parts = template.split("{}");
    let mut out = parts.next().unwrap_or_default().to_string();
    for part in parts {
        out.push_str(&values.next().map(|v| v.to_string()).unwrap_or_default());
        out.push_str(part);
    }
    out
}

/// The fact at a JSON path (`facts.meetings[1].date`), with the indices in it.
pub fn find(path: &str) -> Option<(&'static FactField, Vec<usize>)> {
    let (pattern, at) = pattern_of(path);
    FACT_FIELDS.iter().find(|f| f.path == pattern).map(|f| (f, at))
}

/// The fact a problem of the law names: its field is a path within the
/// facts (`decision.sent_on`).
pub fn of_problem(field: &str) -> Option<(&'static FactField, Vec<usize>)> {
    find(&format!("facts.{field}"))
}

/// The fact whose input on the Case screen has this id (`meeting-0-notice`), with the indices in it.
pub fn by_id(id: &str) -> Option<(&'static FactField, Vec<usize>)> {
    let mut pattern = String::new();
    let mut at = Vec::new();
    let mut digits = String::new();
    for c in id.chars().chain(std::iter::once('\0')) {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        if !digits.is_empty() {
            at.push(digits.parse().ok()?);
            digits.clear();
            pattern.push_str("{}");
        }
        if c != '\0' {
            pattern.push(c);
        }
    }
    FACT_FIELDS.iter().find(|f| f.id == Some(pattern.as_str())).map(|f| (f, at))
}

/// The Case screen's input for a JSON path: `facts.decision.sent_on` is
/// `fact-decision-sent_on`, `facts.meetings[1].notice_sent_on` is `meeting-1-notice`.
pub fn form_id(path: &str) -> Option<String> {
    let (field, at) = find(path)?;
    field.id_at(&at)
}

/// The fact registered at `path` (no indices), for the forms' own use.
///
/// # Panics
/// When no fact is registered there: a form naming a fact the registry
/// does not know is a mistake in the code.
pub fn field(path: &str) -> &'static FactField {
    FACT_FIELDS.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("{path} is not in FACT_FIELDS"))
}

impl FactField {
    /// Its path within the facts, as the law's problems name it: `decision.sent_on`.
    pub fn in_facts(&self) -> &'static str {
        self.path.strip_prefix("facts.").unwrap_or(self.path)
    }

    /// Its input's id on the Case screen, for the item at `at` in its list(s).
    pub fn id_at(&self, at: &[usize]) -> Option<String> {
        self.id.map(|id| fill(id, at.iter().copied()))
    }

    /// Its label, for the item at `at` in its list (numbered from 1).
    pub fn label_at(&self, at: &[usize]) -> String {
        fill(self.label, at.iter().map(|i| i + 1))
    }

    /// Its JSON path for the item at `at` in its list(s): `facts.meetings[1].date`.
    pub fn path_at(&self, at: &[usize]) -> String {
        fill(&self.path.replace("[]", "[{}]"), at.iter().copied())
    }

    /// How messages name it; none where they give its path.
    pub fn words(&self) -> Option<&'static str> {
        match self.in_messages {
            InMessages::Label => Some(self.label),
            InMessages::Words(words) => Some(words),
            InMessages::Path => None,
        }
    }

    /// Its label on New call, where it has a box there.
    pub fn new_call_label(&self) -> Option<&'static str> {
        self.new_call.map(|b| b.label.unwrap_or(self.label))
    }
}

/// The New call input for a problem the law finds with the facts it
/// describes (its field a path within the facts: `decision.sent_on` is
/// `sent_on`); none where New call has no box for it.
pub fn new_call_id(problem_field: &str) -> Option<&'static str> {
    of_problem(problem_field).and_then(|(f, _)| f.new_call).map(|b| b.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_ids_and_labels_are_each_registered_once() {
        let mut paths: Vec<&str> = FACT_FIELDS.iter().map(|f| f.path).collect();
        let mut ids: Vec<&str> = FACT_FIELDS.iter().filter_map(|f| f.id).collect();
        let mut call_ids: Vec<&str> = FACT_FIELDS.iter().filter_map(|f| f.new_call.map(|b| b.id)).collect();
        for list in [&mut paths, &mut ids, &mut call_ids] {
            let n = list.len();
            list.sort();
            list.dedup();
            assert_eq!(list.len(), n, "{list:?}");
        }
        for f in &FACT_FIELDS {
            assert!(f.path.starts_with("facts."), "{}", f.path);
            assert_eq!(f.path.matches("[]").count(), f.id.map_or(0, |id| id.matches("{}").count()), "{}", f.path);
        }
    }

    #[test]
    fn a_problems_path_maps_to_its_input() {
        assert_eq!(form_id("facts.decision.sent_on").as_deref(), Some("fact-decision-sent_on"));
        assert_eq!(form_id("facts.declined_on").as_deref(), Some("fact-declined_on"));
        assert_eq!(form_id("facts.meetings[2].notice_sent_on").as_deref(), Some("meeting-2-notice"));
        assert_eq!(form_id("facts.agreement.actions[1].done_on[0]").as_deref(), Some("action-1-done-0"));
        assert_eq!(form_id("facts.decision.kind"), None);
        assert_eq!(form_id("facts.certificates[0].issued_on"), None);
        assert_eq!(new_call_id("decision.sent_on"), Some("sent_on"));
        assert_eq!(new_call_id("first_contact_on"), Some("call_date"));
        assert_eq!(new_call_id("declined_on"), None);
    }

    #[test]
    fn an_input_maps_back_to_its_fact() {
        let (f, at) = by_id("action-3-done-1").unwrap();
        assert_eq!((f.path, at.as_slice()), ("facts.agreement.actions[].done_on[]", &[3, 1][..]));
        assert_eq!(f.path_at(&at), "facts.agreement.actions[3].done_on[1]");
        assert_eq!(f.label_at(&at), "Action 4: done on");
        assert_eq!(by_id("fact-decision-sent_on").unwrap().0.label, "Date the letter was sent");
        assert!(by_id("fact-unknown").is_none());
    }

    #[test]
    fn the_facts_form_shows_the_dated_facts_in_order() {
        let paths: Vec<&str> = dated_facts().map(|f| f.in_facts()).collect();
        assert_eq!(
            paths,
            [
                "decision.letter_dated",
                "decision.sent_on",
                "first_contact_on",
                "declined_on",
                "family_told_la_on",
                "adviser_told_la_on",
                "la_told_icb_on",
                "mediation_arranged_on",
                "cannot_arrange_notice_on",
                "withdrew_on",
                "concluded_on",
                "appeal_received_on",
            ]
        );
    }

    /// The docs' table of the facts a person types is the registry's.
    #[test]
    fn the_docs_list_every_fact_as_registered() {
        let docs = include_str!("../../../docs/case-json.md");
        let cell = |v: Option<&str>| v.map_or("".to_string(), |v| format!("`{v}`"));
        let mut missing = Vec::new();
        for f in &FACT_FIELDS {
            let row = format!(
                "| `{}` | {} | {} | {} |",
                f.path,
                f.label,
                cell(f.id),
                match (f.new_call, f.new_call_label()) {
                    (Some(b), Some(label)) if b.label.is_some() => format!("`{}` ({label})", b.id),
                    (Some(b), _) => format!("`{}`", b.id),
                    _ => String::new(),
                }
            );
            missing.extend((!docs.contains(&row)).then_some(row));
        }
        assert!(missing.is_empty(), "docs/case-json.md lacks the rows\n{}", missing.join("\n"));
    }
}
