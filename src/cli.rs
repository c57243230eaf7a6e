//! Command-line arguments (clap derive) → validated [`Config`].
//!
//! Raw [`Args`] are what the user typed; [`Args::into_config`] checks them once
//! so no stage ever sees an unchecked value.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::annotate::Status;
use crate::annotate::add::AddRequest;
use crate::config::{
    AnnotateAction, AnnotateConfig, Config, ImportConfig, OutputFormat, PairsConfig, PairsInput,
    ReportConfig, SegmentsConfig,
};
use crate::error::{Error, Result};
use crate::import::Fields;
use crate::model::{InvalidId, SourceId, checked_id, is_valid_id};
use crate::pipeline::Matcher;

/// Line up news articles sentence by sentence and report what is corroborated,
/// single-source or conflicting.
#[derive(Debug, Parser)]
#[command(name = "corroborate", version, about, long_about = None)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Print only errors (and what a command prints as its answer): no
    /// warnings, no list of files written, no summary, no progress bar.
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

/// `--matcher`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MatcherArg {
    /// Word overlaps and the sentence-embedding model.
    Model,
    /// Word overlaps only.
    Lexical,
}

impl From<MatcherArg> for Matcher {
    fn from(arg: MatcherArg) -> Matcher {
        match arg {
            MatcherArg::Model => Matcher::Embeddings,
            MatcherArg::Lexical => Matcher::Lexical,
        }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read the sources and annotations and write reports (report.json, index.md).
    Report {
        /// Folder of articles (.md, .markdown, .txt; YAML front matter optional).
        #[arg(long, default_value = "sources")]
        sources: PathBuf,
        /// Folder of editor annotations (*.yaml).
        #[arg(long, default_value = crate::load::DEFAULT_ANNOTATIONS_FOLDER)]
        annotations: PathBuf,
        /// Folder to write the reports to (created if missing).
        #[arg(long, default_value = "reports")]
        out: PathBuf,
        /// Keep running and report again whenever a source or annotation
        /// file changes (stop with Ctrl-C).
        #[arg(long)]
        watch: bool,
        /// How claims are matched: `model` (word overlaps and the shipped
        /// sentence-embedding model: finds support stated in other words) or
        /// `lexical` (word overlaps only: about 2 s less on the bundled story,
        /// 150 times less on thousands of articles).
        #[arg(long, value_enum, default_value_t = MatcherArg::Model, env = "CORROBORATE_MATCHER")]
        matcher: MatcherArg,
        /// Stop with an error, rather than wait, when another run is writing
        /// into the same output folder.
        #[arg(long)]
        no_wait: bool,
        /// Embed every sentence anew, neither reading nor writing the cache of
        /// embeddings in the output folder (`.cache/`); the reports are the same.
        #[arg(long)]
        no_cache: bool,
    },
    /// Print every segment (id, file line, text), or those of one source.
    Segments {
        /// Only this source id.
        source: Option<SourceId>,
        /// Folder of articles.
        #[arg(long, default_value = "sources")]
        sources: PathBuf,
        /// Print tab-separated lines (`text`) or one JSON document (`json`).
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// Add, list or check editor annotations (annotations/*.yaml).
    Annotate {
        /// What to do with annotations.
        #[command(subcommand)]
        action: AnnotateCommand,
        /// Folder of articles.
        #[arg(long, default_value = "sources", global = true)]
        sources: PathBuf,
        /// Folder of editor annotations (*.yaml).
        #[arg(long, default_value = crate::load::DEFAULT_ANNOTATIONS_FOLDER, global = true)]
        annotations: PathBuf,
    },
    /// Turn a dump of articles into sources (one Markdown file with front
    /// matter per record).
    Import {
        /// The dump's format.
        #[command(subcommand)]
        format: ImportCommand,
    },
    /// Score sentence pairs: reads `id<TAB>text1<TAB>text2` lines, prints
    /// `id<TAB>score<TAB>same|different|conflict` (a conflict followed by
    /// what differs, a tab-separated field each).
    Pairs {
        /// File of pairs, or `-` for standard input.
        file: PathBuf,
        /// Print tab-separated lines (`text`) or one JSON document (`json`).
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// Manage the cache of sentence embeddings kept in the reports folder.
    Cache {
        /// What to do with the cache.
        #[command(subcommand)]
        action: CacheCommand,
    },
    /// Print a shell completion script (see README, "Shell completions and
    /// the manual").
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or with --out write one page per command
    /// into a folder.
    Man {
        /// Folder to write `corroborate.1` and a `corroborate-<command>.1` page
        /// per command to (created if missing).
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// `import` formats.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// JSON Lines: one JSON object per line (crawler and news-API dumps).
    Jsonl {
        /// The .jsonl file.
        file: PathBuf,
        /// Field holding the record's id (becomes the source id and file name).
        #[arg(long, default_value = "id")]
        id_field: String,
        /// Field holding the article text.
        #[arg(long, default_value = "text")]
        text_field: String,
        /// Field holding the headline.
        #[arg(long)]
        title_field: Option<String>,
        /// Field holding the outlet.
        #[arg(long)]
        outlet_field: Option<String>,
        /// Field holding the publication date (ISO 8601).
        #[arg(long)]
        published_field: Option<String>,
        /// Field holding the URL.
        #[arg(long)]
        url_field: Option<String>,
        /// Field holding the group (incident, topic) a record belongs to.
        #[arg(long)]
        group_field: Option<String>,
        /// Folder to write the sources to.
        #[arg(long, default_value = "sources")]
        sources: PathBuf,
        /// Replace source files that already exist (they are skipped otherwise).
        #[arg(long)]
        force: bool,
    },
}

/// `cache` subcommands.
#[derive(Debug, Subcommand)]
pub enum CacheCommand {
    /// Remove the cache (`<out>/.cache/`): the next report embeds every
    /// sentence again, to the same reports.
    Clear {
        /// The reports folder whose cache to remove.
        #[arg(long, default_value = "reports")]
        out: PathBuf,
        /// Stop with an error, rather than wait, when a run is writing into
        /// the reports folder.
        #[arg(long)]
        no_wait: bool,
    },
}

/// `annotate` subcommands.
#[derive(Debug, Subcommand)]
pub enum AnnotateCommand {
    /// Annotate a sentence: appends an entry to an annotation file, atomically.
    /// Refuses a quote that is not in the source, or is there more than once.
    Add {
        /// The source id (see `corroborate segments`).
        #[arg(long)]
        source: SourceId,
        /// The words to annotate, copied from the source or a report.
        #[arg(long, value_parser = non_blank)]
        quote: String,
        /// Words just before the quote, to say which of several repeats.
        #[arg(long)]
        prefix: Option<String>,
        /// Words just after the quote, to say which of several repeats.
        #[arg(long)]
        suffix: Option<String>,
        /// verified, disputed, false, needs-check, note or ignore.
        #[arg(long)]
        status: Status,
        /// Free text.
        #[arg(long)]
        note: Option<String>,
        /// Who is annotating.
        #[arg(long)]
        author: Option<String>,
        /// An id of your choosing (made up from the quote if absent).
        #[arg(long, value_parser = annotation_id)]
        id: Option<String>,
        /// File in the annotations folder to append to [default: <source>.yaml].
        #[arg(long, value_parser = annotation_file_name)]
        file: Option<String>,
    },
    /// Print every annotation (file:line, id, status, source, quote, note).
    List {
        /// Only annotations of this source.
        source: Option<SourceId>,
        /// Print tab-separated lines (`text`) or one JSON document (`json`).
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// Re-anchor every annotation and print its state (anchored, moved,
    /// text_changed, ambiguous, orphaned) and why.
    Check {
        /// Only annotations of this source.
        source: Option<SourceId>,
        /// Print tab-separated lines (`text`) or one JSON document (`json`).
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
}

impl Args {
    /// Check the arguments and turn them into a [`Config`].
    pub fn into_config(self) -> Result<Config> {
        match self.command {
            Command::Report {
                sources,
                annotations,
                out,
                watch,
                matcher,
                no_wait,
                no_cache,
            } => {
                if out.exists() && !out.is_dir() {
                    return Err(Error::BadOutput {
                        path: out,
                        reason: "exists and is not a folder".to_owned(),
                    });
                }
                Ok(Config::Report(ReportConfig {
                    sources,
                    annotations,
                    out,
                    watch,
                    matcher: matcher.into(),
                    no_wait,
                    no_cache,
                }))
            }
            Command::Segments {
                source,
                sources,
                format,
            } => Ok(Config::Segments(SegmentsConfig {
                sources,
                source,
                format,
            })),
            Command::Annotate {
                action,
                sources,
                annotations,
            } => Ok(Config::Annotate(AnnotateConfig {
                sources,
                annotations,
                action: annotate_action(action),
            })),
            Command::Import {
                format:
                    ImportCommand::Jsonl {
                        file,
                        id_field,
                        text_field,
                        title_field,
                        outlet_field,
                        published_field,
                        url_field,
                        group_field,
                        sources,
                        force,
                    },
            } => Ok(Config::Import(ImportConfig {
                file,
                fields: Fields {
                    id: id_field,
                    text: text_field,
                    title: title_field,
                    outlet: outlet_field,
                    published: published_field,
                    url: url_field,
                    group: group_field,
                },
                sources,
                force,
            })),
            Command::Cache {
                action: CacheCommand::Clear { out, no_wait },
            } => Ok(Config::CacheClear { out, no_wait }),
            Command::Completions { shell } => Ok(Config::Completions { shell }),
            Command::Man { out } => Ok(Config::Man { out }),
            Command::Pairs { file, format } => Ok(Config::Pairs(PairsConfig {
                input: if file.as_os_str() == "-" {
                    PairsInput::Stdin
                } else {
                    PairsInput::File(file)
                },
                format,
            })),
        }
    }
}

fn annotate_action(command: AnnotateCommand) -> AnnotateAction {
    match command {
        AnnotateCommand::Add {
            source,
            quote,
            prefix,
            suffix,
            status,
            note,
            author,
            id,
            file,
        } => AnnotateAction::Add {
            file: file.unwrap_or_else(|| format!("{source}.yaml")),
            request: AddRequest {
                source,
                exact: quote,
                prefix: prefix.unwrap_or_default(),
                suffix: suffix.unwrap_or_default(),
                status,
                note,
                author,
                id,
                created: None,
            },
        },
        AnnotateCommand::List { source, format } => AnnotateAction::List { source, format },
        AnnotateCommand::Check { source, format } => AnnotateAction::Check { source, format },
    }
}

/// `--quote` must hold words: white space alone anchors nowhere.
fn non_blank(quote: &str) -> Result<String, &'static str> {
    if quote.trim().is_empty() {
        Err("the quote is empty")
    } else {
        Ok(quote.to_owned())
    }
}

/// Annotation ids share the source ids' safe alphabet: they are written into
/// YAML keys and named in reports.
fn annotation_id(id: &str) -> Result<String, InvalidId> {
    checked_id(id).map(str::to_owned)
}

/// `--file` names a file inside the annotations folder, never a path: an
/// annotation can only ever be written there.
fn annotation_file_name(name: &str) -> Result<String, String> {
    let stem = name
        .strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))
        .unwrap_or_default();
    if is_valid_id(stem) {
        Ok(name.to_owned())
    } else {
        Err(format!(
            "`{name}`: give a file name ending in .yaml (letters, digits, `.`, `_`, `-`), not a path"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_app() {
        Args::command().debug_assert();
    }

    #[test]
    fn report_defaults() {
        let args = Args::parse_from(["corroborate", "report"]);
        let config = args.into_config().ok();
        assert_eq!(
            config,
            Some(Config::Report(ReportConfig {
                sources: "sources".into(),
                annotations: "annotations".into(),
                out: "reports".into(),
                watch: false,
                matcher: Matcher::Embeddings,
                no_wait: false,
                no_cache: false,
            }))
        );
    }

    #[test]
    fn annotate_add_checks_ids_and_file_names() {
        let add = |extra: &[&str]| {
            let mut args = vec![
                "corroborate",
                "annotate",
                "add",
                "--source",
                "000",
                "--quote",
                "MIGA",
                "--status",
                "disputed",
            ];
            args.extend_from_slice(extra);
            Args::try_parse_from(args).map(|a| a.into_config())
        };
        let Ok(Ok(Config::Annotate(config))) = add(&[]) else {
            panic!("a plain add parses");
        };
        assert!(
            matches!(config.action, AnnotateAction::Add { ref file, .. } if file == "000.yaml")
        );
        assert!(add(&["--file", "../x.yaml"]).is_err());
        assert!(add(&["--file", "notes.txt"]).is_err());
        assert!(add(&["--id", "../../etc/x"]).is_err());
        assert!(add(&["--quote", "  "]).is_err());
        assert!(add(&["--status", "maybe"]).is_err());
        assert!(add(&["--source", "../000"]).is_err());
    }

    #[test]
    fn rejects_unsafe_source_filter() {
        assert!(Args::try_parse_from(["corroborate", "segments", "../etc"]).is_err());
        assert!(Args::try_parse_from(["corroborate", "annotate", "list", "a/b"]).is_err());
    }
}
