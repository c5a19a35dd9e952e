//! Keyword search over the solution catalog (manual §4.5): an in-memory tantivy index whose
//! tokenizer handles Chinese (characters and bigrams) and English (words, camel-case parts) alike,
//! ranked by BM25 with the name weighted highest, filtered and sorted by fast fields.
//!
//! The database stays the source of truth: the API builds the index at start-up and updates it
//! whenever the catalog changes, on either database.

pub mod analyzer;
mod index;
mod tokenizer;

pub use index::{Filters, Hits, SearchDoc, SearchError, SearchIndex, SortBy};
