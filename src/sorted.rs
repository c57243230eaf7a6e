//! Merges of sorted lists of hashes (pure): the innermost loop of scoring,
//! shared by the aligner and the word diff.

/// How many values two sorted lists share (as multisets).
pub(crate) fn count_shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    // Without branches on the comparison: hashes compare at random, so a
    // branch would be mispredicted half the time (this merge is the
    // hottest loop of the candidate scoring).
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        shared += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    shared
}
