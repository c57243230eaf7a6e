//! Helpers shared by the integration tests: temporary corpora, running the
//! binary, and finding the evaluation data sets in `../shared/eval`.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// Test runs of the binary go side by side: each embeds with one candle
/// thread (its batches then run on rayon), or the spinning element-wise
/// pools of several processes starve each other (a test run took 20 minutes
/// instead of 2; docs/embeddings.md).
const CANDLE_THREADS: (&str, &str) = ("CANDLE_NUM_THREADS", "1");

/// The bundled sources folder.
pub fn bundled_sources() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sources")
}

/// The matcher runs of the binary use unless a test asks for the default
/// (the model): these tests are about loading, annotations, changes, kills
/// and the command line, which the matcher does not touch, and a debug
/// build embeds a story in seconds, hundreds of runs in many minutes. The
/// tests of the default itself (the committed reports, byte-identical
/// regeneration, the model end to end) use [`Workspace::with_default_matcher`].
const TEST_MATCHER: (&str, &str) = ("CORROBORATE_MATCHER", "lexical");

/// A temporary working folder with `sources/`, `annotations/` and `reports/` paths.
pub struct Workspace {
    pub dir: tempfile::TempDir,
    /// Whether runs keep `report`'s default matcher (else [`TEST_MATCHER`]).
    default_matcher: bool,
}

impl Workspace {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("sources")).expect("sources");
        std::fs::create_dir_all(dir.path().join("annotations")).expect("annotations");
        Workspace {
            dir,
            default_matcher: false,
        }
    }

    /// This workspace, its runs with `report`'s default matcher, as an
    /// editor's would be.
    pub fn with_default_matcher(mut self) -> Self {
        self.default_matcher = true;
        self
    }

    /// A copy of the bundled seed sources.
    pub fn with_seeds() -> Self {
        let workspace = Workspace::new();
        for entry in std::fs::read_dir(bundled_sources()).expect("bundled sources") {
            let path = entry.expect("entry").path();
            let name = path.file_name().expect("name");
            std::fs::copy(&path, workspace.sources().join(name)).expect("copy");
        }
        workspace
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn sources(&self) -> PathBuf {
        self.dir.path().join("sources")
    }

    pub fn reports(&self) -> PathBuf {
        self.dir.path().join("reports")
    }

    pub fn write_source(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.sources().join(name);
        std::fs::write(&path, contents).expect("write source");
        path
    }

    /// `corroborate <args>` run in this folder.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::cargo_bin("corroborate").expect("binary");
        command
            .current_dir(self.path())
            .args(args)
            .env(CANDLE_THREADS.0, CANDLE_THREADS.1);
        if self.default_matcher {
            command.env_remove(TEST_MATCHER.0);
        } else {
            command.env(TEST_MATCHER.0, TEST_MATCHER.1);
        }
        command
    }

    /// `corroborate <args>` run in this folder, which must succeed (its
    /// stderr is the failure message); its output.
    pub fn succeed(&self, args: &[&str]) -> std::process::Output {
        let output = self.command(args).output().expect("run corroborate");
        assert!(
            output.status.success(),
            "corroborate {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }

    /// `corroborate <args>` started in this folder, output discarded: for
    /// runs a test waits for, kills, or starts several of at once.
    pub fn spawn(&self, args: &[&str]) -> std::process::Child {
        let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("corroborate"));
        if self.default_matcher {
            command.env_remove(TEST_MATCHER.0);
        } else {
            command.env(TEST_MATCHER.0, TEST_MATCHER.1);
        }
        command
            .args(args)
            .current_dir(self.path())
            .env(CANDLE_THREADS.0, CANDLE_THREADS.1)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start corroborate")
    }

    /// The seeds, reported cleanly: the workspace and its report.json.
    pub fn seed_report() -> (Self, serde_json::Value) {
        let workspace = Workspace::with_seeds();
        let (code, stderr) = workspace.report();
        assert_eq!(code, 0, "{stderr}");
        let report = workspace.report_json();
        (workspace, report)
    }

    /// Run `corroborate report`; return (exit code, stderr).
    pub fn report(&self) -> (i32, String) {
        let output = self.command(&["report"]).output().expect("run");
        (
            output.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    }

    pub fn report_json(&self) -> serde_json::Value {
        let text =
            std::fs::read_to_string(self.reports().join("report.json")).expect("report.json");
        serde_json::from_str(&text).expect("valid json")
    }

    /// Ids of the sources in report.json.
    pub fn reported_source_ids(&self) -> Vec<String> {
        self.report_json()["sources"]
            .as_array()
            .expect("sources")
            .iter()
            .map(|s| s["id"].as_str().unwrap_or_default().to_owned())
            .collect()
    }
}

/// A small valid article.
pub const GOOD_ARTICLE: &str = "---\nid: good\noutlet: Test Wire\npublished: 2025-12-20\n---\nThe talks in Miami ended on Sunday. Both sides called them productive.\n";

/// The one segment of `source` whose text contains `needle`.
pub fn segment<'a>(
    report: &'a serde_json::Value,
    source: &str,
    needle: &str,
) -> &'a serde_json::Value {
    let found: Vec<&serde_json::Value> = report["segments"]
        .as_array()
        .expect("segments")
        .iter()
        .filter(|s| s["source"] == source && s["text"].as_str().unwrap_or("").contains(needle))
        .collect();
    assert_eq!(found.len(), 1, "segments of {source} containing {needle:?}");
    found[0]
}

/// `path` (relative to `../shared/eval`, which is never copied into the
/// project) when it exists. When it is missing: under CI (the `CI` variable
/// set, as CI runs) the test fails naming the path, so an evaluation cannot
/// pass by not running; elsewhere the test is skipped with a visible reason.
pub fn eval_data(path: &str) -> Option<PathBuf> {
    let full = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/eval")
        .join(path);
    if full.exists() {
        return Some(full);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "evaluation data {} not found (CI is set, so a missing data set fails)",
        full.display()
    );
    // Straight to stderr, not `eprintln!`, which the test harness captures
    // from passing tests: the skip must show in a plain `cargo test`.
    let _ = writeln!(
        std::io::stderr(),
        "skipped: {} not found (set CI=true to make this fail)",
        full.display()
    );
    None
}

/// Pseudo-random fractions in [0, 1), the same sequence every run: when
/// to kill a run, so that a failure can be replayed.
pub fn fractions() -> impl FnMut() -> f64 {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        (state >> 33) as f64 / (1u64 << 31) as f64
    }
}
