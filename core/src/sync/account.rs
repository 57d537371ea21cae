//! The device's account: which server, which participant, its token, and the document keys.
//! Kept in the store's meta table (issue 7 encrypts the store at rest).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::storage::durable::DurableDoc;
use crate::sync::crypto::DocKey;

const ACCOUNT: &str = "account";

#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct Account {
    pub(crate) server: String,
    pub(crate) participant_id: Uuid,
    pub(crate) device_id: Uuid,
    pub(crate) token: String,
    /// base64url of the participant document key.
    pub(crate) key: String,
    pub(crate) programs: Vec<ProgramKey>,
}

#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct ProgramKey {
    pub(crate) id: Uuid,
    pub(crate) name: String,
    pub(crate) key: String,
}

/// What the shells may show of the account: no token, no keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountInfo {
    pub server: String,
    pub participant_id: String,
    pub device_id: String,
    pub programs: Vec<ProgramInfo>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProgramInfo {
    pub id: String,
    pub name: String,
}

pub(crate) fn encode_key(key: &DocKey) -> String {
    data_encoding::BASE64URL_NOPAD.encode(key.as_bytes())
}

pub(crate) fn decode_bytes(what: &'static str, s: &str) -> Result<Vec<u8>> {
    data_encoding::BASE64URL_NOPAD
        .decode(s.as_bytes())
        .map_err(|_| Error::Protocol(format!("{what} is not base64url")))
}

pub(crate) fn decode_key(s: &str) -> Result<DocKey> {
    DocKey::from_bytes(&decode_bytes("a key", s)?)
}

impl Account {
    pub(crate) fn load(durable: &DurableDoc) -> Result<Option<Account>> {
        match durable.meta(ACCOUNT)? {
            None => Ok(None),
            Some(bytes) => serde_json::from_slice(&bytes)
                .map(Some)
                .map_err(|_| Error::Corrupted("the sync account record".into())),
        }
    }

    pub(crate) fn save(&self, durable: &mut DurableDoc) -> Result<()> {
        let bytes = serde_json::to_vec(self)
            .map_err(|_| Error::Storage("the sync account record".into()))?;
        durable.set_meta(&[(ACCOUNT, Some(&bytes))])
    }

    pub(crate) fn info(&self) -> AccountInfo {
        AccountInfo {
            server: self.server.clone(),
            participant_id: self.participant_id.to_string(),
            device_id: self.device_id.to_string(),
            programs: self
                .programs
                .iter()
                .map(|p| ProgramInfo {
                    id: p.id.to_string(),
                    name: p.name.clone(),
                })
                .collect(),
        }
    }
}
