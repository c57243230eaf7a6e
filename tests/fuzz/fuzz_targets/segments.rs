//! Any text as an article: Markdown → segments, whose spans lie inside the file.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok((source, _)) = corroborate::load::parse_source(std::path::Path::new("fuzz.md"), data) {
        for segment in corroborate::text::process(&source).segments {
            assert!(segment.span.end <= source.file_text.len());
            assert!(source.file_text.get(segment.span.clone()).is_some(), "span off a char boundary");
        }
    }
});
