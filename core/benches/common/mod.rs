//! What every benchmark here reports: the median and 90th percentile of its runs.

use std::time::Duration;

pub fn median(v: &[Duration]) -> Duration {
    percentile(v, 50)
}

pub fn p90(v: &[Duration]) -> Duration {
    percentile(v, 90)
}

fn percentile(v: &[Duration], p: usize) -> Duration {
    let mut s = v.to_vec();
    s.sort();
    s.get(s.len() * p / 100).copied().unwrap_or_default()
}

/// `Store::open` under a fixed key, as the apps open it under theirs.
pub fn open(dir: &std::path::Path) -> companion_core::Store {
    let key = companion_core::StoreKey::from_bytes(&[7; 32]).expect("32 bytes");
    companion_core::Store::open(dir, &key).expect("open")
}
