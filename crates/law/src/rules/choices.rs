//! Where the law is disputed, the reading the clocks use is a setting. Each
//! choice says what it means; the default is the spec's [D] decision.

use serde::{Deserialize, Serialize};

/// When the 30 days for mediation start (statutory-clocks.md 3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(rename_all = "snake_case")]
pub enum ThirtyDaysStart {
    /// The earlier of the family's notice to the LA and the adviser's.
    #[default]
    EarlierDate,
    /// The date the family told the LA they want mediation.
    FamilyNotice,
    /// The date the mediation adviser told the LA.
    AdviserNotice,
}

/// What must happen by day 30.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(rename_all = "snake_case")]
pub enum ThirtyDaysMeaning {
    /// The meeting must be held by day 30.
    #[default]
    Held,
    /// The meeting must only be arranged (fixed) by day 30.
    Arranged,
}

/// How the 5-working-day notice of a meeting is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(rename_all = "snake_case")]
pub enum NoticeReading {
    /// Notice on or before the fifth working day before the meeting.
    #[default]
    FiveWorkingDaysBefore,
    /// Five clear working days: neither the day of notice nor the meeting
    /// day counts, so notice is due one working day earlier.
    FiveClearWorkingDays,
}

/// Whether rule 12(3)(a) also applies when rule 12(2) carries a deadline
/// that ended on a non-working day into August or 25 Dec–1 Jan (a Saturday
/// 31 July, say, moved to Monday 2 August).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(rename_all = "snake_case")]
pub enum AppealExtensionReading {
    /// Rule 12(3)(a) applies only where the time itself ends in August or
    /// 25 Dec–1 Jan: the spec's algorithm and the earlier, safer date.
    #[default]
    WhereTheTimeEnds,
    /// Rule 12(2) first; if that lands in August or 25 Dec–1 Jan, rule
    /// 12(3)(a) extends it further.
    AlsoAfterNextWorkingDay,
}

impl AppealExtensionReading {
    /// The setting in words, as the working shows it where the two readings give different dates.
    pub fn explanation(self) -> &'static str {
        match self {
            AppealExtensionReading::WhereTheTimeEnds => "Setting: rule 12(3)(a) is applied only where the time itself ends in August or from 25 December to 1 January (the default: the earlier, safer date)",
            AppealExtensionReading::AlsoAfterNextWorkingDay => "Setting: where rule 12(2) carries the date into August or 25 December to 1 January, rule 12(3)(a) extends it further",
        }
    }
}

/// Which certificate the appeal's month runs from, where a family holds
/// more than one (a deemed certificate, then one after mediation; a voided
/// certificate and its re-issue). HESC Rules r.20(1)(c) says "1 month from
/// the date of issue of the mediation certificate" without saying which
/// [D, disputed: statutory-clocks.md 3.2].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(rename_all = "snake_case")]
pub enum AppealCertificateReading {
    /// The first certificate the family was given, voided or not: the
    /// earlier, safer date.
    #[default]
    FirstCertificate,
    /// The latest certificate not voided.
    LatestInForce,
}

impl AppealCertificateReading {
    /// The setting in words, as the working shows it where the family holds more than one certificate.
    pub fn explanation(self) -> &'static str {
        match self {
            AppealCertificateReading::FirstCertificate => "Setting: the month counts from the first certificate the family was given, voided or not (the default: the earlier, safer date)",
            AppealCertificateReading::LatestInForce => "Setting: the month counts from the latest certificate in force (not voided)",
        }
    }
}

/// The counting choices, as stored in settings and echoed in each timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(default, deny_unknown_fields)]
pub struct CountingChoices {
    /// When the 30 days for mediation start: the earlier notice to the LA (default), the family's, or the adviser's.
    pub thirty_days_start: ThirtyDaysStart,
    /// Whether the meeting must be held (default) or only arranged by day 30.
    pub thirty_days_meaning: ThirtyDaysMeaning,
    /// How the 5 working days' notice of a meeting is counted.
    pub notice_reading: NoticeReading,
    /// Whether the Tribunal's August and Christmas extension (r.12(3)(a)) also applies after r.12(2) moves a deadline.
    pub appeal_extension: AppealExtensionReading,
    /// Which certificate the appeal's 1 month counts from: the first the family was given (default), or the latest in
    /// force.
    pub appeal_certificate: AppealCertificateReading,
}

impl ThirtyDaysStart {
    /// The setting in words, as the working of the 30 days shows it.
    pub fn explanation(self) -> &'static str {
        match self {
            ThirtyDaysStart::EarlierDate => "Setting: the 30 days count from the earlier of the family's and the adviser's notice to the LA (the law is disputed; this is the default)",
            ThirtyDaysStart::FamilyNotice => "Setting: the 30 days count from the family's notice to the LA (the law is disputed)",
            ThirtyDaysStart::AdviserNotice => "Setting: the 30 days count from the adviser's notice to the LA (the law is disputed)",
        }
    }
}

impl ThirtyDaysMeaning {
    /// The setting in words, as the working of the 30 days shows it.
    pub fn explanation(self) -> &'static str {
        match self {
            ThirtyDaysMeaning::Held => "Setting: the meeting must be held by day 30 (the law is disputed; this is the default)",
            ThirtyDaysMeaning::Arranged => "Setting: the meeting need only be arranged by day 30 (the law is disputed)",
        }
    }
}

impl NoticeReading {
    /// The setting in words, as the working of a meeting's notice shows it.
    pub fn explanation(self) -> &'static str {
        match self {
            NoticeReading::FiveWorkingDaysBefore => {
                "Setting: notice is due on the fifth working day before the meeting (the default)"
            }
            NoticeReading::FiveClearWorkingDays => {
                "Setting: five clear working days' notice, so neither the day of notice nor the day of the meeting counts"
            }
        }
    }
}
