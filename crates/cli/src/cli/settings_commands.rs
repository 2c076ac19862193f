//! `settings set|show` and `staff add|list`: what issuing a certificate
//! needs (the service's details and numbering prefix; the issuer and their
//! registration).

use clap::{Subcommand, ValueEnum};

use super::store_commands::{fail, json, out, StoreArgs};
use super::unlock_commands::Access;
use super::Failure;
use desk::store::{StaffMember, StaffRole};

#[derive(Subcommand)]
pub enum SettingsCommand {
    /// Change the service's details; options left out keep their value.
    Set {
        #[arg(long, value_name = "TEXT")]
        service_name: Option<String>,
        /// One line of the address (repeat for each line).
        #[arg(long, value_name = "LINE")]
        address: Vec<String>,
        #[arg(long, value_name = "TEXT")]
        phone: Option<String>,
        #[arg(long, value_name = "TEXT")]
        email: Option<String>,
        /// Certificates are numbered PREFIX-YEAR-NNNNN (e.g. GM-2026-00042).
        #[arg(long, value_name = "PREFIX")]
        certificate_prefix: Option<String>,
    },
    /// The service's details as JSON.
    Show,
    /// The service's own targets for disagreement resolution (not the law): show them as JSON, change them, or turn them off.
    Targets {
        /// Track them (on) or not (off).
        #[arg(long, value_enum, value_name = "on|off")]
        track: Option<OnOff>,
        /// First contact with the parties within N working days of the request.
        #[arg(long, value_name = "N")]
        first_contact_working_days: Option<u32>,
        /// A meeting within N weeks of the request.
        #[arg(long, value_name = "N")]
        meeting_weeks: Option<u32>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum OnOff {
    On,
    Off,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum RoleArg {
    Adviser,
    Mediator,
}

#[derive(Subcommand)]
pub enum StaffCommand {
    /// Add (or replace, by name) a mediation adviser or mediator.
    Add {
        #[arg(value_name = "NAME")]
        name: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        /// Their registration, printed on certificates (e.g. "Civil Mediation Council CMC-123456").
        #[arg(long, value_name = "REG")]
        registration: Option<String>,
    },
    /// The staff as JSON.
    List,
}

pub fn settings(args: &StoreArgs, command: SettingsCommand) -> Result<(), Failure> {
    // Setting the service up may be the first thing done with a database.
    let access = match &command {
        SettingsCommand::Show => Access::Existing,
        SettingsCommand::Targets { track: None, first_contact_working_days: None, meeting_weeks: None } => Access::Existing,
        SettingsCommand::Set { .. } | SettingsCommand::Targets { .. } => Access::Create,
    };
    let mut store = args.open(access)?;
    match command {
        SettingsCommand::Set { service_name, address, phone, email, certificate_prefix } => {
            let mut s = store.service_settings().map_err(fail)?;
            if let Some(v) = service_name {
                s.service_name = v;
            }
            if !address.is_empty() {
                s.address = address.join("\n");
            }
            if let Some(v) = phone {
                s.phone = v;
            }
            if let Some(v) = email {
                s.email = v;
            }
            if let Some(v) = certificate_prefix {
                s.certificate_prefix = v;
            }
            store.set_service_settings(&s, &args.who()).map_err(fail)?;
            out("settings saved\n")
        }
        SettingsCommand::Show => out(&json(&store.service_settings().map_err(fail)?)?),
        SettingsCommand::Targets { track, first_contact_working_days, meeting_weeks } => {
            let mut t = store.service_targets().map_err(fail)?;
            let changed = track.is_some() || first_contact_working_days.is_some() || meeting_weeks.is_some();
            if let Some(track) = track {
                t.enabled = matches!(track, OnOff::On);
            }
            if let Some(n) = first_contact_working_days {
                t.first_contact_working_days = n;
            }
            if let Some(n) = meeting_weeks {
                t.meeting_weeks = n;
            }
            if changed {
                store.set_service_targets(&t, &args.who()).map_err(|e| match e {
                    desk::store::StoreError::BadInput { field, message } => {
                        Failure::bad_input(format!("--{}: {message}", field.replace('_', "-")))
                    }
                    other => fail(other),
                })?;
            }
            out(&json(&t)?)
        }
    }
}

pub fn staff(args: &StoreArgs, command: StaffCommand) -> Result<(), Failure> {
    let access = match command {
        StaffCommand::Add { .. } => Access::Create,
        StaffCommand::List => Access::Existing,
    };
    let mut store = args.open(access)?;
    match command {
        StaffCommand::Add { name, role, registration } => {
            let role = match role {
                RoleArg::Adviser => StaffRole::Adviser,
                RoleArg::Mediator => StaffRole::Mediator,
            };
            store.save_staff(&StaffMember { name: name.clone(), role, registration }, &args.who()).map_err(fail)?;
            out(&format!("{name} saved\n"))
        }
        StaffCommand::List => out(&json(&store.staff().map_err(fail)?)?),
    }
}
