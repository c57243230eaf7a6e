//! The `corroborate` binary: parse arguments, run the library, print, exit.
//!
//! Exit codes: 0 all inputs read; 2 some input was skipped or partly read
//! (each named on stderr); 1 a fatal error (nothing or not everything written).

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the binary is where output is printed"
)]

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = corroborate::cli::Args::parse();
    let outcome = args
        .into_config()
        .and_then(|config| corroborate::run(&config));
    match outcome {
        Ok(outcome) => {
            print!("{}", outcome.stdout);
            for diagnostic in &outcome.diagnostics {
                eprintln!("{diagnostic}");
            }
            for path in &outcome.written {
                eprintln!("wrote {}", path.display());
            }
            if outcome.had_input_errors() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(1)
        }
    }
}
