//! What crosses between the core and a shell's network stack: one request, its answer, or
//! the kind of failure that kept it from being answered.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// The longest a sync round trip may take, start to end, before the transport gives up with
/// [`Failure::Timeout`]: generous, because a new device's first answer can carry a snapshot
/// of years of check-ins over a slow mobile network.
pub const SYNC_TIMEOUT: Duration = Duration::from_secs(120);

/// …and any other request (enrolment, linking, erasing): small bodies both ways.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The largest sync answer read: the server sends at most 8 MiB of chunks, or one snapshot
/// (server/API.md), and a snapshot of three years of daily use is well under 1 MiB.
pub const SYNC_RESPONSE_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The largest JSON answer read (enrolment, links, errors): they are a few hundred bytes.
pub const JSON_RESPONSE_MAX_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// One header. Names are lower case as the core sends them; read answers' headers with
/// [`Response::header`], which ignores case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub name: String,
    pub value: String,
}

/// A request the core built. The URL is always HTTPS, or HTTP to this device
/// ([`super::ServerUrl`]); headers may carry the device's bearer token, so a transport never
/// logs them, nor the URL (it holds document ids).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: Method,
    pub url: String,
    pub headers: Vec<Header>,
    pub body: Vec<u8>,
    /// The whole exchange, connecting included, must be over within this; past it the
    /// transport gives up with [`Failure::Timeout`].
    pub timeout: Duration,
    /// A response body longer than this is not read: the transport gives up with
    /// [`Failure::Other`].
    pub max_response_bytes: u64,
}

/// The server's answer, whatever its status: 4xx and 5xx are answers too, which the core
/// reads (and retries when that is safe).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<Header>,
    /// The whole body, decoded of any `Content-Encoding` the transport asked for.
    pub body: Vec<u8>,
}

impl Response {
    /// The first header of that name, ignoring case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str())
    }
}

/// Why a request got no answer. Only the kind crosses: a platform's own error text can hold
/// the URL, and so document ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// No connection could be made: no network, the name does not resolve, nothing listens.
    Offline,
    /// The exchange took longer than [`Request::timeout`].
    Timeout,
    /// No secure connection: the certificate is not trusted (or not valid yet, or any more:
    /// a phone's clock set wrong does that), or the handshake failed. A network that
    /// intercepts traffic (a Wi-Fi sign-in page) looks like this too.
    Tls,
    /// Anything else: the connection was cut mid-answer, the answer was too large, the
    /// platform refused to send.
    Other,
}

impl Failure {
    /// What the participant is told, in plain words (no URL, no code).
    pub fn sentence(self) -> &'static str {
        match self {
            Failure::Offline => "could not reach the server: check the internet connection",
            Failure::Timeout => "the server did not answer in time",
            Failure::Tls => {
                "could not make a secure connection to the server: check that this device's date \
                 and time are right; a Wi-Fi network that asks you to sign in can cause this too"
            }
            Failure::Other => "the connection to the server failed",
        }
    }
}

/// What [`Transport::send`] returns: a future the core awaits, on whichever thread.
pub type Sending<'a> = Pin<Box<dyn Future<Output = Result<Response, Failure>> + Send + 'a>>;

/// A shell's network stack. An implementation sends each request exactly once and returns
/// whatever the server answered; the core decides what is retried and when. It must:
///
/// - not follow redirects (return the 3xx as it is);
/// - keep no cookies and cache nothing (sync bodies are the participant's sealed data);
/// - give up after [`Request::timeout`] with [`Failure::Timeout`], and on a body longer than
///   [`Request::max_response_bytes`] with [`Failure::Other`];
/// - report a body cut short as a failure, never as a shorter body;
/// - stop when the future is dropped (the core dropped the request: cancel it).
pub trait Transport: Send + Sync {
    fn send(&self, request: Request) -> Sending<'_>;
}
