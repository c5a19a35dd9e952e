//! The demo's orders (manual §5.1.5–5.1.6, §6.4), placed through the checkout use cases like a
//! buyer would — each with its contract rendered when shown and agreed by placing it — then moved
//! on through the same store calls the order desk makes: the manual's order 20190624090204300
//! (BlueCloud_D for BlueCloud_O / test2, 基础版 ¥0.01 paid by 零钱: 处理中 / 已付款 / 待发货), an
//! offline order waiting for its transfer, one whose transfer waits for finance, one delivered, one
//! completed and reviewed, one cancelled by the buyer and one cancelled by the operator with its
//! 零钱 refunded; for TestCompany-A one paid by transfer and one that timed out with its coupon and
//! 零钱 released (so the manual's asset figures stay as they are).
//!
//! Run after the demo catalog, accounts and assets; idempotent: nothing happens once the manual's
//! order exists (everything is placed in one transaction).

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use rc_documents::ContractRenderer;
use rc_domain::Fen;
use rc_store::catalog::{self, NewPlan, NewSolution};
use rc_store::orders::lifecycle::{self, CancelledBy};
use rc_store::orders::read::{self, Scope};
use rc_store::orders::reviews;
use rc_store::orders::transfers::{self, NewTransfer};
use rc_store::{DbConn, StoreError, companies, customers, users};
use rc_types::PageQuery;
use rc_types::assets::coupons::CouponState;
use rc_types::catalog::{AdminSolutionQuery, Category, PlanKind};
use rc_types::checkout::{CheckoutInput, CheckoutItem, PaymentMethod, PlaceOrderInput};
use rc_types::customers::CustomerInput;
use rc_types::orders::{OrderQuery, OrderStatus, ReviewInput};

use crate::error::ApiError;
use crate::mail::{self, Mail, templates::OrderMail};
use crate::sealing::Sealer;
use crate::usecases::checkout::{self, Buyer};
use crate::usecases::orders::{self as order_cases, change_error};

/// The manual's order number (§5.1.6, §6.4.1).
pub const MANUAL_ORDER_NO: &str = "20190624090204300";

/// The solution of the manual's order (§6.4.2: "Product X … 基础版 SKU: B-BLU-TE5-PRO-N-PLAN-XXX").
pub const PRODUCT_X: &str = "Product X";

/// The SKU of its ¥0.01 基础版.
pub const PRODUCT_X_SKU: &str = "B-BLU-TE5-PRO-N-PLAN-XXX";

/// When the manual's order was placed: 2019-06-24 17:02:04.300 in China, so its number comes out
/// as printed.
fn manual_time() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2019-06-24T09:02:04.300Z")
        .map_or_else(|_| Utc::now(), |t| t.with_timezone(&Utc))
}

fn missing(what: &str) -> ApiError {
    ApiError::Internal(format!(
        "demo orders: {what} not found (seed the demo catalog and accounts first)"
    ))
}

/// The seed's cast: buyers, the staff who move the orders on, and their companies.
struct Cast {
    distributor: Buyer,
    test_a: Buyer,
    manager: i64,
    finance: i64,
    operator: i64,
}

fn user_id(conn: &mut DbConn, email: &str) -> Result<Option<i64>, StoreError> {
    Ok(users::find_by_email(conn, email)?.map(|u| u.id))
}

fn cast(conn: &mut DbConn) -> Result<Option<Cast>, StoreError> {
    let distributor = companies::id_by_name(conn, "BlueCloud_D").ok();
    let test_a = companies::id_by_name(conn, "TestCompany-A").ok();
    let people = (
        user_id(conn, "an@bluecloud-d.example")?,
        user_id(conn, "admin@testcompany-a.example")?,
        user_id(conn, "zhao.yikang@bluecloud.example")?,
        user_id(conn, "finance@bluecloud.example")?,
        user_id(conn, "admin@bluecloud.example")?,
    );
    let (
        Some(distributor),
        Some(test_a),
        (Some(an), Some(admin_a), Some(manager), Some(finance), Some(operator)),
    ) = (distributor, test_a, people)
    else {
        return Ok(None);
    };
    Ok(Some(Cast {
        distributor: Buyer {
            user_id: an,
            company_id: distributor,
            member: false,
        },
        test_a: Buyer {
            user_id: admin_a,
            company_id: test_a,
            member: false,
        },
        manager,
        finance,
        operator,
    }))
}

/// The id of the demo solution named `name`.
fn solution_id(conn: &mut DbConn, name: &str) -> Result<i64, ApiError> {
    let query = AdminSolutionQuery {
        q: Some(name.to_owned()),
        per_page: Some(100),
        ..AdminSolutionQuery::default()
    };
    catalog::write::list(conn, &query)?
        .items
        .into_iter()
        .find(|s| s.name == name)
        .map(|s| s.id)
        .ok_or_else(|| missing(name))
}

/// The demo solution named `solution` and its plan `sku`.
pub(crate) fn plan_of(
    conn: &mut DbConn,
    solution: &str,
    sku: &str,
) -> Result<(i64, rc_types::catalog::Plan), ApiError> {
    let id = solution_id(conn, solution)?;
    let plan = catalog::get_solution(conn, id)?
        .plans
        .into_iter()
        .find(|p| p.sku_code == sku)
        .ok_or_else(|| missing(sku))?;
    Ok((id, plan))
}

/// The id of plan `sku` of the demo solution named `solution`.
fn plan(conn: &mut DbConn, solution: &str, sku: &str) -> Result<i64, ApiError> {
    Ok(plan_of(conn, solution, sku)?.1.id)
}

/// "Product X" with its ¥0.01 基础版, added to the demo catalog for the manual's order.
fn product_x(conn: &mut DbConn) -> Result<i64, ApiError> {
    if !catalog::solution_name_exists(conn, PRODUCT_X)? {
        catalog::insert_solution(
            conn,
            &NewSolution {
                name: PRODUCT_X.to_owned(),
                vendor: "BlueCloud".to_owned(),
                summary: "Product X 产品包：手册订单示例中的基础版（¥0.01），用于体验下单、支付与交付流程。"
                    .to_owned(),
                description: "Product X 产品包名(Product X)。\n\n基础版按份订购，交付内容为序列号。"
                    .to_owned(),
                features: vec!["基础版 ¥0.01".to_owned(), "交付序列号".to_owned()],
                category: Category::Other,
                region: "中国大陆".to_owned(),
                published: true,
                extras: catalog::write::SolutionExtras::default(),
                sales_count: 0,
                ratings: (0, 0),
                plans: vec![NewPlan {
                    name: "基础版".to_owned(),
                    sku_code: PRODUCT_X_SKU.to_owned(),
                    unit_price: Fen(1),
                    tax_rate_bp: 1300,
                    region: "中国大陆".to_owned(),
                    kind: PlanKind::Product,
                }],
            },
        )?;
    }
    plan(conn, PRODUCT_X, PRODUCT_X_SKU)
}

/// The company's customer named `name` of `company_name`, added when missing.
fn customer(conn: &mut DbConn, company_id: i64, input: &CustomerInput) -> Result<i64, StoreError> {
    let query = rc_types::customers::CustomerQuery {
        q: Some(input.email.clone()),
        per_page: Some(100),
        ..rc_types::customers::CustomerQuery::default()
    };
    let found = customers::list(conn, company_id, &query)?
        .items
        .into_iter()
        .find(|c| c.name == input.name && c.company_name == input.company_name);
    match found {
        Some(existing) => Ok(existing.id),
        None => Ok(customers::create(conn, company_id, input)?.id),
    }
}

fn person(name: &str, company: &str, email: &str, phone: &str, address: &str) -> CustomerInput {
    CustomerInput {
        name: name.to_owned(),
        company_name: company.to_owned(),
        email: email.to_owned(),
        phone: phone.to_owned(),
        address: address.to_owned(),
    }
}

/// One checkout of the seed.
struct Purchase<'a> {
    buyer: Buyer,
    customer: i64,
    lines: Vec<(i64, i32)>,
    method: PaymentMethod,
    coupon: Option<i64>,
    rebate: Option<Fen>,
    expected_close_date: Option<NaiveDate>,
    remark: &'a str,
    at: DateTime<Utc>,
}

/// Shows the purchase's contract and agrees it (places the order) at `at`; returns the order.
fn buy(
    conn: &mut DbConn,
    renderer: &Arc<ContractRenderer>,
    sealer: &Sealer,
    purchase: &Purchase<'_>,
) -> Result<i64, ApiError> {
    let input = CheckoutInput {
        items: purchase
            .lines
            .iter()
            .map(|(plan_id, quantity)| CheckoutItem {
                plan_id: *plan_id,
                quantity: *quantity,
                seen_unit_price: None,
            })
            .collect(),
        from_cart: false,
        customer_id: Some(purchase.customer),
        payment_method: purchase.method,
        coupon_id: purchase.coupon,
        use_credit: false,
        rebate_amount: purchase.rebate.map(Fen::to_money),
        expected_close_date: purchase.expected_close_date,
        remark: purchase.remark.to_owned(),
    };
    let contract = checkout::show_contract(conn, renderer, purchase.buyer, &input, purchase.at)?;
    let placing = PlaceOrderInput {
        checkout: input,
        contract_id: contract.id,
        contract_sha256: contract.sha256,
    };
    checkout::place(conn, sealer, purchase.buyer, &placing, purchase.at)
}

/// 线下支付: the buyer reports the bank transfer of the whole amount payable; returns its id.
fn report_transfer(conn: &mut DbConn, order_id: i64, by: i64, reference: &str) -> Result<i64, ApiError> {
    let order = lifecycle::get(conn, order_id)?;
    let transfer = transfers::submit(
        conn,
        order_id,
        &NewTransfer {
            submitted_by: by,
            payer_name: &order.customer_company,
            bank: "招商银行上海分行",
            account: "6225 8802 1234 5678",
            amount: Fen(order.payable_fen),
            transfer_date: rc_domain::period::china_date(rc_store::db::now()),
            reference,
            receipt: None,
        },
        rc_store::db::now(),
    )
    .map_err(change_error)?;
    Ok(transfer.id)
}

/// Finance confirms the transfer (as `POST /admin/orders/{id}/transfers/{t}/confirm` does).
fn confirm_transfer(
    conn: &mut DbConn,
    sealer: &Sealer,
    order_id: i64,
    transfer_id: i64,
    finance: i64,
) -> Result<(), ApiError> {
    transfers::confirm(conn, order_id, transfer_id, finance).map_err(change_error)?;
    order_cases::notify(conn, sealer, order_id, OrderMail::Paid, "线下转账已确认")?;
    Ok(())
}

/// The account manager delivers every line with `content` (as the order desk does: the end
/// customer is mailed each product, the partner when the order is 已交付).
fn deliver(
    conn: &mut DbConn,
    sealer: &Sealer,
    order_id: i64,
    content: &str,
    manager: i64,
) -> Result<(), ApiError> {
    let order = read::detail(conn, order_id)?.ok_or(StoreError::NotFound)?;
    for line in &order.lines {
        let row = lifecycle::deliver_line(conn, order_id, line.id, content, manager).map_err(change_error)?;
        if line.priced.kind == PlanKind::Product {
            let mail = Mail::ProductDelivered {
                order_no: &row.order_no,
                plan: &line.priced.plan_name,
                content,
            };
            mail::queue(conn, sealer, &row.customer_email, &mail, "zh")?;
        }
        if row.status()? == OrderStatus::Delivered {
            order_cases::notify(conn, sealer, order_id, OrderMail::Delivered, "")?;
        }
    }
    Ok(())
}

/// Whether the manual's order is there already (the seed ran).
fn seeded(conn: &mut DbConn) -> Result<bool, StoreError> {
    let query = OrderQuery {
        q: Some(MANUAL_ORDER_NO.to_owned()),
        ..OrderQuery::default()
    };
    Ok(read::list(conn, Scope::All, &query)?
        .items
        .iter()
        .any(|o| o.order_no == MANUAL_ORDER_NO))
}

/// Places the demo orders (see the module docs); returns how many, 0 when they exist already or
/// the demo accounts are missing.
pub fn demo_orders(
    conn: &mut DbConn,
    renderer: &Arc<ContractRenderer>,
    sealer: &Sealer,
) -> Result<usize, ApiError> {
    let Some(cast) = cast(conn)? else {
        return Ok(0);
    };
    if seeded(conn)? {
        return Ok(0);
    }
    conn.atomic_write(|conn| place_all(conn, renderer, sealer, &cast))
}

#[allow(clippy::too_many_lines, reason = "the demo's orders, one after the other")]
fn place_all(
    conn: &mut DbConn,
    renderer: &Arc<ContractRenderer>,
    sealer: &Sealer,
    cast: &Cast,
) -> Result<usize, ApiError> {
    let now = Utc::now();
    let (d, a) = (cast.distributor, cast.test_a);
    let basic = product_x(conn)?;
    let saas4me = plan(conn, "SaaS4Me Transport", "S-SAA-BAK-PLA-P-MIG-001")?;
    let five_nine = plan(
        conn,
        "5Nine Cloud Manager & Security for Azure",
        "S-BLU-BUS-PLA-P-PLAN-ABD",
    )?;
    let power365 = plan(conn, "POWER365", "S-POW-BAK-PLA-P-USR-001")?;
    let agile = plan(conn, "AgilePoint Cloud", "S-AGI-CLO-PLA-P-BAS-001")?;
    let sharepoint = plan(conn, "SharePoint 企业门户快速部署套件", "M-BLU-BUS-PLA-S-SP-001")?;
    let jingcheng = plan(conn, "\"精诚1号\"云主机", "S-JCH-CLO-PLA-P-2C4-001")?;

    let test2 = customer(
        conn,
        d.company_id,
        &person(
            "test2",
            "BlueCloud_O",
            "solutionsuite@oe.21vianet.com",
            "15974685924",
            "",
        ),
    )?;
    let aiki = customer(
        conn,
        d.company_id,
        &person(
            "AIKI",
            "BlueCloud_O",
            "aiki@bluecloud-o.example",
            "13653812334",
            "虹口",
        ),
    )?;
    let xixuan = customer(
        conn,
        d.company_id,
        &person(
            "XIXUAN",
            "Heenor",
            "chen.xixuan@heenor.example",
            "400123123",
            "SH",
        ),
    )?;
    let zhou = customer(
        conn,
        a.company_id,
        &person(
            "周经理",
            "上海云启信息科技有限公司",
            "zhou@yunqi.example",
            "13812345678",
            "上海市徐汇区漕溪北路 88 号",
        ),
    )?;
    let purchase = |buyer: Buyer, customer: i64, lines: Vec<(i64, i32)>, method: PaymentMethod| Purchase {
        buyer,
        customer,
        lines,
        method,
        coupon: None,
        rebate: None,
        expected_close_date: None,
        remark: "",
        at: now,
    };
    let mut placed = 0;

    // §5.1.6 / §6.4: 20190624090204300, 基础版 ¥0.01 × 1 paid in full by 零钱 → 处理中 / 已付款 / 待发货.
    let manual_day = NaiveDate::from_ymd_opt(2019, 6, 24);
    buy(
        conn,
        renderer,
        sealer,
        &Purchase {
            rebate: Some(Fen(1)),
            expected_close_date: manual_day,
            at: manual_time(),
            ..purchase(d, test2, vec![(basic, 1)], PaymentMethod::Online)
        },
    )?;
    placed += 1;

    // 待付款: an offline order waiting for its bank transfer (until the offline deadline).
    buy(
        conn,
        renderer,
        sealer,
        &Purchase {
            remark: "客户月底前转账",
            ..purchase(d, aiki, vec![(saas4me, 2)], PaymentMethod::Offline)
        },
    )?;
    placed += 1;

    // 待付款 / 待确认: the transfer is reported, finance has not reviewed it yet.
    let waiting = buy(
        conn,
        renderer,
        sealer,
        &purchase(d, xixuan, vec![(five_nine, 1)], PaymentMethod::Offline),
    )?;
    report_transfer(conn, waiting, d.user_id, "TX-DEMO-0001")?;
    placed += 1;

    // 已交付: paid by a confirmed transfer, every line delivered.
    let delivered = buy(
        conn,
        renderer,
        sealer,
        &purchase(d, aiki, vec![(power365, 10)], PaymentMethod::Offline),
    )?;
    let transfer = report_transfer(conn, delivered, d.user_id, "TX-DEMO-0002")?;
    confirm_transfer(conn, sealer, delivered, transfer, cast.finance)?;
    deliver(
        conn,
        sealer,
        delivered,
        "许可证密钥: P365-DEMO-0001 ~ P365-DEMO-0010",
        cast.manager,
    )?;
    placed += 1;

    // 已完成 with a review: paid by 零钱, delivered, completed, reviewed by the buyer.
    let completed = buy(
        conn,
        renderer,
        sealer,
        &Purchase {
            rebate: Some(Fen(3)),
            ..purchase(d, aiki, vec![(basic, 3)], PaymentMethod::Online)
        },
    )?;
    deliver(conn, sealer, completed, "序列号: 0", cast.manager)?;
    lifecycle::complete(conn, completed, cast.manager).map_err(change_error)?;
    let line = read::detail(conn, completed)?.ok_or(StoreError::NotFound)?.lines[0].id;
    reviews::create(
        conn,
        completed,
        line,
        d.user_id,
        &ReviewInput {
            rating: 5,
            body: "开通很快，序列号当天就收到了。".to_owned(),
        },
    )
    .map_err(change_error)?;
    placed += 1;

    // 已取消 by the buyer before paying.
    let cancelled = buy(
        conn,
        renderer,
        sealer,
        &purchase(d, xixuan, vec![(agile, 5)], PaymentMethod::Online),
    )?;
    order_cases::cancel(
        conn,
        sealer,
        cancelled,
        CancelledBy::Buyer(d.user_id),
        "用户取消订单",
        now.naive_utc(),
    )?;
    placed += 1;

    // 已取消 / 已退款 by the operator after it was paid by 零钱: the 零钱 comes back as 退款.
    let refunded = buy(
        conn,
        renderer,
        sealer,
        &Purchase {
            rebate: Some(Fen(10_700)),
            ..purchase(d, aiki, vec![(sharepoint, 1)], PaymentMethod::Online)
        },
    )?;
    order_cases::cancel(
        conn,
        sealer,
        refunded,
        CancelledBy::Operator(cast.operator),
        "客户撤单",
        now.naive_utc(),
    )?;
    placed += 1;

    // TestCompany-A: 处理中 / 已付款 by a confirmed transfer, waiting for delivery.
    let paid = buy(
        conn,
        renderer,
        sealer,
        &Purchase {
            expected_close_date: Some(rc_domain::period::china_date(now.naive_utc()) + TimeDelta::days(30)),
            remark: "请在月底前开通",
            ..purchase(a, zhou, vec![(jingcheng, 1)], PaymentMethod::Offline)
        },
    )?;
    let transfer = report_transfer(conn, paid, a.user_id, "TX-DEMO-0003")?;
    confirm_transfer(conn, sealer, paid, transfer, cast.finance)?;
    placed += 1;

    // TestCompany-A: an online order with a 草稿 coupon and ¥1 of 零钱, placed yesterday and never
    // paid: the payment deadline cancelled it and gave both back.
    let draft =
        rc_store::assets::coupons::wallet(conn, a.company_id, CouponState::Unused, PageQuery::default())?
            .items
            .into_iter()
            .find(|c| c.terms.name == "草稿" && c.order_no.is_none());
    if let Some(coupon) = draft
        && let Some(solution) = coupon.terms.solutions.first()
    {
        let plan = catalog::get_solution(conn, solution.id)?
            .plans
            .first()
            .map(|p| p.id)
            .ok_or_else(|| missing("the 草稿 coupon's plan"))?;
        let yesterday = now - TimeDelta::days(1);
        let timed_out = buy(
            conn,
            renderer,
            sealer,
            &Purchase {
                coupon: Some(coupon.id),
                rebate: Some(Fen(100)),
                at: yesterday,
                ..purchase(a, zhou, vec![(plan, 1)], PaymentMethod::Online)
            },
        )?;
        order_cases::cancel(
            conn,
            sealer,
            timed_out,
            CancelledBy::Deadline,
            "超时未支付，订单已自动取消",
            now.naive_utc(),
        )?;
        placed += 1;
    }
    Ok(placed)
}
