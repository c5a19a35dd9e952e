//! The sandbox's Alipay: `gateway.do` as a page (GET `alipay.trade.page.pay`) and as the API
//! (POST `alipay.trade.query`, `alipay.trade.refund`).

use actix_web::{HttpRequest, HttpResponse, web};
use rc_payments::alipay::gateway::{self, Trade};
use rc_payments::params::{encode_form, parse_form};
use rc_payments::{Rejected, parse_yuan};
use rc_store::payments::sandbox::{self, NewTrade, TradeRow};

use super::{page, trade_number};
use crate::error::ApiError;
use crate::payments::sandbox_ids::{ALIPAY_APP_ID, ALIPAY_SELLER_ID};
use crate::state::AppState;

fn status_word(trade: &TradeRow) -> &'static str {
    match trade.status.as_str() {
        "paid" => "TRADE_SUCCESS",
        "closed" => "TRADE_CLOSED",
        _ => "WAIT_BUYER_PAY",
    }
}

fn as_trade(trade: &TradeRow) -> Trade<'_> {
    Trade {
        app_id: &trade.merchant,
        seller_id: ALIPAY_SELLER_ID,
        out_trade_no: &trade.out_trade_no,
        trade_no: &trade.trade_no,
        amount: rc_domain::Fen(trade.amount_fen),
        status: status_word(trade),
        at: trade.updated_at.and_utc(),
    }
}

/// The payer's page of a signed `alipay.trade.page.pay` request.
pub async fn page(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let sandbox = super::of(&state)?;
    let params = parse_form(req.query_string().as_bytes());
    let request = match gateway::verify_request(&params, &sandbox.alipay_merchant) {
        Ok(request) => request,
        Err(e) => return Ok(page::refused(&e.to_string())),
    };
    if request.method != "alipay.trade.page.pay" || request.app_id != ALIPAY_APP_ID {
        return Ok(page::refused("unknown method or app_id"));
    }
    let parsed = (|| -> Result<_, Rejected> {
        Ok((
            request.biz_text("out_trade_no")?.to_owned(),
            parse_yuan(request.biz_text("total_amount")?)?,
            request.biz_text("subject")?.to_owned(),
        ))
    })();
    let Ok((out_trade_no, amount, subject)) = parsed else {
        return Ok(page::refused("biz_content is incomplete"));
    };
    let expires_at = request
        .biz_text("time_expire")
        .ok()
        .and_then(|t| chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S").ok())
        .map(|china| china - chrono::Duration::hours(8));
    let at = rc_store::db::now();
    let trade_no = trade_number("2026");
    let (notify_url, return_url) = (
        request.notify_url.clone().unwrap_or_default(),
        request.return_url.clone().unwrap_or_default(),
    );
    let trade = state
        .db(move |conn| {
            sandbox::open(
                conn,
                NewTrade {
                    provider: "alipay",
                    out_trade_no: &out_trade_no,
                    trade_no: &trade_no,
                    merchant: ALIPAY_APP_ID,
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
        "支付宝",
        "/sandbox/alipay/decide",
        &trade.trade_no,
        &trade.subject,
        rc_domain::Fen(trade.amount_fen),
    ))
}

/// The payer's choice.
#[derive(Debug, serde::Deserialize)]
pub struct Choice {
    /// The sandbox's trade number.
    pub trade_no: String,
    /// `succeed`, `fail` or `cancel`.
    pub choice: String,
}

/// Applies the payer's choice: notifies the merchant (signed, queued, retried) and sends the
/// browser back.
pub async fn decide(state: web::Data<AppState>, form: web::Form<Choice>) -> Result<HttpResponse, ApiError> {
    let sandbox = super::of(&state)?;
    let Choice { trade_no, choice } = form.into_inner();
    let key = sandbox.clone();
    let outcome = state
        .db(move |conn| {
            let trade = sandbox::by_trade_no(conn, &trade_no)?.ok_or(rc_store::StoreError::NotFound)?;
            let at = rc_store::db::now();
            let status = match choice.as_str() {
                "succeed" if trade.expires_at.is_none_or(|e| e > at) => "paid",
                _ => "closed",
            };
            let Some(decided) = sandbox::decide(conn, trade.id, status, at)? else {
                return Ok((trade, None));
            };
            // The payer who cancels closes the trade; nobody is notified (the return asks).
            if choice != "cancel" {
                let notice =
                    gateway::notification(&as_trade(&decided), &super::trade_number("N"), &key.alipay_key);
                sandbox::queue_notification(
                    conn,
                    decided.id,
                    &decided.notify_url,
                    &encode_form(&notice),
                    at,
                )?;
            }
            Ok((decided.clone(), Some(decided)))
        })
        .await?;
    state.sandbox_wakeup.notify_one();
    let (trade, decided) = outcome;
    let fields = match decided.filter(|d| d.status == "paid") {
        Some(paid) => gateway::return_params(&as_trade(&paid), &sandbox.alipay_key),
        None => rc_payments::params::of(&[("out_trade_no", &trade.out_trade_no)]),
    };
    Ok(page::hand_off("GET", &trade.return_url, &fields))
}

/// The API: `alipay.trade.query` and `alipay.trade.refund`, answered signed.
pub async fn api(state: web::Data<AppState>, body: web::Bytes) -> Result<HttpResponse, ApiError> {
    let sandbox = super::of(&state)?;
    let params = parse_form(&body);
    let json = |text: String| {
        HttpResponse::Ok()
            .content_type("application/json;charset=utf-8")
            .body(text)
    };
    let request = match gateway::verify_request(&params, &sandbox.alipay_merchant) {
        Ok(request) => request,
        Err(e) => return Ok(HttpResponse::BadRequest().body(e.to_string())),
    };
    let name = format!("{}_response", request.method.replace('.', "_"));
    let Ok(out_trade_no) = request.biz_text("out_trade_no").map(str::to_owned) else {
        return Ok(json(gateway::failure_response(
            &name,
            "ACQ.INVALID_PARAMETER",
            "缺少 out_trade_no",
            &sandbox.alipay_key,
        )));
    };
    let lookup = out_trade_no.clone();
    let Some(trade) = state
        .db(move |conn| sandbox::by_number(conn, "alipay", &lookup))
        .await?
    else {
        return Ok(json(gateway::failure_response(
            &name,
            "ACQ.TRADE_NOT_EXIST",
            "交易不存在",
            &sandbox.alipay_key,
        )));
    };
    match request.method.as_str() {
        "alipay.trade.query" => Ok(json(gateway::query_response(
            &as_trade(&trade),
            &sandbox.alipay_key,
        ))),
        "alipay.trade.refund" => {
            let (Ok(amount), Ok(refund_no)) = (
                request.biz_text("refund_amount").and_then(parse_yuan),
                request.biz_text("out_request_no").map(str::to_owned),
            ) else {
                return Ok(json(gateway::failure_response(
                    &name,
                    "ACQ.INVALID_PARAMETER",
                    "退款参数不全",
                    &sandbox.alipay_key,
                )));
            };
            let id = trade.id;
            let result = state
                .db(move |conn| sandbox::refund(conn, id, &refund_no, amount, rc_store::db::now()))
                .await?;
            Ok(json(match result {
                Ok(fresh) => gateway::refund_response(&as_trade(&trade), amount, fresh, &sandbox.alipay_key),
                Err(why) => gateway::failure_response(
                    &name,
                    "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL",
                    why,
                    &sandbox.alipay_key,
                ),
            }))
        }
        _ => Ok(json(gateway::failure_response(
            &name,
            "isv.invalid-method",
            "不支持的接口",
            &sandbox.alipay_key,
        ))),
    }
}
