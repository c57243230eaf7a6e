//! Batching by length: sentence indices → batches of at most `size` sentences
//! of similar token count, so that padding each batch to its longest member
//! wastes little.

/// The indices `0..lengths.len()` sorted by length (ties by index) and cut into batches of
/// at most `size` (at least 1). Every index is in exactly one batch.
pub(crate) fn by_length(lengths: &[usize], size: usize) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..lengths.len()).collect();
    order.sort_by_key(|&i| (lengths[i], i));
    order.chunks(size.max(1)).map(<[usize]>::to_vec).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Token lengths, batch size, expected batches.
    type Case = (&'static [usize], usize, &'static [&'static [usize]]);

    #[test]
    fn batches() {
        let cases: &[Case] = &[
            (&[], 4, &[]),
            (&[7], 4, &[&[0]]),
            (&[9, 3, 5, 3], 2, &[&[1, 3], &[2, 0]]),
            (&[9, 3, 5, 3], 3, &[&[1, 3, 2], &[0]]),
            (&[2, 2, 2], 0, &[&[0], &[1], &[2]]),
        ];
        for &(lengths, size, expected) in cases {
            assert_eq!(by_length(lengths, size), expected, "{lengths:?} by {size}");
        }
    }
}
