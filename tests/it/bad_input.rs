//! Bad input, one case each: every case runs `corroborate report` over a good
//! article plus one bad or odd input and must end in one clear message naming
//! the file (and line), no panic, the other sources still reported, exit 2;
//! a warning and exit 0 when the input is merely suspect; a clean run when it
//! is odd, not wrong; exit 1 with an error only when nothing can be written.
//!
//! One harness (`check`) runs every case; the `case!` lines are the table,
//! and cases that assert more (the line and column, which sources were kept)
//! are functions calling `check` and looking at what it returns.

use crate::common::{GOOD_ARTICLE, Workspace};

/// What a run over one odd input must do.
enum Expect {
    /// Exit 2; a message line naming the file and saying the phrase.
    Error(&'static str, &'static str),
    /// Exit 0; a warning line naming the file and saying the phrase.
    Warned(&'static str, &'static str),
    /// Exit 0, no message needed: the input is odd, not wrong.
    Clean,
    /// Exit 1; an error line naming the path and saying the phrase (nothing
    /// can be written, so the good article is not looked for in a report).
    Fatal(&'static str, &'static str),
}

/// How a case is run: the arguments, and whether the good article is there.
struct Run {
    args: &'static [&'static str],
    with_good_article: bool,
}

/// `corroborate report` beside the good article: most cases.
const BESIDE_GOOD: Run = Run {
    args: &["report"],
    with_good_article: true,
};

/// `corroborate <args>` over only what the case's setup writes.
const fn alone(args: &'static [&'static str]) -> Run {
    Run {
        args,
        with_good_article: false,
    }
}

/// What a case's run left: the workspace, and the message line that met the
/// expectation (empty for `Clean`).
struct Outcome {
    workspace: Workspace,
    line: String,
    stderr: String,
}

/// The harness: `setup` adds the odd input beside the good article.
fn check(setup: impl FnOnce(&Workspace), expect: Expect) -> Outcome {
    check_run(BESIDE_GOOD, setup, expect)
}

fn check_run(run: Run, setup: impl FnOnce(&Workspace), expect: Expect) -> Outcome {
    let workspace = Workspace::new();
    if run.with_good_article {
        workspace.write_source("good.md", GOOD_ARTICLE);
    }
    setup(&workspace);
    let output = workspace.command(run.args).output().expect("run");
    let code = output.status.code().unwrap_or(-1);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    let line_naming = |file: &str, phrase: &str| {
        stderr
            .lines()
            .find(|l| l.contains(file) && l.contains(phrase))
            .unwrap_or_else(|| panic!("no `{phrase}` for {file} in:\n{stderr}"))
            .to_owned()
    };
    let (expected_code, line) = match expect {
        Expect::Error(file, phrase) => (2, line_naming(file, phrase)),
        Expect::Warned(file, phrase) => (0, line_naming(file, phrase)),
        Expect::Clean => (0, String::new()),
        Expect::Fatal(path, phrase) => (1, line_naming(path, phrase)),
    };
    assert_eq!(code, expected_code, "exit code; stderr: {stderr}");
    if run.with_good_article && expected_code != 1 {
        assert!(
            workspace.reported_source_ids().contains(&"good".to_owned()),
            "the good article is reported; stderr: {stderr}"
        );
    }
    Outcome {
        workspace,
        line,
        stderr,
    }
}

/// One `#[test]` per case, each running `check`.
macro_rules! case {
    ($name:ident, $setup:expr, $expect:expr) => {
        #[test]
        fn $name() {
            check($setup, $expect);
        }
    };
}

/// An article with this front matter and a one-sentence body.
fn front(yaml: &str) -> String {
    format!("---\n{yaml}\n---\nPolice said the talks ended on Sunday in Miami.\n")
}

/// A setup that writes one source file.
fn source(name: &'static str, contents: &'static [u8]) -> impl FnOnce(&Workspace) {
    move |w| {
        w.write_source(name, contents);
    }
}

/// A setup that writes an annotation file.
fn annotation_file(name: &'static str, contents: &'static [u8]) -> impl FnOnce(&Workspace) {
    move |w| std::fs::write(w.path().join("annotations").join(name), contents).expect("write")
}

/// Root may read and write whatever the permissions say, so the permission
/// cases only say something for other users.
fn running_as_root() -> bool {
    std::env::var("USER").is_ok_and(|u| u == "root")
        || std::path::Path::new("/root").metadata().is_ok_and(|m| {
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt as _;
                m.uid() == 0 && std::fs::read_dir("/root").is_ok()
            }
            #[cfg(not(unix))]
            {
                let _ = m;
                false
            }
        })
}

// Encodings and bytes.
#[test]
fn invalid_utf8() {
    let outcome = check(
        source("latin1.md", b"Line one.\nCaf\xe9 society.\n"),
        Expect::Error("latin1.md", "invalid UTF-8"),
    );
    assert!(outcome.line.contains("latin1.md:2:4:"), "{}", outcome.line);
}
case!(
    invalid_utf8_at_the_end,
    source("tail.md", b"The talks ended.\n\xc3"),
    Expect::Error("tail.md", "invalid UTF-8")
);
case!(
    binary_file,
    source("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    Expect::Error("image.md", "binary file")
);
case!(
    nul_in_the_first_bytes,
    source("nul.md", b"Text\x00more text"),
    Expect::Error("nul.md", "binary file")
);
case!(
    nul_after_the_sniffed_part_is_text,
    |w| {
        let mut bytes = "Police said two people were hurt. "
            .repeat(400)
            .into_bytes();
        bytes.push(0);
        bytes.extend_from_slice(b" The end.");
        w.write_source("late-nul.md", bytes);
    },
    Expect::Clean
);
case!(
    utf16_file,
    source("wide.txt", b"\xff\xfeH\x00i\x00"),
    Expect::Error("wide.txt", "UTF-16")
);
case!(
    utf16_big_endian,
    source("be.txt", b"\xfe\xff\x00H\x00i"),
    Expect::Error("be.txt", "UTF-16")
);
case!(
    utf8_byte_order_mark_is_fine,
    source(
        "bom.md",
        "\u{feff}---\nid: bom\n---\nThe talks ended on Sunday.\n".as_bytes()
    ),
    Expect::Clean
);
case!(
    control_characters,
    source("ctl.md", b"The talks\x07 ended \x1b[31mon Sunday\x1b[0m.\n"),
    Expect::Clean
);
case!(
    crlf_line_endings,
    source(
        "crlf.md",
        b"---\r\nid: crlf\r\n---\r\nThe talks ended on Sunday.\r\nBoth sides spoke.\r\n"
    ),
    Expect::Clean
);

// Empty and near-empty files.
#[test]
fn empty_body() {
    let outcome = check(
        source("empty.md", b"---\nid: empty\n---\n\n   \n"),
        Expect::Error("empty.md", "body is empty"),
    );
    assert!(outcome.line.contains("empty.md:4"), "{}", outcome.line);
}
case!(
    zero_byte_file,
    source("zero.txt", b""),
    Expect::Error("zero.txt", "body is empty")
);
case!(
    only_whitespace,
    source("blank.md", b" \n\t\n \n"),
    Expect::Error("blank.md", "body is empty")
);
case!(
    boilerplate_only,
    source(
        "boiler.md",
        b"Subscribe to our newsletter\n\nShare this article\n"
    ),
    Expect::Warned("boiler.md", "no content left")
);

// Size and shape.
case!(
    a_file_over_the_size_limit,
    |w| {
        let file = std::fs::File::create(w.sources().join("huge.md")).expect("create");
        file.set_len(200 * 1024 * 1024)
            .expect("a sparse 200 MB file");
    },
    Expect::Error("huge.md", "byte limit")
);
case!(
    a_single_five_megabyte_line,
    |w| {
        w.write_source("long.md", "word ".repeat(1024 * 1024));
    },
    Expect::Clean
);
case!(
    deeply_nested_quotes,
    |w| {
        w.write_source(
            "nested.md",
            format!("{} The talks ended.\n", ">".repeat(20_000)),
        );
    },
    Expect::Clean
);
case!(
    deeply_nested_lists,
    |w| {
        let text: String = (0..2_000)
            .map(|depth| format!("{}- item {depth}\n", "  ".repeat(depth)))
            .collect();
        w.write_source("lists.md", text);
    },
    Expect::Clean
);
case!(
    many_short_lines,
    |w| {
        w.write_source("lines.md", "Short line here.\n".repeat(50_000));
    },
    Expect::Clean
);
case!(
    html_only,
    source(
        "page.md",
        b"<html><body><div><p>The talks ended.</p></div></body></html>\n"
    ),
    Expect::Clean
);
case!(
    headings_only,
    source("heads.md", b"# One\n\n## Two\n\n### Three\n"),
    Expect::Clean
);

// Front matter.
#[test]
fn broken_front_matter_names_line_and_column() {
    let outcome = check(
        source(
            "broken.md",
            b"---\nid: broken\ntitle: [unclosed\n---\nBody text here.\n",
        ),
        Expect::Error("broken.md", "front matter"),
    );
    let line = &outcome.line;
    assert!(
        line.contains("broken.md:3:") || line.contains("broken.md:4:"),
        "{line}"
    );
}
#[test]
fn unknown_front_matter_key_is_a_warning_and_keeps_the_article() {
    let outcome = check(
        source(
            "typo.md",
            b"---\nid: typo\ntitel: Oops\ntags: [a, b]\n---\nBody text here.\n",
        ),
        Expect::Warned("typo.md", "unknown key `tags` is ignored"),
    );
    let stderr = &outcome.stderr;
    assert!(
        stderr.contains("typo.md:3:1: warning: front matter: unknown key `titel`"),
        "{stderr}"
    );
    assert!(
        outcome
            .workspace
            .reported_source_ids()
            .contains(&"typo".to_owned())
    );
}
#[test]
fn front_matter_aliases_mean_the_key_they_stand_for() {
    let outcome = check(
        source(
            "aliased.md",
            b"---\nid: aliased\nauthors: [Jane Doe, John Roe]\ndate: 2024-03-03T10:00:00.000Z\n\
              source: Example Times\nlink: https://example.com/a\n---\nBody text here.\n",
        ),
        Expect::Clean,
    );
    let report = outcome.workspace.report_json();
    let aliased = report["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .find(|s| s["id"] == "aliased")
        .expect("aliased kept");
    assert_eq!(aliased["byline"], "Jane Doe, John Roe");
    assert_eq!(aliased["published"], "2024-03-03T10:00:00");
    assert_eq!(aliased["outlet"], "Example Times");
    assert_eq!(aliased["url"], "https://example.com/a");
}
case!(
    a_key_and_its_alias_together_are_a_duplicate,
    source(
        "twice.md",
        b"---\nid: twice\nbyline: A\nauthor: B\n---\nBody text here.\n"
    ),
    Expect::Error("twice.md", "front matter")
);
case!(
    duplicate_key_in_front_matter,
    source("dupkey.md", b"---\nid: a\nid: b\n---\nBody text here.\n"),
    Expect::Error("dupkey.md", "front matter")
);
case!(
    front_matter_that_is_not_a_map,
    source("list.md", b"---\n- one\n- two\n---\nBody text here.\n"),
    Expect::Error("list.md", "front matter")
);
case!(
    unclosed_front_matter,
    source(
        "open.md",
        b"---\nid: open\nBody text but no closing fence.\n"
    ),
    Expect::Error("open.md", "never closed")
);
case!(
    front_matter_alias_bomb,
    |w| {
        let bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: [*f, *f, *f, *f, *f, *f, *f, *f, *f]";
        w.write_source("bomb.md", front(bomb));
    },
    Expect::Error("bomb.md", "front matter")
);
case!(
    front_matter_wrong_type,
    |w| {
        w.write_source("type.md", front("title: [a, b]"));
    },
    Expect::Error("type.md", "front matter")
);
case!(
    front_matter_empty_is_fine,
    source("nofront.md", b"---\n---\nThe talks ended on Sunday.\n"),
    Expect::Clean
);
case!(
    front_matter_only_comments,
    |w| {
        w.write_source("comments.md", front("# nothing yet"));
    },
    Expect::Clean
);

// Dates.
#[test]
fn unparseable_date_keeps_the_article() {
    let outcome = check(
        source(
            "dated.md",
            b"---\nid: dated\npublished: last Tuesday\n---\nBody text here.\n",
        ),
        Expect::Error("dated.md:3:", "not a date this reads"),
    );
    let ids = outcome.workspace.reported_source_ids();
    assert!(ids.contains(&"dated".to_owned()) && ids.contains(&"good".to_owned()));
}
case!(
    future_publication_date,
    |w| {
        w.write_source("future.md", front("published: 2999-01-01"));
    },
    Expect::Error("future.md", "in the future")
);
case!(
    impossible_date,
    |w| {
        w.write_source("feb30.md", front("published: 2025-02-30"));
    },
    Expect::Error("feb30.md", "not a date this reads")
);
case!(
    written_date_as_pages_give_it,
    |w| {
        w.write_source("written.md", front("published: March 2, 2024"));
    },
    Expect::Clean
);
case!(
    slashed_date_that_reads_two_ways,
    |w| {
        w.write_source("slashed.md", front("published: 3/4/2025"));
    },
    Expect::Error("slashed.md:", "could be 2025-03-04 or 2025-04-03")
);
case!(
    date_time_with_zone_offset,
    |w| {
        w.write_source("zone.md", front("published: 2025-12-22T11:10:09+02:00"));
    },
    Expect::Clean
);

// Ids and file names.
#[test]
fn duplicate_ids() {
    let outcome = check(
        source("zzz-copy.md", GOOD_ARTICLE.as_bytes()),
        Expect::Error("zzz-copy.md", "duplicate id `good`"),
    );
    assert!(
        outcome.line.contains("good.md already has it"),
        "{}",
        outcome.line
    );
}
case!(
    same_stem_in_two_folders,
    |w| {
        std::fs::create_dir_all(w.sources().join("a")).expect("dir");
        std::fs::create_dir_all(w.sources().join("b")).expect("dir");
        std::fs::write(w.sources().join("a/story.md"), "The talks ended.\n").expect("write");
        std::fs::write(w.sources().join("b/story.md"), "The talks ended again.\n").expect("write");
    },
    Expect::Error("story.md", "duplicate id")
);
case!(
    unsafe_id_is_rejected,
    source("evil.md", b"---\nid: ../../etc/x\n---\nBody text here.\n"),
    Expect::Error("evil.md", "may only use letters")
);
case!(
    id_with_spaces,
    |w| {
        w.write_source("spaces.md", front("id: my id"));
    },
    Expect::Error("spaces.md", "may only use")
);
case!(
    id_too_long,
    |w| {
        w.write_source("longid.md", front(&format!("id: {}", "x".repeat(200))));
    },
    Expect::Error("longid.md", "may only use")
);
case!(
    id_starting_with_a_dot,
    |w| {
        w.write_source("dot.md", front("id: .hidden"));
    },
    Expect::Error("dot.md", "may only use")
);
case!(
    file_name_with_spaces_and_accents,
    source("Café du monde.md", b"The talks ended on Sunday.\n"),
    Expect::Clean
);
#[test]
fn plain_text_without_front_matter_uses_the_file_stem() {
    let outcome = check_run(
        alone(&["report"]),
        source(
            "wire story.txt",
            b"Plain text works. No front matter needed.\n",
        ),
        Expect::Clean,
    );
    // A stem that is no id as it stands ("wire story") is made one, with a
    // hash of the name as written: "wire-story.txt" is another file.
    let ids = outcome.workspace.reported_source_ids();
    assert_eq!(ids.len(), 1);
    assert!(ids[0].starts_with("wire-story-"), "{ids:?}");
}

#[test]
fn file_names_that_read_alike_keep_apart() {
    let workspace = Workspace::new();
    for name in ["café.md", "cafè.md", "été-ميامي-😀.md"] {
        workspace.write_source(name, "The talks ended on Sunday in Miami.\n");
    }
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "no id repeated, nothing skipped: {stderr}");
    let ids = workspace.reported_source_ids();
    assert_eq!(ids.len(), 3, "{ids:?}");
    assert_eq!(
        ids.iter().filter(|id| id.starts_with("cafe-")).count(),
        2,
        "{ids:?}"
    );
    assert!(ids.iter().any(|id| id.starts_with("ete-")), "{ids:?}");
}

// Folder contents: links, folders, other files.
#[cfg(unix)]
#[test]
fn symlink_outside_sources() {
    let outside = tempfile::NamedTempFile::new().expect("temp");
    std::fs::write(outside.path(), "Secret text outside the sources folder.\n").expect("write");
    check(
        |w| {
            std::os::unix::fs::symlink(outside.path(), w.sources().join("link.md"))
                .expect("symlink");
        },
        Expect::Error("link.md", "outside the sources folder"),
    );
}
#[cfg(unix)]
case!(
    dangling_symlink_is_unreadable,
    |w| {
        std::os::unix::fs::symlink("/nonexistent/nowhere.md", w.sources().join("gone.md"))
            .expect("symlink");
    },
    Expect::Error("gone.md", "cannot read")
);
#[cfg(unix)]
case!(
    symlink_loop,
    |w| {
        std::fs::create_dir(w.sources().join("sub")).expect("dir");
        std::os::unix::fs::symlink("..", w.sources().join("sub").join("loop")).expect("symlink");
    },
    Expect::Error("loop", "symlink loop")
);
case!(
    a_link_to_another_source_is_read_once,
    |w| {
        #[cfg(unix)]
        std::os::unix::fs::symlink(w.sources().join("good.md"), w.sources().join("alias.md"))
            .expect("symlink");
    },
    Expect::Clean
);
#[cfg(unix)]
case!(
    unreadable_file,
    |w| {
        use std::os::unix::fs::PermissionsExt as _;
        let locked = w.write_source("locked.md", "Some text.\n");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    },
    // As root, permissions do not stop reads and the file is simply read;
    // `dangling_symlink_is_unreadable` covers the read-error path.
    if running_as_root() {
        Expect::Clean
    } else {
        Expect::Error("locked.md", "cannot read")
    }
);
case!(
    a_folder_named_like_an_article,
    |w| {
        std::fs::create_dir_all(w.sources().join("folder.md")).expect("dir");
    },
    Expect::Clean
);
case!(
    hidden_files_are_skipped,
    source(".draft.md", b"\x00binary draft"),
    Expect::Clean
);
case!(
    other_extensions_are_ignored_with_a_warning,
    source("photo.jpg", b"\xff\xd8\xff"),
    Expect::Warned("photo.jpg", "warning: ignored")
);

// Annotation files.
case!(
    annotation_file_binary,
    annotation_file("bin.yaml", b"\x00\x01\x02"),
    Expect::Error("bin.yaml", "binary file")
);
case!(
    annotation_file_invalid_utf8,
    annotation_file("latin.yaml", b"- id: caf\xe9\n"),
    Expect::Error("latin.yaml", "invalid UTF-8")
);
case!(
    annotation_file_not_a_list,
    annotation_file("map.yaml", b"notes: []\n"),
    Expect::Error("map.yaml", "map.yaml:1")
);
case!(
    annotation_alias_bomb,
    annotation_file(
        "bomb.yaml",
        b"- &a [x, x, x, x, x, x, x, x]\n- &b [*a, *a, *a, *a, *a, *a, *a, *a]\n- &c [*b, *b, *b, *b, *b, *b, *b, *b]\n- &d [*c, *c, *c, *c, *c, *c, *c, *c]\n- &e [*d, *d, *d, *d, *d, *d, *d, *d]\n- [*e, *e, *e, *e, *e, *e, *e, *e]\n"
    ),
    Expect::Error("bomb.yaml", "bomb.yaml:")
);
case!(
    annotation_for_a_missing_source,
    annotation_file(
        "gone.yaml",
        b"- id: gone\n  target: {source: nowhere, quote: {exact: talks ended}}\n  status: note\n"
    ),
    Expect::Warned("gone.yaml", "orphaned")
);
case!(
    annotation_with_an_unsafe_source_id,
    annotation_file(
        "unsafe.yaml",
        b"- id: x\n  target: {source: ../../etc/passwd, quote: {exact: root}}\n  status: note\n"
    ),
    Expect::Warned("unsafe.yaml", "orphaned")
);
case!(
    annotation_files_of_other_kinds_are_ignored,
    annotation_file("notes.txt", b"loose notes"),
    Expect::Warned("notes.txt", "not an annotation file")
);

// The folders themselves.
case!(clean_run_exits_zero, |_| {}, Expect::Clean);
#[test]
fn an_empty_sources_folder_gives_an_empty_report() {
    let outcome = check_run(alone(&["report"]), |_| {}, Expect::Clean);
    assert_eq!(
        outcome.workspace.reported_source_ids(),
        Vec::<String>::new()
    );
}
#[test]
fn missing_sources_folder_is_fatal() {
    check_run(
        alone(&["report", "--sources", "no-such-folder"]),
        |_| {},
        Expect::Fatal("no-such-folder", "does not exist"),
    );
}
#[test]
fn a_sources_path_that_is_a_file_is_fatal() {
    check_run(
        alone(&["report", "--sources", "file"]),
        |w| std::fs::write(w.path().join("file"), "x").expect("write"),
        Expect::Fatal("file", "not a folder"),
    );
}
case!(
    out_that_is_a_file_is_fatal,
    |w| std::fs::write(w.path().join("reports"), "not a folder").expect("write"),
    Expect::Fatal("reports", "is not a folder")
);
case!(
    a_read_only_reports_folder,
    |w| {
        let out = w.reports();
        std::fs::create_dir_all(&out).expect("dir");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o555)).expect("chmod");
        }
    },
    if running_as_root() {
        Expect::Clean
    } else {
        Expect::Fatal("reports", "")
    }
);
