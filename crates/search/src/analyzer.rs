//! Splits mixed Chinese / English text into index terms.
//!
//! Chinese has no spaces, so every run of CJK characters becomes its single characters and its
//! overlapping pairs (bigrams): `迁移工具` → 迁, 移, 工, 具, 迁移, 移工, 工具. A query for `迁移` then
//! matches the bigram, wherever it sits in a word. Letters and digits form words, lower-cased, with
//! camel-case parts added (`CloudAtlas` → cloudatlas, cloud, atlas). Full-width Latin (`Ａｚｕｒｅ`)
//! folds to ASCII. Everything else separates.

/// One index term with its byte span in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The term as indexed.
    pub text: String,
    /// Byte offset where it starts.
    pub from: usize,
    /// Byte offset where it ends.
    pub to: usize,
}

/// What a query asks for, after the same normalisation as the text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QueryParts {
    /// Latin/digit words, lower-cased.
    pub words: Vec<String>,
    /// Runs of CJK characters as typed.
    pub cjk_runs: Vec<String>,
}

impl QueryParts {
    /// Nothing searchable (only punctuation or spaces).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.cjk_runs.is_empty()
    }

    /// Every term to highlight: the words and the CJK runs.
    pub fn highlight_terms(&self) -> Vec<String> {
        self.words.iter().chain(&self.cjk_runs).cloned().collect()
    }
}

/// Whether `c` is written without spaces between words (Chinese, Japanese kana, Korean).
pub fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x2A6DF)
}

fn fold(c: char) -> char {
    match u32::from(c) {
        // Full-width ASCII variants → ASCII.
        code @ 0xFF01..=0xFF5E => char::from_u32(code - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Cjk,
    Word,
    Other,
}

fn class(c: char) -> Class {
    if is_cjk(c) {
        Class::Cjk
    } else if c.is_alphanumeric() {
        Class::Word
    } else {
        Class::Other
    }
}

/// A run of same-class characters: class, start byte, end byte, folded characters with offsets.
type Run = (Class, usize, usize, Vec<(usize, char)>);

/// Runs of same-class characters, separators dropped.
fn runs(text: &str) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for (at, raw) in text.char_indices() {
        let c = fold(raw);
        let kind = class(c);
        let end = at + raw.len_utf8();
        match out.last_mut() {
            Some((last, _, run_end, chars)) if *last == kind && kind != Class::Other => {
                *run_end = end;
                chars.push((at, c));
            }
            _ => out.push((kind, at, end, vec![(at, c)])),
        }
    }
    out.retain(|(kind, ..)| *kind != Class::Other);
    out
}

fn lower(chars: &[(usize, char)]) -> String {
    chars.iter().flat_map(|(_, c)| c.to_lowercase()).collect()
}

/// The index terms of `text`.
pub fn analyze(text: &str) -> Vec<Term> {
    let mut terms = Vec::new();
    for (kind, from, to, chars) in runs(text) {
        match kind {
            Class::Word => {
                terms.push(Term {
                    text: lower(&chars),
                    from,
                    to,
                });
                // Camel-case parts: a break before an upper-case letter that follows a lower-case one.
                let mut start = 0;
                let mut parts = Vec::new();
                for i in 1..chars.len() {
                    if chars[i - 1].1.is_lowercase() && chars[i].1.is_uppercase() {
                        parts.push(start..i);
                        start = i;
                    }
                }
                if !parts.is_empty() {
                    parts.push(start..chars.len());
                    for part in parts {
                        let end = chars.get(part.end).map_or(to, |(at, _)| *at);
                        terms.push(Term {
                            text: lower(&chars[part.clone()]),
                            from: chars[part.start].0,
                            to: end,
                        });
                    }
                }
            }
            Class::Cjk => {
                for (i, (at, c)) in chars.iter().enumerate() {
                    let end = at + c.len_utf8();
                    terms.push(Term {
                        text: c.to_string(),
                        from: *at,
                        to: end,
                    });
                    if let Some((next_at, next)) = chars.get(i + 1) {
                        terms.push(Term {
                            text: format!("{c}{next}"),
                            from: *at,
                            to: next_at + next.len_utf8(),
                        });
                    }
                }
            }
            Class::Other => {}
        }
    }
    terms
}

/// Splits a query into words and CJK runs (at most 32 parts; the rest is ignored).
pub fn parse_query(query: &str) -> QueryParts {
    let mut parts = QueryParts::default();
    for (kind, _, _, chars) in runs(query).into_iter().take(32) {
        match kind {
            Class::Word => parts.words.push(lower(&chars)),
            Class::Cjk => parts.cjk_runs.push(chars.iter().map(|(_, c)| *c).collect()),
            Class::Other => {}
        }
    }
    parts
}

/// The terms a CJK query run must match: the character itself, or every bigram.
pub fn cjk_query_terms(run: &str) -> Vec<String> {
    let chars: Vec<char> = run.chars().collect();
    if chars.len() == 1 {
        return vec![run.to_owned()];
    }
    chars.windows(2).map(|pair| pair.iter().collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        analyze(text).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn chinese_becomes_characters_and_bigrams() {
        assert_eq!(
            texts("迁移工具"),
            ["迁", "迁移", "移", "移工", "工", "工具", "具"]
        );
    }

    #[test]
    fn latin_words_are_lowered_with_camel_parts() {
        assert_eq!(
            texts("CloudAtlas (Unify Cloud)"),
            ["cloudatlas", "cloud", "atlas", "unify", "cloud"]
        );
        assert_eq!(
            texts("Security for Azure/Azure"),
            ["security", "for", "azure", "azure"]
        );
    }

    #[test]
    fn mixed_text_and_full_width_latin() {
        assert_eq!(
            texts("BitTitan数据"),
            ["bittitan", "bit", "titan", "数", "数据", "据"]
        );
        assert_eq!(texts("Ａｚｕｒｅ"), ["azure"]);
    }

    #[test]
    fn spans_point_into_the_text() {
        let text = "上云 Azure";
        for term in analyze(text) {
            assert_eq!(text[term.from..term.to].to_lowercase(), term.text);
        }
    }

    #[test]
    fn queries_split_into_words_and_runs() {
        let parts = parse_query("  迁移 AZURE! ");
        assert_eq!(parts.words, ["azure"]);
        assert_eq!(parts.cjk_runs, ["迁移"]);
        assert!(parse_query(" !?。 ").is_empty());
        assert_eq!(cjk_query_terms("上云迁移"), ["上云", "云迁", "迁移"]);
        assert_eq!(cjk_query_terms("云"), ["云"]);
    }
}
