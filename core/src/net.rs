//! The network, sans-IO. The core builds every request to the sync server and reads every
//! answer; a [`Transport`] the shell supplies only carries them: OkHttp on Android,
//! `URLSession` on iOS (both through the bindings' foreign trait), reqwest in the terminal
//! shell and the tests (feature `reqwest`). So the phones' own network stacks, with their
//! trust stores, proxies, VPNs and security policies, are the ones that talk to the server,
//! and the library the apps ship links no HTTP client of its own.
//!
//! What stays here: which server addresses are allowed ([`ServerUrl`]: HTTPS, or plain HTTP
//! to this device only), the timeouts and size limits each request carries, the one retry
//! loop with its backoff, and how every answer and failure is read.

mod retry;
mod server_url;
mod transport;

#[cfg(feature = "reqwest")]
mod reqwest_transport;

pub(crate) use retry::{Attempts, Sent, send};
pub use server_url::ServerUrl;
pub use transport::{
    Failure, Header, JSON_RESPONSE_MAX_BYTES, Method, REQUEST_TIMEOUT, Request, Response,
    SYNC_RESPONSE_MAX_BYTES, SYNC_TIMEOUT, Sending, Transport,
};

#[cfg(feature = "reqwest")]
pub use reqwest_transport::ReqwestTransport;
