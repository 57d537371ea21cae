//! The HTTP side of sync: enrolment, linking and `sync()` against `companion-server`.

use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::sync::wire::{SyncRequest, SyncResponse};

/// Attempts for a sync request before giving up; sync is idempotent, so retrying is safe.
const ATTEMPTS: u32 = 4;
/// First pause between attempts; doubled each time.
const BACKOFF: Duration = Duration::from_millis(200);

pub(crate) struct Http {
    client: reqwest::Client,
    base: String,
}

/// What the server says when it refuses, per server/API.md.
#[derive(Deserialize)]
struct ErrorBody {
    error: String,
}

impl Http {
    pub(crate) fn new(server: &str) -> Result<Http> {
        let base = server.trim().trim_end_matches('/').to_owned();
        let valid = (base.starts_with("https://") || base.starts_with("http://"))
            && reqwest::Url::parse(&base).is_ok();
        if !valid {
            return Err(Error::invalid(
                "server",
                "must be an http:// or https:// address",
            ));
        }
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(60))
            .build()
            .map_err(|e| Error::Network(format!("no HTTP client: {e}")))?;
        Ok(Http { client, base })
    }

    pub(crate) fn base(&self) -> &str {
        &self.base
    }

    /// One sync round trip for `doc`, retried with backoff when the network or the server
    /// fails (never when the server refuses).
    pub(crate) async fn sync(
        &self,
        doc: Uuid,
        token: &str,
        request: &SyncRequest,
    ) -> Result<(SyncResponse, u64, u64)> {
        let body = request.encode();
        let url = format!("{}/v1/docs/{doc}/sync", self.base);
        let mut retrying = Retrying::new();
        while let Some(()) = retrying.next().await {
            let sent = self
                .client
                .post(&url)
                .bearer_auth(token)
                .header("content-type", "application/vnd.iop-companion.sync")
                .body(body.clone())
                .send()
                .await;
            let Some(response) = retrying.answered(sent) else {
                continue;
            };
            if !response.status().is_success() {
                return Err(refusal(response).await);
            }
            match response.bytes().await {
                Ok(bytes) => {
                    let down = bytes.len() as u64;
                    return Ok((SyncResponse::decode(&bytes)?, body.len() as u64, down));
                }
                Err(e) => retrying.failed(Error::Network(describe(&e))),
            }
        }
        Err(retrying.last)
    }

    /// `DELETE /v1/me`: the server deletes the participant's document and every device's
    /// token. Retried like sync: if an erase went through but its answer was lost, the retry
    /// is refused as from an unknown token, which the caller reads as "already erased".
    /// `Err(NotEnrolled)` when the server does not know the token.
    pub(crate) async fn erase_me(&self, token: &str) -> Result<()> {
        let url = format!("{}/v1/me", self.base);
        let mut retrying = Retrying::new();
        while let Some(()) = retrying.next().await {
            let sent = self.client.delete(&url).bearer_auth(token).send().await;
            let Some(response) = retrying.answered(sent) else {
                continue;
            };
            if response.status().is_success() {
                return Ok(());
            }
            return Err(match refusal(response).await {
                // `refusal` reads 404 as an unknown code; here it can only be a server
                // without this route.
                Error::InvalidCode => Error::Server {
                    status: 404,
                    code: "not_found".into(),
                },
                other => other,
            });
        }
        Err(retrying.last)
    }

    /// A JSON request, sent once: enrolment and link codes are single use, so a blind retry
    /// could spend one.
    pub(crate) async fn json<B: Serialize, R: DeserializeOwned>(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: Option<&B>,
    ) -> Result<R> {
        let mut req = self.client.request(method, format!("{}{path}", self.base));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(b);
        }
        let response = req.send().await.map_err(|e| Error::Network(describe(&e)))?;
        if !response.status().is_success() {
            return Err(refusal(response).await);
        }
        response
            .json::<R>()
            .await
            .map_err(|_| Error::Protocol("the server's answer is not what this app expects".into()))
    }
}

/// The attempts of a request that is safe to repeat: up to [`ATTEMPTS`], with a doubling pause
/// between them, while the network or the server fails (never when the server refuses).
struct Retrying {
    attempt: u32,
    delay: Duration,
    last: Error,
}

impl Retrying {
    fn new() -> Retrying {
        Retrying {
            attempt: 0,
            delay: BACKOFF,
            last: Error::Network("no attempt made".into()),
        }
    }

    /// Waits before every attempt but the first; `None` once the attempts are used up.
    async fn next(&mut self) -> Option<()> {
        if self.attempt >= ATTEMPTS {
            return None;
        }
        if self.attempt > 0 {
            tokio::time::sleep(self.delay).await;
            self.delay *= 2;
        }
        self.attempt += 1;
        Some(())
    }

    fn failed(&mut self, e: Error) {
        self.last = e;
    }

    /// The response to act on, or `None` (noted, to retry) when the request did not get
    /// through or the server failed.
    fn answered(
        &mut self,
        sent: std::result::Result<reqwest::Response, reqwest::Error>,
    ) -> Option<reqwest::Response> {
        match sent {
            Err(e) => {
                self.failed(Error::Network(describe(&e)));
                None
            }
            Ok(r) if r.status().is_server_error() => {
                let code = r.status().as_u16();
                self.failed(Error::Network(format!("the server failed ({code})")));
                None
            }
            Ok(r) => Some(r),
        }
    }
}

/// A network error without its URL (which holds ids) or anything else personal.
fn describe(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        "the server did not answer in time".into()
    } else if e.is_connect() {
        "could not reach the server".into()
    } else {
        "the connection failed".into()
    }
}

async fn refusal(response: reqwest::Response) -> Error {
    let status = response.status().as_u16();
    let code = response
        .json::<ErrorBody>()
        .await
        .map(|b| b.error)
        .unwrap_or_default();
    match status {
        401 => Error::NotEnrolled,
        404 => Error::InvalidCode,
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
