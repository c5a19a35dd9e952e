//! Search-term highlighting: the matched terms of a text wrapped in `<mark>`, built as text nodes
//! (never `inner_html`, so names and summaries can't inject markup).

use leptos::prelude::*;

/// A piece of a highlighted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// The text as written.
    pub text: String,
    /// Whether it matched a term.
    pub marked: bool,
}

/// The lower case of one character when that is a single character (`'A'` → `'a'`); other
/// characters (CJK, `'İ'`) compare as themselves.
fn fold(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(single), None) => single,
        _ => c,
    }
}

/// Splits `text` into marked and unmarked pieces: every case-insensitive occurrence of a term
/// is marked, the longest term winning where several start at the same place. Empty terms are
/// ignored; adjacent pieces of the same kind are merged.
pub fn split_marked(text: &str, terms: &[String]) -> Vec<Piece> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut folded_terms: Vec<Vec<char>> = terms
        .iter()
        .map(|term| term.trim().chars().map(fold).collect::<Vec<char>>())
        .filter(|term| !term.is_empty())
        .collect();
    // Longest first, so `迁移管理` wins over `迁移`.
    folded_terms.sort_by_key(|term| std::cmp::Reverse(term.len()));

    let mut pieces: Vec<Piece> = Vec::new();
    let mut push = |text: &str, marked: bool| {
        if text.is_empty() {
            return;
        }
        match pieces.last_mut() {
            Some(last) if last.marked == marked => last.text.push_str(text),
            _ => pieces.push(Piece {
                text: text.to_owned(),
                marked,
            }),
        }
    };
    let byte_at = |index: usize| chars.get(index).map_or(text.len(), |(byte, _)| *byte);

    let mut plain_start = 0;
    let mut index = 0;
    while index < chars.len() {
        let matched = folded_terms.iter().find(|term| {
            term.len() <= chars.len() - index
                && term.iter().zip(&chars[index..]).all(|(t, (_, c))| *t == fold(*c))
        });
        if let Some(term) = matched {
            push(&text[byte_at(plain_start)..byte_at(index)], false);
            push(&text[byte_at(index)..byte_at(index + term.len())], true);
            index += term.len();
            plain_start = index;
        } else {
            index += 1;
        }
    }
    push(&text[byte_at(plain_start)..], false);
    pieces
}

/// `text` with the search `terms` wrapped in `<mark>`.
#[component]
pub fn Highlighted(
    /// The text.
    #[prop(into)]
    text: String,
    /// Terms to mark (from `SearchResults.terms`).
    terms: std::sync::Arc<Vec<String>>,
) -> impl IntoView {
    split_marked(&text, &terms)
        .into_iter()
        .map(|piece| {
            if piece.marked {
                view! { <mark class="search-hit">{piece.text}</mark> }.into_any()
            } else {
                piece.text.into_any()
            }
        })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(text: &str, terms: &[&str]) -> String {
        let terms: Vec<String> = terms.iter().map(|t| (*t).to_owned()).collect();
        split_marked(text, &terms)
            .into_iter()
            .map(|p| if p.marked { format!("[{}]", p.text) } else { p.text })
            .collect()
    }

    #[test]
    fn marks_chinese_and_case_insensitive_latin() {
        assert_eq!(
            render("CloudAtlas 一站式上云迁移管理套件", &["迁移"]),
            "CloudAtlas 一站式上云[迁移]管理套件"
        );
        assert_eq!(
            render("BitTitan 数据迁移工具", &["bittitan", "迁移"]),
            "[BitTitan] 数据[迁移]工具"
        );
        assert_eq!(render("Azure azure AZURE", &["azure"]), "[Azure] [azure] [AZURE]");
    }

    #[test]
    fn longest_term_wins_and_empty_terms_are_ignored() {
        assert_eq!(render("迁移管理", &["迁移", "迁移管理", " "]), "[迁移管理]");
        assert_eq!(render("abc", &[]), "abc");
        assert_eq!(render("", &["a"]), "");
        assert_eq!(render("aa", &["a"]), "[aa]");
    }

    #[test]
    fn keeps_the_original_spelling_and_multibyte_boundaries() {
        assert_eq!(render("İstanbul ÄÖÜ", &["äö"]), "İstanbul [ÄÖ]Ü");
        assert_eq!(render("<b>x</b>", &["x"]), "<b>[x]</b>");
    }
}
