//! Editor annotations on the seeds: added through the CLI, re-anchored after
//! edits to the article (anchored, moved, text_changed, orphaned), never lost,
//! and bad annotation files reported with file, line and column.

use std::path::{Path, PathBuf};

use crate::common::Workspace;
use serde_json::Value;

/// 000's MIGA sentence, typed with a plain hyphen (the article has U+2011).
const MIGA: &str = "Risk-mitigation insurance provided by the Multilateral Investment Guarantee Agency (MIGA) to lower investor exposure.";
/// The same sentence as the article spells it.
const MIGA_AS_WRITTEN: &str = "Risk‑mitigation insurance provided by the Multilateral Investment Guarantee Agency (MIGA) to lower investor exposure.";

fn source_000(workspace: &Workspace) -> PathBuf {
    workspace.sources().join("000_4bc129cc693b2b42.md")
}

fn edit_000(workspace: &Workspace, original: &str, from: &str, to: &str) {
    assert!(original.contains(from), "seed text changed: {from:?}");
    std::fs::write(source_000(workspace), original.replacen(from, to, 1)).expect("edit");
}

/// Run `report` and return (exit code, stderr, the one annotation in report.json).
fn report_annotation(workspace: &Workspace) -> (i32, String, Value) {
    let (code, stderr) = workspace.report();
    let report = workspace.report_json();
    let annotations = report["annotations"].as_array().expect("annotations");
    assert_eq!(annotations.len(), 1, "{annotations:?}");
    (code, stderr, annotations[0].clone())
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("read")
}

/// `corroborate annotate <args>` in the workspace: (exit code, stdout, stderr).
fn annotate(workspace: &Workspace, args: &[&str]) -> (i32, String, String) {
    let output = workspace
        .command(&[&["annotate"], args].concat())
        .output()
        .expect("run");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// `annotate add --source 000 --quote <quote> --status <status> <more>`.
fn add(workspace: &Workspace, quote: &str, status: &str, more: &[&str]) -> (i32, String, String) {
    let args = [
        &[
            "add", "--source", "000", "--quote", quote, "--status", status,
        ],
        more,
    ]
    .concat();
    annotate(workspace, &args)
}

fn add_miga(workspace: &Workspace) -> (i32, String, String) {
    let note = "No other outlet mentions a MIGA scheme.";
    add(
        workspace,
        MIGA,
        "disputed",
        &["--note", note, "--author", "Desk"],
    )
}

#[test]
fn the_miga_note_survives_every_edit_and_is_never_lost() {
    let workspace = Workspace::with_seeds();
    let (code, _, stderr) = add_miga(&workspace);
    assert_eq!(code, 0, "{stderr}");
    let file = workspace.path().join("annotations/000.yaml");
    let written = read(&file);
    assert!(
        written.contains("status: disputed") && written.contains("line: 85"),
        "{written}"
    );

    let (code, _, annotation) = report_annotation(&workspace);
    assert_eq!(code, 0);
    assert_eq!(annotation["anchor"], "anchored");
    assert_eq!(annotation["line"], 85);
    assert_eq!(annotation["status"], "disputed");
    let page = read(&workspace.reports().join("sources/000.md"));
    let marked =
        format!("- line 85 · editor **disputed** · tool **single-source**: {MIGA_AS_WRITTEN}");
    assert!(page.contains(&marked), "editor status not shown first");
    assert!(page.contains("Editor: disputed: No other outlet mentions a MIGA scheme."));

    let original = read(&source_000(&workspace));
    // A paragraph inserted above: found with its context, two lines lower.
    edit_000(
        &workspace,
        &original,
        "2. Private‑Sector Incentives",
        "A new paragraph.\n\n2. Private‑Sector Incentives",
    );
    let (_, _, annotation) = report_annotation(&workspace);
    assert!(["anchored", "moved"].contains(&annotation["anchor"].as_str().unwrap_or("")));
    assert_eq!(annotation["line"], 87);

    // One word inside the quote changed: text_changed, with the diff.
    edit_000(
        &workspace,
        &original,
        "insurance provided by",
        "insurance backed by",
    );
    let (code, stderr, annotation) = report_annotation(&workspace);
    assert_eq!(code, 0, "a changed quote is a warning, not an input error");
    assert_eq!(annotation["anchor"], "text_changed");
    assert_eq!(annotation["line"], 85);
    let diff = annotation["diff"]["runs"].to_string();
    assert!(
        diff.contains("provided") && diff.contains("backed"),
        "{diff}"
    );
    assert!(
        stderr.contains("annotations/000.yaml:1: warning: annotation"),
        "{stderr}"
    );
    let index = read(&workspace.reports().join("index.md"));
    assert!(
        index.contains("- **text_changed**: annotation"),
        "index does not list it"
    );
    assert!(
        index.contains("**backed**"),
        "the changed word is not shown"
    );

    // The sentence deleted: orphaned, still in its file and in the report.
    edit_000(
        &workspace,
        &original,
        &format!("  • {MIGA_AS_WRITTEN}\n"),
        "",
    );
    let (_, stderr, annotation) = report_annotation(&workspace);
    assert_eq!(annotation["anchor"], "orphaned");
    assert!(annotation["segment"].is_null());
    assert!(stderr.contains("orphaned"), "{stderr}");
    assert_eq!(read(&file), written, "the annotation file must not change");
    let index = read(&workspace.reports().join("index.md"));
    assert!(
        index.contains(
            "1 annotation: 0 anchored, 0 moved, 0 text_changed, 0 ambiguous, 1 orphaned."
        )
    );
    assert!(index.contains("- **orphaned**: annotation"));
    let (_, listed, _) = annotate(&workspace, &["list"]);
    assert!(
        listed.contains("disputed\t000\t“Risk-mitigation"),
        "{listed}"
    );
}

#[test]
fn add_refuses_ambiguous_and_missing_quotes_and_writes_nothing() {
    let workspace = Workspace::with_seeds();
    let twice = "Multilateral Investment Guarantee Agency (MIGA) to lower investor exposure.";
    let (code, _, stderr) = add(&workspace, twice, "note", &[]);
    assert_eq!(code, 1);
    let listed = ["2 times", "line 40:", "line 85:"];
    assert!(listed.iter().all(|part| stderr.contains(part)), "{stderr}");
    assert!(!workspace.path().join("annotations/000.yaml").exists());

    let (code, _, stderr) = add(
        &workspace,
        "MIGA insurance covers 90 % of losses.",
        "note",
        &[],
    );
    assert_eq!(code, 1);
    assert!(stderr.contains("not in 000"), "{stderr}");

    // The words before it pick one of the two.
    let (code, stdout, stderr) = add(&workspace, twice, "note", &["--prefix", "By the"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("on 000 line 40"), "{stdout}");
}

#[test]
fn quotes_match_across_typography() {
    let workspace = Workspace::with_seeds();
    // The article has curly quotes and a U+2011 hyphen; the quote has neither.
    let quote = "Tax-credit program for U.S. firms investing in Ukrainian reconstruction, mirroring the historic \"Build Back Better\" model.";
    let (code, _, stderr) = add(&workspace, quote, "verified", &[]);
    assert_eq!(code, 0, "{stderr}");
    let (_, _, annotation) = report_annotation(&workspace);
    assert_eq!(annotation["anchor"], "anchored");
    assert_eq!(annotation["line"], 84);
}

#[test]
fn add_appends_and_keeps_what_the_editor_wrote() {
    let workspace = Workspace::with_seeds();
    let file = workspace.path().join("annotations/000.yaml");
    let mine = "# Desk notes on 000, keep this comment\n- id: mine\n  target: {source: \"000\", quote: {exact: \"63\"}}\n  status: note # inline comment\n";
    std::fs::write(&file, mine).expect("write");
    assert_eq!(add_miga(&workspace).0, 0);
    let after = read(&file);
    assert!(
        after.starts_with(mine),
        "the editor's text must stay byte for byte"
    );
    let (_, listed, _) = annotate(&workspace, &["list"]);
    assert_eq!(listed.lines().count(), 2, "{listed}");

    // A file that is not a plain list is never rewritten.
    let map = "notes:\n  - id: x\n";
    std::fs::write(&file, map).expect("write");
    let (code, _, stderr) = add_miga(&workspace);
    assert_eq!(code, 1);
    assert!(stderr.contains("not changed"), "{stderr}");
    assert_eq!(read(&file), map);
}

#[test]
fn bad_annotation_files_are_named_and_the_run_goes_on() {
    let workspace = Workspace::with_seeds();
    let dir = workspace.path().join("annotations");
    let entry = |id: &str, status_key: &str| {
        format!(
            "- id: {id}\n  target:\n    source: \"004\"\n    quote:\n      exact: 63 of which were intercepted\n  {status_key}: needs-check\n"
        )
    };
    std::fs::write(
        dir.join("a.yaml"),
        entry("typo", "stauts") + &entry("good-a", "status"),
    )
    .expect("a");
    std::fs::write(dir.join("b.yaml"), "- id: [broken\n  status: note\n").expect("b");
    std::fs::write(dir.join("c.yaml"), entry("good-c", "status")).expect("c");
    std::fs::write(dir.join("d.yaml"), entry("good-c", "status")).expect("d");
    let (code, stderr) = workspace.report();
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("annotations/a.yaml:6:3: error: unknown field `stauts`"),
        "{stderr}"
    );
    assert!(stderr.contains("annotations/b.yaml:1:"), "{stderr}");
    assert!(
        stderr.contains("annotations/d.yaml:1: error: duplicate annotation id `good-c`"),
        "{stderr}"
    );
    let report = workspace.report_json();
    let ids: Vec<&str> = report["annotations"]
        .as_array()
        .expect("annotations")
        .iter()
        .map(|a| a["id"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(ids, ["good-a", "good-c", "good-c"]);
    let index = read(&workspace.reports().join("index.md"));
    assert!(index.contains("3 annotations: 3 anchored"), "{index}");
    assert!(index.contains("a.yaml"), "input problems name the file");
}

/// `annotate check` output: the state word of each annotation.
fn states(workspace: &Workspace) -> Vec<String> {
    let (_, stdout, _) = annotate(workspace, &["check"]);
    stdout
        .lines()
        .filter_map(|line| line.split('\t').nth(2).map(str::to_owned))
        .collect()
}

fn replace_in(path: &Path, from: &str, to: &str) {
    let text = read(path);
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("edit");
}

#[test]
fn a_changed_figure_never_moves_the_note_to_a_look_alike() {
    // 004 says "Russia fired 82 drones" on line 51 and "Russia launching 82
    // drones" on line 65. Changing 82 on line 51 must not carry the note to 65.
    let workspace = Workspace::with_seeds();
    let args = ["--source", "004", "--prefix", "Russia fired"];
    let (code, _, stderr) = annotate(
        &workspace,
        &[
            &["add", "--quote", "82 drones", "--status", "note"],
            &args[..],
        ]
        .concat(),
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        annotate(&workspace, &["check"]).0,
        0,
        "an intact quote passes the check"
    );
    let source = workspace.sources().join("004_5fbe67d3278080d2.md");
    replace_in(&source, "Russia fired 82 drones", "Russia fired 90 drones");
    assert_eq!(states(&workspace), ["text_changed"]);
    let (code, stdout, stderr) = annotate(&workspace, &["check"]);
    assert!(stdout.contains("004:51"), "{stdout}");
    // A quote that drifted fails the check, so it can guard a repository.
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("check failed: 1 annotation quote is no longer found intact"),
        "{stderr}"
    );

    // 000 has the MIGA words on line 40 too. Annotated on line 85 and edited
    // there, the note is not silently re-attached to line 40.
    let workspace = Workspace::with_seeds();
    let quote = "Multilateral Investment Guarantee Agency (MIGA) to lower investor exposure.";
    let (code, _, stderr) = add(
        &workspace,
        quote,
        "disputed",
        &["--prefix", "insurance provided by the"],
    );
    assert_eq!(code, 0, "{stderr}");
    replace_in(
        &source_000(&workspace),
        "(MIGA) to lower investor exposure.\n\n3.",
        "(MIGA) to raise investor exposure.\n\n3.",
    );
    let state = states(&workspace);
    assert!(
        state == ["text_changed"] || state == ["ambiguous"],
        "{state:?}"
    );
}

#[test]
fn quotes_without_words_are_refused() {
    let workspace = Workspace::with_seeds();
    let (code, _, stderr) = add(
        &workspace,
        ".",
        "note",
        &["--prefix", "toward a Russian settlement"],
    );
    assert_eq!(code, 1);
    assert!(stderr.contains("no letters or digits"), "{stderr}");
}

#[test]
fn appending_keeps_a_byte_order_mark_and_crlf_line_endings() {
    let workspace = Workspace::with_seeds();
    let file = workspace.path().join("annotations/000.yaml");
    let mine = "\u{feff}# notes\r\n- id: mine\r\n  target: {source: \"000\", quote: {exact: \"63\"}}\r\n  status: note\r\n";
    std::fs::write(&file, mine).expect("write");
    assert_eq!(add_miga(&workspace).0, 0);
    let after = read(&file);
    assert!(after.starts_with(mine), "the editor's bytes must stay");
    let appended = &after[mine.len()..];
    assert!(
        !appended.replace("\r\n", "").contains('\n'),
        "mixed line endings: {appended:?}"
    );
    let (_, listed, _) = annotate(&workspace, &["list"]);
    assert_eq!(listed.lines().count(), 2, "{listed}");
}

#[test]
fn editors_adding_at_the_same_time_lose_nothing() {
    let workspace = Workspace::with_seeds();
    let children: Vec<std::process::Child> = (0..8)
        .map(|n| {
            let id = format!("parallel-{n}");
            workspace.spawn(&[
                "annotate",
                "add",
                "--source",
                "000",
                "--quote",
                MIGA,
                "--status",
                "note",
                "--note",
                &id,
                "--id",
                &id,
                "--file",
                "shared.yaml",
            ])
        })
        .collect();
    for mut child in children {
        assert!(child.wait().expect("wait").success());
    }
    let (_, listed, _) = annotate(&workspace, &["list"]);
    assert_eq!(listed.lines().count(), 8, "{listed}");
    assert_eq!(
        folder_entries(&workspace.path().join("annotations")),
        ["shared.yaml"],
        "the lock leaves nothing behind"
    );
}

/// The names in a folder, sorted.
fn folder_entries(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn the_same_annotation_twice_is_refused_naming_the_first() {
    let workspace = Workspace::with_seeds();
    assert_eq!(add_miga(&workspace).0, 0);
    let file = workspace.path().join("annotations/000.yaml");
    let before = read(&file);
    let (code, _, stderr) = add_miga(&workspace);
    assert_eq!(code, 1, "{stderr}");
    let (_, listed, _) = annotate(&workspace, &["list"]);
    let first_id = listed.split('\t').nth(1).expect("an id");
    assert!(
        stderr.contains(&format!(
            "000 already has this annotation: `{first_id}` (annotations/000.yaml:1) marks the same words disputed with the same note; nothing was added"
        )),
        "{stderr}"
    );
    assert_eq!(read(&file), before, "nothing written");
    // The same words typed as the article spells them, with context given: still the same.
    let (code, _, stderr) = add(
        &workspace,
        MIGA_AS_WRITTEN,
        "disputed",
        &[
            "--note",
            "No other outlet mentions a MIGA scheme. ",
            "--prefix",
            "model.",
        ],
    );
    assert_eq!(code, 1, "{stderr}");
    // Another status, or another note, on the same words is a new judgement.
    assert_eq!(add(&workspace, MIGA, "needs-check", &[]).0, 0);
    let (code, _, stderr) = add(&workspace, MIGA, "disputed", &["--note", "Asked MIGA."]);
    assert_eq!(code, 0, "{stderr}");
    let (_, listed, _) = annotate(&workspace, &["list"]);
    assert_eq!(listed.lines().count(), 3, "{listed}");
    assert_eq!(
        folder_entries(&workspace.path().join("annotations")),
        ["000.yaml"]
    );
}

#[test]
fn list_and_check_print_one_json_document() {
    let workspace = Workspace::with_seeds();
    assert_eq!(add_miga(&workspace).0, 0);
    let json = |args: &[&str]| -> Value {
        let (code, stdout, stderr) = annotate(&workspace, args);
        assert_eq!(code, 0, "{stderr}");
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
    };
    let listed = json(&["list", "--format", "json"]);
    let entry = &listed["annotations"][0];
    assert_eq!(entry["file"], "annotations/000.yaml");
    assert_eq!(entry["line"], 1);
    assert_eq!(entry["status"], "disputed");
    assert_eq!(entry["target"]["source"], "000");
    assert_eq!(entry["target"]["quote"]["exact"], MIGA);
    assert_eq!(entry["note"], "No other outlet mentions a MIGA scheme.");
    assert_eq!(listed["annotations"].as_array().map(Vec::len), Some(1));

    let checked = json(&["check", "--format", "json"]);
    assert_eq!(checked["not_intact"], 0);
    assert_eq!(checked["annotations"][0]["anchor"], "anchored");
    assert_eq!(checked["annotations"][0]["line"], 85);

    let original = read(&source_000(&workspace));
    edit_000(
        &workspace,
        &original,
        MIGA_AS_WRITTEN,
        "Insurance by the World Bank.",
    );
    let (code, stdout, _) = annotate(&workspace, &["check", "--format", "json"]);
    assert_eq!(code, 1, "a quote no longer intact fails the check");
    let checked: Value = serde_json::from_str(&stdout).expect("still one JSON document");
    assert_eq!(checked["not_intact"], 1);
    assert_ne!(checked["annotations"][0]["anchor"], "anchored");
}

mod property {
    //! Random edits to a seed article never lose an annotation and never
    //! anchor a quote to text whose words (digits, names) differ.

    use super::*;
    use corroborate::annotate::add::{AddRequest, add};
    use corroborate::annotate::anchor::{anchor_all, words};
    use corroborate::annotate::{AnchorState, Entry, Origin, Status};
    use corroborate::load::parse_source;
    use corroborate::model::{Segment, SegmentKind};
    use proptest::prelude::*;

    const VOCABULARY: &[&str] = &[
        "the",
        "said",
        "47",
        "63",
        "Kushner",
        "Miami",
        "drones",
        "talks",
        "on",
        "Saturday",
        "2025",
        "$50",
        "billion",
        "MIGA",
        "insurance",
        "Witkoff",
        "by",
        "provided",
    ];

    #[derive(Debug, Clone)]
    enum Edit {
        Insert { at: usize, words: Vec<usize> },
        Delete { at: usize },
        ReplaceWord { at: usize, word: usize, with: usize },
        Duplicate { from: usize, to: usize },
        Swap { a: usize, b: usize },
    }

    fn edit() -> impl Strategy<Value = Edit> {
        let index = 0..1000usize;
        prop_oneof![
            (
                index.clone(),
                prop::collection::vec(0..VOCABULARY.len(), 1..12)
            )
                .prop_map(|(at, words)| Edit::Insert { at, words }),
            index.clone().prop_map(|at| Edit::Delete { at }),
            (index.clone(), 0..40usize, 0..VOCABULARY.len())
                .prop_map(|(at, word, with)| Edit::ReplaceWord { at, word, with }),
            (index.clone(), index.clone()).prop_map(|(from, to)| Edit::Duplicate { from, to }),
            (index.clone(), index).prop_map(|(a, b)| Edit::Swap { a, b }),
        ]
    }

    /// A body line and the original line it is a verbatim copy of, if any.
    type Line = (String, Option<usize>);

    fn apply(lines: &mut Vec<Line>, edit: &Edit) {
        let n = lines.len();
        if n == 0 {
            return;
        }
        match edit {
            Edit::Insert { at, words } => {
                let text: Vec<&str> = words.iter().map(|&w| VOCABULARY[w]).collect();
                lines.insert(at % (n + 1), (text.join(" "), None));
            }
            Edit::Delete { at } => {
                lines.remove(at % n);
            }
            Edit::ReplaceWord { at, word, with } => {
                let line = &mut lines[at % n];
                let mut words: Vec<String> = line.0.split(' ').map(str::to_owned).collect();
                let k = word % words.len();
                if words[k] != VOCABULARY[*with] {
                    words[k] = VOCABULARY[*with].to_owned();
                    *line = (words.join(" "), None);
                }
            }
            Edit::Duplicate { from, to } => {
                let copy = lines[from % n].clone();
                lines.insert(to % (n + 1), copy);
            }
            Edit::Swap { a, b } => lines.swap(a % n, b % n),
        }
    }

    fn segments_of(text: &str) -> Vec<Segment> {
        match parse_source(Path::new("000.md"), text.as_bytes()) {
            Ok((source, _)) => corroborate::text::process(&source).segments,
            Err(_) => Vec::new(), // every line deleted: the source is gone
        }
    }

    /// Does the quote stand word for word in the text starting at `segment`?
    fn stands_at(segments: &[Segment], segment: usize, quote: &[String]) -> bool {
        let first = words(&segments[segment].text).len();
        let stream: Vec<String> = segments[segment..]
            .iter()
            .take(8)
            .flat_map(|s| words(&s.text))
            .collect();
        (0..first).any(|start| stream.get(start..start + quote.len()) == Some(quote))
    }

    struct Fixture {
        front: String,
        body: Vec<String>,
        entries: Vec<Entry>,
        /// For each entry, the body line its quote is on.
        quote_lines: Vec<usize>,
    }

    fn fixture() -> Fixture {
        let text = std::fs::read_to_string(
            crate::common::bundled_sources().join("000_4bc129cc693b2b42.md"),
        )
        .expect("seed");
        let (source, _) = parse_source(Path::new("000.md"), text.as_bytes()).expect("parse");
        let front = text[..source.body_start].to_owned();
        let front_lines = front.lines().count();
        let body: Vec<String> = text[source.body_start..]
            .lines()
            .map(str::to_owned)
            .collect();
        let segments = corroborate::text::process(&source).segments;
        let mut entries = Vec::new();
        let mut quote_lines = Vec::new();
        let sentences = segments
            .iter()
            .filter(|s| s.kind == SegmentKind::Sentence && s.text.split(' ').count() >= 6);
        for (i, segment) in sentences.step_by(3).enumerate() {
            let request = AddRequest {
                source: "000".parse().expect("valid id"),
                exact: segment.text.clone(),
                prefix: String::new(),
                suffix: String::new(),
                status: Status::Disputed,
                note: None,
                author: None,
                id: Some(format!("n{i}")),
                created: Some("2026-11-23".to_owned()),
            };
            let Ok((annotation, _)) = add(&request, &segments, "p.yaml", "", &entries) else {
                continue; // a sentence that repeats verbatim: `add` refuses it
            };
            let origin = Origin {
                file: "p.yaml".into(),
                line: i as u64 + 1,
            };
            entries.push(Entry { annotation, origin });
            quote_lines.push(segment.line as usize - front_lines - 1);
        }
        assert!(entries.len() >= 8, "too few annotations: {}", entries.len());
        Fixture {
            front,
            body,
            entries,
            quote_lines,
        }
    }

    static FIXTURE: std::sync::LazyLock<Fixture> = std::sync::LazyLock::new(fixture);

    proptest! {
        // The regressions file sits beside this one (annotations.proptest-regressions):
        // proptest's default would look for tests/proptest-regressions/annotations.txt,
        // as tests/it has a main.rs. 96 cases unless PROPTEST_CASES says (README
        // gives a 3,000-case run); a plain `cases: 96` would ignore the variable.
        #![proptest_config(ProptestConfig {
            cases: std::env::var("PROPTEST_CASES")
                .ok()
                .and_then(|cases| cases.parse().ok())
                .unwrap_or(96),
            failure_persistence: Some(Box::new(
                proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"),
            )),
            ..ProptestConfig::default()
        })]

        #[test]
        fn random_edits_never_lose_or_misplace_an_annotation(
            edits in prop::collection::vec(edit(), 1..10)
        ) {
            let fixture = &*FIXTURE;
            let mut lines: Vec<Line> = fixture
                .body
                .iter()
                .enumerate()
                .map(|(i, line)| (line.clone(), Some(i)))
                .collect();
            for edit in &edits {
                apply(&mut lines, edit);
            }
            let body: Vec<&str> = lines.iter().map(|(text, _)| text.as_str()).collect();
            let text = format!("{}{}\n", fixture.front, body.join("\n"));
            let segments = segments_of(&text);
            let anchors = anchor_all(&fixture.entries, &segments);
            let line_words: Vec<Vec<String>> = lines.iter().map(|(text, _)| words(text)).collect();

            let counts: usize = AnchorState::ALL
                .iter()
                .map(|&state| anchors.iter().filter(|a| a.state == state).count())
                .sum();
            prop_assert_eq!(counts, fixture.entries.len());

            for ((entry, anchor), &quote_line) in
                fixture.entries.iter().zip(&anchors).zip(&fixture.quote_lines)
            {
                let quote = words(&entry.annotation.target.quote.exact);
                let found = anchor.segment.as_ref().map(|id| {
                    segments.iter().position(|s| &s.id == id).expect("anchored to a real segment")
                });
                match anchor.state {
                    AnchorState::Anchored | AnchorState::Moved => {
                        let at = found.expect("a found quote has a segment");
                        prop_assert!(
                            stands_at(&segments, at, &quote),
                            "{:?} to text that differs: {:?}",
                            anchor.state,
                            segments[at].text
                        );
                    }
                    AnchorState::TextChanged => {
                        prop_assert!(found.is_some());
                        let now = words(anchor.found.as_deref().unwrap_or_default());
                        prop_assert_ne!(&now, &quote, "text_changed must show a change");
                    }
                    AnchorState::Ambiguous | AnchorState::Orphaned => {}
                }
                // Its line untouched and not copied: the note must not get lost.
                let copies = lines.iter().filter(|(_, from)| *from == Some(quote_line)).count();
                let quote_elsewhere = lines
                    .iter()
                    .zip(&line_words)
                    .filter(|((_, from), _)| *from != Some(quote_line))
                    .any(|(_, words)| words.windows(quote.len()).any(|w| w == quote.as_slice()));
                if copies == 1 && !quote_elsewhere {
                    // Never lost: found, or the editor is asked with its
                    // true place among the candidates (when a look-alike now
                    // stands where it was).
                    let at = lines.iter().position(|(_, from)| *from == Some(quote_line));
                    let line_now = at.map(|k| (fixture.front.lines().count() + k + 1) as u32);
                    let found = matches!(anchor.state, AnchorState::Anchored | AnchorState::Moved);
                    let asked = anchor.state == AnchorState::Ambiguous
                        && line_now.is_some_and(|line| anchor.candidates.contains(&line));
                    prop_assert!(
                        found || asked,
                        "untouched sentence lost: {:?} {}",
                        anchor.state,
                        anchor.reason
                    );
                }
            }
        }
    }
}

#[test]
fn an_unknown_source_id_is_an_error_everywhere_naming_the_known_ones() {
    let workspace = Workspace::with_seeds();
    for args in [&["list", "999"][..], &["check", "999"][..]] {
        let (code, stdout, stderr) = annotate(&workspace, args);
        assert_eq!(code, 1, "{args:?}: {stderr}");
        assert!(stdout.is_empty(), "{stdout}");
        assert!(
            stderr.contains("no source `999` in")
                && stderr.contains("(there are: 000, 001, 002, 003, 004)"),
            "{args:?}: {stderr}"
        );
    }
    let (code, _, stderr) = annotate(&workspace, &["list", "004"]);
    assert_eq!(
        code, 0,
        "a known source with no annotations lists nothing: {stderr}"
    );
}

#[test]
fn a_missing_default_annotations_folder_is_no_warning_but_a_named_one_is() {
    let workspace = Workspace::with_seeds();
    std::fs::remove_dir(workspace.path().join("annotations")).expect("empty folder");
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    let output = workspace
        .command(&["report", "--annotations", "anotations"])
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("anotations: warning: annotations folder not found"),
        "a misspelt folder is named: {stderr}"
    );
}
