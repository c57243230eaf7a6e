//! `report --watch` reports again when a source arrives.

use std::process::Child;
use std::time::{Duration, Instant};

use crate::common::Workspace;

/// Kills the watcher however the test ends.
struct Watcher(Child);

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Wait (bounded) until `done` holds; the bound only stops a broken test
/// from hanging, it is not a speed requirement.
fn eventually(what: &str, done: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !done() {
        assert!(Instant::now() < deadline, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_new_source_is_reported_without_a_restart() {
    let workspace = Workspace::with_seeds();
    let _watcher = Watcher(workspace.spawn(&["report", "--watch"]));
    let report = workspace.reports().join("report.json");
    eventually("the first report", || report.exists());
    let ids = || workspace.reported_source_ids();
    eventually("five sources", || ids().len() == 5);

    workspace.write_source(
        "005.md",
        crate::common::GOOD_ARTICLE.replace("id: good", "id: \"005\""),
    );
    eventually("the sixth source in report.json", || {
        ids().contains(&"005".to_owned())
    });
    let changes =
        std::fs::read_to_string(workspace.reports().join("changes.md")).expect("changes.md");
    assert!(changes.contains("## Sources added"), "{changes}");
}
