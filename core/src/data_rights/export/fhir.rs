//! Check-ins as FHIR R4 (4.0.1) JSON, for a clinic's record system: a `Bundle` of type
//! `collection` holding the daily check-in `Questionnaire` (always, so an export with no
//! check-ins still says what the items mean) and then one `QuestionnaireResponse` per
//! check-in, oldest first.
//!
//! Decisions a reader of the file needs:
//! - The Questionnaire is identified by its canonical URL and version ([`URL`], [`VERSION`]);
//!   each response's `questionnaire` is `URL|VERSION`, and its items' `linkId`s are the
//!   Questionnaire's. A change to the items is a new version.
//! - The check-in's local date is an item (`date`, type `date`), not an extension: it is what
//!   the participant answered for, any Questionnaire-aware system shows and extracts items,
//!   and most ignore extensions they do not know. `authored` is when the check-in was last
//!   changed (an instant, in UTC).
//! - Items the participant left unanswered are left out of the response, as FHIR expects.
//! - Resources carry no `id` and no `subject`: the file is a collection handed over by the
//!   participant, and the clinic files it under the patient it knows. Entries are named by
//!   `urn:uuid:` full URLs, version 5 UUIDs derived from what identifies them (the
//!   Questionnaire's canonical URL and version; a check-in's date and creation instant), so
//!   exporting the same data again gives the same names, and two participants' check-ins for
//!   the same day do not share one.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use super::json::to_json;
use super::{date, instant, sleep_hours};
use crate::checkins::checkin::CheckIn;
use crate::error::Result;

/// The daily check-in Questionnaire's canonical URL.
const URL: &str = "https://iopcompanion.org/fhir/Questionnaire/daily-check-in";
/// Its business version.
const VERSION: &str = "1";
/// The namespace of this app's v5 UUIDs.
const UUID_NAMESPACE: &str = "https://iopcompanion.org/fhir/";

/// One question of the daily check-in: written into the Questionnaire, and the source of the
/// `linkId`s the responses use, so the two cannot disagree.
struct Question {
    field: Field,
    link_id: &'static str,
    text: &'static str,
    /// A FHIR R4 `Questionnaire.item.type` code.
    kind: &'static str,
    required: bool,
    repeats: bool,
    /// The least and greatest answer, written as FHIR's `minValue` / `maxValue` extensions.
    range: Option<(Value<'static>, Value<'static>)>,
}

const DATE: Question = Question {
    field: Field::Date,
    link_id: "date",
    text: "Date of the check-in (the participant's local date)",
    kind: "date",
    required: true,
    repeats: false,
    range: None,
};
const MOOD: Question = Question {
    field: Field::Mood,
    link_id: "mood",
    text: "Mood, from 1 (worst) to 10 (best)",
    kind: "integer",
    required: true,
    repeats: false,
    range: Some((Value::Integer(1), Value::Integer(10))),
};
const CRAVING: Question = Question {
    field: Field::Craving,
    link_id: "craving",
    text: "Craving, from 0 (none) to 10 (strongest)",
    kind: "integer",
    required: false,
    repeats: false,
    range: Some((Value::Integer(0), Value::Integer(10))),
};
const EMOTIONS: Question = Question {
    field: Field::Emotions,
    link_id: "emotions",
    text: "Emotions",
    kind: "string",
    required: false,
    repeats: true,
    range: None,
};
const SLEEP: Question = Question {
    field: Field::SleepHours,
    link_id: "sleep-hours",
    text: "Hours slept the night before",
    kind: "decimal",
    required: false,
    repeats: false,
    range: Some((Value::Decimal(0.0), Value::Decimal(24.0))),
};
const USED: Question = Question {
    field: Field::UsedToday,
    link_id: "used-today",
    text: "Used today",
    kind: "boolean",
    required: false,
    repeats: false,
    range: None,
};
const NOTE: Question = Question {
    field: Field::Note,
    link_id: "note",
    text: "Note",
    kind: "text",
    required: false,
    repeats: false,
    range: None,
};

/// The check-in field a question asks for.
#[derive(Clone, Copy)]
enum Field {
    Date,
    Mood,
    Craving,
    Emotions,
    SleepHours,
    UsedToday,
    Note,
}

/// The Questionnaire's items, in order; responses list their items in the same order.
const QUESTIONS: [&Question; 7] = [&DATE, &MOOD, &CRAVING, &EMOTIONS, &SLEEP, &USED, &NOTE];

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Bundle<'a> {
    resource_type: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    timestamp: String,
    entry: Vec<Entry<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Entry<'a> {
    full_url: String,
    resource: Resource<'a>,
}

#[derive(Serialize)]
#[serde(tag = "resourceType")]
enum Resource<'a> {
    Questionnaire(Questionnaire),
    QuestionnaireResponse(Response<'a>),
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Questionnaire {
    url: &'static str,
    version: &'static str,
    name: &'static str,
    title: &'static str,
    status: &'static str,
    subject_type: [&'static str; 1],
    publisher: &'static str,
    description: &'static str,
    item: Vec<Item>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Item {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    extension: Vec<Extension>,
    link_id: &'static str,
    text: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "is_false")]
    required: bool,
    #[serde(skip_serializing_if = "is_false")]
    repeats: bool,
}

#[derive(Serialize)]
struct Extension {
    url: &'static str,
    #[serde(flatten)]
    value: Value<'static>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Response<'a> {
    questionnaire: String,
    status: &'static str,
    authored: String,
    item: Vec<Answered<'a>>,
}

/// A response item: the question's `linkId` and text, and its answers (several only for a
/// repeating question).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Answered<'a> {
    link_id: &'static str,
    text: &'static str,
    answer: Vec<Value<'a>>,
}

/// A typed FHIR value; it serialises as `{"valueInteger": 7}`, the shape of an answer, and
/// flattens into an extension.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
enum Value<'a> {
    #[serde(rename = "valueDate")]
    Date(NaiveDate),
    #[serde(rename = "valueInteger")]
    Integer(i64),
    #[serde(rename = "valueDecimal")]
    Decimal(f64),
    #[serde(rename = "valueBoolean")]
    Boolean(bool),
    #[serde(rename = "valueString")]
    String(&'a str),
}

fn is_false(b: &bool) -> bool {
    !*b
}

pub(super) fn write(checkins: &[CheckIn], now: DateTime<Utc>) -> Result<String> {
    let namespace = Uuid::new_v5(&Uuid::NAMESPACE_URL, UUID_NAMESPACE.as_bytes());
    let canonical = format!("{URL}|{VERSION}");
    let mut entry = Vec::with_capacity(checkins.len() + 1);
    entry.push(Entry {
        full_url: urn(namespace, &format!("Questionnaire/{canonical}")),
        resource: Resource::Questionnaire(questionnaire()),
    });
    for c in checkins {
        // The creation instant tells apart two participants' check-ins for the same day, and
        // never changes once the check-in exists.
        let name = format!(
            "QuestionnaireResponse/{}/{}",
            date(c.date),
            c.created_at.timestamp_millis()
        );
        entry.push(Entry {
            full_url: urn(namespace, &name),
            resource: Resource::QuestionnaireResponse(response(c, &canonical)),
        });
    }
    to_json(&Bundle {
        resource_type: "Bundle",
        kind: "collection",
        timestamp: instant(now),
        entry,
    })
}

fn urn(namespace: Uuid, name: &str) -> String {
    format!("urn:uuid:{}", Uuid::new_v5(&namespace, name.as_bytes()))
}

fn questionnaire() -> Questionnaire {
    Questionnaire {
        url: URL,
        version: VERSION,
        name: "DailyCheckIn",
        title: "IOP Companion daily check-in",
        status: "active",
        subject_type: ["Patient"],
        publisher: "IOP Companion",
        description: "The daily check-in of a participant in an Intensive Outpatient Program: \
                      mood, craving, emotions, sleep, use, and a note.",
        item: QUESTIONS
            .iter()
            .map(|q| Item {
                extension: q
                    .range
                    .iter()
                    .flat_map(|(min, max)| {
                        [
                            Extension {
                                url: "http://hl7.org/fhir/StructureDefinition/minValue",
                                value: *min,
                            },
                            Extension {
                                url: "http://hl7.org/fhir/StructureDefinition/maxValue",
                                value: *max,
                            },
                        ]
                    })
                    .collect(),
                link_id: q.link_id,
                text: q.text,
                kind: q.kind,
                required: q.required,
                repeats: q.repeats,
            })
            .collect(),
    }
}

fn response<'a>(c: &'a CheckIn, canonical: &str) -> Response<'a> {
    Response {
        questionnaire: canonical.to_owned(),
        status: "completed",
        authored: instant(c.updated_at),
        item: QUESTIONS
            .iter()
            .filter_map(|q| {
                let answer = answers(c, q.field);
                (!answer.is_empty()).then_some(Answered {
                    link_id: q.link_id,
                    text: q.text,
                    answer,
                })
            })
            .collect(),
    }
}

/// The check-in's answers to one question: none when it was not answered.
fn answers(c: &CheckIn, field: Field) -> Vec<Value<'_>> {
    match field {
        Field::Date => vec![Value::Date(c.date)],
        Field::Mood => vec![Value::Integer(i64::from(c.mood))],
        Field::Craving => c
            .craving
            .map(|v| Value::Integer(i64::from(v)))
            .into_iter()
            .collect(),
        Field::Emotions => c.emotions.iter().map(|e| Value::String(e)).collect(),
        Field::SleepHours => c
            .sleep_hours
            .map(|h| Value::Decimal(sleep_hours(h)))
            .into_iter()
            .collect(),
        Field::UsedToday => c.used_today.map(Value::Boolean).into_iter().collect(),
        Field::Note => c.note.as_deref().map(Value::String).into_iter().collect(),
    }
}
