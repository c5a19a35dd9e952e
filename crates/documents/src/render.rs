//! Fonts loaded once, the contract composed into pages, and the pages written with krilla.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use chrono::Datelike;
use krilla::color::luma;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Data, Document};

use crate::DocumentError;
use crate::contract::{
    Contract, ContractLine, PRODUCTS_CAPTION, SERVICES_CAPTION, TABLE_HEADERS, TABLE_TOTAL_LABEL,
    TABLES_INTRO, format_date, format_decimal2, format_percent,
};
use crate::layout::{
    Align, BODY_TOP, BODY_W, Cell, Face, Layout, MARGIN_X, Op, PAGE_H, PAGE_W, Style, Table, wrap,
};

/// Body text size.
const BODY_SIZE: f32 = 9.0;
/// Body line height.
const BODY_LH: f32 = 14.0;
/// Table text size.
const TABLE_SIZE: f32 = 8.5;
/// Section heading size.
const HEADING_SIZE: f32 = 10.5;
/// Section heading line height.
const HEADING_LH: f32 = 17.0;
/// Gray of secondary text (English name, footer).
const SECONDARY_GRAY: u8 = 90;
/// Background of table headers.
const HEADER_SHADE: u8 = 226;
/// Background of label cells and total rows.
const LABEL_SHADE: u8 = 243;
/// Stroke width (per point of font size) of synthetic bold when no bold font is loaded.
const FAUX_BOLD: f32 = 0.035;

/// One loaded font face: its bytes (kept for metrics) and krilla's parsed handle.
struct LoadedFont {
    data: Arc<Vec<u8>>,
    index: u32,
    font: Font,
}

impl LoadedFont {
    fn load(path: &Path, index: u32) -> Result<Self, DocumentError> {
        let data = std::fs::read(path).map_err(|source| DocumentError::FontRead {
            path: path.to_owned(),
            source,
        })?;
        let invalid = |reason| DocumentError::InvalidFont {
            path: path.to_owned(),
            index,
            reason,
        };
        {
            let face =
                Face::new(&data, index).ok_or_else(|| invalid("not an OpenType font or no such face"))?;
            if !"合同甲乙方¥0A".chars().all(|c| face.has_glyph(c)) {
                return Err(invalid("no glyphs for Chinese text"));
            }
        }
        let data = Arc::new(data);
        let font = Font::new(Data::from(Arc::clone(&data)), index)
            .ok_or_else(|| invalid("the PDF writer cannot embed it"))?;
        Ok(Self { data, index, font })
    }

    fn face(&self) -> Result<Face<'_>, DocumentError> {
        Face::new(&self.data, self.index).ok_or_else(|| DocumentError::Pdf("font face vanished".to_owned()))
    }
}

/// Fonts loaded once (parsed at start-up), shared by every render; Send + Sync.
///
/// Cheap to share behind an `Arc`; [`ContractRenderer::render`] takes `&self` and may run on many
/// threads at once.
pub struct ContractRenderer {
    regular: LoadedFont,
    bold: Option<LoadedFont>,
}

impl fmt::Debug for ContractRenderer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ContractRenderer")
            .field("regular_index", &self.regular.index)
            .field("regular_bytes", &self.regular.data.len())
            .field("bold", &self.bold.as_ref().map(|b| (b.index, b.data.len())))
            .finish()
    }
}

impl ContractRenderer {
    /// Reads and parses the fonts: `regular` face `regular_index` (for a TTC such as
    /// [`crate::DEFAULT_REGULAR_FONT`], the SC face is [`crate::DEFAULT_REGULAR_FONT_INDEX`]) and
    /// optionally a bold face; without one, bold text is drawn with a thin outline of the
    /// regular face.
    ///
    /// Takes a few tens of milliseconds (the collection is hashed once); do it at start-up.
    pub fn load(
        regular: &Path,
        regular_index: u32,
        bold: Option<(&Path, u32)>,
    ) -> Result<Self, DocumentError> {
        Ok(Self {
            regular: LoadedFont::load(regular, regular_index)?,
            bold: bold
                .map(|(path, index)| LoadedFont::load(path, index))
                .transpose()?,
        })
    }

    /// Renders `contract` as an A4 PDF; deterministic (the same contract gives the same bytes).
    pub fn render(&self, contract: &Contract) -> Result<Vec<u8>, DocumentError> {
        let regular = self.regular.face()?;
        let bold = self.bold.as_ref().map(LoadedFont::face).transpose()?;
        let bold = bold.as_ref().unwrap_or(&regular);

        let mut layout = Layout::new(&regular, bold);
        compose(&mut layout, contract)?;
        let mut pages = std::mem::take(&mut layout.pages);
        decorate(&mut layout, &mut pages, contract);

        let mut document = Document::new();
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
            .ok_or_else(|| DocumentError::Pdf("invalid page size".to_owned()))?;
        for ops in &pages {
            let mut page = document.start_page_with(settings.clone());
            let mut surface = page.surface();
            for op in ops {
                self.draw(&mut surface, op, &regular, bold);
            }
            surface.finish();
            page.finish();
        }
        document.set_metadata(metadata(contract));
        document.finish().map_err(|e| DocumentError::Pdf(e.to_string()))
    }

    fn draw(&self, surface: &mut Surface<'_>, op: &Op, regular: &Face<'_>, bold: &Face<'_>) {
        match op {
            Op::Text {
                x,
                baseline,
                size,
                style,
                gray,
                text,
            } => {
                let (face, font, faux) = match (style, &self.bold) {
                    (Style::Regular, _) => (regular, &self.regular.font, false),
                    (Style::Bold, Some(b)) => (bold, &b.font, false),
                    (Style::Bold, None) => (regular, &self.regular.font, true),
                };
                let glyphs: Vec<KrillaGlyph> = text
                    .char_indices()
                    .map(|(i, c)| {
                        let (gid, advance) = face.glyph(c);
                        KrillaGlyph::new(
                            GlyphId::new(gid),
                            advance,
                            0.0,
                            0.0,
                            0.0,
                            i..i + c.len_utf8(),
                            None,
                        )
                    })
                    .collect();
                surface.set_fill(Some(fill(*gray)));
                surface.set_stroke(faux.then(|| Stroke {
                    paint: luma::Color::new(*gray).into(),
                    width: size * FAUX_BOLD,
                    ..Stroke::default()
                }));
                surface.draw_glyphs(
                    Point::from_xy(*x, *baseline),
                    &glyphs,
                    font.clone(),
                    text,
                    *size,
                    false,
                );
            }
            Op::Rule {
                x1,
                y1,
                x2,
                y2,
                width,
                gray,
            } => {
                let mut pb = PathBuilder::new();
                pb.move_to(*x1, *y1);
                pb.line_to(*x2, *y2);
                if let Some(path) = pb.finish() {
                    surface.set_fill(None);
                    surface.set_stroke(Some(Stroke {
                        paint: luma::Color::new(*gray).into(),
                        width: *width,
                        ..Stroke::default()
                    }));
                    surface.draw_path(&path);
                }
            }
            Op::Fill { x, y, w, h, gray } => {
                let mut pb = PathBuilder::new();
                if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                    pb.push_rect(rect);
                }
                if let Some(path) = pb.finish() {
                    surface.set_stroke(None);
                    surface.set_fill(Some(fill(*gray)));
                    surface.draw_path(&path);
                }
            }
        }
    }
}

fn fill(gray: u8) -> Fill {
    Fill {
        paint: luma::Color::new(gray).into(),
        opacity: NormalizedF32::ONE,
        ..Fill::default()
    }
}

/// Document info: fixed by the contract alone (creation date = the agreement day, document id =
/// the contract number), never the wall clock.
fn metadata(contract: &Contract) -> Metadata {
    let d = contract.issued_on;
    let mut date = DateTime::new(u16::try_from(d.year()).unwrap_or(1970));
    if let (Ok(month), Ok(day)) = (u8::try_from(d.month()), u8::try_from(d.day())) {
        date = date.month(month).day(day);
    }
    Metadata::new()
        .title(format!("{}（合同编号：{}）", contract.title(), contract.number))
        .authors(vec![contract.operator.name.clone()])
        .creator("Reseller Center".to_owned())
        .language("zh-CN".to_owned())
        .creation_date(date)
        .document_id(format!("rc-contract-{}", contract.number))
}

/// Section heading kept together with `next` points of what follows it.
fn heading(layout: &mut Layout<'_>, text: &str, next: f32) {
    layout.ensure(HEADING_LH + next);
    let y = layout.y;
    layout.text_at(
        MARGIN_X,
        BODY_W,
        y,
        HEADING_LH,
        HEADING_SIZE,
        Style::Bold,
        0,
        Align::Left,
        text,
    );
    layout.y += HEADING_LH + 2.0;
}

fn body(layout: &mut Layout<'_>, text: &str, x: f32, w: f32, style: Style, hanging: bool) {
    layout.paragraph(text, x, w, BODY_SIZE, BODY_LH, style, 0, Align::Left, hanging);
}

/// Lays the whole contract out on pages (without running header and footer).
fn compose(layout: &mut Layout<'_>, c: &Contract) -> Result<(), DocumentError> {
    title_block(layout, c);
    parties_and_delivery(layout, c);
    clauses(layout, c);
    orders(layout, c)?;
    signatures(layout, c);
    Ok(())
}

/// 一、合同双方 and 二、最终用户信息 as label/value tables.
fn parties_and_delivery(layout: &mut Layout<'_>, c: &Contract) {
    // 一、合同双方
    let label_w = 100.0;
    let value_w = (BODY_W - 2.0 * label_w) / 2.0;
    let party_widths = [label_w, value_w, label_w, value_w];
    let label = |t: &str| Cell::new(t).shade(LABEL_SHADE);
    let parties = Table {
        widths: &party_widths,
        header: None,
        rows: vec![
            vec![
                label("经销商（甲方）名称"),
                Cell::new(c.partner.name.as_str()),
                label("乙方名称"),
                Cell::new(c.operator.name.as_str()),
            ],
            vec![
                label("经销商联系人姓名"),
                Cell::new(c.partner.contact_name.as_str()),
                label("乙方联系人姓名"),
                Cell::new(c.operator.contact_name.as_str()),
            ],
            vec![
                label("经销商联系人联系方式"),
                Cell::new(c.partner.contact.as_str()),
                label("乙方联系人联系方式"),
                Cell::new(c.operator.contact.as_str()),
            ],
        ],
        size: TABLE_SIZE,
        continued: None,
    };
    heading(layout, "一、合同双方", layout.table_head_height(&parties, 3));
    layout.table(&parties);
    layout.gap(9.0);

    // 二、最终用户信息
    let d = &c.delivery;
    let delivery = Table {
        widths: &party_widths,
        header: None,
        rows: vec![
            vec![
                label("最终用户名称"),
                Cell::new(d.company.as_str()),
                label("联系人姓名"),
                Cell::new(d.name.as_str()),
            ],
            vec![
                label("电子邮箱"),
                Cell::new(d.email.as_str()),
                label("联系电话"),
                Cell::new(d.phone.as_str()),
            ],
            vec![label("地址"), Cell::new(d.address.as_str()).span(3)],
        ],
        size: TABLE_SIZE,
        continued: None,
    };
    heading(
        layout,
        "二、最终用户信息（附录A：服务开通信息表）",
        layout.table_head_height(&delivery, 3),
    );
    layout.table(&delivery);
    layout.gap(9.0);
}

/// 三、订单条款: the numbered clauses, sub-clauses indented.
fn clauses(layout: &mut Layout<'_>, c: &Contract) {
    let clauses = c.clauses();
    let first = clauses.first().map_or(0.0, |t| {
        layout.paragraph_height(t, BODY_W, BODY_SIZE, BODY_LH, Style::Regular)
    });
    heading(layout, "三、订单条款", first);
    for clause in &clauses {
        // "1) " sub-clauses of 交付方式 are indented under their parent.
        let sub = clause.as_bytes().get(1) == Some(&b')');
        let indent = if sub { 2.0 * BODY_SIZE } else { 0.0 };
        body(
            layout,
            clause,
            MARGIN_X + indent,
            BODY_W - indent,
            Style::Regular,
            true,
        );
        layout.gap(0.5);
    }
    layout.gap(9.0);
}

/// 四、订单部分: the two tables and the grand-total sentence.
fn orders(layout: &mut Layout<'_>, c: &Contract) -> Result<(), DocumentError> {
    let products = order_table(&c.products, c.product_total(), PRODUCTS_CAPTION)?;
    let services = order_table(&c.services, c.service_total(), SERVICES_CAPTION)?;
    let intro = layout.paragraph_height(TABLES_INTRO, BODY_W, BODY_SIZE, BODY_LH, Style::Regular);
    heading(
        layout,
        "四、订单部分",
        intro + BODY_LH + layout.table_head_height(&products, 2),
    );
    body(layout, TABLES_INTRO, MARGIN_X, BODY_W, Style::Regular, false);
    layout.gap(6.0);
    for (caption, table) in [(PRODUCTS_CAPTION, &products), (SERVICES_CAPTION, &services)] {
        layout.ensure(BODY_LH + 2.0 + layout.table_head_height(table, 2));
        body(
            layout,
            &format!("{caption}："),
            MARGIN_X,
            BODY_W,
            Style::Bold,
            false,
        );
        layout.gap(2.0);
        layout.table(table);
        layout.gap(10.0);
    }

    let sentence = c.grand_total_sentence()?;
    layout.ensure(layout.paragraph_height(&sentence, BODY_W, BODY_SIZE, BODY_LH, Style::Bold));
    body(layout, &sentence, MARGIN_X, BODY_W, Style::Bold, false);
    layout.gap(9.0);
    Ok(())
}

/// Operator name (and English name), 合同编号 and date, the double rule and the title.
fn title_block(layout: &mut Layout<'_>, c: &Contract) {
    let top = layout.y;
    let right_w = 190.0;
    let name_w = BODY_W - right_w - 10.0;
    layout.paragraph(
        &c.operator.name,
        MARGIN_X,
        name_w,
        15.0,
        21.0,
        Style::Bold,
        0,
        Align::Left,
        false,
    );
    if let Some(en) = c.operator_name_en.as_deref().filter(|s| !s.trim().is_empty()) {
        layout.paragraph(
            en,
            MARGIN_X,
            name_w,
            8.5,
            12.0,
            Style::Regular,
            SECONDARY_GRAY,
            Align::Left,
            false,
        );
    }
    let left_bottom = layout.y;
    let right_x = MARGIN_X + BODY_W - right_w;
    layout.y = top + 2.0;
    for line in [
        format!("合同编号：{}", c.number),
        format!("签订日期：{}", format_date(c.issued_on)),
    ] {
        layout.paragraph(
            &line,
            right_x,
            right_w,
            9.0,
            14.0,
            Style::Regular,
            0,
            Align::Right,
            false,
        );
    }
    layout.y = layout.y.max(left_bottom) + 5.0;
    layout.hrule(1.4, 0);
    layout.y += 2.6;
    layout.hrule(0.5, 0);
    layout.y += 16.0;

    layout.paragraph(
        &c.title(),
        MARGIN_X,
        BODY_W,
        16.0,
        22.0,
        Style::Bold,
        0,
        Align::Center,
        false,
    );
    layout.paragraph(
        "（电子合同）",
        MARGIN_X,
        BODY_W,
        9.0,
        14.0,
        Style::Regular,
        SECONDARY_GRAY,
        Align::Center,
        false,
    );
    layout.gap(8.0);
}

/// A 产品订单 / 服务/邮费订单 table: header, one row per line, and the total row.
fn order_table(
    lines: &[ContractLine],
    total: rust_decimal::Decimal,
    caption: &str,
) -> Result<Table<'static>, DocumentError> {
    const WIDTHS: [f32; 6] = [
        BODY_W * 0.20,
        BODY_W * 0.30,
        BODY_W * 0.08,
        BODY_W * 0.14,
        BODY_W * 0.10,
        BODY_W * 0.18,
    ];
    let header = TABLE_HEADERS
        .iter()
        .map(|h| Cell::new(*h).bold().center().shade(HEADER_SHADE))
        .collect();
    let mut rows: Vec<Vec<Cell>> = lines
        .iter()
        .map(|l| {
            vec![
                Cell::new(l.solution.as_str()),
                Cell::new(l.name.as_str()),
                Cell::new(l.quantity.to_string()).right(),
                Cell::new(format_decimal2(l.unit_price)).right(),
                Cell::new(format_percent(l.tax_rate_percent)).right(),
                Cell::new(format_decimal2(l.total)).right(),
            ]
        })
        .collect();
    let (amount, upper) = Contract::total_cells(total)?;
    rows.push(vec![
        Cell::new(TABLE_TOTAL_LABEL).span(2).bold().shade(LABEL_SHADE),
        Cell::new(upper).span(3).shade(LABEL_SHADE),
        Cell::new(amount).right().bold().shade(LABEL_SHADE),
    ]);
    Ok(Table {
        widths: &WIDTHS,
        header: Some(header),
        rows,
        size: TABLE_SIZE,
        continued: Some(format!("{caption}（续）")),
    })
}

/// The closing sentence and the two confirmation columns, kept together.
fn signatures(layout: &mut Layout<'_>, c: &Contract) {
    let closing = c.closing_sentence();
    let col_w = BODY_W / 2.0 - 12.0;
    let left = [
        format!("甲方（经销商）：{}", c.partner.name),
        format!("在线确认日期：{}", format_date(c.issued_on)),
    ];
    let right = [
        format!("乙方：{}", c.operator.name),
        format!("乙方联系人：{}", c.operator.contact_name),
    ];
    let column_h = |layout: &Layout<'_>, lines: &[String]| -> f32 {
        lines
            .iter()
            .map(|l| layout.paragraph_height(l, col_w, BODY_SIZE, BODY_LH, Style::Regular))
            .sum()
    };
    let gap = 8.0;
    let block = layout.paragraph_height(&closing, BODY_W, BODY_SIZE, BODY_LH, Style::Regular)
        + gap
        + column_h(layout, &left).max(column_h(layout, &right));
    layout.ensure(block);
    body(layout, &closing, MARGIN_X, BODY_W, Style::Regular, false);
    layout.gap(gap);

    let top = layout.y;
    for (i, line) in left.iter().enumerate() {
        let style = if i == 0 { Style::Bold } else { Style::Regular };
        body(layout, line, MARGIN_X, col_w, style, false);
    }
    let left_bottom = layout.y;
    layout.y = top;
    for (i, line) in right.iter().enumerate() {
        let style = if i == 0 { Style::Bold } else { Style::Regular };
        body(layout, line, MARGIN_X + BODY_W / 2.0 + 12.0, col_w, style, false);
    }
    layout.y = layout.y.max(left_bottom);
}

/// Adds the running header (pages 2+) and the footer with page numbers to every page.
fn decorate(layout: &mut Layout<'_>, pages: &mut [Vec<Op>], c: &Contract) {
    let total = pages.len();
    let number = format!("合同编号：{}", c.number);
    let signed = format!("签订日期：{}", format_date(c.issued_on));
    let running = {
        let title = c.title();
        let mut lines = wrap(layout.face(Style::Regular), &title, 7.5, BODY_W - 170.0);
        let first = if lines.is_empty() {
            String::new()
        } else {
            lines.swap_remove(0)
        };
        if first.len() < title.len() {
            format!("{first}…")
        } else {
            first
        }
    };
    for (i, page) in pages.iter_mut().enumerate() {
        layout.pages = vec![Vec::new()];
        if i > 0 {
            let y = BODY_TOP - 30.0;
            let line_h = 12.0;
            layout.text_at(
                MARGIN_X,
                BODY_W,
                y,
                line_h,
                7.5,
                Style::Regular,
                SECONDARY_GRAY,
                Align::Left,
                &running,
            );
            layout.text_at(
                MARGIN_X,
                BODY_W,
                y,
                line_h,
                7.5,
                Style::Regular,
                SECONDARY_GRAY,
                Align::Right,
                &signed,
            );
            layout.y = y + line_h + 2.0;
            layout.hrule(0.4, 150);
        }
        let rule_y = PAGE_H - 46.0;
        layout.y = rule_y;
        layout.hrule(0.4, 150);
        let text_top = rule_y + 5.0;
        let line_h = 12.0;
        for (align, text) in [
            (Align::Left, number.clone()),
            (Align::Center, format!("第 {} 页 / 共 {total} 页", i + 1)),
            (Align::Right, c.operator.name.clone()),
        ] {
            layout.text_at(
                MARGIN_X,
                BODY_W,
                text_top,
                line_h,
                7.5,
                Style::Regular,
                SECONDARY_GRAY,
                align,
                &text,
            );
        }
        page.append(&mut layout.pages[0]);
    }
}
