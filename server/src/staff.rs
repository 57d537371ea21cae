//! The staff commands: they work on the configured storage directly (no server needed) and
//! keep program keys in key files on the staff machine, never in the database.

use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use companion_core::sync::crypto::{
    DocKey, new_code, new_token, normalize_code, seal_with_code, token_hash,
};
use serde_json::json;
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::ops::{self, Auth};
use crate::storage::Storage;

/// What a command prints: text for people, or JSON with `--json`.
pub struct Printed {
    pub text: String,
    pub json: serde_json::Value,
}

pub type Outcome = Result<Printed, String>;

/// The longest an invitation may stay open, in days (as `ops::MAX_INVITATION_SECONDS`).
pub const MAX_INVITE_DAYS: u32 = 366;

pub async fn staff_token_create(storage: &Storage) -> Outcome {
    let token = new_token().map_err(|e| e.to_string())?;
    let token_id = Uuid::new_v4();
    storage
        .run(ops::CreateStaffToken {
            token_id,
            token_hash: token_hash(&token),
            now: ops::now(),
        })
        .await
        .map_err(|e| e.to_string())?;
    Ok(Printed {
        text: format!(
            "staff token {token}\ntoken id {token_id}\n\
             It is shown this once; the server keeps only its hash. \
             `companion-server staff token revoke {token_id}` revokes it.\n"
        ),
        json: json!({"token_id": token_id, "staff_token": token}),
    })
}

pub async fn staff_token_revoke(storage: &Storage, token_id: Uuid) -> Outcome {
    storage
        .run(ops::RevokeStaffToken {
            token_id,
            now: ops::now(),
        })
        .await
        .map_err(|e| e.to_string())?;
    Ok(Printed {
        text: format!("staff token {token_id} revoked\n"),
        json: json!({"token_id": token_id, "revoked": true}),
    })
}

pub async fn program_create(storage: &Storage, keys: &Path, name: &str) -> Outcome {
    // Checked before the key file is written, so a bad name leaves nothing behind.
    ops::check_program_name(name).map_err(|e| e.to_string())?;
    let program_id = Uuid::new_v4();
    let key = DocKey::generate().map_err(|e| e.to_string())?;
    let key_file = write_key(keys, program_id, &key)?;
    let created = storage
        .run(ops::CreateProgram {
            auth: Auth::LocalStaff,
            program_id,
            name: name.to_owned(),
            now: ops::now(),
        })
        .await;
    if let Err(e) = created {
        // The program does not exist, so neither should its key.
        let _ = fs::remove_file(&key_file);
        return Err(e.to_string());
    }
    Ok(Printed {
        text: format!(
            "program {program_id}\nkey file {}\n\
             Back the key file up: invitations and the program's schedule need it, and the \
             server does not have it.\n",
            key_file.display()
        ),
        json: json!({"program_id": program_id, "key_file": key_file}),
    })
}

pub async fn invite_create(storage: &Storage, keys: &Path, program_id: Uuid, days: u32) -> Outcome {
    if days == 0 || days > MAX_INVITE_DAYS {
        return Err(format!("--days must be 1 to {MAX_INVITE_DAYS}"));
    }
    let key = read_key(keys, program_id)?;
    let code = new_code().map_err(|e| e.to_string())?;
    let normalized = normalize_code(&code).ok_or("a new code did not normalise")?;
    let (salt, sealed_key) = seal_with_code(&code, key.as_bytes()).map_err(|e| e.to_string())?;
    let now = ops::now();
    let expires_at = now + i64::from(days) * 24 * 3600;
    let participant_id = storage
        .run(ops::CreateInvitation {
            auth: Auth::LocalStaff,
            program_id,
            code_hash: token_hash(&normalized),
            salt: salt.to_vec(),
            sealed_key,
            expires_at,
            now,
        })
        .await
        .map_err(|e| e.to_string())?;
    let expires = chrono::DateTime::from_timestamp(expires_at, 0)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    Ok(Printed {
        text: format!(
            "code {code}\nparticipant {participant_id}\nexpires {expires}\n\
             Give the code to the participant; it works once.\n"
        ),
        json: json!({"code": code, "participant_id": participant_id, "expires_at": expires}),
    })
}

/// The key file of a program: `<keys>/<program_id>.key`, base64url of the 32-byte key.
pub fn key_path(keys: &Path, program_id: Uuid) -> PathBuf {
    keys.join(format!("{program_id}.key"))
}

/// Writes a new key file, readable by its owner only from the moment it exists.
pub fn write_key(keys: &Path, program_id: Uuid, key: &DocKey) -> Result<PathBuf, String> {
    DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(keys)
        .map_err(|e| format!("cannot create the key directory {}: {e}", keys.display()))?;
    let path = key_path(keys, program_id);
    let text = Zeroizing::new(format!(
        "{}\n",
        data_encoding::BASE64URL_NOPAD.encode(key.as_bytes())
    ));
    let written = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&path)
        .and_then(|mut f| {
            f.write_all(text.as_bytes())?;
            f.sync_all()
        })
        // The directory entry too, so the file survives a power cut with the database row.
        .and_then(|()| File::open(keys)?.sync_all());
    if let Err(e) = written {
        let _ = fs::remove_file(&path);
        return Err(format!("cannot write the key file {}: {e}", path.display()));
    }
    Ok(path)
}

/// Reads a program's key file, refusing one that others can read.
pub fn read_key(keys: &Path, program_id: Uuid) -> Result<DocKey, String> {
    let path = key_path(keys, program_id);
    let mut file = File::open(&path).map_err(|e| {
        format!(
            "cannot open the key file of program {program_id} ({}): {e}; \
             key files are made by `program create` (see --keys)",
            path.display()
        )
    })?;
    let mode = file
        .metadata()
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?
        .mode();
    if mode & 0o077 != 0 {
        return Err(format!(
            "the key file {} is open to other users; `chmod 600` it first",
            path.display()
        ));
    }
    let mut text = Zeroizing::new(String::new());
    file.read_to_string(&mut text)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let bytes = Zeroizing::new(
        data_encoding::BASE64URL_NOPAD
            .decode(text.trim().as_bytes())
            .map_err(|_| format!("the key file {} is damaged", path.display()))?,
    );
    DocKey::from_bytes(&bytes).map_err(|_| format!("the key file {} is damaged", path.display()))
}
