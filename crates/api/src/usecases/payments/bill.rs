//! The cashier of a credit bill (额度线上还款, §10.3.4 A): what it still owes, the gateways, and
//! starting an attempt for all of it or a part. The notification repays the bill and restores
//! the available amount; more than the bill still owes by then is given back.

use chrono::NaiveDateTime;
use rc_domain::{Actor, Fen, permissions};
use rc_store::DbConn;
use rc_store::assets::{credit, finance};
use rc_types::assets::credit::Bill;
use rc_types::payments::{Cashier, CashierDetail, CashierState, Gateway, PaymentTarget, StartedPayment};

use super::{AttemptFor, attempts_of, gateway_options, start_attempt};
use crate::error::ApiError;
use crate::payments::Gateways;
use crate::usecases::assets::fen;

/// The actor's company, when the actor may see (and so repay) its assets.
fn repaying_company(conn: &mut DbConn, actor: &Actor) -> Result<i64, ApiError> {
    let company = actor.company.map(|c| c.id).ok_or(ApiError::Forbidden)?;
    let members = finance::settings(conn)?.members_see_assets;
    if permissions::may_view_assets(actor, members) {
        Ok(company)
    } else {
        Err(ApiError::Forbidden)
    }
}

/// The company's bill `bill_id` (another company's is not found).
fn company_bill(conn: &mut DbConn, company: i64, bill_id: i64) -> Result<Bill, ApiError> {
    credit::bill(conn, company, bill_id).map_err(|e| match e {
        rc_store::StoreError::NotFound => ApiError::NotFound(format!("bill {bill_id} not found")),
        other => other.into(),
    })
}

/// What the bill still owes and may be repaid online now: its amount less what is repaid and
/// what waits for finance's confirmation.
fn owed(bill: &Bill) -> Result<Fen, ApiError> {
    Fen::from_yuan(bill.amount.amount - bill.repaid.amount - bill.pending.amount)
        .map_err(|e| ApiError::Internal(e.to_string()))
}

/// The cashier of bill `bill_id` for `actor`.
pub fn bill_cashier(
    conn: &mut DbConn,
    actor: &Actor,
    gateways: &Gateways,
    bill_id: i64,
) -> Result<Cashier, ApiError> {
    let company = repaying_company(conn, actor)?;
    let bill = company_bill(conn, company, bill_id)?;
    let left = owed(&bill)?;
    let state = if left.0 > 0 {
        CashierState::Payable
    } else if bill.pending.amount > rust_decimal::Decimal::ZERO {
        CashierState::AwaitingConfirmation
    } else {
        CashierState::Paid
    };
    let (pending, latest) = attempts_of(conn, PaymentTarget::Bill(bill_id))?;
    Ok(Cashier {
        target: PaymentTarget::Bill(bill_id),
        number: bill.bill_no.clone(),
        amount: left.to_money(),
        state,
        deadline: None,
        seconds_left: None,
        details: vec![CashierDetail {
            label: format!(
                "{} ~ {} · {} {}",
                bill.cycle_start, bill.cycle_end, "到期日", bill.due_date
            ),
            quantity: 1,
            total: bill.amount,
        }],
        methods: gateway_options(gateways, state == CashierState::Payable),
        pending,
        latest,
        credit_available: None,
        credit_password_set: false,
        order_status: None,
        payment_status: None,
    })
}

/// Starts repaying `amount` (all it owes when `None`) of bill `bill_id` at `gateway`.
pub fn start_bill_payment(
    conn: &mut DbConn,
    actor: &Actor,
    gateways: &Gateways,
    bill_id: i64,
    gateway: Gateway,
    amount: Option<&str>,
    at: NaiveDateTime,
) -> Result<StartedPayment, ApiError> {
    let company = repaying_company(conn, actor)?;
    let wanted = amount
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(|a| fen("amount", a))
        .transpose()?;
    conn.atomic_write(|conn| {
        let bill = company_bill(conn, company, bill_id)?;
        let left = owed(&bill)?;
        if left.0 <= 0 {
            return Err(ApiError::Conflict(format!("bill {} owes nothing", bill.bill_no)));
        }
        let amount = wanted.unwrap_or(left);
        if amount > left {
            return Err(ApiError::field(
                "amount",
                "too_much",
                &format!("the bill owes ¥{:.2} at most", left.to_yuan()),
            ));
        }
        start_attempt(
            conn,
            gateways,
            gateway,
            AttemptFor {
                target: PaymentTarget::Bill(bill_id),
                company_id: company,
                amount,
                subject: &format!("经销商中心账期还款 {}", bill.bill_no),
                number: &bill.bill_no,
                expires_at: Some(at + chrono::Duration::minutes(30)),
            },
            actor.user_id,
            at,
        )
    })
}
