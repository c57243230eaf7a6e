//! Report writer [IO]: rendered pages → files in the output folder, each
//! written atomically (temporary file in the same folder, fsync, rename), so a
//! crash never leaves a half-written report and regenerations replace whole files.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Write `files` (name relative to `out`, contents) into `out`, creating it if needed.
pub fn write_all(out: &Path, files: &[(String, String)]) -> Result<Vec<PathBuf>> {
    if out.exists() && !out.is_dir() {
        return Err(Error::BadOutput {
            path: out.to_path_buf(),
            reason: "exists and is not a folder".to_owned(),
        });
    }
    std::fs::create_dir_all(out).map_err(|e| Error::io("creating folder", out, e))?;
    files
        .iter()
        .map(|(name, contents)| {
            let path = out.join(name);
            if let Some(folder) = path.parent() {
                std::fs::create_dir_all(folder)
                    .map_err(|e| Error::io("creating folder", folder, e))?;
            }
            write_atomic(&path, contents.as_bytes())?;
            Ok(path)
        })
        .collect()
}

/// Replace `path` with `contents` atomically.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let folder = path.parent().unwrap_or_else(|| Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".corroborate-")
        .tempfile_in(folder)
        .map_err(|e| Error::io("creating a temporary file in", folder, e))?;
    temp.write_all(contents)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| Error::io("writing", path, e))?;
    temp.persist(path)
        .map_err(|e| Error::io("replacing", path, e.error))?;
    Ok(())
}
