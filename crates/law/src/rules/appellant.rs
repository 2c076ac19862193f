//! Who may appeal, and who a certificate or exemption letter names
//! (statutory-clocks.md section 4a).
//!
//! - The right of appeal is the parent's, for a child, or the young
//!   person's (Children and Families Act 2014 s.51). [V]
//! - "Parent" includes anyone with parental responsibility for the child
//!   or who has care of them (Education Act 1996 s.576), such as a
//!   grandparent the child lives with. [V]
//! - A young person is a person over compulsory school age and under 25
//!   (CFA 2014 s.83(2)). [V]
//! - A person ceases to be of compulsory school age after the school
//!   leaving date, the last Friday in June, of the school year (1 September
//!   to 31 August) in which they turn 16 (Education Act 1996 s.8(3);
//!   Education (School Leaving Date) Order 1997, SI 1997/1970). [V]
//! - A representative who rings (an advocate, a SENDIASS adviser, a
//!   solicitor) acts for the appellant and is not the appellant. [V]
//!
//! Pure functions: no database and no clock.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::calendar::dates;
use crate::people::{AppellantRole, CallerRole};
use crate::timeline::Notice;

/// The law that gives the parent or the young person the right of appeal.
pub const APPEAL_CITATION: &str = "Children and Families Act 2014 s.51";
/// The law that says who counts as a parent (anyone with parental responsibility or care of the child).
pub const PARENT_CITATION: &str = "Education Act 1996 s.576";
/// The law that defines a young person: over compulsory school age and under 25.
pub const YOUNG_PERSON_CITATION: &str = "Children and Families Act 2014 s.83(2)";
/// The law that sets when compulsory school age ends: the last Friday in June of the school year they turn 16.
pub const SCHOOL_AGE_CITATION: &str = "Education Act 1996 s.8(3); Education (School Leaving Date) Order 1997";

/// The school leaving date of `year`: the last Friday in June.
pub fn school_leaving_date(year: i32) -> Option<NaiveDate> {
    let june_30 = NaiveDate::from_ymd_opt(year, 6, 30)?;
    let back = (7 + june_30.weekday().num_days_from_monday() - Weekday::Fri.num_days_from_monday()) % 7;
    june_30.checked_sub_days(Days::new(u64::from(back)))
}

/// The last day of compulsory school age for someone born on `born`: the
/// school leaving date of the school year (1 September to 31 August) in
/// which they turn 16. From the next day they are over compulsory school
/// age. (A birthday on 29 February falls in February of the school year
/// either way.) `None` only for dates beyond the calendar.
pub fn compulsory_school_age_ends(born: NaiveDate) -> Option<NaiveDate> {
    let turns_16 = born.year().checked_add(16)?;
    // A 16th birthday from 1 September falls in the school year that ends
    // the next summer.
    let summer = if born.month() >= 9 { turns_16.checked_add(1)? } else { turns_16 };
    school_leaving_date(summer)
}

/// Whether someone born on `born` is over compulsory school age on `on`.
pub fn over_compulsory_school_age(born: NaiveDate, on: NaiveDate) -> bool {
    compulsory_school_age_ends(born).is_some_and(|last| on > last)
}

/// The day someone born on `born` turns 25. Born on 29 February: 1 March
/// in a year with no 29 February [D: the anniversary does not exist, so
/// the later day is taken; it never refuses a person who may still be 24].
pub fn turns_25(born: NaiveDate) -> Option<NaiveDate> {
    let year = born.year().checked_add(25)?;
    NaiveDate::from_ymd_opt(year, born.month(), born.day()).or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
}

/// Why someone is not a young person on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotAYoungPerson {
    /// Still of compulsory school age (or younger), until the end of `until`.
    SchoolAge {
        /// The last day of compulsory school age: the school leaving date of the school year they turn 16.
        until: NaiveDate,
    },
    /// 25 or over since `since`.
    TwentyFive {
        /// Their 25th birthday.
        since: NaiveDate,
    },
}

/// Whether someone born on `born` is a young person on `on` (over
/// compulsory school age and under 25); if not, why not.
pub fn young_person_on(born: NaiveDate, on: NaiveDate) -> Result<(), NotAYoungPerson> {
    match compulsory_school_age_ends(born) {
        Some(until) if on <= until => return Err(NotAYoungPerson::SchoolAge { until }),
        None => return Err(NotAYoungPerson::SchoolAge { until: NaiveDate::MAX }),
        Some(_) => {}
    }
    match turns_25(born) {
        Some(since) if on >= since => Err(NotAYoungPerson::TwentyFive { since }),
        _ => Ok(()),
    }
}

impl NotAYoungPerson {
    /// In words, about `who` (born on `born`) on the date of the call
    /// `on`: "the young person, born Sat 3 Jun 2015, is of compulsory
    /// school age on the date of the call (Tue 7 Apr 2026) until Fri 25 Jun
    /// 2032; a young person is over compulsory school age and under 25
    /// (Children and Families Act 2014 s.83(2))".
    pub fn explain(&self, who: &str, born: NaiveDate, on: NaiveDate) -> String {
        let why = match self {
            NotAYoungPerson::SchoolAge { until } => format!(
                "{who}, born {}, is of compulsory school age on the date of the call ({}) until {}",
                dates::long(born),
                dates::long(on),
                dates::long(*until)
            ),
            NotAYoungPerson::TwentyFive { since } => format!(
                "{who}, born {}, turned 25 on {}, on or before the date of the call ({})",
                dates::long(born),
                dates::long(*since),
                dates::long(on)
            ),
        };
        format!("{why}; a young person is over compulsory school age and under 25 ({YOUNG_PERSON_CITATION})")
    }
}

/// The people on a case, as the law of who may appeal reads them.
#[derive(Debug, Clone, Copy)]
pub struct Parties<'a> {
    /// Who rang, and as what.
    pub caller: Option<(&'a str, CallerRole)>,
    /// The appellant as recorded, if any: the parent or young person.
    pub appellant: Option<(&'a str, AppellantRole)>,
    /// The child's or young person's name.
    pub child_name: &'a str,
    /// The child's or young person's date of birth, if recorded: it says whether they are a young person on the date of
    /// the call.
    pub child_date_of_birth: Option<NaiveDate>,
    /// The date of the call (the first contact with the adviser).
    pub call_date: NaiveDate,
}

/// Who a certificate or letter names: the appellant, and whoever acts for them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// The parent or young person who may appeal.
    pub appellant: String,
    /// The person who contacted the service for them (a representative, or
    /// a parent acting for a young person); none when the appellant rang.
    pub acting: Option<String>,
}

/// Why no one can be named as the appellant yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// The caller is a representative and the appellant they act for is not recorded.
    Appellant {
        /// The name of the representative who rang.
        representative: String,
    },
    /// No caller and no appellant is recorded.
    Caller,
}

impl Parties<'_> {
    /// The child is a young person (over compulsory school age) on the date of the call.
    fn child_over_school_age(&self) -> bool {
        self.child_date_of_birth.is_some_and(|born| over_compulsory_school_age(born, self.call_date))
    }
}

/// Who the certificate or exemption letter names. A recorded appellant is
/// named, with the caller (if someone else) acting for them. Otherwise a
/// parent or young person who rang is the appellant, except that a parent
/// who rang about a young person acts for the young person, whose right
/// the appeal is. A representative's call names no one until the
/// appellant is recorded.
pub fn named(p: &Parties) -> Result<Named, Missing> {
    let caller = p.caller.filter(|(name, _)| !name.trim().is_empty());
    if let Some((appellant, _)) = p.appellant.filter(|(name, _)| !name.trim().is_empty()) {
        let acting = caller.map(|(name, _)| name).filter(|name| name.trim() != appellant.trim()).map(str::to_string);
        return Ok(Named { appellant: appellant.to_string(), acting });
    }
    match caller {
        None => Err(Missing::Caller),
        Some((name, CallerRole::Representative)) => Err(Missing::Appellant { representative: name.to_string() }),
        Some((name, CallerRole::YoungPerson)) => Ok(Named { appellant: name.to_string(), acting: None }),
        Some((name, CallerRole::Parent | CallerRole::Child)) => {
            if p.child_over_school_age() && !p.child_name.trim().is_empty() {
                Ok(Named { appellant: p.child_name.to_string(), acting: Some(name.to_string()) })
            } else {
                Ok(Named { appellant: name.to_string(), acting: None })
            }
        }
    }
}

/// For a parent who rang about a young person (over compulsory school age
/// on the date of the call): the right to appeal is the young person's
/// unless the parent acts for them, and who the documents will name.
/// None otherwise, or when an appellant recorded as a parent says the
/// parent acts as the appellant.
pub fn notice(p: &Parties) -> Option<Notice> {
    let (_, role) = p.caller?;
    if role != CallerRole::Parent || !p.child_over_school_age() {
        return None;
    }
    if p.appellant.is_some_and(|(name, role)| role == AppellantRole::Parent && !name.trim().is_empty()) {
        return None;
    }
    let born = p.child_date_of_birth?;
    let from = compulsory_school_age_ends(born)?.succ_opt()?;
    let names = match named(p) {
        Ok(Named { appellant, acting: Some(acting) }) => {
            format!(" A certificate or letter names {}.", acting_for(&acting, &appellant))
        }
        Ok(Named { appellant, acting: None }) => format!(" A certificate or letter names {appellant}."),
        Err(_) => String::new(),
    };
    let child = if p.child_name.trim().is_empty() { "The child or young person" } else { p.child_name };
    Some(Notice {
        code: "young_person_appeals",
        message: format!(
            "{child} is a young person, over compulsory school age since {}: the right to appeal is theirs, not the parent's, unless the parent acts for them ({APPEAL_CITATION}; {YOUNG_PERSON_CITATION}).{names}",
            dates::long(from)
        ),
    })
}

/// "Roberto Advocatus, acting for Pat Quern".
pub fn acting_for(acting: &str, appellant: &str) -> String {
    format!("{acting}, acting for {appellant}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_school_leaving_date_is_the_last_friday_in_june() {
        assert_eq!(school_leaving_date(2026), Some(d(2026, 6, 26)));
        // 30 June itself a Friday.
        assert_eq!(school_leaving_date(2023), Some(d(2023, 6, 30)));
        assert_eq!(school_leaving_date(2032), Some(d(2032, 6, 25)));
    }

    #[test]
    fn compulsory_school_age_ends_in_the_school_year_of_the_16th_birthday() {
        // 16 on 31 Aug 2026: the school year Sep 2025 to Aug 2026.
        assert_eq!(compulsory_school_age_ends(d(2010, 8, 31)), Some(d(2026, 6, 26)));
        // 16 on 1 Sep 2026: the next school year.
        assert_eq!(compulsory_school_age_ends(d(2010, 9, 1)), Some(d(2027, 6, 25)));
        // 16 after the leaving date but before September: that summer's date.
        assert_eq!(compulsory_school_age_ends(d(2010, 7, 15)), Some(d(2026, 6, 26)));
        // Born on 29 February.
        assert_eq!(compulsory_school_age_ends(d(2008, 2, 29)), Some(d(2024, 6, 28)));
    }

    #[test]
    fn a_young_person_from_the_day_after_the_leaving_date_until_the_day_before_25() {
        let born = d(2010, 3, 1);
        assert_eq!(young_person_on(born, d(2026, 6, 26)), Err(NotAYoungPerson::SchoolAge { until: d(2026, 6, 26) }));
        assert_eq!(young_person_on(born, d(2026, 6, 27)), Ok(()));
        assert_eq!(young_person_on(born, d(2035, 2, 28)), Ok(()));
        assert_eq!(young_person_on(born, d(2035, 3, 1)), Err(NotAYoungPerson::TwentyFive { since: d(2035, 3, 1) }));
        // Born on 29 February: 25 on 1 March in a year with no 29 February.
        assert_eq!(turns_25(d(2004, 2, 29)), Some(d(2029, 3, 1)));
        assert_eq!(young_person_on(d(2004, 2, 29), d(2029, 2, 28)), Ok(()));
        assert_eq!(turns_25(d(2003, 2, 28)), Some(d(2028, 2, 28)));
    }

    fn parties<'a>(caller: Option<(&'a str, CallerRole)>, appellant: Option<(&'a str, AppellantRole)>) -> Parties<'a> {
        Parties {
            caller,
            appellant,
            child_name: "Dafydd Jones",
            child_date_of_birth: Some(d(2015, 6, 1)),
            call_date: d(2026, 3, 10),
        }
    }

    #[test]
    fn who_the_documents_name() {
        let rep = Some(("Roberto Advocatus", CallerRole::Representative));
        assert_eq!(named(&parties(rep, None)), Err(Missing::Appellant { representative: "Roberto Advocatus".into() }));
        assert_eq!(
            named(&parties(rep, Some(("Pat Quern", AppellantRole::Parent)))),
            Ok(Named { appellant: "Pat Quern".into(), acting: Some("Roberto Advocatus".into()) })
        );
        let parent = Some(("Rhian Jones", CallerRole::Parent));
        assert_eq!(named(&parties(parent, None)), Ok(Named { appellant: "Rhian Jones".into(), acting: None }));
        assert_eq!(
            named(&parties(parent, Some(("Rhian Jones", AppellantRole::Parent)))),
            Ok(Named { appellant: "Rhian Jones".into(), acting: None })
        );
        assert_eq!(named(&parties(None, None)), Err(Missing::Caller));
    }

    #[test]
    fn a_parent_who_rings_about_a_young_person_acts_for_them() {
        let mut p = parties(Some(("Rhian Jones", CallerRole::Parent)), None);
        p.child_date_of_birth = Some(d(2009, 5, 1));
        // Over compulsory school age since Sat 28 Jun 2025.
        assert_eq!(named(&p), Ok(Named { appellant: "Dafydd Jones".into(), acting: Some("Rhian Jones".into()) }));
        let notice = notice(&p).expect("a notice");
        assert_eq!(notice.code, "young_person_appeals");
        assert!(notice.message.contains("since Sat 28 Jun 2025"), "{}", notice.message);
        assert!(notice.message.contains("Rhian Jones, acting for Dafydd Jones"), "{}", notice.message);
        // The day before, a child: the parent is the appellant and no notice.
        p.call_date = d(2025, 6, 27);
        assert_eq!(named(&p), Ok(Named { appellant: "Rhian Jones".into(), acting: None }));
        assert_eq!(super::notice(&p), None);
        // An appellant recorded as the parent says otherwise.
        p.call_date = d(2026, 3, 10);
        p.appellant = Some(("Rhian Jones", AppellantRole::Parent));
        assert_eq!(named(&p), Ok(Named { appellant: "Rhian Jones".into(), acting: None }));
        assert_eq!(super::notice(&p), None);
    }
}
