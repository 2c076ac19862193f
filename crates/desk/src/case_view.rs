//! The case as the screens and `case show` see it: the record with its
//! timeline on the caller's today, the timeline's picture, the history and
//! a disagreement's status; and the live preview of facts being typed.
//! Read from the store, computed by the law; nothing here is saved.
//!
//! The methods are on [`CaseViews`], implemented for the store, so a shell
//! writes `store.case_view(...)` with this trait in scope.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::facts::CaseFacts;
use crate::store::{CaseRecord, Store};
use crate::timeline::Timeline;

/// `case show`: the case, its timeline today and its history.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CaseView {
    /// The case as stored (its fields sit at the top level of the JSON).
    #[serde(flatten)]
    pub case: CaseRecord,
    /// Every clock of the case on the caller's today, with its working.
    pub timeline: Timeline,
    /// The timeline as a picture (none until a date is recorded).
    pub chart: Option<crate::chart::Chart>,
    /// Who changed what and when, oldest first.
    pub history: Vec<crate::store::HistoryEntry>,
    /// Where a disagreement resolution case stands: its events, the
    /// service's targets (not the law). None for mediation.
    pub disagreement_status: Option<crate::rules::disagreement_status::DisagreementStatus>,
}

/// The timeline and its picture for facts not yet saved.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FactsPreview {
    /// The clocks the facts as typed would give, on the caller's today.
    pub timeline: Timeline,
    /// The timeline as a picture (none until a date is recorded).
    pub chart: Option<crate::chart::Chart>,
}

/// The case views over the store.
pub trait CaseViews {
    /// A case with its timeline on `today` and its history.
    fn case_view(&self, reference: &str, today: NaiveDate) -> Result<CaseView>;

    /// The timeline and its picture for `facts` on `today`.
    fn preview(&self, facts: &CaseFacts, today: NaiveDate) -> Result<FactsPreview>;

    /// The timeline and its picture for `facts` (saved or as typed) of
    /// `case`, with the notice of who may appeal for a parent who rang
    /// about a young person (`rules::appellant::notice`).
    fn case_preview(&self, case: &CaseRecord, facts: &CaseFacts, today: NaiveDate) -> Result<FactsPreview>;
}

impl CaseViews for Store {
    fn case_view(&self, reference: &str, today: NaiveDate) -> Result<CaseView> {
        let case = self.case(reference)?;
        let FactsPreview { timeline, chart } = self.case_preview(&case, &case.facts, today)?;
        let history = self.history(reference)?;
        let disagreement_status = self.disagreement_status(case.disagreement.as_ref(), today)?;
        Ok(CaseView { case, timeline, chart, history, disagreement_status })
    }

    fn preview(&self, facts: &CaseFacts, today: NaiveDate) -> Result<FactsPreview> {
        let timeline = self.timeline_for(facts, today)?;
        Ok(FactsPreview { chart: crate::chart::chart(facts, &timeline), timeline })
    }

    fn case_preview(&self, case: &CaseRecord, facts: &CaseFacts, today: NaiveDate) -> Result<FactsPreview> {
        let mut preview = self.preview(facts, today)?;
        let mut parties = case.parties();
        parties.call_date = facts.first_contact_on.unwrap_or(case.opened_on);
        preview.timeline.notices.extend(crate::rules::appellant::notice(&parties));
        Ok(preview)
    }
}
