//! Counted nouns in messages and pages (pure): "1 source", "2 sources".

/// `n` and the noun in the form `n` takes: `one` for exactly one, else `many`.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_everything_else_plural() {
        assert_eq!(count(0, "claim", "claims"), "0 claims");
        assert_eq!(count(1, "claim", "claims"), "1 claim");
        assert_eq!(count(2, "claim", "claims"), "2 claims");
    }
}
