//! `corroborate completions SHELL` and `corroborate man`: generated from the
//! clap definitions of [`crate::cli::Args`], so they never disagree with `--help`.

use std::path::Path;

use clap::CommandFactory as _;

use crate::commands::Outcome;
use crate::error::{Error, Result};
use crate::write;

/// The binary's name, as completions and pages call it.
const BIN: &str = "corroborate";

pub(super) fn completions(shell: clap_complete::Shell) -> Result<Outcome> {
    let mut command = crate::cli::Args::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, BIN, &mut script);
    Ok(Outcome {
        stdout: utf8(script, "the completion script")?,
        ..Outcome::default()
    })
}

pub(super) fn man(out: Option<&Path>) -> Result<Outcome> {
    let mut command = crate::cli::Args::command().disable_help_subcommand(true);
    command.build();
    let mut pages = Vec::new();
    collect_pages(&command, &mut pages)?;
    let Some(out) = out else {
        // The top page alone on stdout, as `man -l -` reads it.
        let top = pages.pop().map(|(_, page)| page).unwrap_or_default();
        return Ok(Outcome {
            stdout: top,
            ..Outcome::default()
        });
    };
    write::create_folder(out)?;
    let written = write::write_all(out, &pages)?;
    Ok(Outcome {
        written,
        ..Outcome::default()
    })
}

/// `(file name, roff)` of `command`'s page and of each subcommand's
/// (`corroborate-annotate-add.1`), subcommands first, the top page last.
fn collect_pages(command: &clap::Command, pages: &mut Vec<(String, String)>) -> Result<()> {
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        collect_pages(sub, pages)?;
    }
    let page = clap_mangen::Man::new(command.clone());
    let mut roff = Vec::new();
    page.render(&mut roff)
        .map_err(|e| Error::io("rendering the manual page", Path::new(BIN), e))?;
    pages.push((page.get_filename(), utf8(roff, "the manual page")?));
    Ok(())
}

/// Generated text is UTF-8 by construction; a failure is a bug, said as one.
fn utf8(bytes: Vec<u8>, what: &'static str) -> Result<String> {
    String::from_utf8(bytes).map_err(|err| Error::Serialise {
        what,
        message: err.to_string(),
    })
}
