//! The fixed changes every participant document starts from: identical bytes on every
//! device, so two devices never create competing root maps.

use std::sync::LazyLock;

use automerge::transaction::{CommitOptions, Transactable};
use automerge::{ActorId, AutoCommit, ChangeHash, ObjType, ROOT};

use crate::storage::doc::{ATTENDANCE, CHECKINS, CONTACTS, PREFS, SAFETY_PLAN, SESSIONS};

/// One of the changes every copy of a document starts from (see [`genesis`]).
pub(crate) struct FixedChange {
    pub(crate) hash: ChangeHash,
    pub(crate) bytes: Vec<u8>,
}

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
/// ([`crate::storage::durable::DurableDoc::open`]); two devices that each add it add the same change,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::doc::root_map;

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
}
