//! Long quotes found again after an edit, in time linear in the text: runs
//! of [`SEED_TOKENS`] tokens the quote shares with the text (seeds) vote for
//! where the quote starts, and the seeds of the best-supported place, taken
//! in order, tell how much of the quote still stands there.
//!
//! Trying every window of the text against the quote, as short quotes are
//! ([`super::anchor`]), costs the square of a long quote's length: a 1 MB
//! quote took 36 s.

use rustc_hash::FxHashMap;
use std::hash::{Hash as _, Hasher as _};
use std::ops::Range;

/// Tokens in a seed: eight tokens in the same order rarely stand twice in
/// one article by chance, and an edit every few sentences still leaves most
/// of a quote's runs of eight intact.
pub(super) const SEED_TOKENS: usize = 8;

/// A run of tokens found more often than this in the text (a refrain, a
/// boilerplate line) says nothing about where the quote is: not a seed.
const MAX_SEED_REPEATS: usize = 4;

/// A place the quote stands, edited: the tokens of the text it spans, and how
/// many of the quote's tokens stand there in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Place {
    pub(super) span: Range<usize>,
    pub(super) shared: usize,
}

impl Place {
    /// Share of the quote's and the place's tokens in common, as
    /// [`crate::text::word_diff::similarity`] counts it.
    pub(super) fn ratio(&self, quote_len: usize) -> f32 {
        let total = quote_len + self.span.len();
        if total == 0 {
            return 0.0;
        }
        (2 * self.shared) as f32 / total as f32
    }
}

/// A shared run: where it starts in the quote and in the text.
#[derive(Debug, Clone, Copy)]
struct Seed {
    in_quote: usize,
    in_text: usize,
}

impl Seed {
    /// Where the quote would start in the text, were this run in place.
    fn diagonal(self) -> isize {
        self.in_text as isize - self.in_quote as isize
    }
}

/// The best place `quote` stands in `text`, and a second one apart from it
/// when that is as good (the text says the quote twice). Empty when the two
/// share no run of [`SEED_TOKENS`] tokens.
pub(super) fn places(quote: &[&str], text: &[&str]) -> Vec<Place> {
    let seeds = seeds(quote, text);
    let Some(best) = best_place(&seeds, quote.len(), text.len()) else {
        return Vec::new();
    };
    let apart: Vec<Seed> = seeds
        .iter()
        .copied()
        .filter(|s| s.in_text + SEED_TOKENS <= best.span.start || s.in_text >= best.span.end)
        .collect();
    let rival = best_place(&apart, quote.len(), text.len())
        .filter(|rival| rival.ratio(quote.len()) >= best.ratio(quote.len()));
    std::iter::once(best).chain(rival).collect()
}

fn run_hash(run: &[&str]) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    run.hash(&mut hasher);
    hasher.finish()
}

/// Every run of the quote found in the text (no more than
/// [`MAX_SEED_REPEATS`] times), sorted by where it puts the quote's start.
fn seeds(quote: &[&str], text: &[&str]) -> Vec<Seed> {
    let mut at: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (start, run) in text.windows(SEED_TOKENS).enumerate() {
        at.entry(run_hash(run)).or_default().push(start);
    }
    let mut seeds: Vec<Seed> = quote
        .windows(SEED_TOKENS)
        .enumerate()
        .filter_map(|(in_quote, run)| {
            let starts = at.get(&run_hash(run))?;
            (starts.len() <= MAX_SEED_REPEATS).then(|| {
                starts
                    .iter()
                    .filter(|&&in_text| text[in_text..in_text + SEED_TOKENS] == *run)
                    .map(move |&in_text| Seed { in_quote, in_text })
            })
        })
        .flatten()
        .collect();
    seeds.sort_by_key(|s| (s.diagonal(), s.in_quote));
    seeds
}

/// The band of start guesses (as wide as a fifth of the quote, the length
/// a quote may gain or lose by edits) holding the most seeds, and the place
/// its seeds cover in order.
fn best_place(seeds: &[Seed], quote_len: usize, text_len: usize) -> Option<Place> {
    let width = (quote_len / 5).max(SEED_TOKENS) as isize;
    let (mut best, mut from) = (0..0, 0);
    for (to, seed) in seeds.iter().enumerate() {
        while seeds[from].diagonal() < seed.diagonal() - width {
            from += 1;
        }
        if to + 1 - from > best.len() {
            best = from..to + 1;
        }
    }
    if best.is_empty() {
        return None;
    }
    let mut band = seeds[best].to_vec();
    band.sort_by_key(|s| (s.in_quote, s.in_text));
    Some(chain(&band, quote_len, text_len))
}

/// Walk the band's seeds in quote order, keeping those that go on forward
/// in the text too: the tokens they cover are shared in order. The place
/// runs from where the first puts the quote's start to where the last puts
/// its end.
fn chain(band: &[Seed], quote_len: usize, text_len: usize) -> Place {
    let mut kept: Vec<Seed> = Vec::new();
    let mut shared = 0;
    for &seed in band {
        let gained = match kept.last() {
            None => SEED_TOKENS,
            // The same run extended, one token further on both sides.
            Some(last) if seed.diagonal() == last.diagonal() && seed.in_quote > last.in_quote => {
                (seed.in_quote - last.in_quote).min(SEED_TOKENS)
            }
            // A run after an edit: clear of the last in both.
            Some(last)
                if seed.in_quote >= last.in_quote + SEED_TOKENS
                    && seed.in_text >= last.in_text + SEED_TOKENS =>
            {
                SEED_TOKENS
            }
            Some(_) => continue,
        };
        shared += gained;
        kept.push(seed);
    }
    let (first, last) = match (kept.first(), kept.last()) {
        (Some(first), Some(last)) => (*first, *last),
        _ => {
            return Place {
                span: 0..0,
                shared: 0,
            };
        }
    };
    let start = first.in_text.saturating_sub(first.in_quote);
    let end = (last.in_text + (quote_len - last.in_quote)).min(text_len);
    Place {
        span: start..end.max(start),
        shared,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sentences of distinct words, as an article's are.
    fn article(sentences: usize) -> Vec<String> {
        (0..sentences)
            .flat_map(|s| (0..12).map(move |w| format!("w{}", (s * 7919 + w * 104_729) % 100_003)))
            .collect()
    }

    fn refs(tokens: &[String]) -> Vec<&str> {
        tokens.iter().map(String::as_str).collect()
    }

    #[test]
    fn a_long_quote_with_a_word_put_in_is_found_whole() {
        let quote = article(400);
        let mut text = vec!["Before".to_owned(); 30];
        let mut edited = quote.clone();
        edited.insert(2_400, "inserted".to_owned());
        text.extend(edited);
        text.extend(vec!["after".to_owned(); 30]);
        let found = places(&refs(&quote), &refs(&text));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].span, 30..30 + quote.len() + 1);
        assert!(found[0].ratio(quote.len()) > 0.99, "{found:?}");
    }

    #[test]
    fn a_quote_said_twice_has_a_rival_and_unrelated_text_none() {
        let quote = article(50);
        let mut text = quote.clone();
        text.extend(vec!["between".to_owned(); 100]);
        text.extend(quote.clone());
        let found = places(&refs(&quote), &refs(&text));
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[1].span.start, quote.len() + 100);
        let other: Vec<String> = (0..1_000).map(|i| format!("x{i}")).collect();
        assert!(places(&refs(&quote), &refs(&other)).is_empty());
    }
}
