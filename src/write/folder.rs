//! Folders the tool writes into (disk IO): created on demand, and locked so that
//! two runs appending to one folder take turns.

use std::path::Path;

use super::atomic::TEMP_PREFIX;
use crate::error::{Error, Result};

/// The name of the lock file `lock_folder` takes in a folder.
const LOCK_FILE: &str = ".corroborate.lock";

/// Create `folder` if needed and take an exclusive OS lock on a lock file in
/// it, waiting for whoever holds it; the lock lasts as long as the returned
/// file is open.
pub(crate) fn lock_folder(folder: &Path) -> Result<std::fs::File> {
    create_folder(folder)?;
    let lock_path = folder.join(LOCK_FILE);
    std::fs::File::create(&lock_path)
        .and_then(|lock| lock.lock().map(|()| lock))
        .map_err(|e| Error::io("locking", &lock_path, e))
}

/// Create `folder` and its parents if they are not there.
pub(crate) fn create_folder(folder: &Path) -> Result<()> {
    std::fs::create_dir_all(folder).map_err(|e| Error::io("creating folder", folder, e))
}

/// Remove what runs killed before their rename left in `folder`: the
/// temporary files of [`super::write_atomic`]. Call it holding the folder's
/// lock ([`lock_folder`]), so that no run writing there now loses its file.
pub(crate) fn remove_leftovers(folder: &Path) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let leftover = entry
            .file_name()
            .to_str()
            .is_some_and(|name| name.starts_with(TEMP_PREFIX))
            && entry.file_type().is_ok_and(|t| t.is_file());
        if leftover {
            let path = entry.path();
            std::fs::remove_file(&path).map_err(|e| Error::io("removing", &path, e))?;
        }
    }
    Ok(())
}
