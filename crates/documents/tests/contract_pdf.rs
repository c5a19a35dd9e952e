//! Contract PDF: totals, clauses, determinism, pagination, fonts and extracted text.
//!
//! Needs Debian's `fonts-noto-cjk` at the default paths (`apt-get install fonts-noto-cjk`).

use std::path::Path;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rc_documents::{
    Contract, ContractLine, ContractParty, ContractRenderer, DEFAULT_BOLD_FONT, DEFAULT_BOLD_FONT_INDEX,
    DEFAULT_REGULAR_FONT, DEFAULT_REGULAR_FONT_INDEX, Delivery, DocumentError, PaymentTerms,
};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use sha2::{Digest, Sha256};

fn font_missing_message(path: &str) -> String {
    format!(
        "font {path} is missing: the contract tests need Debian's fonts-noto-cjk \
         (apt-get install -y fonts-noto-cjk)"
    )
}

fn load_default(bold: bool) -> ContractRenderer {
    for path in [DEFAULT_REGULAR_FONT, DEFAULT_BOLD_FONT] {
        assert!(Path::new(path).is_file(), "{}", font_missing_message(path));
    }
    ContractRenderer::load(
        Path::new(DEFAULT_REGULAR_FONT),
        DEFAULT_REGULAR_FONT_INDEX,
        bold.then_some((Path::new(DEFAULT_BOLD_FONT), DEFAULT_BOLD_FONT_INDEX)),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

/// Regular + bold, loaded once for all tests of this binary.
fn renderer() -> &'static ContractRenderer {
    static RENDERER: OnceLock<ContractRenderer> = OnceLock::new();
    RENDERER.get_or_init(|| load_default(true))
}

fn line(solution: &str, name: &str, quantity: u32, unit: Decimal) -> ContractLine {
    ContractLine {
        solution: solution.to_owned(),
        name: name.to_owned(),
        quantity,
        unit_price: unit,
        tax_rate_percent: dec!(6),
        total: unit * Decimal::from(quantity),
    }
}

/// The manual's example: one product line of ¥107, no services.
fn manual_contract() -> Contract {
    Contract {
        number: "20191219035151838".to_owned(),
        issued_on: NaiveDate::from_ymd_opt(2019, 12, 19).expect("date"),
        operator_name_en: Some("Shanghai Blue Cloud Technology Co., Ltd.".to_owned()),
        partner: ContractParty {
            name: "BlueCloud_D".to_owned(),
            contact_name: "An".to_owned(),
            contact: "13653812334".to_owned(),
        },
        operator: ContractParty {
            name: "上海蓝云网络科技有限公司".to_owned(),
            contact_name: "赵益康".to_owned(),
            contact: "zhao.yikang@oe.21vianet.com".to_owned(),
        },
        delivery: Delivery {
            company: "BlueCloud_O".to_owned(),
            name: "test2".to_owned(),
            email: "chen.xxuan@oe.21vianet.com".to_owned(),
            phone: "15974685924".to_owned(),
            address: "上海市浦东新区郭守敬路498号".to_owned(),
        },
        payment: PaymentTerms::Online,
        products: vec![ContractLine {
            tax_rate_percent: dec!(7),
            ..line("SaaSMe Transport", "基础版 S-BL", 1, dec!(107))
        }],
        services: vec![],
    }
}

fn contract_with_lines(n: u32) -> Contract {
    let mut c = manual_contract();
    c.products = (1..=n)
        .map(|i| {
            line(
                "CloudAtlas (Unify Cloud) 一站式云迁移管理套件",
                &format!("专业版（按年订阅，含 {i} 个迁移许可，适用于混合云环境）S-PRO-{i:04}"),
                i % 5 + 1,
                Decimal::new(9_900 + i64::from(i), 2),
            )
        })
        .collect();
    c.services = vec![line("SaaSMe Transport", "实施服务 SV-IMPL-5", 2, dec!(2500))];
    c
}

fn text_of(pdf: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(pdf).expect("pdf-extract reads the contract")
}

fn pages_of(pdf: &[u8]) -> Vec<String> {
    pdf_extract::extract_text_from_mem_by_pages(pdf).expect("pdf-extract reads the contract")
}

/// Text without the whitespace extraction puts between positioned runs.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn uppercase_totals_for_107_and_0() {
    let c = manual_contract();
    assert_eq!(
        Contract::total_cells(c.product_total()).expect("in range"),
        ("¥ 107.00".to_owned(), "大写（壹佰零柒元整）".to_owned())
    );
    assert_eq!(
        Contract::total_cells(c.service_total()).expect("in range"),
        ("¥ 0.00".to_owned(), "大写（零元整）".to_owned())
    );
    assert_eq!(
        c.grand_total_sentence().expect("in range"),
        "本订单表总金额（含产品订单和服务/邮费订单）：¥ 107.00 大写（壹佰零柒元整）。"
    );
}

#[test]
fn totals_sum_both_tables() {
    let mut c = manual_contract();
    c.products
        .push(line("SaaSMe Transport", "高级版 S-AD", 3, dec!(33.33)));
    c.services = vec![
        line("SaaSMe Transport", "实施服务", 1, dec!(5000)),
        line("SaaSMe Transport", "邮费", 1, dec!(12.5)),
    ];
    assert_eq!(c.product_total(), dec!(206.99));
    assert_eq!(c.service_total(), dec!(5012.5));
    assert_eq!(c.grand_total(), dec!(5219.49));
    assert!(
        c.grand_total_sentence()
            .expect("in range")
            .contains("¥ 5219.49 大写（伍仟贰佰壹拾玖元肆角玖分）")
    );
}

#[test]
fn clauses_follow_payment_terms() {
    let mut c = manual_contract();
    let mut seen = Vec::new();
    for terms in [PaymentTerms::Online, PaymentTerms::Offline, PaymentTerms::Prepaid] {
        c.payment = terms;
        let clauses = c.clauses();
        assert_eq!(clauses.len(), 7, "{clauses:#?}");
        assert_eq!(clauses[0], "1. 定价方式为按产品/服务计价，货币为人民币。");
        assert!(clauses[1].starts_with("2. 本订单"));
        assert_eq!(clauses[2], "3. 本订单产品/服务交付方式：");
        assert!(clauses[3].starts_with("1) 产品交付："));
        assert!(clauses[3].contains("甲方指定的邮箱 chen.xxuan@oe.21vianet.com。"));
        assert!(clauses[4].starts_with("2) 服务交付："));
        assert!(clauses[4].ends_with("此项以工作说明书SOW实际情况进行执行。"));
        assert!(clauses[5].contains("不可以进行退换货"));
        assert!(clauses[6].starts_with("5. 服务开通信息表（参见附录A）"));
        assert!(clauses[6].contains("上海蓝云网络科技有限公司（即乙方）"));
        let payment = clauses[1].clone();
        match terms {
            PaymentTerms::Online => assert_eq!(
                payment,
                "2. 本订单支付方式为在线即时支付。当甲方每次支付完本订单项下的款项后，乙方向甲方开具相应金额的发票。"
            ),
            PaymentTerms::Offline => {
                assert!(payment.contains("线下银行转账支付"), "{payment}");
                assert!(payment.contains("提交转账信息"), "{payment}");
            }
            PaymentTerms::Prepaid => {
                for word in ["优惠券", "零钱", "账期余额", "全额抵扣"] {
                    assert!(payment.contains(word), "{payment}");
                }
            }
        }
        seen.push(payment);
    }
    seen.dedup();
    assert_eq!(seen.len(), 3, "each payment term has its own clause");
}

#[test]
fn title_names_the_solutions() {
    let mut c = manual_contract();
    assert_eq!(c.title(), "BlueCloud_D有关SaaSMe Transport的订单表");
    c.products.clear();
    assert_eq!(c.title(), "BlueCloud_D的订单表");
    c.products = (0..5)
        .map(|i| line(&format!("方案{i}"), "x", 1, dec!(1)))
        .collect();
    assert_eq!(c.title(), "BlueCloud_D有关方案0、方案1、方案2等的订单表");
}

#[test]
fn render_is_deterministic() {
    let c = contract_with_lines(3);
    let a = renderer().render(&c).expect("render");
    let b = renderer().render(&c).expect("render");
    assert_eq!(Sha256::digest(&a), Sha256::digest(&b));
    assert!(a == b, "same renderer, same bytes");

    // A renderer loaded anew (another process, another day) gives the same bytes too.
    let fresh = load_default(true).render(&c).expect("render");
    assert!(fresh == a, "fresh renderer, same bytes");

    // No wall clock: the only date is the day of the agreement.
    let raw = String::from_utf8_lossy(&a);
    assert!(raw.contains("D:20191219"), "creation date is issued_on");

    let mut other = c.clone();
    other.number = "20191219035151839".to_owned();
    assert!(renderer().render(&other).expect("render") != a);
}

#[test]
fn pdf_text_contains_number_parties_and_uppercase() {
    let pdf = renderer().render(&manual_contract()).expect("render");
    let text = squeeze(&text_of(&pdf));
    for needle in [
        "20191219035151838",
        "2019年12月19日",
        "上海蓝云网络科技有限公司",
        "ShanghaiBlueCloudTechnologyCo.,Ltd.",
        "BlueCloud_D",
        "BlueCloud_O",
        "赵益康",
        "chen.xxuan@oe.21vianet.com",
        "壹佰零柒元整",
        "¥107.00",
        "零元整",
        "本订单表总金额（含产品订单和服务/邮费订单）：¥107.00大写（壹佰零柒元整）。",
        "本订单支付方式为在线即时支付。",
        "第1页/共1页",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in {text}");
    }
}

#[test]
fn optional_english_name_and_blank_fields_render() {
    let mut c = manual_contract();
    c.operator_name_en = None;
    c.payment = PaymentTerms::Prepaid;
    c.delivery.address = String::new();
    c.partner.contact = "\t".to_owned();
    let text = squeeze(&text_of(&renderer().render(&c).expect("render")));
    assert!(!text.contains("Shanghai"), "{text}");
    assert!(text.contains("全额抵扣"), "{text}");
}

#[test]
fn empty_table_prints_header_and_zero_total() {
    let pdf = renderer().render(&manual_contract()).expect("render");
    let text = squeeze(&text_of(&pdf));
    let services = text.find("服务/邮费订单：").expect("service table caption");
    let rest = &text[services..];
    for needle in [
        "服务/解决方案",
        "名称（物料）",
        "数量",
        "单价¥",
        "税率%",
        "总金额¥",
        "总计（含税总金额）：",
        "大写（零元整）",
        "¥0.00",
    ] {
        assert!(
            rest.contains(needle),
            "missing {needle:?} after the caption: {rest}"
        );
    }
}

#[test]
fn sixty_lines_flow_over_pages_with_repeated_header() {
    let c = contract_with_lines(60);
    let pdf = renderer().render(&c).expect("render");
    let pages = pages_of(&pdf);
    assert!(pages.len() >= 3, "60 lines on {} pages", pages.len());
    let total = pages.len();
    for (i, page) in pages.iter().enumerate() {
        let page = squeeze(page);
        assert!(
            page.contains(&format!("第{}页/共{total}页", i + 1)),
            "page {} has no page number: {page}",
            i + 1
        );
        if i > 0 && page.contains("S-PRO-") && !page.contains("产品订单：") {
            assert!(page.contains("产品订单（续）"), "page {}: {page}", i + 1);
            assert!(page.contains("名称（物料）"), "header repeated on page {}", i + 1);
        }
    }
    let all = squeeze(&pages.concat());
    for i in [1, 30, 60] {
        assert!(all.contains(&format!("S-PRO-{i:04}")), "line {i} printed");
    }
    let upper = rc_documents::uppercase(c.grand_total()).expect("in range");
    assert!(all.contains(&upper), "grand total {upper} printed");
    assert!(pages[total - 1].contains("同意"), "closing line on the last page");
}

#[test]
fn very_long_cell_is_wrapped_and_split_across_pages() {
    let mut c = manual_contract();
    c.products[0].name = format!("{}END", "超长物料名称ABC-".repeat(400));
    let pdf = renderer().render(&c).expect("render");
    let pages = pages_of(&pdf);
    assert!(pages.len() >= 2);
    assert!(squeeze(&pages.concat()).contains("END"));
}

#[test]
fn fonts_are_subset_and_embedded() {
    let pdf = renderer().render(&manual_contract()).expect("render");
    let raw = String::from_utf8_lossy(&pdf);
    // Subset tag "ABCDEF+" before the PostScript name, CFF font program embedded, ToUnicode map.
    assert!(raw.contains("+NotoSansCJKsc-Regular"), "regular subset");
    assert!(raw.contains("+NotoSansCJKsc-Bold"), "bold subset");
    assert!(raw.contains("/FontFile3"), "embedded CFF");
    assert!(raw.contains("/ToUnicode"), "text is extractable");
    assert!(
        pdf.len() < 150_000,
        "one page is {} bytes: fonts not subset?",
        pdf.len()
    );
}

#[test]
fn without_bold_font_one_font_is_embedded() {
    let regular_only = load_default(false);
    let pdf = regular_only.render(&manual_contract()).expect("render");
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("+NotoSansCJKsc-Regular"));
    assert!(!raw.contains("NotoSansCJKsc-Bold"));
    assert!(squeeze(&text_of(&pdf)).contains("壹佰零柒元整"));
}

#[test]
fn amount_outside_the_uppercase_table_is_an_error() {
    let mut c = manual_contract();
    c.products[0].total = dec!(10_000_000_000_000_000);
    match renderer().render(&c) {
        Err(DocumentError::AmountOutOfRange(amount)) => {
            assert_eq!(amount, dec!(10_000_000_000_000_000));
        }
        other => panic!("expected AmountOutOfRange, got {other:?}"),
    }
}

#[test]
fn bad_font_paths_fail_clearly() {
    let missing =
        ContractRenderer::load(Path::new("/nonexistent/font.ttc"), 0, None).expect_err("missing file");
    assert!(matches!(missing, DocumentError::FontRead { .. }), "{missing}");
    assert!(missing.to_string().contains("/nonexistent/font.ttc"));

    let not_a_font = ContractRenderer::load(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")),
        0,
        None,
    )
    .expect_err("not a font");
    assert!(
        matches!(not_a_font, DocumentError::InvalidFont { .. }),
        "{not_a_font}"
    );

    let no_such_face =
        ContractRenderer::load(Path::new(DEFAULT_REGULAR_FONT), 99, None).expect_err("face 99");
    assert!(
        matches!(no_such_face, DocumentError::InvalidFont { index: 99, .. }),
        "{no_such_face}"
    );
}

#[test]
fn renderer_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<ContractRenderer>();
    let c = manual_contract();
    let expected = renderer().render(&c).expect("render");
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..2)
            .map(|_| s.spawn(|| renderer().render(&c).expect("render")))
            .collect();
        for h in handles {
            assert!(h.join().expect("thread") == expected);
        }
    });
}

/// `cargo test -j1 --release -p rc-documents -- --ignored --nocapture render_speed`
#[test]
#[ignore = "timing; run in release"]
fn render_speed() {
    let r = renderer();
    let c = contract_with_lines(3);
    let _ = r.render(&c).expect("warm-up");
    let mut times: Vec<Duration> = (0..200)
        .map(|_| {
            let t = Instant::now();
            let pdf = r.render(&c).expect("render");
            let elapsed = t.elapsed();
            assert!(!pdf.is_empty());
            elapsed
        })
        .collect();
    times.sort();
    let p50 = times[100];
    let p99 = times[198];
    println!("3-line contract, 200 renders: p50 {p50:?}, p99 {p99:?}");
    if !cfg!(debug_assertions) {
        assert!(p50 <= Duration::from_millis(20), "p50 {p50:?}");
    }
}
