//! Checkout, orders and the operator's order desk.

use rc_types::checkout::{CheckoutInput, ContractView, PlaceOrderInput, Quote};
use rc_types::orders::{
    DeliverInput, Invoice, InvoiceInput, IssueInvoiceInput, Order, OrderQuery, OrderSummary, ReasonInput,
    RefundPaidInput, ReviewInput, TransferInput,
};
use rc_types::{Page, PageQuery};
use reqwest::Method;
use reqwest::multipart::{Form, Part};

use crate::accounts::Upload;
use crate::{Client, ClientError};

impl Client {
    /// `POST /api/v1/checkout/quote` — what the checkout would cost (the server's amounts).
    pub async fn quote_checkout(&self, input: &CheckoutInput) -> Result<Quote, ClientError> {
        self.post("/checkout/quote", input).await
    }

    /// `POST /api/v1/checkout/contracts` — the electronic contract to read and agree.
    pub async fn create_contract(&self, input: &CheckoutInput) -> Result<ContractView, ClientError> {
        self.post("/checkout/contracts", input).await
    }

    /// `GET /api/v1/checkout/contracts/{id}/pdf` — a contract's PDF as shown.
    pub async fn download_checkout_contract(&self, id: i64) -> Result<Vec<u8>, ClientError> {
        self.bytes(&format!("/checkout/contracts/{id}/pdf")).await
    }

    /// `POST /api/v1/orders` — places the order by agreeing its contract (同意). Send the same
    /// `idempotency_key` when retrying.
    pub async fn create_order(
        &self,
        input: &PlaceOrderInput,
        idempotency_key: Option<&str>,
    ) -> Result<Order, ClientError> {
        self.post_once("/orders", input, idempotency_key).await
    }

    /// `GET /api/v1/orders` — the orders the signed-in user may see.
    pub async fn list_orders(&self, query: &OrderQuery) -> Result<Page<OrderSummary>, ClientError> {
        self.get("/orders", query).await
    }

    /// `GET /api/v1/orders/{id}` — one order in full.
    pub async fn get_order(&self, id: i64) -> Result<Order, ClientError> {
        self.get(&format!("/orders/{id}"), &()).await
    }

    /// `GET /api/v1/orders/{id}/contract` — the order's contract PDF as agreed.
    pub async fn download_order_contract(&self, id: i64) -> Result<Vec<u8>, ClientError> {
        self.bytes(&format!("/orders/{id}/contract")).await
    }

    /// `POST /api/v1/orders/{id}/cancel` — the buyer cancels an unpaid order.
    pub async fn cancel_order(&self, id: i64) -> Result<Order, ClientError> {
        self.post(&format!("/orders/{id}/cancel"), &()).await
    }

    /// `POST /api/v1/orders/{id}/transfers` — reports a bank transfer, with an optional receipt.
    pub async fn create_transfer(
        &self,
        id: i64,
        input: &TransferInput,
        receipt: Option<Upload>,
    ) -> Result<Order, ClientError> {
        let json = serde_json::to_string(input).map_err(|e| ClientError::Transport(e.to_string()))?;
        let mut form = Form::new().text("transfer", json);
        if let Some(file) = receipt {
            form = form.part("receipt", Part::bytes(file.bytes).file_name(file.file_name));
        }
        Self::send(
            self.request(Method::POST, &format!("/orders/{id}/transfers"))
                .multipart(form),
        )
        .await
    }

    /// `GET /api/v1/orders/{id}/transfers/{transfer_id}/receipt` — a transfer's receipt image.
    pub async fn download_transfer_receipt(&self, id: i64, transfer_id: i64) -> Result<Vec<u8>, ClientError> {
        self.bytes(&format!("/orders/{id}/transfers/{transfer_id}/receipt"))
            .await
    }

    /// `POST /api/v1/orders/{id}/invoices` — 申请开票.
    pub async fn create_invoice(&self, id: i64, input: &InvoiceInput) -> Result<Invoice, ClientError> {
        self.post(&format!("/orders/{id}/invoices"), input).await
    }

    /// `POST /api/v1/orders/{id}/lines/{line_id}/review` — reviews a line of a completed order.
    pub async fn create_line_review(
        &self,
        id: i64,
        line_id: i64,
        input: &ReviewInput,
    ) -> Result<Order, ClientError> {
        self.post(&format!("/orders/{id}/lines/{line_id}/review"), input)
            .await
    }

    /// `POST /api/v1/admin/orders/{id}/transfers/{transfer_id}/confirm` — finance confirms.
    pub async fn confirm_transfer(&self, id: i64, transfer_id: i64) -> Result<Order, ClientError> {
        self.post(
            &format!("/admin/orders/{id}/transfers/{transfer_id}/confirm"),
            &(),
        )
        .await
    }

    /// `POST /api/v1/admin/orders/{id}/transfers/{transfer_id}/reject` — finance rejects.
    pub async fn reject_transfer(
        &self,
        id: i64,
        transfer_id: i64,
        input: &ReasonInput,
    ) -> Result<Order, ClientError> {
        self.post(
            &format!("/admin/orders/{id}/transfers/{transfer_id}/reject"),
            input,
        )
        .await
    }

    /// `POST /api/v1/admin/orders/{id}/lines/{line_id}/deliver` — delivers a line.
    pub async fn deliver_line(
        &self,
        id: i64,
        line_id: i64,
        input: &DeliverInput,
    ) -> Result<Order, ClientError> {
        self.post(&format!("/admin/orders/{id}/lines/{line_id}/deliver"), input)
            .await
    }

    /// `POST /api/v1/admin/orders/{id}/complete` — completes a delivered order.
    pub async fn complete_order(&self, id: i64) -> Result<Order, ClientError> {
        self.post(&format!("/admin/orders/{id}/complete"), &()).await
    }

    /// `POST /api/v1/admin/orders/{id}/cancel` — the operator cancels (release or 退款).
    pub async fn cancel_order_by_operator(&self, id: i64, input: &ReasonInput) -> Result<Order, ClientError> {
        self.post(&format!("/admin/orders/{id}/cancel"), input).await
    }

    /// `GET /api/v1/admin/invoices` — the invoice queue (`status`: requested, issued, rejected, all).
    pub async fn list_invoices(&self, status: &str, paging: PageQuery) -> Result<Page<Invoice>, ClientError> {
        #[derive(serde::Serialize)]
        struct Query<'a> {
            status: &'a str,
            #[serde(flatten)]
            paging: PageQuery,
        }
        self.get("/admin/invoices", &Query { status, paging }).await
    }

    /// `POST /api/v1/admin/invoices/{id}/issue` — issues an invoice.
    pub async fn issue_invoice(&self, id: i64, input: &IssueInvoiceInput) -> Result<Invoice, ClientError> {
        self.post(&format!("/admin/invoices/{id}/issue"), input).await
    }

    /// `POST /api/v1/admin/orders/{id}/refund/confirm` — finance paid the cash refund back.
    pub async fn confirm_refund(&self, id: i64, input: &RefundPaidInput) -> Result<Order, ClientError> {
        self.post(&format!("/admin/orders/{id}/refund/confirm"), input)
            .await
    }

    /// `POST /api/v1/admin/orders/{id}/lines/{line_id}/refund` — refunds one line of a paid order;
    /// send the same `idempotency_key` when retrying.
    pub async fn create_line_refund(
        &self,
        id: i64,
        line_id: i64,
        input: &ReasonInput,
        idempotency_key: Option<&str>,
    ) -> Result<Order, ClientError> {
        self.post_once(
            &format!("/admin/orders/{id}/lines/{line_id}/refund"),
            input,
            idempotency_key,
        )
        .await
    }

    /// `POST /api/v1/admin/orders/{id}/lines/{line_id}/refund/confirm` — finance paid the line's
    /// cash back by hand.
    pub async fn confirm_line_refund(
        &self,
        id: i64,
        line_id: i64,
        input: &RefundPaidInput,
    ) -> Result<Order, ClientError> {
        self.post(
            &format!("/admin/orders/{id}/lines/{line_id}/refund/confirm"),
            input,
        )
        .await
    }

    /// `PUT /api/v1/admin/invoices/{id}/pdf` — attaches the issued invoice's PDF.
    pub async fn upload_invoice_pdf(&self, id: i64, pdf: Upload) -> Result<Invoice, ClientError> {
        let form = Form::new().part("pdf", Part::bytes(pdf.bytes).file_name(pdf.file_name));
        Self::send(
            self.request(Method::PUT, &format!("/admin/invoices/{id}/pdf"))
                .multipart(form),
        )
        .await
    }

    /// `GET /api/v1/orders/{id}/invoices/{invoice_id}/pdf` — an issued invoice's PDF.
    pub async fn download_invoice_pdf(&self, id: i64, invoice_id: i64) -> Result<Vec<u8>, ClientError> {
        self.bytes(&format!("/orders/{id}/invoices/{invoice_id}/pdf"))
            .await
    }

    /// `POST /api/v1/admin/invoices/{id}/reject` — rejects an invoice request.
    pub async fn reject_invoice(&self, id: i64, input: &ReasonInput) -> Result<Invoice, ClientError> {
        self.post(&format!("/admin/invoices/{id}/reject"), input).await
    }

    /// `POST /api/v1/dev/clock` — development only: moves the deadline clock forward.
    pub async fn advance_test_clock(&self, seconds: i64) -> Result<(), ClientError> {
        Self::send_empty(
            self.request(Method::POST, "/dev/clock")
                .json(&serde_json::json!({ "seconds": seconds })),
        )
        .await
    }
}
