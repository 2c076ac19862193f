//! After a written mediation agreement (SEND Regs 2014 reg 42) [V].
//! Items the family could appeal: the LA keeps the reg 44 limits as if the
//! agreement were a Tribunal order. Items with no right of appeal: 2 weeks.
//! Where the LA was not a party: the commissioning body tells it within 1
//! week (reg 42(4)). A different timescale agreed in writing replaces these.

use std::borrow::Cow;

use super::counting;
use super::draft::{Context, Draft};
use super::{ClockRule, ICB_TELLS_LA};
use crate::calendar::dates;
use crate::facts::{Agreement, AgreementAction, AgreementActionKind, ResponsibleBody};
use crate::timeline::{Party, Period, Unit, WorkingLine};

/// One stage of an agreed action and its limit from the agreement's date.
pub struct Stage {
    /// The stage's part of the clock key (`agreement_action_1_final`).
    pub key: &'static str,
    /// What must be done, in words ("Issue the final EHC plan").
    pub label: &'static str,
    /// How many units after the agreement's date.
    pub amount: u32,
    /// Weeks, or immediately.
    pub unit: Unit,
}

const APPEALABLE: &str = "SEND Regs 2014 reg 42 and reg 44 (as if the agreement were a Tribunal order)";
const NOT_APPEALABLE: &str = "SEND Regs 2014 reg 42 (2 weeks for items with no right of appeal)";

const fn stage(key: &'static str, label: &'static str, amount: u32, unit: Unit) -> Stage {
    Stage { key, label, amount, unit }
}

/// Reg 44(2) after an agreement to assess: 2 weeks to tell the family the
/// LA will assess; then EITHER 10 weeks to tell the family it will not
/// issue a plan (reg 44(2)(b)(i)) OR 14 weeks to issue the final plan
/// (reg 44(2)(b)(ii)): alternatives, not steps [V, as amended 2015]. The
/// stages keep their places in `done_on`: [0] notify, [1] the decision not
/// to issue, [2] the final plan.
const ASSESSMENT: &[Stage] = &[
    stage("notify", "Tell the family the LA will assess", 2, Unit::Weeks),
    stage("no_plan", "Tell the family the LA will not issue an EHC plan (if it so decides)", 10, Unit::Weeks),
    stage("plan", "Issue the final EHC plan (if the LA decides to issue one)", 14, Unit::Weeks),
];
/// The places in `done_on` of an assessment's two alternative outcomes.
const NO_PLAN: usize = 1;
const FINAL_PLAN: usize = 2;
const ALTERNATIVES: &str = "Reg 44(2)(b): after the assessment the LA either tells the family within 10 weeks that it will not issue a plan, or issues the final plan within 14 weeks: alternatives, not steps";
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

/// The law an agreed action's clocks cite: reg 42 and reg 44 for an item the family could appeal, reg 42's 2 weeks
/// otherwise.
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
        let (party, responsible) = party(action);
        // The label is fixed wording and the action's number; the
        // description, free text, goes beside it (`Clock::action_description`).
        let label = |stage: &str| format!("{stage} (action {number})");
        let description = Some(action.description.trim()).filter(|d| !d.is_empty()).map(str::to_string);
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
                good_practice: None,
            };
            let mut draft = Draft::counted(ctx, &rule, agreement.dated, action.done_on.last().copied().flatten());
            draft.clock.key = Cow::Owned(format!("agreement_action_{number}"));
            draft.clock.label = Cow::Owned(label(last.label));
            draft.clock.action_description = description.clone();
            draft.clock.working[1] = WorkingLine::Note(Cow::Owned(format!(
                "The parties agreed in writing a different date, which replaces the statutory limit: {}",
                dates::long(agreed)
            )));
            draft.clock.raw_date = agreed;
            draft.clock.due_date = agreed;
            draft.clock.adjustment = Some("A timescale agreed in writing replaces the statutory limit (reg 42)");
            if let Some(note) = responsible {
                draft.clock.working.insert(1, WorkingLine::Note(Cow::Borrowed(note)));
            }
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
                good_practice: None,
            };
            let done = action.done_on.get(s).copied().flatten();
            let mut draft = Draft::counted(ctx, &rule, agreement.dated, done);
            draft.clock.key = Cow::Owned(format!("agreement_action_{number}_{}", stage.key));
            draft.clock.label = Cow::Owned(label(stage.label));
            draft.clock.action_description = description.clone();
            if let Some(note) = responsible {
                draft.clock.working.insert(1, WorkingLine::Note(Cow::Borrowed(note)));
            }
            if action.kind == AgreementActionKind::MakeAssessment && s != 0 {
                alternative(ctx, agreement, action, s, &mut draft);
            }
            emit(draft);
        }
    }
}

/// Who must carry out `action`, and a working note saying so for an item
/// with no right of appeal: the LA keeps the reg 44 limits for items the
/// family could appeal; for the rest, "the local authority or responsible
/// commissioning body" (reg 42(3)), whichever the agreement records.
fn party(action: &AgreementAction) -> (Party, Option<&'static str>) {
    if action.kind != AgreementActionKind::NonAppealable {
        return (Party::LocalAuthority, None);
    }
    match action.responsible_body {
        Some(ResponsibleBody::LocalAuthority) => {
            (Party::LocalAuthority, Some("Reg 42(3): the local authority is responsible for this item (recorded on the agreement)"))
        }
        Some(ResponsibleBody::Icb) => {
            (Party::Icb, Some("Reg 42(3): the integrated care board is responsible for this item (recorded on the agreement)"))
        }
        None => (
            Party::CommissioningBody,
            Some("Reg 42(3): the local authority or the responsible commissioning body, whichever is responsible for this item: record which on the agreement"),
        ),
    }
}

/// The two outcomes of an assessment are alternatives (reg 44(2)(b)): the
/// one recorded makes the other not applicable, and with neither recorded
/// past week 10 the LA may still be within its 14 weeks to issue a plan,
/// so the 10 weeks are not shown as missed.
fn alternative(ctx: &Context, agreement: &Agreement, action: &AgreementAction, stage: usize, draft: &mut Draft) {
    let done = |s: usize| action.done_on.get(s).copied().flatten();
    draft.clock.working.insert(1, WorkingLine::Note(Cow::Borrowed(ALTERNATIVES)));
    if done(stage).is_some() {
        return;
    }
    if stage == NO_PLAN {
        if let Some(plan) = done(FINAL_PLAN) {
            draft.not_applicable = Some(Cow::Owned(format!(
                "The final EHC plan was issued on {}: the 10 weeks to say the LA will not issue one do not apply",
                dates::long(plan)
            )));
        } else if ctx.today > draft.clock.due_date {
            let last = &ASSESSMENT[FINAL_PLAN];
            let period = Period { amount: last.amount, unit: last.unit, before: false };
            let (plan_due, _) = counting::count(ctx.cal, period, agreement.dated);
            draft.not_applicable = Some(Cow::Owned(format!(
                "No decision not to issue a plan is recorded by week 10: if the LA decided to issue a plan instead, it has until {} (week 14) to issue it, so this limit is not shown as missed. Record the date if the LA told the family it will not issue a plan",
                dates::long(plan_due)
            )));
        }
    } else if let Some(no_plan) = done(NO_PLAN) {
        draft.not_applicable = Some(Cow::Owned(format!(
            "The LA told the family on {} that it will not issue a plan: the 14 weeks to issue one do not apply",
            dates::long(no_plan)
        )));
    }
}
