//! Distinct values (pure): a list of keys → each item's distinct number, the
//! first item of each distinct key, and the items sharing each key.
//!
//! News archives repeat themselves word for word: a wire story runs in dozens
//! of outlets, a correction reprints the article. Work that depends only on a
//! sentence's text (its features, its facts, how it scores against another
//! text) is done once per distinct text and shared by every copy.

use std::hash::Hash;

use rustc_hash::FxHashMap;

use crate::narrow::to_u32;

/// Items grouped by equal keys, numbered in order of first appearance.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Distinct {
    /// Each item's distinct number.
    of: Vec<u32>,
    /// The first item with each distinct key.
    firsts: Vec<u32>,
    /// Where each distinct key's items start in `members` (one more entry
    /// than there are keys).
    starts: Vec<usize>,
    /// Items, grouped by distinct number, ascending within each group.
    members: Vec<u32>,
}

impl Distinct {
    /// Group `keys` (one per item, in item order) by equality.
    pub fn new<K: Hash + Eq>(keys: impl IntoIterator<Item = K>) -> Self {
        let mut numbers: FxHashMap<K, u32> = FxHashMap::default();
        let mut distinct = Distinct::default();
        for (item, key) in keys.into_iter().enumerate() {
            let next = to_u32(distinct.firsts.len());
            let found = *numbers.entry(key).or_insert(next);
            if found == next {
                distinct.firsts.push(to_u32(item));
            }
            distinct.of.push(found);
        }
        (distinct.starts, distinct.members) = group_by_bucket(
            distinct.firsts.len(),
            distinct.of.iter().map(|&d| d as usize),
        );
        distinct
    }

    /// Each item's distinct number.
    pub fn of(&self) -> &[u32] {
        &self.of
    }

    /// The first item of each distinct key, by distinct number.
    pub fn firsts(&self) -> &[u32] {
        &self.firsts
    }

    /// The items with distinct number `d`, ascending.
    pub fn members(&self, d: u32) -> &[u32] {
        &self.members[self.starts[d as usize]..self.starts[d as usize + 1]]
    }

    /// How many distinct keys there are.
    pub fn len(&self) -> usize {
        self.firsts.len()
    }
}

/// Where each bucket's items start once items are grouped by bucket, for
/// items with these bucket numbers (each below `buckets`): one more entry
/// than there are buckets, bucket `b`'s items at `starts[b]..starts[b + 1]`.
pub(crate) fn bucket_starts(buckets: usize, keys: impl IntoIterator<Item = usize>) -> Vec<usize> {
    let mut starts = vec![0usize; buckets + 1];
    for key in keys {
        starts[key + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    starts
}

/// Items grouped by bucket (a counting sort), for items with these bucket
/// numbers (each below `buckets`): `(starts, items)`, bucket `b`'s items
/// ascending at `items[starts[b]..starts[b + 1]]` (see [`bucket_starts`]).
pub(crate) fn group_by_bucket<I>(buckets: usize, keys: I) -> (Vec<usize>, Vec<u32>)
where
    I: IntoIterator<Item = usize>,
    I::IntoIter: Clone,
{
    let keys = keys.into_iter();
    let starts = bucket_starts(buckets, keys.clone());
    let mut next = starts.clone();
    let mut items = vec![0u32; starts[buckets]];
    for (item, key) in keys.enumerate() {
        items[next[key]] = to_u32(item);
        next[key] += 1;
    }
    (starts, items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_keys_share_a_number_in_order_of_first_appearance() {
        let distinct = Distinct::new(["b", "a", "b", "c", "a", "b"]);
        assert_eq!(distinct.of(), &[0, 1, 0, 2, 1, 0]);
        assert_eq!(distinct.firsts(), &[0, 1, 3]);
        assert_eq!(distinct.members(0), &[0, 2, 5]);
        assert_eq!(distinct.members(1), &[1, 4]);
        assert_eq!(distinct.members(2), &[3]);
        assert_eq!(distinct.len(), 3);
    }

    #[test]
    fn bucket_starts_are_running_counts() {
        assert_eq!(bucket_starts(3, [2, 0, 2]), [0, 1, 1, 3]);
        assert_eq!(bucket_starts(0, []), [0]);
    }

    #[test]
    fn items_grouped_by_bucket_keep_their_order() {
        let (starts, items) = group_by_bucket(3, [2, 0, 2, 0]);
        assert_eq!(starts, [0, 2, 2, 4]);
        assert_eq!(items, [1, 3, 0, 2]);
    }

    #[test]
    fn no_items_no_keys() {
        let distinct = Distinct::new(Vec::<&str>::new());
        assert_eq!(distinct.len(), 0);
        assert!(distinct.of().is_empty());
    }
}
