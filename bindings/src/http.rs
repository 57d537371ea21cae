//! The app's network stack, as the core sees it: a foreign trait the Android app implements
//! with OkHttp and the iOS app with `URLSession`. The core builds each request (URL, headers,
//! body, timeout, size limit) and reads each answer; the app only carries them, so the
//! phone's trust store, proxies, VPNs and security policy apply, and this library links no
//! HTTP client.

use std::sync::Arc;
use std::time::Duration;

use companion_core::net;

#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum HttpMethod {
    Get,
    Post,
    Put,
    Delete,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HttpHeader {
    pub name: String,
    pub value: String,
}

/// A request to send exactly once, as it is. Never log it: the URL holds document ids and a
/// header holds the device's token.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HttpRequest {
    pub method: HttpMethod,
    pub url: String,
    pub headers: Vec<HttpHeader>,
    pub body: Vec<u8>,
    /// The whole exchange, connecting included, must be over within this (else `Timeout`).
    pub timeout: Duration,
    /// Stop reading a body longer than this (and fail with `Other`).
    pub max_response_bytes: u64,
}

/// Whatever the server answered, 4xx and 5xx included: the core reads the status.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<HttpHeader>,
    /// The whole body, decoded of any content encoding.
    pub body: Vec<u8>,
}

/// Why a request got no answer: only the kind, never the platform's message (it can hold the
/// URL). The core words it for the participant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum HttpError {
    /// No connection: no network, a name that does not resolve, nothing listening.
    #[error("offline")]
    Offline,
    /// Not over within the request's timeout.
    #[error("timeout")]
    Timeout,
    /// No secure connection: an untrusted or invalid certificate, a failed handshake.
    #[error("tls")]
    Tls,
    /// Anything else: a connection cut mid-answer, a body over the limit, a refusal to send.
    #[error("other")]
    Other,
}

impl From<uniffi::UnexpectedUniFFICallbackError> for HttpError {
    // An exception the app's transport did not map; its text is dropped (it may hold the URL).
    fn from(_: uniffi::UnexpectedUniFFICallbackError) -> Self {
        HttpError::Other
    }
}

/// The app's network stack. Send the request once; do not follow redirects (return the 3xx);
/// keep no cookies and cache nothing; give up after `timeout` (`Timeout`) and past
/// `max_response_bytes` (`Other`); report a body cut short as a failure, never as a shorter
/// body; and stop when cancelled (the core dropped the request). The core retries, with
/// backoff, what is safe to retry.
#[cfg_attr(not(feature = "in-library-http"), uniffi::export(foreign))]
#[cfg_attr(feature = "in-library-http", uniffi::export(rust, foreign))]
#[async_trait::async_trait]
pub trait HttpTransport: Send + Sync {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, HttpError>;
}

/// Benchmarks only (feature `in-library-http`): the HTTP client the library carried before,
/// reqwest over rustls, behind the same interface, so one run can time a sync through the
/// app's transport against one through it.
#[cfg(feature = "in-library-http")]
#[uniffi::export]
pub fn in_library_transport() -> Result<Arc<dyn HttpTransport>, crate::CompanionError> {
    struct InLibrary(Arc<net::ReqwestTransport>);

    fn reactor() -> Option<&'static tokio::runtime::Runtime> {
        static REACTOR: std::sync::OnceLock<Option<tokio::runtime::Runtime>> =
            std::sync::OnceLock::new();
        REACTOR
            .get_or_init(|| {
                tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(1)
                    .enable_all()
                    .build()
                    .ok()
            })
            .as_ref()
    }

    #[async_trait::async_trait]
    impl HttpTransport for InLibrary {
        async fn send(&self, request: HttpRequest) -> Result<HttpResponse, HttpError> {
            let request = net::Request {
                method: match request.method {
                    HttpMethod::Get => net::Method::Get,
                    HttpMethod::Post => net::Method::Post,
                    HttpMethod::Put => net::Method::Put,
                    HttpMethod::Delete => net::Method::Delete,
                },
                url: request.url,
                headers: request.headers.into_iter().map(Into::into).collect(),
                body: request.body,
                timeout: request.timeout,
                max_response_bytes: request.max_response_bytes,
            };
            // reqwest needs tokio's reactor: present when the core calls this (the store's
            // async calls run on uniffi's tokio runtime), absent when Kotlin or Swift does.
            let sent = match (tokio::runtime::Handle::try_current(), reactor()) {
                (Ok(_), _) => net::Transport::send(&*self.0, request).await,
                (Err(_), Some(reactor)) => {
                    let transport = Arc::clone(&self.0);
                    reactor
                        .spawn(async move { net::Transport::send(&*transport, request).await })
                        .await
                        .unwrap_or(Err(net::Failure::Other))
                }
                (Err(_), None) => Err(net::Failure::Other),
            };
            let response = sent.map_err(|f| match f {
                net::Failure::Offline => HttpError::Offline,
                net::Failure::Timeout => HttpError::Timeout,
                net::Failure::Tls => HttpError::Tls,
                net::Failure::Other => HttpError::Other,
            })?;
            Ok(HttpResponse {
                status: response.status,
                headers: response.headers.into_iter().map(Into::into).collect(),
                body: response.body,
            })
        }
    }

    Ok(Arc::new(InLibrary(Arc::new(net::ReqwestTransport::new()?))))
}

/// The app's transport behind the core's interface.
#[derive(Clone)]
pub(crate) struct PlatformTransport(pub(crate) Arc<dyn HttpTransport>);

impl net::Transport for PlatformTransport {
    fn send(&self, request: net::Request) -> net::Sending<'_> {
        Box::pin(async move {
            self.0
                .send(request.into())
                .await
                .map(Into::into)
                .map_err(Into::into)
        })
    }
}

impl From<net::Request> for HttpRequest {
    fn from(r: net::Request) -> Self {
        HttpRequest {
            method: match r.method {
                net::Method::Get => HttpMethod::Get,
                net::Method::Post => HttpMethod::Post,
                net::Method::Put => HttpMethod::Put,
                net::Method::Delete => HttpMethod::Delete,
            },
            url: r.url,
            headers: r.headers.into_iter().map(Into::into).collect(),
            body: r.body,
            timeout: r.timeout,
            max_response_bytes: r.max_response_bytes,
        }
    }
}

impl From<HttpResponse> for net::Response {
    fn from(r: HttpResponse) -> Self {
        net::Response {
            status: r.status,
            headers: r.headers.into_iter().map(Into::into).collect(),
            body: r.body,
        }
    }
}

impl From<net::Header> for HttpHeader {
    fn from(h: net::Header) -> Self {
        HttpHeader {
            name: h.name,
            value: h.value,
        }
    }
}

impl From<HttpHeader> for net::Header {
    fn from(h: HttpHeader) -> Self {
        net::Header {
            name: h.name,
            value: h.value,
        }
    }
}

impl From<HttpError> for net::Failure {
    fn from(e: HttpError) -> Self {
        match e {
            HttpError::Offline => net::Failure::Offline,
            HttpError::Timeout => net::Failure::Timeout,
            HttpError::Tls => net::Failure::Tls,
            HttpError::Other => net::Failure::Other,
        }
    }
}
