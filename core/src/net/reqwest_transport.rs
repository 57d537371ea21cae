//! The terminal shell's and the tests' transport: reqwest over rustls, trusting the
//! platform's certificates (or, for tests with a CA of their own, only the ones given).
//! Behind the `reqwest` feature, so the library the phones ship does not compile it.

use std::time::Duration;

use crate::error::{Error, Result};
use crate::net::transport::{Failure, Header, Request, Response, Sending, Transport};

/// Connecting alone may take this long; the request's own timeout bounds the whole exchange.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

pub struct ReqwestTransport {
    client: reqwest::Client,
}

impl ReqwestTransport {
    /// Trusting the certificates the platform trusts.
    pub fn new() -> Result<ReqwestTransport> {
        Self::build(reqwest::Client::builder())
    }

    /// Trusting only the certificates in `pem` (one or more): for a test's own CA.
    pub fn trusting_only(pem: &[u8]) -> Result<ReqwestTransport> {
        let certificates = reqwest::Certificate::from_pem_bundle(pem)
            .map_err(|_| Error::invalid("certificates", "are not PEM certificates"))?;
        Self::build(reqwest::Client::builder().tls_certs_only(certificates))
    }

    fn build(builder: reqwest::ClientBuilder) -> Result<ReqwestTransport> {
        let client = builder
            .connect_timeout(CONNECT_TIMEOUT)
            // The core reads a redirect as an answer; it never follows one.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|_| Error::Network("no HTTP client could be made".into()))?;
        Ok(ReqwestTransport { client })
    }
}

impl Transport for ReqwestTransport {
    fn send(&self, request: Request) -> Sending<'_> {
        Box::pin(async move {
            let method = reqwest::Method::from_bytes(request.method.as_str().as_bytes())
                .map_err(|_| Failure::Other)?;
            let mut builder = self
                .client
                .request(method, &request.url)
                .timeout(request.timeout);
            for h in &request.headers {
                builder = builder.header(&h.name, &h.value);
            }
            let mut response = builder
                .body(request.body)
                .send()
                .await
                .map_err(|e| classify(&e))?;
            let status = response.status().as_u16();
            let headers = response
                .headers()
                .iter()
                .filter_map(|(name, value)| {
                    Some(Header {
                        name: name.as_str().to_owned(),
                        value: value.to_str().ok()?.to_owned(),
                    })
                })
                .collect();
            let mut body = Vec::new();
            while let Some(chunk) = response.chunk().await.map_err(|e| classify(&e))? {
                if (body.len() + chunk.len()) as u64 > request.max_response_bytes {
                    return Err(Failure::Other);
                }
                body.extend_from_slice(&chunk);
            }
            Ok(Response {
                status,
                headers,
                body,
            })
        })
    }
}

/// The kind of a reqwest error; its text (which holds the URL) goes nowhere.
fn classify(e: &reqwest::Error) -> Failure {
    if e.is_timeout() {
        Failure::Timeout
    } else if is_tls(e) {
        // Before `is_connect`: a handshake that fails is a connect error too.
        Failure::Tls
    } else if e.is_connect() {
        Failure::Offline
    } else {
        Failure::Other
    }
}

/// Whether a rustls error is anywhere in the chain. rustls' errors reach reqwest wrapped in
/// `io::Error`s (two deep, through hyper), whose `source()` skips the error each wraps, so
/// every `io::Error` is opened as well.
fn is_tls(e: &reqwest::Error) -> bool {
    fn holds_tls(error: &(dyn std::error::Error + 'static), depth: u8) -> bool {
        if depth > 16 {
            return false;
        }
        if error.is::<rustls::Error>() {
            return true;
        }
        if let Some(io) = error.downcast_ref::<std::io::Error>()
            && let Some(inner) = io.get_ref()
            && holds_tls(inner, depth + 1)
        {
            return true;
        }
        error
            .source()
            .is_some_and(|next| holds_tls(next, depth + 1))
    }
    holds_tls(e, 0)
}
