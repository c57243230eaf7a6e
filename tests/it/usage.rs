//! README's usage block against the binary's own `-h`: every subcommand has a
//! line, every flag a line names exists with the default and the values the
//! line shows, and every flag the help gives is on the line (or is one of the
//! flags README's prose says every command, or every `annotate` command, takes).

use std::collections::{BTreeMap, BTreeSet};

use assert_cmd::Command;

/// Flags README documents once in prose rather than on each line.
const EVERY_COMMAND: [&str; 3] = ["--help", "--version", "--quiet"];
const EVERY_ANNOTATE_COMMAND: [&str; 2] = ["--sources", "--annotations"];

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md")
}

/// The ```sh block under "## Usage", one entry per command (continuation lines
/// joined, `#` comments dropped): "report" → its words after the command name.
fn usage_lines(readme: &str) -> BTreeMap<String, String> {
    let usage = readme
        .split_once("## Usage")
        .and_then(|(_, rest)| rest.split_once("```sh\n"))
        .and_then(|(_, rest)| rest.split_once("```"))
        .map(|(block, _)| block)
        .expect("README has a ```sh block under ## Usage");
    let mut commands: Vec<String> = Vec::new();
    for line in usage.lines() {
        let words = line.split_once('#').map_or(line, |(words, _)| words);
        if let Some(rest) = words.strip_prefix("corroborate ") {
            commands.push(rest.trim().to_owned());
        } else if let Some(last) = commands.last_mut() {
            last.push(' ');
            last.push_str(words.trim());
        }
    }
    commands
        .into_iter()
        .map(|line| {
            let name = subcommand_words(&line).join(" ");
            (name, line)
        })
        .collect()
}

/// The leading lower-case words of a usage line: `annotate add`, `report`.
fn subcommand_words(line: &str) -> Vec<&str> {
    line.split_whitespace()
        .take_while(|w| w.chars().all(|c| c.is_ascii_lowercase()))
        .collect()
}

/// `--flag value` pairs on a README line (value empty for a switch).
fn readme_flags(line: &str) -> BTreeMap<String, String> {
    let words: Vec<&str> = line
        .split_whitespace()
        .map(|w| w.trim_matches(|c| c == '[' || c == ']'))
        .collect();
    let mut flags = BTreeMap::new();
    for (at, word) in words.iter().enumerate() {
        if word.starts_with("--") {
            let value = words
                .get(at + 1)
                .filter(|next| !next.starts_with("--"))
                .copied()
                .unwrap_or_default();
            flags.insert((*word).to_owned(), value.to_owned());
        }
    }
    flags
}

/// What `-h` says of one flag: its default (`<source>.yaml` where the help
/// describes one rather than gives it) and its possible values.
#[derive(Debug, Default)]
struct HelpFlag {
    default: Option<String>,
    values: Option<BTreeSet<String>>,
}

fn help_of(words: &[&str]) -> String {
    let output = Command::cargo_bin("corroborate")
        .expect("binary")
        .args(words)
        .arg("-h")
        .env_remove("CORROBORATE_MATCHER")
        .output()
        .expect("runs");
    assert!(output.status.success(), "{words:?} -h");
    String::from_utf8(output.stdout).expect("utf-8")
}

/// The flags of a `-h` text with what each says, and the positional names.
fn help_flags(help: &str) -> (BTreeMap<String, HelpFlag>, Vec<String>) {
    let mut flags: BTreeMap<String, HelpFlag> = BTreeMap::new();
    let mut positionals = Vec::new();
    let mut current: Option<String> = None;
    for line in help.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let flag = trimmed
            .split_whitespace()
            .find(|w| w.starts_with("--"))
            .filter(|_| indent > 0 && trimmed.starts_with('-') && indent <= 6);
        if let Some(flag) = flag {
            let name = flag.trim_end_matches(',').to_owned();
            flags.insert(name.clone(), HelpFlag::default());
            current = Some(name);
        } else if indent == 2 && (trimmed.starts_with('<') || trimmed.starts_with('[')) {
            let name = trimmed
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .trim_matches(|c| "<>[].".contains(c));
            positionals.push(name.to_owned());
            current = None;
        } else if indent == 0 {
            current = None;
        }
        let Some(entry) = current.as_ref().and_then(|name| flags.get_mut(name)) else {
            continue;
        };
        if let Some((_, rest)) = line.split_once("[default: ") {
            entry.default = rest.split_once(']').map(|(value, _)| value.to_owned());
        }
        if let Some((_, rest)) = line.split_once("[possible values: ") {
            entry.values = rest
                .split_once(']')
                .map(|(values, _)| values.split(", ").map(str::to_owned).collect());
        }
    }
    (flags, positionals)
}

/// The subcommands `-h` lists (without `help`).
fn subcommands_of(help: &str) -> Vec<String> {
    help.split_once("Commands:\n")
        .map(|(_, rest)| rest)
        .unwrap_or_default()
        .lines()
        .take_while(|line| line.starts_with("  "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect()
}

/// Every leaf command, as the words that run it: ["report"], ["annotate", "add"].
fn leaf_commands(prefix: &[String]) -> Vec<Vec<String>> {
    let words: Vec<&str> = prefix.iter().map(String::as_str).collect();
    let subcommands = subcommands_of(&help_of(&words));
    if subcommands.is_empty() {
        return vec![prefix.to_vec()];
    }
    subcommands
        .into_iter()
        .flat_map(|sub| {
            let mut words = prefix.to_vec();
            words.push(sub);
            leaf_commands(&words)
        })
        .collect()
}

#[test]
fn readme_usage_agrees_with_the_help_of_every_command() {
    let readme = readme();
    let lines = usage_lines(&readme);
    let commands = leaf_commands(&[]);
    assert!(commands.len() >= 9, "{commands:?}");
    let mut problems = Vec::new();
    for command in &commands {
        let name = command.join(" ");
        let Some(line) = lines.get(&name) else {
            problems.push(format!(
                "README's usage has no line for `corroborate {name}`"
            ));
            continue;
        };
        let words: Vec<&str> = command.iter().map(String::as_str).collect();
        let (help, positionals) = help_flags(&help_of(&words));
        let documented = readme_flags(line);
        for (flag, value) in &documented {
            let Some(said) = help.get(flag) else {
                problems.push(format!(
                    "`{name}`: README shows {flag}, the help has no such flag"
                ));
                continue;
            };
            let placeholder = value.is_empty() || value.chars().any(|c| c.is_ascii_uppercase());
            if let Some(values) = &said.values {
                let shown: BTreeSet<String> = value.split('|').map(str::to_owned).collect();
                if &shown != values {
                    problems.push(format!(
                        "`{name}` {flag}: README shows {value}, the help {values:?}"
                    ));
                }
            } else if !placeholder && said.default.as_deref() != Some(value.as_str()) {
                problems.push(format!(
                    "`{name}` {flag}: README shows `{value}` as the default, the help {:?}",
                    said.default
                ));
            } else if placeholder && said.default.as_deref().is_some_and(|d| !d.starts_with('<')) {
                problems.push(format!(
                    "`{name}` {flag}: README shows a placeholder, the help a default {:?}",
                    said.default
                ));
            }
        }
        for flag in help.keys() {
            let in_prose = EVERY_COMMAND.contains(&flag.as_str())
                || (command[0] == "annotate" && EVERY_ANNOTATE_COMMAND.contains(&flag.as_str()));
            if !documented.contains_key(flag) && !in_prose {
                problems.push(format!(
                    "`{name}`: the help has {flag}, README's line does not"
                ));
            }
        }
        for positional in positionals {
            if !line.contains(&positional) {
                problems.push(format!(
                    "`{name}`: the help takes {positional}, README's line does not say it"
                ));
            }
        }
    }
    for flag in EVERY_COMMAND.iter().skip(2).chain(&EVERY_ANNOTATE_COMMAND) {
        assert!(
            readme.contains(&format!("`{flag}`")),
            "README's prose must name {flag}"
        );
    }
    for name in lines.keys() {
        if !commands.iter().any(|c| c.join(" ") == *name) {
            problems.push(format!(
                "README's usage shows `corroborate {name}`, which is no command"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_usage_check_sees_a_wrong_default_and_a_missing_flag() {
    let (help, _) = help_flags(&help_of(&["import", "jsonl"]));
    assert_eq!(help["--id-field"].default.as_deref(), Some("id"));
    assert!(help["--force"].default.is_none());
    let (help, positionals) = help_flags(&help_of(&["report"]));
    let values = help["--matcher"].values.clone().unwrap_or_default();
    assert_eq!(values.into_iter().collect::<Vec<_>>(), ["lexical", "model"]);
    assert!(positionals.is_empty());
    let documented = readme_flags("report [--out out] [--watch] [--matcher model|lexical]");
    assert_eq!(documented["--out"], "out");
    assert_eq!(documented["--watch"], "");
}
