//! The one error the apps see. Flat (a message per variant) so Kotlin and Swift get plain
//! exception types; the messages are the core's, which never carry personal data.

use companion_core::Error as Core;

#[derive(Debug, thiserror::Error, uniffi::Error)]
#[uniffi(flat_error)]
pub enum CompanionError {
    /// A value the model does not accept (the message names the field).
    #[error("{0}")]
    InvalidInput(String),
    #[error("{0}")]
    UnknownTimeZone(String),
    #[error("{0}")]
    NotFound(String),
    /// A program's session, which only the program changes.
    #[error("{0}")]
    ReadOnly(String),
    /// The store file is damaged or foreign: left untouched. Also every call
    /// on a `CompanionStore` after it was erased.
    #[error("{0}")]
    StoreUnusable(String),
    /// A newer version of the app wrote the store: update the app (nothing was changed).
    #[error("{0}")]
    NeedsNewerApp(String),
    /// The store's key, or a backup's passphrase, is not the right one.
    #[error("{0}")]
    WrongKey(String),
    #[error("{0}")]
    NotEnrolled(String),
    #[error("{0}")]
    InvalidCode(String),
    /// The network or the server failed; retrying later is safe.
    #[error("{0}")]
    Network(String),
    /// Data from a file, a server or another device that could not be used.
    #[error("{0}")]
    InvalidData(String),
    /// The device's storage failed, or (erasing) the store is open elsewhere.
    #[error("{0}")]
    Storage(String),
    /// A listener in the app threw; the change it was told about is saved regardless.
    #[error("{0}")]
    Callback(String),
}

impl From<Core> for CompanionError {
    fn from(e: Core) -> Self {
        let message = e.to_string();
        match e {
            Core::InvalidInput { .. } | Core::NoSuchOccurrence { .. } => {
                CompanionError::InvalidInput(message)
            }
            Core::UnknownTimeZone(_) => CompanionError::UnknownTimeZone(message),
            Core::NotFound { .. } => CompanionError::NotFound(message),
            Core::ReadOnly { .. } => CompanionError::ReadOnly(message),
            Core::NewerSchema { .. } => CompanionError::NeedsNewerApp(message),
            Core::ForeignDatabase(_) | Core::Corrupted(_) => CompanionError::StoreUnusable(message),
            Core::WrongKey => CompanionError::WrongKey(message),
            Core::NotEnrolled => CompanionError::NotEnrolled(message),
            Core::InvalidCode => CompanionError::InvalidCode(message),
            Core::Network(_) | Core::Server { .. } => CompanionError::Network(message),
            Core::InvalidChanges(_)
            | Core::Protocol(_)
            | Core::InvalidCalendar { .. }
            | Core::UnsupportedRecurrence { .. }
            | Core::FloatingTime { .. } => CompanionError::InvalidData(message),
            Core::Storage(_) => CompanionError::Storage(message),
        }
    }
}

impl From<uniffi::UnexpectedUniFFICallbackError> for CompanionError {
    fn from(e: uniffi::UnexpectedUniFFICallbackError) -> Self {
        CompanionError::Callback(e.reason)
    }
}

pub type Result<T, E = CompanionError> = std::result::Result<T, E>;
