//! The HTML pages parsed as a browser parses them (html5ever, through
//! scraper): every segment once, every link resolving, nothing from article
//! text turned into an element or an attribute.

use std::collections::{BTreeMap, BTreeSet};

use scraper::{Html, Selector};

use super::render_pages;
use crate::model::LoadedSource;
use crate::report::Report;

/// Every element the renderer writes; anything else came from somewhere else.
const ELEMENTS: &[&str] = &[
    "html",
    "head",
    "body",
    "meta",
    "title",
    "link",
    "script",
    "a",
    "header",
    "nav",
    "main",
    "section",
    "article",
    "div",
    "h1",
    "h2",
    "h3",
    "p",
    "ul",
    "li",
    "span",
    "sup",
    "strong",
    "mark",
    "q",
    "blockquote",
    "details",
    "summary",
    "code",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "label",
    "select",
    "option",
    "output",
    "svg",
    "rect",
];

/// Every attribute the renderer writes.
const ATTRIBUTES: &[&str] = &[
    "lang",
    "charset",
    "http-equiv",
    "content",
    "name",
    "rel",
    "href",
    "src",
    "defer",
    "class",
    "id",
    "aria-label",
    "aria-labelledby",
    "data-segment",
    "data-verdict",
    "data-source",
    "title",
    "scope",
    "hidden",
    "value",
    "viewBox",
    "preserveAspectRatio",
    "role",
    "x",
    "y",
    "width",
    "height",
];

/// Three sources that back, copy and contradict each other, and one that
/// tries to inject markup.
fn report() -> Report {
    let sources = vec![
        LoadedSource::of_text(
            "a",
            "Russia fired 82 drones at Kyiv overnight, the air force said on Sunday.\n\n\
             Steve Witkoff met Kirill Dmitriev in Miami on Saturday for three hours of talks on the plan.\n",
        ),
        LoadedSource::of_text(
            "b",
            "Russia fired 82 drones at Kyiv overnight, the air force said on Sunday.\n\n\
             Witkoff and Dmitriev held talks on the plan in Miami on Saturday, officials said.\n",
        ),
        LoadedSource::of_text(
            "c",
            "The air force said Russia fired 63 drones at Kyiv overnight on Sunday.\n",
        ),
        LoadedSource::of_text(
            "hostile",
            "Kirill Dmitriev met Steve Witkoff in Miami <script>alert(1)</script> on Saturday.\n\n\
             Click [here](javascript:alert(1)) for the <img src=x onerror=alert(2)> Miami talks.\n\n\
             <div onclick=\"x\" style=\"color:red\">Raw HTML about Witkoff in Miami.</div>\n",
        ),
    ];
    crate::build_report(crate::analyse(sources), &[], Vec::new())
}

fn parsed(report: &Report) -> BTreeMap<String, Html> {
    render_pages(report)
        .into_iter()
        .filter(|(name, _)| name.ends_with(".html"))
        .map(|(name, text)| (name, Html::parse_document(&text)))
        .collect()
}

fn select<'h>(page: &'h Html, selector: &str) -> Vec<scraper::ElementRef<'h>> {
    let selector = Selector::parse(selector).expect("selector");
    page.select(&selector).collect()
}

#[test]
fn every_segment_is_on_its_page_once_with_its_evidence() {
    let report = report();
    let pages = parsed(&report);
    for source in &report.sources {
        let id = source.info.id.as_str();
        let page = &pages[&format!("sources/{id}.html")];
        let on_page: Vec<String> = select(page, "a.seg[id^='s-']")
            .iter()
            .filter_map(|e| e.value().attr("id")?.strip_prefix("s-").map(str::to_owned))
            .collect();
        let expected: Vec<String> = report
            .segments
            .iter()
            .filter(|s| s.segment.source.as_str() == id)
            .map(|s| s.segment.id.as_str().to_owned())
            .collect();
        assert_eq!(on_page, expected, "{id}");
        assert_eq!(
            select(page, "section.evidence").len(),
            expected.len(),
            "{id}"
        );
    }
    let claims = report
        .segments
        .iter()
        .filter(|s| s.finding.verdict != crate::classify::Verdict::NotAClaim)
        .count();
    assert_eq!(
        select(&pages["index.html"], "#claim-table tbody tr").len(),
        claims
    );
}

#[test]
fn every_link_resolves_to_an_element_of_its_page() {
    let pages = parsed(&report());
    let ids: BTreeMap<&str, BTreeSet<&str>> = pages
        .iter()
        .map(|(name, page)| {
            let ids = page
                .root_element()
                .descendants()
                .filter_map(|n| n.value().as_element()?.attr("id"))
                .collect();
            (name.as_str(), ids)
        })
        .collect();
    let mut checked = 0;
    for (name, page) in &pages {
        let folder = name.rsplit_once('/').map_or("", |(folder, _)| folder);
        for link in select(page, "a[href]") {
            let href = link.value().attr("href").expect("href");
            let (file, fragment) = href.split_once('#').unwrap_or((href, ""));
            let target = match (file, folder) {
                ("", _) => name.clone(),
                (file, "") => file.to_owned(),
                (file, folder) => match file.strip_prefix("../") {
                    Some(top) => top.to_owned(),
                    None => format!("{folder}/{file}"),
                },
            };
            let Some(target_ids) = ids.get(target.as_str()) else {
                panic!("{name}: link {href} to a page that was not written");
            };
            assert!(
                fragment.is_empty() || target_ids.contains(fragment),
                "{name}: link {href} to no element"
            );
            checked += 1;
        }
    }
    assert!(checked > 20, "{checked} links");
}

#[test]
fn article_text_never_becomes_markup() {
    let report = report();
    let rendered = render_pages(&report);
    for (name, text) in rendered.iter().filter(|(n, _)| n.ends_with(".html")) {
        let page = Html::parse_document(text);
        for node in page.root_element().descendants() {
            let Some(element) = node.value().as_element() else {
                continue;
            };
            assert!(
                ELEMENTS.contains(&element.name()),
                "{name}: <{}>",
                element.name()
            );
            for (attribute, value) in element.attrs() {
                assert!(
                    ATTRIBUTES.contains(&attribute),
                    "{name}: {attribute}={value}"
                );
                assert!(
                    !value.contains("javascript:"),
                    "{name}: {attribute}={value}"
                );
            }
            if element.name() == "script" {
                assert_eq!(
                    element.attr("src").map(|s| s.ends_with("review.js")),
                    Some(true)
                );
            }
        }
    }
    let page = &rendered
        .iter()
        .find(|(n, _)| n == "sources/hostile.html")
        .expect("page")
        .1;
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
    assert!(page.contains("onerror=alert(2)&gt;"), "{page}");
}

#[test]
fn pages_forbid_inline_script_and_the_network() {
    let pages = parsed(&report());
    for (name, page) in &pages {
        let policy = select(page, "meta[http-equiv=Content-Security-Policy]");
        let content = policy.first().and_then(|m| m.value().attr("content"));
        assert_eq!(
            content,
            Some(super::page::CONTENT_SECURITY_POLICY),
            "{name}"
        );
    }
    let policy = super::page::CONTENT_SECURITY_POLICY;
    assert!(policy.starts_with("default-src 'none'") && !policy.contains("unsafe"));
}

#[test]
fn rendering_twice_gives_the_same_bytes() {
    let report = report();
    assert_eq!(render_pages(&report), render_pages(&report));
}
