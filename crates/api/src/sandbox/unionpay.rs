//! The sandbox's UnionPay: the front transaction page (`frontTransReq.do`), the query
//! (`queryTrans.do`) and refunds (`backTransReq.do`), every message signed `signMethod` 01.

use actix_web::{HttpResponse, web};
use rc_domain::Fen;
use rc_payments::params::{encode_form, get, parse_form, require};
use rc_payments::unionpay::gateway::{self, Txn};
use rc_payments::unionpay::parse_fen;
use rc_store::payments::sandbox::{self, NewTrade, TradeRow};

use super::alipay::Choice;
use super::{Sandbox, page, trade_number};
use crate::error::ApiError;
use crate::payments::sandbox_ids::UNIONPAY_MER_ID;
use crate::state::AppState;

fn as_txn<'a>(trade: &'a TradeRow, txn_type: &'a str) -> Txn<'a> {
    Txn {
        mer_id: &trade.merchant,
        order_id: &trade.out_trade_no,
        query_id: &trade.trade_no,
        txn_type,
        amount: Fen(trade.amount_fen),
        resp_code: match trade.status.as_str() {
            "paid" => "00",
            "closed" => "01",
            _ => "05",
        },
        txn_time: trade.request_time.and_utc(),
    }
}

fn form(params: &rc_payments::Params) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/x-www-form-urlencoded;charset=utf-8")
        .body(encode_form(params))
}

/// The payer's page of a signed front transaction.
pub async fn page(state: web::Data<AppState>, body: web::Bytes) -> Result<HttpResponse, ApiError> {
    let sandbox = super::of(&state)?;
    let params = parse_form(&body);
    if let Err(e) = gateway::verify_request(&params, &sandbox.unionpay_merchant) {
        return Ok(page::refused(&e.to_string()));
    }
    let parsed = (|| -> Result<_, rc_payments::Rejected> {
        if require(&params, "merId")? != UNIONPAY_MER_ID || require(&params, "txnType")? != "01" {
            return Err(rc_payments::Rejected::WrongMerchant(
                "merId or txnType".to_owned(),
            ));
        }
        Ok((
            require(&params, "orderId")?.to_owned(),
            parse_fen(require(&params, "txnAmt")?)?,
            get(&params, "orderDesc").unwrap_or("").to_owned(),
            require(&params, "backUrl")?.to_owned(),
            require(&params, "frontUrl")?.to_owned(),
            get(&params, "payTimeout")
                .and_then(|t| chrono::NaiveDateTime::parse_from_str(t, "%Y%m%d%H%M%S").ok())
                .map(|china| china - chrono::Duration::hours(8)),
        ))
    })();
    let Ok((order_id, amount, subject, notify_url, return_url, expires_at)) = parsed else {
        return Ok(page::refused("the request is incomplete"));
    };
    let at = rc_store::db::now();
    let trade_no = trade_number("51");
    let trade = state
        .db(move |conn| {
            sandbox::open(
                conn,
                NewTrade {
                    provider: "unionpay",
                    out_trade_no: &order_id,
                    trade_no: &trade_no,
                    merchant: UNIONPAY_MER_ID,
                    amount,
                    subject: &subject,
                    notify_url: &notify_url,
                    return_url: &return_url,
                    request_time: at,
                    expires_at,
                    at,
                },
            )
        })
        .await?;
    if trade.status != "waiting" {
        return Ok(page::refused("这笔交易已处理 · this trade was decided already"));
    }
    Ok(page::choose(
        "银联在线支付",
        "/sandbox/unionpay/decide",
        &trade.trade_no,
        &trade.subject,
        amount,
    ))
}

/// Applies the payer's choice: the background notification (queued, retried) and the front
/// return (a form the browser posts back).
pub async fn decide(state: web::Data<AppState>, choice: web::Form<Choice>) -> Result<HttpResponse, ApiError> {
    let sandbox = super::of(&state)?;
    let Choice { trade_no, choice } = choice.into_inner();
    let key = sandbox.clone();
    let trade = state
        .db(move |conn| {
            let trade = sandbox::by_trade_no(conn, &trade_no)?.ok_or(rc_store::StoreError::NotFound)?;
            let at = rc_store::db::now();
            let status = match choice.as_str() {
                "succeed" if trade.expires_at.is_none_or(|e| e > at) => "paid",
                _ => "closed",
            };
            let Some(decided) = sandbox::decide(conn, trade.id, status, at)? else {
                return Ok(trade);
            };
            // The payer who cancels closes the trade; nobody is notified (the return asks).
            if choice != "cancel" {
                let notice = gateway::notification(&as_txn(&decided, "01"), &key.unionpay_key);
                sandbox::queue_notification(
                    conn,
                    decided.id,
                    &decided.notify_url,
                    &encode_form(&notice),
                    at,
                )?;
            }
            Ok(decided)
        })
        .await?;
    state.sandbox_wakeup.notify_one();
    let fields = gateway::notification(&as_txn(&trade, "01"), &sandbox.unionpay_key);
    Ok(page::hand_off("POST", &trade.return_url, &fields))
}

async fn verified_trade(
    state: &AppState,
    sandbox: &Sandbox,
    body: &[u8],
) -> Result<Result<(rc_payments::Params, TradeRow), rc_payments::Params>, ApiError> {
    let params = parse_form(body);
    let code = |c: &str, m: &str| gateway::code_response(UNIONPAY_MER_ID, c, m, &sandbox.unionpay_key);
    if gateway::verify_request(&params, &sandbox.unionpay_merchant).is_err() {
        return Ok(Err(code("11", "验证签名失败")));
    }
    let lookup = match params
        .iter()
        .find(|(k, _)| k == "txnType")
        .map(|(_, v)| v.as_str())
    {
        Some("04") => get(&params, "origQryId").map(|q| (true, q.to_owned())),
        _ => get(&params, "orderId").map(|o| (false, o.to_owned())),
    };
    let Some((by_query_id, number)) = lookup else {
        return Ok(Err(code("10", "报文格式错误")));
    };
    let trade = state
        .db(move |conn| {
            if by_query_id {
                sandbox::by_trade_no(conn, &number)
            } else {
                sandbox::by_number(conn, "unionpay", &number)
            }
        })
        .await?;
    Ok(trade.map(|t| (params, t)).ok_or_else(|| code("34", "查无此交易")))
}

/// `queryTrans.do`: the transaction's state (`origRespCode`), signed.
pub async fn query(state: web::Data<AppState>, body: web::Bytes) -> Result<HttpResponse, ApiError> {
    let sandbox = super::of(&state)?;
    Ok(match verified_trade(&state, &sandbox, &body).await? {
        Ok((_, trade)) => form(&gateway::query_response(
            &as_txn(&trade, "01"),
            &sandbox.unionpay_key,
        )),
        Err(answer) => form(&answer),
    })
}

/// `backTransReq.do` with `txnType` 04: a refund of a paid transaction, once per `orderId`.
pub async fn refund(state: web::Data<AppState>, body: web::Bytes) -> Result<HttpResponse, ApiError> {
    let sandbox = super::of(&state)?;
    let (params, trade) = match verified_trade(&state, &sandbox, &body).await? {
        Ok(found) => found,
        Err(answer) => return Ok(form(&answer)),
    };
    let code = |c: &str, m: &str| gateway::code_response(UNIONPAY_MER_ID, c, m, &sandbox.unionpay_key);
    let (Some(refund_no), Some(Ok(amount))) = (
        get(&params, "orderId").map(str::to_owned),
        get(&params, "txnAmt").map(parse_fen),
    ) else {
        return Ok(form(&code("10", "报文格式错误")));
    };
    let id = trade.id;
    let result = state
        .db(move |conn| sandbox::refund(conn, id, &refund_no, amount, rc_store::db::now()))
        .await?;
    Ok(form(&match result {
        Ok(_) => {
            let mut refunded = as_txn(&trade, "04");
            refunded.resp_code = "00";
            refunded.amount = amount;
            gateway::notification(&refunded, &sandbox.unionpay_key)
        }
        Err(why) => code("12", why),
    }))
}
