//! The one loop every request to the server goes through: sent, and for requests that are
//! safe to repeat, sent again with a doubling pause while the network or the server fails.

use std::time::Duration;

use crate::error::{Error, Result};
use crate::net::transport::{Failure, Request, Response, Transport};

/// The most times a request that is safe to repeat is sent.
pub(crate) const ATTEMPTS: u32 = 4;
/// The pause before the second attempt; doubled before each further one (200, 400, 800 ms).
pub(crate) const BACKOFF: Duration = Duration::from_millis(200);
/// How long past its own timeout a transport is given before the core stops waiting for it
/// (and drops the request, which cancels it): a platform that never answers cannot hang a
/// sync.
pub(crate) const TIMEOUT_GRACE: Duration = Duration::from_secs(5);

/// How many times a request may be sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Attempts {
    /// Once: a request whose effect cannot be repeated safely (an invitation or link code is
    /// spent by its first use).
    Once,
    /// Up to [`ATTEMPTS`] times: a request the server applies at most once however often it
    /// arrives (a sync: chunks are keyed by their hash; an erase).
    Retried,
}

/// What an answer means to the request that got it.
pub(crate) enum Sent<T> {
    /// The request's outcome: done, or refused for good.
    Done(Result<T>),
    /// The answer was unusable in a way another attempt may not be (cut short).
    Retry(Error),
}

/// Whether another attempt may meet a better network.
fn retried(failure: Failure) -> bool {
    match failure {
        // A dropped connection, a server restarting, a request lost on the way.
        Failure::Offline | Failure::Other => true,
        // The server is there but slow: another 30 s wait is better left to the next sync.
        Failure::Timeout => false,
        // An untrusted certificate stays untrusted for the next second too.
        Failure::Tls => false,
    }
}

/// A status that says the server failed, not that it refused: the same request may work
/// a moment later.
fn server_failed(status: u16) -> bool {
    status == 408 || (500..=599).contains(&status)
}

/// Sends `request`, retried per `attempts`, and hands each answer the server did not fail
/// on to `read`. The last failure is returned when no attempt succeeds.
pub(crate) async fn send<T>(
    transport: &dyn Transport,
    request: Request,
    attempts: Attempts,
    mut read: impl FnMut(Response) -> Sent<T>,
) -> Result<T> {
    let tries = match attempts {
        Attempts::Once => 1,
        Attempts::Retried => ATTEMPTS,
    };
    let mut pause = BACKOFF;
    let mut last = Error::Network(Failure::Other.sentence().into());
    for attempt in 0..tries {
        if attempt > 0 {
            tokio::time::sleep(pause).await;
            pause *= 2;
        }
        let answer = tokio::time::timeout(
            request.timeout + TIMEOUT_GRACE,
            transport.send(request.clone()),
        )
        .await
        .unwrap_or(Err(Failure::Timeout));
        match answer {
            Err(failure) => {
                last = Error::Network(failure.sentence().into());
                if !retried(failure) {
                    return Err(last);
                }
            }
            // A transport that read past the limit anyway: refused here rather than parsed.
            Ok(response) if response.body.len() as u64 > request.max_response_bytes => {
                return Err(Error::Protocol("the server's answer is too large".into()));
            }
            Ok(response) if server_failed(response.status) => {
                last = Error::Network(format!("the server failed (HTTP {})", response.status));
            }
            Ok(response) => match read(response) {
                Sent::Done(outcome) => return outcome,
                Sent::Retry(e) => last = e,
            },
        }
    }
    Err(last)
}
