//! Operator-written markdown (help pages, news, agreements) rendered to HTML that is safe to insert
//! into the storefront: rendered by pulldown-cmark, then sanitized by ammonia (no scripts, styles,
//! event handlers or `javascript:` links; raw HTML in the source is filtered the same way).

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// A heading of a rendered document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 2 or 3.
    pub level: u8,
    /// The `id` given to the heading element.
    pub anchor: String,
    /// Heading text.
    pub text: String,
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

fn sanitize(unsafe_html: &str) -> String {
    let mut cleaner = ammonia::Builder::default();
    for heading in ["h1", "h2", "h3", "h4", "h5", "h6"] {
        cleaner.add_tag_attributes(heading, ["id"]);
    }
    cleaner.url_schemes(["http", "https", "mailto", "tel"].into_iter().collect());
    cleaner.clean(unsafe_html).to_string()
}

/// Renders `markdown` to sanitized HTML.
pub fn render(markdown: &str) -> String {
    let mut out = String::new();
    html::push_html(&mut out, Parser::new_ext(markdown, options()));
    sanitize(&out)
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Renders `markdown` to sanitized HTML whose level-2 and level-3 headings carry anchors, and
/// returns those headings as a table of contents.
pub fn render_with_toc(markdown: &str) -> (String, Vec<Heading>) {
    let mut events: Vec<Event<'_>> = Parser::new_ext(markdown, options()).collect();
    let mut toc = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, .. }) = &events[i] {
            let level = level_number(*level);
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            if (2..=3).contains(&level) {
                let anchor = format!("toc-{}", toc.len() + 1);
                if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                    *id = Some(anchor.clone().into());
                }
                toc.push(Heading {
                    level,
                    anchor,
                    text: text.trim().to_owned(),
                });
            }
            i = j;
        }
        i += 1;
    }
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    (sanitize(&out), toc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_markdown() {
        assert_eq!(render("**复制**与恢复"), "<p><strong>复制</strong>与恢复</p>\n");
    }

    #[test]
    fn strips_scripts_handlers_and_javascript_links() {
        let html = render(
            "<script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1)) <a href=\"https://a.cn\" onclick=\"x()\">a</a>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("href=\"javascript"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(html.contains("href=\"https://a.cn\""), "{html}");
    }

    #[test]
    fn headings_get_anchors_and_a_toc() {
        let (html, toc) = render_with_toc("# 手册\n\n## 注册\n\n正文\n\n### 填写 `公司`\n\n## 登录\n");
        assert_eq!(
            toc.iter().map(|h| (h.level, h.text.as_str())).collect::<Vec<_>>(),
            [(2, "注册"), (3, "填写 公司"), (2, "登录")]
        );
        assert!(html.contains("<h2 id=\"toc-1\">注册</h2>"), "{html}");
        assert!(html.contains("<h3 id=\"toc-2\">"), "{html}");
    }
}
