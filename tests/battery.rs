//! More bad input, one case each (with tests/bad_input.rs, over 50): every
//! case ends in one clear message naming the file, no panic, and the other
//! sources still reported, or in a clean run when the input is merely odd.

mod common;

use common::{GOOD_ARTICLE, Workspace};

/// What a run over the good article plus one odd input must do.
enum Expect {
    /// Exit 2; a message naming the file and saying the phrase.
    Skipped(&'static str, &'static str),
    /// Exit 0; a warning naming the file and saying the phrase.
    Warned(&'static str, &'static str),
    /// Exit 0, no message needed: the input is odd, not wrong.
    Clean,
    /// Exit 1; an error saying the phrase (nothing can be written).
    Fatal(&'static str),
}

fn check(setup: impl FnOnce(&Workspace), expect: Expect) -> Workspace {
    let workspace = Workspace::new();
    workspace.write_source("good.md", GOOD_ARTICLE);
    setup(&workspace);
    let (code, stderr) = workspace.report();
    assert!(!stderr.contains("panicked"), "{stderr}");
    let names = |file: &str, phrase: &str| {
        stderr
            .lines()
            .any(|l| l.contains(file) && l.contains(phrase))
    };
    match expect {
        Expect::Skipped(file, phrase) => {
            assert_eq!(code, 2, "{stderr}");
            assert!(
                names(file, phrase),
                "no `{phrase}` for {file} in:\n{stderr}"
            );
        }
        Expect::Warned(file, phrase) => {
            assert_eq!(code, 0, "{stderr}");
            assert!(
                names(file, phrase),
                "no `{phrase}` for {file} in:\n{stderr}"
            );
        }
        Expect::Clean => assert_eq!(code, 0, "{stderr}"),
        Expect::Fatal(phrase) => {
            assert_eq!(code, 1, "{stderr}");
            assert!(stderr.contains(phrase), "no `{phrase}` in:\n{stderr}");
            return workspace;
        }
    }
    assert!(workspace.reported_source_ids().contains(&"good".to_owned()));
    workspace
}

macro_rules! case {
    ($name:ident, $setup:expr, $expect:expr) => {
        #[test]
        fn $name() {
            check($setup, $expect);
        }
    };
}

fn front(yaml: &str) -> String {
    format!("---\n{yaml}\n---\nPolice said the talks ended on Sunday in Miami.\n")
}

/// A setup that writes an annotation file.
fn annotation_file(name: &'static str, contents: &'static [u8]) -> impl FnOnce(&Workspace) {
    move |w| std::fs::write(w.path().join("annotations").join(name), contents).expect("write")
}

// Encodings and bytes.
case!(
    utf16_big_endian,
    |w| {
        w.write_source("be.txt", b"\xfe\xff\x00H\x00i");
    },
    Expect::Skipped("be.txt", "UTF-16")
);
case!(
    utf8_byte_order_mark_is_fine,
    |w| {
        w.write_source(
            "bom.md",
            "\u{feff}---\nid: bom\n---\nThe talks ended on Sunday.\n",
        );
    },
    Expect::Clean
);
case!(
    nul_in_the_first_bytes,
    |w| {
        w.write_source("nul.md", b"Text\x00more text");
    },
    Expect::Skipped("nul.md", "binary file")
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
    invalid_utf8_at_the_end,
    |w| {
        w.write_source("tail.md", b"The talks ended.\n\xc3");
    },
    Expect::Skipped("tail.md", "invalid UTF-8")
);
case!(
    control_characters,
    |w| {
        w.write_source("ctl.md", "The talks\x07 ended \x1b[31mon Sunday\x1b[0m.\n");
    },
    Expect::Clean
);
case!(
    crlf_line_endings,
    |w| {
        w.write_source(
            "crlf.md",
            "---\r\nid: crlf\r\n---\r\nThe talks ended on Sunday.\r\nBoth sides spoke.\r\n",
        );
    },
    Expect::Clean
);
case!(
    only_whitespace,
    |w| {
        w.write_source("blank.md", " \n\t\n \n");
    },
    Expect::Skipped("blank.md", "body is empty")
);

// Size and shape.
case!(
    a_file_over_the_size_limit,
    |w| {
        let file = std::fs::File::create(w.sources().join("huge.md")).expect("create");
        file.set_len(200 * 1024 * 1024)
            .expect("a sparse 200 MB file");
    },
    Expect::Skipped("huge.md", "byte limit")
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
    |w| {
        w.write_source(
            "page.md",
            "<html><body><div><p>The talks ended.</p></div></body></html>\n",
        );
    },
    Expect::Clean
);
case!(
    headings_only,
    |w| {
        w.write_source("heads.md", "# One\n\n## Two\n\n### Three\n");
    },
    Expect::Clean
);
case!(
    boilerplate_only,
    |w| {
        w.write_source(
            "boiler.md",
            "Subscribe to our newsletter\n\nShare this article\n",
        );
    },
    Expect::Warned("boiler.md", "no content left")
);

// Front matter.
case!(
    front_matter_alias_bomb,
    |w| {
        let bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: [*f, *f, *f, *f, *f, *f, *f, *f, *f]";
        w.write_source("bomb.md", front(bomb));
    },
    Expect::Skipped("bomb.md", "front matter")
);
case!(
    front_matter_wrong_type,
    |w| {
        w.write_source("type.md", front("title: [a, b]"));
    },
    Expect::Skipped("type.md", "front matter")
);
case!(
    front_matter_empty_is_fine,
    |w| {
        w.write_source("nofront.md", "---\n---\nThe talks ended on Sunday.\n");
    },
    Expect::Clean
);
case!(
    front_matter_only_comments,
    |w| {
        w.write_source("comments.md", front("# nothing yet"));
    },
    Expect::Clean
);
case!(
    future_publication_date,
    |w| {
        w.write_source("future.md", front("published: 2999-01-01"));
    },
    Expect::Skipped("future.md", "in the future")
);
case!(
    impossible_date,
    |w| {
        w.write_source("feb30.md", front("published: 2025-02-30"));
    },
    Expect::Skipped("feb30.md", "ISO 8601")
);
case!(
    date_time_with_zone_offset,
    |w| {
        w.write_source("zone.md", front("published: 2025-12-22T11:10:09+02:00"));
    },
    Expect::Clean
);
case!(
    id_with_spaces,
    |w| {
        w.write_source("spaces.md", front("id: my id"));
    },
    Expect::Skipped("spaces.md", "may only use")
);
case!(
    id_too_long,
    |w| {
        w.write_source("longid.md", front(&format!("id: {}", "x".repeat(200))));
    },
    Expect::Skipped("longid.md", "may only use")
);
case!(
    id_starting_with_a_dot,
    |w| {
        w.write_source("dot.md", front("id: .hidden"));
    },
    Expect::Skipped("dot.md", "may only use")
);
case!(
    file_name_with_spaces_and_accents,
    |w| {
        w.write_source("Café du monde.md", "The talks ended on Sunday.\n");
    },
    Expect::Clean
);
case!(
    same_stem_in_two_folders,
    |w| {
        std::fs::create_dir_all(w.sources().join("a")).expect("dir");
        std::fs::create_dir_all(w.sources().join("b")).expect("dir");
        std::fs::write(w.sources().join("a/story.md"), "The talks ended.\n").expect("write");
        std::fs::write(w.sources().join("b/story.md"), "The talks ended again.\n").expect("write");
    },
    Expect::Skipped("story.md", "duplicate id")
);

// Folder contents.
case!(
    a_folder_named_like_an_article,
    |w| {
        std::fs::create_dir_all(w.sources().join("folder.md")).expect("dir");
    },
    Expect::Clean
);
case!(
    hidden_files_are_skipped,
    |w| {
        w.write_source(".draft.md", b"\x00binary draft");
    },
    Expect::Clean
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

// Annotation files.
case!(
    annotation_file_binary,
    annotation_file("bin.yaml", b"\x00\x01\x02"),
    Expect::Skipped("bin.yaml", "binary file")
);
case!(
    annotation_file_invalid_utf8,
    annotation_file("latin.yaml", b"- id: caf\xe9\n"),
    Expect::Skipped("latin.yaml", "invalid UTF-8")
);
case!(
    annotation_file_not_a_list,
    annotation_file("map.yaml", b"notes: []\n"),
    Expect::Skipped("map.yaml", "map.yaml:1")
);
case!(
    annotation_alias_bomb,
    annotation_file(
        "bomb.yaml",
        b"- &a [x, x, x, x, x, x, x, x]\n- &b [*a, *a, *a, *a, *a, *a, *a, *a]\n- &c [*b, *b, *b, *b, *b, *b, *b, *b]\n- &d [*c, *c, *c, *c, *c, *c, *c, *c]\n- &e [*d, *d, *d, *d, *d, *d, *d, *d]\n- [*e, *e, *e, *e, *e, *e, *e, *e]\n"
    ),
    Expect::Skipped("bomb.yaml", "bomb.yaml:")
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

// Output.
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
        Expect::Fatal("reports")
    }
);

/// Root may write into a read-only folder, so that case only says something
/// for other users.
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

#[test]
fn an_empty_sources_folder_gives_an_empty_report() {
    let workspace = Workspace::new();
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(workspace.reported_source_ids(), Vec::<String>::new());
}

#[test]
fn a_sources_path_that_is_a_file_is_fatal() {
    let workspace = Workspace::new();
    std::fs::write(workspace.path().join("file"), "x").expect("write");
    let output = workspace
        .command(&["report", "--sources", "file"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not a folder"));
}
