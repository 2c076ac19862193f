//! What anonymising a case keeps and removes from its facts and its
//! disagreement record: every word a person typed (an agreement action's
//! description, a meeting's place and who attended, the points and what
//! remains, who agreed to do what, what the disagreement is about) goes;
//! the kinds, dates, answers and results that the reports count stay, so
//! a period's figures are the same before and after.

use crate::disagreement::Disagreement;
use crate::facts::CaseFacts;

/// Remove the free text from a case's facts, keeping what is counted.
pub fn case_facts(facts: &mut CaseFacts) {
    if let Some(agreement) = facts.agreement.as_mut() {
        for action in &mut agreement.actions {
            action.description.clear();
        }
    }
}

/// Remove the free text from a disagreement record, keeping the kind,
/// dates, the other parties (organisations, not people), answers and
/// results.
pub fn disagreement(record: &mut Disagreement) {
    record.about.clear();
    for meeting in &mut record.meetings {
        meeting.place.clear();
        meeting.attended.clear();
        meeting.supporters.clear();
        meeting.reports_shared.clear();
    }
    for point in &mut record.points {
        point.point.clear();
        point.remains.clear();
    }
    for action in &mut record.actions {
        action.who.clear();
        action.what.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disagreement::{AgreedAction, DisagreementKind, DrMeeting, OutcomePoint, PointResult};
    use crate::facts::{Agreement, AgreementAction, AgreementActionKind, ResponsibleBody};
    use chrono::NaiveDate;

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn the_words_go_and_the_kinds_dates_and_results_stay() {
        let mut facts = CaseFacts {
            agreement: Some(Agreement {
                dated: d("2026-03-20"),
                la_was_party: true,
                la_told_on: None,
                actions: vec![AgreementAction {
                    kind: AgreementActionKind::AmendNeedsOrProvision,
                    responsible_body: Some(ResponsibleBody::LocalAuthority),
                    description: "Zebedee's speech therapy (asthma)".into(),
                    agreed_due: Some(d("2026-04-20")),
                    done_on: vec![Some(d("2026-04-01"))],
                }],
            }),
            ..CaseFacts::default()
        };
        let mut expected = facts.clone();
        case_facts(&mut facts);
        expected.agreement.as_mut().unwrap().actions[0].description.clear();
        assert_eq!(facts, expected);

        let mut record = Disagreement::new(DisagreementKind::Provision, d("2026-03-02"), "Zebedee's transport");
        record.meetings.push(DrMeeting {
            date: d("2026-03-10"),
            place: "Zebedee's school".into(),
            attended: vec!["Mrs Quartermaine".into()],
            supporters: vec!["Aunt".into()],
            reports_shared: vec!["Dr Oduya's letter".into()],
        });
        record.points.push(OutcomePoint {
            point: "Taxi for Zebedee".into(),
            result: PointResult::Resolved,
            remains: "none".into(),
        });
        record.actions.push(AgreedAction { who: "Mr Oduya".into(), what: "Ring Zebedee".into(), by: Some(d("2026-03-20")) });
        disagreement(&mut record);
        let text = serde_json::to_string(&record).unwrap();
        assert!(!text.contains("Zebedee") && !text.contains("Quartermaine") && !text.contains("Oduya"), "{text}");
        assert_eq!(record.meetings[0].date, d("2026-03-10"));
        assert_eq!(record.points[0].result, PointResult::Resolved);
        assert_eq!(record.actions[0].by, Some(d("2026-03-20")));
    }
}
