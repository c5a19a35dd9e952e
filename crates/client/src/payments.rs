//! Online payment: the cashier of an order or a bill, starting an attempt at a gateway, and
//! 蓝云信用支付 (the credit-centre password, the mailed code, paying from the credit line).

use rc_types::orders::Order;
use rc_types::payments::{
    Cashier, CreditCodeSent, CreditPassword, CreditPay, PaymentRecords, Reconciliation, ReconciliationQuery,
    SetCreditPassword, StartPayment, StartedPayment,
};
use reqwest::Method;

use crate::{Client, ClientError};

impl Client {
    /// `GET /api/v1/orders/{id}/cashier` — 蓝云支付平台: what the order still owes and how it may be paid.
    pub async fn get_order_cashier(&self, id: i64) -> Result<Cashier, ClientError> {
        self.get(&format!("/orders/{id}/cashier"), &()).await
    }

    /// `POST /api/v1/orders/{id}/payments` — 立即支付: a new attempt and the gateway's signed form.
    pub async fn create_order_payment(
        &self,
        id: i64,
        input: &StartPayment,
    ) -> Result<StartedPayment, ClientError> {
        self.post(&format!("/orders/{id}/payments"), input).await
    }

    /// `GET /api/v1/assets/credit/bills/{id}/cashier` — 额度线上还款: what the bill still owes.
    pub async fn get_bill_cashier(&self, id: i64) -> Result<Cashier, ClientError> {
        self.get(&format!("/assets/credit/bills/{id}/cashier"), &()).await
    }

    /// `POST /api/v1/assets/credit/bills/{id}/payments` — repay all of the bill or
    /// `input.amount` of it through a gateway: a new attempt and the gateway's signed form.
    pub async fn create_bill_payment(
        &self,
        id: i64,
        input: &StartPayment,
    ) -> Result<StartedPayment, ClientError> {
        self.post(&format!("/assets/credit/bills/{id}/payments"), input)
            .await
    }

    /// `GET /api/v1/assets/credit/password` — whether a credit-centre password is set.
    pub async fn get_credit_password(&self) -> Result<CreditPassword, ClientError> {
        self.get("/assets/credit/password", &()).await
    }

    /// `PUT /api/v1/assets/credit/password` — set (confirmed with the login password) or
    /// change (with the current one) the credit-centre password.
    pub async fn update_credit_password(
        &self,
        input: &SetCreditPassword,
    ) -> Result<CreditPassword, ClientError> {
        Self::send(self.request(Method::PUT, "/assets/credit/password").json(input)).await
    }

    /// `POST /api/v1/orders/{id}/credit-pay/code` — mail a 6-digit code for paying the order
    /// from the credit line.
    pub async fn create_credit_pay_code(&self, id: i64) -> Result<CreditCodeSent, ClientError> {
        self.post(&format!("/orders/{id}/credit-pay/code"), &()).await
    }

    /// `POST /api/v1/orders/{id}/credit-pay` — 蓝云信用支付 with the password and the code;
    /// send the same `idempotency_key` when retrying.
    pub async fn create_credit_payment(
        &self,
        id: i64,
        input: &CreditPay,
        idempotency_key: Option<&str>,
    ) -> Result<Order, ClientError> {
        self.post_once(&format!("/orders/{id}/credit-pay"), input, idempotency_key)
            .await
    }

    /// `GET /api/v1/admin/orders/{id}/payments` — the order's attempts, ledger entries and
    /// refunds (operator staff).
    pub async fn list_order_payments(&self, id: i64) -> Result<PaymentRecords, ClientError> {
        self.get(&format!("/admin/orders/{id}/payments"), &()).await
    }

    /// `GET /api/v1/admin/finance/reconciliation` — 对账 per day and gateway (finance).
    pub async fn get_reconciliation(
        &self,
        query: &ReconciliationQuery,
    ) -> Result<Reconciliation, ClientError> {
        self.get("/admin/finance/reconciliation", query).await
    }

    /// `POST /api/v1/payments/notify/{gateway}` — what a gateway does: posts a signed
    /// notification (form-encoded `body`); answers the HTTP status and the literal reply
    /// (`success` / `failure` for Alipay, `ok` for UnionPay).
    pub async fn create_payment_notification(
        &self,
        gateway: &str,
        body: String,
    ) -> Result<(u16, String), ClientError> {
        let response = self
            .request(reqwest::Method::POST, &format!("/payments/notify/{gateway}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .map_err(|e| ClientError::Transport(e.to_string()))?;
        let status = response.status().as_u16();
        let text = response
            .text()
            .await
            .map_err(|e| ClientError::Decode(e.to_string()))?;
        Ok((status, text))
    }

    /// `GET /api/v1/payments/return/{gateway}?{query}` — what the payer's browser does coming
    /// back from the gateway; answers the status and where it is sent (not followed).
    #[cfg(not(target_arch = "wasm32"))]
    pub async fn get_payment_return(&self, gateway: &str, query: &str) -> Result<(u16, String), ClientError> {
        let url = format!("{}/api/v1/payments/return/{gateway}?{query}", self.base_url());
        redirect_of(no_redirects()?.get(url)).await
    }

    /// `POST /api/v1/payments/return/{gateway}` — the browser's return as a form post
    /// (UnionPay's `frontUrl`); as [`Self::get_payment_return`].
    #[cfg(not(target_arch = "wasm32"))]
    pub async fn create_payment_return(
        &self,
        gateway: &str,
        body: String,
    ) -> Result<(u16, String), ClientError> {
        let url = format!("{}/api/v1/payments/return/{gateway}", self.base_url());
        redirect_of(
            no_redirects()?
                .post(url)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body),
        )
        .await
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn no_redirects() -> Result<reqwest::Client, ClientError> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| ClientError::Transport(e.to_string()))
}

#[cfg(not(target_arch = "wasm32"))]
async fn redirect_of(request: reqwest::RequestBuilder) -> Result<(u16, String), ClientError> {
    let response = request
        .send()
        .await
        .map_err(|e| ClientError::Transport(e.to_string()))?;
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    Ok((response.status().as_u16(), location))
}
