//! Boilerplate rules: one normalised line → the rule that removes it, if any.
//!
//! All rules live in [`RULES`], one row each, so an editor can read what the tool
//! takes out and reports can name the rule for every removed line. The rules
//! match whole lines, case-insensitively, and only lines shorter than
//! [`MAX_LINE_CHARS`]: dropping real content is worse than keeping a little
//! boilerplate, so each rule is narrow.

use std::sync::LazyLock;

use regex::{Regex, RegexBuilder};

/// Lines longer than this are never treated as boilerplate.
pub const MAX_LINE_CHARS: usize = 300;

/// One boilerplate rule.
#[derive(Debug)]
pub struct Rule {
    /// Stable name, shown in reports and `report.json` (`removed[].rule`).
    pub name: &'static str,
    /// Case-insensitive pattern over the whole trimmed, normalised line.
    pub pattern: &'static str,
    /// A credibility signal the line also gives about its source, if any.
    pub signal: Option<&'static str>,
    /// Case-insensitive pattern every line the rule removes contains, for
    /// rules whose own pattern is slow to rule a line out: tried first.
    pub needs: Option<&'static str>,
    /// Why this is boilerplate, for the docs and for the curious.
    pub why: &'static str,
}

/// The rule table. Order matters only for which name a line gets if two match.
pub const RULES: &[Rule] = &[
    Rule {
        name: "breadcrumb",
        pattern: r"^home\s*(»|>|›|/|\|)\s*\S.*$",
        signal: None,
        needs: None,
        why: "site navigation: Home » section » headline",
    },
    Rule {
        name: "ticker",
        pattern: r"^[-+]{1,2}\s*\d+(\.\d+)?\s*%$",
        signal: None,
        needs: None,
        why: "stock-ticker residue such as `-+ 0.00%`",
    },
    Rule {
        name: "listen-prompt",
        pattern: r"^listen to (the news|this article|this story|the article)\b.{0,40}$",
        signal: None,
        needs: None,
        why: "audio player label",
    },
    Rule {
        name: "read-next",
        pattern: r"^(read next|read more|related)\s*:.{0,200}$",
        signal: None,
        needs: None,
        why: "link to another article",
    },
    Rule {
        name: "see-also",
        pattern: r"^see also\s*:.*$",
        signal: Some("promotional_link"),
        needs: None,
        why: "link to an unrelated article inserted in the text",
    },
    Rule {
        name: "image-credit",
        pattern: r"^(image|photo|picture|photograph)s?\s*((via|by|credit|courtesy|source)\b.{0,80}|:\s*[^.!?:]{1,80})$",
        signal: None,
        needs: None,
        why: "image credit line, such as `Photo: Jon Shapley, Houston Chronicle`",
    },
    Rule {
        name: "ai-disclaimer",
        pattern: r"^(disclaimer\s*:.*\b(ai|artificial intelligence)\b.*|this (content|article|story) was (partially |partly |fully )?(produced|generated|written|created) (with|by|using) .*\b(ai|artificial intelligence)\b.*)$",
        signal: Some("ai_disclaimer"),
        needs: None,
        why: "AI-use disclaimer: not content, but kept as a signal about the source",
    },
    Rule {
        name: "copyright-notice",
        pattern: r"^\(?\s*(source:[^©()]{0,80})?(©|copyright\s+(©\s*)?\d{4}\b|\(c\)\s*\d{4}\b|all rights reserved\b|this material may not be published, broadcast, rewritten,? or redistributed\b).{0,200}$",
        signal: None,
        needs: None,
        why: "copyright line of a wire service or station, such as `Copyright 2016 The Associated Press. All rights reserved.`",
    },
    Rule {
        name: "account-prompt",
        pattern: r"^(thank you for registering!?|we have sent (you )?a (verification|confirmation) email\b.*|(please )?check your email and click on the link to activate your (account|profile)\.?|if you do not receive the verification message\b.*|email notifications are only sent once a day\b.*|by submitting your registration information\b.*|we look forward to seeing you\b.{0,40}\bfrequently\b.*|visit us and sign in to update your profile\b.*|click on the button below to set up your account\b.*|whenever .{1,60} posts new content, you'll get an email\b.*)$",
        signal: None,
        needs: None,
        why: "registration and e-mail alert prompts of a news site",
    },
    Rule {
        name: "comment-prompt",
        pattern: r"^(leave a (comment|reply)|comments?( \(\d+\))?|no comments yet\b.*|share your thoughts in the comments\b.*|join the (discussion|conversation)\b.*|why don't you start the discussion\?)$",
        signal: None,
        needs: None,
        why: "call to comment",
    },
    Rule {
        name: "comment-form",
        pattern: r"^(your email address will not be published\b.*|required fields are marked\b.*|this site uses akismet\b.*|save my name, email\b.*)$",
        signal: None,
        needs: None,
        why: "comment form text",
    },
    Rule {
        name: "adblock",
        pattern: r"^(adblock detected|please support us by disabling your ad ?blocker\b.*)$",
        signal: None,
        needs: None,
        why: "ad-blocker nag",
    },
    Rule {
        name: "cookie-prompt",
        pattern: r"^.{0,120}\b(we use cookies|accept (all )?cookies|cookie (policy|settings|preferences))\b.{0,120}$",
        signal: None,
        needs: Some("cookie"),
        why: "cookie banner",
    },
    Rule {
        name: "related-links",
        pattern: r"^(you may also like|you might also like|related (articles|posts|stories|news)|more from .{1,40}|recommended( for you)?)\s*:?$",
        signal: None,
        needs: None,
        why: "related-links heading",
    },
    Rule {
        name: "newsletter",
        pattern: r"^(sign up|subscribe) (for|to) (our|the) .{0,40}newsletter\b.{0,80}$",
        signal: None,
        needs: None,
        why: "newsletter prompt",
    },
    Rule {
        name: "share-prompt",
        pattern: r"^share (this|on)( article| story)?\s*:?.{0,40}$",
        signal: None,
        needs: None,
        why: "social share buttons",
    },
    Rule {
        name: "empty-byline",
        pattern: r"^by\s*:?$",
        signal: None,
        needs: None,
        why: "a byline with no name after it",
    },
    Rule {
        name: "dateline-stamp",
        pattern: r"^[\p{L}\p{N} .&'-]{2,40}\s*[·|•]\s*\d{1,2}/\d{1,2}/\d{2,4}(\s+\d{1,2}:\d{2}(:\d{2})?)?(\s*[ap]\.?m\.?)?$",
        signal: None,
        needs: None,
        why: "outlet name and time stamp (kept in front matter as `published`)",
    },
    Rule {
        name: "author-initials",
        pattern: r"^\(\p{L}{1,4}(/\p{L}{1,4})*\)$",
        signal: None,
        needs: None,
        why: "editor's initials such as `(jh)`",
    },
    Rule {
        name: "source-credit",
        pattern: r"^source\s*:\s*\S.{0,60}$",
        signal: None,
        needs: None,
        why: "outlet credit line such as `Source: Polskie Radio`",
    },
];

struct Compiled {
    rules: Vec<(&'static Rule, Option<Regex>, Regex)>,
}

fn case_insensitive(pattern: &str) -> Option<Regex> {
    RegexBuilder::new(pattern)
        .case_insensitive(true)
        .build()
        .ok()
}

static COMPILED: LazyLock<Compiled> = LazyLock::new(|| Compiled {
    rules: RULES
        .iter()
        .filter_map(|rule| {
            // Every pattern is checked by a unit test; a broken one simply never matches.
            let needs = match rule.needs {
                Some(needs) => Some(case_insensitive(needs)?),
                None => None,
            };
            Some((rule, needs, case_insensitive(rule.pattern)?))
        })
        .collect(),
});

/// The rule that removes this line, if any. `line` is normalised text.
pub fn matching_rule(line: &str) -> Option<&'static Rule> {
    let line = line.trim();
    if line.is_empty() || line.chars().count() > MAX_LINE_CHARS {
        return None;
    }
    COMPILED
        .rules
        .iter()
        .find(|(_, needs, regex)| {
            needs.as_ref().is_none_or(|needs| needs.is_match(line)) && regex.is_match(line)
        })
        .map(|(rule, _, _)| *rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        for rule in RULES {
            assert!(Regex::new(rule.pattern).is_ok(), "{}", rule.name);
            assert!(
                rule.needs.is_none_or(|needs| Regex::new(needs).is_ok()),
                "{}",
                rule.name
            );
        }
        assert_eq!(COMPILED.rules.len(), RULES.len());
    }

    fn rule(line: &str) -> Option<&'static str> {
        matching_rule(line).map(|r| r.name)
    }

    #[test]
    fn removes_seed_boilerplate() {
        let cases = [
            ("Leave a Comment", "comment-prompt"),
            ("Leave a Reply", "comment-prompt"),
            ("Comments", "comment-prompt"),
            ("Adblock Detected", "adblock"),
            (
                "Please support us by disabling your AdBlocker extension from your browsers for our website.",
                "adblock",
            ),
            (
                "Share your thoughts in the comments and stay tuned for further updates as talks progress.",
                "comment-prompt",
            ),
            ("READ NEXT:", "read-next"),
            ("Image via Shutterstock", "image-credit"),
            ("Listen to the news", "listen-prompt"),
            ("-+ 0.00%", "ticker"),
            (
                "No comments yet. Why don't you start the discussion?",
                "comment-prompt",
            ),
            (
                "Your email address will not be published. Required fields are marked *",
                "comment-form",
            ),
            (
                "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
                "comment-form",
            ),
            (
                "See Also: Trump's Marijuana Reclassification Looks Set To Send This Cannabis ETF Soaring",
                "see-also",
            ),
            (
                "Home » world » U.S. and Ukraine Meet in Miami",
                "breadcrumb",
            ),
            (
                "Home > Peace Talks > Miami Talks: Political Outcomes",
                "breadcrumb",
            ),
            (
                "Disclaimer: This content was partially produced with the help of AI tools and was reviewed and published by Benzinga editors.",
                "ai-disclaimer",
            ),
            ("You may also like", "related-links"),
            ("by", "empty-byline"),
            ("Benzinga\u{b7}12/22/2025 11:10:09", "dateline-stamp"),
            ("(jh)", "author-initials"),
            ("Source: Polskie Radio", "source-credit"),
            ("Photo: Jon Shapley, Houston Chronicle", "image-credit"),
            (
                "Copyright 2016 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
                "copyright-notice",
            ),
            (
                "This material may not be published, broadcast, rewritten, or redistributed.)",
                "copyright-notice",
            ),
            ("(\u{a9} 2016 KHOU)", "copyright-notice"),
            (
                "(Source: Sun-Times Media Wire \u{a9} Chicago Sun-Times 2015. All Rights Reserved.)",
                "copyright-notice",
            ),
            ("Thank you for registering!", "account-prompt"),
            (
                "Email notifications are only sent once a day, and only if there are new matching items.",
                "account-prompt",
            ),
            (
                "Whenever Joel Currier posts new content, you'll get an email delivered to your inbox with a link.",
                "account-prompt",
            ),
            (
                "We use cookies to improve your experience. Accept all cookies",
                "cookie-prompt",
            ),
        ];
        for (line, expected) in cases {
            assert_eq!(rule(line), Some(expected), "{line}");
        }
    }

    #[test]
    fn keeps_real_content() {
        for line in [
            "Separately, U.S. representatives continued contacts with a Kremlin emissary, Kiril Dmitriev.",
            "Readers, what questions do you have about how security guarantees could shape Ukraine's defense?",
            "Source: a U.S. official who spoke on condition of anonymity said the meeting has not yet been publicly announced and would take place on Saturday in Miami.",
            "By the Multilateral Investment Guarantee Agency (MIGA) to lower investor exposure.",
            "Comments by the Kremlin spokesman were brief.",
            "The company said AI tools helped it review the contracts.",
            "Related talks took place in Berlin.",
            "Copyright lawyers for the family said the photographs were taken without consent.",
            "Photo: police at the scene on Sunday. The man was taken to hospital.",
            "Thank you, the mayor told officers who had responded to the shooting.",
        ] {
            assert_eq!(rule(line), None, "{line}");
        }
    }
}
