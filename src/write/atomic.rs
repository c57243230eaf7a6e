//! Atomic file replacement (disk IO): a path and its new contents → the file
//! replaced whole or not at all (temporary file in the same folder, fsync
//! when it replaces a file, rename), with the permissions of the file it
//! replaces or those a new file normally gets. Used for reports, and for the
//! editor's own files (annotations, imported sources).

use std::io::Write as _;
use std::path::Path;

use crate::error::{Error, Result};

/// Permissions of a newly created file: readable by all, writable by the
/// owner (what `umask 022` gives).
#[cfg(unix)]
fn new_file_permissions(_temp: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt as _;
    Ok(std::fs::Permissions::from_mode(0o644))
}

/// Elsewhere a temporary file has the usual permissions already.
#[cfg(not(unix))]
fn new_file_permissions(temp: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    temp.metadata().map(|m| m.permissions())
}

/// How every file or folder the tool makes for its own use begins: the
/// temporary files of [`write_atomic`] (a run killed before its rename
/// leaves one, which the next run that locks the folder removes,
/// [`super::folder::remove_leftovers`]) and the folders a report run is
/// built in ([`super::staged`]). Hidden, so that a sources walk skips them,
/// and marked, so that `--watch` does not take them for an editor's change.
pub(crate) const OWN_PREFIX: &str = ".corroborate-";

/// Replace `path` with `contents` atomically.
pub(crate) fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let folder = path.parent().unwrap_or_else(|| Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(OWN_PREFIX)
        .tempfile_in(folder)
        .map_err(|e| Error::io("creating a temporary file in", folder, e))?;
    // A temporary file is private (0600); the result should be as readable
    // as the file it replaces, or as a new file normally is.
    let existing = std::fs::metadata(path).ok();
    let permissions = match &existing {
        Some(existing) => Ok(existing.permissions()),
        None => new_file_permissions(temp.as_file()),
    };
    // Replacing a file, its new contents must be on disk before the rename,
    // or a crash could leave an empty file where a good one was. A new file
    // has nothing to protect: a crash loses at most the file itself, which
    // the next run writes again (and a first run of thousands of pages is
    // not held up by a disk flush per page).
    let replacing = existing.is_some();
    permissions
        .and_then(|p| temp.as_file().set_permissions(p))
        .and_then(|()| temp.write_all(contents))
        .and_then(|()| {
            if replacing {
                temp.as_file().sync_all()
            } else {
                Ok(())
            }
        })
        .map_err(|e| Error::io("writing", path, e))?;
    temp.persist(path)
        .map_err(|e| Error::io("replacing", path, e.error))?;
    // The rename itself lasts once the folder is on disk too.
    if replacing {
        sync_folder(folder);
    }
    Ok(())
}

/// Put a folder's entries on disk. Not every system can sync a folder; the
/// files' own data is synced already.
pub(crate) fn sync_folder(folder: &Path) {
    if let Ok(handle) = std::fs::File::open(folder) {
        let _ = handle.sync_all();
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt as _;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path)
            .expect("metadata")
            .permissions()
            .mode()
            & 0o777
    }

    #[test]
    fn atomic_writes_keep_or_give_ordinary_permissions() {
        let dir = tempfile::tempdir().expect("temp dir");
        let new = dir.path().join("new.md");
        write_atomic(&new, b"one").expect("write");
        assert_eq!(mode(&new), 0o644, "a new report is readable, not 0600");
        let editor = dir.path().join("notes.yaml");
        std::fs::write(&editor, "- a\n").expect("write");
        std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        write_atomic(&editor, b"- a\n- b\n").expect("replace");
        assert_eq!(
            mode(&editor),
            0o640,
            "an editor's file keeps its permissions"
        );
        assert_eq!(
            std::fs::read_to_string(&editor).expect("read"),
            "- a\n- b\n"
        );
    }
}
