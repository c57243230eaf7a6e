//! A whole run swapped in at once (disk IO): the files of a run → an output
//! folder that is, at every moment, wholly the last run's or wholly this one's.
//!
//! The run is written into a staging folder beside the output
//! (`.corroborate-staging-reports`), with every file of the old folder this
//! run does not replace carried over (hard links, so unchanged pages keep
//! their dates and cost no writing); the staging folder is then exchanged
//! with the output in one step (`renameat2(RENAME_EXCHANGE)` on Linux,
//! `renamex_np(RENAME_SWAP)` on macOS) and the old run, now at the staging
//! name, removed. Elsewhere, or on a file system that cannot exchange, two
//! renames do it: for a moment between them the output folder is absent,
//! and a run killed there leaves the last run at the `previous` name, which
//! the next run puts back. A run that stops for any reason before the
//! exchange (killed, disk full) leaves the output as it was; what it left
//! beside it the next run removes and names ([`remove_interrupted_runs`]).
//!
//! Callers hold the lock of the output's parent folder ([`super::lock_folder`]),
//! which is what makes the fixed staging names safe.

use rayon::prelude::*;
use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::atomic::{OWN_PREFIX, sync_folder};
use crate::error::{Error, Result};

/// The one folder of the output moved, not linked, into each new run.
const MOVED_ACROSS: &str = crate::cache::FOLDER;

/// What [`replace_folder`] did.
#[derive(Debug, Default)]
pub(crate) struct Replaced {
    /// Files whose contents changed (or are new), relative to the output folder.
    pub(crate) written: Vec<String>,
}

/// The two folders a run uses beside `out`: where it builds the new run,
/// and where the last run goes between the exchange and its removal.
struct Beside {
    staging: PathBuf,
    previous: PathBuf,
}

impl Beside {
    fn of(out: &Path) -> Result<Self> {
        let (Some(parent), Some(name)) = (parent_of(out), out.file_name()) else {
            return Err(Error::BadOutput {
                path: out.to_path_buf(),
                reason: "has no parent folder to build the new run beside it".to_owned(),
            });
        };
        let name = name.to_string_lossy();
        Ok(Beside {
            staging: parent.join(format!("{OWN_PREFIX}staging-{name}")),
            previous: parent.join(format!("{OWN_PREFIX}previous-{name}")),
        })
    }
}

/// `out` as [`replace_folder`] needs it: through a symbolic link (the link
/// stays; the folder it points at is replaced), its parent created. Any
/// other path is kept as given, so messages name it as the editor wrote it.
pub(crate) fn resolve_output(out: &Path) -> Result<PathBuf> {
    let not_a_folder = || Error::BadOutput {
        path: out.to_path_buf(),
        reason: "exists and is not a folder".to_owned(),
    };
    if let Ok(meta) = std::fs::symlink_metadata(out) {
        if meta.file_type().is_symlink() {
            if !out.is_dir() {
                return Err(not_a_folder());
            }
            return std::fs::canonicalize(out).map_err(|e| Error::io("finding", out, e));
        }
        if !meta.is_dir() {
            return Err(not_a_folder());
        }
        if out.file_name().is_none() {
            // `.` or `..`: the folder's own name is needed to build beside it.
            return std::fs::canonicalize(out).map_err(|e| Error::io("finding", out, e));
        }
        return Ok(out.to_path_buf());
    }
    if out.file_name().is_none() {
        return Err(Error::BadOutput {
            path: out.to_path_buf(),
            reason: "names no folder".to_owned(),
        });
    }
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| Error::io("creating folder", parent, e))?;
    }
    Ok(out.to_path_buf())
}

/// The folder that holds `out` (`.` for a bare name), which stays put while
/// `out` is swapped: where the staging folder goes, and what is locked.
pub(crate) fn parent_of(out: &Path) -> Option<&Path> {
    match out.parent() {
        Some(parent) if parent.as_os_str().is_empty() => Some(Path::new(".")),
        other => other,
    }
}

/// Remove what interrupted runs left beside `out`: a half-built staging
/// folder, or a last run not yet removed after its exchange. A last run
/// left by a two-rename swap killed between its renames, with no output
/// folder in its place, is put back instead. Returns what it did, for the
/// run's summary.
pub(crate) fn remove_interrupted_runs(out: &Path) -> Result<Vec<String>> {
    let beside = Beside::of(out)?;
    let mut cleaned = Vec::new();
    if beside.previous.is_dir() && !out.exists() {
        std::fs::rename(&beside.previous, out)
            .map_err(|e| Error::io("putting back the last run", &beside.previous, e))?;
        cleaned.push(format!(
            "put the last run back from {}",
            beside.previous.display()
        ));
    }
    for folder in [&beside.staging, &beside.previous] {
        if std::fs::symlink_metadata(folder).is_ok() {
            let files = count_files(folder);
            remove_all(folder)?;
            cleaned.push(format!(
                "removed {} ({})",
                folder.display(),
                crate::plural::count(files, "file", "files")
            ));
        }
    }
    Ok(cleaned)
}

/// Replace the output folder `out` with one holding `files` (path relative
/// to `out`, contents) and, carried over from the old folder, every file
/// this run does not write unless `is_stale` says it was the tool's own
/// (a page of a source that is gone). When nothing would change, nothing is
/// touched. `out` must be a resolved path (no symbolic link as its last part).
/// The folder named [`MOVED_ACROSS`] (the cache: many files, all the tool's,
/// any of which may go) is not linked into the new run but moved into it
/// after the swap; a kill in between costs the cache, never a report.
pub(crate) fn replace_folder(
    out: &Path,
    files: &[(String, String)],
    is_stale: &(dyn Fn(&str) -> bool + Sync),
) -> Result<Replaced> {
    let beside = Beside::of(out)?;
    let old = out.is_dir();
    let plan = Plan::new(out, files, is_stale, old)?;
    if plan.written.is_empty() && plan.removed == 0 {
        return Ok(Replaced::default());
    }
    let built = build(&beside.staging, out, files, &plan, old);
    if let Err(err) = built {
        // Full disk or any other failure: the staging folder goes, the
        // output stays the last run's.
        let _ = remove_all(&beside.staging);
        return Err(Error::RunNotWritten {
            path: out.to_path_buf(),
            source: Box::new(err),
        });
    }
    swap_in(&beside, out, old)?;
    Ok(Replaced {
        written: plan.written.into_iter().collect(),
    })
}

/// Which files of this run differ from the old folder's, which old files
/// are carried over, and which are dropped (`removed`).
struct Plan {
    written: BTreeSet<String>,
    carried: Vec<Carried>,
    removed: usize,
}

/// An entry of the old folder that goes on into the new one as it is.
struct Carried {
    relative: PathBuf,
    kind: CarriedKind,
}

enum CarriedKind {
    Folder,
    File,
    Link(PathBuf),
}

impl Plan {
    fn new(
        out: &Path,
        files: &[(String, String)],
        is_stale: &(dyn Fn(&str) -> bool + Sync),
        old: bool,
    ) -> Result<Self> {
        let written: BTreeSet<String> = files
            .par_iter()
            .filter(|(name, contents)| {
                !old || !std::fs::read(out.join(name)).is_ok_and(|was| was == contents.as_bytes())
            })
            .map(|(name, _)| name.clone())
            .collect();
        let mut plan = Plan {
            written,
            carried: Vec::new(),
            removed: 0,
        };
        if old {
            let ours: BTreeSet<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
            plan.sort_old_entries(out, &ours, is_stale)?;
        }
        Ok(plan)
    }

    /// Walk the old folder (sorted, links not followed): what this run
    /// writes is skipped, the tool's stale files dropped, the rest carried.
    fn sort_old_entries(
        &mut self,
        out: &Path,
        ours: &BTreeSet<&str>,
        is_stale: &(dyn Fn(&str) -> bool + Sync),
    ) -> Result<()> {
        let walk = walkdir::WalkDir::new(out)
            .min_depth(1)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| !(e.depth() == 1 && e.file_name() == MOVED_ACROSS));
        for entry in walk {
            let entry = entry.map_err(|e| walk_error(out, e))?;
            let Ok(relative) = entry.path().strip_prefix(out) else {
                continue;
            };
            let name = slash_path(relative);
            let kind = entry.file_type();
            let carried = if kind.is_dir() {
                CarriedKind::Folder
            } else if ours.contains(name.as_str()) {
                continue;
            } else if is_stale(&name) {
                self.removed += 1;
                continue;
            } else if kind.is_symlink() {
                let target = std::fs::read_link(entry.path())
                    .map_err(|e| Error::io("reading the link", entry.path(), e))?;
                CarriedKind::Link(target)
            } else {
                CarriedKind::File
            };
            self.carried.push(Carried {
                relative: relative.to_path_buf(),
                kind: carried,
            });
        }
        Ok(())
    }
}

/// A relative path with `/` between its parts, as the run names its files.
fn slash_path(relative: &Path) -> String {
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

fn walk_error(out: &Path, err: walkdir::Error) -> Error {
    let path = err.path().unwrap_or(out).to_path_buf();
    let source = err
        .into_io_error()
        .unwrap_or_else(|| std::io::Error::other("a folder links back to itself"));
    Error::io("reading", &path, source)
}

/// Build the new run in `staging`: carried entries first (folders, links,
/// unchanged files as hard links), then this run's files.
fn build(
    staging: &Path,
    out: &Path,
    files: &[(String, String)],
    plan: &Plan,
    old: bool,
) -> Result<()> {
    remove_all(staging)?;
    std::fs::create_dir(staging).map_err(|e| Error::io("creating folder", staging, e))?;
    for carried in &plan.carried {
        carry(
            &out.join(&carried.relative),
            &staging.join(&carried.relative),
            &carried.kind,
        )?;
    }
    files.par_iter().try_for_each(|(name, contents)| {
        let from = out.join(name);
        let to = staging.join(name);
        if let Some(folder) = to.parent() {
            std::fs::create_dir_all(folder).map_err(|e| Error::io("creating folder", folder, e))?;
        }
        if plan.written.contains(name) {
            // A file that replaces one must be on disk before the exchange,
            // or a crash could leave an empty file where a good one was.
            write_file(&to, contents.as_bytes(), old && from.exists())
                .map_err(|e| Error::io("writing", &from, e))
        } else {
            link_or_copy(&from, &to)
        }
    })?;
    if old {
        sync_folder(staging);
    }
    Ok(())
}

fn carry(from: &Path, to: &Path, kind: &CarriedKind) -> Result<()> {
    match kind {
        CarriedKind::Folder => {
            std::fs::create_dir_all(to).map_err(|e| Error::io("creating folder", to, e))
        }
        CarriedKind::File => link_or_copy(from, to),
        CarriedKind::Link(target) => make_link(target, to),
    }
}

#[cfg(unix)]
fn make_link(target: &Path, to: &Path) -> Result<()> {
    std::os::unix::fs::symlink(target, to).map_err(|e| Error::io("making the link", to, e))
}

/// Without symbolic links to make, the file it points at is copied.
#[cfg(not(unix))]
fn make_link(target: &Path, to: &Path) -> Result<()> {
    let from = to
        .parent()
        .map_or_else(|| target.to_path_buf(), |p| p.join(target));
    link_or_copy(&from, to)
}

/// A hard link costs no writing and keeps the file's date; where links
/// cannot be made (another file system, FAT), a copy.
fn link_or_copy(from: &Path, to: &Path) -> Result<()> {
    if std::fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| Error::io("copying", from, e))
}

fn write_file(path: &Path, contents: &[u8], durable: bool) -> std::io::Result<()> {
    let mut file = std::fs::File::create(path)?;
    file.write_all(contents)?;
    if durable {
        file.sync_all()?;
    }
    Ok(())
}

/// Put the staging folder in the output's place and remove the last run.
fn swap_in(beside: &Beside, out: &Path, old: bool) -> Result<()> {
    if !old {
        std::fs::rename(&beside.staging, out)
            .map_err(|e| Error::io("moving into place", out, e))?;
    } else if exchange(&beside.staging, out).is_err() {
        two_renames(beside, out)?;
    }
    if let Some(parent) = parent_of(out) {
        sync_folder(parent);
    }
    // The last run is now at the staging name (or the previous one).
    for folder in [&beside.staging, &beside.previous] {
        let moving = folder.join(MOVED_ACROSS);
        if moving.is_dir() && !out.join(MOVED_ACROSS).exists() {
            // Lost if it fails: a cache, rebuilt by the next run.
            let _ = std::fs::rename(&moving, out.join(MOVED_ACROSS));
        }
        if std::fs::symlink_metadata(folder).is_ok() {
            remove_all(folder)?;
        }
    }
    Ok(())
}

/// Where the system cannot exchange two folders: the last run aside, the
/// new one in, and the last run back if the second rename fails.
fn two_renames(beside: &Beside, out: &Path) -> Result<()> {
    std::fs::rename(out, &beside.previous)
        .map_err(|e| Error::io("moving the last run aside", out, e))?;
    if let Err(e) = std::fs::rename(&beside.staging, out) {
        let _ = std::fs::rename(&beside.previous, out);
        return Err(Error::io("moving into place", out, e));
    }
    Ok(())
}

#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

fn remove_all(folder: &Path) -> Result<()> {
    match std::fs::remove_dir_all(folder) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io("removing", folder, e)),
        _ => Ok(()),
    }
}

fn count_files(folder: &Path) -> usize {
    walkdir::WalkDir::new(folder)
        .into_iter()
        .flatten()
        .filter(|e| !e.file_type().is_dir())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(n, c)| ((*n).to_owned(), (*c).to_owned()))
            .collect()
    }

    fn page(name: &str) -> bool {
        name.starts_with("sources/")
    }

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path).expect("read")
    }

    #[test]
    fn a_run_replaces_the_folder_whole_and_keeps_what_is_not_its_own() {
        let parent = tempfile::tempdir().expect("temp dir");
        let out = parent.path().join("reports");
        let first = files(&[
            ("sources/a.md", "a1"),
            ("sources/b.md", "b1"),
            ("index.md", "i1"),
        ]);
        let done = replace_folder(&out, &first, &page).expect("first run");
        assert_eq!(done.written.len(), 3);
        std::fs::write(out.join(".gitignore"), "x\n").expect("editor's file");
        let second = files(&[
            ("sources/a.md", "a1"),
            ("sources/c.md", "c2"),
            ("index.md", "i2"),
        ]);
        let done = replace_folder(&out, &second, &page).expect("second run");
        assert_eq!(done.written, ["index.md", "sources/c.md"]);
        assert_eq!(read(&out.join("index.md")), "i2");
        assert_eq!(read(&out.join("sources/a.md")), "a1");
        assert!(
            !out.join("sources/b.md").exists(),
            "a gone source's page goes"
        );
        assert_eq!(
            read(&out.join(".gitignore")),
            "x\n",
            "the editor's file stays"
        );
        let beside: Vec<_> = std::fs::read_dir(parent.path())
            .expect("read")
            .flatten()
            .collect();
        assert_eq!(beside.len(), 1, "nothing left beside the output");
        let before = std::fs::metadata(&out)
            .and_then(|m| m.modified())
            .expect("date");
        let again = replace_folder(&out, &second, &page).expect("third run");
        let after = std::fs::metadata(&out)
            .and_then(|m| m.modified())
            .expect("date");
        assert!(
            again.written.is_empty() && before == after,
            "nothing to do, nothing touched"
        );
    }

    #[test]
    fn what_an_interrupted_run_left_is_removed_or_put_back() {
        let parent = tempfile::tempdir().expect("temp dir");
        let out = parent.path().join("reports");
        let beside = Beside::of(&out).expect("names");
        std::fs::create_dir_all(beside.staging.join("sources")).expect("half-built run");
        std::fs::write(beside.staging.join("sources/a.md"), "half").expect("write");
        std::fs::create_dir(&beside.previous).expect("last run, moved aside");
        std::fs::write(beside.previous.join("index.md"), "last").expect("write");
        let cleaned = remove_interrupted_runs(&out).expect("clean");
        assert_eq!(read(&out.join("index.md")), "last", "{cleaned:?}");
        assert!(!beside.staging.exists());
        assert_eq!(cleaned.len(), 2, "{cleaned:?}");
        assert!(cleaned[1].contains("(1 file)"), "{cleaned:?}");
    }
}
