//! `corroborate cache clear`: remove the embedding cache of a reports folder.

use std::path::Path;

use crate::commands::Outcome;
use crate::error::{Error, Result};
use crate::progress::Progress;
use crate::write;

pub(super) fn clear(named: &Path, no_wait: bool, progress: &dyn Progress) -> Result<Outcome> {
    let out = write::resolve_output(named)?;
    // Not while a run reads or moves the cache.
    let lock = super::lock_output(named, &out, no_wait, progress)?;
    let held = crate::cache::clear(&out)
        .map_err(|e| Error::io("removing", &out.join(crate::cache::FOLDER), e))?;
    drop(lock);
    let folder = named.join(crate::cache::FOLDER);
    let summary = match held {
        Some(size) => format!("removed {}: {}", folder.display(), size.describe()),
        None => format!("{} has no cache: nothing to remove", named.display()),
    };
    Ok(Outcome {
        summary: Some(summary),
        ..Outcome::default()
    })
}
