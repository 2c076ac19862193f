//! After a written mediation agreement (SEND Regs 2014 reg 42) [V].
//! Items the family could appeal: the LA keeps the reg 44 limits as if the
//! agreement were a Tribunal order. Items with no right of appeal: 2 weeks.
//! Where the LA was not a party: the commissioning body tells it within 1
//! week (reg 42(4)). A different timescale agreed in writing replaces these.

use std::borrow::Cow;

use super::engine::{Context, Draft};
use super::{ClockRule, ICB_TELLS_LA};
use crate::calendar::dates;
use crate::facts::{Agreement, AgreementActionKind};
use crate::timeline::{Party, Period, Unit, WorkingLine};

/// One stage of an agreed action and its limit from the agreement's date.
pub struct Stage {
    pub key: &'static str,
    pub label: &'static str,
    pub amount: u32,
    pub unit: Unit,
}

const APPEALABLE: &str = "SEND Regs 2014 reg 42 and reg 44 (as if the agreement were a Tribunal order)";
const NOT_APPEALABLE: &str = "SEND Regs 2014 reg 42 (2 weeks for items with no right of appeal)";

const fn stage(key: &'static str, label: &'static str, amount: u32, unit: Unit) -> Stage {
    Stage { key, label, amount, unit }
}

const ASSESSMENT: &[Stage] = &[
    stage("notify", "Tell the family the LA will assess", 2, Unit::Weeks),
    stage("assessment", "Complete the EHC needs assessment", 10, Unit::Weeks),
    stage("plan", "Issue the EHC plan after the assessment", 14, Unit::Weeks),
];
const PLAN: &[Stage] =
    &[stage("draft", "Send the draft EHC plan", 5, Unit::Weeks), stage("final", "Issue the final EHC plan", 11, Unit::Weeks)];
const AMEND_B_F: &[Stage] = &[stage("amend", "Issue the amended plan (sections B and/or F)", 5, Unit::Weeks)];
const AMEND_I: &[Stage] = &[stage("amend", "Issue the amended plan (section I)", 2, Unit::Weeks)];
const CONTINUE: &[Stage] = &[stage("act", "Continue to maintain the EHC plan", 0, Unit::Immediately)];
const CEASE: &[Stage] = &[stage("act", "Cease to maintain the EHC plan", 0, Unit::Immediately)];
const NO_APPEAL: &[Stage] = &[stage("act", "Carry out the agreed action", 2, Unit::Weeks)];

/// Reg 44 limits for appealable items [V in part; S: SENDIASS tables], and
/// reg 42's 2 weeks for the rest.
pub fn stages(kind: AgreementActionKind) -> &'static [Stage] {
    use AgreementActionKind::*;
    match kind {
        MakeAssessment => ASSESSMENT,
        MakeAndMaintainPlan => PLAN,
        AmendNeedsOrProvision => AMEND_B_F,
        AmendPlacement => AMEND_I,
        ContinueToMaintain => CONTINUE,
        CeaseToMaintain => CEASE,
        NonAppealable => NO_APPEAL,
    }
}

pub fn citation(kind: AgreementActionKind) -> &'static str {
    if kind == AgreementActionKind::NonAppealable {
        NOT_APPEALABLE
    } else {
        APPEALABLE
    }
}

pub(crate) fn drafts(ctx: &Context, agreement: &Agreement, emit: &mut dyn FnMut(Draft)) {
    if !agreement.la_was_party {
        emit(Draft::counted(ctx, &ICB_TELLS_LA, agreement.dated, agreement.la_told_on));
    }
    for (n, action) in agreement.actions.iter().enumerate() {
        let number = n + 1;
        let party =
            if action.kind == AgreementActionKind::NonAppealable { Party::CommissioningBody } else { Party::LocalAuthority };
        let describe = |label: &str| {
            if action.description.trim().is_empty() {
                format!("{label} (action {number})")
            } else {
                format!("{label} (action {number}: {})", action.description.trim())
            }
        };
        let stages = stages(action.kind);
        if let Some(agreed) = action.agreed_due {
            let last = stages.last().expect("every action has a stage");
            let rule = ClockRule {
                key: "agreement_action",
                label: last.label,
                party,
                period: Period { amount: 0, unit: Unit::Immediately, before: false },
                trigger: "written mediation agreement dated",
                met_by: "action done",
                citation: citation(action.kind),
            };
            let mut draft = Draft::counted(ctx, &rule, agreement.dated, action.done_on.last().copied().flatten());
            draft.key = Cow::Owned(format!("agreement_action_{number}"));
            draft.label = Cow::Owned(describe(last.label));
            draft.working[1] = WorkingLine::Note(Cow::Owned(format!(
                "The parties agreed in writing a different date, which replaces the statutory limit: {}",
                dates::long(agreed)
            )));
            draft.raw_date = agreed;
            draft.due_date = agreed;
            draft.adjustment = Some("A timescale agreed in writing replaces the statutory limit (reg 42)");
            emit(draft);
            continue;
        }
        for (s, stage) in stages.iter().enumerate() {
            let rule = ClockRule {
                key: "agreement_action",
                label: stage.label,
                party,
                period: Period { amount: stage.amount, unit: stage.unit, before: false },
                trigger: "written mediation agreement dated",
                met_by: "action done",
                citation: citation(action.kind),
            };
            let done = action.done_on.get(s).copied().flatten();
            let mut draft = Draft::counted(ctx, &rule, agreement.dated, done);
            draft.key = Cow::Owned(format!("agreement_action_{number}_{}", stage.key));
            draft.label = Cow::Owned(describe(stage.label));
            emit(draft);
        }
    }
}
