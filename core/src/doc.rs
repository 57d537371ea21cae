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
use std::sync::LazyLock;

use automerge::transaction::{CommitOptions, Transactable};
use automerge::{
    ActorId, AutoCommit, ChangeHash, ObjId, ObjType, ROOT, ReadDoc, ScalarValue, Value, ValueRef,
};

use crate::durable::FixedChange;
use crate::error::{Error, Result};

pub(crate) const CHECKINS: &str = "checkins";
pub(crate) const CONTACTS: &str = "contacts";
pub(crate) const SESSIONS: &str = "sessions";
pub(crate) const PREFS: &str = "prefs";
pub(crate) const ATTENDANCE: &str = "attendance";
pub(crate) const SAFETY_PLAN: &str = "safety_plan";

/// The root maps of the first genesis change. Frozen: see [`genesis`].
const V1_ROOT_MAPS: [&str; 5] = [CHECKINS, CONTACTS, SESSIONS, PREFS, ATTENDANCE];

/// The root maps of the second genesis change.
const V2_ROOT_MAPS: [&str; 1] = [SAFETY_PLAN];

/// The actor of every genesis change.
const GENESIS_ACTOR: &[u8] = b"iop-companion/participant";

static GENESIS: LazyLock<Vec<FixedChange>> = LazyLock::new(|| {
    let v1 = genesis_v1();
    let mut doc = AutoCommit::load(&v1.bytes).unwrap_or_default();
    let v2 = next_genesis(&mut doc, &V2_ROOT_MAPS);
    vec![v1, v2]
});

/// The fixed changes every participant document starts from, oldest first, each depending on
/// the one before. Their actor and times are fixed, so every device produces the same bytes
/// and the same change hashes, and two devices never create competing root maps.
///
/// Once stores exist in the field a change's bytes must never change (tests pin their
/// hashes): a root map added later comes in a change of its own appended here (same actor,
/// time 0, depending on the last one). A store made before it gets it when opened
/// ([`crate::durable::DurableDoc::open`]); two devices that each add it add the same change,
/// so they merge to one map.
pub(crate) fn genesis() -> &'static [FixedChange] {
    &GENESIS
}

/// The first genesis change: the five maps of the first release. Frozen bytes.
fn genesis_v1() -> FixedChange {
    let mut doc = AutoCommit::new().with_actor(ActorId::from(GENESIS_ACTOR.to_vec()));
    for key in V1_ROOT_MAPS {
        // Putting an object into a fresh document's root cannot fail.
        let _ = doc.put_object(ROOT, key, ObjType::Map);
    }
    let hash = doc.commit_with(CommitOptions::default().with_time(0));
    FixedChange {
        hash: hash.unwrap_or(ChangeHash([0; 32])),
        bytes: doc.save_after(&[]),
    }
}

/// A later genesis change on top of `doc` (which holds the ones before it): `maps` added to
/// the root by the genesis actor at time 0.
fn next_genesis(doc: &mut AutoCommit, maps: &[&str]) -> FixedChange {
    let before = doc.get_heads();
    doc.set_actor(ActorId::from(GENESIS_ACTOR.to_vec()));
    for key in maps {
        let _ = doc.put_object(ROOT, *key, ObjType::Map);
    }
    let hash = doc.commit_with(CommitOptions::default().with_time(0));
    FixedChange {
        hash: hash.unwrap_or(ChangeHash([0; 32])),
        bytes: doc.save_after(&before),
    }
}

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

    /// The whole genesis, as a fresh store holds it.
    fn genesis_bytes() -> Vec<u8> {
        genesis().iter().flat_map(|c| c.bytes.clone()).collect()
    }

    fn hex(hash: &ChangeHash) -> String {
        hash.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Stores in the field hold these changes: their hashes must never change. A failure here
    /// means the genesis code (or Automerge's encoding) changed; put the old bytes back.
    #[test]
    fn genesis_hashes_are_pinned() {
        let hashes: Vec<String> = genesis().iter().map(|c| hex(&c.hash)).collect();
        assert_eq!(
            hashes,
            [
                // The first release's five maps (checked against a store it made).
                "e51fa733a6ad03f7acc832bb3776186c8f1f61a566968853187ef9ee461b6ec3",
                // safety_plan.
                "b32809bc0f33efe9d683d6c51d11d7990313b46494a3f3d0bced031757506738",
            ]
        );
        for c in genesis() {
            let change = automerge::Change::try_from(c.bytes.as_slice()).unwrap();
            assert_eq!(change.hash(), c.hash);
            assert_eq!(change.actor_id().to_bytes(), GENESIS_ACTOR);
            assert_eq!(change.timestamp(), 0);
        }
        let v2 = automerge::Change::try_from(genesis()[1].bytes.as_slice()).unwrap();
        assert_eq!(v2.deps(), [genesis()[0].hash]);
    }

    #[test]
    fn genesis_is_the_same_bytes_everywhere() {
        assert_eq!(genesis_v1().bytes, genesis()[0].bytes);
        let mut doc = AutoCommit::load(&genesis_v1().bytes).unwrap();
        assert_eq!(
            next_genesis(&mut doc, &V2_ROOT_MAPS).bytes,
            genesis()[1].bytes
        );
        let doc = AutoCommit::load(&genesis_bytes()).unwrap();
        for key in V1_ROOT_MAPS.into_iter().chain(V2_ROOT_MAPS) {
            root_map(&doc, key).unwrap();
        }
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
