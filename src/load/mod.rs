//! Load stage (disk IO): the sources folder → [`LoadedSource`]s + [`Diagnostic`]s.
//!
//! Walks the folder in file-name order (so runs are deterministic), reads
//! `.md`, `.markdown` and `.txt` files, splits off YAML front matter and checks
//! what an editor or a crawler may get wrong: unreadable files, binary or
//! UTF-16 files, invalid UTF-8, broken front matter, empty bodies, duplicate
//! or unsafe ids, symlinks that lead out of the folder. Each problem becomes
//! one diagnostic naming the file (and line); the other files still load.
//!
//! The annotations folder is read the same way ([`load_annotations`]): sorted
//! walk, hidden files skipped, symlinks kept inside, text checked; the YAML
//! itself is parsed by the pure `annotate::parse`.
//!
//! Only this file touches the disk; [`parse_source`] (in `source_file`),
//! the front matter and date parsers below it are pure.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::annotate::parse::duplicate_ids;
use crate::annotate::{Entry, parse_file};
use crate::error::{Diagnostic, Error, Result};
use crate::model::{LoadedSource, SourceId};

mod front_matter;
mod published;
mod source_file;

pub use front_matter::{FrontMatter, split_front_matter};
pub use published::{DateError, parse_published};
use source_file::decode;
pub use source_file::{line_of, parse_source};

/// File extensions read as articles.
pub const ARTICLE_EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

/// Files larger than this are refused rather than read into memory.
pub const MAX_SOURCE_BYTES: u64 = 64 * 1024 * 1024;

/// How many leading bytes are checked for NUL to call a file binary (as git does).
pub(super) const BINARY_SNIFF_BYTES: usize = 8192;

/// Read every article under `root`. Fatal only when `root` itself is unusable.
pub fn load_sources(root: &Path) -> Result<(Vec<LoadedSource>, Vec<Diagnostic>)> {
    if !root.is_dir() {
        return Err(Error::NoSources {
            path: root.to_path_buf(),
        });
    }
    let (paths, mut diagnostics) = files_under(
        root,
        ARTICLE_EXTENSIONS,
        "not an article (.md, .markdown or .txt)",
    )?;
    let mut sources = Vec::new();
    for path in paths {
        match read_source(root, &path) {
            Ok((source, warnings)) => {
                diagnostics.extend(warnings);
                sources.push(source);
            }
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    let sources = drop_duplicate_ids(root, sources, &mut diagnostics);
    Ok((sources, diagnostics))
}

/// The text of the annotation file `annotate add` will append to, and whether
/// it starts with a byte-order mark; empty for a file not there yet. A link is
/// refused: the entry must land in the annotations folder itself.
pub fn annotation_file_to_append(path: &Path) -> Result<(String, bool)> {
    if path
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
    {
        return Err(Error::AnnotationFileIsLink {
            path: path.to_path_buf(),
        });
    }
    if !path.exists() {
        return Ok((String::new(), false));
    }
    read_text_and_mark(path, MAX_ANNOTATION_BYTES)
        .map_err(|problem| Error::AnnotationFileUnreadable { problem })
}

/// The path named in messages about standard input.
pub const STDIN_NAME: &str = "<stdin>";

/// A whole input file (`-` style commands: `pairs`, `import`), or standard
/// input when `path` is `None`, as text; the error names what was read.
pub fn read_input(path: Option<&Path>) -> Result<String> {
    match path {
        Some(path) => std::fs::read_to_string(path).map_err(|e| Error::io("reading", path, e)),
        None => {
            let mut input = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut input)
                .map_err(|e| Error::io("reading", Path::new(STDIN_NAME), e))?;
            Ok(input)
        }
    }
}

/// The previous run's `report.json` in `out`: `None` on a first run,
/// `Some(Err)` when it is there but unreadable.
pub fn previous_report(out: &Path) -> Option<std::io::Result<String>> {
    let path = out.join("report.json");
    path.is_file().then(|| std::fs::read_to_string(&path))
}

/// File extensions read as annotation files.
pub const ANNOTATION_EXTENSIONS: &[&str] = &["yaml", "yml"];

/// Annotation files larger than this are refused.
pub const MAX_ANNOTATION_BYTES: u64 = 16 * 1024 * 1024;

/// Where annotations are looked for unless `--annotations` says otherwise.
pub const DEFAULT_ANNOTATIONS_FOLDER: &str = "annotations";

/// Read every annotation file under `root` (`*.yaml`, `*.yml`). A missing
/// folder is reported, not fatal: the reports are still worth having, and
/// the warning keeps a misspelt `--annotations` from hiding every note. A
/// missing default folder is no warning: a story nobody annotated yet.
pub fn load_annotations(root: &Path) -> (Vec<Entry>, Vec<Diagnostic>) {
    if !root.is_dir() && root == Path::new(DEFAULT_ANNOTATIONS_FOLDER) {
        return (Vec::new(), Vec::new());
    }
    if !root.is_dir() {
        let message = "annotations folder not found: no editor annotations applied";
        return (Vec::new(), vec![Diagnostic::warning(root, message)]);
    }
    let (paths, mut diagnostics) = match files_under(
        root,
        ANNOTATION_EXTENSIONS,
        "not an annotation file (.yaml)",
    ) {
        Ok(found) => found,
        Err(err) => return (Vec::new(), vec![Diagnostic::error(root, err.to_string())]),
    };
    let mut entries = Vec::new();
    for path in paths {
        match read_text(&path, MAX_ANNOTATION_BYTES) {
            Ok(text) => {
                let (found, problems) = parse_file(&path, &text);
                entries.extend(found);
                diagnostics.extend(problems);
            }
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    diagnostics.extend(duplicate_ids(&entries));
    (entries, diagnostics)
}

/// The files under `root` with one of `extensions`, in sorted order. Hidden
/// files and folders are skipped; symlinks are followed but must stay inside
/// `root`; other files and unreadable entries are reported (`not_ours` says
/// what a file with another extension is not).
fn files_under(
    root: &Path,
    extensions: &[&str],
    not_ours: &str,
) -> Result<(Vec<PathBuf>, Vec<Diagnostic>)> {
    let canonical_root = root
        .canonicalize()
        .map_err(|e| Error::io("resolving", root, e))?;
    let mut paths = Vec::new();
    let mut seen: BTreeMap<PathBuf, PathBuf> = BTreeMap::new();
    let mut diagnostics = Vec::new();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                diagnostics.push(walk_error(root, &err));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        if !has_extension(path, extensions) {
            diagnostics.push(Diagnostic::warning(path, format!("ignored: {not_ours}")));
            continue;
        }
        if let Some(diagnostic) = check_inside(path, &canonical_root) {
            diagnostics.push(diagnostic);
            continue;
        }
        // A link to a file already read would read it twice (and clash with itself).
        let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        if let Some(first) = seen.get(&canonical) {
            let message = format!(
                "the same file as {} (a link to it); read once",
                first.display()
            );
            diagnostics.push(Diagnostic::warning(path, message));
            continue;
        }
        seen.insert(canonical, path.to_path_buf());
        paths.push(path.to_path_buf());
    }
    Ok((paths, diagnostics))
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|name| name.starts_with('.'))
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| extensions.contains(&ext.to_ascii_lowercase().as_str()))
}

fn walk_error(root: &Path, err: &walkdir::Error) -> Diagnostic {
    let path = err.path().unwrap_or(root);
    if let Some(ancestor) = err.loop_ancestor() {
        return Diagnostic::error(
            path,
            format!(
                "symlink loop (leads back to {}); skipped",
                ancestor.display()
            ),
        );
    }
    let reason = err
        .io_error()
        .map_or_else(|| err.to_string(), ToString::to_string);
    Diagnostic::error(path, format!("cannot read: {reason}; skipped"))
}

/// A file reached through a symlink must still lie inside the sources folder:
/// otherwise a link could pull any file on the machine into a report.
fn check_inside(path: &Path, canonical_root: &Path) -> Option<Diagnostic> {
    match path.canonicalize() {
        Ok(target) if target.starts_with(canonical_root) => None,
        Ok(target) => Some(Diagnostic::error(
            path,
            format!(
                "symlink leads outside the sources folder (to {}); skipped",
                target.display()
            ),
        )),
        Err(err) => Some(Diagnostic::error(
            path,
            format!("cannot resolve: {err}; skipped"),
        )),
    }
}

/// The bytes of a file no larger than `max_bytes`.
fn read_bytes(path: &Path, max_bytes: u64) -> Result<Vec<u8>, Diagnostic> {
    let size = std::fs::metadata(path)
        .map_err(|err| Diagnostic::error(path, format!("cannot read: {err}; skipped")))?
        .len();
    if size > max_bytes {
        return Err(Diagnostic::error(
            path,
            format!("file is {size} bytes, more than the {max_bytes}-byte limit; skipped"),
        ));
    }
    std::fs::read(path)
        .map_err(|err| Diagnostic::error(path, format!("cannot read: {err}; skipped")))
}

/// A file's text: UTF-8 (a byte-order mark is dropped), not binary, not too big.
pub fn read_text(path: &Path, max_bytes: u64) -> Result<String, Diagnostic> {
    read_text_and_mark(path, max_bytes).map(|(text, _)| text)
}

/// [`read_text`], and whether the file began with a UTF-8 byte-order mark
/// (so that a file rewritten by `annotate add` keeps it).
pub fn read_text_and_mark(path: &Path, max_bytes: u64) -> Result<(String, bool), Diagnostic> {
    let bytes = read_bytes(path, max_bytes)?;
    let marked = bytes.starts_with(UTF8_BOM);
    Ok((decode(path, &bytes)?, marked))
}

/// The UTF-8 byte-order mark.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

fn read_source(root: &Path, path: &Path) -> Result<(LoadedSource, Vec<Diagnostic>), Diagnostic> {
    let bytes = read_bytes(path, MAX_SOURCE_BYTES)?;
    let relative = path.strip_prefix(root).unwrap_or(path);
    let at_path = |mut diagnostic: Diagnostic| {
        diagnostic.path = path.to_path_buf();
        diagnostic
    };
    parse_source(relative, &bytes)
        .map(|(source, warnings)| (source, warnings.into_iter().map(at_path).collect()))
        .map_err(at_path)
}

fn drop_duplicate_ids(
    root: &Path,
    sources: Vec<LoadedSource>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<LoadedSource> {
    let mut first_by_id: BTreeMap<SourceId, PathBuf> = BTreeMap::new();
    let mut kept = Vec::with_capacity(sources.len());
    for source in sources {
        if let Some(first) = first_by_id.get(&source.id) {
            diagnostics.push(Diagnostic::error(
                &root.join(&source.path),
                format!(
                    "duplicate id `{}`: {} already has it; skipped",
                    source.id,
                    root.join(first).display()
                ),
            ));
            continue;
        }
        first_by_id.insert(source.id.clone(), source.path.clone());
        kept.push(source);
    }
    kept
}
