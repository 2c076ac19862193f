//! A seeded generator of realistic cases, for benchmarks and demo data.
//! The same seed always gives the same cases (its own SplitMix64, so no
//! library upgrade changes them). Mix, per 100 cases: ~40 declined, ~28
//! mediated (half with an agreement), ~7 withdrawn, ~7 deemed, ~10 exempt,
//! ~4 disagreement resolution, ~4 still waiting on the family. Cases whose
//! decision is more than 240 days old are closed, a few working days after
//! the last thing recorded in them, with a reason that fits their route.

use chrono::{Datelike, NaiveDate};

use crate::calendar::{add_days, Calendar};
use crate::facts::*;
use crate::store::{CaseInput, Closing, PersonInput};

/// The generator's source of chance: SplitMix64 from a seed, so the same seed always gives the same cases.
pub struct Rng(u64);

impl Rng {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next number in the sequence.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A whole number in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next_u64() % ((hi - lo + 1) as u64)) as i64
    }

    /// True about `percent` times in 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    /// One of `items`, each as likely as the others (there must be at least one).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next_u64() % items.len() as u64) as usize]
    }
}

/// A generated case: the facts the engine reads, and the people and places
/// a store keeps beside them.
#[derive(Debug, Clone)]
pub struct GeneratedCase {
    /// Its reference, `MD-` the year the decision was sent, and a five-digit number.
    pub reference: String,
    /// The parent's name (made up).
    pub parent_name: String,
    /// The child's name (made up).
    pub child_name: String,
    /// The child's date of birth.
    pub child_date_of_birth: NaiveDate,
    /// The local authority, one of [`LOCAL_AUTHORITIES`].
    pub local_authority: &'static str,
    /// A short note of the kind a mediator writes.
    pub note: String,
    /// When and why the case was closed; `None` while it is open.
    pub closed: Option<Closing>,
    /// The facts the engine reads: the decision, the contacts, meetings, certificates.
    pub facts: CaseFacts,
    /// For a disagreement resolution case, its record.
    pub disagreement: Option<crate::disagreement::Disagreement>,
}

/// The twelve local authorities, in and around Greater Manchester, that generated cases are spread across.
pub const LOCAL_AUTHORITIES: &[&str] = &[
    "Manchester City Council",
    "Salford City Council",
    "Trafford Council",
    "Stockport Metropolitan Borough Council",
    "Tameside Metropolitan Borough Council",
    "Oldham Council",
    "Rochdale Borough Council",
    "Bury Council",
    "Bolton Council",
    "Wigan Council",
    "Cheshire East Council",
    "Lancashire County Council",
];

const GIVEN: &[&str] = &[
    "Siân",
    "Gwenllïan",
    "Zoë",
    "Łukasz",
    "Oliver",
    "Amelia",
    "Muhammad",
    "Aisha",
    "Noah",
    "Isla",
    "Jack",
    "Freya",
    "Chloé",
    "Dylan",
    "Niamh",
    "Seán",
    "Aoife",
    "Ravi",
    "Priya",
    "Tomasz",
    "Ewa",
    "Kwame",
    "Ama",
    "Leo",
    "Ruby",
    "Finn",
    "Maya",
    "Bartłomiej",
];
const FAMILY: &[&str] = &[
    "Jones",
    "Williams",
    "O'Brien-Smith",
    "Ó Súilleabháin",
    "Nguyễn",
    "Kowalski",
    "Patel",
    "Khan",
    "Taylor",
    "Brown",
    "Davies",
    "Evans",
    "Wilson",
    "Thomas",
    "Roberts",
    "Hughes",
    "Lewis",
    "Ahmed",
    "Begum",
    "Mensah",
    "Novák",
    "Müller",
    "Walsh",
    "Clarke",
];
const NOTES: &[&str] = &[
    "Parent called about the refusal; information about mediation sent by email.",
    "Young person wants to attend the meeting with an advocate.",
    "LA officer confirmed they have authority to agree provision.",
    "Family asked for an interpreter (Polish) at the meeting.",
    "Parent unsure whether to mediate; will call back after talking to school.",
    "Child's views gathered through the school SENCo beforehand.",
];

/// `count` cases whose decisions fall in the ten years before `until`.
pub fn cases(seed: u64, count: usize, until: NaiveDate) -> Vec<GeneratedCase> {
    let cal = Calendar::built_in();
    let mut rng = Rng::new(seed);
    // Closings draw from a stream of their own, so each seed's facts are
    // the same as before closing dates were generated.
    let mut closings = Rng::new(seed ^ 0xC105_ED00_C105_ED00);
    (0..count).map(|i| one(&mut rng, &mut closings, &cal, i, until)).collect()
}

fn one(rng: &mut Rng, closings: &mut Rng, cal: &Calendar, i: usize, until: NaiveDate) -> GeneratedCase {
    // Spread decisions over ten years, later ones a little more often.
    let span = 3650;
    let back = span - (rng.range(0, span) * rng.range(0, span) / span).max(70) + 70;
    let sent = add_days(until, -back.min(span)).max(NaiveDate::from_ymd_opt(2016, 1, 4).expect("a date"));
    let letter_dated = add_days(sent, -rng.range(0, 3));
    let mut facts = CaseFacts {
        decision: Decision {
            kind: None,
            letter_dated: Some(letter_dated),
            sent_on: if rng.chance(90) { Some(sent) } else { None },
            letter_missing: if rng.chance(6) { vec![*rng.pick(&crate::rules::letter::ITEMS)] } else { Vec::new() },
        },
        ..CaseFacts::default()
    };
    let sent = facts.decision.sent_on.unwrap_or(letter_dated);
    let kind = *rng.pick(&[
        DecisionKind::RefuseToAssess,
        DecisionKind::RefuseToAssess,
        DecisionKind::RefuseToIssuePlan,
        DecisionKind::PlanContents,
        DecisionKind::PlanContents,
        DecisionKind::PlanContents,
        DecisionKind::RefuseToAmendAfterReview,
        DecisionKind::CeaseToMaintain,
        DecisionKind::RefuseToReassess,
    ]);
    facts.decision.kind = Some(kind);
    let roll = rng.range(0, 99);
    if kind == DecisionKind::PlanContents {
        facts.issues = if roll < 10 {
            vec![Issue::PlacementI]
        } else if roll < 13 {
            vec![Issue::Health, Issue::SocialCare]
        } else {
            let mut issues = vec![Issue::ProvisionF];
            if rng.chance(60) {
                issues.insert(0, Issue::NeedsB);
            }
            if rng.chance(40) {
                issues.push(Issue::PlacementI);
            }
            if rng.chance(15) {
                issues.push(Issue::Health);
            }
            issues
        };
    }
    let contact = add_days(sent, rng.range(2, 55));
    facts.first_contact_on = Some(contact);
    let exempt = kind == DecisionKind::PlanContents && roll < 13;
    let route = rng.range(0, 99);
    if route < 4 {
        facts.service = Service::DisagreementResolution;
    } else if exempt {
        // Exempt: the family may still appeal; no certificate.
    } else if route < 44 {
        let declined = add_days(contact, rng.range(0, 7));
        facts.declined_on = Some(declined);
        let late = rng.chance(8);
        let issued = cal.working_days_after(declined, if late { 5 } else { rng.range(0, 3) as i32 });
        facts.certificates.push(IssuedCertificate {
            kind: CertificateKind::Declined,
            issued_on: issued,
            number: None,
            voided: false,
        });
    } else if route < 96 {
        let told = add_days(contact, rng.range(0, 5));
        facts.family_told_la_on = Some(told);
        facts.adviser_told_la_on = Some(add_days(told, rng.range(0, 3)));
        if facts.health_in_issue() {
            facts.la_told_icb_on = Some(cal.working_days_after(told, rng.range(1, 5) as i32));
        }
        let branch = rng.range(0, 99);
        if branch < 14 {
            let withdrew = add_days(told, rng.range(3, 20));
            facts.withdrew_on = Some(withdrew);
            let issued = cal.working_days_after(withdrew, rng.range(0, 3) as i32);
            facts.certificates.push(IssuedCertificate {
                kind: CertificateKind::Withdrawn,
                issued_on: issued,
                number: None,
                voided: false,
            });
        } else if branch < 28 {
            let notice = add_days(told, rng.range(10, 28));
            facts.cannot_arrange_notice_on = Some(notice);
            let issued = cal.working_days_after(notice, rng.range(1, 4) as i32);
            facts.certificates.push(IssuedCertificate {
                kind: CertificateKind::Deemed,
                issued_on: issued,
                number: None,
                voided: false,
            });
        } else if branch < 36 {
            // Waiting for the meeting to be arranged.
        } else {
            let mut date = add_days(told, rng.range(12, 40));
            if rng.chance(15) {
                facts.meetings.push(Meeting {
                    date,
                    status: MeetingStatus::Postponed,
                    notice_sent_on: Some(add_days(date, -9)),
                    postponed_by: Some(*rng.pick(&[PostponedBy::LocalAuthority, PostponedBy::Family, PostponedBy::Mediator])),
                });
                date = add_days(date, rng.range(7, 21));
            }
            let notice = cal.working_days_after(date, -(rng.range(4, 9) as i32));
            facts.meetings.push(Meeting { date, status: MeetingStatus::Held, notice_sent_on: Some(notice), postponed_by: None });
            facts.mediation_arranged_on = Some(add_days(told, rng.range(2, 9)));
            facts.concluded_on = Some(date);
            let issued = cal.working_days_after(date, rng.range(0, 4) as i32);
            facts.certificates.push(IssuedCertificate {
                kind: CertificateKind::AfterMediation,
                issued_on: issued,
                number: None,
                voided: false,
            });
            if rng.chance(50) {
                let actions = (0..rng.range(1, 3))
                    .map(|_| {
                        let kind = *rng.pick(&[
                            AgreementActionKind::MakeAssessment,
                            AgreementActionKind::MakeAndMaintainPlan,
                            AgreementActionKind::AmendNeedsOrProvision,
                            AgreementActionKind::AmendPlacement,
                            AgreementActionKind::NonAppealable,
                        ]);
                        let stages = crate::rules::agreement::stages(kind).len();
                        let done =
                            (0..stages)
                                .map(|s| {
                                    if rng.chance(70) {
                                        Some(add_days(date, 7 * (s as i64 + 1) + rng.range(0, 20)))
                                    } else {
                                        None
                                    }
                                })
                                .collect();
                        AgreementAction {
                            kind,
                            description: String::new(),
                            agreed_due: if rng.chance(10) { Some(add_days(date, 42)) } else { None },
                            done_on: done,
                            responsible_body: None,
                        }
                    })
                    .collect();
                facts.agreement = Some(Agreement {
                    dated: date,
                    la_was_party: !facts.health_in_issue() || rng.chance(50),
                    la_told_on: None,
                    actions,
                });
            }
        }
    }
    let (given, family, parent) = (*rng.pick(GIVEN), *rng.pick(FAMILY), *rng.pick(GIVEN));
    let age = rng.range(3, 24);
    let dob =
        NaiveDate::from_ymd_opt(sent.year() - age as i32, rng.range(1, 12) as u32, rng.range(1, 28) as u32).expect("a date");
    // Keep every date on or before `until` (what a real database holds).
    let facts = clamp_to(facts, until);
    let mut closed = (sent < add_days(until, -240)).then(|| closing(&facts, closings, cal, until));
    // Disagreement resolution draws from a stream of its own (per case),
    // so every other case is as it was before it had a record.
    let disagreement = (facts.service == Service::DisagreementResolution).then(|| {
        let contact = facts.first_contact_on.unwrap_or(sent);
        disagreement(&mut Rng::new(0xD15A_6EE5_0000_0000 ^ i as u64), cal, contact, until)
    });
    if let (Some(c), Some(d)) = (closed.as_mut(), &disagreement) {
        // Closed after its last event.
        let mut last = d.requested_on;
        crate::disagreement::events(d, until).iter().for_each(|e| last = last.max(e.date));
        c.on = c.on.max(last).min(until);
    }
    GeneratedCase {
        reference: format!("MD-{}-{:05}", sent.year(), i + 1),
        parent_name: format!("{parent} {family}"),
        child_name: format!("{given} {family}"),
        child_date_of_birth: dob,
        local_authority: LOCAL_AUTHORITIES[rng.range(0, LOCAL_AUTHORITIES.len() as i64 - 1) as usize],
        note: (*rng.pick(NOTES)).to_string(),
        closed,
        facts,
        disagreement,
    }
}

const SCHOOLS: &[(&str, crate::disagreement::PartyType)] = {
    use crate::disagreement::PartyType::*;
    &[
        ("Hillside Primary School", MaintainedSchool),
        ("St Mary's C of E Primary School", MaintainedSchool),
        ("Oakwood Academy", Academy),
        ("Riverside High School", Academy),
        ("Little Acorns Nursery", EarlyYearsProvider),
        ("Greenbank Nursery School", MaintainedNursery),
        ("Northern College", Post16Institution),
        ("Brookfield School", IndependentSchool),
    ]
};

const ABOUT: &[&str] = &[
    "Speech and language support in class",
    "Support at lunchtime and on school trips",
    "Transport to school",
    "Occupational therapy in the plan's review",
    "How the school records and reviews SEN support",
];

/// A disagreement resolution record for a case whose request came on
/// `requested_on`: most go ahead, some are declined, and every date is on
/// or before `until`.
fn disagreement(rng: &mut Rng, cal: &Calendar, requested_on: NaiveDate, until: NaiveDate) -> crate::disagreement::Disagreement {
    use crate::disagreement::*;
    let kind = *rng.pick(&[
        DisagreementKind::Duties,
        DisagreementKind::Provision,
        DisagreementKind::Provision,
        DisagreementKind::HealthSocialCare,
    ]);
    let about: &&str = rng.pick(ABOUT);
    let mut d = Disagreement::new(kind, requested_on, about);
    let (name, party_type) = if kind == DisagreementKind::HealthSocialCare {
        ("NHS Greater Manchester Integrated Care Board", PartyType::Icb)
    } else {
        *rng.pick(SCHOOLS)
    };
    d.ehc = Some(if kind == DisagreementKind::HealthSocialCare {
        *rng.pick(&[EhcStatus::EhcPlan, EhcStatus::BeingAssessed])
    } else {
        *rng.pick(&EhcStatus::ALL)
    });
    d.other_parties.push(OtherParty { name: name.to_string(), party_type, response: None });
    let on = |days: i64| Some(add_days(requested_on, days)).filter(|d| *d <= until);
    d.first_contact_on = Some(cal.working_days_after(requested_on, rng.range(0, 3) as i32)).filter(|d| *d <= until);
    let answered = rng.range(2, 10);
    let Some(la_on) = on(answered) else { return d };
    if rng.chance(8) {
        d.la_response = Some(LaResponse { answer: LaAnswer::Declined, on: la_on });
        return d;
    }
    d.la_response = Some(LaResponse { answer: LaAnswer::Engaged, on: la_on });
    if let Some(family_on) = on(answered + rng.range(0, 3)) {
        d.family_response = Some(PartyResponse { answer: PartyAnswer::Agreed, on: family_on });
    }
    let Some(party_on) = on(answered + rng.range(1, 7)) else { return d };
    if rng.chance(10) {
        d.other_parties[0].response = Some(PartyResponse { answer: PartyAnswer::Refused, on: party_on });
        return d;
    }
    d.other_parties[0].response = Some(PartyResponse { answer: PartyAnswer::Agreed, on: party_on });
    let Some(meeting) = on(answered + rng.range(10, 45)) else { return d };
    d.meetings.push(DrMeeting {
        date: meeting,
        place: "The school".into(),
        attended: vec!["Parent".into(), "SENCo".into()],
        supporters: if rng.chance(50) { vec!["A friend of the family".into()] } else { Vec::new() },
        reports_shared: Vec::new(),
    });
    let result =
        *rng.pick(&[PointResult::Resolved, PointResult::Resolved, PointResult::PartlyResolved, PointResult::NotResolved]);
    d.points.push(OutcomePoint { point: d.about.clone(), result, remains: String::new() });
    d.concluded_on = Some(meeting);
    d
}

/// How a finished case was closed: 1 to 15 working days after the last
/// date recorded in it (never after `until`), for a reason that fits its
/// facts.
fn closing(facts: &CaseFacts, rng: &mut Rng, cal: &Calendar, until: NaiveDate) -> Closing {
    let mut last: Option<NaiveDate> = None;
    crate::rules::problems::each_date(facts, |_, _, d| last = last.max(Some(d)));
    let last = last.expect("a generated case has a decision date");
    let on = cal.working_days_after(last, rng.range(1, 15) as i32).min(until);
    let reason = if facts.service == Service::DisagreementResolution {
        "Referred to disagreement resolution"
    } else if facts.withdrew_on.is_some() {
        "Family withdrew from mediation; certificate issued"
    } else if facts.declined_on.is_some() {
        "Family declined mediation; certificate issued"
    } else if facts.concluded_on.is_some() {
        if facts.agreement.is_some() {
            "Mediation held and agreement reached; certificate issued"
        } else {
            "Mediation held, no agreement; certificate issued"
        }
    } else if facts.cannot_arrange_notice_on.is_some() {
        "Mediation not arranged within 30 days; certificate issued"
    } else if crate::rules::exemptions::assess(facts).0 == crate::timeline::Route::Exempt {
        "Exempt from mediation: the family can appeal without a certificate"
    } else {
        "No further contact from the family"
    };
    Closing { on, reason: reason.to_string() }
}

/// Drop facts dated after `until`: a generated database never records the future.
fn clamp_to(mut facts: CaseFacts, until: NaiveDate) -> CaseFacts {
    let keep = |d: &mut Option<NaiveDate>| {
        if d.is_some_and(|d| d > until) {
            *d = None;
        }
    };
    keep(&mut facts.declined_on);
    keep(&mut facts.withdrew_on);
    keep(&mut facts.family_told_la_on);
    keep(&mut facts.adviser_told_la_on);
    keep(&mut facts.la_told_icb_on);
    keep(&mut facts.cannot_arrange_notice_on);
    keep(&mut facts.mediation_arranged_on);
    keep(&mut facts.first_contact_on);
    if facts.meetings.iter().any(|m| m.date > until) || facts.concluded_on.is_some_and(|d| d > until) {
        for m in &mut facts.meetings {
            if m.date > until {
                m.status = MeetingStatus::Planned;
            }
            if m.notice_sent_on.is_some_and(|d| d > until) {
                m.notice_sent_on = None;
            }
        }
        facts.concluded_on = None;
        facts.agreement = None;
    }
    facts.certificates.retain(|c| c.issued_on <= until);
    if let Some(a) = &mut facts.agreement {
        for action in &mut a.actions {
            for d in &mut action.done_on {
                keep(d);
            }
        }
    }
    facts
}

/// A case made by the seeded generator, as input (keeping its reference if
/// asked), and its closing if it is closed: for `seed`, benchmarks and demos.
pub fn generated_input(g: GeneratedCase, keep_reference: bool) -> (CaseInput, Option<Closing>) {
    (
        CaseInput {
            reference: keep_reference.then_some(g.reference),
            legacy_reference: None,
            opened_on: g.facts.first_contact_on,
            caller: Some(PersonInput { name: g.parent_name, role: None, date_of_birth: None }),
            appellant: None,
            child: Some(PersonInput { name: g.child_name, role: None, date_of_birth: Some(g.child_date_of_birth) }),
            representatives: Vec::new(),
            local_authority: g.local_authority.to_string(),
            icb: None,
            note: Some(g.note),
            facts: g.facts,
            disagreement: g.disagreement,
        },
        g.closed,
    )
}
