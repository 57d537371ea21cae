//! What a device does: enrol with an invitation code, link a further device, and sync.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::net::{ServerUrl, Transport};
use crate::storage::durable::DurableDoc;
use crate::storage::store::Store;
use crate::sync::account::{
    Account, AccountInfo, ProgramKey, decode_bytes, decode_key, encode_key,
};
use crate::sync::client::Api;
use crate::sync::crypto::{self, DocKey};
use crate::sync::engine::{self, DocReport, Pending};
use crate::sync::wire::SyncResponse;

/// How long a link code is good for, as the server enforces it.
pub const LINK_MINUTES: u32 = 15;

/// What one `sync()` did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SyncReport {
    pub round_trips: u32,
    /// HTTP body bytes sent and received.
    pub bytes_up: u64,
    pub bytes_down: u64,
    /// Whether anything here changed: the shells refresh their views and the reminder plan.
    pub changed: bool,
    pub documents: Vec<DocReport>,
}

#[derive(Serialize)]
struct EnrollRequest<'a> {
    code: &'a str,
}

#[derive(Deserialize)]
struct EnrollResponse {
    device_id: Uuid,
    device_token: String,
    participant_id: Uuid,
    programs: Vec<EnrolledProgram>,
}

#[derive(Deserialize)]
struct EnrolledProgram {
    program_id: Uuid,
    name: String,
    salt: String,
    sealed_key: String,
}

#[derive(Serialize)]
struct LinkRequest {
    sealed: String,
}

#[derive(Deserialize)]
struct LinkResponse {
    link_id: String,
}

#[derive(Serialize)]
struct RedeemRequest<'a> {
    link_id: &'a str,
}

#[derive(Deserialize)]
struct RedeemResponse {
    device_id: Uuid,
    device_token: String,
    participant_id: Uuid,
    sealed: String,
}

/// The keys a link code carries to the new device, sealed under its secret.
#[derive(Serialize, Deserialize)]
struct LinkedKeys {
    key: String,
    programs: Vec<ProgramKey>,
}

impl Store {
    /// The account this device syncs with, if enrolled.
    pub fn account(&self) -> Result<Option<AccountInfo>> {
        Ok(self.account_record()?.map(|a| a.info()))
    }

    /// Enrols this device with the invitation `code` a program gave the participant: the
    /// server makes it the first device of a new participant and hands over the program's
    /// key, sealed under the code. The participant's own key is made here and never leaves
    /// their devices except inside a link code.
    pub async fn enroll(
        &mut self,
        transport: &dyn Transport,
        server: &str,
        code: &str,
    ) -> Result<AccountInfo> {
        self.not_enrolled_yet()?;
        let server = ServerUrl::parse(server)?;
        let code = crypto::normalize_code(code).ok_or(Error::InvalidCode)?;
        let answer: EnrollResponse = Api::new(transport, &server)
            .post_json("/v1/enroll", None, &EnrollRequest { code: &code })
            .await?;
        let mut programs = Vec::new();
        for p in answer.programs {
            let salt = decode_bytes("a salt", &p.salt)?;
            let sealed = decode_bytes("a sealed key", &p.sealed_key)?;
            let key = DocKey::from_bytes(&crypto::open_with_code(&code, &salt, &sealed)?)?;
            programs.push(ProgramKey {
                id: p.program_id,
                name: p.name,
                key: encode_key(&key),
            });
        }
        let account = Account {
            server: server.as_str().to_owned(),
            participant_id: answer.participant_id,
            device_id: answer.device_id,
            token: answer.device_token,
            key: encode_key(&DocKey::generate()?),
            programs,
        };
        self.adopt(account)
    }

    /// Makes a one-time code (valid [`LINK_MINUTES`] minutes) that links a further device of
    /// this participant. It carries the participant's keys, sealed under a secret that is
    /// part of the code and never reaches the server.
    pub async fn create_link(&mut self, transport: &dyn Transport) -> Result<String> {
        let account = self.account_record()?.ok_or(Error::NotEnrolled)?;
        let server = ServerUrl::parse(&account.server)?;
        let secret: [u8; 32] = {
            let key = DocKey::generate()?;
            *key.as_bytes()
        };
        let keys = LinkedKeys {
            key: account.key.clone(),
            programs: account.programs.clone(),
        };
        let payload = serde_json::to_vec(&keys).map_err(|_| Error::Storage("link".into()))?;
        let sealed = crypto::seal_with_secret(&secret, &payload)?;
        let answer: LinkResponse = Api::new(transport, &server)
            .post_json(
                "/v1/links",
                Some(&account.token),
                &LinkRequest {
                    sealed: data_encoding::BASE64URL_NOPAD.encode(&sealed),
                },
            )
            .await?;
        Ok(format!(
            "{}.{}",
            answer.link_id,
            data_encoding::BASE64URL_NOPAD.encode(&secret)
        ))
    }

    /// Links this device to the participant whose other device made `code`.
    pub async fn redeem_link(
        &mut self,
        transport: &dyn Transport,
        server: &str,
        code: &str,
    ) -> Result<AccountInfo> {
        self.not_enrolled_yet()?;
        let server = ServerUrl::parse(server)?;
        let (link_id, secret) = code.trim().split_once('.').ok_or(Error::InvalidCode)?;
        let secret: [u8; 32] = data_encoding::BASE64URL_NOPAD
            .decode(secret.as_bytes())
            .ok()
            .and_then(|s| s.try_into().ok())
            .ok_or(Error::InvalidCode)?;
        let answer: RedeemResponse = Api::new(transport, &server)
            .post_json("/v1/links/redeem", None, &RedeemRequest { link_id })
            .await?;
        let sealed = decode_bytes("the sealed keys", &answer.sealed)?;
        let keys: LinkedKeys = serde_json::from_slice(&crypto::open_with_secret(&secret, &sealed)?)
            .map_err(|_| Error::Protocol("the linked keys are not readable".into()))?;
        decode_key(&keys.key)?;
        let account = Account {
            server: server.as_str().to_owned(),
            participant_id: answer.participant_id,
            device_id: answer.device_id,
            token: answer.device_token,
            key: keys.key,
            programs: keys.programs,
        };
        self.adopt(account)
    }

    /// Pushes this device's new changes and pulls everyone else's, for the participant's
    /// document (one round trip) and each program's (one round trip each). Safe to interrupt
    /// and to repeat: nothing is lost or duplicated.
    pub async fn sync(&mut self, transport: &dyn Transport) -> Result<SyncReport> {
        let mut run = self.start_sync()?;
        while let Some(step) = self.sync_prepare(&mut run)? {
            let answer = run.exchange(transport, step).await?;
            self.sync_apply(&mut run, answer)?;
        }
        Ok(run.finish())
    }

    /// Starts a sync to drive in steps, for shells that must not hold the store while the
    /// network is busy: [`Store::sync_prepare`] and [`Store::sync_apply`] need the store,
    /// [`SyncRun::exchange`] (the round trip) does not. Writes made between the steps are
    /// kept and go out with the next sync.
    pub fn start_sync(&self) -> Result<SyncRun> {
        let account = self.account_record()?.ok_or(Error::NotEnrolled)?;
        let mut docs = vec![(account.participant_id, decode_key(&account.key)?, true)];
        for program in &account.programs {
            docs.push((program.id, decode_key(&program.key)?, false));
        }
        Ok(SyncRun {
            server: ServerUrl::parse(&account.server)?,
            token: account.token,
            docs,
            current: 0,
            pages: 0,
            report: SyncReport::default(),
        })
    }

    /// The next request to send, or `None` when the sync is complete.
    pub fn sync_prepare(&mut self, run: &mut SyncRun) -> Result<Option<SyncStep>> {
        while let Some((doc, key, can_push)) = run.docs.get(run.current) {
            let Some(durable) = self.durable_of(*doc, run.current == 0) else {
                // A program this device has no copy of yet (opened at the next launch).
                run.current += 1;
                continue;
            };
            let pending = engine::prepare(durable, *doc, key, *can_push)?;
            return Ok(Some(SyncStep { doc: *doc, pending }));
        }
        Ok(None)
    }

    /// Merges a round trip's answer and moves the run on.
    pub fn sync_apply(&mut self, run: &mut SyncRun, answer: SyncAnswer) -> Result<()> {
        let Some((doc, key, _)) = run.docs.get(run.current) else {
            return Err(Error::Protocol("no sync step is under way".into()));
        };
        if *doc != answer.doc {
            return Err(Error::Protocol("an answer for another document".into()));
        }
        let durable = self
            .durable_of(*doc, run.current == 0)
            .ok_or_else(|| Error::Protocol("the document is no longer here".into()))?;
        let more = answer.response.more;
        let mut doc_report = engine::apply(durable, *doc, key, answer.pending, answer.response)?;
        (doc_report.bytes_up, doc_report.bytes_down) = (answer.up, answer.down);
        run.report.add(doc_report, answer.up, answer.down);
        if more {
            run.pages += 1;
            if run.pages >= MAX_PAGES {
                return Err(Error::Protocol("the server kept saying it has more".into()));
            }
        } else {
            run.current += 1;
            run.pages = 0;
        }
        Ok(())
    }

    fn durable_of(&mut self, doc: Uuid, participant: bool) -> Option<&mut DurableDoc> {
        if participant {
            return Some(&mut self.durable);
        }
        self.programs
            .iter_mut()
            .find(|p| p.id == doc)
            .map(|p| &mut p.durable)
    }

    /// For tools that hold a document's key themselves (the server's staff tools, tests): what
    /// to send for this store's document `doc`.
    pub fn prepare_sync(&mut self, doc: Uuid, key: &DocKey, can_push: bool) -> Result<Pending> {
        engine::prepare(&mut self.durable, doc, key, can_push)
    }

    /// …and merging the answer.
    pub fn apply_sync(
        &mut self,
        doc: Uuid,
        key: &DocKey,
        pending: Pending,
        response: SyncResponse,
    ) -> Result<DocReport> {
        engine::apply(&mut self.durable, doc, key, pending, response)
    }

    fn not_enrolled_yet(&self) -> Result<()> {
        if self.account_record()?.is_some() {
            return Err(Error::invalid(
                "enrolment",
                "this device is already enrolled",
            ));
        }
        Ok(())
    }

    fn adopt(&mut self, account: Account) -> Result<AccountInfo> {
        account.save(&mut self.durable)?;
        self.open_programs(&account)?;
        Ok(account.info())
    }
}

/// The most round trips one document's sync makes while the server says it has more.
const MAX_PAGES: usize = 10_000;

/// A sync under way (see [`Store::start_sync`]). Holds the account's server, token and keys,
/// never the store.
pub struct SyncRun {
    server: ServerUrl,
    token: String,
    /// Each document to sync: id, key, and whether this device may push to it.
    docs: Vec<(Uuid, DocKey, bool)>,
    current: usize,
    pages: usize,
    report: SyncReport,
}

/// One request to send.
pub struct SyncStep {
    doc: Uuid,
    pending: Pending,
}

/// Its answer, ready to merge.
pub struct SyncAnswer {
    doc: Uuid,
    pending: Pending,
    response: SyncResponse,
    up: u64,
    down: u64,
}

impl SyncRun {
    /// The round trip, through `transport`: needs the network, not the store.
    pub async fn exchange(&self, transport: &dyn Transport, step: SyncStep) -> Result<SyncAnswer> {
        let (response, up, down) = Api::new(transport, &self.server)
            .sync(step.doc, &self.token, &step.pending.request)
            .await?;
        Ok(SyncAnswer {
            doc: step.doc,
            pending: step.pending,
            response,
            up,
            down,
        })
    }

    pub fn finish(self) -> SyncReport {
        self.report
    }
}

impl SyncReport {
    fn add(&mut self, doc: DocReport, up: u64, down: u64) {
        self.round_trips += 1;
        self.bytes_up += up;
        self.bytes_down += down;
        self.changed |= doc.changed;
        self.documents.push(doc);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::net::{Failure, Request, Sending};
    use crate::{EraseOptions, ServerErasure, StoreKey};

    /// Counts what it is asked; answers nothing.
    #[derive(Default)]
    struct Counting(AtomicUsize);

    impl Transport for Counting {
        fn send(&self, _: Request) -> Sending<'_> {
            self.0.fetch_add(1, Ordering::Relaxed);
            Box::pin(async { Err(Failure::Offline) })
        }
    }

    /// An account an earlier version saved with a plain-HTTP address to another host: every
    /// shell refuses it before sending anything, and says what is wrong.
    #[tokio::test]
    async fn an_account_kept_with_plain_http_to_another_host_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let key = StoreKey::from_bytes(&[7; 32]).unwrap();
        let mut store = Store::open(dir.path(), &key).unwrap();
        let account = Account {
            server: "http://sync.example.org".into(),
            participant_id: Uuid::new_v4(),
            device_id: Uuid::new_v4(),
            token: "token".into(),
            key: encode_key(&DocKey::generate().unwrap()),
            programs: Vec::new(),
        };
        store.adopt(account).unwrap();
        let transport = Counting::default();
        let refused = |e: Error| {
            matches!(
                e,
                Error::InvalidInput {
                    field: "server",
                    ..
                }
            )
        };
        assert!(refused(store.sync(&transport).await.unwrap_err()));
        assert!(refused(store.start_sync().err().unwrap()));
        assert!(refused(store.create_link(&transport).await.unwrap_err()));
        assert_eq!(transport.0.load(Ordering::Relaxed), 0);
        // Erasing the server's copy is refused too (nothing erased); this device alone is not.
        let store = match store.erase(&transport, EraseOptions::default()).await {
            Err(e) => {
                assert!(refused(e));
                Store::open(dir.path(), &key).unwrap()
            }
            Ok(report) => panic!("{report:?}"),
        };
        let options = EraseOptions {
            local_only: true,
            ..Default::default()
        };
        let report = store.erase(&transport, options).await.unwrap();
        assert_eq!(report.server, ServerErasure::Kept);
        assert_eq!(transport.0.load(Ordering::Relaxed), 0);
    }
}
