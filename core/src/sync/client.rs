//! The sync server's API as requests and answers (server/API.md): enrolment, linking, sync
//! and erasure, built here and carried by the shell's [`Transport`].

use serde::Deserialize;
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::net::{
    self, Attempts, Failure, Header, JSON_RESPONSE_MAX_BYTES, Method, REQUEST_TIMEOUT, Request,
    Response, SYNC_RESPONSE_MAX_BYTES, SYNC_TIMEOUT, Sent, ServerUrl, Transport,
};
use crate::sync::wire::{self, SyncRequest, SyncResponse};

/// The media type of sync bodies (server/API.md).
const SYNC_MEDIA_TYPE: &str = "application/vnd.iop-companion.sync";

/// One server, reached through one transport.
pub(crate) struct Api<'t> {
    transport: &'t dyn Transport,
    server: ServerUrl,
}

/// What the server says when it refuses, per server/API.md.
#[derive(Deserialize)]
struct ErrorBody {
    error: String,
}

impl<'t> Api<'t> {
    pub(crate) fn new(transport: &'t dyn Transport, server: &ServerUrl) -> Api<'t> {
        Api {
            transport,
            server: server.clone(),
        }
    }

    /// One sync round trip for `doc`, retried with backoff while the network or the server
    /// fails (never when the server refuses). Returns the answer and the body bytes sent and
    /// received.
    pub(crate) async fn sync(
        &self,
        doc: Uuid,
        token: &str,
        request: &SyncRequest,
    ) -> Result<(SyncResponse, u64, u64)> {
        let body = request.encode();
        let up = body.len() as u64;
        let request = Request {
            method: Method::Post,
            url: self.server.join(&format!("/v1/docs/{doc}/sync")),
            headers: vec![
                bearer(token),
                header("content-type", SYNC_MEDIA_TYPE),
                header("accept", SYNC_MEDIA_TYPE),
            ],
            body,
            timeout: SYNC_TIMEOUT,
            max_response_bytes: SYNC_RESPONSE_MAX_BYTES,
        };
        net::send(self.transport, request, Attempts::Retried, |response| {
            if !is_success(response.status) {
                return Sent::Done(Err(refusal(&response)));
            }
            let down = response.body.len() as u64;
            match wire::read_response(&response.body) {
                Ok(answer) => Sent::Done(Ok((answer, up, down))),
                // A transport should report a cut connection as a failure; one that handed
                // over a short body gets the same treatment.
                Err(wire::Malformed::CutShort) => {
                    Sent::Retry(Error::Network(Failure::Other.sentence().into()))
                }
                Err(other) => Sent::Done(Err(other.into())),
            }
        })
        .await
    }

    /// `DELETE /v1/me`: the server deletes the participant's document and every device's
    /// token. Retried like sync: if an erase went through but its answer was lost, the retry
    /// is refused as from an unknown token, which the caller reads as "already erased".
    /// `Err(NotEnrolled)` when the server does not know the token.
    pub(crate) async fn erase_me(&self, token: &str) -> Result<()> {
        let request = Request {
            method: Method::Delete,
            url: self.server.join("/v1/me"),
            headers: vec![bearer(token), header("accept", "application/json")],
            body: Vec::new(),
            timeout: REQUEST_TIMEOUT,
            max_response_bytes: JSON_RESPONSE_MAX_BYTES,
        };
        net::send(self.transport, request, Attempts::Retried, |response| {
            if is_success(response.status) {
                return Sent::Done(Ok(()));
            }
            Sent::Done(Err(match refusal(&response) {
                // `refusal` reads 404 as an unknown code; here it can only be a server
                // without this route.
                Error::InvalidCode => Error::Server {
                    status: 404,
                    code: "not_found".into(),
                },
                other => other,
            }))
        })
        .await
    }

    /// A JSON `POST`, sent once: enrolment and link codes are single use, so a blind retry
    /// could spend one.
    pub(crate) async fn post_json<B: Serialize, R: DeserializeOwned>(
        &self,
        path: &str,
        token: Option<&str>,
        body: &B,
    ) -> Result<R> {
        let body = serde_json::to_vec(body).map_err(|_| Error::Storage("a request".into()))?;
        let mut headers = vec![
            header("content-type", "application/json"),
            header("accept", "application/json"),
        ];
        headers.extend(token.map(bearer));
        let request = Request {
            method: Method::Post,
            url: self.server.join(path),
            headers,
            body,
            timeout: REQUEST_TIMEOUT,
            max_response_bytes: JSON_RESPONSE_MAX_BYTES,
        };
        net::send(self.transport, request, Attempts::Once, |response| {
            if !is_success(response.status) {
                return Sent::Done(Err(refusal(&response)));
            }
            Sent::Done(serde_json::from_slice::<R>(&response.body).map_err(|_| {
                Error::Protocol("the server's answer is not what this app expects".into())
            }))
        })
        .await
    }
}

fn header(name: &str, value: &str) -> Header {
    Header {
        name: name.into(),
        value: value.into(),
    }
}

fn bearer(token: &str) -> Header {
    header("authorization", &format!("Bearer {token}"))
}

fn is_success(status: u16) -> bool {
    (200..=299).contains(&status)
}

/// The error for an answer that is not a success (the server failing, 5xx, is retried
/// before it gets here).
fn refusal(response: &Response) -> Error {
    let status = response.status;
    let code = serde_json::from_slice::<ErrorBody>(&response.body)
        .map(|b| b.error)
        .unwrap_or_default();
    match status {
        401 => Error::NotEnrolled,
        404 => Error::InvalidCode,
        // Too many requests: the server asks to be left alone for a while.
        429 => Error::Network("the server is busy".into()),
        300..=399 => Error::Protocol(
            "the server's address answered with a redirect: check the address".into(),
        ),
        _ => Error::Server {
            status,
            code: code
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
                .take(40)
                .collect(),
        },
    }
}
