//! The reports folder is, at every moment, wholly one run's: a run is built
//! beside it and swapped in at once, so a kill or a full disk at any moment
//! leaves the last run's reports or the new run's, never a mix, and what a
//! stopped run left beside the folder the next run removes and names.

#![cfg(unix)]
// How the kills fell is printed (seen with --nocapture), as the evaluations print their figures.
#![allow(clippy::print_stderr)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::common::{Workspace, eval_data};

/// Every file under `folder` (hidden ones too) by its path there → a hash of
/// its bytes: two snapshots are equal when the folders hold the same files.
fn snapshot(folder: &Path) -> BTreeMap<String, blake3::Hash> {
    walkdir::WalkDir::new(folder)
        .sort_by_file_name()
        .into_iter()
        .map(|entry| entry.expect("walk"))
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let relative = entry.path().strip_prefix(folder).expect("inside");
            let bytes = std::fs::read(entry.path()).expect("read");
            (
                relative.to_string_lossy().into_owned(),
                blake3::hash(&bytes),
            )
        })
        .collect()
}

/// What runs left beside the reports folder (the staging folder, the last
/// run between the swap and its removal).
fn beside(workspace: &Workspace) -> Vec<String> {
    std::fs::read_dir(workspace.path())
        .expect("workspace")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.starts_with(".corroborate-"))
        .collect()
}

/// A number from the environment, for the long form of a test.
fn knob(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// GVA articles imported as files (every `keep_one_in`th), and a second
/// sources folder, `half`, with every other one of them.
fn gva_workspace(keep_one_in: usize) -> Option<Workspace> {
    let documents = eval_data("gva/documents.jsonl")?;
    let workspace = Workspace::new();
    let documents = documents.to_string_lossy().into_owned();
    let imported = workspace
        .command(&[
            "import",
            "jsonl",
            "-q",
            "--id-field",
            "doc_id",
            "--text-field",
            "content",
            "--title-field",
            "title",
            "--url-field",
            "uri",
            &documents,
        ])
        .output()
        .expect("import");
    assert!(imported.status.code().is_some_and(|c| c <= 2), "import ran");
    let half = workspace.path().join("half");
    std::fs::create_dir_all(&half).expect("half");
    let mut names: Vec<PathBuf> = std::fs::read_dir(workspace.sources())
        .expect("sources")
        .map(|e| e.expect("entry").path())
        .collect();
    names.sort();
    assert!(names.len() > 3000, "GVA imported: {} articles", names.len());
    for (i, path) in names.iter().enumerate() {
        if i % keep_one_in != 0 {
            std::fs::remove_file(path).expect("thin out");
        } else if (i / keep_one_in).is_multiple_of(2) {
            std::fs::copy(path, half.join(path.file_name().expect("name"))).expect("copy");
        }
    }
    Some(workspace)
}

/// The arguments of the two runs that take turns: all the articles, half.
const ALL: &[&str] = &["report", "-q"];
const HALF: &[&str] = &["report", "-q", "--sources", "half"];

fn run_to_end(workspace: &Workspace, args: &[&str]) -> std::time::Duration {
    let start = Instant::now();
    let output = workspace.command(args).output().expect("run");
    assert!(
        output.status.code().is_some_and(|c| c == 0 || c == 2),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    start.elapsed()
}

#[test]
fn runs_killed_at_random_moments_leave_one_runs_reports() {
    // The long form (docs/reliability.md): CORROBORATE_KILL_ROUNDS=50
    // CORROBORATE_KILL_THIN=1 cargo test --release --test it swap
    let rounds = knob("CORROBORATE_KILL_ROUNDS", 10);
    let Some(workspace) = gva_workspace(knob("CORROBORATE_KILL_THIN", 10)) else {
        return;
    };
    let reports = workspace.reports();
    // The two states a run may leave, each against the other as its last
    // run (changes.md compares with the last run).
    run_to_end(&workspace, ALL);
    run_to_end(&workspace, HALF);
    let all_run = run_to_end(&workspace, ALL);
    let all_after_half = snapshot(&reports);
    let full_run = run_to_end(&workspace, HALF).max(all_run);
    let half_after_all = snapshot(&reports);
    assert_ne!(all_after_half, half_after_all);

    let mut fraction = crate::common::fractions();
    let mut now_half = true;
    let (mut kept, mut replaced, mut midway) = (0, 0, 0);
    for round in 0..rounds {
        let (args, now, next) = if now_half {
            (ALL, &half_after_all, &all_after_half)
        } else {
            (HALF, &all_after_half, &half_after_all)
        };
        let mut child = workspace.spawn(args);
        // Every other kill anywhere from the start to a little past the end
        // of a run; the others in its last part, where it writes and swaps
        // (a run that also clears what a killed one left takes longer).
        let when = if round % 2 == 0 {
            1.3 * fraction()
        } else {
            0.6 + 1.4 * fraction()
        };
        std::thread::sleep(full_run.mul_f64(when));
        let _ = child.kill();
        let _ = child.wait();
        let after = snapshot(&reports);
        if &after == next {
            replaced += 1;
            now_half = !now_half;
        } else {
            assert!(
                &after == now,
                "round {round}: the reports folder is neither the last run's nor the new one's \
                 ({} files; the last run had {}, the new one {})",
                after.len(),
                now.len(),
                next.len()
            );
            kept += 1;
        }
        let left = beside(&workspace);
        midway += usize::from(!left.is_empty());
        for name in left {
            assert!(
                name == ".corroborate-staging-reports" || name == ".corroborate-previous-reports",
                "round {round}: {name}"
            );
        }
    }
    assert!(
        kept > 0 && replaced > 0,
        "kills landed before and after the swap: {kept} kept, {replaced} replaced"
    );
    eprintln!(
        "{rounds} kills: {kept} left the last run's reports, {replaced} the new run's; \
         {midway} fell while a run was being built or swapped (a folder left beside)"
    );
    // The next run to its end leaves nothing beside the folder.
    run_to_end(&workspace, if now_half { ALL } else { HALF });
    assert_eq!(beside(&workspace), Vec::<String>::new());
}

/// Run `args` with every file it writes limited to `limit_kib` KiB (the
/// write past it fails as on a full disk, `File too large` instead of
/// `No space left`), as an unprivileged test can.
fn run_on_a_small_disk(workspace: &Workspace, args: &[&str], limit_kib: u64) -> (i32, String) {
    let binary = assert_cmd::cargo::cargo_bin("corroborate");
    let script = format!("trap '' XFSZ; ulimit -f {limit_kib}; exec \"$0\" \"$@\"");
    let output = std::process::Command::new("bash")
        .arg("-c")
        .arg(script)
        .arg(binary)
        .args(args)
        .current_dir(workspace.path())
        .env("CORROBORATE_MATCHER", "lexical")
        .output()
        .expect("run");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The bundled story in a workspace, reported once.
fn seeds_reported() -> Workspace {
    let workspace = Workspace::with_seeds();
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "{stderr}");
    workspace
}

#[test]
fn a_full_disk_leaves_the_last_runs_reports_and_nothing_beside() {
    let workspace = seeds_reported();
    let last = snapshot(&workspace.reports());
    // A sixth source changes every page; the writes fail at a page (4 KiB)
    // or only at the biggest files, report.json and index.html (64 KiB).
    workspace.write_source(
        "sixth.md",
        "The talks in Miami ended on Sunday without a deal, officials said.\n",
    );
    for limit_kib in [4, 64] {
        let (code, stderr) = run_on_a_small_disk(&workspace, &["report"], limit_kib);
        assert_eq!(code, 1, "limit {limit_kib} KiB: {stderr}");
        assert!(
            stderr.contains("File too large")
                && stderr.contains("is left as the last run wrote it"),
            "limit {limit_kib} KiB: {stderr}"
        );
        assert_eq!(
            snapshot(&workspace.reports()),
            last,
            "limit {limit_kib} KiB"
        );
        assert_eq!(beside(&workspace), Vec::<String>::new());
    }
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "room again: {stderr}");
    assert_ne!(snapshot(&workspace.reports()), last);
}

#[test]
fn a_first_run_on_a_full_disk_leaves_no_reports_folder() {
    let workspace = Workspace::with_seeds();
    let (code, stderr) = run_on_a_small_disk(&workspace, &["report"], 4);
    assert_eq!(code, 1, "{stderr}");
    assert!(!workspace.reports().exists(), "no half-written folder");
    assert_eq!(beside(&workspace), Vec::<String>::new());
}

#[test]
fn what_a_stopped_run_left_is_removed_and_named() {
    let workspace = seeds_reported();
    // A run killed while building its folder leaves it half-built.
    let staging = workspace.path().join(".corroborate-staging-reports");
    std::fs::create_dir_all(staging.join("sources")).expect("staging");
    std::fs::write(staging.join("sources/000.md"), "# half a page").expect("write");
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("an interrupted run had been left beside the reports: removed")
            && stderr.contains(".corroborate-staging-reports (1 file)"),
        "{stderr}"
    );
    assert_eq!(beside(&workspace), Vec::<String>::new());
    // Killed between the two renames of a system that cannot exchange
    // folders: the last run is aside and no reports folder stands.
    let reports = workspace.reports();
    let last = snapshot(&reports);
    let previous = workspace.path().join(".corroborate-previous-reports");
    std::fs::rename(&reports, &previous).expect("aside");
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("put the last run back"), "{stderr}");
    assert_eq!(snapshot(&reports), last, "and nothing changed since it");
}

#[test]
fn files_of_the_editors_own_in_the_reports_folder_stay() {
    let workspace = seeds_reported();
    let reports = workspace.reports();
    std::fs::write(reports.join(".gitignore"), ".cache/\n").expect("write");
    std::fs::create_dir_all(reports.join("notes")).expect("notes");
    std::fs::write(reports.join("notes/desk.md"), "call the Kyiv stringer\n").expect("write");
    std::fs::write(
        reports.join("sources/gone.md"),
        "# a page of a source now gone\n",
    )
    .expect("write");
    workspace.write_source("sixth.md", "The talks in Miami ended on Sunday.\n");
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        std::fs::read_to_string(reports.join("notes/desk.md")).expect("kept"),
        "call the Kyiv stringer\n"
    );
    assert!(reports.join(".gitignore").exists());
    assert!(
        !reports.join("sources/gone.md").exists(),
        "the tool's stale page goes"
    );
    assert!(reports.join("sources/sixth.md").exists());
}
