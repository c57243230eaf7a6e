//! Keeping the cache bounded (disk IO): what killed runs left, entries no
//! recent run used, and the cache's size for the run's summary.
//!
//! Use is told by modification time: a run writes the entries it computes
//! and touches those it reads, and records when it started in
//! `.cache/runs`. An entry older than the oldest of the last [`KEPT_RUNS`]
//! starts was used by none of them and is removed. Removing an entry costs
//! speed only, never a report: a run that finds no entry embeds the sentence
//! again, to the same bits.

use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::{FOLDER, entries_folder};

/// Entries used by none of this many runs are removed: an editor who takes a
/// source out and puts it back some runs later, or switches between two
/// folders of sources into one reports folder, keeps its embeddings, while a
/// cache that stories pass through holds no more than ten runs' sentences.
pub(crate) const KEPT_RUNS: usize = 10;

/// Leeway for file system clocks: an entry written just after a run started
/// may carry a time a little before it (Linux stamps files from a coarse
/// clock; FAT keeps two-second steps), and must not count as older.
const CLOCK_SLACK: Duration = Duration::from_secs(2);

/// A temporary entry this old is a killed run's: a live run renames its
/// entries within moments of writing them, and may be writing some now
/// (entries are written before a run takes the output's lock).
const LEFTOVER_AGE: Duration = Duration::from_secs(600);

/// The file recording when the last runs started, in the cache folder.
const RUNS_FILE: &str = "runs";

/// Entries and the room they take on disk.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Size {
    /// Entries (files).
    pub(crate) entries: usize,
    /// Bytes on disk (blocks where the system says, else file lengths).
    pub(crate) bytes: u64,
}

impl Size {
    fn add(self, other: Size) -> Size {
        Size {
            entries: self.entries + other.entries,
            bytes: self.bytes + other.bytes,
        }
    }

    /// "47,004 entries, 190.35 MiB".
    pub(crate) fn describe(self) -> String {
        format!(
            "{}, {}",
            crate::plural::count(self.entries, "entry", "entries"),
            indicatif::HumanBytes(self.bytes)
        )
    }
}

/// What a run's upkeep left and removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Upkeep {
    /// The cache after it.
    pub(crate) kept: Size,
    /// Entries none of the last [`KEPT_RUNS`] runs used, removed.
    pub(crate) removed: Size,
}

impl Upkeep {
    /// "cache: 157 entries, 245.31 KiB", and what was removed if anything.
    pub(crate) fn summary(&self) -> String {
        let mut line = format!("cache: {}", self.kept.describe());
        if self.removed.entries > 0 {
            line.push_str(&format!(
                " ({} unused by the last {KEPT_RUNS} runs removed)",
                self.removed.describe()
            ));
        }
        line
    }
}

fn cache_folder(out: &Path) -> PathBuf {
    out.join(FOLDER)
}

fn is_temporary(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.starts_with(crate::write::OWN_PREFIX))
}

fn age(metadata: &std::fs::Metadata) -> Option<Duration> {
    metadata.modified().ok()?.elapsed().ok()
}

/// Remove what runs killed while writing left in the cache folder of `out`:
/// temporary files older than [`LEFTOVER_AGE`], never entries.
pub(crate) fn remove_leftovers(out: &Path) {
    for folder in [cache_folder(out), entries_folder(out)] {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let old = entry
                .metadata()
                .ok()
                .and_then(|m| age(&m))
                .is_some_and(|age| age >= LEFTOVER_AGE);
            if is_temporary(&entry.file_name()) && old {
                // Lost if it fails: the next run tries again.
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// Record that a run which used the cache started at `started`, remove the
/// entries none of the last [`KEPT_RUNS`] runs used, and measure the rest.
/// To be called under the output's lock, after the run's reports are in
/// place. A cache that cannot be kept tidy costs room only, never a report,
/// so failures here are not errors.
pub(crate) fn record_run_and_prune(out: &Path, started: SystemTime) -> Upkeep {
    let runs = record_run(out, started);
    // Only once ten runs are known: before that, every entry is recent.
    let cutoff = (runs.len() >= KEPT_RUNS)
        .then(|| runs.iter().min().copied())
        .flatten()
        .and_then(|oldest| oldest.checked_sub(CLOCK_SLACK));
    let (kept, removed) = sweep(&entries_folder(out), cutoff);
    Upkeep { kept, removed }
}

/// The starts of the last [`KEPT_RUNS`] runs, `started` last, as kept in the
/// runs file (since the Unix epoch; a line that does not read is dropped).
fn record_run(out: &Path, started: SystemTime) -> Vec<SystemTime> {
    let path = cache_folder(out).join(RUNS_FILE);
    let mut runs: Vec<Duration> = std::fs::read_to_string(&path)
        .unwrap_or_default()
        .lines()
        .filter_map(|line| line.trim().parse::<f64>().ok())
        .filter(|seconds| seconds.is_finite() && *seconds >= 0.0)
        .map(Duration::from_secs_f64)
        .collect();
    runs.push(
        started
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap_or_default(),
    );
    let first = runs.len().saturating_sub(KEPT_RUNS);
    let runs = runs.split_off(first);
    let text: String = runs
        .iter()
        .map(|run| format!("{}.{:09}\n", run.as_secs(), run.subsec_nanos()))
        .collect();
    // Lost if it fails: the run is then not counted, which keeps entries
    // longer, never shorter.
    if std::fs::create_dir_all(cache_folder(out)).is_ok() {
        let _ = crate::write::write_atomic(&path, text.as_bytes());
    }
    runs.into_iter()
        .map(|run| SystemTime::UNIX_EPOCH + run)
        .collect()
}

/// Walk the entries' folders: remove entries last used before `cutoff`
/// (when there is one), and measure those kept and those removed.
fn sweep(entries: &Path, cutoff: Option<SystemTime>) -> (Size, Size) {
    let Ok(folders) = std::fs::read_dir(entries) else {
        return (Size::default(), Size::default());
    };
    let folders: Vec<PathBuf> = folders.flatten().map(|f| f.path()).collect();
    folders
        .par_iter()
        .map(|folder| sweep_folder(folder, cutoff))
        .reduce(
            || (Size::default(), Size::default()),
            |a, b| (a.0.add(b.0), a.1.add(b.1)),
        )
}

fn sweep_folder(folder: &Path, cutoff: Option<SystemTime>) -> (Size, Size) {
    let (mut kept, mut removed) = (Size::default(), Size::default());
    let Ok(files) = std::fs::read_dir(folder) else {
        return (kept, removed);
    };
    for file in files.flatten() {
        let Ok(metadata) = file.metadata() else {
            continue;
        };
        if !metadata.is_file() || is_temporary(&file.file_name()) {
            continue;
        }
        let size = Size {
            entries: 1,
            bytes: bytes_on_disk(&metadata),
        };
        let unused = cutoff.is_some_and(|cutoff| {
            metadata
                .modified()
                .is_ok_and(|last_used| last_used < cutoff)
        });
        if unused && std::fs::remove_file(file.path()).is_ok() {
            removed = removed.add(size);
        } else {
            kept = kept.add(size);
        }
    }
    (kept, removed)
}

#[cfg(unix)]
fn bytes_on_disk(metadata: &std::fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt as _;
    // st_blocks counts 512-byte units whatever the file system's block size.
    metadata.blocks() * 512
}

#[cfg(not(unix))]
fn bytes_on_disk(metadata: &std::fs::Metadata) -> u64 {
    metadata.len()
}

/// Remove the cache of `out` (`corroborate cache clear`); what it held, or
/// `None` when there was none. The caller holds the output's lock.
pub(crate) fn clear(out: &Path) -> std::io::Result<Option<Size>> {
    let folder = cache_folder(out);
    if !folder.is_dir() {
        return Ok(None);
    }
    let (size, _) = sweep(&entries_folder(out), None);
    std::fs::remove_dir_all(&folder)?;
    Ok(Some(size))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(out: &Path, name: &str, last_used: SystemTime) {
        let folder = entries_folder(out).join(&name[..2]);
        std::fs::create_dir_all(&folder).expect("test fixture");
        let path = folder.join(name);
        // Written, not `set_len`: a sparse file takes no blocks.
        std::fs::write(&path, [7u8; 1568]).expect("test fixture");
        let file = std::fs::File::options()
            .write(true)
            .open(&path)
            .expect("test fixture");
        file.set_modified(last_used).expect("test fixture");
    }

    fn names(out: &Path) -> Vec<String> {
        let mut names: Vec<String> = walkdir::WalkDir::new(entries_folder(out))
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn entries_stay_until_ten_runs_have_passed_without_them() {
        let dir = tempfile::tempdir().expect("test fixture");
        let out = dir.path();
        let day = Duration::from_secs(86_400);
        let t0 = SystemTime::UNIX_EPOCH + 20_000 * day;
        entry(out, "aa-used-by-run-0", t0);
        // Nine runs, a day apart, that use nothing: nothing is removed yet.
        for run in 0..9u32 {
            let upkeep = record_run_and_prune(out, t0 + run * day);
            assert_eq!(upkeep.removed.entries, 0, "run {run}");
        }
        entry(out, "bb-used-by-run-5", t0 + 5 * day);
        // Run 9: the last ten runs are 0..=9, run 0 among them.
        let upkeep = record_run_and_prune(out, t0 + 9 * day);
        assert_eq!((upkeep.kept.entries, upkeep.removed.entries), (2, 0));
        // Run 10: run 0 has left the last ten; its entry goes, run 5's stays.
        let upkeep = record_run_and_prune(out, t0 + 10 * day);
        assert_eq!((upkeep.kept.entries, upkeep.removed.entries), (1, 1));
        assert_eq!(names(out), ["bb-used-by-run-5"]);
        assert!(upkeep.summary().contains("1 entry"), "{}", upkeep.summary());
        assert!(
            upkeep
                .summary()
                .contains("unused by the last 10 runs removed")
        );
        let runs =
            std::fs::read_to_string(cache_folder(out).join(RUNS_FILE)).expect("test fixture");
        assert_eq!(runs.lines().count(), KEPT_RUNS);
    }

    #[test]
    fn an_entry_stamped_a_moment_before_the_run_started_is_its_own() {
        let dir = tempfile::tempdir().expect("test fixture");
        let out = dir.path();
        let start = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        for run in 0..KEPT_RUNS as u64 {
            record_run_and_prune(out, start + Duration::from_secs(run));
        }
        // Stamped 5 ms before the oldest of the last ten runs' starts.
        entry(out, "cc-coarse-clock", start - Duration::from_millis(5));
        let upkeep = record_run_and_prune(out, start + Duration::from_secs(10));
        // The oldest of the last ten is now start + 1 s; within the slack.
        assert_eq!(upkeep.removed.entries, 0);
    }

    #[test]
    fn a_damaged_runs_file_keeps_entries_longer_never_shorter() {
        let dir = tempfile::tempdir().expect("test fixture");
        let out = dir.path();
        std::fs::create_dir_all(cache_folder(out)).expect("test fixture");
        std::fs::write(cache_folder(out).join(RUNS_FILE), "garbage\n\u{0}\n-5\n")
            .expect("test fixture");
        entry(
            out,
            "dd-old",
            SystemTime::UNIX_EPOCH + Duration::from_secs(1),
        );
        let upkeep = record_run_and_prune(out, SystemTime::now());
        assert_eq!((upkeep.kept.entries, upkeep.removed.entries), (1, 0));
    }

    #[test]
    fn clear_removes_the_cache_and_says_what_it_held() {
        let dir = tempfile::tempdir().expect("test fixture");
        let out = dir.path();
        assert_eq!(clear(out).expect("test fixture"), None);
        entry(out, "ee-one", SystemTime::now());
        entry(out, "ff-two", SystemTime::now());
        let held = clear(out).expect("clear").expect("a cache");
        assert_eq!(held.entries, 2);
        assert!(held.bytes >= 2 * 1568, "{held:?}");
        assert!(!cache_folder(out).exists());
    }
}
