//! An article and a quote (split at the first NUL): re-anchoring always gives
//! one state, and a quote found word for word really stands there.
#![no_main]
use libfuzzer_sys::fuzz_target;

use corroborate::annotate::{AnchorState, Quote};

fuzz_target!(|data: &str| {
    let mut parts = data.splitn(4, '\0');
    let (Some(article), Some(exact)) = (parts.next(), parts.next()) else {
        return;
    };
    let prefix = parts.next().unwrap_or_default().to_owned();
    let suffix = parts.next().unwrap_or_default().to_owned();
    let Ok((source, _)) = corroborate::load::parse_source(std::path::Path::new("a.md"), article.as_bytes()) else {
        return;
    };
    let segments = corroborate::text::process(&source).segments;
    let text = corroborate::annotate::anchor::SourceText::new(&segments);
    let quote = Quote { exact: exact.to_owned(), prefix, suffix };
    let anchor = text.anchor(&quote, Some(3));
    if matches!(anchor.state, AnchorState::Anchored | AnchorState::Moved) {
        let words = corroborate::annotate::anchor::words(exact);
        let all: Vec<String> = segments.iter().flat_map(|s| corroborate::annotate::anchor::words(&s.text)).collect();
        assert!(all.windows(words.len().max(1)).any(|w| w == words.as_slice()));
    }
});
