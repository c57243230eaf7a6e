//! A run killed (SIGKILL) at any moment leaves the previous reports and every
//! annotation file whole, and two runs at once leave one run's reports
//! (tests/it/swap.rs checks, file for file, that the folder is one run's).

#![cfg(unix)]

use std::time::{Duration, Instant};

use crate::common::Workspace;

/// Seed sentences, shuffled into many articles: a run long enough to be
/// killed in the middle.
fn big_corpus(workspace: &Workspace) {
    let sentences: Vec<String> = std::fs::read_dir(crate::common::bundled_sources())
        .expect("seeds")
        .filter_map(|e| std::fs::read_to_string(e.expect("entry").path()).ok())
        .flat_map(|text| {
            text.split(". ")
                .map(|s| s.trim().replace('\n', " "))
                .filter(|s| s.len() > 40)
                .collect::<Vec<_>>()
        })
        .collect();
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    for article in 0..120 {
        let body: Vec<&str> = (0..12)
            .map(|_| sentences[next(sentences.len())].as_str())
            .collect();
        workspace.write_source(
            &format!("a{article:03}.md"),
            format!("{}.\n", body.join(".\n\n")),
        );
    }
}

/// Every report file is whole: report.json parses, and every page (Markdown
/// and HTML) is there and ends as a page does.
fn assert_reports_whole(workspace: &Workspace, round: usize) {
    let json =
        std::fs::read_to_string(workspace.reports().join("report.json")).expect("report.json");
    let parsed: serde_json::Value = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("round {round}: report.json does not parse: {e}"));
    let sources = parsed["sources"].as_array().expect("sources").len();
    let page_count = pages(workspace).len();
    assert!(
        page_count >= sources,
        "round {round}: {page_count} pages for {sources} sources"
    );
    for path in pages(workspace) {
        let text = std::fs::read_to_string(&path).expect("page");
        let whole = if path.extension().is_some_and(|e| e == "html") {
            text.starts_with("<!DOCTYPE html>") && text.ends_with("</html>")
        } else {
            text.starts_with("# ") && text.ends_with('\n')
        };
        assert!(whole, "round {round}: {} is cut", path.display());
    }
}

/// The pages of the last run: a run killed before its rename leaves a
/// temporary file beside them (hidden, `.corroborate-…`), which the next run
/// removes.
fn pages(workspace: &Workspace) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(workspace.reports().join("sources"))
        .expect("pages")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| !is_leftover(path))
        .collect()
}

fn is_leftover(path: &std::path::Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with(".corroborate-"))
}

/// Files killed runs left in `folder`.
fn leftovers(folder: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(folder)
        .expect("folder")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| is_leftover(path))
        .collect()
}

/// The annotation file parses and holds whole entries only.
fn annotation_count(workspace: &Workspace) -> usize {
    let output = workspace.succeed(&["annotate", "list"]);
    String::from_utf8_lossy(&output.stdout).lines().count()
}

#[test]
fn killed_runs_never_leave_a_broken_file() {
    let workspace = Workspace::new();
    big_corpus(&workspace);
    // The first sentence of one article: a quote `annotate add` accepts.
    let first = std::fs::read_to_string(workspace.sources().join("a000.md")).expect("a000");
    let quote = first
        .lines()
        .next()
        .expect("a line")
        .trim_end_matches('.')
        .to_owned();
    let start = Instant::now();
    let status = workspace.spawn(&["report"]).wait().expect("first run");
    let full_run = start.elapsed();
    assert!(status.success());
    assert_reports_whole(&workspace, 0);

    let mut fraction = crate::common::fractions();
    // One add that runs to its end: the quote is accepted.
    let status = workspace
        .spawn(&[
            "annotate", "add", "--source", "a000", "--quote", &quote, "--status", "note", "--id",
            "kill-0", "--file", "k.yaml",
        ])
        .wait()
        .expect("add");
    assert!(status.success());
    let mut added = annotation_count(&workspace);
    assert_eq!(added, 1);
    for round in 1..=6 {
        // Each round changes a source, so the run has pages to replace.
        workspace.write_source(
            &format!("new{round}.md"),
            format!("Round {round}: the talks ended on Sunday in Miami.\n"),
        );
        let mut child = workspace.spawn(&["report"]);
        std::thread::sleep(full_run.mul_f64(fraction()));
        let _ = child.kill();
        let _ = child.wait();
        assert_reports_whole(&workspace, round);

        // And an annotation being added, killed too.
        let id = format!("kill-{round}");
        let mut child = workspace.spawn(&[
            "annotate", "add", "--source", "a000", "--quote", &quote, "--status", "note", "--id",
            &id, "--file", "k.yaml",
        ]);
        std::thread::sleep(Duration::from_millis((fraction() * 300.0) as u64));
        let _ = child.kill();
        let finished = child.wait().expect("wait").success();
        let count = annotation_count(&workspace);
        added += usize::from(finished);
        assert!(
            count == added || count == added + 1,
            "round {round}: {count} entries, {added} adds finished"
        );
        added = count;
    }
    // A run to its end clears what the killed ones left.
    assert!(
        workspace
            .spawn(&["report"])
            .wait()
            .expect("last run")
            .success()
    );
    for folder in [workspace.reports(), workspace.reports().join("sources")] {
        assert_eq!(leftovers(&folder), Vec::<std::path::PathBuf>::new());
    }
    assert_reports_whole(&workspace, 7);
}

#[test]
fn the_next_run_removes_what_a_killed_run_left() {
    let workspace = Workspace::with_seeds();
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "{stderr}");
    let annotations = workspace.path().join("annotations");
    let planted = [
        workspace.reports().join(".corroborate-Ab12Cd"),
        workspace.reports().join("sources/.corroborate-Ef34Gh"),
        annotations.join(".corroborate-Ij56Kl"),
    ];
    for path in &planted {
        std::fs::write(path, "half a file").expect("plant");
    }
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "{stderr}");
    assert!(!planted[0].exists() && !planted[1].exists());
    assert!(
        planted[2].exists(),
        "report leaves the annotations folder alone"
    );
    let quote = "discussed security guarantees for Kyiv";
    workspace.succeed(&[
        "annotate", "add", "--source", "000", "--quote", quote, "--status", "note", "--file",
        "k.yaml",
    ]);
    assert!(!planted[2].exists());
}

/// The source ids report.json lists, and the pages in reports/sources/.
fn listed_and_paged(workspace: &Workspace) -> (Vec<String>, Vec<String>) {
    let mut listed = workspace.reported_source_ids();
    listed.sort();
    let mut paged: Vec<String> = std::fs::read_dir(workspace.reports().join("sources"))
        .expect("source pages")
        .filter_map(|e| {
            let path = e.expect("entry").path();
            let stem = path.file_stem()?.to_string_lossy().into_owned();
            (path.extension()? == "md").then_some(stem)
        })
        .collect();
    paged.sort();
    (listed, paged)
}

#[test]
fn two_runs_at_once_into_one_folder_leave_one_runs_reports() {
    let workspace = Workspace::new();
    big_corpus(&workspace);
    // A second sources folder: a third of the first's articles.
    let fewer = workspace.path().join("fewer");
    std::fs::create_dir_all(&fewer).expect("fewer");
    for entry in std::fs::read_dir(workspace.sources()).expect("sources") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        if name.ends_with("0.md") || name.ends_with("3.md") || name.ends_with("6.md") {
            std::fs::copy(&path, fewer.join(&name)).expect("copy");
        }
    }
    for round in 0..20 {
        let runs = [
            workspace.spawn(&["report"]),
            workspace.spawn(&["report", "--sources", "fewer"]),
        ];
        for mut run in runs {
            assert!(run.wait().expect("wait").success(), "round {round}");
        }
        let (listed, paged) = listed_and_paged(&workspace);
        assert!(
            listed.len() == 120 || listed.len() == 36,
            "round {round}: {}",
            listed.len()
        );
        assert_eq!(
            listed, paged,
            "round {round}: report.json and the pages are of one run"
        );
        let index = std::fs::read_to_string(workspace.reports().join("index.md")).expect("index");
        assert!(
            index.contains(&format!("{} sources, ", listed.len())),
            "round {round}: index.md is of the same run"
        );
        // The second run compared itself with what the first wrote (not
        // with the report both found before they started), and the two
        // differ in 84 sources.
        let changes =
            std::fs::read_to_string(workspace.reports().join("changes.md")).expect("changes.md");
        assert!(
            changes.contains("## Sources added") || changes.contains("## Sources removed"),
            "round {round}: changes.md is against the other run: {changes}"
        );
    }
}

#[test]
fn no_wait_refuses_a_folder_another_run_is_writing() {
    let workspace = Workspace::with_seeds();
    // What a run writing there holds: the OS lock on the folder that holds
    // the reports folder (the one that stays put when a run is swapped in).
    let held = std::fs::File::open(workspace.path()).expect("open the folder");
    held.lock().expect("lock");
    let output = workspace
        .command(&["report", "--no-wait"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("error: output folder reports is being written by another run"),
        "{stderr}"
    );
    assert!(
        !workspace.reports().join("report.json").exists(),
        "nothing written"
    );
    drop(held);
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "free again: {stderr}");
}
