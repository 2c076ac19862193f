//! Wrapping the database key with something a person knows: Argon2id (64
//! MiB, 3 passes, the parameters kept beside the result so they can be
//! raised later) derives a key-encryption key from the passphrase or
//! recovery code; XChaCha20-Poly1305 encrypts the database key with it.
//! The authentication tag is what tells a wrong passphrase: it fails to
//! unwrap, and nothing else is tried.

use argon2::{Algorithm, Argon2, Params, Version};
use base64::Engine as _;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::{DatabaseKey, KEY_BYTES};
use crate::{Result, StoreError};

/// Argon2id's memory, in KiB: 64 MiB, the least the policy allows.
pub const MEMORY_KIB: u32 = 64 * 1024;
/// Argon2id's passes over that memory.
pub const PASSES: u32 = 3;
/// Argon2id's lanes.
pub const LANES: u32 = 1;

/// The database key wrapped under one secret, with what is needed to
/// unwrap it again given the same secret.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Wrapped {
    /// Always "argon2id".
    pub kdf: String,
    pub memory_kib: u32,
    pub passes: u32,
    pub lanes: u32,
    /// Base64: 16 random bytes.
    pub salt: String,
    /// Base64: 24 random bytes.
    pub nonce: String,
    /// Base64: the encrypted key and its tag.
    pub wrapped_key: String,
}

fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::STANDARD
}

fn random<const N: usize>() -> Result<[u8; N]> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| StoreError::Other(format!("the system's random source failed: {e}")))?;
    Ok(bytes)
}

fn derive(secret: &[u8], salt: &[u8], memory_kib: u32, passes: u32, lanes: u32) -> Result<Zeroizing<[u8; 32]>> {
    let params = Params::new(memory_kib, passes, lanes, Some(32))
        .map_err(|e| StoreError::Other(format!("the key file's Argon2id settings are not usable: {e}")))?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(secret, salt, out.as_mut())
        .map_err(|e| StoreError::Other(format!("the passphrase could not be stretched: {e}")))?;
    Ok(out)
}

/// Wrap `key` under `secret`; `purpose` (bound into the tag) keeps a
/// passphrase's wrapping from passing for a recovery code's.
pub fn wrap(key: &DatabaseKey, secret: &[u8], purpose: &str) -> Result<Wrapped> {
    let salt: [u8; 16] = random()?;
    let nonce: [u8; 24] = random()?;
    let kek = derive(secret, &salt, MEMORY_KIB, PASSES, LANES)?;
    let cipher = XChaCha20Poly1305::new_from_slice(kek.as_ref()).map_err(|e| StoreError::Other(e.to_string()))?;
    let sealed = cipher
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: key.bytes(), aad: purpose.as_bytes() })
        .map_err(|_| StoreError::Other("the key could not be wrapped".into()))?;
    Ok(Wrapped {
        kdf: "argon2id".into(),
        memory_kib: MEMORY_KIB,
        passes: PASSES,
        lanes: LANES,
        salt: b64().encode(salt),
        nonce: b64().encode(nonce),
        wrapped_key: b64().encode(sealed),
    })
}

/// Unwrap with `secret`: `None` when it is the wrong secret (the tag does
/// not verify); an error when the wrapping itself is unreadable.
pub fn unwrap(wrapped: &Wrapped, secret: &[u8], purpose: &str) -> Result<Option<DatabaseKey>> {
    let broken = |what: &str| StoreError::Other(format!("the key file is damaged ({what}); unlock from a backup instead"));
    if wrapped.kdf != "argon2id" {
        return Err(broken(&format!("unknown key derivation {:?}", wrapped.kdf)));
    }
    // A hostile file must not make us allocate gigabytes or loop for hours.
    if wrapped.memory_kib > 4 * 1024 * 1024 || wrapped.passes > 64 || wrapped.lanes == 0 || wrapped.lanes > 16 {
        return Err(broken("implausible Argon2id settings"));
    }
    let salt = b64().decode(&wrapped.salt).map_err(|_| broken("salt"))?;
    let nonce = b64().decode(&wrapped.nonce).map_err(|_| broken("nonce"))?;
    let sealed = b64().decode(&wrapped.wrapped_key).map_err(|_| broken("wrapped key"))?;
    if nonce.len() != 24 || salt.len() < 8 {
        return Err(broken("nonce or salt length"));
    }
    let kek = derive(secret, &salt, wrapped.memory_kib, wrapped.passes, wrapped.lanes)?;
    let cipher = XChaCha20Poly1305::new_from_slice(kek.as_ref()).map_err(|e| StoreError::Other(e.to_string()))?;
    let Ok(opened) = cipher.decrypt(XNonce::from_slice(&nonce), Payload { msg: &sealed, aad: purpose.as_bytes() }) else {
        return Ok(None);
    };
    let opened = Zeroizing::new(opened);
    let bytes: [u8; KEY_BYTES] = opened.as_slice().try_into().map_err(|_| broken("key length"))?;
    Ok(Some(DatabaseKey::from_bytes(bytes)))
}
