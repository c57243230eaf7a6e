//! Folders the tool writes into (disk IO): created on demand, and locked so that
//! two runs appending to one folder take turns.

use std::path::Path;

use super::atomic::OWN_PREFIX;
use crate::error::{Error, Result};

/// The lock file earlier versions left in a folder; removed with the leftovers.
const OLD_LOCK_FILE: &str = ".corroborate.lock";

/// An exclusive OS lock on a folder the tool writes into, held while it lives.
///
/// The lock is taken on the folder itself, not on a file in it: nothing is
/// left behind in an editor's repository, and it stays right across the
/// renames of atomic writes (a lock on the annotation file would be on the
/// old file once the new one is renamed over it).
#[derive(Debug)]
#[must_use = "the folder is unlocked when this is dropped"]
pub(crate) struct FolderLock {
    _held: std::fs::File,
}

/// Create `folder` if needed and take an exclusive OS lock on it, waiting for
/// whoever holds it; the lock lasts as long as the returned guard lives, and
/// ends with the process however it ends.
pub(crate) fn lock_folder(folder: &Path) -> Result<FolderLock> {
    lock_folder_waiting(folder, || Ok(()))
}

/// [`lock_folder`], calling `waiting` first when another process holds the
/// lock (to say why the run stands still, or to refuse with its error).
pub(crate) fn lock_folder_waiting(
    folder: &Path,
    waiting: impl FnOnce() -> Result<()>,
) -> Result<FolderLock> {
    create_folder(folder)?;
    let handle = open_for_locking(folder).map_err(|e| Error::io("locking", folder, e))?;
    match handle.try_lock() {
        Ok(()) => return Ok(FolderLock { _held: handle }),
        Err(std::fs::TryLockError::WouldBlock) => waiting()?,
        Err(std::fs::TryLockError::Error(e)) => return Err(Error::io("locking", folder, e)),
    }
    handle
        .lock()
        .map(|()| FolderLock { _held: handle })
        .map_err(|e| Error::io("locking", folder, e))
}

/// Unix opens a folder as a file, and `flock` locks it.
#[cfg(unix)]
fn open_for_locking(folder: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(folder)
}

/// Windows locks byte ranges of files only: the lock is on a file in the
/// folder, which stays (named in .gitignore by the docs).
#[cfg(not(unix))]
fn open_for_locking(folder: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(folder.join(OLD_LOCK_FILE))
}

/// Create `folder` and its parents if they are not there.
pub(crate) fn create_folder(folder: &Path) -> Result<()> {
    std::fs::create_dir_all(folder).map_err(|e| Error::io("creating folder", folder, e))
}

/// Remove what runs killed before their rename left in `folder`: the
/// temporary files of [`super::write_atomic`]; and the lock file of earlier
/// versions (on Unix, where the folder itself is locked now). Call it holding the folder's
/// lock ([`lock_folder`]), so that no run writing there now loses its file.
pub(crate) fn remove_leftovers(folder: &Path) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let leftover = entry
            .file_name()
            .to_str()
            .is_some_and(|name| name.starts_with(OWN_PREFIX) || is_old_lock(name))
            && entry.file_type().is_ok_and(|t| t.is_file());
        if leftover {
            let path = entry.path();
            std::fs::remove_file(&path).map_err(|e| Error::io("removing", &path, e))?;
        }
    }
    Ok(())
}

/// The lock file of earlier versions, where it is no longer the lock.
fn is_old_lock(name: &str) -> bool {
    cfg!(unix) && name == OLD_LOCK_FILE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_folder_makes_the_next_locker_wait_or_refuse() {
        let folder = tempfile::tempdir().expect("temp dir");
        let held = lock_folder(folder.path()).expect("first lock");
        let refused = lock_folder_waiting(folder.path(), || {
            Err(Error::Busy {
                path: folder.path().to_path_buf(),
            })
        });
        assert!(matches!(refused, Err(Error::Busy { .. })), "{refused:?}");
        drop(held);
        let mut waited = false;
        let second = lock_folder_waiting(folder.path(), || {
            waited = true;
            Ok(())
        });
        assert!(second.is_ok() && !waited, "a free folder is taken at once");
        let names: Vec<_> = std::fs::read_dir(folder.path()).expect("read").collect();
        assert!(
            names.is_empty() || cfg!(not(unix)),
            "nothing left in the folder"
        );
    }
}
