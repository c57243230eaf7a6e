//! Counts and indices stored as `u32`: half the memory of `usize` in the
//! aligner's and the text stage's large tables. Corpora stay far below four
//! billion items; a larger value saturates at `u32::MAX` instead of wrapping,
//! so it can only ever make a lookup miss, never hit the wrong item.

/// `n` as a `u32`, saturating.
pub(crate) fn to_u32<T: TryInto<u32>>(n: T) -> u32 {
    n.try_into().unwrap_or(u32::MAX)
}
