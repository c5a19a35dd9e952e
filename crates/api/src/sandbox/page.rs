//! The sandbox's payer page and the browser hand-offs (an auto-submitted form).

use actix_web::HttpResponse;
use rc_domain::Fen;

/// The sandbox pages' policy: their own inline style and the hand-off's inline submit, forms
/// to anywhere (the merchant's return URL).
const POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; \
     form-action *; frame-ancestors 'none'";

fn html(body: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header(("Content-Security-Policy", POLICY))
        .body(body)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The page where the payer chooses what the gateway does with trade `trade_no`.
pub fn choose(gateway: &str, decide_url: &str, trade_no: &str, subject: &str, amount: Fen) -> HttpResponse {
    let body = format!(
        r#"<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{gateway} · 沙箱网关</title>
<style>body{{font-family:sans-serif;background:#f5f7fa;margin:0}}main{{max-width:480px;margin:60px auto;background:#fff;border-radius:8px;padding:32px;box-shadow:0 2px 12px #0001}}
h1{{font-size:20px;margin:0 0 4px}}p.note{{color:#888;font-size:13px;margin:0 0 24px}}dl{{display:grid;grid-template-columns:6em 1fr;gap:8px}}dd{{margin:0}}.amount{{font-size:24px;color:#e4393c}}
form{{display:flex;gap:12px;margin-top:28px}}button{{flex:1;padding:12px;border:0;border-radius:4px;font-size:15px;cursor:pointer}}.ok{{background:#1677ff;color:#fff}}.fail{{background:#ffccc7}}.cancel{{background:#eee}}</style></head>
<body><main><h1>{gateway} 沙箱网关</h1><p class="note">开发与测试用的模拟支付网关 · sandbox gateway for development and tests</p>
<dl><dt>商品</dt><dd>{subject}</dd><dt>交易号</dt><dd>{trade_no}</dd><dt>金额</dt><dd class="amount">¥{amount}</dd></dl>
<form method="post" action="{decide_url}"><input type="hidden" name="trade_no" value="{trade_no}">
<button class="ok" name="choice" value="succeed">支付成功</button><button class="fail" name="choice" value="fail">支付失败</button><button class="cancel" name="choice" value="cancel">取消支付</button></form></main></body></html>"#,
        gateway = escape(gateway),
        subject = escape(subject),
        trade_no = escape(trade_no),
        decide_url = escape(decide_url),
        amount = rc_payments::yuan_2dp(amount),
    );
    html(body)
}

/// A page that sends the browser to `url` with `fields` (GET or POST), as gateways hand back.
pub fn hand_off(method: &str, url: &str, fields: &rc_payments::Params) -> HttpResponse {
    if method == "GET" {
        let separator = if url.contains('?') { '&' } else { '?' };
        let location = format!("{url}{separator}{}", rc_payments::params::encode_form(fields));
        return HttpResponse::SeeOther()
            .insert_header(("Location", location))
            .finish();
    }
    let inputs = fields.iter().fold(String::new(), |mut out, (k, v)| {
        use std::fmt::Write as _;
        let _ = write!(
            out,
            r#"<input type="hidden" name="{}" value="{}">"#,
            escape(k),
            escape(v)
        );
        out
    });
    html(format!(
        r#"<!doctype html><html><head><meta charset="utf-8"><title>返回商户</title></head><body onload="document.forms[0].submit()">
<form method="post" action="{}">{inputs}<button>返回商户</button></form></body></html>"#,
        escape(url)
    ))
}

/// A plain error page.
pub fn refused(why: &str) -> HttpResponse {
    HttpResponse::BadRequest()
        .content_type("text/html; charset=utf-8")
        .body(format!(
            "<!doctype html><meta charset=utf-8><p>沙箱网关拒绝了请求：{}</p>",
            escape(why)
        ))
}
