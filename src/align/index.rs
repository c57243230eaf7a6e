//! Candidate index: per-segment term hashes → candidate pairs, never all pairs.
//!
//! An inverted index over each segment's terms (the aligner gives it the
//! distinctive words, names and numbers that support needs), with a
//! document-frequency limit as passim uses for text reuse: a term found in
//! more than `max_df` segments ("Ukraine" in a corpus about Ukraine, "police"
//! in one about shootings) says nothing about which segments match and would
//! make the pair count quadratic, so its postings are dropped. Two segments of
//! different sources become a candidate pair when they share at least
//! `min_shared` of the remaining terms. Work is bounded by terms × `max_df`
//! per segment, so it grows linearly with the corpus.

use rustc_hash::FxHashMap as HashMap;

use crate::distinct::Distinct;
use crate::narrow::to_u32;

use rayon::prelude::*;

/// Limits of the candidate index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexParams {
    /// Terms in more segments than this are ignored.
    pub max_df: usize,
    /// Shared terms needed for a candidate pair, however few terms a segment has.
    pub min_shared: usize,
}

impl Default for IndexParams {
    fn default() -> Self {
        IndexParams {
            // The limits support has: with them, the candidates are exactly
            // the pairs that may support each other.
            max_df: crate::align::score::COMMON_TERM_MIN_DF as usize,
            min_shared: crate::align::score::SUPPORT_MIN_SHARED_TERMS,
        }
    }
}

/// One segment as the index sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry<'a> {
    /// Segments with the same group (source) are never paired.
    pub group: u32,
    /// Sorted, deduplicated term hashes.
    pub terms: &'a [u64],
}

/// Candidate pairs `(i, j)` with `i < j`, sorted, each from different groups.
pub(crate) fn candidate_pairs(entries: &[Entry<'_>], params: IndexParams) -> Vec<(u32, u32)> {
    // Copies of a sentence (a wire story in several outlets) have the same
    // terms and meet the same segments: search once per distinct term list,
    // then hand the result to every copy.
    let distinct = Distinct::new(entries.iter().map(|entry| entry.terms));
    let lists: Vec<&[u64]> = distinct
        .firsts()
        .iter()
        .map(|&first| entries[first as usize].terms)
        .collect();
    let related = related_lists(&distinct, &lists, params);
    let groups: Vec<u32> = entries.iter().map(|entry| entry.group).collect();
    // Each segment's pairs come sorted, and segments in order: the whole
    // list is sorted without sorting it.
    (0..entries.len())
        .into_par_iter()
        .map(|i| pairs_of(i, &distinct, &related, &groups))
        .flatten_iter()
        .collect()
}

/// For each distinct term list, the distinct lists (itself included) sharing
/// enough terms with it, ascending.
fn related_lists(distinct: &Distinct, lists: &[&[u64]], params: IndexParams) -> Vec<Vec<u32>> {
    let postings = build_postings(distinct, lists, params);
    let context = Context {
        postings: &postings,
        lists,
        params,
    };
    // Each related pair is found once, from its lower list, then entered
    // under both.
    let upward: Vec<Vec<u32>> = (0..lists.len())
        .into_par_iter()
        .map_init(
            || (vec![0u16; lists.len()], Vec::new()),
            |(counts, touched), d| related_above(d, &context, counts, touched),
        )
        .collect();
    let mut related: Vec<Vec<u32>> = vec![Vec::new(); lists.len()];
    for (d, above) in upward.iter().enumerate() {
        for &e in above {
            related[d].push(e);
            if e as usize != d {
                related[e as usize].push(to_u32(d));
            }
        }
    }
    related.par_iter_mut().for_each(|list| list.sort_unstable());
    related
}

/// What every distinct list's search shares.
struct Context<'c> {
    postings: &'c Postings,
    lists: &'c [&'c [u64]],
    params: IndexParams,
}

/// Term → the distinct lists with it that have enough terms to pair,
/// ascending; terms in more than `max_df` segments (copies counted) or in one
/// only are left out.
struct Postings {
    /// Each kept term's number.
    numbers: HashMap<u64, u32>,
    /// Term number `k`'s lists are `holders[starts[k]..starts[k + 1]]`.
    starts: Vec<usize>,
    holders: Vec<u32>,
}

impl Postings {
    fn of(&self, term: u64) -> Option<&[u32]> {
        let k = *self.numbers.get(&term)? as usize;
        Some(&self.holders[self.starts[k]..self.starts[k + 1]])
    }
}

/// Every (term, list) occurrence sorted (in parallel), then each term's run
/// kept or dropped as a whole: a hash map of growing lists, filled on one
/// core, took as long as the search itself.
fn build_postings(distinct: &Distinct, lists: &[&[u64]], params: IndexParams) -> Postings {
    let mut occurrences: Vec<(u64, u32)> = lists
        .par_iter()
        .enumerate()
        .flat_map_iter(|(d, list)| {
            let d = to_u32(d);
            list.iter().map(move |&term| (term, d))
        })
        .collect();
    occurrences.par_sort_unstable();
    let mut postings = Postings {
        numbers: HashMap::default(),
        starts: vec![0],
        holders: Vec::new(),
    };
    // A list with fewer terms than a pair needs can pair with none: it
    // counts towards its terms' frequency but holds no posting.
    let can_pair = |d: u32| lists[d as usize].len() >= params.min_shared;
    for run in occurrences.chunk_by(|x, y| x.0 == y.0) {
        let segments: usize = run.iter().map(|&(_, d)| distinct.members(d).len()).sum();
        if segments > 1 && segments <= params.max_df {
            let number = to_u32(postings.starts.len() - 1);
            postings.numbers.insert(run[0].0, number);
            postings
                .holders
                .extend(run.iter().map(|&(_, d)| d).filter(|&d| can_pair(d)));
            postings.starts.push(postings.holders.len());
        }
    }
    postings
}

/// The distinct lists from `d` on sharing enough of `d`'s terms, ascending.
fn related_above(
    d: usize,
    context: &Context<'_>,
    counts: &mut [u16],
    touched: &mut Vec<u32>,
) -> Vec<u32> {
    let terms = context.lists[d];
    if terms.len() < context.params.min_shared {
        return Vec::new();
    }
    for &term in terms {
        let Some(holders) = context.postings.of(term) else {
            continue;
        };
        // Holders are ascending: skip to the lists from d on.
        let start = holders.partition_point(|&e| (e as usize) < d);
        for &e in &holders[start..] {
            let count = &mut counts[e as usize];
            if *count == 0 {
                touched.push(e);
            }
            *count = count.saturating_add(1);
        }
    }
    let mut out = Vec::new();
    let needed = context.params.min_shared.max(1);
    for &e in touched.iter() {
        if usize::from(counts[e as usize]) >= needed {
            out.push(e);
        }
        counts[e as usize] = 0;
    }
    touched.clear();
    out
}

/// Segment `i`'s pairs with the later segments of other groups whose term
/// lists are related to its own, sorted.
fn pairs_of(
    i: usize,
    distinct: &Distinct,
    related: &[Vec<u32>],
    groups: &[u32],
) -> Vec<(u32, u32)> {
    let i32 = to_u32(i);
    let group = groups[i];
    let mut out = Vec::new();
    for &e in &related[distinct.of()[i] as usize] {
        let members = distinct.members(e);
        let later = members.partition_point(|&j| j <= i32);
        out.extend(
            members[later..]
                .iter()
                .filter(|&&j| groups[j as usize] != group)
                .map(|&j| (i32, j)),
        );
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy as _;

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

    /// Every pair of segments from different groups sharing enough terms
    /// that no more than `max_df` segments have: the definition, pair by pair.
    fn candidate_pairs_by_definition(
        entries: &[Entry<'_>],
        params: IndexParams,
    ) -> Vec<(u32, u32)> {
        let mut df: HashMap<u64, usize> = HashMap::default();
        for entry in entries {
            for &term in entry.terms {
                *df.entry(term).or_default() += 1;
            }
        }
        let kept = |term: &u64| (2..=params.max_df).contains(&df[term]);
        let mut pairs = Vec::new();
        for (i, a) in entries.iter().enumerate() {
            for (j, b) in entries.iter().enumerate().skip(i + 1) {
                let shared = a
                    .terms
                    .iter()
                    .filter(|t| kept(t) && b.terms.contains(t))
                    .count();
                if a.group != b.group && shared >= params.min_shared.max(1) {
                    pairs.push((i as u32, j as u32));
                }
            }
        }
        pairs
    }

    #[test]
    fn repeated_term_lists_pair_as_the_definition_says() {
        // Few term lists over few terms: most segments repeat another's
        // terms, as copies of a wire story do.
        let list = proptest::collection::btree_set(0u64..6, 0..4)
            .prop_map(|terms| terms.into_iter().collect::<Vec<u64>>());
        let segments = proptest::collection::vec((0u32..4, list), 0..24);
        proptest::proptest!(|(data in segments, max_df in 1usize..8, min_shared in 1usize..3)| {
            let params = IndexParams { max_df, min_shared };
            let entries = entries(&data);
            proptest::prop_assert_eq!(
                candidate_pairs(&entries, params),
                candidate_pairs_by_definition(&entries, params)
            );
        });
    }

    #[test]
    fn a_one_term_segment_needs_two_shared_terms_like_any_other() {
        // Support needs two shared distinctive terms whatever the length:
        // a one-term segment is no candidate, even for a segment that has
        // its term.
        let data = vec![(0, vec![5]), (1, vec![5, 6, 7]), (2, vec![5, 6])];
        assert_eq!(
            candidate_pairs(&entries(&data), IndexParams::default()),
            vec![(1, 2)]
        );
    }
}
