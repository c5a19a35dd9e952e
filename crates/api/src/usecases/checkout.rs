//! Checkout (§5.1.3–5.1.6, §5.2.3–5.2.6): the server's quote, the electronic contract shown before
//! the order exists, and placing the order — one transaction that snapshots the prices, holds the
//! coupon, 零钱 and credit through the ledger core, agrees the contract and sets the order's state.

use std::sync::Arc;

use chrono::{DateTime, TimeDelta, Utc};
use rc_documents::{Contract, ContractLine, ContractParty, ContractRenderer, Delivery, PaymentTerms};
use rc_domain::Fen;
use rc_domain::checkout::{CreditState, Sources, Split, split};
use rc_domain::coupon::{Line, Terms};
use rc_domain::orders::pay_deadline;
use rc_store::assets::ledger::{self, AccountKey};
use rc_store::assets::{coupons, credit, finance};
use rc_store::orders::contracts::{self, NewContract, sha256_hex};
use rc_store::orders::lifecycle;
use rc_store::orders::place::{self, NewOrder};
use rc_store::orders::{PricedItem, price_items};
use rc_store::{DbConn, StoreError, customers};
use rc_types::assets::coupons::{ApplicableCoupon, CouponState};
use rc_types::catalog::PlanKind;
use rc_types::checkout::{
    CheckoutInput, ContractTable, ContractView, CreditOffer, PaymentMethod, PlaceOrderInput, PricedLine,
    Quote,
};
use rc_types::customers::Customer;

use super::assets::{missing, refusal};
use crate::error::ApiError;
use crate::mail::templates::OrderMail;
use crate::sealing::Sealer;

/// How long a contract shown may be agreed.
pub const CONTRACT_VALIDITY: TimeDelta = TimeDelta::minutes(30);

/// The most contracts one user may have shown and not yet agreed (each is a stored PDF).
pub const OPEN_CONTRACTS: i64 = 250;

/// Who is buying.
#[derive(Debug, Clone, Copy)]
pub struct Buyer {
    /// The signed-in user.
    pub user_id: i64,
    /// Their company.
    pub company_id: i64,
    /// A member (not an admin): spends the company's coupons, 零钱 and credit only when the
    /// operator lets members see the assets (财务设置).
    pub member: bool,
}

impl Buyer {
    /// The buyer behind `actor` (its company's user).
    pub fn of(actor: &rc_domain::Actor) -> Option<Self> {
        actor.company.map(|company| Buyer {
            user_id: actor.user_id,
            company_id: company.id,
            member: actor.role == rc_types::accounts::Role::Member,
        })
    }
}

/// Refuses a member's checkout that spends the company's assets when members may not see them.
fn spends_assets(conn: &mut DbConn, buyer: Buyer, input: &CheckoutInput) -> Result<bool, ApiError> {
    if !buyer.member || finance::settings(conn)?.members_see_assets {
        return Ok(true);
    }
    let field = if input.coupon_id.is_some() {
        Some("coupon_id")
    } else if rebate_requested_any(input) {
        Some("rebate_amount")
    } else if input.use_credit {
        Some("use_credit")
    } else {
        None
    };
    match field {
        Some(field) => Err(ApiError::field(
            field,
            "not_allowed",
            "the company's coupons, 零钱 and credit are spent by its admins",
        )),
        None => Ok(false),
    }
}

/// A checkout priced: the lines, the split and what the quote shows.
#[derive(Debug, Clone)]
pub struct Priced {
    /// The lines as priced now.
    pub items: Vec<PricedItem>,
    /// The amount split among the sources.
    pub split: Split,
    /// The coupon used: id and code.
    pub coupon: Option<(i64, String)>,
    /// The quote for the wire.
    pub quote: Quote,
}

fn store_error(error: StoreError) -> ApiError {
    match error {
        StoreError::Invalid { field, message } => ApiError::field(field, "invalid", &message),
        other => other.into(),
    }
}

/// Which coupons and sources a pricing shows besides what the checkout chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Offers {
    /// Everything on offer (the quote, the contract): every coupon that applies, the credit line.
    All,
    /// What placing needs: the chosen coupon only (not the whole wallet), the credit line only
    /// when asked for.
    Chosen,
}

fn not_applicable() -> ApiError {
    ApiError::field(
        "coupon_id",
        "not_applicable",
        "this coupon cannot be used for these lines",
    )
}

fn fen(money: rc_types::Money) -> Result<Fen, ApiError> {
    Fen::from_yuan(money.amount).map_err(|e| ApiError::Internal(e.to_string()))
}

/// Coupon `id` of the company with its discount on `lines`, when it applies: unused and its terms
/// met now — what [`coupons::applicable`] would list for it, without loading the whole wallet.
fn chosen_coupon(
    conn: &mut DbConn,
    company_id: i64,
    id: i64,
    lines: &[Line<'_>],
) -> Result<ApplicableCoupon, ApiError> {
    let coupon = match coupons::get(conn, company_id, id) {
        Ok(coupon) => coupon,
        Err(StoreError::NotFound) => return Err(not_applicable()),
        Err(other) => return Err(other.into()),
    };
    if coupon.state != CouponState::Unused {
        return Err(not_applicable());
    }
    let terms = Terms {
        face_value: fen(coupon.terms.face_value)?,
        min_amount: fen(coupon.terms.min_amount)?,
        min_quantity: coupon.terms.min_quantity,
        all_solutions: coupon.terms.all_solutions,
        solutions: coupon.terms.solutions.iter().map(|s| s.id).collect(),
        valid_from: coupon.terms.valid_from.map(|t| t.naive_utc()),
        valid_to: coupon.terms.valid_to.map(|t| t.naive_utc()),
        region: coupon.terms.region.clone(),
    };
    let discount = terms
        .discount(lines, rc_store::db::now())
        .ok_or_else(not_applicable)?;
    Ok(ApplicableCoupon {
        coupon,
        discount: discount.to_money(),
    })
}

/// The company's credit line as the split sees it (None without a line): what is available and
/// whether overdue bills hold it — the figures of [`credit::summary`].
fn credit_state(conn: &mut DbConn, company_id: i64) -> Result<Option<CreditState>, ApiError> {
    if credit::line(conn, company_id)?.is_none() {
        return Ok(None);
    }
    let available = ledger::find_account(conn, AccountKey::credit(company_id))?
        .map_or(Fen(0), |account| Fen(account.posted_fen - account.held_fen));
    let overdue = credit::overdue(
        conn,
        company_id,
        rc_domain::period::china_date(rc_store::db::now()),
    )?;
    Ok(Some(CreditState {
        available,
        on_hold: overdue.0 > 0,
    }))
}

/// Prices `input` for the buyer's company: the lines from the catalog, the coupon's discount
/// (only a coupon that applies), 零钱 and credit as asked. Refused with the field at fault.
pub fn price(conn: &mut DbConn, buyer: Buyer, input: &CheckoutInput) -> Result<Priced, ApiError> {
    price_with(conn, buyer, input, Offers::All)
}

/// The coupons a pricing offers (every one that applies, or only the chosen one) and the chosen
/// one with its discount; a chosen coupon that does not apply is refused on `coupon_id`.
fn coupon_offers(
    conn: &mut DbConn,
    company_id: i64,
    coupon_id: Option<i64>,
    offers: Offers,
    lines: &[Line<'_>],
) -> Result<(Vec<ApplicableCoupon>, Option<ApplicableCoupon>), ApiError> {
    Ok(match (offers, coupon_id) {
        (Offers::Chosen, None) => (Vec::new(), None),
        (Offers::Chosen, Some(id)) => {
            let chosen = chosen_coupon(conn, company_id, id, lines)?;
            (vec![chosen.clone()], Some(chosen))
        }
        (Offers::All, coupon_id) => {
            let applicable: Vec<ApplicableCoupon> = coupons::applicable(conn, company_id, lines)?
                .into_iter()
                .map(|(coupon, discount)| ApplicableCoupon {
                    coupon,
                    discount: discount.to_money(),
                })
                .collect();
            let chosen = match coupon_id {
                None => None,
                Some(id) => Some(
                    applicable
                        .iter()
                        .find(|c| c.coupon.id == id)
                        .cloned()
                        .ok_or_else(not_applicable)?,
                ),
            };
            (applicable, chosen)
        }
    })
}

fn price_with(
    conn: &mut DbConn,
    buyer: Buyer,
    input: &CheckoutInput,
    offers: Offers,
) -> Result<Priced, ApiError> {
    let company_id = buyer.company_id;
    // A member who may not spend the company's assets is offered none of them.
    let offers = if spends_assets(conn, buyer, input)? {
        offers
    } else {
        Offers::Chosen
    };
    let items = price_items(conn, &input.items).map_err(store_error)?;
    let lines: Vec<Line<'_>> = items
        .iter()
        .map(|item| Line {
            solution_id: item.solution_id,
            region: &item.region,
            quantity: u32::try_from(item.quantity).unwrap_or(0),
            amount: item.total,
        })
        .collect();
    let (applicable, chosen) = coupon_offers(conn, company_id, input.coupon_id, offers, &lines)?;
    let rebate_available = if offers == Offers::All || rebate_requested_any(input) {
        ledger::find_account(conn, AccountKey::rebate(company_id))?
            .map_or(Fen(0), |account| Fen(account.posted_fen - account.held_fen))
    } else {
        Fen(0)
    };
    let credit_line = if offers == Offers::All || input.use_credit {
        credit_state(conn, company_id)?
    } else {
        None
    };
    let rebate_requested = input
        .rebate_amount
        .map(|m| Fen::from_yuan(m.amount))
        .transpose()
        .map_err(|_| {
            ApiError::field(
                "rebate_amount",
                "invalid",
                "give the amount in yuan with at most 2 decimals",
            )
        })?
        .filter(|fen| fen.0 != 0);
    let goods_total = Fen(items.iter().map(|i| i.total.0).sum());
    let coupon_discount = chosen
        .as_ref()
        .map(|c| Fen::from_yuan(c.discount.amount))
        .transpose()
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .unwrap_or(Fen(0));
    let split = split(
        goods_total,
        Sources {
            coupon_discount,
            rebate_requested,
            rebate_available,
            use_credit: input.use_credit,
            credit: credit_line,
        },
    )
    .map_err(|e| ApiError::field(e.field(), e.code(), &e.to_string()))?;
    let quote = Quote {
        lines: items.iter().map(PricedItem::to_api).collect::<Result<_, _>>()?,
        item_count: items.iter().map(|i| i64::from(i.quantity)).sum(),
        goods_total: goods_total.to_money(),
        coupon: chosen.clone().map(|c| ApplicableCoupon {
            discount: split.coupon.to_money(),
            ..c
        }),
        rebate_used: split.rebate.to_money(),
        discount_total: split.discount().to_money(),
        credit_used: split.credit.to_money(),
        payable: split.payable.to_money(),
        applicable_coupons: applicable,
        rebate_available: rebate_available.to_money(),
        credit: credit_line.map(|line| CreditOffer {
            available: line.available.to_money(),
            on_hold: line.on_hold,
        }),
    };
    Ok(Priced {
        items,
        split,
        coupon: chosen.map(|c| (c.coupon.id, c.coupon.code)),
        quote,
    })
}

fn rebate_requested_any(input: &CheckoutInput) -> bool {
    input.rebate_amount.is_some_and(|m| !m.amount.is_zero())
}

/// The amounts a contract fixes: what placing its order must still price the same.
fn fixed_terms(quote: &Quote) -> impl PartialEq + '_ {
    (
        &quote.lines,
        quote.goods_total,
        quote.coupon.as_ref().map(|c| (c.coupon.id, c.discount)),
        quote.rebate_used,
        quote.credit_used,
        quote.payable,
    )
}

fn customer(conn: &mut DbConn, company_id: i64, input: &CheckoutInput) -> Result<Customer, ApiError> {
    let id = input
        .customer_id
        .ok_or_else(|| ApiError::field("customer_id", "required", "choose the end customer (交付信息)"))?;
    customers::get(conn, company_id, id)
        .map_err(|_| ApiError::field("customer_id", "unknown", "no such customer of your company"))
}

/// What a contract showed besides its PDF, kept with it (the contract's `quote_json`): the terms,
/// the parties and the delivery block, so placing can tell whether any of them changed since.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct ShownTerms {
    quote: Quote,
    partner: rc_types::checkout::ContractPartyView,
    operator: rc_types::checkout::ContractPartyView,
    /// 交付信息: company, name, email, phone, address.
    delivery: [String; 5],
}

fn delivery_of(customer: &Customer) -> [String; 5] {
    [
        customer.company_name.clone(),
        customer.name.clone(),
        customer.email.clone(),
        customer.phone.clone(),
        customer.address.clone(),
    ]
}

/// The SHA-256 of a checkout as sent: a contract can only be agreed by the checkout it shows.
fn request_hash(input: &CheckoutInput) -> String {
    sha256_hex(serde_json::to_string(input).unwrap_or_default().as_bytes())
}

fn contract_line(line: &PricedLine) -> ContractLine {
    ContractLine {
        solution: line.solution_name.clone(),
        name: format!("{} SKU: {}", line.plan_name, line.sku_code),
        quantity: u32::try_from(line.quantity).unwrap_or(0),
        unit_price: line.unit_price.amount,
        tax_rate_percent: line.tax_rate,
        total: line.total.amount,
    }
}

fn table(lines: Vec<PricedLine>) -> Result<ContractTable, ApiError> {
    let total: rust_decimal::Decimal = lines.iter().map(|l| l.total.amount).sum();
    Ok(ContractTable {
        lines,
        total: rc_types::Money::cny(total),
        total_uppercase: rc_documents::uppercase(total).map_err(|e| ApiError::Internal(e.to_string()))?,
    })
}

/// Shows the contract of `input` (生成电子订单): prices it, renders the PDF with the parties and
/// the end customer as stored now, and keeps both for [`CONTRACT_VALIDITY`].
pub fn show_contract(
    conn: &mut DbConn,
    renderer: &Arc<ContractRenderer>,
    buyer: Buyer,
    input: &CheckoutInput,
    at: DateTime<Utc>,
) -> Result<ContractView, ApiError> {
    let customer = customer(conn, buyer.company_id, input)?;
    let priced = price(conn, buyer, input)?;
    let (partner, operator, operator_en) = contracts::parties(conn, buyer.company_id, buyer.user_id)?;
    let payment = if priced.split.paid_in_full() {
        PaymentTerms::Prepaid
    } else {
        match input.payment_method {
            PaymentMethod::Online => PaymentTerms::Online,
            PaymentMethod::Offline => PaymentTerms::Offline,
        }
    };
    let (products, services): (Vec<PricedLine>, Vec<PricedLine>) = priced
        .quote
        .lines
        .iter()
        .cloned()
        .partition(|l| l.kind == PlanKind::Product);
    let party = |p: &rc_types::checkout::ContractPartyView| ContractParty {
        name: p.name.clone(),
        contact_name: p.contact_name.clone(),
        contact: p.contact.clone(),
    };
    let mut document = Contract {
        number: String::new(),
        issued_on: rc_domain::period::china_date(at.naive_utc()),
        operator_name_en: Some(operator_en).filter(|n| !n.trim().is_empty()),
        partner: party(&partner),
        operator: party(&operator),
        delivery: Delivery {
            company: customer.company_name.clone(),
            name: customer.name.clone(),
            email: customer.email.clone(),
            phone: customer.phone.clone(),
            address: customer.address.clone(),
        },
        payment,
        products: products.iter().map(contract_line).collect(),
        services: services.iter().map(contract_line).collect(),
    };
    // The terms shown, without the other coupons on offer: those are no term of the contract,
    // and a full wallet would make every contract (and every placing reading it back) heavy.
    let shown = ShownTerms {
        quote: Quote {
            applicable_coupons: Vec::new(),
            ..priced.quote.clone()
        },
        partner: partner.clone(),
        operator: operator.clone(),
        delivery: delivery_of(&customer),
    };
    let quote_json = serde_json::to_string(&shown).map_err(|e| ApiError::Internal(e.to_string()))?;
    let hash = request_hash(input);
    let new = NewContract {
        user_id: buyer.user_id,
        company_id: buyer.company_id,
        request_hash: &hash,
        quote_json: &quote_json,
        at,
        expires_at: at + CONTRACT_VALIDITY,
    };
    let clauses = document.clauses();
    let grand_total = document.grand_total();
    // Showing the same checkout again answers the contract already made for it; otherwise a
    // new one is rendered, up to OPEN_CONTRACTS open at once per user.
    let row = if let Some(row) = contracts::reusable(conn, &new)? {
        row
    } else {
        if contracts::open_count(conn, buyer.user_id, at)? >= OPEN_CONTRACTS {
            return Err(ApiError::Conflict(format!(
                "{OPEN_CONTRACTS} contracts are waiting for your agreement: agree one, or try again when they expire"
            )));
        }
        contracts::create(conn, &new, |number| {
            let mut numbered = document.clone();
            number.clone_into(&mut numbered.number);
            renderer
                .render(&numbered)
                .map_err(|e| ApiError::Internal(format!("contract rendering failed: {e}")))
        })?
    };
    document.number.clone_from(&row.number);
    document.issued_on = rc_domain::period::china_date(row.created_at);
    Ok(ContractView {
        id: row.id,
        number: row.number,
        issued_on: document.issued_on,
        partner,
        operator,
        customer,
        clauses,
        products: table(products)?,
        services: table(services)?,
        grand_total: rc_types::Money::cny(grand_total),
        grand_total_uppercase: rc_documents::uppercase(grand_total)
            .map_err(|e| ApiError::Internal(e.to_string()))?,
        quote: priced.quote,
        sha256: row.sha256,
        pdf_url: format!("/api/v1/checkout/contracts/{}/pdf", row.id),
        expires_at: row.expires_at.and_utc(),
    })
}

/// Places the order of an agreed contract (同意), in the caller's write transaction: the contract
/// must be the buyer's, shown for exactly this checkout, not expired, and still price the same.
/// A contract is agreed once: placing it again answers with its order. Returns the order's id.
pub fn place(
    conn: &mut DbConn,
    sealer: &Sealer,
    buyer: Buyer,
    input: &PlaceOrderInput,
    at: DateTime<Utc>,
) -> Result<i64, ApiError> {
    let contract = contracts::own(conn, buyer.user_id, input.contract_id)
        .map_err(missing(format!("contract {}", input.contract_id)))?;
    if contract.sha256 != input.contract_sha256.to_ascii_lowercase() {
        return Err(ApiError::field(
            "contract_sha256",
            "mismatch",
            "this is not the contract shown",
        ));
    }
    if contract.request_hash != request_hash(&input.checkout) {
        return Err(ApiError::field(
            "checkout",
            "mismatch",
            "the checkout differs from the one the contract was made for: show the contract again",
        ));
    }
    if let Some(order_id) = contracts::order_of(conn, contract.id)? {
        return Ok(order_id);
    }
    if contract.expires_at <= at.naive_utc() {
        return Err(ApiError::Conflict(
            "the contract has expired: show it again".to_owned(),
        ));
    }
    if !contracts::agree(conn, contract.id, at)? {
        // Another request placed it meanwhile (and committed before this one got the lock).
        return contracts::order_of(conn, contract.id)?
            .ok_or_else(|| ApiError::Conflict("the contract is being agreed; retry".to_owned()));
    }
    let checkout = &input.checkout;
    let priced = price_with(conn, buyer, checkout, Offers::Chosen)?;
    let shown: ShownTerms =
        serde_json::from_str(&contract.quote_json).map_err(|e| ApiError::Internal(e.to_string()))?;
    if fixed_terms(&priced.quote) != fixed_terms(&shown.quote) {
        return Err(ApiError::Conflict(
            "prices or balances changed since the contract was shown: show it again".to_owned(),
        ));
    }
    let customer = customer(conn, buyer.company_id, checkout)?;
    let (partner, operator, _) = contracts::parties(conn, buyer.company_id, buyer.user_id)?;
    if delivery_of(&customer) != shown.delivery || partner != shown.partner || operator != shown.operator {
        return Err(ApiError::Conflict(
            "the delivery details or the parties changed since the contract was shown: show it again"
                .to_owned(),
        ));
    }
    let deadline = if priced.split.paid_in_full() {
        None
    } else {
        let offline_hours = finance::settings(conn)?.offline_payment_hours;
        Some(pay_deadline(at, checkout.payment_method, offline_hours))
    };
    let placed = place::insert(
        conn,
        &NewOrder {
            company_id: buyer.company_id,
            placed_by: buyer.user_id,
            customer: &customer,
            items: &priced.items,
            split: priced.split,
            coupon: priced.coupon.as_ref().map(|(id, code)| (*id, code.as_str())),
            payment_method: checkout.payment_method,
            expected_close_date: checkout.expected_close_date,
            remark: checkout.remark.trim(),
            contract_id: contract.id,
            pay_deadline: deadline,
            at,
        },
    )?;
    let order = lifecycle::get(conn, placed.id)?;
    lifecycle::hold_sources(conn, &order).map_err(|(field, error)| refusal(field)(error))?;
    let total = priced.split.goods_total;
    if priced.split.paid_in_full() {
        lifecycle::pay(conn, &order, Some(buyer.user_id), "优惠券 / 零钱 / 账期全额支付")
            .map_err(super::orders::change_error)?;
    }
    if checkout.from_cart {
        let plans: Vec<i64> = priced.items.iter().map(|i| i.plan_id).collect();
        place::clear_from_cart(conn, buyer.user_id, &plans)?;
    }
    let placed_detail = format!("订单总额 {total}，应付 {}", priced.split.payable);
    let mut events = vec![(OrderMail::Placed, placed_detail.as_str())];
    if priced.split.paid_in_full() {
        events.push((OrderMail::Paid, ""));
    }
    super::orders::notify_all(conn, sealer, order.id, &events)?;
    Ok(order.id)
}

/// The once-only scope of a buyer's placing of orders (for `Idempotency-Key`).
pub fn scope(buyer: Buyer) -> String {
    format!("order:{}", buyer.user_id)
}
