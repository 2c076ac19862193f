//! The rules' version (`rules::RULES_VERSION`) against the engine's answers.
//!
//! The store recomputes its materialised clocks only when the version it
//! computed them with differs from `RULES_VERSION`, so a change to a rule's
//! answer must bump it. This test keeps the engine's answers for a fixed
//! set of generated cases (seed 1, 200 cases up to Mon 30 Jun 2025, the
//! built-in calendar, the default counting choices, on that day) in
//! `tests/data/rules_golden.txt` with the version they were written under,
//! and fails if they change while the version does not.
//!
//! After a change to the law: bump `RULES_VERSION`, then run
//! `RULES_GOLDEN_WRITE=1 cargo test --workspace --test rules_version` and
//! commit the rewritten file (its diff shows which answers changed).

use chrono::NaiveDate;
use desk::rules::{self, choices::CountingChoices, RULES_VERSION};
use desk::{generator, Calendar};
use sha2::{Digest, Sha256};

const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/rules_golden.txt");
const SEED: u64 = 1;
const CASES: usize = 200;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 30).expect("a date")
}

/// What the golden file holds: the version, a fingerprint of the generated
/// cases' facts (so a change to the generator is told apart from a change
/// to the rules), and one line per clock: case, key, label, party, due
/// date, status.
struct Answers {
    facts_sha256: String,
    lines: Vec<String>,
}

fn answers() -> Answers {
    let (cal, choices) = (Calendar::built_in(), CountingChoices::default());
    let mut facts = Sha256::new();
    let mut lines = Vec::new();
    for (i, case) in generator::cases(SEED, CASES, day()).iter().enumerate() {
        facts.update(serde_json::to_vec(&case.facts).expect("facts serialise"));
        for clock in &rules::timeline(&case.facts, &cal, &choices, day()).clocks {
            let status = serde_json::to_value(clock.status).expect("a status");
            lines.push(format!(
                "{}\t{}\t{}\t{}\t{}\t{}",
                i + 1,
                clock.key,
                clock.label,
                clock.party_label,
                clock.due_date,
                status.as_str().expect("a status name")
            ));
        }
    }
    let facts_sha256 = facts.finalize().iter().map(|b| format!("{b:02x}")).collect();
    Answers { facts_sha256, lines }
}

fn golden_text(version: u32, answers: &Answers) -> String {
    let mut text = format!(
        "# The engine's answers for {CASES} generated cases (seed {SEED}, on {}): case, key, label, party, due date, status.\n\
         # Written by tests/rules_version.rs with RULES_GOLDEN_WRITE=1; see rules::RULES_VERSION.\n\
         rules_version {version}\n\
         facts_sha256 {}\n",
        day(),
        answers.facts_sha256
    );
    for line in &answers.lines {
        text.push_str(line);
        text.push('\n');
    }
    text
}

const REWRITE: &str = "rewrite the golden with RULES_GOLDEN_WRITE=1 (cargo test --workspace --test rules_version)";

/// Whether the golden file agrees with the engine's answers under
/// `version`; if not, what to do, in plain words.
fn verdict(golden: &str, version: u32, now: &Answers) -> Result<(), String> {
    let header = |name: &str| {
        golden.lines().find_map(|l| l.strip_prefix(name).and_then(|rest| rest.strip_prefix(' '))).map(str::to_string)
    };
    let written_under: u32 = header("rules_version")
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| format!("{GOLDEN} has no rules_version line: {REWRITE}"))?;
    let facts = header("facts_sha256").unwrap_or_default();
    let lines: Vec<&str> = golden
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("rules_version") && !l.starts_with("facts_sha256"))
        .collect();
    let same = lines.len() == now.lines.len() && lines.iter().zip(&now.lines).all(|(a, b)| a == b);
    if written_under != version {
        return Err(format!(
            "RULES_VERSION is {version} but the golden timelines were written under {written_under}: {REWRITE}, and commit it"
        ));
    }
    if same {
        return Ok(());
    }
    let first = lines
        .iter()
        .map(|l| Some(*l))
        .chain(std::iter::repeat(None))
        .zip(now.lines.iter().map(|l| Some(l.as_str())).chain(std::iter::repeat(None)))
        .take(lines.len().max(now.lines.len()))
        .enumerate()
        .find(|(_, (a, b))| a != b)
        .map(|(i, (a, b))| format!("first difference, answer {}: golden {:?}, now {:?}", i + 1, a, b))
        .unwrap_or_default();
    if facts != now.facts_sha256 {
        return Err(format!(
            "the generated cases changed (the generator, not necessarily the rules), so the golden timelines no longer apply: \
             if no rule changed, {REWRITE}; if one did, bump RULES_VERSION too ({first})"
        ));
    }
    Err(format!("the engine's answers changed: bump RULES_VERSION and {REWRITE} ({first})"))
}

#[test]
fn the_engines_answers_match_the_golden_timelines_of_this_rules_version() {
    let now = answers();
    assert!(now.lines.len() > 500, "the fixed cases cover the clocks ({} answers)", now.lines.len());
    if std::env::var_os("RULES_GOLDEN_WRITE").is_some_and(|v| v == "1") {
        std::fs::write(GOLDEN, golden_text(RULES_VERSION, &now)).expect("the golden file is written");
        eprintln!("wrote {GOLDEN} under RULES_VERSION {RULES_VERSION}");
        return;
    }
    let golden = std::fs::read_to_string(GOLDEN).unwrap_or_else(|e| panic!("cannot read {GOLDEN} ({e}): {REWRITE}"));
    if let Err(message) = verdict(&golden, RULES_VERSION, &now) {
        panic!("{message}");
    }
}

/// A few answers, as the golden file holds them.
fn sample() -> Answers {
    Answers {
        facts_sha256: "ab".into(),
        lines: vec![
            "1\tappeal\tAppeal to the SEND Tribunal\tParent or young person\t2025-07-30\tupcoming".into(),
            "1\tcontact_adviser\tContact a mediation adviser\tParent or young person\t2025-06-01\tmet_on_time".into(),
        ],
    }
}

#[test]
fn a_changed_answer_under_the_same_version_fails_with_a_plain_message() {
    let golden = golden_text(4, &sample());
    assert_eq!(verdict(&golden, 4, &sample()), Ok(()));
    let mut moved = sample();
    moved.lines[0] = moved.lines[0].replace("2025-07-30", "2025-07-31");
    let message = verdict(&golden, 4, &moved).unwrap_err();
    assert!(
        message.starts_with("the engine's answers changed: bump RULES_VERSION and rewrite the golden with RULES_GOLDEN_WRITE=1"),
        "{message}"
    );
    assert!(message.contains("answer 1") && message.contains("2025-07-31"), "{message}");
    // A clock more, or one fewer, is a change too.
    let mut more = sample();
    more.lines.push("2\tappeal\tAppeal to the SEND Tribunal\tParent or young person\t2025-08-01\tupcoming".into());
    assert!(verdict(&golden, 4, &more).unwrap_err().starts_with("the engine's answers changed"));
    let mut fewer = sample();
    fewer.lines.pop();
    assert!(verdict(&golden, 4, &fewer).unwrap_err().starts_with("the engine's answers changed"));
}

#[test]
fn a_bumped_version_asks_for_the_golden_to_be_rewritten_under_it() {
    let golden = golden_text(4, &sample());
    let mut moved = sample();
    moved.lines[0] = moved.lines[0].replace("2025-07-30", "2025-07-31");
    for answers in [sample(), moved] {
        let message = verdict(&golden, 5, &answers).unwrap_err();
        assert!(message.contains("RULES_VERSION is 5 but the golden timelines were written under 4"), "{message}");
        assert!(message.contains("RULES_GOLDEN_WRITE=1"), "{message}");
    }
    assert_eq!(verdict(&golden_text(5, &sample()), 5, &sample()), Ok(()));
}

#[test]
fn other_generated_cases_are_told_apart_from_changed_rules() {
    let golden = golden_text(4, &sample());
    let mut other = sample();
    other.facts_sha256 = "cd".into();
    other.lines.pop();
    let message = verdict(&golden, 4, &other).unwrap_err();
    assert!(message.starts_with("the generated cases changed"), "{message}");
}
