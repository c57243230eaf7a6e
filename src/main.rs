//! The `corroborate` binary: parse arguments, run the library, print, exit.
//!
//! Exit codes: 0 all inputs read; 2 some input was skipped or partly read
//! (each named on stderr); 1 a fatal error (nothing or not everything written).
//! A progress bar appears on stderr when it is a terminal and a run takes
//! longer than a second. `report` ends with a one-line summary on stderr;
//! `--quiet` leaves only errors there.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the binary is where output is printed"
)]

use std::io::IsTerminal as _;
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use clap::Parser;
use corroborate::config::Config;
use corroborate::{Outcome, Progress};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A run makes and frees millions of small allocations (terms, segments,
/// report entries) from both cores: jemalloc's per-thread caches take about
/// a tenth off a large corpus's run against the system allocator.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let args = corroborate::cli::Args::parse();
    let quiet = args.quiet;
    let config = match args.into_config() {
        Ok(config) => config,
        Err(err) => return fatal(&err),
    };
    let bar = Bar::new(quiet);
    if let Config::Report(report) = &config
        && report.watch
    {
        let watched = corroborate::watch::watch(report, &bar, |outcome| {
            bar.clear();
            let _ = finish(outcome, quiet);
            eprintln!(
                "watching {} and {} for changes (Ctrl-C stops)",
                report.sources.display(),
                report.annotations.display()
            );
        });
        return watched.map_or_else(|err| fatal(&err), |()| ExitCode::SUCCESS);
    }
    let outcome = corroborate::run_with_progress(&config, &bar);
    bar.clear();
    finish(outcome, quiet)
}

fn fatal(err: &corroborate::Error) -> ExitCode {
    eprintln!("error: {err}");
    ExitCode::from(1)
}

/// Print what a run did and pick its exit code.
/// With `quiet`, only errors reach stderr.
fn finish(outcome: corroborate::Result<Outcome>, quiet: bool) -> ExitCode {
    match outcome {
        Ok(outcome) => {
            print!("{}", outcome.stdout);
            for diagnostic in &outcome.diagnostics {
                if !quiet || diagnostic.severity == corroborate::Severity::Error {
                    eprintln!("{diagnostic}");
                }
            }
            if !quiet {
                for path in &outcome.written {
                    eprintln!("wrote {}", path.display());
                }
                if let Some(summary) = &outcome.summary {
                    eprintln!("{summary}");
                }
            }
            if let Some(why) = &outcome.check_failed {
                eprintln!("check failed: {why}");
            }
            if outcome.had_input_errors() {
                ExitCode::from(2)
            } else if outcome.check_failed.is_some() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(err) => fatal(&err),
    }
}

/// A progress bar that stays hidden for the first second of a run, and
/// always when stderr is not a terminal.
struct Bar {
    run: Mutex<Run>,
    terminal: bool,
}

/// The bar of the current run.
struct Run {
    bar: ProgressBar,
    started: Instant,
    shown: bool,
}

/// Runs shorter than this show no bar.
const SHOW_AFTER: Duration = Duration::from_secs(1);

impl Run {
    fn new() -> Self {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        Run {
            bar,
            started: Instant::now(),
            shown: false,
        }
    }
}

impl Bar {
    /// A bar on a terminal stderr, never with `--quiet`.
    fn new(quiet: bool) -> Self {
        Bar {
            run: Mutex::new(Run::new()),
            terminal: !quiet && std::io::stderr().is_terminal(),
        }
    }

    /// Do `f` with the current run's bar, showing it once the run is slow.
    fn with(&self, f: impl FnOnce(&ProgressBar)) {
        let Ok(mut run) = self.run.lock() else {
            return; // a panicked progress update is no reason to stop a run
        };
        if self.terminal && !run.shown && run.started.elapsed() >= SHOW_AFTER {
            run.shown = true;
            run.bar.set_draw_target(ProgressDrawTarget::stderr());
            run.bar.enable_steady_tick(Duration::from_millis(120));
        }
        f(&run.bar);
    }

    fn clear(&self) {
        self.with(ProgressBar::finish_and_clear);
    }
}

impl Progress for Bar {
    fn begin(&self) {
        if let Ok(mut run) = self.run.lock() {
            run.bar.finish_and_clear();
            *run = Run::new();
        }
    }

    fn start(&self, stage: &'static str, steps: u64) {
        self.with(|bar| {
            // A stage without a count shows a spinner and the time only.
            let template = if steps == 0 {
                "{spinner} {msg} [{elapsed}]"
            } else {
                "{spinner} {msg} {pos}/{len} [{elapsed}]"
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style);
            }
            bar.set_message(stage);
            bar.set_position(0);
            bar.set_length(steps);
        });
    }

    fn advance(&self, steps: u64) {
        self.with(|bar| bar.inc(steps));
    }
}
