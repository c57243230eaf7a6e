//! Inputs the fuzz targets (tests/fuzz) once crashed on, kept as regression
//! tests: each file in tests/fuzz/regressions is run through the target named
//! by its file name's first word, with that target's checks.

use std::path::Path;

fn segments_target(data: &[u8]) {
    if let Ok((source, _)) = corroborate::load::parse_source(Path::new("fuzz.md"), data) {
        for segment in corroborate::text::process(&source).segments {
            assert!(
                source.file_text.get(segment.span.clone()).is_some(),
                "span {:?} off a character boundary",
                segment.span
            );
        }
    }
}

#[test]
fn every_crash_found_by_fuzzing_stays_fixed() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz/regressions");
    let mut ran = 0;
    for entry in std::fs::read_dir(folder).expect("regressions folder") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let data = std::fs::read(&path).expect("read");
        match name.split('-').next() {
            Some("segments") => segments_target(&data),
            other => panic!("{name}: no target {other:?}"),
        }
        ran += 1;
    }
    assert!(ran >= 1);
}
