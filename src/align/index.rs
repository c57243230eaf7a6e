//! Candidate index: per-segment term hashes → candidate pairs, never all pairs.
//!
//! An inverted index over each segment's terms (content-word stems and stem
//! bigrams, hashed), with a document-frequency limit as passim uses for text
//! reuse: a term found in more than `max_df` segments ("Ukraine" in a corpus
//! about Ukraine, "police" in one about shootings) says nothing about which
//! segments match and would make the pair count quadratic, so its postings are
//! dropped. Two segments of different sources become a candidate pair when
//! they share at least `min_shared` of the remaining terms (fewer when a
//! segment has fewer terms). Work is bounded by terms × `max_df` per segment,
//! so it grows linearly with the corpus.

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;

/// Limits of the candidate index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexParams {
    /// Terms in more segments than this are ignored.
    pub max_df: usize,
    /// Shared terms needed for a candidate pair (capped by the smaller term count).
    pub min_shared: usize,
}

impl Default for IndexParams {
    fn default() -> Self {
        IndexParams {
            max_df: crate::align::score::COMMON_TERM_MIN_DF as usize,
            min_shared: 2,
        }
    }
}

/// One segment as the index sees it.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    /// Segments with the same group (source) are never paired.
    pub group: u32,
    /// Sorted, deduplicated term hashes.
    pub terms: &'a [u64],
}

/// Candidate pairs `(i, j)` with `i < j`, sorted, each from different groups.
pub fn candidate_pairs(entries: &[Entry<'_>], params: IndexParams) -> Vec<(u32, u32)> {
    let postings = build_postings(entries, params.max_df);
    // What the inner loop reads of every other segment, packed: it jumps
    // from segment to segment, and a small array stays in cache.
    let shapes: Vec<Shape> = entries
        .iter()
        .map(|entry| Shape {
            group: entry.group,
            terms: u32::try_from(entry.terms.len()).unwrap_or(u32::MAX),
        })
        .collect();
    // Each segment's pairs come sorted, and segments in order: the whole
    // list is sorted without sorting it.
    (0..entries.len())
        .into_par_iter()
        .map_init(
            || (vec![0u16; entries.len()], Vec::new()),
            |(counts, touched), i| {
                let context = Context {
                    postings: &postings,
                    shapes: &shapes,
                    params,
                };
                candidates_of(i, entries[i].terms, &context, counts, touched)
            },
        )
        .flatten_iter()
        .collect()
}

/// A segment's group and term count.
#[derive(Debug, Clone, Copy)]
struct Shape {
    group: u32,
    terms: u32,
}

/// What every segment's search shares.
struct Context<'c> {
    postings: &'c HashMap<u64, Vec<u32>>,
    shapes: &'c [Shape],
    params: IndexParams,
}

fn build_postings(entries: &[Entry<'_>], max_df: usize) -> HashMap<u64, Vec<u32>> {
    let mut postings: HashMap<u64, Vec<u32>> = HashMap::default();
    for (index, entry) in entries.iter().enumerate() {
        let index = u32::try_from(index).unwrap_or(u32::MAX);
        for &term in entry.terms {
            postings.entry(term).or_default().push(index);
        }
    }
    postings.retain(|_, list| list.len() <= max_df && list.len() > 1);
    postings
}

fn candidates_of(
    i: usize,
    terms: &[u64],
    context: &Context<'_>,
    counts: &mut [u16],
    touched: &mut Vec<u32>,
) -> Vec<(u32, u32)> {
    let shapes = context.shapes;
    let group = shapes[i].group;
    for term in terms {
        let Some(list) = context.postings.get(term) else {
            continue;
        };
        // Postings are ascending: skip to the segments after i.
        let start = list.partition_point(|&j| j as usize <= i);
        for &j in &list[start..] {
            if shapes[j as usize].group == group {
                continue;
            }
            let count = &mut counts[j as usize];
            if *count == 0 {
                touched.push(j);
            }
            *count = count.saturating_add(1);
        }
    }
    let i32 = u32::try_from(i).unwrap_or(u32::MAX);
    let mut out = Vec::new();
    for &j in touched.iter() {
        let needed = context
            .params
            .min_shared
            .min(terms.len())
            .min(shapes[j as usize].terms as usize)
            .max(1);
        if usize::from(counts[j as usize]) >= needed {
            out.push((i32, j));
        }
        counts[j as usize] = 0;
    }
    touched.clear();
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries<'a>(terms: &'a [(u32, Vec<u64>)]) -> Vec<Entry<'a>> {
        terms
            .iter()
            .map(|(group, terms)| Entry {
                group: *group,
                terms,
            })
            .collect()
    }

    #[test]
    fn pairs_share_terms_across_groups_only() {
        let data = vec![
            (0, vec![1, 2, 3]),
            (0, vec![1, 2, 3]),
            (1, vec![2, 3, 9]),
            (2, vec![7, 8]),
        ];
        let pairs = candidate_pairs(&entries(&data), IndexParams::default());
        assert_eq!(pairs, vec![(0, 2), (1, 2)]);
    }

    #[test]
    fn frequent_terms_are_ignored() {
        let data: Vec<(u32, Vec<u64>)> =
            (0..10).map(|g| (g, vec![42, 100 + u64::from(g)])).collect();
        let params = IndexParams {
            max_df: 5,
            min_shared: 1,
        };
        assert!(candidate_pairs(&entries(&data), params).is_empty());
        let params = IndexParams {
            max_df: 10,
            min_shared: 1,
        };
        assert_eq!(candidate_pairs(&entries(&data), params).len(), 45);
    }

    #[test]
    fn pairs_come_sorted() {
        // Terms shared in an order that makes a segment meet later segments
        // out of order: 0 meets 3 through term 1, then 1 and 2 through term 2.
        let data = vec![
            (0, vec![1, 2, 3]),
            (1, vec![2, 3]),
            (2, vec![2, 3]),
            (3, vec![1, 3]),
        ];
        let params = IndexParams {
            max_df: 10,
            min_shared: 1,
        };
        let pairs = candidate_pairs(&entries(&data), params);
        assert!(pairs.windows(2).all(|w| w[0] < w[1]), "{pairs:?}");
        assert_eq!(pairs.len(), 6);
    }

    #[test]
    fn one_shared_term_is_enough_for_a_one_term_segment() {
        let data = vec![(0, vec![5]), (1, vec![5, 6, 7])];
        assert_eq!(
            candidate_pairs(&entries(&data), IndexParams::default()),
            vec![(0, 1)]
        );
    }
}
