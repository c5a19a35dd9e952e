//! Documents of Reseller Center: the electronic order contract (manual §5.1.4, §11) and settlement
//! statements (§9) rendered as PDF and spreadsheets. Pure rendering: no HTTP, no database.
//!
//! The crate is part of the fixed workspace layout; its renderers arrive with the ordering and
//! statement features, which are the first to produce documents.
