//! Settings kept in the same database as the cases (so one backup holds
//! everything): the service's details, certificate numbering, the counting
//! choices and imported bank holidays. Each value is JSON under a key;
//! every change is recorded in the history under `(settings)`.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{history, today, validate, Result, Store, StoreError};
use law::calendar::govuk::ImportedHolidays;
use law::calendar::Calendar;
use law::rules::choices::CountingChoices;

/// The service's own details, printed on certificates and reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default, TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct ServiceSettings {
    pub service_name: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    /// Certificates are numbered `<prefix>-<year>-<nnnnn>`, e.g. `GM` gives
    /// `GM-2026-00042` (the sequence restarts each year: see
    /// `store::certificates`); a trailing hyphen is dropped (`GM-` numbers
    /// the same). Letters, digits and hyphens, up to 12; required before a
    /// certificate can be issued.
    pub certificate_prefix: String,
}

const SERVICE: &str = "service";
const CHOICES: &str = "counting_choices";
/// The spreadsheet import's saved column mapping.
const IMPORT_MAPPING: &str = "import_mapping";
const HOLIDAYS: &str = "imported_holidays";
/// The service's own targets for disagreement resolution (not the law).
const TARGETS: &str = "service_targets";

pub(crate) fn get_in<T: DeserializeOwned>(conn: &Connection, key: &str) -> Result<Option<T>> {
    let text: Option<String> =
        conn.prepare_cached("SELECT value FROM settings WHERE key = ?1")?.query_row([key], |r| r.get(0)).optional()?;
    match text {
        Some(text) => Ok(Some(
            serde_json::from_str(&text)
                .map_err(|e| StoreError::Other(format!("the saved setting '{key}' cannot be read: {e}")))?,
        )),
        None => Ok(None),
    }
}

pub(crate) fn put_in<T: Serialize + ?Sized>(conn: &Connection, key: &str, value: &T) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute([key, &serde_json::to_string(value)?])?;
    Ok(())
}

/// The service's details, read inside a transaction (empty until set).
pub(crate) fn service_in(conn: &Connection) -> Result<ServiceSettings> {
    Ok(get_in::<ServiceSettings>(conn, SERVICE)?.unwrap_or_default())
}

pub(crate) fn calendar_in(conn: &Connection) -> Result<Calendar> {
    let cal = Calendar::built_in();
    Ok(match get_in::<ImportedHolidays>(conn, HOLIDAYS)? {
        Some(imported) => cal.with_imported(&imported),
        None => cal,
    })
}

pub(crate) fn choices_in(conn: &Connection) -> Result<CountingChoices> {
    Ok(get_in(conn, CHOICES)?.unwrap_or_default())
}

impl Store {
    pub(crate) fn setting<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>> {
        get_in(&self.conn, key)
    }

    /// Save a setting with its history entry; `recompute: Some(today)`
    /// refreshes every case's clocks on `today` in the same transaction.
    fn save_setting<T: Serialize>(&mut self, key: &str, value: &T, who: &str, recompute: Option<NaiveDate>) -> Result<()> {
        validate::name("who", who, true)?;
        let tx = self.begin()?;
        let before: serde_json::Value = get_in(&tx, key)?.unwrap_or(serde_json::Value::Null);
        let after = serde_json::to_value(value)?;
        put_in(&tx, key, value)?;
        let changes = history::diff(&serde_json::json!({ key: before }), &serde_json::json!({ key: after }));
        history::append(&tx, history::SETTINGS, who, history::HistoryAction::SettingsSaved, &changes)?;
        if let Some(on) = recompute {
            today::recompute_all_in(&tx, on)?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn service_settings(&self) -> Result<ServiceSettings> {
        Ok(self.setting(SERVICE)?.unwrap_or_default())
    }

    pub fn set_service_settings(&mut self, value: &ServiceSettings, who: &str) -> Result<()> {
        validate::name("service_name", &value.service_name, false)?;
        validate::text("address", &value.address, validate::MAX_TEXT_CHARS, false, true)?;
        validate::name("phone", &value.phone, false)?;
        validate::name("email", &value.email, false)?;
        validate::name("certificate_prefix", &value.certificate_prefix, false)?;
        let prefix = &value.certificate_prefix;
        if prefix.len() > 12 || prefix.starts_with('-') || !prefix.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(StoreError::bad(
                "certificate_prefix",
                format!(
                    "'{}' must be up to 12 letters, digits or hyphens (A-Z, 0-9, -), like GM",
                    law::calendar::dates::shorten(prefix)
                ),
            ));
        }
        self.save_setting(SERVICE, value, who, None)
    }

    /// Change the counting choices; every case's clocks are recomputed on
    /// `today`.
    pub fn set_choices(&mut self, choices: &CountingChoices, who: &str, today: NaiveDate) -> Result<()> {
        self.save_setting(CHOICES, choices, who, Some(today))
    }

    /// The imported GOV.UK bank holidays, if any.
    pub fn imported_holidays(&self) -> Result<Option<ImportedHolidays>> {
        self.setting(HOLIDAYS)
    }

    /// Replace the imported bank holidays (checked by
    /// `calendar::govuk::parse`); every case's clocks are recomputed on
    /// `today`.
    /// A year that could not be England and Wales's is refused, naming it,
    /// and nothing changes.
    pub fn set_imported_holidays(&mut self, holidays: &ImportedHolidays, who: &str, today: NaiveDate) -> Result<()> {
        holidays.check().map_err(|e| StoreError::bad("bank_holidays", e.to_string()))?;
        self.save_setting(HOLIDAYS, holidays, who, Some(today))
    }

    /// The service's own targets for disagreement resolution (the
    /// defaults until set).
    pub fn service_targets(&self) -> Result<law::rules::service_targets::ServiceTargets> {
        Ok(self.setting(TARGETS)?.unwrap_or_default())
    }

    /// Change or turn off the service's targets; a number out of range is
    /// refused, naming its field.
    pub fn set_service_targets(&mut self, value: &law::rules::service_targets::ServiceTargets, who: &str) -> Result<()> {
        if let Some((field, message)) = value.problem() {
            return Err(StoreError::bad(field, message));
        }
        self.save_setting(TARGETS, value, who, None)
    }

    /// The spreadsheet column mapping last used to import cases, if any.
    pub fn import_mapping<T: DeserializeOwned>(&self) -> Result<Option<T>> {
        self.setting(IMPORT_MAPPING)
    }

    /// Remember the column mapping for the next import.
    pub fn set_import_mapping<T: Serialize>(&mut self, mapping: &T, who: &str) -> Result<()> {
        self.save_setting(IMPORT_MAPPING, mapping, who, None)
    }
}
