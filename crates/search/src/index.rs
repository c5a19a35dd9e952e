//! The in-memory tantivy index of published solutions.

use std::borrow::Borrow;
use std::ops::Bound;
use std::sync::Mutex;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, Occur, Query, RangeQuery, RegexQuery, TermQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, Searcher, TantivyDocument, Term,
};

use crate::analyzer::{cjk_query_terms, parse_query};
use crate::tokenizer::MixedTokenizer;

const TOKENIZER: &str = "mixed";
/// Low bits of every sort key hold the solution id.
const ID_BITS: u32 = 30;
const ID_MASK: u64 = (1 << ID_BITS) - 1;
/// Longest prefix expansion: a query word shorter than this only matches whole words.
const MIN_PREFIX_LEN: usize = 2;

/// Clauses of a boolean query.
type Clauses = Vec<(Occur, Box<dyn Query>)>;

/// Why a search could not run.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The query has no letters, digits or Chinese characters.
    #[error("the query has nothing to search for")]
    NoTerms,
    /// The index failed.
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
}

/// A solution as the index sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDoc {
    /// Solution id.
    pub id: i64,
    /// Name (weighted highest).
    pub name: String,
    /// Vendor.
    pub vendor: String,
    /// Summary.
    pub summary: String,
    /// Description and features.
    pub body: String,
    /// Category wire name.
    pub category: String,
    /// Sales region.
    pub region: String,
    /// Has a product plan.
    pub has_product: bool,
    /// Has a service plan.
    pub has_service: bool,
    /// Starting price in fen.
    pub price_fen: u64,
    /// Sales count.
    pub sales: u64,
    /// Average rating × 100 (0 without reviews).
    pub rating_score: u64,
    /// Number of reviews.
    pub rating_count: u64,
    /// Creation time, seconds since the epoch.
    pub created_secs: u64,
}

impl SearchDoc {
    /// The popular order's key, highest first: sales, then average rating, then the newer id.
    pub fn popular_key(&self) -> u64 {
        (self.sales.min(0x1FF_FFFF) << 39)
            | (self.rating_score.min(511) << ID_BITS)
            | (self.id.cast_unsigned() & ID_MASK)
    }
}

/// Result order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    /// Best match first.
    Relevance,
    /// Most sold, then best rated.
    Popular,
    /// Best rated, then most reviewed.
    Rating,
    /// Newest first.
    Newest,
    /// Cheapest first.
    PriceAsc,
    /// Dearest first.
    PriceDesc,
    /// By name.
    Name,
}

/// Filters applied with the keywords.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Category wire name.
    pub category: Option<String>,
    /// Vendor, exact.
    pub vendor: Option<String>,
    /// Region, exact.
    pub region: Option<String>,
    /// `product` or `service`.
    pub kind: Option<String>,
    /// Lowest starting price, fen.
    pub price_min_fen: Option<u64>,
    /// Highest starting price, fen.
    pub price_max_fen: Option<u64>,
}

/// One page of matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hits {
    /// Solution ids of this page, in order.
    pub ids: Vec<i64>,
    /// Matches across all pages.
    pub total: u64,
    /// Terms to highlight.
    pub terms: Vec<String>,
}

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    name: Field,
    all: Field,
    category: Field,
    vendor_exact: Field,
    region: Field,
    kind: Field,
    price: Field,
}

/// The index: documents in RAM, one writer, a reader reloaded after each commit.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    fields: Fields,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SearchIndex({} docs)", self.reader.searcher().num_docs())
    }
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let fields = Fields {
        id: builder.add_u64_field("id", INDEXED | FAST),
        name: builder.add_text_field("name", text.clone()),
        all: builder.add_text_field("all", text),
        category: builder.add_text_field("category", STRING),
        vendor_exact: builder.add_text_field("vendor_exact", STRING),
        region: builder.add_text_field("region", STRING),
        kind: builder.add_text_field("kind", STRING),
        price: builder.add_u64_field("price", INDEXED | FAST),
    };
    builder.add_u64_field("popular", FAST);
    builder.add_u64_field("rating", FAST);
    builder.add_u64_field("newest", FAST);
    builder.add_u64_field("price_key", FAST);
    builder.add_text_field("name_sort", STRING | FAST);
    (builder.build(), fields)
}

impl SearchIndex {
    /// An empty index.
    pub fn new() -> Result<SearchIndex, SearchError> {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        index
            .tokenizers()
            .register(TOKENIZER, TextAnalyzer::from(MixedTokenizer));
        let writer = index.writer_with_num_threads(1, 50_000_000)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            index,
            reader,
            writer: Mutex::new(writer),
            fields,
        })
    }

    /// Documents in the index.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Whether the index holds no documents.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn document(&self, doc: &SearchDoc) -> TantivyDocument {
        let f = self.fields;
        let schema = self.index.schema();
        let field = |name: &str| schema.get_field(name).expect("schema field");
        let mut out = TantivyDocument::default();
        out.add_u64(f.id, doc.id.cast_unsigned());
        out.add_text(f.name, &doc.name);
        out.add_text(
            f.all,
            format!("{}\n{}\n{}\n{}", doc.name, doc.vendor, doc.summary, doc.body),
        );
        out.add_text(f.category, &doc.category);
        out.add_text(f.vendor_exact, &doc.vendor);
        out.add_text(f.region, &doc.region);
        if doc.has_product {
            out.add_text(f.kind, "product");
        }
        if doc.has_service {
            out.add_text(f.kind, "service");
        }
        out.add_u64(f.price, doc.price_fen);
        // Sort keys end in the id, so equal values order like the database does (by id).
        let id = doc.id.cast_unsigned() & ID_MASK;
        let popular = doc.popular_key();
        let rating = (doc.rating_score.min(511) << 55) | (doc.rating_count.min(0x1FF_FFFF) << ID_BITS) | id;
        out.add_u64(field("popular"), popular);
        out.add_u64(field("rating"), rating);
        out.add_u64(
            field("newest"),
            (doc.created_secs.min(0x3_FFFF_FFFF) << ID_BITS) | id,
        );
        out.add_u64(
            field("price_key"),
            (doc.price_fen.min(0x3_FFFF_FFFF) << ID_BITS) | id,
        );
        out.add_text(field("name_sort"), &doc.name);
        out
    }

    /// Replaces the whole index with `docs` (owned or borrowed).
    pub fn rebuild<D: Borrow<SearchDoc>>(
        &self,
        docs: impl IntoIterator<Item = D>,
    ) -> Result<(), SearchError> {
        let mut writer = self
            .writer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        writer.delete_all_documents()?;
        for doc in docs {
            writer.add_document(self.document(doc.borrow()))?;
        }
        writer.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Adds or replaces `docs` (owned or borrowed) and removes the `removed` ids, in one commit.
    pub fn update<D: Borrow<SearchDoc>>(&self, docs: &[D], removed: &[i64]) -> Result<(), SearchError> {
        let mut writer = self
            .writer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for id in removed.iter().chain(docs.iter().map(|d| &d.borrow().id)) {
            writer.delete_term(Term::from_field_u64(self.fields.id, id.cast_unsigned()));
        }
        for doc in docs {
            writer.add_document(self.document(doc.borrow()))?;
        }
        writer.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// What one query word must match: the exact word or, when long enough, a word starting with
    /// it, anywhere in the text (one `all` field keeps it to a couple of posting lists); a match in
    /// the name scores extra.
    fn word_query(&self, word: &str, prefix: bool) -> Result<Box<dyn Query>, SearchError> {
        let f = self.fields;
        let term =
            |field: Field| TermQuery::new(Term::from_field_text(field, word), IndexRecordOption::WithFreqs);
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> = vec![
            (
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(term(f.all)), 2.0)),
            ),
            (
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(term(f.name)), 3.0)),
            ),
        ];
        if prefix && word.chars().count() >= MIN_PREFIX_LEN {
            // Words hold only letters and digits, so they are safe inside a pattern.
            let pattern = RegexQuery::from_pattern(&format!("{word}.*"), f.all)?;
            alternatives.push((Occur::Should, Box::new(pattern)));
        }
        Ok(Box::new(BooleanQuery::new(alternatives)))
    }

    fn keyword_query(&self, query: &str, prefix_last: bool) -> Result<(Clauses, Vec<String>), SearchError> {
        let parts = parse_query(query);
        if parts.is_empty() {
            return Err(SearchError::NoTerms);
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let last = parts.words.len().saturating_sub(1);
        for (i, word) in parts.words.iter().enumerate() {
            clauses.push((Occur::Must, self.word_query(word, prefix_last && i == last)?));
        }
        for run in &parts.cjk_runs {
            for term in cjk_query_terms(run) {
                clauses.push((Occur::Must, self.word_query(&term, false)?));
            }
        }
        Ok((clauses, parts.highlight_terms()))
    }

    fn filter_clauses(&self, filters: &Filters) -> Vec<(Occur, Box<dyn Query>)> {
        let f = self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let exact = |field: Field, value: &str| -> (Occur, Box<dyn Query>) {
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(field, value),
                    IndexRecordOption::Basic,
                )),
            )
        };
        if let Some(category) = &filters.category {
            clauses.push(exact(f.category, category));
        }
        if let Some(vendor) = &filters.vendor {
            clauses.push(exact(f.vendor_exact, vendor));
        }
        if let Some(region) = &filters.region {
            clauses.push(exact(f.region, region));
        }
        if let Some(kind) = &filters.kind {
            clauses.push(exact(f.kind, kind));
        }
        if filters.price_min_fen.is_some() || filters.price_max_fen.is_some() {
            let bound = |value: Option<u64>| {
                value.map_or(Bound::Unbounded, |v| {
                    Bound::Included(Term::from_field_u64(f.price, v))
                })
            };
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(
                    bound(filters.price_min_fen),
                    bound(filters.price_max_fen),
                )),
            ));
        }
        clauses
    }

    /// One page of solutions matching `keywords` (all solutions when None) and `filters`, in
    /// `sort` order (relevance needs keywords; without them it means popular).
    pub fn search(
        &self,
        keywords: Option<&str>,
        filters: &Filters,
        sort: SortBy,
        offset: usize,
        limit: usize,
    ) -> Result<Hits, SearchError> {
        let (mut clauses, terms) = match keywords {
            Some(keywords) => self.keyword_query(keywords, true)?,
            None => (Vec::new(), Vec::new()),
        };
        clauses.extend(self.filter_clauses(filters));
        let sort = if keywords.is_none() && sort == SortBy::Relevance {
            SortBy::Popular
        } else {
            sort
        };
        let query: Box<dyn Query> = if clauses.is_empty() {
            Box::new(AllQuery)
        } else {
            Box::new(BooleanQuery::new(clauses))
        };
        let searcher = self.reader.searcher();
        let top = TopDocs::with_limit(limit.max(1)).and_offset(offset);
        let (total, addresses): (usize, Vec<DocAddress>) = match sort {
            SortBy::Relevance => {
                let (total, docs) = searcher.search(query.as_ref(), &(Count, top.order_by_score()))?;
                (total, docs.into_iter().map(|(_, a)| a).collect())
            }
            SortBy::Name => {
                let (total, docs) = searcher.search(
                    query.as_ref(),
                    &(Count, top.order_by_string_fast_field("name_sort", Order::Asc)),
                )?;
                (total, docs.into_iter().map(|(_, a)| a).collect())
            }
            SortBy::Popular | SortBy::Rating | SortBy::Newest | SortBy::PriceAsc | SortBy::PriceDesc => {
                let (field, order) = match sort {
                    SortBy::Popular => ("popular", Order::Desc),
                    SortBy::Rating => ("rating", Order::Desc),
                    SortBy::Newest => ("newest", Order::Desc),
                    SortBy::PriceAsc => ("price_key", Order::Asc),
                    _ => ("price_key", Order::Desc),
                };
                let (total, docs) = searcher.search(
                    query.as_ref(),
                    &(Count, top.order_by_fast_field::<u64>(field, order)),
                )?;
                (total, docs.into_iter().map(|(_, a)| a).collect())
            }
        };
        Ok(Hits {
            ids: Self::ids(&searcher, &addresses)?,
            total: total as u64,
            terms,
        })
    }

    /// Up to `limit` solution ids whose name or vendor match what has been typed so far, best first.
    pub fn suggest(&self, typed: &str, limit: usize) -> Result<Vec<i64>, SearchError> {
        let (clauses, _) = self.keyword_query(typed, true)?;
        let searcher = self.reader.searcher();
        let docs = searcher.search(
            &BooleanQuery::new(clauses),
            &TopDocs::with_limit(limit.max(1)).order_by_score(),
        )?;
        let addresses: Vec<DocAddress> = docs.into_iter().map(|(_, a)| a).collect();
        Self::ids(&searcher, &addresses)
    }

    fn ids(searcher: &Searcher, addresses: &[DocAddress]) -> Result<Vec<i64>, SearchError> {
        addresses
            .iter()
            .map(|address| {
                let column = searcher
                    .segment_reader(address.segment_ord)
                    .fast_fields()
                    .u64("id")?;
                Ok(column.first(address.doc_id).unwrap_or_default().cast_signed())
            })
            .collect()
    }
}
