//! The stylesheet and the script the pages share, written by the tool into
//! the reports folder beside them (nothing is fetched: works from `file://`).
//!
//! The script only enhances: without it every segment's evidence is shown
//! beside its paragraph and the index lists every claim.

/// The stylesheet's name in the reports folder.
pub(super) const STYLESHEET_FILE: &str = "review.css";
/// The script's name in the reports folder.
pub(super) const SCRIPT_FILE: &str = "review.js";

const STYLESHEET: &str = include_str!("review.css");
const SCRIPT: &str = include_str!("review.js");

/// The two files, as (name in the reports folder, text).
pub(super) fn files() -> [(String, String); 2] {
    [
        (STYLESHEET_FILE.to_owned(), STYLESHEET.to_owned()),
        (SCRIPT_FILE.to_owned(), SCRIPT.to_owned()),
    ]
}
