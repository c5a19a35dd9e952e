//! 蓝云信用支付 (§10.3.2 A): paying an order from the company's credit line with the user's
//! credit-centre password and a one-time code mailed to them, and setting or changing that
//! password. Hashing and checking the password (argon2id) and the rate limits stay in the
//! handler; these functions take what it learnt.

use std::cell::Cell;

use chrono::NaiveDateTime;
use rand::Rng;
use rc_domain::{Actor, Fen, permissions};
use rc_store::DbConn;
use rc_store::assets::finance;
use rc_store::orders::lifecycle;
use rc_store::payments::credit_pay::{self, CodeError};
use rc_store::users;
use rc_types::checkout::PaymentMethod;
use rc_types::orders::Order;
use rc_types::payments::{CashierState, CreditCodeSent, CreditPassword};

use crate::error::ApiError;
use crate::idempotency::IdempotencyKey;
use crate::mail::{self, Mail};
use crate::sealing::Sealer;
use crate::usecases::orders::{as_buyer, change_error, view};

/// The user's credit-centre password state.
pub fn password_state(conn: &mut DbConn, user_id: i64) -> Result<CreditPassword, ApiError> {
    let stored = credit_pay::password(conn, user_id)?;
    Ok(CreditPassword {
        set: stored.is_some(),
        updated_at: stored.map(|(_, at)| at.and_utc()),
    })
}

/// What a password change is checked against: the credit-centre hash when there is one
/// (`true`), otherwise the login password's hash (`false`); and the login hash (a new credit
/// password must differ from it). Refused for a user who may not spend the company's assets.
pub fn password_hashes(
    conn: &mut DbConn,
    actor: &Actor,
) -> Result<(Option<String>, Option<String>), ApiError> {
    may_spend_assets(conn, actor)?;
    let credit = credit_pay::password(conn, actor.user_id)?.map(|(hash, _)| hash);
    let login = users::get_row(conn, actor.user_id)?.password_hash;
    Ok((credit, login))
}

/// Stores the new credit-centre hash, provided the one the caller checked (`expected`) is still
/// the stored one.
pub fn set_password(
    conn: &mut DbConn,
    user_id: i64,
    expected: Option<&str>,
    hash: &str,
    at: NaiveDateTime,
) -> Result<CreditPassword, ApiError> {
    credit_pay::set_password(conn, user_id, expected, hash, at)?;
    password_state(conn, user_id)
}

/// Refuses a user who may not spend the company's assets (a member, unless the operator lets
/// members see them).
fn may_spend_assets(conn: &mut DbConn, actor: &Actor) -> Result<(), ApiError> {
    let members = finance::settings(conn)?.members_see_assets;
    if actor.company.is_some() && permissions::may_view_assets(actor, members) {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

/// Refuses anybody but the order's buyer allowed to spend the company's assets (another
/// tenant's order is not found).
pub fn may_pay(conn: &mut DbConn, actor: &Actor, order_id: i64) -> Result<(), ApiError> {
    as_buyer(conn, actor, order_id)?;
    may_spend_assets(conn, actor)
}

/// The order, checked to be payable from the credit line by `actor` now.
fn payable_by_credit(
    conn: &mut DbConn,
    actor: &Actor,
    order_id: i64,
    at: NaiveDateTime,
) -> Result<lifecycle::OrderRow, ApiError> {
    may_pay(conn, actor, order_id)?;
    let order = lifecycle::get(conn, order_id)?;
    let payable = order.payment_method()? == PaymentMethod::Online
        && super::payments::cashier_state(&order)? == CashierState::Payable
        && order.pay_deadline.is_none_or(|d| d > at);
    if !payable {
        return Err(ApiError::Conflict(format!(
            "order {} can't be paid now",
            order.order_no
        )));
    }
    if order.credit_fen > 0 {
        return Err(ApiError::Conflict(format!(
            "order {} already spends credit; pay the rest with Alipay or UnionPay",
            order.order_no
        )));
    }
    Ok(order)
}

/// What the database keeps of a code: its keyed digest, bound to the user and the order.
fn code_digest(sealer: &Sealer, user_id: i64, order_id: i64, code: &str) -> String {
    sealer.digest(&format!("credit-pay:{user_id}:{order_id}:{code}"))
}

/// Mails `actor` a fresh 6-digit code for paying order `order_id` from the credit line (the
/// code sealed in the outbox like a link), voiding the previous one; at most one a minute.
pub fn send_code(
    conn: &mut DbConn,
    actor: &Actor,
    sealer: &Sealer,
    order_id: i64,
    at: NaiveDateTime,
) -> Result<CreditCodeSent, ApiError> {
    let order = payable_by_credit(conn, actor, order_id, at)?;
    if credit_pay::password(conn, actor.user_id)?.is_none() {
        return Err(no_password());
    }
    let code = format!("{:06}", rand::rng().random_range(0..1_000_000));
    let user = users::get_row(conn, actor.user_id)?;
    conn.atomic_write(|conn| {
        let expires = credit_pay::issue_code(
            conn,
            actor.user_id,
            order_id,
            &code_digest(sealer, actor.user_id, order_id, &code),
            at,
        )?
        .map_err(|e| match e {
            CodeError::TooSoon(wait) => ApiError::RateLimited(u64::try_from(wait).unwrap_or(1)),
            other => ApiError::field("code", "invalid", &other.to_string()),
        })?;
        let amount = format!("¥{:.2}", Fen(order.payable_fen).to_yuan());
        mail::queue(
            conn,
            sealer,
            &user.email,
            &Mail::CreditPayCode {
                order_no: &order.order_no,
                amount: &amount,
                code: &code,
            },
            &user.locale,
        )?;
        Ok(CreditCodeSent {
            sent_to: rc_domain::credit::masked_email(&user.email),
            expires_at: expires.and_utc(),
        })
    })
}

/// The refusal of a credit payment by a user without a credit-centre password.
pub fn no_password() -> ApiError {
    ApiError::field(
        "password",
        "not_set",
        "set your credit-centre password in My assets first",
    )
}

/// Pays order `order_id` from the credit line with the mailed `code` (the handler checked the
/// credit-centre password): the code is spent and the order paid in one transaction, so a
/// refused payment (line short or on hold) leaves the code usable; a wrong code counts a try.
/// Under an `Idempotency-Key`, a repeat answers the first result.
pub fn pay(
    conn: &mut DbConn,
    actor: &Actor,
    sealer: &Sealer,
    key: &IdempotencyKey,
    order_id: i64,
    code: &str,
    at: NaiveDateTime,
) -> Result<Order, ApiError> {
    let hash = code_digest(sealer, actor.user_id, order_id, code);
    let wrong = Cell::new(false);
    let scope = format!("credit-pay:{}:{order_id}", actor.user_id);
    let paid = key.once(conn, &scope, &(order_id, &hash), |conn| {
        payable_by_credit(conn, actor, order_id, at)?;
        match credit_pay::take_code(conn, actor.user_id, order_id, &hash, at)? {
            Ok(()) => {}
            Err(error) => {
                wrong.set(matches!(error, CodeError::Wrong(_)));
                return Err(ApiError::field("code", "invalid", &error.to_string()));
            }
        }
        lifecycle::pay_by_credit(conn, order_id, actor.user_id).map_err(change_error)?;
        Ok(order_id)
    });
    if wrong.get() {
        // The payment's transaction rolled back; the wrong try counts all the same.
        if let Err(error) =
            conn.atomic_write(|conn| credit_pay::count_wrong_try(conn, actor.user_id, order_id, at))
        {
            tracing::warn!(%error, "counting a wrong credit-pay code failed");
        }
    }
    view(conn, actor, paid?)
}
