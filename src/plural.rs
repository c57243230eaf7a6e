//! Counted nouns in messages and pages (pure): "1 source", "2 sources".

/// `n` and the noun in the form `n` takes: `one` for exactly one, else `many`.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", noun(n, one, many))
}

/// The noun alone, in the form `n` takes (for pages that set the number apart).
pub(crate) fn noun<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_everything_else_plural() {
        assert_eq!(count(0, "claim", "claims"), "0 claims");
        assert_eq!(count(1, "claim", "claims"), "1 claim");
        assert_eq!(count(2, "claim", "claims"), "2 claims");
        assert_eq!(noun(1, "run", "runs"), "run");
    }
}
