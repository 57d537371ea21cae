//! Items' order within a section: orders with gaps, so that a move or an insertion rewrites
//! only what moved.

use automerge::{AutoCommit, ObjId};

use crate::error::{Error, RecordKind, Result};
use crate::storage::doc::Record;

use super::{ORDER_LIMIT, ORDER_STEP};

/// Puts a section's items in the order of `sequence` (each id with its current order, `None`
/// for a new item), writing only the orders that must change. Returns how many existing items
/// got a new one.
pub(super) fn write_sequence(
    doc: &mut AutoCommit,
    map: &ObjId,
    sequence: &[(String, Option<i64>)],
) -> Result<u32> {
    let current: Vec<Option<i64>> = sequence.iter().map(|(_, o)| *o).collect();
    let mut moved = 0;
    for ((id, old), new) in sequence.iter().zip(place(&current)) {
        if *old != Some(new) {
            let rec = Record::get(doc, map, id)?
                .ok_or_else(|| Error::not_found(RecordKind::SafetyItem, id.as_str()))?;
            rec.put(doc, "order", new)?;
            if old.is_some() {
                moved += 1;
            }
        }
    }
    Ok(moved)
}

/// Orders that put items in the wanted sequence, given their current orders (`None`: new).
/// The longest run of items already in increasing order keeps its orders, so a move or an
/// insertion rewrites only what moved; the others get orders in the gaps between, or, when a
/// gap is too narrow, the whole section is renumbered.
fn place(current: &[Option<i64>]) -> Vec<i64> {
    let kept: Vec<Option<i64>> = increasing_run(current)
        .into_iter()
        .zip(current)
        .map(|(keep, order)| order.filter(|_| keep))
        .collect();
    let mut out = Vec::with_capacity(current.len());
    let mut lower = None;
    let mut i = 0;
    while i < kept.len() {
        if let Some(order) = kept[i] {
            out.push(order);
            lower = Some(order);
            i += 1;
            continue;
        }
        let start = i;
        while i < kept.len() && kept[i].is_none() {
            i += 1;
        }
        let upper = kept.get(i).copied().flatten();
        match between(lower, upper, i - start) {
            Some(orders) => out.extend(orders),
            None => return (1..=current.len() as i64).map(|n| n * ORDER_STEP).collect(),
        }
    }
    out
}

/// `k` increasing orders strictly between `lower` and `upper` (open ends leave [`ORDER_STEP`]
/// between items), or `None` when there is no room.
fn between(lower: Option<i64>, upper: Option<i64>, k: usize) -> Option<Vec<i64>> {
    let k = k as i128;
    let step = i128::from(ORDER_STEP);
    let (lo, hi) = match (lower.map(i128::from), upper.map(i128::from)) {
        (None, None) => (0, (k + 1) * step),
        (Some(lo), None) => (lo, lo + (k + 1) * step),
        (None, Some(hi)) => (hi - (k + 1) * step, hi),
        (Some(lo), Some(hi)) => (lo, hi),
    };
    let lo = lo.max(-i128::from(ORDER_LIMIT));
    let hi = hi.min(i128::from(ORDER_LIMIT));
    let gap = (hi - lo) / (k + 1);
    if gap < 1 {
        return None;
    }
    (1..=k).map(|j| i64::try_from(lo + gap * j).ok()).collect()
}

/// Which entries form a longest strictly increasing run of the present orders.
fn increasing_run(orders: &[Option<i64>]) -> Vec<bool> {
    // tails[n]: the entry ending the increasing run of length n + 1 with the smallest end.
    let mut tails: Vec<(usize, i64)> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; orders.len()];
    for (i, order) in orders.iter().enumerate() {
        let Some(order) = *order else { continue };
        let at = tails.partition_point(|&(_, o)| o < order);
        if at > 0 {
            prev[i] = Some(tails[at - 1].0);
        }
        if at == tails.len() {
            tails.push((i, order));
        } else {
            tails[at] = (i, order);
        }
    }
    let mut keep = vec![false; orders.len()];
    let mut at = tails.last().map(|&(i, _)| i);
    while let Some(i) = at {
        keep[i] = true;
        at = prev[i];
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placing_keeps_what_is_already_in_order() {
        // Appending writes only the new item.
        assert_eq!(place(&[Some(1024), Some(2048), None]), [1024, 2048, 3072]);
        // Inserting at the top or between leaves the others.
        assert_eq!(place(&[None, Some(1024), Some(2048)]), [0, 1024, 2048]);
        assert_eq!(place(&[Some(1024), None, Some(2048)]), [1024, 1536, 2048]);
        // Moving the last item first rewrites only it.
        assert_eq!(
            place(&[Some(3072), Some(1024), Some(2048)]),
            [0, 1024, 2048]
        );
        // No room between neighbours: the section is renumbered.
        assert_eq!(place(&[Some(1), None, Some(2)]), [1024, 2048, 3072]);
        // Ties (two devices appended at once) are told apart.
        let tie = place(&[Some(2048), Some(2048)]);
        assert!(tie[0] < tie[1]);
        assert_eq!(place(&[]), Vec::<i64>::new());
        // Orders outside the kept range, from elsewhere, are brought back into it.
        let far = place(&[Some(i64::MAX), None]);
        assert!(far[0] < far[1] && far[1] <= ORDER_LIMIT);
    }

    #[test]
    fn increasing_runs_are_longest() {
        let keep = increasing_run(&[Some(5), Some(1), Some(2), None, Some(9), Some(3)]);
        assert_eq!(keep, [false, true, true, false, false, true]);
    }
}
