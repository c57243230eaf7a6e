//! One test per kind of bad input: each gives one clear message naming the file
//! (and line), the other sources are still processed, and the exit code is 2.

mod common;

use common::{GOOD_ARTICLE, Workspace};

/// Run a report over the good article plus whatever `setup` adds; check exit
/// code 2, that the message names `file` and says `phrase`, and that the good
/// source made it into the report.
fn assert_skipped_with(setup: impl FnOnce(&Workspace), file: &str, phrase: &str) -> String {
    let workspace = Workspace::new();
    workspace.write_source("good.md", GOOD_ARTICLE);
    setup(&workspace);
    let (code, stderr) = workspace.report();
    assert_eq!(code, 2, "exit code; stderr: {stderr}");
    let line = stderr
        .lines()
        .find(|l| l.contains(file) && l.contains(phrase))
        .unwrap_or_else(|| panic!("no message naming {file} with `{phrase}` in:\n{stderr}"));
    assert!(workspace.reported_source_ids().contains(&"good".to_owned()));
    line.to_owned()
}

#[test]
fn invalid_utf8() {
    let line = assert_skipped_with(
        |w| {
            w.write_source("latin1.md", b"Line one.\nCaf\xe9 society.\n");
        },
        "latin1.md",
        "invalid UTF-8",
    );
    assert!(line.contains("latin1.md:2:4:"), "{line}");
}

#[test]
fn binary_file() {
    assert_skipped_with(
        |w| {
            w.write_source("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
        },
        "image.md",
        "binary file",
    );
}

#[test]
fn utf16_file() {
    assert_skipped_with(
        |w| {
            w.write_source("wide.txt", b"\xff\xfeH\x00i\x00");
        },
        "wide.txt",
        "UTF-16",
    );
}

#[test]
fn empty_body() {
    let line = assert_skipped_with(
        |w| {
            w.write_source("empty.md", "---\nid: empty\n---\n\n   \n");
        },
        "empty.md",
        "body is empty",
    );
    assert!(line.contains("empty.md:4"), "{line}");
}

#[test]
fn zero_byte_file() {
    assert_skipped_with(
        |w| {
            w.write_source("zero.txt", "");
        },
        "zero.txt",
        "body is empty",
    );
}

#[test]
fn broken_front_matter_names_line_and_column() {
    let line = assert_skipped_with(
        |w| {
            w.write_source(
                "broken.md",
                "---\nid: broken\ntitle: [unclosed\n---\nBody text here.\n",
            );
        },
        "broken.md",
        "front matter",
    );
    assert!(
        line.contains("broken.md:3:") || line.contains("broken.md:4:"),
        "{line}"
    );
}

#[test]
fn misspelled_front_matter_key() {
    let line = assert_skipped_with(
        |w| {
            w.write_source(
                "typo.md",
                "---\nid: typo\ntitel: Oops\n---\nBody text here.\n",
            );
        },
        "typo.md",
        "titel",
    );
    assert!(line.contains("typo.md:3:"), "{line}");
}

#[test]
fn duplicate_key_in_front_matter() {
    assert_skipped_with(
        |w| {
            w.write_source("dupkey.md", "---\nid: a\nid: b\n---\nBody text here.\n");
        },
        "dupkey.md",
        "front matter",
    );
}

#[test]
fn front_matter_that_is_not_a_map() {
    assert_skipped_with(
        |w| {
            w.write_source("list.md", "---\n- one\n- two\n---\nBody text here.\n");
        },
        "list.md",
        "front matter",
    );
}

#[test]
fn unclosed_front_matter() {
    assert_skipped_with(
        |w| {
            w.write_source(
                "open.md",
                "---\nid: open\nBody text but no closing fence.\n",
            );
        },
        "open.md",
        "never closed",
    );
}

#[test]
fn unparseable_date_keeps_the_article() {
    let workspace = Workspace::new();
    workspace.write_source("good.md", GOOD_ARTICLE);
    workspace.write_source(
        "dated.md",
        "---\nid: dated\npublished: last Tuesday\n---\nBody text here.\n",
    );
    let (code, stderr) = workspace.report();
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("dated.md:3:"), "{stderr}");
    assert!(stderr.contains("not an ISO 8601 date"), "{stderr}");
    let ids = workspace.reported_source_ids();
    assert!(ids.contains(&"dated".to_owned()) && ids.contains(&"good".to_owned()));
}

#[test]
fn duplicate_ids() {
    let line = assert_skipped_with(
        |w| {
            w.write_source("zzz-copy.md", GOOD_ARTICLE);
        },
        "zzz-copy.md",
        "duplicate id `good`",
    );
    assert!(line.contains("good.md already has it"), "{line}");
}

#[test]
fn unsafe_id_is_rejected() {
    assert_skipped_with(
        |w| {
            w.write_source("evil.md", "---\nid: ../../etc/x\n---\nBody text here.\n");
        },
        "evil.md",
        "may only use letters",
    );
}

#[cfg(unix)]
#[test]
fn symlink_outside_sources() {
    let outside = tempfile::NamedTempFile::new().expect("temp");
    std::fs::write(outside.path(), "Secret text outside the sources folder.\n").expect("write");
    assert_skipped_with(
        |w| {
            std::os::unix::fs::symlink(outside.path(), w.sources().join("link.md"))
                .expect("symlink");
        },
        "link.md",
        "outside the sources folder",
    );
}

#[cfg(unix)]
#[test]
fn dangling_symlink_is_unreadable() {
    assert_skipped_with(
        |w| {
            std::os::unix::fs::symlink("/nonexistent/nowhere.md", w.sources().join("gone.md"))
                .expect("symlink");
        },
        "gone.md",
        "cannot read",
    );
}

#[cfg(unix)]
#[test]
fn symlink_loop() {
    assert_skipped_with(
        |w| {
            std::fs::create_dir(w.sources().join("sub")).expect("dir");
            std::os::unix::fs::symlink("..", w.sources().join("sub").join("loop"))
                .expect("symlink");
        },
        "loop",
        "symlink loop",
    );
}

#[cfg(unix)]
#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let workspace = Workspace::new();
    workspace.write_source("good.md", GOOD_ARTICLE);
    let locked = workspace.write_source("locked.md", "Some text.\n");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&locked).is_ok() {
        // Running as root: permissions do not stop reads, so there is nothing to test here;
        // `dangling_symlink_is_unreadable` covers the read-error path.
        return;
    }
    let (code, stderr) = workspace.report();
    assert_eq!(code, 2);
    assert!(
        stderr.contains("locked.md") && stderr.contains("cannot read"),
        "{stderr}"
    );
}

#[test]
fn missing_sources_folder_is_fatal() {
    let workspace = Workspace::new();
    let output = workspace
        .command(&["report", "--sources", "no-such-folder"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no-such-folder") && stderr.contains("does not exist"),
        "{stderr}"
    );
}

#[test]
fn out_that_is_a_file_is_fatal() {
    let workspace = Workspace::new();
    workspace.write_source("good.md", GOOD_ARTICLE);
    std::fs::write(workspace.path().join("reports"), "not a folder").expect("write");
    let output = workspace.command(&["report"]).output().expect("run");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("is not a folder"));
}

#[test]
fn plain_text_without_front_matter_uses_the_file_stem() {
    let workspace = Workspace::new();
    workspace.write_source(
        "wire story.txt",
        "Plain text works. No front matter needed.\n",
    );
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        workspace.reported_source_ids(),
        vec!["wire-story".to_owned()]
    );
}

#[test]
fn other_extensions_are_ignored_with_a_warning() {
    let workspace = Workspace::new();
    workspace.write_source("good.md", GOOD_ARTICLE);
    workspace.write_source("photo.jpg", b"\xff\xd8\xff");
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("photo.jpg: warning: ignored"), "{stderr}");
}

#[test]
fn clean_run_exits_zero() {
    let workspace = Workspace::new();
    workspace.write_source("good.md", GOOD_ARTICLE);
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "{stderr}");
}
