//! Any text: normalisation maps back into the input, sentences lie inside it.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let normalized = corroborate::text::normalize::normalize(text);
    assert_eq!(normalized.origin.len(), normalized.text.len() + 1);
    assert!(normalized.origin.iter().all(|&o| o as usize <= text.len()));
    for range in corroborate::text::segment::sentences(&normalized.text) {
        assert!(normalized.text.get(range).is_some());
    }
});
