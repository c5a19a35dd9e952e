//! A small page-layout engine: measures text with the font's cmap and advance widths, breaks
//! lines (CJK anywhere, Latin at spaces, with the usual 禁则 for punctuation), flows paragraphs and
//! tables over A4 pages and records the result as drawing operations.
//!
//! No shaping beyond the cmap is needed for a contract in Simplified Chinese: the SC face maps
//! to SC glyphs directly, and Latin text without kerning is fine at these sizes.

use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, MetadataProvider, charmap::Charmap};

/// A4 width in points.
pub(crate) const PAGE_W: f32 = 595.276;
/// A4 height in points.
pub(crate) const PAGE_H: f32 = 841.89;
/// Left and right margin (20 mm).
pub(crate) const MARGIN_X: f32 = 56.69;
/// Top of the body on every page (page 1 draws its title block from [`FIRST_PAGE_TOP`]).
pub(crate) const BODY_TOP: f32 = 58.0;
/// Top of the title block on page 1.
pub(crate) const FIRST_PAGE_TOP: f32 = 40.0;
/// Lowest y the body may reach; the footer lives below.
pub(crate) const BODY_BOTTOM: f32 = PAGE_H - 56.0;
/// Width of the text column.
pub(crate) const BODY_W: f32 = PAGE_W - 2.0 * MARGIN_X;

/// Ascent of the ideographic em box of Noto Sans CJK, in em.
const ASCENT: f32 = 0.88;
/// Horizontal padding inside a table cell.
const CELL_PAD_X: f32 = 4.0;
/// Vertical padding inside a table cell.
const CELL_PAD_Y: f32 = 3.0;
/// Width of table rules.
const CELL_RULE: f32 = 0.6;
/// Gray of table rules.
const RULE_GRAY: u8 = 96;

/// Regular or bold text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// The regular face.
    Regular,
    /// The bold face (or a stroked regular face when no bold font was loaded).
    Bold,
}

/// Horizontal alignment of a line inside its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    /// Flush left.
    Left,
    /// Centered.
    Center,
    /// Flush right.
    Right,
}

/// One drawing operation; coordinates in points from the top-left corner, y down.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Op {
    /// A single line of text; `baseline` is its baseline.
    Text {
        /// Left end of the text.
        x: f32,
        /// Baseline.
        baseline: f32,
        /// Font size.
        size: f32,
        /// Face.
        style: Style,
        /// 0 black … 255 white.
        gray: u8,
        /// The text (one line, no control characters).
        text: String,
    },
    /// A straight line.
    Rule {
        /// Start x.
        x1: f32,
        /// Start y.
        y1: f32,
        /// End x.
        x2: f32,
        /// End y.
        y2: f32,
        /// Stroke width.
        width: f32,
        /// Gray level.
        gray: u8,
    },
    /// A filled rectangle.
    Fill {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Gray level.
        gray: u8,
    },
}

/// The metrics of one face, borrowed from the font data for the duration of one render.
pub(crate) struct Face<'a> {
    charmap: Charmap<'a>,
    metrics: GlyphMetrics<'a>,
    upem: f32,
}

impl<'a> Face<'a> {
    /// Reads the cmap and metrics of face `index` of `data`; `None` if it is not a font.
    pub(crate) fn new(data: &'a [u8], index: u32) -> Option<Self> {
        let font = FontRef::from_index(data, index).ok()?;
        let upem = f32::from(
            font.metrics(Size::unscaled(), LocationRef::default())
                .units_per_em,
        );
        if upem <= 0.0 {
            return None;
        }
        Some(Self {
            charmap: font.charmap(),
            metrics: font.glyph_metrics(Size::unscaled(), LocationRef::default()),
            upem,
        })
    }

    /// Whether the face has a glyph for `c`.
    pub(crate) fn has_glyph(&self, c: char) -> bool {
        self.charmap.map(c).is_some()
    }

    /// Glyph id (0 = .notdef when missing) and advance in em.
    pub(crate) fn glyph(&self, c: char) -> (u32, f32) {
        let gid = self.charmap.map(c).unwrap_or_default();
        let advance = self.metrics.advance_width(gid).unwrap_or(0.0) / self.upem;
        (gid.to_u32(), advance)
    }

    /// Width of `text` at `size` points.
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.glyph(c).1).sum::<f32>() * size
    }
}

/// Characters that must not start a line (closing punctuation).
const NO_LINE_START: &str = "，。、；：？！）》」』】〉〕”’…,;:?!)]}%";
/// Characters that must not end a line (opening punctuation).
const NO_LINE_END: &str = "（《「『【〈〔“‘([{";

/// Whether a break is allowed on both sides of `c` (ideographs, kana, full-width forms).
fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x2E80..=0x2FFF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x31FF | 0x3200..=0x4DBF
        | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Replaces control characters (tabs, CR, …) by spaces; line feeds are kept for the caller.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect()
}

/// Splits one hard line into unbreakable pieces; `None` stands for a breaking space.
fn tokens(line: &str) -> Vec<Option<String>> {
    let mut raw: Vec<Option<String>> = Vec::new();
    let mut word = String::new();
    for c in line.chars() {
        let single = is_cjk(c) || NO_LINE_START.contains(c) || NO_LINE_END.contains(c);
        if c.is_whitespace() || single {
            if !word.is_empty() {
                raw.push(Some(std::mem::take(&mut word)));
            }
            raw.push(if c.is_whitespace() {
                None
            } else {
                Some(c.to_string())
            });
        } else {
            word.push(c);
        }
    }
    if !word.is_empty() {
        raw.push(Some(word));
    }

    // 禁则: closing punctuation sticks to what precedes it, opening punctuation to what follows.
    let mut out: Vec<Option<String>> = Vec::with_capacity(raw.len());
    let mut carry = String::new();
    for token in raw {
        match token {
            None => {
                if !carry.is_empty() {
                    out.push(Some(std::mem::take(&mut carry)));
                }
                out.push(None);
            }
            Some(t) => {
                let first = t.chars().next().unwrap_or(' ');
                let is_single = t.chars().count() == 1;
                if is_single
                    && NO_LINE_START.contains(first)
                    && carry.is_empty()
                    && let Some(Some(prev)) = out.last_mut()
                {
                    prev.push_str(&t);
                    continue;
                }
                if is_single && NO_LINE_END.contains(first) {
                    carry.push_str(&t);
                    continue;
                }
                carry.push_str(&t);
                out.push(Some(std::mem::take(&mut carry)));
            }
        }
    }
    if !carry.is_empty() {
        out.push(Some(carry));
    }
    out
}

/// Breaks `text` into lines no wider than `max` points at `size` (a single glyph wider than
/// `max` still gets its own line). Line feeds force breaks; an empty text gives no lines.
pub(crate) fn wrap(face: &Face<'_>, text: &str, size: f32, max: f32) -> Vec<String> {
    let max = max + 0.01;
    let mut lines = Vec::new();
    for hard in clean(text).split('\n') {
        let mut line = String::new();
        let mut line_w = 0.0_f32;
        let mut pending_space = false;
        let space_w = face.width(" ", size);
        for token in tokens(hard) {
            let Some(token) = token else {
                pending_space = !line.is_empty();
                continue;
            };
            let w = face.width(&token, size);
            let gap = if pending_space { space_w } else { 0.0 };
            pending_space = false;
            if line_w + gap + w <= max {
                if gap > 0.0 {
                    line.push(' ');
                }
                line.push_str(&token);
                line_w += gap + w;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            line_w = 0.0;
            if w <= max {
                line.push_str(&token);
                line_w = w;
                continue;
            }
            // A word longer than the line: cut it, preferably after a separator.
            let mut rest = token.as_str();
            while !rest.is_empty() {
                let (head, tail) = split_to_fit(face, rest, size, max);
                if tail.is_empty() {
                    line.push_str(head);
                    line_w = face.width(head, size);
                } else {
                    lines.push(head.to_owned());
                }
                rest = tail;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// The longest prefix of `word` that fits in `max` (at least one character), cut after a
/// separator (`.@-/_`) when one lies in the second half of the fitting prefix.
fn split_to_fit<'w>(face: &Face<'_>, word: &'w str, size: f32, max: f32) -> (&'w str, &'w str) {
    let mut width = 0.0;
    let mut end = 0;
    let mut last_sep = None;
    for (i, c) in word.char_indices() {
        let w = face.glyph(c).1 * size;
        if end > 0 && width + w > max {
            break;
        }
        width += w;
        end = i + c.len_utf8();
        if ".@-/_".contains(c) {
            last_sep = Some(end);
        }
    }
    if end < word.len()
        && let Some(sep) = last_sep
        && sep * 2 >= end
    {
        end = sep;
    }
    word.split_at(end)
}

/// One cell of a table row.
#[derive(Debug, Clone)]
pub(crate) struct Cell {
    /// The text; wrapped inside the cell.
    pub(crate) text: String,
    /// How many columns it spans.
    pub(crate) span: usize,
    /// Alignment of its lines.
    pub(crate) align: Align,
    /// Face.
    pub(crate) style: Style,
    /// Background gray, if shaded.
    pub(crate) shade: Option<u8>,
}

impl Cell {
    /// A plain left-aligned cell spanning one column.
    pub(crate) fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            span: 1,
            align: Align::Left,
            style: Style::Regular,
            shade: None,
        }
    }

    /// Spans `n` columns.
    pub(crate) fn span(mut self, n: usize) -> Self {
        self.span = n;
        self
    }

    /// Right-aligned.
    pub(crate) fn right(mut self) -> Self {
        self.align = Align::Right;
        self
    }

    /// Centered.
    pub(crate) fn center(mut self) -> Self {
        self.align = Align::Center;
        self
    }

    /// Bold.
    pub(crate) fn bold(mut self) -> Self {
        self.style = Style::Bold;
        self
    }

    /// Shaded with `gray`.
    pub(crate) fn shade(mut self, gray: u8) -> Self {
        self.shade = Some(gray);
        self
    }
}

/// A table to flow: columns, an optional header repeated on every page, rows.
pub(crate) struct Table<'t> {
    /// Column widths; they should add up to the body width.
    pub(crate) widths: &'t [f32],
    /// Repeated at the top of each page the table reaches.
    pub(crate) header: Option<Vec<Cell>>,
    /// The rows.
    pub(crate) rows: Vec<Vec<Cell>>,
    /// Font size.
    pub(crate) size: f32,
    /// Printed above the repeated header on continuation pages, e.g. "产品订单（续）".
    pub(crate) continued: Option<String>,
}

/// A cell laid out: its box and wrapped lines.
struct LaidCell {
    x: f32,
    w: f32,
    lines: Vec<String>,
    align: Align,
    style: Style,
    shade: Option<u8>,
}

/// A row laid out: its cells and its height in lines.
struct RowLines {
    cells: Vec<LaidCell>,
    lines: usize,
}

/// A line count as a float (saturating; counts here are small).
fn count_f32(n: usize) -> f32 {
    f32::from(u16::try_from(n).unwrap_or(u16::MAX))
}

/// Pages being filled with operations, top to bottom.
pub(crate) struct Layout<'f> {
    regular: &'f Face<'f>,
    bold: &'f Face<'f>,
    /// The finished and current pages.
    pub(crate) pages: Vec<Vec<Op>>,
    /// Current y on the last page.
    pub(crate) y: f32,
}

impl<'f> Layout<'f> {
    /// Starts with one empty page, cursor at [`FIRST_PAGE_TOP`].
    pub(crate) fn new(regular: &'f Face<'f>, bold: &'f Face<'f>) -> Self {
        Self {
            regular,
            bold,
            pages: vec![Vec::new()],
            y: FIRST_PAGE_TOP,
        }
    }

    /// The face for `style`.
    pub(crate) fn face(&self, style: Style) -> &'f Face<'f> {
        match style {
            Style::Regular => self.regular,
            Style::Bold => self.bold,
        }
    }

    /// Adds an operation to the current page.
    pub(crate) fn push(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    /// Starts a new page; the cursor goes to [`BODY_TOP`].
    pub(crate) fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = BODY_TOP;
    }

    /// Space left on the current page.
    pub(crate) fn remaining(&self) -> f32 {
        BODY_BOTTOM - self.y
    }

    /// Starts a new page unless `h` points still fit.
    pub(crate) fn ensure(&mut self, h: f32) {
        if h > self.remaining() && self.y > BODY_TOP {
            self.new_page();
        }
    }

    /// Moves the cursor down; never past the page end.
    pub(crate) fn gap(&mut self, h: f32) {
        self.y = (self.y + h).min(BODY_BOTTOM);
    }

    /// Draws one line of text inside the box `[x, x + w]` at line top `top`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn text_at(
        &mut self,
        x: f32,
        w: f32,
        top: f32,
        line_h: f32,
        size: f32,
        style: Style,
        gray: u8,
        align: Align,
        text: &str,
    ) {
        if text.is_empty() {
            return;
        }
        let text_w = self.face(style).width(text, size);
        let x = match align {
            Align::Left => x,
            Align::Center => x + (w - text_w) / 2.0,
            Align::Right => x + w - text_w,
        };
        let baseline = top + (line_h - size) / 2.0 + ASCENT * size;
        self.push(Op::Text {
            x,
            baseline,
            size,
            style,
            gray,
            text: text.to_owned(),
        });
    }

    /// Flows a paragraph at `x` with width `w`; lines that do not fit go to the next page.
    ///
    /// With `hanging`, the text before the first space (e.g. "1." or "1)") stays on the first
    /// line and the rest of the paragraph is indented past it.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn paragraph(
        &mut self,
        text: &str,
        x: f32,
        w: f32,
        size: f32,
        line_h: f32,
        style: Style,
        gray: u8,
        align: Align,
        hanging: bool,
    ) {
        let face = self.face(style);
        let (label, body) = match text.split_once(' ') {
            Some((label, body)) if hanging => (Some(label), body),
            _ => (None, text),
        };
        let indent = label.map_or(0.0, |l| face.width(l, size) + face.width(" ", size));
        let lines = wrap(face, body, size, w - indent);
        for (i, line) in lines.iter().enumerate() {
            if line_h > self.remaining() {
                self.new_page();
            }
            if i == 0
                && let Some(label) = label
            {
                self.text_at(x, indent, self.y, line_h, size, style, gray, Align::Left, label);
            }
            self.text_at(
                x + indent,
                w - indent,
                self.y,
                line_h,
                size,
                style,
                gray,
                align,
                line,
            );
            self.y += line_h;
        }
    }

    /// Height of a paragraph of `text` (for keep-together decisions).
    pub(crate) fn paragraph_height(&self, text: &str, w: f32, size: f32, line_h: f32, style: Style) -> f32 {
        let n = wrap(self.face(style), text, size, w).len().max(1);
        line_h * count_f32(n)
    }

    /// A horizontal rule across the body at the cursor.
    pub(crate) fn hrule(&mut self, width: f32, gray: u8) {
        let y = self.y;
        self.push(Op::Rule {
            x1: MARGIN_X,
            y1: y,
            x2: MARGIN_X + BODY_W,
            y2: y,
            width,
            gray,
        });
    }

    fn row_lines(&self, widths: &[f32], cells: &[Cell], size: f32) -> RowLines {
        let mut out = Vec::with_capacity(cells.len());
        let mut col = 0;
        let mut x = MARGIN_X;
        let mut lines = 1;
        for cell in cells {
            let span = cell.span.max(1);
            let w: f32 = widths.iter().skip(col).take(span).sum();
            col += span;
            let wrapped = wrap(self.face(cell.style), &cell.text, size, w - 2.0 * CELL_PAD_X);
            lines = lines.max(wrapped.len());
            out.push(LaidCell {
                x,
                w,
                lines: wrapped,
                align: cell.align,
                style: cell.style,
                shade: cell.shade,
            });
            x += w;
        }
        RowLines { cells: out, lines }
    }

    /// Height of one line in a table of font size `size`.
    fn cell_line_h(size: f32) -> f32 {
        size * 1.4
    }

    /// Height the header and the first `rows` rows of `table` need (for keep-with-next).
    pub(crate) fn table_head_height(&self, table: &Table<'_>, rows: usize) -> f32 {
        let lh = Self::cell_line_h(table.size);
        let mut h = 0.0;
        for cells in table.header.iter().chain(table.rows.iter().take(rows)) {
            let n = self.row_lines(table.widths, cells, table.size).lines.min(4);
            h += count_f32(n) * lh + 2.0 * CELL_PAD_Y;
        }
        h
    }

    /// Flows `table` from the cursor; rows taller than the space left are split between lines,
    /// and every continuation page repeats the caption and the header.
    pub(crate) fn table(&mut self, table: &Table<'_>) {
        if let Some(header) = &table.header {
            self.row(table, header, false);
        }
        for cells in &table.rows {
            self.row(table, cells, true);
        }
    }

    fn row(&mut self, table: &Table<'_>, cells: &[Cell], repeat_header: bool) {
        let lh = Self::cell_line_h(table.size);
        let laid = self.row_lines(table.widths, cells, table.size);
        let mut done = 0;
        while done < laid.lines {
            let fit = ((self.remaining() - 2.0 * CELL_PAD_Y) / lh).floor().max(0.0);
            // Truncation is intended: `fit` is a small non-negative whole number.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let fit = fit as usize;
            let need = laid.lines - done;
            if fit < need.min(2) && self.y > BODY_TOP {
                self.new_page();
                if repeat_header {
                    if let Some(caption) = &table.continued {
                        let size = table.size + 1.0;
                        let y = self.y;
                        self.text_at(
                            MARGIN_X,
                            BODY_W,
                            y,
                            size * 1.6,
                            size,
                            Style::Bold,
                            0,
                            Align::Left,
                            caption,
                        );
                        self.y += size * 1.6 + 2.0;
                    }
                    if let Some(header) = &table.header {
                        self.row(table, header, false);
                    }
                }
                continue;
            }
            let take = need.min(fit.max(1));
            let h = count_f32(take) * lh + 2.0 * CELL_PAD_Y;
            let top = self.y;
            for cell in &laid.cells {
                if let Some(gray) = cell.shade {
                    self.push(Op::Fill {
                        x: cell.x,
                        y: top,
                        w: cell.w,
                        h,
                        gray,
                    });
                }
            }
            for cell in &laid.cells {
                for (i, line) in cell.lines.iter().skip(done).take(take).enumerate() {
                    let line_top = top + CELL_PAD_Y + count_f32(i) * lh;
                    self.text_at(
                        cell.x + CELL_PAD_X,
                        cell.w - 2.0 * CELL_PAD_X,
                        line_top,
                        lh,
                        table.size,
                        cell.style,
                        0,
                        cell.align,
                        line,
                    );
                }
            }
            let left = MARGIN_X;
            let right = laid.cells.last().map_or(left, |c| c.x + c.w);
            for y in [top, top + h] {
                self.push(Op::Rule {
                    x1: left,
                    y1: y,
                    x2: right,
                    y2: y,
                    width: CELL_RULE,
                    gray: RULE_GRAY,
                });
            }
            let mut xs: Vec<f32> = laid.cells.iter().map(|c| c.x).collect();
            xs.push(right);
            for x in xs {
                self.push(Op::Rule {
                    x1: x,
                    y1: top,
                    x2: x,
                    y2: top + h,
                    width: CELL_RULE,
                    gray: RULE_GRAY,
                });
            }
            self.y += h;
            done += take;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn face_data() -> Vec<u8> {
        std::fs::read(crate::DEFAULT_REGULAR_FONT).unwrap_or_else(|e| {
            panic!(
                "font {} missing ({e}); install Debian package fonts-noto-cjk",
                crate::DEFAULT_REGULAR_FONT
            )
        })
    }

    #[test]
    fn cjk_wraps_anywhere_and_latin_at_spaces() {
        let data = face_data();
        let face = Face::new(&data, crate::DEFAULT_REGULAR_FONT_INDEX).expect("face");
        let lines = wrap(&face, "定价方式为按产品/服务计价，货币为人民币。", 10.0, 60.0);
        assert!(lines.len() > 2, "{lines:?}");
        assert!(lines.iter().all(|l| face.width(l, 10.0) <= 60.5), "{lines:?}");
        assert_eq!(lines.concat(), "定价方式为按产品/服务计价，货币为人民币。");
        // Closing punctuation never starts a line.
        assert!(lines.iter().all(|l| !l.starts_with('，') && !l.starts_with('。')));

        let lines = wrap(&face, "Shanghai Blue Cloud Technology", 10.0, 80.0);
        assert!(lines.iter().all(|l| !l.starts_with(' ') && !l.ends_with(' ')));
        assert_eq!(lines.join(" "), "Shanghai Blue Cloud Technology");
    }

    #[test]
    fn long_words_are_cut_after_a_separator() {
        let data = face_data();
        let face = Face::new(&data, crate::DEFAULT_REGULAR_FONT_INDEX).expect("face");
        let lines = wrap(&face, "zhao.yikang@oe.21vianet.com", 9.0, 70.0);
        assert!(lines.len() >= 2, "{lines:?}");
        assert_eq!(lines.concat(), "zhao.yikang@oe.21vianet.com");
        assert!(wrap(&face, "", 9.0, 70.0).is_empty());
        assert_eq!(wrap(&face, "a\nb", 9.0, 70.0), vec!["a", "b"]);
    }
}
