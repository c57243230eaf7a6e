//! Quotes (pure): one normalised sentence → the words it quotes with who
//! said them ([`QuoteFact`]); and whether two quotes of one speaker give the
//! same words differently ([`quotes_differ`]).
//!
//! Shallow on purpose, like the rest of the facts stage: a quote is text
//! between double quotes in a sentence with a speech verb and exactly one
//! person named outside the quotes, next to the verb.

use serde::Serialize;
use similar::{Algorithm, DiffOp, capture_diff_slices};

use super::lexicon::{is_title, nation};
use super::tokens::{Token, tokens};
use crate::text::names::{fold_name, is_capitalised};
use crate::text::quoted::quoted_spans;
use crate::text::words::{is_not_a_name, is_stop_word};

/// Words quoted from a named speaker.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteFact {
    /// The speaker as written ("Witkoff", "Steve Witkoff").
    pub speaker: String,
    /// Folded surname of the speaker, for comparison; the pronoun when
    /// the sentence names nobody.
    #[serde(skip)]
    pub speaker_key: String,
    /// Named in the sentence ("Summers said"), not only "he told reporters".
    #[serde(skip)]
    pub named: bool,
    /// The quoted words as written, without the quote marks.
    pub words: String,
}

/// Verbs that attribute a quote.
const SPEECH: &[&str] = &[
    "added",
    "according",
    "called",
    "declared",
    "described",
    "hailed",
    "insisted",
    "said",
    "says",
    "stated",
    "stressed",
    "told",
    "warned",
    "wrote",
];

/// Quotes shorter than this are labels or scare quotes ("legitimate target").
const QUOTE_MIN_WORDS: usize = 4;

/// Quotes in a sentence with their speaker.
pub(crate) fn quotes(text: &str) -> Vec<QuoteFact> {
    let spans = quoted_spans(text);
    if spans.is_empty() {
        return Vec::new();
    }
    // The speaker is named outside the quotes; blank the quotes out.
    let mut outside = text.to_owned();
    for &(start, end) in &spans {
        outside.replace_range(start..end, &" ".repeat(end - start));
    }
    let outside_tokens = tokens(&outside);
    if !outside_tokens.iter().any(|t| SPEECH.contains(&t.lower())) {
        return Vec::new();
    }
    let mut speakers: Vec<String> = Vec::new();
    for name in speakers_at_verbs(&outside_tokens) {
        if !speakers.contains(&name) {
            speakers.push(name);
        }
    }
    let (speaker, speaker_key, named) = match speakers.as_slice() {
        [speaker] => {
            let surname = speaker.rsplit(' ').next().unwrap_or(speaker);
            (speaker.clone(), fold_name(surname), true)
        }
        // "he told reporters": the article named the speaker before.
        [] => match pronoun_at_verb(&outside_tokens) {
            Some(pronoun) => (pronoun.to_owned(), pronoun.to_lowercase(), false),
            None => return Vec::new(),
        },
        _ => return Vec::new(), // more than one: who said it is not clear
    };
    spans
        .iter()
        .map(|&(start, end)| text[start + 1..end - 1].trim().to_owned())
        .filter(|words| words.split_whitespace().count() >= QUOTE_MIN_WORDS)
        .map(|words| QuoteFact {
            speaker: speaker.clone(),
            speaker_key: speaker_key.clone(),
            named,
            words,
        })
        .collect()
}

/// Names right next to a speech verb: "Steve Witkoff said", "said
/// Witkoff", "according to Witkoff". People named elsewhere in the sentence
/// are talked about, not speaking.
fn speakers_at_verbs(tokens: &[Token<'_>]) -> Vec<String> {
    let is_name_word = |t: &Token<'_>| {
        is_capitalised(t.text)
            && !is_stop_word(t.lower())
            && !is_not_a_name(t.lower())
            && nation(t.lower()).is_none()
    };
    let mut out = Vec::new();
    for (v, verb) in tokens.iter().enumerate() {
        if !SPEECH.contains(&verb.lower()) {
            continue;
        }
        // Before the verb: the capitalised run that ends there.
        let mut start = v;
        while start > 0 && is_name_word(&tokens[start - 1]) && !tokens[start].clause_break {
            start -= 1;
            if tokens[start].comma || tokens[start].clause_break {
                break;
            }
        }
        let mut run: Vec<&Token<'_>> = tokens[start..v].iter().collect();
        if run.is_empty() {
            // After it: "said Witkoff", "according to Witkoff".
            let from = v + 1 + usize::from(tokens.get(v + 1).is_some_and(|t| t.lower() == "to"));
            run = tokens[from.min(tokens.len())..]
                .iter()
                .skip_while(|t| is_title(t.lower()))
                .take_while(|t| is_name_word(t))
                .collect();
            if run.len() > 1 {
                run.truncate(
                    1 + run[1..]
                        .iter()
                        .position(|t| t.comma || t.clause_break)
                        .unwrap_or(run.len() - 1),
                );
            }
        }
        // "Orlando Mayor Buddy Dyer": the name starts after the last title.
        let after_title = run
            .iter()
            .rposition(|t| is_title(t.lower()))
            .map_or(0, |i| i + 1);
        let name: Vec<&str> = run[after_title..]
            .iter()
            .map(|t| t.text.trim_end_matches("'s"))
            .collect();
        if !name.is_empty() {
            out.push(name.join(" "));
        }
    }
    out
}

/// Pronouns that stand for one speaker named in an earlier sentence.
const SPEAKER_PRONOUNS: &[&str] = &["he", "she"];

/// "he told reporters", "she said", "said he": the pronoun as written.
fn pronoun_at_verb<'t>(tokens: &[Token<'t>]) -> Option<&'t str> {
    let is_pronoun = |t: &Token<'_>| SPEAKER_PRONOUNS.contains(&t.lower());
    tokens.iter().enumerate().find_map(|(v, verb)| {
        if !SPEECH.contains(&verb.lower()) {
            return None;
        }
        let before = v.checked_sub(1).and_then(|i| tokens.get(i));
        let after = tokens.get(v + 1);
        before
            .filter(|t| is_pronoun(t))
            .or(after.filter(|t| is_pronoun(t)))
            .map(|t| t.text)
    })
}

/// Content words two quotes must share to be about one statement (one
/// shared word, "good", is chance).
const SAME_STATEMENT_MIN_SHARED: usize = 2;

/// The same for two quotes whose speakers the sentences give only as "he"
/// or "she": without a name, only a long stretch of the same words says it
/// is one speaker's one statement.
const UNNAMED_SAME_STATEMENT_MIN_SHARED: usize = 5;

/// Do two quotes of one speaker give the same words differently? Yes when
/// they share a good part of their words and each has a word the other
/// lacks. Outlets cut quotes, and spell them their own way ("co-mingling",
/// "attack" for "attacks"): a cut or a spelling is not a misquote.
pub(crate) fn quotes_differ(x: &QuoteFact, y: &QuoteFact) -> bool {
    if x.named != y.named || x.speaker_key != y.speaker_key {
        return false;
    }
    let min_shared = if x.named {
        SAME_STATEMENT_MIN_SHARED
    } else {
        UNNAMED_SAME_STATEMENT_MIN_SHARED
    };
    let (squash_x, squash_y) = (squashed(&x.words), squashed(&y.words));
    if squash_x.contains(&squash_y) || squash_y.contains(&squash_x) {
        return false; // the same letters, or a cut
    }
    let (a, b) = (content_stems(&x.words), content_stems(&y.words));
    let shared = a.iter().filter(|w| b.binary_search(w).is_ok()).count();
    // About the same statement: two content words shared, and half those of
    // the shorter quote ("She's a good mom" and "He was just going to have a
    // good time" share only "good").
    let same_statement = shared >= min_shared && 2 * shared >= a.len().min(b.len());
    if !same_statement {
        return false;
    }
    // Turned around only when the two are one statement over most of their
    // length: a phrase both use ("putting people back to work") may be
    // denied in one statement and hoped for in another.
    let mostly_shared = 2 * shared >= a.len().max(b.len());
    let (words_x, words_y) = (quote_words(&x.words), quote_words(&y.words));
    mostly_shared && reversed(&words_x, &words_y) || substituted(&words_x, &words_y)
}

/// The quote's words in order, lowercase, each content word
/// [`spelled_one_way`], stop words kept: "don't" and "to" decide
/// whether a quote is reversed.
fn quote_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .map(|word| {
            word.trim_matches(['\'', '’'])
                .replace('’', "'")
                .to_lowercase()
        })
        .filter(|word| !word.is_empty())
        .map(|word| {
            if is_stop_word(&word) || NEGATIONS.contains(&word.as_str()) {
                word
            } else {
                spelled_one_way(&word)
            }
        })
        .collect()
}

/// A lowercase content word spelled one way: accents, doubled letters and
/// British "-isation" folded, a plural "s" dropped.
fn spelled_one_way(word: &str) -> String {
    let word = fold_name(word).replace("isat", "izat");
    match word.strip_suffix('s') {
        Some(stem) if stem.len() > 2 => stem.to_owned(),
        _ => word,
    }
}

/// Words that turn what follows them around ("If they don't pass this bill"
/// against "To pass this bill").
const NEGATIONS: &[&str] = &[
    "can't", "cannot", "didn't", "doesn't", "don't", "failure", "isn't", "never", "no", "not",
    "won't", "wouldn't",
];

/// One quote puts a negation right before words both give, the other does
/// not: the same words said the other way round.
fn reversed(x: &[String], y: &[String]) -> bool {
    let ops = capture_diff_slices(Algorithm::Myers, x, y);
    ops.windows(2).any(|pair| {
        let [changed, DiffOp::Equal { .. }] = pair else {
            return false;
        };
        let (ours, theirs) = changed_words(changed, x, y);
        let negates = |words: &[String]| words.iter().any(|w| NEGATIONS.contains(&w.as_str()));
        negates(ours) != negates(theirs)
    })
}

/// Words of the two quotes stand in for each other between words both give
/// ("were productive and" / "were difficult and"): a misquote. Words only one
/// gives, at its ends or inside, are a cut, and the same words spelled
/// another way are the same words.
fn substituted(x: &[String], y: &[String]) -> bool {
    let content = |words: &[String]| -> Vec<String> {
        words
            .iter()
            .filter(|w| !is_stop_word(w) && !NEGATIONS.contains(&w.as_str()))
            .cloned()
            .collect()
    };
    let (x, y) = (content(x), content(y));
    let ops = capture_diff_slices(Algorithm::Myers, &x, &y);
    ops.windows(3).any(|run| {
        matches!(
            run,
            [
                DiffOp::Equal { .. },
                DiffOp::Replace { .. },
                DiffOp::Equal { .. }
            ]
        )
    })
}

/// The words a changed diff operation covers on each side.
fn changed_words<'w>(
    op: &DiffOp,
    x: &'w [String],
    y: &'w [String],
) -> (&'w [String], &'w [String]) {
    match *op {
        DiffOp::Delete {
            old_index, old_len, ..
        } => (&x[old_index..old_index + old_len], &[]),
        DiffOp::Insert {
            new_index, new_len, ..
        } => (&[], &y[new_index..new_index + new_len]),
        DiffOp::Replace {
            old_index,
            old_len,
            new_index,
            new_len,
        } => (
            &x[old_index..old_index + old_len],
            &y[new_index..new_index + new_len],
        ),
        DiffOp::Equal { .. } => (&[], &[]),
    }
}

/// Letters and digits only, lowercase: "co-mingling" is "comingling".
fn squashed(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Content words of a quote, lowercase, split at hyphens, spelled one way
/// (accents, doubled letters, British "-isation"), a plural "s" dropped;
/// sorted and deduplicated.
fn content_stems(text: &str) -> Vec<String> {
    let mut stems: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|word| word.trim_matches('\'').to_lowercase())
        .filter(|word| !word.is_empty() && !is_stop_word(word))
        .map(|word| spelled_one_way(&word))
        .collect();
    stems.sort_unstable();
    stems.dedup();
    stems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_needs_a_speech_verb_and_one_speaker() {
        let found = quotes(
            r#"Witkoff said the talks were "productive and constructive, and we made progress.""#,
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].speaker, "Witkoff");
        assert_eq!(
            found[0].words,
            "productive and constructive, and we made progress."
        );
        // The one telling is the speaker, not the one told.
        let told = quotes(r#"Witkoff told Dmitriev that "we will meet again next week.""#);
        assert_eq!(told[0].speaker, "Witkoff");
        let after = quotes(r#""We will meet again next week," said envoy Steve Witkoff."#);
        assert_eq!(after[0].speaker, "Steve Witkoff");
        // Two speakers: whose words they are is not clear.
        assert!(
            quotes(r#"Witkoff said and Dmitriev added that "we will meet again next week.""#)
                .is_empty()
        );
        // A title in quotes, no speech verb.
        assert!(quotes(r#"The "Ukraine Protection Act of 2026" passed."#).is_empty());
    }

    /// BASIL's Summers quote, as Fox and HuffPost gave it: "he told reporters".
    #[test]
    fn quotes_of_he_or_she_compare_only_when_they_share_a_long_stretch() {
        let fox = quotes(
            r#""To pass this bill in the next couple of weeks would materially increase the risk that the economy would stall out," he told reporters."#,
        );
        let hpo = quotes(
            r#""If they don't pass this bill in the next couple weeks it will materially increase the risk that the economy would stall out," he told a gathering of reporters."#,
        );
        assert_eq!((fox[0].speaker.as_str(), fox[0].named), ("he", false));
        assert!(quotes_differ(&fox[0], &hpo[0]));
        // Another pronoun, or a name: maybe someone else.
        let she = QuoteFact {
            speaker_key: "she".into(),
            ..hpo[0].clone()
        };
        assert!(!quotes_differ(&fox[0], &she));
        let named = quotes(
            r#""If they don't pass this bill in the next couple weeks it will materially increase the risk that the economy would stall out," Summers told reporters."#,
        );
        assert!(named[0].named);
        assert!(!quotes_differ(&fox[0], &named[0]));
        // Two words in common are not enough without a name.
        let short_a = quotes(r#""We will not raise taxes on families," he said."#);
        let short_b = quotes(r#""We will raise taxes on families," he said."#);
        assert!(!quotes_differ(&short_a[0], &short_b[0]));
    }

    #[test]
    fn a_shortened_quote_is_not_a_misquote() {
        let quote = |words: &str| QuoteFact {
            speaker: "Witkoff".into(),
            speaker_key: "witkof".into(),
            named: true,
            words: words.into(),
        };
        let full = quote("the talks were productive and constructive, and we made progress");
        let cut = quote("productive and constructive");
        let other = quote("the talks were difficult and unconstructive, and we made no progress");
        assert!(!quotes_differ(&full, &cut));
        assert!(quotes_differ(&full, &other));
        let elsewhere = quote("we will meet in Berlin in January to sign the framework");
        assert!(!quotes_differ(&full, &elsewhere));
        // Spelled another way: not a misquote.
        let spelled = quote("The talks were productive and constructive; and we made progresses");
        assert!(!quotes_differ(&full, &spelled));
    }

    #[test]
    fn a_quote_cut_at_both_ends_or_inside_is_no_misquote_and_one_turned_around_is() {
        let quote = |words: &str| QuoteFact {
            speaker: "Sanders".into(),
            speaker_key: "sanders".into(),
            named: true,
            words: words.into(),
        };
        let longer = quote(
            "It is a failed trade policy, and I would hope that the Secretary joins Elizabeth Warren, and vast majority of Democrats in the Congress in saying, no, we've got to defeat this piece of legislation",
        );
        let with_a_name = quote(
            "I would hope that the secretary joins Elizabeth Warren, Sherrod Brown and the vast majority of Democrats in the Congress in saying, no, we have got to defeat this piece of legislation",
        );
        assert!(!quotes_differ(&longer, &with_a_name));
        let pass = quote("To pass this bill would materially increase the risk of default");
        let fail =
            quote("If they don't pass this bill it will materially increase the risk of default");
        assert!(quotes_differ(&pass, &fail));
        assert!(quotes_differ(&fail, &pass));
        // A phrase denied in one statement and hoped for in another (BASIL).
        let denied = quote("not putting people back to work,");
        let hoped = quote("but God wants to see us help ourselves by putting people back to work!");
        assert!(!quotes_differ(&denied, &hoped));
    }
}
