//! `report --watch` (disk IO): a report config → a report now, and again each time
//! something under the sources or annotations folders changes (debounced,
//! so a burst of saves gives one run). Each run's result goes to a callback;
//! the loop ends when the watcher does.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{DebounceEventResult, new_debouncer};

use crate::config::{Config, ReportConfig};
use crate::error::{Error, Result};
use crate::{Outcome, Progress, run_with_progress};

/// Changes closer together than this give one run.
pub const DEBOUNCE: Duration = Duration::from_millis(300);

/// Report, then report again after every change, forever (until the watcher
/// fails). `on_run` gets each run's result.
pub fn watch(
    config: &ReportConfig,
    progress: &dyn Progress,
    mut on_run: impl FnMut(Result<Outcome>),
) -> Result<()> {
    let run = || run_with_progress(&Config::Report(config.clone()), progress);
    // Watch first, then run: a change made during the first run is not missed.
    let (sender, events) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer =
        new_debouncer(DEBOUNCE, sender).map_err(|e| watch_error(&config.sources, &e))?;
    for folder in [&config.sources, &config.annotations] {
        if folder.is_dir() {
            debouncer
                .watcher()
                .watch(folder, RecursiveMode::Recursive)
                .map_err(|e| watch_error(folder, &e))?;
        }
    }
    let out = absolute(&config.out);
    let mut last = fingerprint(config, &out);
    on_run(run());
    for batch in events {
        let relevant = match batch {
            Ok(events) => events.iter().any(|e| is_input_change(&e.path, &out)),
            Err(_) => true, // the watcher lost track: look again rather than miss a change
        };
        // Linux reports a file opened for reading too (the run's own reads):
        // run only when a file was really added, removed or written.
        if !relevant {
            continue;
        }
        let now = fingerprint(config, &out);
        if now != last {
            last = now;
            on_run(run());
        }
    }
    Ok(())
}

/// Every input file with its size and modification time, sorted: what a
/// run depends on, so an unchanged fingerprint needs no new run.
type Fingerprint = Vec<(PathBuf, u64, Option<std::time::SystemTime>)>;

fn fingerprint(config: &ReportConfig, out: &Path) -> Fingerprint {
    let mut files: Fingerprint = [&config.sources, &config.annotations]
        .into_iter()
        .flat_map(|folder| walkdir::WalkDir::new(folder).follow_links(true))
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().is_file() && is_input_change(entry.path(), out))
        .map(|entry| {
            let meta = entry.metadata().ok();
            (
                entry.path().to_path_buf(),
                meta.as_ref().map_or(0, std::fs::Metadata::len),
                meta.and_then(|m| m.modified().ok()),
            )
        })
        .collect();
    files.sort();
    files
}

fn watch_error(folder: &Path, err: &notify_debouncer_mini::notify::Error) -> Error {
    Error::Watch {
        folder: folder.to_path_buf(),
        reason: err.to_string(),
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Changes the tool makes itself (reports written into a watched folder, its
/// own temporary files and the folder a run is built in) must not start
/// another run, or it would never rest.
fn is_input_change(path: &Path, out: &Path) -> bool {
    let own_temporary = path.components().any(|part| {
        part.as_os_str()
            .to_str()
            .is_some_and(|name| name.starts_with(crate::write::OWN_PREFIX))
    });
    !own_temporary && !absolute(path).starts_with(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_writes_are_not_input_changes() {
        let out = absolute(Path::new("reports"));
        assert!(is_input_change(Path::new("sources/a.md"), &out));
        assert!(!is_input_change(Path::new("reports/index.md"), &out));
        assert!(!is_input_change(
            Path::new("annotations/.corroborate-x1"),
            &out
        ));
        assert!(!is_input_change(
            Path::new(".corroborate-staging-reports/sources/a.md"),
            &out
        ));
    }
}
