//! `import jsonl`: records become sources that load, existing files are kept
//! unless `--force`, bad records are named by line.

use crate::common::Workspace;

const DUMP: &str = concat!(
    r#"{"doc_id": "a1", "content": "Police said two men were shot on Main Street on Sunday.", "title": "Two shot", "dct": "2016-12-24", "incident_id": 7}"#,
    "\n",
    r#"{"doc_id": "b2", "content": "Two men were shot on Main Street, police said."}"#,
    "\n",
    r#"{"doc_id": "c3"}"#,
    "\n",
);

fn import(workspace: &Workspace, force: bool) -> (i32, String, String) {
    let mut args = vec![
        "import",
        "jsonl",
        "dump.jsonl",
        "--id-field",
        "doc_id",
        "--text-field",
        "content",
        "--title-field",
        "title",
        "--published-field",
        "dct",
        "--group-field",
        "incident_id",
    ];
    if force {
        args.push("--force");
    }
    let output = workspace.command(&args).output().expect("run");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_dump_becomes_sources_that_report() {
    let workspace = Workspace::new();
    std::fs::write(workspace.path().join("dump.jsonl"), DUMP).expect("dump");
    let (code, stdout, stderr) = import(&workspace, false);
    assert_eq!(code, 2, "a bad record is an input error: {stderr}");
    assert!(stdout.starts_with("imported 2 of 3 records"), "{stdout}");
    assert!(
        stderr.contains("dump.jsonl:3: error: no `content` (text) field"),
        "{stderr}"
    );

    let edited = workspace.sources().join("a1.md");
    std::fs::write(&edited, "---\nid: a1\n---\nAn editor's own version.\n").expect("edit");
    let (_, stdout, stderr) = import(&workspace, false);
    assert!(stdout.contains("imported 0 of 3 records"), "{stdout}");
    assert!(
        stderr.contains("a1.md: warning: exists; kept as it is"),
        "{stderr}"
    );
    assert!(
        std::fs::read_to_string(&edited)
            .expect("read")
            .contains("own version")
    );
    let (_, stdout, _) = import(&workspace, true);
    assert!(stdout.contains("imported 2 of 3 records"), "{stdout}");

    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "{stderr}");
    let report = workspace.report_json();
    let a1 = &report["sources"][0];
    assert_eq!(a1["id"], "a1");
    assert_eq!(a1["group"], "7");
    assert_eq!(a1["published"], "2016-12-24");
}

#[test]
fn written_dates_are_imported_and_a_dropped_one_is_named_by_line() {
    let workspace = Workspace::new();
    let dump = concat!(
        r#"{"doc_id": "w1", "content": "Police said two men were shot.", "dct": "March 2, 2024"}"#,
        "\n",
        r#"{"doc_id": "w2", "content": "Two men were shot, police said.", "dct": "2024-03-03T10:00:00.000Z"}"#,
        "\n",
        r#"{"doc_id": "w3", "content": "Two men were hurt.", "dct": "3/4/2024"}"#,
        "\n",
    );
    std::fs::write(workspace.path().join("dump.jsonl"), dump).expect("dump");
    let (code, stdout, stderr) = import(&workspace, false);
    assert_eq!(code, 0, "a dropped date is a warning: {stderr}");
    assert!(stdout.starts_with("imported 3 of 3 records"), "{stdout}");
    assert!(
        stderr.contains(
            "dump.jsonl:3: warning: field `dct`: `3/4/2024` could be 2024-03-04 or 2024-04-03"
        ),
        "{stderr}"
    );
    assert_eq!(stderr.matches("warning").count(), 1, "{stderr}");
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "{stderr}");
    let report = workspace.report_json();
    let published: Vec<&serde_json::Value> =
        (0..3).map(|n| &report["sources"][n]["published"]).collect();
    assert_eq!(published[0], "2024-03-02");
    assert_eq!(published[1], "2024-03-03T10:00:00");
    assert!(published[2].is_null(), "{:?}", published[2]);
}
