//! The embedding cache under `reports/.cache/`: a run that reads it gives, byte
//! for byte, the reports of a run without it, whatever ran before; a damaged
//! entry is named, recomputed and replaced; a run killed while writing it
//! leaves a cache the next run can use; entries no recent run used are
//! pruned, and `cache clear` removes it.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::Workspace;

/// Every report file (the cache left out) → a hash of its bytes.
fn reports(folder: &Path) -> BTreeMap<String, blake3::Hash> {
    walkdir::WalkDir::new(folder)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.file_name() != ".cache")
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let name = e.path().strip_prefix(folder).expect("inside");
            let bytes = std::fs::read(e.path()).expect("read");
            (name.to_string_lossy().into_owned(), blake3::hash(&bytes))
        })
        .collect()
}

fn entries(workspace: &Workspace) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(workspace.reports().join(".cache/embeddings"))
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().to_path_buf())
        .collect()
}

fn report(workspace: &Workspace, args: &[&str]) -> String {
    let output = workspace.command(args).output().expect("run");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    stderr
}

/// The sources of a workspace, as file name → text.
fn sources(workspace: &Workspace) -> BTreeMap<String, String> {
    std::fs::read_dir(workspace.sources())
        .expect("sources")
        .map(|e| e.expect("entry").path())
        .map(|p| {
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).expect("read"))
        })
        .collect()
}

fn set_sources(workspace: &Workspace, wanted: &BTreeMap<String, String>) {
    for name in sources(workspace).keys() {
        if !wanted.contains_key(name) {
            std::fs::remove_file(workspace.sources().join(name)).expect("remove");
        }
    }
    for (name, text) in wanted {
        workspace.write_source(name, text);
    }
}

#[test]
fn a_warm_cache_gives_the_reports_of_a_run_without_it_after_any_changes() {
    let cached = Workspace::with_seeds().with_default_matcher();
    let clean = Workspace::with_seeds().with_default_matcher();
    let mut corpus = sources(&cached);
    let seeds: Vec<String> = corpus.keys().cloned().collect();
    let mut fraction = crate::common::fractions();
    for step in 0..4 {
        // Add a source, edit one, remove one: whichever the sequence says.
        match (fraction() * 3.0) as usize {
            0 => {
                corpus.insert(
                    format!("new{step}.md"),
                    format!("Officials met in Miami on day {step} of the talks, the envoy said.\n"),
                );
            }
            1 => {
                let name = &seeds[(fraction() * seeds.len() as f64) as usize];
                if let Some(text) = corpus.get_mut(name) {
                    text.push_str("\nThe delegations agreed to meet again in Geneva next week.\n");
                }
            }
            _ => {
                let name = &seeds[(fraction() * seeds.len() as f64) as usize];
                corpus.remove(name);
            }
        }
        set_sources(&cached, &corpus);
        set_sources(&clean, &corpus);
        let said = report(&cached, &["report"]);
        // Both sides ran the same steps, so their changes.md compare alike.
        report(&clean, &["report", "--no-cache"]);
        assert_eq!(
            reports(&cached.reports()),
            reports(&clean.reports()),
            "step {step}: {said}"
        );
        // From the second run on, the cache survived the last run's swap into place.
        assert!(
            said.contains(" from the cache, ")
                && (step == 0 || !said.contains(" 0 from the cache")),
            "step {step}: {said}"
        );
    }
    assert!(!entries(&cached).is_empty());
    assert!(
        !clean.reports().join(".cache").exists(),
        "--no-cache writes no cache"
    );
}

#[test]
fn a_damaged_entry_is_named_recomputed_and_replaced() {
    let workspace = Workspace::with_seeds().with_default_matcher();
    report(&workspace, &["report"]);
    // A second run, so that changes.md stands as it will after the third.
    report(&workspace, &["report"]);
    let before = reports(&workspace.reports());
    let entries = entries(&workspace);
    let damaged = &entries[entries.len() / 2];
    let bytes = std::fs::read(damaged).expect("read");
    std::fs::write(damaged, &bytes[..bytes.len() - 7]).expect("truncate");
    let said = report(&workspace, &["report"]);
    assert!(
        said.contains("damaged cache entry (wrong length or checksum): recomputed")
            && said.contains(
                &damaged
                    .file_name()
                    .expect("name")
                    .to_string_lossy()
                    .into_owned()
            )
            && said.contains("156 from the cache, 1 computed"),
        "{said}"
    );
    assert_eq!(std::fs::read(damaged).expect("repaired"), bytes);
    assert_eq!(reports(&workspace.reports()), before, "same reports");
}

#[cfg(unix)]
#[test]
fn runs_killed_while_filling_the_cache_leave_one_the_next_run_can_use() {
    let workspace = Workspace::with_seeds().with_default_matcher();
    let clean = Workspace::with_seeds().with_default_matcher();
    report(&clean, &["report", "--no-cache"]);
    let start = std::time::Instant::now();
    report(&workspace, &["report", "--no-cache"]);
    let full_run = start.elapsed();
    std::fs::remove_dir_all(workspace.reports()).expect("start over");
    let mut fraction = crate::common::fractions();
    for _ in 0..4 {
        let mut child = workspace.spawn(&["report"]);
        // Late in the run, where the embeddings are written.
        std::thread::sleep(full_run.mul_f64(0.5 + 0.6 * fraction()));
        let _ = child.kill();
        let _ = child.wait();
    }
    // The reports of the killed runs go; the cache they filled stays.
    for entry in std::fs::read_dir(workspace.reports()).into_iter().flatten() {
        let path = entry.expect("entry").path();
        if path.is_dir() && path.ends_with(".cache") {
            continue;
        }
        if path.is_dir() {
            std::fs::remove_dir_all(&path).expect("remove");
        } else {
            std::fs::remove_file(&path).expect("remove");
        }
    }
    let said = report(&workspace, &["report"]);
    assert!(!said.contains("damaged"), "{said}");
    assert_eq!(reports(&workspace.reports()), reports(&clean.reports()));
    // A temporary entry an hour old is a killed run's and goes; a fresh one
    // may be another run's, writing now, and stays.
    let folder = workspace.reports().join(".cache/embeddings");
    let (stale, fresh) = (
        folder.join(".corroborate-old1"),
        folder.join(".corroborate-new1"),
    );
    for path in [&stale, &fresh] {
        std::fs::write(path, "half an entry").expect("plant");
    }
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .and_then(|f| f.set_modified(an_hour_ago))
        .expect("age it");
    report(&workspace, &["report"]);
    assert!(!stale.exists() && fresh.exists());
}

/// Set the clock of the cache back an hour: the runs it recorded and every
/// entry's last use, as if all of it had happened an hour ago.
fn age_cache_by_an_hour(workspace: &Workspace) {
    let hour = std::time::Duration::from_secs(3600);
    let runs = workspace.reports().join(".cache/runs");
    let aged: String = std::fs::read_to_string(&runs)
        .expect("runs file")
        .lines()
        .map(|line| format!("{}\n", line.parse::<f64>().expect("a time") - 3600.0))
        .collect();
    std::fs::write(&runs, aged).expect("write runs");
    for entry in entries(workspace) {
        let file = std::fs::File::options()
            .write(true)
            .open(&entry)
            .expect("open");
        let modified = file.metadata().and_then(|m| m.modified()).expect("mtime");
        file.set_modified(modified - hour).expect("set mtime");
    }
}

const KEPT_SOURCE: &str = "Officials met in Miami on Sunday to discuss the peace plan.\n\n\
    The envoy said the talks had been productive.\n";
const DROPPED_SOURCE: &str = "A storm closed the port of Odesa for two days.\n\n\
    Grain shipments resumed on Thursday, the ministry said.\n";

#[test]
fn entries_no_run_of_the_last_ten_used_are_pruned_and_clear_removes_the_rest() {
    let workspace = Workspace::new().with_default_matcher();
    workspace.write_source("kept.md", KEPT_SOURCE);
    workspace.write_source("dropped.md", DROPPED_SOURCE);
    let first = report(&workspace, &["report"]);
    assert!(first.contains("cache: "), "{first}");
    let both = entries(&workspace).len();
    // The first run an hour ago; then a source is taken out.
    age_cache_by_an_hour(&workspace);
    std::fs::remove_file(workspace.sources().join("dropped.md")).expect("remove");
    // Runs 2 to 10 (lexical runs between them do not count): run 1 is
    // still among the last ten, so nothing is removed.
    for run in 2..=10 {
        let said = report(&workspace, &["report"]);
        assert!(!said.contains("runs removed"), "run {run}: {said}");
        assert_eq!(entries(&workspace).len(), both, "run {run}");
        report(&workspace, &["report", "--matcher", "lexical"]);
    }
    // Run 11: run 1 has left the last ten; the dropped source's entries go,
    // the kept one's stay (every run touched them).
    let said = report(&workspace, &["report"]);
    assert!(
        said.contains("unused by the last 10 runs removed"),
        "{said}"
    );
    let kept = entries(&workspace).len();
    assert!(0 < kept && kept < both, "{kept} of {both}");
    let before_clear = reports(&workspace.reports());

    let output = workspace.succeed(&["cache", "clear"]);
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains(&format!("removed reports/.cache: {kept} entries")),
        "{said}"
    );
    assert!(!workspace.reports().join(".cache").exists());
    let said = report(&workspace, &["report"]);
    // What was kept is exactly what the kept source needs.
    assert!(
        said.contains(&format!("0 from the cache, {kept} computed")),
        "{said}"
    );
    assert_eq!(reports(&workspace.reports()), before_clear);
    let output = workspace.succeed(&["cache", "clear", "--out", "elsewhere"]);
    assert!(String::from_utf8_lossy(&output.stderr).contains("elsewhere has no cache"));
}
