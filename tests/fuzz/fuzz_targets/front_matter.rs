//! Any bytes as a source file: loads or gives one diagnostic, never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = corroborate::load::parse_source(std::path::Path::new("fuzz.md"), data);
});
