//! The analyzer wrapped as a tantivy tokenizer.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::analyzer::analyze;

/// Tokenizer for mixed Chinese / English text (see [`crate::analyzer`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct MixedTokenizer;

/// The tokens of one text.
#[derive(Debug)]
pub struct MixedTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl Tokenizer for MixedTokenizer {
    type TokenStream<'a> = MixedTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> MixedTokenStream {
        let tokens = analyze(text)
            .into_iter()
            .enumerate()
            .map(|(position, term)| Token {
                offset_from: term.from,
                offset_to: term.to,
                position,
                text: term.text,
                position_length: 1,
            })
            .collect();
        MixedTokenStream { tokens, next: 0 }
    }
}

impl TokenStream for MixedTokenStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}
