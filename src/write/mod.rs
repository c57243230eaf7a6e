//! The writing edge (disk IO), the counterpart of `load`: rendered pages →
//! files in the output folder, each written atomically ([`write_atomic`]),
//! so a crash never leaves a half-written report and regenerations replace
//! whole files; `report.json` last, and pages of sources that are gone
//! removed. `annotate add` and `import` write their files through it too.

mod atomic;
mod folder;
mod staged;

use rayon::prelude::*;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
pub(crate) use atomic::{OWN_PREFIX, write_atomic};
pub(crate) use folder::{
    FolderLock, create_folder, lock_folder, lock_folder_waiting, remove_leftovers,
};
pub(crate) use staged::{parent_of, remove_interrupted_runs, replace_folder, resolve_output};

/// Write `files` (name relative to `out`, contents) into `out`, creating it
/// if needed. A file whose contents are already exactly these is left alone
/// (a regeneration after one new source rewrites only what changed); the
/// paths actually written are returned. The last file is written after all
/// the others: `report.json` goes there, so that a reader (a script, a
/// watcher) who sees a new `report.json` finds every page of that run.
pub(crate) fn write_all(out: &Path, files: &[(String, String)]) -> Result<Vec<PathBuf>> {
    if out.exists() && !out.is_dir() {
        return Err(Error::BadOutput {
            path: out.to_path_buf(),
            reason: "exists and is not a folder".to_owned(),
        });
    }
    std::fs::create_dir_all(out).map_err(|e| Error::io("creating folder", out, e))?;
    let Some((last, pages)) = files.split_last() else {
        return Ok(Vec::new());
    };
    let mut written = write_each(out, pages)?;
    written.extend(write_each(out, std::slice::from_ref(last))?);
    Ok(written)
}

fn write_each(out: &Path, files: &[(String, String)]) -> Result<Vec<PathBuf>> {
    // Each file waits on its own fsync: writing them in parallel overlaps the waits.
    files
        .par_iter()
        .map(|(name, contents)| {
            let path = out.join(name);
            if let Some(folder) = path.parent() {
                std::fs::create_dir_all(folder)
                    .map_err(|e| Error::io("creating folder", folder, e))?;
            }
            if std::fs::read(&path).is_ok_and(|old| old == contents.as_bytes()) {
                return Ok(None);
            }
            write_atomic(&path, contents.as_bytes())?;
            Ok(Some(path))
        })
        .collect::<Result<Vec<Option<PathBuf>>>>()
        .map(|written| written.into_iter().flatten().collect())
}

/// Delete files in `out/sources/` that this run did not write and `is_stale`
/// says are the tool's own (the pages of sources that are gone), as
/// [`replace_folder`] drops them when it swaps a whole run in.
pub(crate) fn remove_stale_pages(
    out: &Path,
    files: &[(String, String)],
    is_stale: &dyn Fn(&str) -> bool,
) -> Result<()> {
    let folder = out.join("sources");
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return Ok(());
    };
    let written: std::collections::BTreeSet<&str> =
        files.iter().map(|(name, _)| name.as_str()).collect();
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let name = format!("sources/{name}");
        let stale = entry.file_type().is_ok_and(|t| t.is_file())
            && !written.contains(name.as_str())
            && is_stale(&name);
        if stale {
            std::fs::remove_file(&path).map_err(|e| Error::io("removing", &path, e))?;
        }
    }
    Ok(())
}
