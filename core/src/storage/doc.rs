//! How records live in the Automerge document, and the one way to read and write them.
//!
//! The document's root holds its maps (check-ins, contacts, sessions, preferences,
//! attendance, safety plan), created by shared genesis changes (identical bytes on every
//! device, so devices never create competing root maps). Records are maps keyed by
//! id or by date. Two devices that check in on the same day offline each create a map at the
//! same key; Automerge keeps both as a conflict. [`Record`] reads such a key as one record,
//! field by field (the winning map first, then the others), and writes every field into all
//! of them, so both devices' edits survive and the result is the same everywhere.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};

use automerge::transaction::Transactable;
use automerge::{AutoCommit, ObjId, ObjType, ROOT, ReadDoc, ScalarValue, Value, ValueRef};

use crate::error::{Error, Result};

pub(crate) const CHECKINS: &str = "checkins";
pub(crate) const CONTACTS: &str = "contacts";
pub(crate) const SESSIONS: &str = "sessions";
pub(crate) const PREFS: &str = "prefs";
pub(crate) const ATTENDANCE: &str = "attendance";
pub(crate) const SAFETY_PLAN: &str = "safety_plan";

/// The root map `key`.
pub(crate) fn root_map(doc: &AutoCommit, key: &str) -> Result<ObjId> {
    match doc.get(ROOT, key)? {
        Some((Value::Object(ObjType::Map), id)) => Ok(id),
        _ => Err(Error::Corrupted(format!("the document has no {key} map"))),
    }
}

/// One record: the map (or, after concurrent creation, the maps) stored at one key.
pub(crate) struct Record {
    /// The winning map first.
    objs: Vec<ObjId>,
    /// Every scalar field, read in one pass over the maps on first use: one `get` per field
    /// costs several microseconds on a large document, a pass over a small map about one.
    /// Writes through the record drop it.
    fields: RefCell<Option<HashMap<String, ScalarValue>>>,
}

impl Record {
    /// The record at `key` of `map`, if any.
    pub(crate) fn get(doc: &AutoCommit, map: &ObjId, key: &str) -> Result<Option<Record>> {
        let mut objs: Vec<ObjId> = doc
            .get_all(map, key)?
            .into_iter()
            .filter(|(v, _)| matches!(v, Value::Object(ObjType::Map)))
            .map(|(_, id)| id)
            .collect();
        // `get_all` lists conflicting values in op order, the winner (what `get` returns) last.
        objs.reverse();
        Ok((!objs.is_empty()).then(|| Record::of(objs)))
    }

    /// Creates an empty record at `key`, replacing whatever was there.
    pub(crate) fn create(doc: &mut AutoCommit, map: &ObjId, key: &str) -> Result<Record> {
        let obj = doc.put_object(map, key, ObjType::Map)?;
        Ok(Record::of(vec![obj]))
    }

    fn of(objs: Vec<ObjId>) -> Record {
        Record {
            objs,
            fields: RefCell::new(None),
        }
    }

    /// Runs `read` over every scalar field of the record, loading them on first use. A field
    /// is the winning map's value, or failing that the first other map's.
    fn with_fields<T>(
        &self,
        doc: &AutoCommit,
        read: impl FnOnce(&HashMap<String, ScalarValue>) -> T,
    ) -> T {
        let mut cache = self.fields.borrow_mut();
        let fields = cache.get_or_insert_with(|| {
            let mut fields = HashMap::new();
            for obj in &self.objs {
                for item in doc.map_range(obj, ..) {
                    if let ValueRef::Scalar(v) = item.value {
                        fields
                            .entry(item.key.into_owned())
                            .or_insert_with(|| ScalarValue::from(v));
                    }
                }
            }
            fields
        });
        read(fields)
    }

    pub(crate) fn scalar(&self, doc: &AutoCommit, field: &str) -> Option<ScalarValue> {
        self.with_fields(doc, |fields| fields.get(field).cloned())
    }

    pub(crate) fn str(&self, doc: &AutoCommit, field: &str) -> Option<String> {
        match self.scalar(doc, field)? {
            ScalarValue::Str(s) => Some(s.to_string()),
            _ => None,
        }
    }

    pub(crate) fn int(&self, doc: &AutoCommit, field: &str) -> Option<i64> {
        match self.scalar(doc, field)? {
            ScalarValue::Int(i) => Some(i),
            ScalarValue::Uint(u) => i64::try_from(u).ok(),
            _ => None,
        }
    }

    pub(crate) fn bool(&self, doc: &AutoCommit, field: &str) -> Option<bool> {
        match self.scalar(doc, field)? {
            ScalarValue::Boolean(b) => Some(b),
            _ => None,
        }
    }

    pub(crate) fn timestamp(&self, doc: &AutoCommit, field: &str) -> Option<i64> {
        match self.scalar(doc, field)? {
            ScalarValue::Timestamp(t) | ScalarValue::Int(t) => Some(t),
            _ => None,
        }
    }

    /// The suffixes of the `prefix`-keyed flags set to true in any of the maps: a set that
    /// merges by union.
    pub(crate) fn flags(&self, doc: &AutoCommit, prefix: &str) -> BTreeSet<String> {
        self.with_fields(doc, |fields| {
            fields
                .iter()
                .filter(|(_, v)| **v == ScalarValue::Boolean(true))
                .filter_map(|(k, _)| k.strip_prefix(prefix).map(str::to_owned))
                .collect()
        })
    }

    /// A child map of the winning map.
    pub(crate) fn child(&self, doc: &AutoCommit, field: &str) -> Option<ObjId> {
        match doc.get(&self.objs[0], field) {
            Ok(Some((Value::Object(ObjType::Map), id))) => Some(id),
            _ => None,
        }
    }

    pub(crate) fn create_child(&self, doc: &mut AutoCommit, field: &str) -> Result<ObjId> {
        Ok(doc.put_object(&self.objs[0], field, ObjType::Map)?)
    }

    /// Sets `field` in every map of the record.
    pub(crate) fn put(
        &self,
        doc: &mut AutoCommit,
        field: &str,
        value: impl Into<ScalarValue>,
    ) -> Result<()> {
        let value = value.into();
        self.fields.replace(None);
        for obj in &self.objs {
            // An unchanged value is not written again: no op, no conflict with other devices.
            let same = matches!(doc.get(obj, field)?, Some((Value::Scalar(v), _)) if *v == value);
            if !same {
                doc.put(obj, field, value.clone())?;
            }
        }
        Ok(())
    }

    /// Removes `field` from every map of the record.
    pub(crate) fn delete(&self, doc: &mut AutoCommit, field: &str) -> Result<()> {
        self.fields.replace(None);
        for obj in &self.objs {
            if doc.get(obj, field)?.is_some() {
                doc.delete(obj, field)?;
            }
        }
        Ok(())
    }

    /// Sets or removes an optional text field.
    pub(crate) fn put_opt_str(
        &self,
        doc: &mut AutoCommit,
        field: &str,
        value: Option<&str>,
    ) -> Result<()> {
        match value {
            Some(v) => self.put(doc, field, v),
            None => self.delete(doc, field),
        }
    }

    /// Makes the `prefix`-keyed flags exactly `wanted`, touching only the flags that differ so
    /// concurrent edits of other flags merge.
    pub(crate) fn set_flags(
        &self,
        doc: &mut AutoCommit,
        prefix: &str,
        wanted: &BTreeSet<String>,
    ) -> Result<()> {
        let current = self.flags(doc, prefix);
        for gone in current.difference(wanted) {
            self.delete(doc, &format!("{prefix}{gone}"))?;
        }
        for new in wanted.difference(&current) {
            self.put(doc, &format!("{prefix}{new}"), true)?;
        }
        Ok(())
    }
}

/// Removes the record at `key` of `map` (every conflicting map at once).
pub(crate) fn remove(doc: &mut AutoCommit, map: &ObjId, key: &str) -> Result<()> {
    doc.delete(map, key)?;
    Ok(())
}

/// Every key of `map` (sorted), each read as a record.
pub(crate) fn records(doc: &AutoCommit, map: &ObjId) -> Result<Vec<(String, Record)>> {
    records_in(doc, map, ..)
}

/// The keys of `map` in `range` (sorted), each read as a record.
/// The keys of the records in `range` of `map`, without reading the records: one pass over
/// the map, for counting over years of check-ins.
pub(crate) fn record_keys_in(
    doc: &AutoCommit,
    map: &ObjId,
    range: impl std::ops::RangeBounds<String> + 'static,
) -> Vec<String> {
    doc.map_range(map, range)
        .filter(|item| matches!(item.value, ValueRef::Object(ObjType::Map)))
        .map(|item| item.key.into_owned())
        .collect()
}

pub(crate) fn records_in(
    doc: &AutoCommit,
    map: &ObjId,
    range: impl std::ops::RangeBounds<String> + 'static,
) -> Result<Vec<(String, Record)>> {
    let keys: Vec<String> = doc
        .map_range(map, range)
        .map(|item| item.key.into_owned())
        .collect();
    let mut out = Vec::with_capacity(keys.len());
    for key in keys {
        if let Some(rec) = Record::get(doc, map, &key)? {
            out.push((key, rec));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::genesis::genesis;
    use automerge::ActorId;

    /// The whole genesis, as a fresh store holds it.
    fn genesis_bytes() -> Vec<u8> {
        genesis().iter().flat_map(|c| c.bytes.clone()).collect()
    }

    #[test]
    fn concurrent_records_merge_field_by_field_and_the_winner_comes_first() {
        let mut a = AutoCommit::load(&genesis_bytes()).unwrap();
        a.set_actor(ActorId::random());
        let mut b = a.fork();
        let map = root_map(&a, CHECKINS).unwrap();
        let ra = Record::create(&mut a, &map, "2026-11-22").unwrap();
        ra.put(&mut a, "mood", 3).unwrap();
        ra.put(&mut a, "note", "a").unwrap();
        let rb = Record::create(&mut b, &map, "2026-11-22").unwrap();
        rb.put(&mut b, "mood", 7).unwrap();
        rb.put(&mut b, "sleep", 420).unwrap();
        a.merge(&mut b).unwrap();
        b.merge(&mut a).unwrap();
        for doc in [&a, &b] {
            let rec = Record::get(doc, &map, "2026-11-22").unwrap().unwrap();
            assert_eq!(rec.objs.len(), 2);
            let (_, winner) = doc.get(&map, "2026-11-22").unwrap().unwrap();
            assert_eq!(rec.objs[0], winner);
            assert_eq!(rec.str(doc, "note").as_deref(), Some("a"));
            assert_eq!(rec.int(doc, "sleep"), Some(420));
        }
        let ma = Record::get(&a, &map, "2026-11-22")
            .unwrap()
            .unwrap()
            .int(&a, "mood");
        let mb = Record::get(&b, &map, "2026-11-22")
            .unwrap()
            .unwrap()
            .int(&b, "mood");
        assert_eq!(ma, mb);
    }
}
