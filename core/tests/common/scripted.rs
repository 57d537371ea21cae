//! A transport that answers from a script, for the tests of what the core does with each
//! kind of answer and failure (the server's tests send through reqwest to a real server).

use std::collections::VecDeque;
use std::sync::Mutex;

use companion_core::net::{Failure, Header, Request, Response, Sending, Transport};
use companion_core::{Store, sync::wire::SyncResponse};
use uuid::Uuid;

/// One scripted answer.
#[derive(Debug, Clone)]
pub enum Answer {
    Fail(Failure),
    Status(u16, Vec<u8>),
    /// Never answers: the core's own backstop must give up.
    Hang,
}

impl Answer {
    pub fn json(status: u16, value: serde_json::Value) -> Answer {
        Answer::Status(status, value.to_string().into_bytes())
    }

    pub fn sync(response: &SyncResponse) -> Answer {
        Answer::Status(200, response.encode())
    }
}

/// Each request gets the next answer; once the script is used up, the last one again. Every
/// request is kept, to count and to look at.
pub struct Scripted {
    answers: Mutex<VecDeque<Answer>>,
    last: Mutex<Option<Answer>>,
    pub asked: Mutex<Vec<Request>>,
}

impl Scripted {
    pub fn new(answers: impl IntoIterator<Item = Answer>) -> Scripted {
        Scripted {
            answers: Mutex::new(answers.into_iter().collect()),
            last: Mutex::new(None),
            asked: Mutex::new(Vec::new()),
        }
    }

    /// No network at all.
    pub fn offline() -> Scripted {
        Scripted::new([Answer::Fail(Failure::Offline)])
    }

    pub fn then(&self, answers: impl IntoIterator<Item = Answer>) {
        self.answers.lock().unwrap().extend(answers);
    }

    pub fn tries(&self) -> usize {
        self.asked.lock().unwrap().len()
    }

    pub fn requests(&self) -> Vec<Request> {
        self.asked.lock().unwrap().clone()
    }
}

impl Transport for Scripted {
    fn send(&self, request: Request) -> Sending<'_> {
        self.asked.lock().unwrap().push(request);
        let next = self.answers.lock().unwrap().pop_front();
        let answer = match next {
            Some(a) => {
                *self.last.lock().unwrap() = Some(a.clone());
                a
            }
            None => self
                .last
                .lock()
                .unwrap()
                .clone()
                .unwrap_or(Answer::Fail(Failure::Offline)),
        };
        Box::pin(async move {
            match answer {
                Answer::Fail(f) => Err(f),
                Answer::Status(status, body) => Ok(Response {
                    status,
                    headers: vec![Header {
                        name: "Content-Length".into(),
                        value: body.len().to_string(),
                    }],
                    body,
                }),
                Answer::Hang => std::future::pending().await,
            }
        })
    }
}

/// The server's answer to an enrolment of a new device of `participant`, with no program.
pub fn enrolment(participant: Uuid) -> Answer {
    Answer::json(
        200,
        serde_json::json!({
            "device_id": Uuid::new_v4(),
            "device_token": "token",
            "participant_id": participant,
            "programs": [],
        }),
    )
}

/// `store`, enrolled with `server` as `participant` through a scripted answer.
pub async fn enrol(store: &mut Store, server: &str, participant: Uuid) {
    let transport = Scripted::new([enrolment(participant)]);
    store
        .enroll(&transport, server, "K7QF-9XMZ-2PRT")
        .await
        .expect("enrolled");
}
