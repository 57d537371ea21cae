//! The key that opens the participant's store, the terminal's way: a key file beside the store
//! (created on first use, readable by the user only), or a passphrase from a file or the
//! environment. The phone apps keep theirs in Android Keystore / iOS Keychain instead.

use std::io::Write;
use std::path::{Path, PathBuf};

use companion_core::{Protection, Store, StoreKey};
use zeroize::Zeroizing;

use crate::passphrase::{self, Purpose};
use crate::{Failure, Outcome};

/// The key file's name inside the store directory, unless `--key-file` says otherwise.
pub const KEY_FILE_NAME: &str = "store.key";
/// Where a passphrase may come from without a terminal.
pub const PASSPHRASE_ENV: &str = "COMPANION_PASSPHRASE";

/// What the command line says about the key.
pub struct KeySource {
    pub key_file: Option<PathBuf>,
    pub passphrase_file: Option<PathBuf>,
}

/// The key for the store in `dir`, as the store is protected (or, for a new store, as asked):
/// a passphrase when one is given, else the key file, made if neither the store nor the file
/// exists yet.
pub fn resolve(dir: &Path, source: &KeySource) -> Outcome<StoreKey> {
    let protection = Store::protection(dir)?;
    let given = source.passphrase_file.is_some()
        || std::env::var_os(PASSPHRASE_ENV).is_some_and(|v| !v.is_empty());
    if given || protection == Some(Protection::Passphrase) {
        let purpose = if protection.is_none() {
            Purpose::New
        } else {
            Purpose::Existing
        };
        let passphrase = passphrase::read(
            &passphrase::Source {
                file: source.passphrase_file.as_deref(),
                env_var: PASSPHRASE_ENV,
                what: "Store passphrase",
            },
            purpose,
        )?;
        return Ok(StoreKey::passphrase(&passphrase)?);
    }
    let path = source
        .key_file
        .clone()
        .unwrap_or_else(|| dir.join(KEY_FILE_NAME));
    match std::fs::read_to_string(&path) {
        Ok(text) => decode(&text, &path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if protection.is_some() {
                return Err(Failure::Message(format!(
                    "the store's key file {} is missing: without it the store cannot be opened",
                    path.display()
                )));
            }
            create(&path)
        }
        Err(e) => Err(Failure::Message(format!(
            "could not read the key file {}: {}",
            path.display(),
            e.kind()
        ))),
    }
}

fn decode(text: &str, path: &Path) -> Outcome<StoreKey> {
    let bytes = Zeroizing::new(
        data_encoding::BASE64
            .decode(text.trim().as_bytes())
            .map_err(|_| {
                Failure::Message(format!("the key file {} is not a key", path.display()))
            })?,
    );
    StoreKey::from_bytes(&bytes)
        .map_err(|_| Failure::Message(format!("the key file {} is not a key", path.display())))
}

/// A new random key, written to a file only the user can read. Written whole beside the
/// target, then linked into place: a process killed midway leaves no half-written key, and of
/// two processes starting at once the second finds the first's key and uses it.
fn create(path: &Path) -> Outcome<StoreKey> {
    let key = StoreKey::generate()?;
    let bytes = key
        .as_bytes()
        .ok_or_else(|| Failure::Message("a generated key has no bytes".into()))?;
    let text = Zeroizing::new(format!("{}\n", data_encoding::BASE64.encode(bytes)));
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        private_dir(parent)?;
    }
    let tmp = path.with_extension(format!("partial-{}", std::process::id()));
    let written =
        write_private(&tmp, text.as_bytes()).and_then(|()| std::fs::hard_link(&tmp, path));
    let _ = std::fs::remove_file(&tmp);
    match written {
        Ok(()) => Ok(key),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                Failure::Message(format!("could not read the key file: {}", e.kind()))
            })?;
            decode(&text, path)
        }
        Err(e) => Err(Failure::Message(format!(
            "could not create the key file {}: {}",
            path.display(),
            e.kind()
        ))),
    }
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

fn private_dir(dir: &Path) -> Outcome<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(|e| {
        Failure::Message(format!(
            "could not create the store directory: {}",
            e.kind()
        ))
    })
}
