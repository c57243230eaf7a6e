//! The embedding cache (disk IO): a sentence's text → its embedding, kept
//! between runs under the output folder (`reports/.cache/embeddings/`), so
//! that a regeneration embeds only the sentences it has not seen.
//!
//! Only work that depends on a text alone is kept: an embedding is the same
//! bits in any batch (`embed::batch`), so a run that reads it from here gives
//! byte for byte the reports of a clean run. Everything corpus-wide (term
//! weights, scoring, conflicts) runs in full every time.
//!
//! An entry is one write-once file named by the blake3 hash of the cache
//! format, the crate version, the model's checksums and the text, so an
//! upgrade never reads an old entry and two runs writing one entry write the
//! same bytes. It holds the vector and a checksum of key and vector; an entry
//! of the wrong length or checksum is named in a warning, recomputed and
//! replaced. Each is written atomically (temporary file in the cache folder,
//! rename), so a kill leaves whole entries only. Entries no recent run used
//! are pruned ([`upkeep`]).

use rayon::prelude::*;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::embed::{DIMS, EmbedError, Embedder, Embedding};
use crate::error::Diagnostic;

mod upkeep;
pub(crate) use upkeep::{clear, record_run_and_prune, remove_leftovers};

/// Changes whenever the entry layout or what goes into a key changes.
const FORMAT: &str = "corroborate embedding cache, format 1";

/// The cache's folder in the output folder (hidden: the loaders skip it).
pub(crate) const FOLDER: &str = ".cache";

/// The entries' folder in the cache's.
const ENTRIES: &str = "embeddings";

/// Where the entries of the output folder `out` live.
fn entries_folder(out: &Path) -> PathBuf {
    out.join(FOLDER).join(ENTRIES)
}

/// Bytes of an entry: the vector (little-endian f32s) and a blake3 checksum.
const ENTRY_BYTES: usize = DIMS * 4 + blake3::OUT_LEN;

/// Embeddings kept between runs, and what this run did with them.
#[derive(Debug)]
pub(crate) struct EmbeddingCache {
    folder: PathBuf,
    version: blake3::Hash,
    /// When this run began: what it reads and writes is stamped later.
    started: std::time::SystemTime,
    reused: AtomicUsize,
    computed: AtomicUsize,
    /// Whether a write failed already: said once per run.
    write_failed: AtomicBool,
    problems: Mutex<Vec<Diagnostic>>,
}

impl EmbeddingCache {
    /// The cache of the output folder `out`.
    pub(crate) fn of_output(out: &Path) -> Self {
        let mut version = blake3::Hasher::new();
        version.update(FORMAT.as_bytes());
        version.update(env!("CARGO_PKG_VERSION").as_bytes());
        version.update(crate::embed::model_checksums().as_bytes());
        EmbeddingCache {
            folder: entries_folder(out),
            version: version.finalize(),
            started: std::time::SystemTime::now(),
            reused: AtomicUsize::new(0),
            computed: AtomicUsize::new(0),
            write_failed: AtomicBool::new(false),
            problems: Mutex::new(Vec::new()),
        }
    }

    /// One embedding per text, in order: from the cache where it holds a
    /// sound entry, else from `embedder` (and then kept).
    pub(crate) fn embed(
        &self,
        embedder: &Embedder,
        texts: &[&str],
    ) -> Result<Vec<Embedding>, EmbedError> {
        let keys: Vec<blake3::Hash> = texts.par_iter().map(|text| self.key(text)).collect();
        let mut found: Vec<Option<Embedding>> = keys.par_iter().map(|key| self.read(key)).collect();
        let missing: Vec<usize> = (0..texts.len()).filter(|&i| found[i].is_none()).collect();
        let missing_texts: Vec<&str> = missing.iter().map(|&i| texts[i]).collect();
        let computed = embedder.embed(&missing_texts)?;
        missing
            .par_iter()
            .zip(&computed)
            .for_each(|(&i, embedding)| {
                self.keep(&keys[i], embedding);
            });
        for (i, embedding) in missing.into_iter().zip(computed) {
            found[i] = Some(embedding);
        }
        self.reused
            .fetch_add(texts.len() - missing_texts.len(), Ordering::Relaxed);
        self.computed
            .fetch_add(missing_texts.len(), Ordering::Relaxed);
        Ok(found.into_iter().flatten().collect())
    }

    /// "embeddings: 150 from the cache, 7 computed", for the run's summary.
    pub(crate) fn summary(&self) -> String {
        format!(
            "embeddings: {} from the cache, {} computed",
            self.reused.load(Ordering::Relaxed),
            self.computed.load(Ordering::Relaxed)
        )
    }

    /// When this run began, for [`record_run_and_prune`].
    pub(crate) fn started(&self) -> std::time::SystemTime {
        self.started
    }

    /// Warnings for entries found damaged (and replaced) or not written.
    pub(crate) fn take_problems(&self) -> Vec<Diagnostic> {
        self.problems
            .lock()
            .map(|mut problems| std::mem::take(&mut *problems))
            .unwrap_or_default()
    }

    fn key(&self, text: &str) -> blake3::Hash {
        let mut key = blake3::Hasher::new();
        key.update(self.version.as_bytes());
        key.update(text.as_bytes());
        key.finalize()
    }

    fn path(&self, key: &blake3::Hash) -> PathBuf {
        let hex = key.to_hex();
        self.folder.join(&hex[..2]).join(hex.as_str())
    }

    fn checksum(key: &blake3::Hash, vector: &[u8]) -> blake3::Hash {
        let mut sum = blake3::Hasher::new();
        sum.update(key.as_bytes());
        sum.update(vector);
        sum.finalize()
    }

    /// The entry for `key`, if there is a sound one; a damaged one is named.
    fn read(&self, key: &blake3::Hash) -> Option<Embedding> {
        let path = self.path(key);
        let mut file = std::fs::File::open(&path).ok()?;
        let mut bytes = Vec::with_capacity(ENTRY_BYTES);
        file.read_to_end(&mut bytes).ok()?;
        let sound = bytes.len() == ENTRY_BYTES && {
            let (vector, sum) = bytes.split_at(DIMS * 4);
            Self::checksum(key, vector).as_bytes() == sum
        };
        if !sound {
            self.problem(
                &path,
                "damaged cache entry (wrong length or checksum): recomputed",
            );
            return None;
        }
        let mut vector = Box::new([0f32; DIMS]);
        for (x, four) in vector.iter_mut().zip(bytes.chunks_exact(4)) {
            let four: [u8; 4] = four.try_into().ok()?;
            *x = f32::from_le_bytes(four);
        }
        // Used now: kept by the pruning of the next runs. Lost if it fails
        // (a read-only cache): the entry may then be pruned and recomputed.
        let _ = file.set_modified(std::time::SystemTime::now());
        Some(Embedding::stored(vector))
    }

    /// Write the entry for `key` whole (temporary file, rename); a cache that
    /// cannot be written costs speed only, said once per run.
    fn keep(&self, key: &blake3::Hash, embedding: &Embedding) {
        let path = self.path(key);
        let mut bytes: Vec<u8> = embedding
            .as_slice()
            .iter()
            .flat_map(|x| x.to_le_bytes())
            .collect();
        bytes.extend_from_slice(Self::checksum(key, &bytes).as_bytes());
        if let Err(e) = self.write(&path, &bytes)
            && !self.write_failed.swap(true, Ordering::Relaxed)
        {
            self.problem(
                &path,
                &format!(
                    "the cache cannot be written ({e}): the next run embeds these sentences again"
                ),
            );
        }
    }

    fn write(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        let folder = path.parent().unwrap_or(&self.folder);
        std::fs::create_dir_all(folder)?;
        let mut temp = tempfile::Builder::new()
            .prefix(crate::write::OWN_PREFIX)
            .tempfile_in(&self.folder)?;
        temp.write_all(bytes)?;
        temp.persist(path).map(|_| ()).map_err(|e| e.error)
    }

    fn problem(&self, path: &Path, message: &str) {
        if let Ok(mut problems) = self.problems.lock() {
            problems.push(Diagnostic::warning(path, message.to_owned()));
        }
    }
}
