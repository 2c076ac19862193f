//! Unlocking the encrypted database from the command line, and the
//! commands about its keys: `init`, `passphrase` and `restore`.
//!
//! A store command unlocks with `MEDIATION_DESK_PASSPHRASE` when it is set
//! (always checked, even where the keychain could unlock), else
//! `MEDIATION_DESK_RECOVERY_CODE`, else the operating system's keychain,
//! else asks on a terminal without echo; with none of these it exits 2
//! naming `MEDIATION_DESK_PASSPHRASE`. A wrong one exits 2 and changes
//! nothing. A database from before encryption is encrypted on first open
//! with the passphrase given; where there is no database, a command that
//! only reads says so (and names the command line's old database, if one
//! is there) rather than starting an empty one.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::store_commands::{fail, out, today, StoreArgs};
use super::Failure;
use desk::store::{self, keys, DatabaseKey, DatabaseLock, RecoveryCode, Secret, Store, StoreError};
use desk::unlock::DatabaseState;
use desk::DeskError;

/// The passphrase of the database (checked whenever it is set).
pub const PASSPHRASE_VAR: &str = "MEDIATION_DESK_PASSPHRASE";
/// The recovery code, used when no passphrase is given.
pub const RECOVERY_CODE_VAR: &str = "MEDIATION_DESK_RECOVERY_CODE";
/// The passphrase of the database a backup was made from, when it is not this one's.
pub const BACKUP_PASSPHRASE_VAR: &str = "MEDIATION_DESK_BACKUP_PASSPHRASE";
/// The passphrase `mediation-desk passphrase` changes to.
pub const NEW_PASSPHRASE_VAR: &str = "MEDIATION_DESK_NEW_PASSPHRASE";

/// How many times a passphrase typed on a terminal may be wrong.
const TRIES: usize = 3;

/// What a command does to a database that is not there yet.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// It needs the person's database: where there is none it says so and
    /// stops (reading, or changing what would already be there).
    Existing,
    /// It adds to the database (cases, settings, staff): where there is
    /// none and `MEDIATION_DESK_PASSPHRASE` is set, a new one is set up
    /// with it (said on stderr with its recovery code); otherwise it stops
    /// as `Existing` does.
    Create,
}

/// The environment variable `name`, if set and not empty.
fn env_var(name: &str) -> Result<Option<String>, Failure> {
    match std::env::var(name) {
        Ok(value) if value.is_empty() => Ok(None),
        Ok(value) => Ok(Some(value)),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(Failure::bad_input(format!("{name}: is not valid UTF-8"))),
    }
}

/// Whether a person is at a terminal to be asked (the prompt itself goes
/// to the terminal, so standard input may be a file being read).
fn at_terminal() -> bool {
    std::io::stdin().is_terminal() || std::io::stderr().is_terminal()
}

/// Ask on the terminal without echo; `None` when there is no terminal.
fn ask(prompt: &str) -> Option<String> {
    if !at_terminal() {
        return None;
    }
    rpassword::prompt_password(prompt).ok()
}

/// Whether typed text has the shape of a recovery code (25 letters and
/// digits, spaces and dashes aside).
fn looks_like_recovery_code(text: &str) -> bool {
    let chars: Vec<char> = text.chars().filter(|c| !matches!(c, ' ' | '-' | '\t')).collect();
    chars.len() == 25 && chars.iter().all(char::is_ascii_alphanumeric)
}

/// Whether `err` is a passphrase or recovery code that does not unlock.
fn is_wrong_secret(err: &DeskError) -> bool {
    matches!(err, DeskError::Store(StoreError::BadInput { field, .. }) if field == "passphrase" || field == "recovery code")
}

/// The refusal when nothing can unlock the database at `db`.
fn no_passphrase(db: &Path) -> Failure {
    Failure::bad_input(format!(
        "passphrase: the database {} is encrypted and no passphrase was given: set {PASSPHRASE_VAR} to its passphrase (or run this on a terminal to be asked for it)",
        db.display()
    ))
}

/// Unlock the database at `db` with `attempt` given the person's secret:
/// `MEDIATION_DESK_PASSPHRASE` if set (always checked), else
/// `MEDIATION_DESK_RECOVERY_CODE`, else `keychain` (when it may be used and
/// holds the key), else typed on a terminal (a few tries; a recovery code
/// may be typed instead), else refused naming `MEDIATION_DESK_PASSPHRASE`.
fn with_secret<T>(
    db: &Path,
    mut attempt: impl FnMut(&Secret) -> Result<T, DeskError>,
    keychain: Option<&dyn Fn() -> Option<Result<T, DeskError>>>,
) -> Result<T, Failure> {
    let from_env = |name: &str, err: DeskError| -> Failure {
        if is_wrong_secret(&err) {
            Failure::bad_input(format!("{err} (it was given in {name})"))
        } else {
            fail(err)
        }
    };
    if let Some(passphrase) = env_var(PASSPHRASE_VAR)? {
        return attempt(&Secret::passphrase(passphrase)).map_err(|e| from_env(PASSPHRASE_VAR, e));
    }
    if let Some(code) = env_var(RECOVERY_CODE_VAR)? {
        return attempt(&Secret::recovery_code(code)).map_err(|e| from_env(RECOVERY_CODE_VAR, e));
    }
    if let Some(unlocked) = keychain.and_then(|k| k()) {
        return unlocked.map_err(fail);
    }
    let mut last = None;
    for _ in 0..TRIES {
        let Some(typed) = ask(&format!("Passphrase for {} (or the recovery code): ", db.display())) else {
            return Err(last.map(fail).unwrap_or_else(|| no_passphrase(db)));
        };
        let code = looks_like_recovery_code(&typed).then(|| typed.clone());
        let mut result = attempt(&Secret::passphrase(typed));
        if let (Err(e), Some(code)) = (&result, code) {
            if is_wrong_secret(e) {
                result = attempt(&Secret::recovery_code(code));
            }
        }
        match result {
            Err(e) if is_wrong_secret(&e) => {
                eprintln!("That does not unlock {}.", db.display());
                last = Some(e);
            }
            other => return other.map_err(fail),
        }
    }
    Err(last.map(fail).unwrap_or_else(|| no_passphrase(db)))
}

/// The key of the set-up database at `db` (for a restore), unlocked as
/// [`with_secret`] says.
fn database_key(db: &Path) -> Result<DatabaseKey, Failure> {
    let keychain = || store::keychain_key(db).map(Ok);
    with_secret(db, |secret| keys::unlock(db, secret).map_err(DeskError::from), Some(&keychain))
}

/// A passphrase being chosen for `db` (a new database, or one from before
/// encryption): `MEDIATION_DESK_PASSPHRASE`, else typed twice on a
/// terminal, else refused with `why` and the variable's name.
fn chosen_passphrase(var: &str, why: &str) -> Result<Secret, Failure> {
    if let Some(passphrase) = env_var(var)? {
        keys::check_new_passphrase(&passphrase).map_err(|e| Failure::bad_input(format!("{e} (it was given in {var})")))?;
        return Ok(Secret::passphrase(passphrase));
    }
    if at_terminal() {
        eprintln!("To {why}, choose a passphrase. A few words are easy to remember; it cannot be recovered, only replaced with the recovery code.");
    }
    let Some(first) = ask(&format!("Passphrase (at least {} characters): ", keys::MIN_PASSPHRASE_CHARS)) else {
        return Err(Failure::bad_input(format!(
            "passphrase: to {why}, set {var} to the passphrase to use (or run this on a terminal to choose one)"
        )));
    };
    let first = Secret::passphrase(first);
    keys::check_new_passphrase(text(&first)).map_err(fail)?;
    let again = Secret::passphrase(ask("Type it again: ").unwrap_or_default());
    if text(&again) != text(&first) {
        return Err(Failure::bad_input("passphrase: the two did not match; nothing was changed"));
    }
    Ok(first)
}

/// The text of a secret.
fn text(secret: &Secret) -> &str {
    match secret {
        Secret::Passphrase(t) | Secret::RecoveryCode(t) => t.as_str(),
    }
}

/// What to say with a new recovery code, every time one is shown.
fn recovery_text(code: &RecoveryCode) -> String {
    format!(
        "Recovery code: {}\n\
         Print this code or write it down now, and keep it apart from this laptop (not in a file on it): it is shown only this once. \
         If the passphrase is ever forgotten, this code is the only way in: `mediation-desk passphrase` takes it and sets a new passphrase.\n",
        code.as_str()
    )
}

/// The command line's old database, if the default database is not set up
/// and one is there: named rather than starting an empty database.
fn legacy_for(db: &Path) -> Option<PathBuf> {
    if db == store::default_path() {
        store::legacy_database()
    } else {
        None
    }
}

/// The refusal where there is no database at `db`.
fn no_database(db: &Path) -> Failure {
    match legacy_for(db) {
        Some(old) => Failure::bad_input(format!(
            "database: there is no database at {}; your cases are at {}: restore them with `mediation-desk restore {}`",
            db.display(),
            old.display(),
            old.display()
        )),
        None => Failure::bad_input(format!(
            "database: there is no database at {}; create one with `mediation-desk init` (or name yours with --db PATH)",
            db.display()
        )),
    }
}

/// Open the database at `db` for a store command (see the module's notes).
pub fn open(db: &Path, access: Access) -> Result<Store, Failure> {
    let today = today()?;
    match desk::unlock::state(db) {
        DatabaseState::Locked => {
            let keychain = || desk::unlock::unlock_with_keychain(db, today);
            with_secret(db, |secret| desk::unlock::unlock(db, secret, today, false), Some(&keychain))
        }
        DatabaseState::Plain => {
            let passphrase = chosen_passphrase(
                PASSPHRASE_VAR,
                &format!("encrypt the database {} (made before this version, it is encrypted on first use)", db.display()),
            )?;
            let (store, code) = desk::unlock::set_up(db, text(&passphrase), today).map_err(fail)?;
            eprintln!(
                "The database {} was encrypted with the passphrase given; it opens with that passphrase from now on.\n{}",
                db.display(),
                recovery_text(&code)
            );
            Ok(store)
        }
        DatabaseState::KeyFileMissing => Err(fail(desk::unlock::key_file_missing(db))),
        DatabaseState::New => {
            if access == Access::Create && legacy_for(db).is_none() {
                if let Some(passphrase) = env_var(PASSPHRASE_VAR)? {
                    keys::check_new_passphrase(&passphrase)
                        .map_err(|e| Failure::bad_input(format!("{e} (it was given in {PASSPHRASE_VAR})")))?;
                    let (store, code) = desk::unlock::set_up(db, &passphrase, today).map_err(fail)?;
                    eprintln!(
                        "A new database was created at {}, encrypted with the passphrase in {PASSPHRASE_VAR}.\n{}",
                        db.display(),
                        recovery_text(&code)
                    );
                    return Ok(store);
                }
            }
            Err(no_database(db))
        }
    }
}

/// `mediation-desk init`: set up a new encrypted database (or encrypt the
/// one from before encryption at the path) and show its recovery code once.
pub fn init(args: &StoreArgs) -> Result<(), Failure> {
    let db = args.path();
    let today = today()?;
    let state = desk::unlock::state(&db);
    if state == DatabaseState::KeyFileMissing {
        return Err(fail(desk::unlock::key_file_missing(&db)));
    }
    if state == DatabaseState::Locked {
        return Err(Failure::bad_input(format!(
            "database: {} is already set up (its key file {} exists); nothing was changed. To choose a new passphrase: mediation-desk passphrase",
            db.display(),
            keys::key_file_path(&db).display()
        )));
    }
    let why = match state {
        DatabaseState::Plain => format!("encrypt the database {}", db.display()),
        _ => format!("create the database {}", db.display()),
    };
    let passphrase = chosen_passphrase(PASSPHRASE_VAR, &why)?;
    let (store, code) = desk::unlock::set_up(&db, text(&passphrase), today).map_err(fail)?;
    let mut said = match state {
        DatabaseState::Plain => {
            let n = store.count_cases(false).map_err(fail)?;
            format!("Encrypted the database {} ({n} cases) with the passphrase given.\n", db.display())
        }
        _ => format!("Created an encrypted database at {}.\n", db.display()),
    };
    said.push('\n');
    said.push_str(&recovery_text(&code));
    if let Some(old) = legacy_for(&db) {
        said.push_str(&format!(
            "\nThe command line's earlier database is at {}: restore it into this one with `mediation-desk restore {}`.\n",
            old.display(),
            old.display()
        ));
    }
    out(&said)
}

/// `mediation-desk passphrase`: unlock with the passphrase or the recovery
/// code (not the keychain: changing it needs what the person knows) and
/// choose a new passphrase; the key, the database and the recovery code
/// stay as they were.
pub fn change_passphrase(args: &StoreArgs) -> Result<(), Failure> {
    let db = args.path();
    if desk::unlock::state(&db) != DatabaseState::Locked {
        return Err(Failure::bad_input(format!(
            "database: {} is not set up, so it has no passphrase to change; set it up with `mediation-desk init`",
            db.display()
        )));
    }
    // A new passphrase from the environment is checked before the old one
    // is: a refusal costs nothing.
    if let Some(new) = env_var(NEW_PASSPHRASE_VAR)? {
        keys::check_new_passphrase(&new)
            .map_err(|e| Failure::bad_input(format!("{e} (it was given in {NEW_PASSPHRASE_VAR})")))?;
    }
    let today = today()?;
    let store = with_secret(&db, |secret| desk::unlock::unlock(&db, secret, today, false), None)?;
    let new = chosen_passphrase(NEW_PASSPHRASE_VAR, &format!("change the passphrase of {}", db.display()))?;
    desk::unlock::change_passphrase(&store, text(&new)).map_err(fail)?;
    out(&format!(
        "The passphrase of {} is changed; its recovery code is as it was, and its backups open with the passphrase they were made under.\n",
        db.display()
    ))
}

/// The secret for a backup made from another database, from the
/// environment: `MEDIATION_DESK_BACKUP_PASSPHRASE`, else the database's
/// own passphrase, else (on a laptop with no database yet, where the
/// backup's are the only ones) its recovery code.
/// Which variable it came from is returned with it.
fn backup_secret(state: DatabaseState) -> Result<Option<(Secret, &'static str)>, Failure> {
    if let Some(p) = env_var(BACKUP_PASSPHRASE_VAR)? {
        return Ok(Some((Secret::passphrase(p), BACKUP_PASSPHRASE_VAR)));
    }
    if let Some(p) = env_var(PASSPHRASE_VAR)? {
        return Ok(Some((Secret::passphrase(p), PASSPHRASE_VAR)));
    }
    if state != DatabaseState::Locked {
        if let Some(code) = env_var(RECOVERY_CODE_VAR)? {
            return Ok(Some((Secret::recovery_code(code), RECOVERY_CODE_VAR)));
        }
    }
    Ok(None)
}

/// `mediation-desk restore PATH`: replace the database with a backup,
/// holding its lock throughout (refused, naming the holder, while the app
/// or another command has it).
pub fn restore(args: &StoreArgs, backup: &Path) -> Result<(), Failure> {
    let db = args.path();
    let today = today()?;
    let lock = DatabaseLock::acquire(&db).map_err(fail)?;
    let state = desk::unlock::state(&db);
    let mut set_up_now = None;
    let current = match state {
        DatabaseState::Locked => Some(database_key(&db)?),
        DatabaseState::Plain | DatabaseState::New | DatabaseState::KeyFileMissing if store::is_plain_backup(backup) => {
            // A backup from before encryption is encrypted under this
            // database's key as it is restored, so the database needs one.
            let Some(passphrase) = env_var(PASSPHRASE_VAR)? else {
                return Err(Failure::bad_input(format!(
                    "database: {} is a backup from before encryption: set this database up first with `mediation-desk init` (or set {PASSPHRASE_VAR} to set it up now), then restore it; nothing was changed",
                    backup.display()
                )));
            };
            let (key, code) = keys::set_up(&db, &passphrase).map_err(fail)?;
            set_up_now = Some(code);
            Some(key)
        }
        DatabaseState::Plain | DatabaseState::New | DatabaseState::KeyFileMissing => None,
    };
    let secret = backup_secret(state)?;
    let wrong =
        |e: &StoreError| matches!(e, StoreError::BadInput { field, .. } if field == "passphrase" || field == "recovery code");
    let mut outcome = store::restore(&lock, current.as_ref(), backup, secret.as_ref().map(|(s, _)| s));
    let mut typed_in = false;
    if secret.is_none() && outcome.as_ref().is_err_and(wrong) {
        // The backup was made from another database; ask for its secret.
        if let Some(typed) = ask("This backup was made from another database: its passphrase (or recovery code): ") {
            typed_in = true;
            let code = looks_like_recovery_code(&typed).then(|| typed.clone());
            outcome = store::restore(&lock, current.as_ref(), backup, Some(&Secret::passphrase(typed)));
            if let Some(code) = code.filter(|_| outcome.as_ref().is_err_and(wrong)) {
                outcome = store::restore(&lock, current.as_ref(), backup, Some(&Secret::recovery_code(code)));
            }
        }
    }
    let restored = match outcome {
        Ok(restored) => restored,
        Err(e) => {
            if set_up_now.is_some() && (!db.exists() || store::encryption::is_plain(&db)) {
                // Nothing was restored under the key just made: take it back.
                let _ = std::fs::remove_file(keys::key_file_path(&db));
            }
            if !wrong(&e) {
                return Err(fail(e));
            }
            let field = if let StoreError::BadInput { field, .. } = &e { field.clone() } else { "passphrase".into() };
            return Err(Failure::bad_input(match (&secret, typed_in) {
                (Some((_, var)), _) => format!(
                    "{field}: the one in {var} does not open the backup {}: a backup opens with the passphrase (or recovery code) its database had when it was made; set {BACKUP_PASSPHRASE_VAR} to it. Nothing was changed",
                    backup.display()
                ),
                (None, true) => format!("{field}: that does not open the backup {}; nothing was changed", backup.display()),
                (None, false) => format!("{e} (set {BACKUP_PASSPHRASE_VAR} to it)"),
            }));
        }
    };
    if state != DatabaseState::Locked && set_up_now.is_none() {
        // The backup's key is this laptop's now; keep it where the app
        // looks for it, as setting up does.
        keys::keychain::save(&db, &restored.key);
    }
    let store = Store::open_locked(lock, &restored.key, today).map_err(fail)?;
    let count = store.count_cases(false).map_err(fail)?;
    let mut said = format!("Restored {} from {} ({count} cases)\n", db.display(), backup.display());
    match &restored.kept {
        Some(kept) => said.push_str(&format!("The database as it was is kept as {}\n", kept.display())),
        None => said.push_str("There was no database here before, so nothing was replaced\n"),
    }
    if state != DatabaseState::Locked && set_up_now.is_none() {
        said.push_str("It opens with the passphrase (or the recovery code) of the database the backup was made from\n");
    }
    out(&said)?;
    if let Some(code) = set_up_now {
        eprintln!("The database {} was set up with the passphrase in {PASSPHRASE_VAR}.\n{}", db.display(), recovery_text(&code));
    }
    Ok(())
}
