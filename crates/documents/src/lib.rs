//! Documents of Reseller Center rendered to bytes: the electronic order contract (电子合同) as PDF.
//!
//! Pure functions from data to bytes: [`ContractRenderer::load`] reads and parses the CJK fonts
//! once at start-up; [`ContractRenderer::render`] turns a [`Contract`] into an A4 PDF with the
//! fonts subset and embedded (a one-page contract is a few tens of KB). The output is
//! deterministic — the same contract gives byte-identical PDFs — so a stored contract can be
//! verified by re-rendering it and comparing SHA-256.
//!
//! The prose of the contract ([`Contract::clauses`], [`Contract::grand_total_sentence`], …) is
//! plain strings so the SPA can show exactly what the PDF prints.
//!
//! ```no_run
//! use rc_documents::{ContractRenderer, DEFAULT_REGULAR_FONT, DEFAULT_REGULAR_FONT_INDEX};
//! # fn contract() -> rc_documents::Contract { unimplemented!() }
//! let renderer = ContractRenderer::load(
//!     std::path::Path::new(DEFAULT_REGULAR_FONT),
//!     DEFAULT_REGULAR_FONT_INDEX,
//!     None,
//! )?;
//! let pdf: Vec<u8> = renderer.render(&contract())?;
//! # Ok::<(), rc_documents::DocumentError>(())
//! ```

mod contract;
mod layout;
mod render;

use std::path::PathBuf;

use rust_decimal::Decimal;

pub use contract::{
    Contract, ContractLine, ContractParty, Delivery, PRODUCTS_CAPTION, PaymentTerms, SERVICES_CAPTION,
    TABLE_HEADERS, TABLE_TOTAL_LABEL, TABLES_INTRO, format_date, format_decimal2, format_percent,
    format_yuan, uppercase,
};
pub use render::ContractRenderer;

/// Regular font of Debian's `fonts-noto-cjk` (a TrueType/OpenType collection).
pub const DEFAULT_REGULAR_FONT: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
/// Face of [`DEFAULT_REGULAR_FONT`] for Simplified Chinese (Noto Sans CJK SC).
pub const DEFAULT_REGULAR_FONT_INDEX: u32 = 2;
/// Bold font of Debian's `fonts-noto-cjk`.
pub const DEFAULT_BOLD_FONT: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc";
/// Face of [`DEFAULT_BOLD_FONT`] for Simplified Chinese (Noto Sans CJK SC Bold).
pub const DEFAULT_BOLD_FONT_INDEX: u32 = 2;

/// Why a document could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// The font file could not be read.
    #[error("cannot read font file {path}: {source}")]
    FontRead {
        /// The file that was read.
        path: PathBuf,
        /// The IO error.
        source: std::io::Error,
    },
    /// The file was read but the face is not a font usable for Chinese text.
    #[error("{path} (face {index}) is not a usable font: {reason}")]
    InvalidFont {
        /// The file that was read.
        path: PathBuf,
        /// The face index inside the collection.
        index: u32,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// An amount cannot be written in 人民币大写 (10^16 yuan or more).
    #[error("amount {0} is outside the 人民币大写 table")]
    AmountOutOfRange(Decimal),
    /// The PDF writer failed.
    #[error("PDF serialization failed: {0}")]
    Pdf(String),
}
