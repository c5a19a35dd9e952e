//! Renders a sample contract to a file and measures render time.
//!
//! ```text
//! cargo run --release --example contract -- [OUT.pdf] [--lines N] [--manual] [--bench N] [--no-bold]
//! ```
//!
//! `--manual` renders the manual's example instead (one ¥107 product line, no services).
//!
//! ```text
//! ```
//!
//! Fonts: `RC_CONTRACT_FONT` / `RC_CONTRACT_FONT_INDEX` and `RC_CONTRACT_FONT_BOLD` /
//! `RC_CONTRACT_FONT_BOLD_INDEX`, defaulting to Debian's Noto Sans CJK SC.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rc_documents::{
    Contract, ContractLine, ContractParty, ContractRenderer, DEFAULT_BOLD_FONT, DEFAULT_BOLD_FONT_INDEX,
    DEFAULT_REGULAR_FONT, DEFAULT_REGULAR_FONT_INDEX, Delivery, PaymentTerms,
};
use rust_decimal::Decimal;

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}

fn index_or(name: &str, default: u32) -> u32 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn sample(lines: u32) -> Contract {
    let products = (0..lines)
        .map(|i| ContractLine {
            solution: if i % 3 == 0 {
                "SaaSMe Transport".to_owned()
            } else {
                "CloudAtlas (Unify Cloud) 一站式云迁移管理套件".to_owned()
            },
            name: format!("基础版（按年订阅，含 {} 个迁移许可）S-BL-{:04}", i + 1, i + 1),
            quantity: i % 4 + 1,
            unit_price: Decimal::new(10_700 + i64::from(i) * 100, 2),
            tax_rate_percent: Decimal::from(6),
            total: Decimal::new(10_700 + i64::from(i) * 100, 2) * Decimal::from(i % 4 + 1),
        })
        .collect();
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
            address: "上海市浦东新区张江高科技园区郭守敬路 498 号 12 幢 3 楼".to_owned(),
        },
        payment: PaymentTerms::Online,
        products,
        services: vec![ContractLine {
            solution: "SaaSMe Transport".to_owned(),
            name: "实施服务（远程，5 人天）SV-IMPL-5".to_owned(),
            quantity: 1,
            unit_price: Decimal::new(5_000, 0),
            tax_rate_percent: Decimal::from(6),
            total: Decimal::new(5_000, 0),
        }],
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut out = PathBuf::from("contract.pdf");
    let mut lines = 3;
    let mut bench = 0_usize;
    let mut bold = true;
    let mut manual = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--lines" => lines = args.next().ok_or("--lines N")?.parse()?,
            "--bench" => bench = args.next().ok_or("--bench N")?.parse()?,
            "--no-bold" => bold = false,
            "--manual" => manual = true,
            other => out = PathBuf::from(other),
        }
    }

    let regular = PathBuf::from(env_or("RC_CONTRACT_FONT", DEFAULT_REGULAR_FONT));
    let bold_path = PathBuf::from(env_or("RC_CONTRACT_FONT_BOLD", DEFAULT_BOLD_FONT));
    let started = Instant::now();
    let renderer = ContractRenderer::load(
        &regular,
        index_or("RC_CONTRACT_FONT_INDEX", DEFAULT_REGULAR_FONT_INDEX),
        bold.then(|| {
            (
                bold_path.as_path(),
                index_or("RC_CONTRACT_FONT_BOLD_INDEX", DEFAULT_BOLD_FONT_INDEX),
            )
        }),
    )?;
    println!("fonts loaded in {:?}", started.elapsed());

    let mut contract = sample(lines);
    if manual {
        contract.products = vec![ContractLine {
            solution: "SaaSMe Transport".to_owned(),
            name: "基础版 S-BL".to_owned(),
            quantity: 1,
            unit_price: Decimal::from(107),
            tax_rate_percent: Decimal::from(7),
            total: Decimal::from(107),
        }];
        contract.services.clear();
    }
    let pdf = renderer.render(&contract)?;
    std::fs::write(&out, &pdf)?;
    println!(
        "{} product lines: {} bytes -> {}",
        contract.products.len(),
        pdf.len(),
        out.display()
    );

    if bench > 0 {
        let mut times: Vec<Duration> = (0..bench)
            .map(|_| {
                let t = Instant::now();
                let again = renderer.render(&contract).expect("render");
                let elapsed = t.elapsed();
                assert_eq!(again, pdf, "render is not deterministic");
                elapsed
            })
            .collect();
        times.sort();
        let pct = |p: usize| times[(times.len() * p / 100).min(times.len() - 1)];
        println!(
            "{bench} renders: p50 {:?}, p99 {:?}, max {:?}",
            pct(50),
            pct(99),
            times[times.len() - 1]
        );
    }
    Ok(())
}
