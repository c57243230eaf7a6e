//! Quoted spans (pure): where a normalised sentence quotes someone, and what
//! it says in its own words around the quotes.

/// Byte ranges of `"…"` pairs, quote marks included (normalised text has
/// straight quotes only; an unpaired last mark opens nothing).
pub(crate) fn quoted_spans(text: &str) -> Vec<(usize, usize)> {
    let marks: Vec<usize> = text.match_indices('"').map(|(i, _)| i).collect();
    marks
        .chunks_exact(2)
        .map(|pair| (pair[0], pair[1] + 1))
        .collect()
}

/// How many words `text` has outside its quotes: what its writer put in
/// their own words.
pub(crate) fn words_outside_quotes(text: &str) -> usize {
    let mut outside = 0;
    let mut from = 0;
    for (start, end) in quoted_spans(text) {
        outside += text[from..start].split_whitespace().count();
        from = end;
    }
    outside + text[from..].split_whitespace().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_quotes_are_not_counted() {
        let text = r#""We are ready to sign this week," Zelensky said."#;
        assert_eq!(quoted_spans(text), vec![(0, 33)]);
        assert_eq!(words_outside_quotes(text), 2);
        assert_eq!(words_outside_quotes("No quotes here at all."), 5);
        // An unpaired mark quotes nothing.
        assert_eq!(words_outside_quotes(r#"He said "yes and left."#), 5);
    }
}
