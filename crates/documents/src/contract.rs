//! The contract as data: parties, delivery, order lines, totals and the wording of its clauses.
//!
//! Everything printed as prose lives here as plain strings, so the SPA (which shows the same
//! contract as HTML before 甲方 agrees) and the PDF never disagree.

use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::DocumentError;

/// One party of the contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractParty {
    /// 名称: the company name.
    pub name: String,
    /// 联系人姓名.
    pub contact_name: String,
    /// 联系方式: phone or email of the contact.
    pub contact: String,
}

/// Where the product/service is delivered (the end customer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// The end customer's company (最终用户).
    pub company: String,
    /// The end customer's contact name.
    pub name: String,
    /// The email products are sent to (quoted in the 产品交付 clause).
    pub email: String,
    /// The end customer's phone.
    pub phone: String,
    /// The end customer's address.
    pub address: String,
}

/// How the order is paid, which picks the payment clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PaymentTerms {
    /// 线上支付: paid at once online (Alipay, UnionPay, 蓝云信用支付).
    Online,
    /// 线下支付: bank transfer, then the transfer details are entered on the platform.
    Offline,
    /// Paid in full by coupon (优惠券), rebate balance (零钱) or credit line (账期余额).
    Prepaid,
}

/// One row of the 产品订单 or 服务/邮费订单 table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractLine {
    /// 服务/解决方案: the solution the line belongs to.
    pub solution: String,
    /// 名称（物料）: plan name + SKU.
    pub name: String,
    /// 数量.
    pub quantity: u32,
    /// 单价 ¥ (tax included).
    pub unit_price: Decimal,
    /// 税率%, e.g. 6 for 6 %.
    pub tax_rate_percent: Decimal,
    /// 总金额 ¥ (tax included), as computed by the order; printed and summed as given.
    pub total: Decimal,
}

/// The electronic order contract (电子合同) between a reseller (甲方) and the operator (乙方).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contract {
    /// 合同编号, e.g. `20191219035151838`.
    pub number: String,
    /// The day 甲方 agreed to the contract online.
    pub issued_on: NaiveDate,
    /// The operator's English name for the header, e.g. "Shanghai Blue Cloud Technology Co., Ltd.".
    pub operator_name_en: Option<String>,
    /// 甲方: the reseller (经销商).
    pub partner: ContractParty,
    /// 乙方: the platform operator.
    pub operator: ContractParty,
    /// The end customer the order is delivered to.
    pub delivery: Delivery,
    /// How the order is paid.
    pub payment: PaymentTerms,
    /// Rows of the 产品订单 table.
    pub products: Vec<ContractLine>,
    /// Rows of the 服务/邮费订单 table.
    pub services: Vec<ContractLine>,
}

/// The sentence introducing the two order tables (from the manual).
pub const TABLES_INTRO: &str =
    "填写以下“订单部分（产品订单+服务订单+邮费表（如有））”表格中的所有字段（必填）。";

/// Caption of the product table.
pub const PRODUCTS_CAPTION: &str = "产品订单";

/// Caption of the service/postage table.
pub const SERVICES_CAPTION: &str = "服务/邮费订单";

/// Column headers of both order tables, left to right.
pub const TABLE_HEADERS: [&str; 6] = [
    "服务/解决方案",
    "名称（物料）",
    "数量",
    "单价 ¥",
    "税率%",
    "总金额 ¥",
];

/// Label of a table's total row.
pub const TABLE_TOTAL_LABEL: &str = "总计（含税总金额）：";

impl Contract {
    /// Sum of the 产品订单 line totals.
    pub fn product_total(&self) -> Decimal {
        self.products.iter().map(|l| l.total).sum()
    }

    /// Sum of the 服务/邮费订单 line totals.
    pub fn service_total(&self) -> Decimal {
        self.services.iter().map(|l| l.total).sum()
    }

    /// Product total plus service total: the amount of the whole order table.
    pub fn grand_total(&self) -> Decimal {
        self.product_total() + self.service_total()
    }

    /// The document title, after the manual: "BlueCloud_D有关SaaSMe Transport的订单表".
    ///
    /// Names the distinct solutions of both tables (at most three, then 等).
    pub fn title(&self) -> String {
        let mut solutions: Vec<&str> = Vec::new();
        for line in self.products.iter().chain(&self.services) {
            let s = line.solution.trim();
            if !s.is_empty() && !solutions.contains(&s) {
                solutions.push(s);
            }
        }
        let partner = self.partner.name.trim();
        if solutions.is_empty() {
            return format!("{partner}的订单表");
        }
        let more = solutions.len() > 3;
        solutions.truncate(3);
        let etc = if more { "等" } else { "" };
        format!("{partner}有关{}{etc}的订单表", solutions.join("、"))
    }

    /// The numbered clauses (定价方式, 支付方式 by [`PaymentTerms`], 交付方式 1) 产品交付 with the
    /// delivery email 2) 服务交付, the no-return clause, 服务开通信息表), as plain paragraphs — the
    /// SPA shows the same text as HTML, so the PDF and the page never disagree.
    ///
    /// Each string is one paragraph and carries its own number ("1. ", "1) ").
    pub fn clauses(&self) -> Vec<String> {
        let payment = match self.payment {
            PaymentTerms::Online => {
                "本订单支付方式为在线即时支付。当甲方每次支付完本订单项下的款项后，乙方向甲方开具相应金额的发票。"
            }
            PaymentTerms::Offline => {
                "本订单支付方式为线下银行转账支付。甲方通过银行转账支付本订单项下的款项并在本平台提交转账信息，乙方确认收款后向甲方开具相应金额的发票。"
            }
            PaymentTerms::Prepaid => {
                "本订单款项已由甲方以优惠券、零钱或账期余额（信用额度）全额抵扣，无需另行支付；以账期余额支付的款项，甲方应按账期账单按时还款。乙方按实际结算金额向甲方开具相应金额的发票。"
            }
        };
        vec![
            "1. 定价方式为按产品/服务计价，货币为人民币。".to_owned(),
            format!("2. {payment}"),
            "3. 本订单产品/服务交付方式：".to_owned(),
            format!(
                "1) 产品交付：当甲方在本平台上完成支付款项后，即可在乙方平台上进行下载或由乙方将产品发送至甲方指定的邮箱 {}。产品下载成功或产品发送至甲方指定的邮箱均视为产品交付成功（若因甲方指定邮箱原因未能收到邮件，仍视交付完成）。",
                self.delivery.email.trim()
            ),
            "2) 服务交付：当甲方在本平台上完成支付款项后，依据服务完成进度，乙方在进度完成后发送进度所需资料至甲方账户，甲方收到资料并对当前进度的完成状态确认后即视为服务交付完成。此项以工作说明书SOW实际情况进行执行。".to_owned(),
            "4. 另，因云解决方案平台提供的产品和服务存在不可回收性，在本平台上经公司点击同意购买后，不可以进行退换货。".to_owned(),
            format!(
                "5. 服务开通信息表（参见附录A）：经销商在向{}（即乙方）提交订单时，需提供准确的最终用户信息，以便服务开通时登记。",
                self.operator.name.trim()
            ),
        ]
    }

    /// The total row of a table: `("¥ 107.00", "大写（壹佰零柒元整）")`.
    pub fn total_cells(amount: Decimal) -> Result<(String, String), DocumentError> {
        Ok((format_yuan(amount), format!("大写（{}）", uppercase(amount)?)))
    }

    /// "本订单表总金额（含产品订单和服务/邮费订单）：¥ 107.00 大写（壹佰零柒元整）。"
    pub fn grand_total_sentence(&self) -> Result<String, DocumentError> {
        let total = self.grand_total();
        Ok(format!(
            "本订单表总金额（含产品订单和服务/邮费订单）：{} 大写（{}）。",
            format_yuan(total),
            uppercase(total)?
        ))
    }

    /// The closing line: 甲方 agreed to the contract online on [`Contract::issued_on`].
    pub fn closing_sentence(&self) -> String {
        format!(
            "本订单表已由甲方（{}）于{}在本平台在线阅读并点击“同意”确认，自甲方确认之日起生效。",
            self.partner.name.trim(),
            format_date(self.issued_on)
        )
    }
}

/// An amount as printed in the contract: "¥ 107.00" (rounded half away from zero to fen).
pub fn format_yuan(amount: Decimal) -> String {
    format!("¥ {}", format_decimal2(amount))
}

/// An amount with exactly two decimals and no currency sign: "107.00".
pub fn format_decimal2(amount: Decimal) -> String {
    let mut rounded = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(2);
    format!("{rounded}")
}

/// A tax rate without trailing zeros: 6 → "6", 6.50 → "6.5".
pub fn format_percent(rate: Decimal) -> String {
    format!("{}", rate.normalize())
}

/// A date as printed in the contract: "2019年12月19日".
pub fn format_date(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// 人民币大写 of `amount`, or [`DocumentError::AmountOutOfRange`].
pub fn uppercase(amount: Decimal) -> Result<String, DocumentError> {
    rc_domain::rmb_uppercase(amount).ok_or(DocumentError::AmountOutOfRange(amount))
}
