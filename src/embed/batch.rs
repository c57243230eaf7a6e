//! Batching by length: sentence indices → batches of at most `size` sentences
//! of the same token count, so that no batch is padded.
//!
//! Padding changes the shapes of the model's matrix products, and with them
//! the order in which floating-point sums are taken: a sentence padded in a
//! batch embeds a few bits differently from the same sentence alone. Without
//! padding its embedding is the same bits in any batch, so it depends on its
//! text alone (what a cache of embeddings keyed by text needs, and what
//! keeps a run's reports independent of which other sentences it embeds).

/// The indices `0..lengths.len()` sorted by length (ties by index) and cut into batches of
/// at most `size` (at least 1) sentences of one length. Every index is in exactly one batch.
pub(crate) fn by_length(lengths: &[usize], size: usize) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..lengths.len()).collect();
    order.sort_by_key(|&i| (lengths[i], i));
    order
        .chunk_by(|&a, &b| lengths[a] == lengths[b])
        .flat_map(|same| same.chunks(size.max(1)))
        .map(<[usize]>::to_vec)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Token lengths, batch size, expected batches.
    type Case = (&'static [usize], usize, &'static [&'static [usize]]);

    #[test]
    fn batches_hold_one_length_each() {
        let cases: &[Case] = &[
            (&[], 4, &[]),
            (&[7], 4, &[&[0]]),
            (&[9, 3, 5, 3], 2, &[&[1, 3], &[2], &[0]]),
            (&[9, 3, 5, 3], 3, &[&[1, 3], &[2], &[0]]),
            (&[4, 4, 4, 4, 4], 2, &[&[0, 1], &[2, 3], &[4]]),
            (&[2, 2, 2], 0, &[&[0], &[1], &[2]]),
        ];
        for &(lengths, size, expected) in cases {
            assert_eq!(by_length(lengths, size), expected, "{lengths:?} by {size}");
        }
    }
}
