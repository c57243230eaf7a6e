//! The frame every HTML page shares (pure): title + body → a whole
//! document with the Content-Security-Policy, the stylesheet, the script and
//! a link past the navigation to the main content.

use maud::{DOCTYPE, Markup, html};

use super::assets::{SCRIPT_FILE, STYLESHEET_FILE};

/// What the pages may load: the tool's own stylesheet and script, nothing
/// else. No inline script or style (so no text an article smuggles into an
/// attribute could ever run), no network, no forms, no base URL.
pub(super) const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; \
     script-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";

/// Where a page sits relative to the reports folder, for its links to the
/// stylesheet and the script.
#[derive(Debug, Clone, Copy)]
pub(super) enum Depth {
    /// `reports/index.html`.
    Top,
    /// `reports/sources/<id>.html`.
    Sources,
}

impl Depth {
    fn prefix(self) -> &'static str {
        match self {
            Depth::Top => "",
            Depth::Sources => "../",
        }
    }
}

/// A whole page: `title` in the tab, `body` inside `<body class=…>`.
pub(super) fn document(title: &str, depth: Depth, body_class: &str, body: Markup) -> Markup {
    let prefix = depth.prefix();
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(CONTENT_SECURITY_POLICY);
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (title) " · corroborate" }
                link rel="stylesheet" href={ (prefix) (STYLESHEET_FILE) };
                script src={ (prefix) (SCRIPT_FILE) } defer {}
            }
            body class=(body_class) {
                a.skip href="#main" { "Skip to the report" }
                (body)
            }
        }
    }
}
