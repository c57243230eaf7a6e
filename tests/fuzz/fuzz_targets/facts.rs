//! Any sentence: fact extraction, with and without a publication day.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = corroborate::facts::extract(text, None);
    let _ = corroborate::facts::extract(text, Some(jiff::civil::date(2025, 12, 22)));
});
