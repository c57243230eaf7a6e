//! The integration tests, one binary: each module was once its own file under
//! tests/, and `common` holds what they share (temporary workspaces, running
//! the binary, the evaluation data sets). One binary links the library once
//! instead of once per file.
//!
//! Run one module with `cargo test --test it <module>`, e.g.
//! `cargo test --release --test it eval_mrpc -- --nocapture`.

mod alignment;
mod annotations;
mod bad_input;
mod browser;
mod budgets;
mod cache;
mod changes;
mod common;
mod devtools;
mod embed;
mod eval_basil;
mod eval_ecbplus;
mod eval_gva;
mod eval_mrpc;
mod facts;
mod fuzz_regressions;
mod import;
mod kill;
mod output;
mod reports;
mod seeds;
mod support_fit;
mod swap;
mod usage;
mod watch;
