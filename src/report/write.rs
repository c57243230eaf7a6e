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

/// Delete pages in `out/sources/` that this run did not write: the pages of
/// sources that are gone. Only `*.md` files there are touched; the folder is
/// the tool's own.
pub fn remove_stale_pages(out: &Path, files: &[(String, String)]) -> Result<()> {
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
        let stale = name.ends_with(".md")
            && entry.file_type().is_ok_and(|t| t.is_file())
            && !written.contains(format!("sources/{name}").as_str());
        if stale {
            std::fs::remove_file(&path).map_err(|e| Error::io("removing", &path, e))?;
        }
    }
    Ok(())
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
