//! The Today view: every pending clock of every open case due within N days
//! (overdue ones always), soonest first. Pending clocks are materialised in
//! `case_clocks` when a case is saved (and recomputed when the calendar,
//! the counting choices or `rules::RULES_VERSION` change); whether each is
//! overdue, due today or upcoming is decided when read. `today_computed`
//! gives the same answer by running the engine over every open case, for
//! comparison (see the `store` benchmark).

use chrono::NaiveDate;
use rusqlite::{params, Connection, Transaction};
use serde::Serialize;
use ts_rs::TS;

use super::{settings, Result, Store};
use law::calendar::{add_days, Calendar};
use law::facts::CaseFacts;
use law::timeline::Timeline;

/// One line of the Today view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TodayItem {
    pub due_date: NaiveDate,
    /// "5pm" for the appeal.
    pub due_by_time: Option<String>,
    /// `overdue`, `due_today` or `upcoming`.
    pub status: &'static str,
    /// The status in words: "Overdue", or for the appeal "Out of time: ...".
    pub status_text: &'static str,
    /// `overdue`, `due_today`, `this_week` (the next 7 days) or `later`.
    pub group: &'static str,
    pub reference: String,
    pub clock_key: String,
    /// The clock's label (fixed wording: "Carry out the agreed action (action 2)").
    pub clock: String,
    /// For an agreed action's clock, its description as typed on the
    /// agreement (`Clock::action_description`), shown beside the label.
    pub action_description: Option<String>,
    /// Who must act.
    pub party: String,
    /// The caller (parent, young person or representative), if recorded.
    pub caller: Option<String>,
    pub child: String,
}

/// The status in the engine's words for a pending clock.
fn words(status: &str, clock_key: &str) -> &'static str {
    use law::timeline::Status;
    let status = match status {
        "overdue" => Status::Overdue,
        "due_today" => Status::DueToday,
        _ => Status::Upcoming,
    };
    law::rules::status_text(status, clock_key)
}

/// A materialised clock read after its date has passed: a statutory one is
/// overdue; a good-practice one (the notice of a meeting) is no longer
/// pending, as the engine says, so it leaves Today rather than showing as
/// overdue.
fn still_listed(due: NaiveDate, today: NaiveDate, clock_key: &str) -> bool {
    due >= today || law::rules::good_practice(clock_key).is_none()
}

pub(crate) fn classify(due: NaiveDate, today: NaiveDate) -> (&'static str, &'static str) {
    if due < today {
        ("overdue", "overdue")
    } else if due == today {
        ("due_today", "due_today")
    } else if due <= add_days(today, 7) {
        ("upcoming", "this_week")
    } else {
        ("upcoming", "later")
    }
}

/// Replace an open case's materialised pending clocks, its `next_due` and
/// its place in the case list (`list_order`).
pub(crate) fn write_clocks(conn: &Connection, case_id: i64, timeline: &Timeline) -> Result<()> {
    conn.prepare_cached("DELETE FROM case_clocks WHERE case_id = ?1")?.execute([case_id])?;
    let mut pending = timeline.clocks.iter().filter(|c| c.status.is_pending()).peekable();
    if pending.peek().is_some() {
        let (reference, caller, child): (String, Option<String>, String) = conn
            .prepare_cached(
                "SELECT reference,
                        (SELECT name FROM people p WHERE p.case_id = c.id AND p.part = 'caller' LIMIT 1),
                        coalesce((SELECT name FROM people p WHERE p.case_id = c.id AND p.part = 'child' LIMIT 1), '')
                 FROM cases c WHERE id = ?1",
            )?
            .query_row([case_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        let mut insert = conn.prepare_cached(
            "INSERT INTO case_clocks (case_id, clock_key, label, party_label, due_date, due_by_time,
                                      reference, caller, child, action_description)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        for clock in pending {
            insert.execute(params![
                case_id,
                clock.key.as_ref(),
                clock.label.as_ref(),
                clock.party_label,
                clock.due_date,
                clock.due_by_time,
                reference,
                caller,
                child,
                clock.action_description
            ])?;
        }
    }
    let next = timeline.next_clock().map(|c| c.due_date);
    conn.prepare_cached(
        "UPDATE cases SET next_due = ?2,
                          list_order = CASE WHEN ?2 IS NULL THEN '1||' || reference
                                            ELSE '0|' || ?2 || '|' || reference END
         WHERE id = ?1",
    )?
    .execute(params![case_id, next])?;
    Ok(())
}

/// The setting that says which version of the rules computed the
/// materialised clocks.
pub(crate) const MARK: &str = "clocks_computed_by";

/// Its value: `rules 1` for `rules::RULES_VERSION` 1. Text, as earlier
/// versions of the app wrote (their own marks, which never equal it), so
/// each version reads the other's mark and recomputes the clocks itself.
fn rules_mark() -> String {
    format!("rules {}", law::rules::RULES_VERSION)
}

/// Recompute every open case's pending clocks on `today` (after the
/// calendar, the choices or the rules' version changed), inside the
/// caller's transaction, and mark them computed by this `RULES_VERSION`.
/// Closed cases keep none.
pub(crate) fn recompute_all_in(tx: &Transaction, today: NaiveDate) -> Result<()> {
    let cal = settings::calendar_in(tx)?;
    let choices = settings::choices_in(tx)?;
    let cases: Vec<(i64, String)> = {
        let mut stmt = tx.prepare("SELECT id, facts FROM cases WHERE status = 'open'")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (id, facts) in cases {
        let facts: CaseFacts = serde_json::from_str(&facts)?;
        let timeline = law::rules::timeline(&facts, &cal, &choices, today);
        write_clocks(tx, id, &timeline)?;
    }
    settings::put_in(tx, MARK, &rules_mark())?;
    Ok(())
}

/// Migration 3's data step: its new `case_clocks` table is empty, so no
/// rules' version has computed it; and migration 9's: its new column is
/// empty. `Store::open` fills them right after migrating (a migration has
/// no `today` to count from).
pub(crate) fn clocks_not_yet_computed(tx: &Transaction) -> Result<()> {
    tx.execute("DELETE FROM settings WHERE key = ?1", [MARK])?;
    Ok(())
}

impl Store {
    /// Recompute the materialised clocks on `today` if they were not
    /// computed by this `rules::RULES_VERSION` (an older app's mark, or
    /// none). Reading the mark is all an unchanged database costs: the
    /// engine runs only when the version differs.
    pub(crate) fn refresh_clocks_if_rules_changed(&mut self, today: NaiveDate) -> Result<()> {
        let mark: Option<serde_json::Value> = self.setting(MARK)?;
        if mark.as_ref().and_then(serde_json::Value::as_str) != Some(rules_mark().as_str()) {
            let tx = self.begin()?;
            recompute_all_in(&tx, today)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// The Today view from the materialised clocks: pending clocks of open
    /// cases due by `today + days` (overdue ones always), soonest first.
    pub fn today(&self, today: NaiveDate, days: u32) -> Result<Vec<TodayItem>> {
        let until = add_days(today, days as i64);
        // Only open cases have rows here (closing a case removes them).
        let mut stmt = self.conn.prepare_cached(
            "SELECT due_date, due_by_time, reference, clock_key, label, party_label, caller, child, action_description
             FROM case_clocks
             WHERE due_date <= ?1
             ORDER BY due_date, reference, clock_key",
        )?;
        let rows = stmt.query_map([until], |r| {
            let due: NaiveDate = r.get(0)?;
            let (status, group) = classify(due, today);
            let clock_key: String = r.get(3)?;
            if !still_listed(due, today, &clock_key) {
                return Ok(None);
            }
            Ok(Some(TodayItem {
                due_date: due,
                due_by_time: r.get(1)?,
                status,
                status_text: words(status, &clock_key),
                group,
                reference: r.get(2)?,
                clock_key,
                clock: r.get(4)?,
                action_description: r.get(8)?,
                party: r.get(5)?,
                caller: r.get(6)?,
                child: r.get(7)?,
            }))
        })?;
        let rows: Vec<Option<TodayItem>> = rows.collect::<rusqlite::Result<_>>()?;
        Ok(rows.into_iter().flatten().collect())
    }

    /// The same answer as `today`, computed on read: the engine runs over
    /// every open case. Kept to check and to measure the materialised one.
    pub fn today_computed(&self, today: NaiveDate, days: u32) -> Result<Vec<TodayItem>> {
        self.today_computed_with(&self.calendar()?, today, days)
    }

    fn today_computed_with(&self, cal: &Calendar, today: NaiveDate, days: u32) -> Result<Vec<TodayItem>> {
        let choices = self.choices()?;
        let until = add_days(today, days as i64);
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.reference, c.facts,
                    (SELECT name FROM people p WHERE p.case_id = c.id AND p.part = 'caller' LIMIT 1),
                    (SELECT name FROM people p WHERE p.case_id = c.id AND p.part = 'child' LIMIT 1)
             FROM cases c WHERE c.status = 'open'",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let facts: CaseFacts = serde_json::from_str(r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?)?;
            let timeline = law::rules::timeline(&facts, cal, &choices, today);
            let pending = timeline.clocks.iter().filter(|c| c.status.is_pending() && c.due_date <= until);
            for clock in pending {
                let (reference, caller, child): (String, Option<String>, Option<String>) = (r.get(0)?, r.get(2)?, r.get(3)?);
                let (status, group) = classify(clock.due_date, today);
                out.push(TodayItem {
                    due_date: clock.due_date,
                    due_by_time: clock.due_by_time.map(str::to_string),
                    status,
                    status_text: words(status, &clock.key),
                    group,
                    reference,
                    clock_key: clock.key.to_string(),
                    clock: clock.label.to_string(),
                    action_description: clock.action_description.clone(),
                    party: clock.party_label.to_string(),
                    caller,
                    child: child.unwrap_or_default(),
                });
            }
        }
        out.sort_by(|a, b| (a.due_date, &a.reference, &a.clock_key).cmp(&(b.due_date, &b.reference, &b.clock_key)));
        Ok(out)
    }
}

/// The reminder a notification shows: how many clocks are overdue and due
/// today, with no child's name (notifications can be seen by anyone near
/// the screen). `None` when nothing needs someone today.
pub fn reminder(items: &[TodayItem]) -> Option<String> {
    let overdue = items.iter().filter(|i| i.status == "overdue").count();
    let due_today = items.iter().filter(|i| i.status == "due_today").count();
    let clocks = |n: usize| if n == 1 { "1 clock".to_string() } else { format!("{n} clocks") };
    match (overdue, due_today) {
        (0, 0) => None,
        (o, 0) => Some(format!("{} overdue. Open Mediation Desk to see them.", clocks(o))),
        (0, t) => Some(format!("{} due today. Open Mediation Desk to see them.", clocks(t))),
        (o, t) => Some(format!("{} overdue and {} due today. Open Mediation Desk to see them.", clocks(o), t)),
    }
}
