//! The HTTP API of server/API.md: parsing, status codes and logging. Every rule is in `ops`.
//!
//! Nothing a request carries is logged or echoed: error bodies name the part that is wrong
//! (`code`, `body`, `doc_id`), never its content, and the request log holds the method, the
//! route template, the status, the latency and byte counts.

use std::time::Instant;

use axum::Router;
use axum::body::{Bytes, HttpBody};
use axum::extract::{
    DefaultBodyLimit, FromRequest, FromRequestParts, MatchedPath, Path, Request, State,
};
use axum::http::header::{self, HeaderValue};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use companion_core::sync::crypto::{normalize_code, token_hash};
use companion_core::sync::wire::SyncRequest;
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::ops::{self, Auth};
use crate::storage::{Program, Storage, StoreError};

/// The largest sync body (API.md).
pub const SYNC_LIMIT: usize = 4 * 1024 * 1024;
/// The largest JSON body (API.md).
pub const JSON_LIMIT: usize = 64 * 1024;
/// The media type of sync bodies.
pub const SYNC_MEDIA_TYPE: &str = "application/vnd.iop-companion.sync";

pub fn router(storage: Storage) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route(
            "/v1/docs/{doc_id}/sync",
            post(sync).layer(DefaultBodyLimit::max(SYNC_LIMIT)),
        )
        .route("/v1/enroll", post(enroll))
        .route("/v1/links", post(create_link))
        .route("/v1/links/redeem", post(redeem_link))
        .route("/v1/me", get(me).delete(erase_me))
        .route("/v1/programs", post(create_program))
        .route(
            "/v1/programs/{program_id}/invitations",
            post(create_invitation),
        )
        .fallback(not_found)
        // JSON routes; the sync route's own limit above takes precedence there.
        .layer(DefaultBodyLimit::max(JSON_LIMIT))
        .layer(middleware::from_fn(log_request))
        .with_state(storage)
}

/// An error response: `{"error": "<machine code>", "message": "<one line>"}`.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl ApiError {
    fn bad(part: &str, reason: &str) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: "bad_request",
            message: format!("invalid {part}: {reason}"),
        }
    }

    fn too_large(limit: usize) -> ApiError {
        ApiError {
            status: StatusCode::PAYLOAD_TOO_LARGE,
            code: "too_large",
            message: format!("the body is over the limit of {limit} bytes"),
        }
    }

    fn unauthorized() -> ApiError {
        StoreError::Unauthorized.into()
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        let (status, code) = match &e {
            StoreError::Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized"),
            StoreError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden"),
            StoreError::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
            StoreError::Invalid { .. } => (StatusCode::BAD_REQUEST, "bad_request"),
            StoreError::Conflict(_) => (StatusCode::CONFLICT, "conflict"),
            StoreError::Backend(detail) => {
                // The detail names tables, constraints or SQLSTATEs, never values; it stays
                // in the server's log and the client learns only that nothing changed.
                tracing::error!(error = %detail, "storage failure");
                return ApiError {
                    status: StatusCode::INTERNAL_SERVER_ERROR,
                    code: "storage_failed",
                    message: "storage failed; nothing was changed".into(),
                };
            }
        };
        ApiError {
            status,
            code,
            message: e.to_string(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (
            self.status,
            axum::Json(json!({"error": self.code, "message": self.message})),
        )
            .into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

type ApiResult<T> = Result<T, ApiError>;

/// `Authorization: Bearer <token>`, as the token's hash. A request without one is refused
/// with 401 before its body is read.
pub struct Bearer(Auth);

impl<S: Send + Sync> FromRequestParts<S> for Bearer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> ApiResult<Bearer> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            // The scheme is case-insensitive (RFC 9110 §11.1).
            .and_then(|v| v.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim())
            .filter(|t| !t.is_empty() && t.len() <= 256)
            .ok_or_else(ApiError::unauthorized)?;
        Ok(Bearer(Auth::Bearer(token_hash(token))))
    }
}

/// A UUID path parameter.
pub struct IdParam(Uuid);

impl<S: Send + Sync> FromRequestParts<S> for IdParam {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> ApiResult<IdParam> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::bad("path", "cannot be read"))?;
        Uuid::try_parse(&raw)
            .map(IdParam)
            .map_err(|_| ApiError::bad("id in the path", "is not a UUID"))
    }
}

/// A body of at most `LIMIT` bytes. A declared length over the limit is refused before any
/// of the body is read; a longer body without one stops being read at the limit
/// (DefaultBodyLimit, set per route to the same figure).
pub struct LimitedBody<const LIMIT: usize>(Bytes);

impl<S: Send + Sync, const LIMIT: usize> FromRequest<S> for LimitedBody<LIMIT> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> ApiResult<LimitedBody<LIMIT>> {
        if let Some(length) = content_length(req.headers())
            && length > LIMIT as u64
        {
            return Err(ApiError::too_large(LIMIT));
        }
        match Bytes::from_request(req, state).await {
            Ok(bytes) if bytes.len() > LIMIT => Err(ApiError::too_large(LIMIT)),
            Ok(bytes) => Ok(LimitedBody(bytes)),
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                Err(ApiError::too_large(LIMIT))
            }
            Err(_) => Err(ApiError::bad("body", "could not be read completely")),
        }
    }
}

type SyncBody = LimitedBody<SYNC_LIMIT>;
type JsonBody = LimitedBody<JSON_LIMIT>;

fn content_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
}

/// The body as a JSON object. serde's messages quote the input, so they are not passed on.
fn object(body: &[u8]) -> ApiResult<Map<String, Value>> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(ApiError::bad("body", "is not a JSON object")),
        Err(_) => Err(ApiError::bad("body", "is not valid JSON")),
    }
}

fn string_field<'a>(map: &'a Map<String, Value>, name: &'static str) -> ApiResult<&'a str> {
    map.get(name)
        .and_then(Value::as_str)
        .ok_or_else(|| ApiError::bad(name, "is missing or not a string"))
}

fn bytes_field(map: &Map<String, Value>, name: &'static str) -> ApiResult<Vec<u8>> {
    let text = string_field(map, name)?;
    data_encoding::BASE64URL_NOPAD
        .decode(text.trim_end_matches('=').as_bytes())
        .map_err(|_| ApiError::bad(name, "is not base64url"))
}

fn b64(bytes: &[u8]) -> String {
    data_encoding::BASE64URL_NOPAD.encode(bytes)
}

fn rfc3339(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A JSON response that must not be cached: several carry a device token.
fn private_json(value: Value) -> Response {
    let mut response = axum::Json(value).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn programs_json(programs: &[Program]) -> Value {
    programs
        .iter()
        .map(|p| json!({"program_id": p.program_id, "name": p.name}))
        .collect()
}

async fn healthz() -> &'static str {
    "ok"
}

async fn not_found() -> ApiError {
    ApiError {
        status: StatusCode::NOT_FOUND,
        code: "not_found",
        message: "no such endpoint".into(),
    }
}

async fn sync(
    State(storage): State<Storage>,
    Bearer(auth): Bearer,
    IdParam(doc): IdParam,
    LimitedBody(body): SyncBody,
) -> ApiResult<Response> {
    let request = SyncRequest::decode(&body).map_err(|e| ApiError {
        status: StatusCode::BAD_REQUEST,
        code: "bad_request",
        // The wire decoder's messages name the defect ("truncated", "too many chunks"),
        // never bytes of the body.
        message: format!("invalid body: {e}"),
    })?;
    let response = storage.run(ops::Sync { auth, doc, request }).await?;
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static(SYNC_MEDIA_TYPE),
        )],
        response.encode(),
    )
        .into_response())
}

async fn enroll(
    State(storage): State<Storage>,
    LimitedBody(body): JsonBody,
) -> ApiResult<Response> {
    let map = object(&body)?;
    let code = normalize_code(string_field(&map, "code")?)
        .ok_or_else(|| ApiError::bad("code", "is not an invitation code"))?;
    let enrolled = storage
        .run(ops::Enroll {
            code_hash: token_hash(&code),
            now: ops::now(),
        })
        .await?;
    let p = &enrolled.program;
    Ok(private_json(json!({
        "device_id": enrolled.device.device.device_id,
        "device_token": enrolled.device.token,
        "participant_id": enrolled.device.device.participant_id,
        "programs": [{
            "program_id": p.program.program_id,
            "name": p.program.name,
            "salt": b64(&p.salt),
            "sealed_key": b64(&p.sealed_key),
        }],
    })))
}

async fn create_link(
    State(storage): State<Storage>,
    Bearer(auth): Bearer,
    LimitedBody(body): JsonBody,
) -> ApiResult<Response> {
    let map = object(&body)?;
    let sealed = bytes_field(&map, "sealed")?;
    let link = storage
        .run(ops::CreateLink {
            auth,
            sealed,
            now: ops::now(),
        })
        .await?;
    Ok(private_json(json!({
        "link_id": link.link_id,
        "expires_at": rfc3339(link.expires_at),
    })))
}

async fn redeem_link(
    State(storage): State<Storage>,
    LimitedBody(body): JsonBody,
) -> ApiResult<Response> {
    let map = object(&body)?;
    let link_id = string_field(&map, "link_id")?;
    if link_id.is_empty() || link_id.len() > 256 {
        return Err(ApiError::bad("link_id", "has the wrong length"));
    }
    let linked = storage
        .run(ops::RedeemLink {
            link_hash: token_hash(link_id),
            now: ops::now(),
        })
        .await?;
    Ok(private_json(json!({
        "device_id": linked.device.device.device_id,
        "device_token": linked.device.token,
        "participant_id": linked.device.device.participant_id,
        "sealed": b64(&linked.sealed),
        "programs": programs_json(&linked.programs),
    })))
}

async fn me(State(storage): State<Storage>, Bearer(auth): Bearer) -> ApiResult<Response> {
    let me = storage.run(ops::Me { auth }).await?;
    Ok(private_json(json!({
        "participant_id": me.device.participant_id,
        "device_id": me.device.device_id,
        "programs": programs_json(&me.programs),
    })))
}

async fn erase_me(State(storage): State<Storage>, Bearer(auth): Bearer) -> ApiResult<Response> {
    let participant_id = storage.run(ops::EraseMe { auth }).await?;
    Ok(private_json(
        json!({"participant_id": participant_id, "deleted": true}),
    ))
}

async fn create_program(
    State(storage): State<Storage>,
    Bearer(auth): Bearer,
    LimitedBody(body): JsonBody,
) -> ApiResult<Response> {
    let map = object(&body)?;
    let name = string_field(&map, "name")?.to_owned();
    let program_id = storage
        .run(ops::CreateProgram {
            auth,
            program_id: Uuid::new_v4(),
            name,
            now: ops::now(),
        })
        .await?;
    Ok(private_json(json!({"program_id": program_id})))
}

async fn create_invitation(
    State(storage): State<Storage>,
    Bearer(auth): Bearer,
    IdParam(program_id): IdParam,
    LimitedBody(body): JsonBody,
) -> ApiResult<Response> {
    let map = object(&body)?;
    let code_hash: [u8; 32] = bytes_field(&map, "code_hash")?
        .try_into()
        .map_err(|_| ApiError::bad("code_hash", "must be 32 bytes"))?;
    let salt = bytes_field(&map, "salt")?;
    let sealed_key = bytes_field(&map, "sealed_key")?;
    let expires_at = chrono::DateTime::parse_from_rfc3339(string_field(&map, "expires_at")?)
        .map_err(|_| ApiError::bad("expires_at", "is not an RFC 3339 date-time"))?
        .timestamp();
    let participant_id = storage
        .run(ops::CreateInvitation {
            auth,
            program_id,
            code_hash,
            salt,
            sealed_key,
            expires_at,
            now: ops::now(),
        })
        .await?;
    Ok(private_json(json!({"participant_id": participant_id})))
}

/// One line per request: method, route template (never the concrete path or query), status,
/// latency and byte counts.
async fn log_request(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "(no route)".to_owned(), |p| p.as_str().to_owned());
    let request_bytes = content_length(req.headers());
    let response = next.run(req).await;
    let response_bytes = response.body().size_hint().exact();
    tracing::info!(
        method = %method,
        route = %route,
        status = response.status().as_u16(),
        latency_us = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX),
        request_bytes,
        response_bytes,
        "request"
    );
    response
}
