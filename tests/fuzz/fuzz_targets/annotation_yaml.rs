//! Any text as an annotation file: entries and diagnostics, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let (entries, _) = corroborate::annotate::parse_file(std::path::Path::new("fuzz.yaml"), text);
    let _ = corroborate::annotate::parse::duplicate_ids(&entries);
});
