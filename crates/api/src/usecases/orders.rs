//! Orders after checkout (§6.4): who may read and change which order, what the reader may do
//! with it, the partner's mails, and the payment-deadline job.

use std::time::Duration;

use rc_domain::orders::{
    buyer_may_cancel, may_complete, may_deliver, may_request_invoice, operator_may_cancel,
};
use rc_domain::{Actor, Denied, Permission, Target, authorize};
use rc_store::orders::lifecycle::{self, CancelledBy, OrderChangeError};
use rc_store::orders::read::{self, Scope};
use rc_store::{DbConn, Pool, StoreError, users};
use rc_types::accounts::{CompanyKind, Role};
use rc_types::checkout::PaymentMethod;
use rc_types::orders::{Order, OrderActions, OrderStatus, PaymentStatus};

use super::assets::refusal;
use crate::error::ApiError;
use crate::mail::{self, Mail, templates::OrderMail};
use crate::sealing::Sealer;

/// An order change refused, as the API answers it: a state that does not allow it is 409, a
/// source the ledger refused 422 on the source, a missing line 404.
pub fn change_error(error: OrderChangeError) -> ApiError {
    match error {
        OrderChangeError::State(message) => ApiError::Conflict(message),
        OrderChangeError::Ledger(ledger) => refusal("order")(ledger),
        OrderChangeError::Store(StoreError::NotFound) => {
            ApiError::NotFound("order line not found".to_owned())
        }
        OrderChangeError::Store(store) => store.into(),
    }
}

/// Whose orders `actor` lists.
pub fn scope(actor: &Actor) -> Result<Scope, ApiError> {
    if !rc_domain::permissions::may(actor, Permission::ViewOrders) {
        return Err(ApiError::Forbidden);
    }
    Ok(match actor.company {
        None => Scope::All,
        Some(_) if actor.role == Role::Member => Scope::Placer(actor.user_id),
        Some(company) => Scope::Company {
            id: company.id,
            distributor: company.kind == CompanyKind::Distributor,
        },
    })
}

/// How `actor` relates to an order it may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// The buying company's user (a member only for orders they placed): may act as the buyer.
    Buyer,
    /// A distributor's manager reading a reseller's order: read-only.
    Distributor,
    /// Operator staff.
    Staff,
}

/// Checks that `actor` may read order `order_id` (anything else is 404) and says how it relates.
pub fn reach(conn: &mut DbConn, actor: &Actor, order_id: i64) -> Result<Reach, ApiError> {
    let not_found = || ApiError::NotFound(format!("order {order_id} not found"));
    let (company_id, parent_id, placed_by) = read::owner(conn, order_id)?.ok_or_else(not_found)?;
    let target = Target {
        company_id,
        parent_id,
    };
    match authorize(actor, Permission::ViewOrders, Some(target)) {
        Ok(()) => {}
        // A partner's user who may not read this order (a distributor's member, a reseller's
        // order) learns nothing about it; a staff role without the permission is told so.
        Err(Denied::NotFound) => return Err(not_found()),
        Err(Denied::Forbidden) if actor.company.is_some() => return Err(not_found()),
        Err(Denied::Forbidden) => return Err(ApiError::Forbidden),
    }
    Ok(match actor.company {
        None => Reach::Staff,
        Some(own) if own.id == company_id => {
            if actor.role == Role::Member && placed_by != actor.user_id {
                return Err(not_found());
            }
            Reach::Buyer
        }
        Some(_) => Reach::Distributor,
    })
}

/// Like [`reach`], and the actor must be the buyer (a distributor reading a reseller's order
/// may not change it: 403).
pub fn as_buyer(conn: &mut DbConn, actor: &Actor, order_id: i64) -> Result<(), ApiError> {
    match reach(conn, actor, order_id)? {
        Reach::Buyer if rc_domain::permissions::may(actor, Permission::PlaceOrders) => Ok(()),
        _ => Err(ApiError::Forbidden),
    }
}

/// Order `order_id` for `actor` (who may read it), with the buttons it may press.
pub fn view(conn: &mut DbConn, actor: &Actor, order_id: i64) -> Result<Order, ApiError> {
    let reach = reach(conn, actor, order_id)?;
    let mut order = read::detail(conn, order_id)?
        .ok_or_else(|| ApiError::NotFound(format!("order {order_id} not found")))?;
    let buyer = reach == Reach::Buyer;
    let staff = reach == Reach::Staff;
    let may = |p| rc_domain::permissions::may(actor, p);
    let unpaid = order.status == OrderStatus::PendingPayment && order.payment_status == PaymentStatus::Unpaid;
    let live_invoice = order
        .invoices
        .iter()
        .any(|i| matches!(i.status.as_str(), "requested" | "issued"));
    let lines_refunded = order.lines.iter().any(|l| l.refund.is_some());
    order.actions = OrderActions {
        cancel: buyer && buyer_may_cancel(order.status, order.payment_status),
        submit_transfer: buyer && unpaid && order.payment_method == PaymentMethod::Offline,
        pay_online: buyer && unpaid && order.payment_method == PaymentMethod::Online,
        request_invoice: buyer && may_request_invoice(order.status, order.payment_status) && !live_invoice,
        review_transfer: staff
            && may(Permission::ManageFinance)
            && order.payment_status == PaymentStatus::AwaitingConfirmation,
        deliver: staff && may(Permission::ManageOrders) && may_deliver(order.status),
        complete: staff && may(Permission::ManageOrders) && may_complete(order.status),
        settle_refund: staff
            && may(Permission::ManageFinance)
            && order.refund_due.amount > rust_decimal::Decimal::ZERO
            && order.refund_paid_at.is_none()
            && !rc_store::payments::refunds::through_gateway(conn, order_id)?,
        operator_cancel: staff
            && may(Permission::ManageOrders)
            && operator_may_cancel(order.status)
            && !lines_refunded
            && match order.payment_status {
                PaymentStatus::AwaitingConfirmation => false,
                PaymentStatus::Paid => may(Permission::ManageFinance),
                _ => true,
            },
    };
    for line in &mut order.lines {
        line.can_review &= buyer;
    }
    if staff {
        super::line_refunds::annotate(conn, actor, &mut order)?;
    }
    if reach == Reach::Distributor {
        // A distributor follows its resellers' orders, not their bank details, invoice titles
        // or contracts (the contract is the reseller's and the operator's).
        order.transfers.clear();
        order.invoices.clear();
        order.contract_url.clear();
        order.contract_sha256.clear();
        order.refund_reference = None;
        for line in &mut order.lines {
            if let Some(refund) = &mut line.refund {
                refund.reference = None;
            }
        }
        for event in &mut order.events {
            if event.kind.starts_with("transfer_")
                || event.kind.starts_with("invoice_")
                || matches!(
                    event.kind.as_str(),
                    "paid" | "refund_due" | "refund_paid" | "late_payment" | "line_refund_paid"
                )
            {
                event.detail.clear();
            }
        }
    }
    Ok(order)
}

/// Mails the order's buyer and their company's admin (once each) about `event`.
pub fn notify(
    conn: &mut DbConn,
    sealer: &Sealer,
    order_id: i64,
    event: OrderMail,
    detail: &str,
) -> Result<(), StoreError> {
    notify_all(conn, sealer, order_id, &[(event, detail)])
}

/// Like [`notify`] for several events in turn (placed and paid at once), looking the order and
/// its recipients up once.
pub fn notify_all(
    conn: &mut DbConn,
    sealer: &Sealer,
    order_id: i64,
    events: &[(OrderMail, &str)],
) -> Result<(), StoreError> {
    let order = lifecycle::get(conn, order_id)?;
    let mut recipients = vec![users::get_row(conn, order.placed_by)?];
    if let Some(admin) = users::company_admin(conn, order.company_id)?
        && admin.id != order.placed_by
    {
        recipients.push(admin);
    }
    for &(event, detail) in events {
        for user in &recipients {
            let mail = Mail::OrderChanged {
                order_no: &order.order_no,
                event,
                detail,
            };
            mail::queue(conn, sealer, &user.email, &mail, &user.locale)?;
        }
    }
    Ok(())
}

/// Cancels order `order_id` as `by` with `reason` and mails the partner.
pub fn cancel(
    conn: &mut DbConn,
    sealer: &Sealer,
    order_id: i64,
    by: CancelledBy,
    reason: &str,
    at: chrono::NaiveDateTime,
) -> Result<(), ApiError> {
    conn.atomic_write(|conn| {
        lifecycle::cancel(conn, order_id, by, reason, at).map_err(change_error)?;
        notify(conn, sealer, order_id, OrderMail::Cancelled, reason)?;
        Ok(())
    })
}

/// The order desk's cancel: any order not completed or cancelled, except one whose bank transfer
/// waits for finance (confirm or reject it first: the money may have arrived). Cancelling a paid
/// order refunds it, which takes the finance permission besides managing orders.
pub fn cancel_by_operator(
    conn: &mut DbConn,
    sealer: &Sealer,
    actor: &Actor,
    order_id: i64,
    reason: &str,
    at: chrono::NaiveDateTime,
) -> Result<(), ApiError> {
    if reach(conn, actor, order_id)? != Reach::Staff {
        return Err(ApiError::Forbidden);
    }
    conn.atomic_write(|conn| {
        // Judged under the order's lock: a transfer reported or confirmed meanwhile is seen.
        let order = lifecycle::lock(conn, order_id)?;
        match order.payment_status()? {
            PaymentStatus::AwaitingConfirmation => {
                return Err(ApiError::Conflict(format!(
                    "a bank transfer for order {} waits for finance: confirm or reject it first",
                    order.order_no
                )));
            }
            PaymentStatus::Paid if !rc_domain::permissions::may(actor, Permission::ManageFinance) => {
                return Err(ApiError::Forbidden);
            }
            _ => {}
        }
        lifecycle::cancel(conn, order_id, CancelledBy::Operator(actor.user_id), reason, at)
            .map_err(change_error)?;
        super::payments::refund_cancelled_order(conn, order_id, &format!("订单取消退款：{reason}"))?;
        notify(conn, sealer, order_id, OrderMail::Cancelled, reason)?;
        Ok(())
    })
}

/// How often each server looks for unpaid orders past their deadline.
pub const TIMEOUT_INTERVAL: Duration = Duration::from_secs(5);

/// The most orders one sweep cancels (the next sweep takes the rest).
const SWEEP: i64 = 200;

/// Cancels every unpaid order past its deadline at `at`, each in its own transaction; another
/// server cancelling the same order first is skipped (the conditional update finds it moved on),
/// and an order that fails is logged and left for the next sweep. Contracts shown and never
/// agreed are deleted once expired.
/// Returns how many this call cancelled.
pub fn cancel_overdue(
    conn: &mut DbConn,
    sealer: &Sealer,
    at: chrono::NaiveDateTime,
) -> Result<usize, ApiError> {
    match rc_store::orders::contracts::purge_expired(conn, at, SWEEP) {
        Ok(0) => {}
        Ok(purged) => tracing::debug!(purged, "expired contracts never agreed deleted"),
        Err(error) => tracing::warn!(%error, "expired contracts could not be purged"),
    }
    let mut cancelled = 0;
    for id in lifecycle::due_for_timeout(conn, at, SWEEP)? {
        match cancel(
            conn,
            sealer,
            id,
            CancelledBy::Deadline,
            "超时未支付，订单已自动取消",
            at,
        ) {
            Ok(()) => cancelled += 1,
            Err(ApiError::Conflict(_)) => {}
            // One order that cannot be cancelled (its transaction rolled back) must not stop
            // the others: logged, and tried again by the next sweep.
            Err(other) => {
                tracing::error!(order_id = id, error = %other, "an overdue order could not be cancelled");
            }
        }
    }
    Ok(cancelled)
}

/// Runs [`cancel_overdue`] every [`TIMEOUT_INTERVAL`] until the server stops; `clock` gives the
/// time (the real one, or the development test clock).
pub async fn run_timeouts(pool: Pool, sealer: Sealer, clock: crate::clock::Clock) {
    let mut ticker = tokio::time::interval(TIMEOUT_INTERVAL);
    loop {
        ticker.tick().await;
        let (pool, sealer, at) = (pool.clone(), sealer.clone(), clock.now());
        let result = tokio::task::spawn_blocking(move || {
            let mut conn = pool.get().map_err(StoreError::from)?;
            cancel_overdue(&mut conn, &sealer, at)
        })
        .await;
        match result {
            Ok(Ok(n)) if n > 0 => tracing::info!(cancelled = n, "unpaid orders timed out"),
            Ok(Err(e)) => tracing::warn!(error = %e, "order timeout sweep failed"),
            _ => {}
        }
    }
}
