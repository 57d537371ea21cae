//! Storage: the participant's document, durable in one SQLite file.

pub(crate) mod cache;
pub(crate) mod doc;
pub(crate) mod durable;
pub(crate) mod genesis;
pub(crate) mod schema;
pub(crate) mod store;
