//! My assets (我的资产) and the operator's finance desk.
//!
//! Money-moving POSTs take an `Idempotency-Key`: send the same key when retrying the same
//! request, and the server answers with the first result instead of moving money twice.

use rc_types::assets::coupons::{
    ApplicableCoupon, ApplicableCouponsInput, Coupon, CouponIssueInput, CouponIssueResult, CouponQuery,
    CouponTemplate, CouponTemplateInput, IssuedCoupon,
};
use rc_types::assets::credit::{
    Bill, CreditAccount, CreditLineInput, OfflineSpendInput, RejectRepaymentInput, Repayment, RepaymentInput,
};
use rc_types::assets::finance::{
    CompanyAssets, CompanyAssetsQuery, CreditLineDetail, FinanceAction, FinanceSettings, QueuedRepayment,
    RepaymentQueueQuery,
};
use rc_types::assets::rebate::{RebateAccount, RebateAdjustmentInput};
use rc_types::assets::{LedgerEntry, PeriodQuery};
use rc_types::{Page, PageQuery};
use reqwest::Method;

use crate::{Client, ClientError};

/// The header carrying an idempotency key.
const IDEMPOTENCY_KEY: &str = "Idempotency-Key";

impl Client {
    pub(crate) async fn post_once<T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        body: &impl serde::Serialize,
        key: Option<&str>,
    ) -> Result<T, ClientError> {
        let mut request = self.request(Method::POST, path).json(body);
        if let Some(key) = key {
            request = request.header(IDEMPOTENCY_KEY, key);
        }
        Self::send(request).await
    }

    /// `GET /api/v1/assets/rebate` — the company's rebate balance and the rules text.
    pub async fn get_rebate_account(&self) -> Result<RebateAccount, ClientError> {
        self.get("/assets/rebate", &()).await
    }

    /// `GET /api/v1/assets/rebate/entries` — 账户收支明细 in a period.
    pub async fn list_rebate_entries(&self, query: &PeriodQuery) -> Result<Page<LedgerEntry>, ClientError> {
        self.get("/assets/rebate/entries", query).await
    }

    /// `GET /api/v1/assets/rebate/recharges` — 历史充值明细 (grants and claw-backs) in a period.
    pub async fn list_rebate_recharges(&self, query: &PeriodQuery) -> Result<Page<LedgerEntry>, ClientError> {
        self.get("/assets/rebate/recharges", query).await
    }

    /// `GET /api/v1/assets/coupons` — one wallet tab (未使用 / 已使用 / 已过期).
    pub async fn list_coupons(&self, query: &CouponQuery) -> Result<Page<Coupon>, ClientError> {
        self.get("/assets/coupons", query).await
    }

    /// `POST /api/v1/assets/coupons/applicable` — the coupons that apply to these order lines.
    pub async fn search_applicable_coupons(
        &self,
        input: &ApplicableCouponsInput,
    ) -> Result<Vec<ApplicableCoupon>, ClientError> {
        self.post("/assets/coupons/applicable", input).await
    }

    /// `GET /api/v1/assets/credit` — the credit line's figures.
    pub async fn get_credit_account(&self) -> Result<CreditAccount, ClientError> {
        self.get("/assets/credit", &()).await
    }

    /// `GET /api/v1/assets/credit/entries` — 全部明细 in a period.
    pub async fn list_credit_entries(&self, query: &PeriodQuery) -> Result<Page<LedgerEntry>, ClientError> {
        self.get("/assets/credit/entries", query).await
    }

    /// `GET /api/v1/assets/credit/bills` — 已出账单 in a period.
    pub async fn list_credit_bills(&self, query: &PeriodQuery) -> Result<Page<Bill>, ClientError> {
        self.get("/assets/credit/bills", query).await
    }

    /// `GET /api/v1/assets/credit/repayments` — 还款记录 in a period.
    pub async fn list_credit_repayments(&self, query: &PeriodQuery) -> Result<Page<Repayment>, ClientError> {
        self.get("/assets/credit/repayments", query).await
    }

    /// `POST /api/v1/assets/credit/repayments` — repays (part of) a bill.
    pub async fn create_credit_repayment(
        &self,
        input: &RepaymentInput,
        idempotency_key: Option<&str>,
    ) -> Result<Repayment, ClientError> {
        self.post_once("/assets/credit/repayments", input, idempotency_key)
            .await
    }

    /// `GET /api/v1/admin/finance/companies` — every partner company's assets.
    pub async fn list_finance_companies(
        &self,
        query: &CompanyAssetsQuery,
    ) -> Result<Page<CompanyAssets>, ClientError> {
        self.get("/admin/finance/companies", query).await
    }

    /// `GET /api/v1/admin/finance/companies/{id}` — one partner company's assets.
    pub async fn get_finance_company(&self, company_id: i64) -> Result<CompanyAssets, ClientError> {
        self.get(&format!("/admin/finance/companies/{company_id}"), &())
            .await
    }

    /// `GET /api/v1/admin/finance/companies/{id}/rebate-entries` — a company's rebate ledger.
    pub async fn list_company_rebate_entries(
        &self,
        company_id: i64,
        query: &PeriodQuery,
    ) -> Result<Page<LedgerEntry>, ClientError> {
        self.get(
            &format!("/admin/finance/companies/{company_id}/rebate-entries"),
            query,
        )
        .await
    }

    /// `POST /api/v1/admin/finance/companies/{id}/rebate-adjustments` — grants or claws back rebate.
    pub async fn create_rebate_adjustment(
        &self,
        company_id: i64,
        input: &RebateAdjustmentInput,
        idempotency_key: Option<&str>,
    ) -> Result<LedgerEntry, ClientError> {
        self.post_once(
            &format!("/admin/finance/companies/{company_id}/rebate-adjustments"),
            input,
            idempotency_key,
        )
        .await
    }

    /// `GET /api/v1/admin/finance/companies/{id}/credit-line` — a company's line and its history.
    pub async fn get_credit_line(&self, company_id: i64) -> Result<CreditLineDetail, ClientError> {
        self.get(&format!("/admin/finance/companies/{company_id}/credit-line"), &())
            .await
    }

    /// `PUT /api/v1/admin/finance/companies/{id}/credit-line` — sets 授信总额 and 账期天数.
    pub async fn update_credit_line(
        &self,
        company_id: i64,
        input: &CreditLineInput,
    ) -> Result<CreditLineDetail, ClientError> {
        Self::send(
            self.request(
                Method::PUT,
                &format!("/admin/finance/companies/{company_id}/credit-line"),
            )
            .json(input),
        )
        .await
    }

    /// `GET /api/v1/admin/finance/companies/{id}/credit-entries` — a company's credit ledger.
    pub async fn list_company_credit_entries(
        &self,
        company_id: i64,
        query: &PeriodQuery,
    ) -> Result<Page<LedgerEntry>, ClientError> {
        self.get(
            &format!("/admin/finance/companies/{company_id}/credit-entries"),
            query,
        )
        .await
    }

    /// `GET /api/v1/admin/finance/companies/{id}/credit-bills` — a company's bills.
    pub async fn list_company_credit_bills(
        &self,
        company_id: i64,
        query: &PeriodQuery,
    ) -> Result<Page<Bill>, ClientError> {
        self.get(
            &format!("/admin/finance/companies/{company_id}/credit-bills"),
            query,
        )
        .await
    }

    /// `POST /api/v1/admin/finance/companies/{id}/credit-spends` — records 额度线下使用.
    pub async fn create_credit_spend(
        &self,
        company_id: i64,
        input: &OfflineSpendInput,
        idempotency_key: Option<&str>,
    ) -> Result<LedgerEntry, ClientError> {
        self.post_once(
            &format!("/admin/finance/companies/{company_id}/credit-spends"),
            input,
            idempotency_key,
        )
        .await
    }

    /// `GET /api/v1/admin/finance/companies/{id}/coupons` — a company's coupons in one tab.
    pub async fn list_company_coupons(
        &self,
        company_id: i64,
        query: &CouponQuery,
    ) -> Result<Page<Coupon>, ClientError> {
        self.get(&format!("/admin/finance/companies/{company_id}/coupons"), query)
            .await
    }

    /// `GET /api/v1/admin/finance/coupon-templates` — templates with their counts.
    pub async fn list_coupon_templates(
        &self,
        query: &PageQuery,
    ) -> Result<Page<CouponTemplate>, ClientError> {
        self.get("/admin/finance/coupon-templates", query).await
    }

    /// `POST /api/v1/admin/finance/coupon-templates` — a new template.
    pub async fn create_coupon_template(
        &self,
        input: &CouponTemplateInput,
    ) -> Result<CouponTemplate, ClientError> {
        self.post("/admin/finance/coupon-templates", input).await
    }

    /// `GET /api/v1/admin/finance/coupon-templates/{id}` — one template.
    pub async fn get_coupon_template(&self, id: i64) -> Result<CouponTemplate, ClientError> {
        self.get(&format!("/admin/finance/coupon-templates/{id}"), &())
            .await
    }

    /// `PUT /api/v1/admin/finance/coupon-templates/{id}` — edits a template nothing was issued from.
    pub async fn update_coupon_template(
        &self,
        id: i64,
        input: &CouponTemplateInput,
    ) -> Result<CouponTemplate, ClientError> {
        Self::send(
            self.request(Method::PUT, &format!("/admin/finance/coupon-templates/{id}"))
                .json(input),
        )
        .await
    }

    /// `GET /api/v1/admin/finance/coupon-templates/{id}/coupons` — the coupons issued from a template.
    pub async fn list_template_coupons(
        &self,
        id: i64,
        query: &CouponQuery,
    ) -> Result<Page<IssuedCoupon>, ClientError> {
        self.get(&format!("/admin/finance/coupon-templates/{id}/coupons"), query)
            .await
    }

    /// `POST /api/v1/admin/finance/coupon-templates/{id}/issuances` — issues coupons to companies.
    pub async fn create_coupon_issuance(
        &self,
        id: i64,
        input: &CouponIssueInput,
        idempotency_key: Option<&str>,
    ) -> Result<CouponIssueResult, ClientError> {
        self.post_once(
            &format!("/admin/finance/coupon-templates/{id}/issuances"),
            input,
            idempotency_key,
        )
        .await
    }

    /// `GET /api/v1/admin/finance/repayments` — the repayment queue (pending by default).
    pub async fn list_repayments(
        &self,
        query: &RepaymentQueueQuery,
    ) -> Result<Page<QueuedRepayment>, ClientError> {
        self.get("/admin/finance/repayments", query).await
    }

    /// `POST /api/v1/admin/finance/repayments/{id}/confirmation` — confirms a repayment.
    pub async fn approve_repayment(&self, id: i64) -> Result<Repayment, ClientError> {
        self.post(&format!("/admin/finance/repayments/{id}/confirmation"), &())
            .await
    }

    /// `POST /api/v1/admin/finance/repayments/{id}/rejection` — rejects a repayment with a reason.
    pub async fn reject_repayment(
        &self,
        id: i64,
        input: &RejectRepaymentInput,
    ) -> Result<Repayment, ClientError> {
        self.post(&format!("/admin/finance/repayments/{id}/rejection"), input)
            .await
    }

    /// `GET /api/v1/admin/finance/settings` — the rules text and members' access.
    pub async fn get_finance_settings(&self) -> Result<FinanceSettings, ClientError> {
        self.get("/admin/finance/settings", &()).await
    }

    /// `PUT /api/v1/admin/finance/settings` — saves them.
    pub async fn update_finance_settings(
        &self,
        input: &FinanceSettings,
    ) -> Result<FinanceSettings, ClientError> {
        Self::send(self.request(Method::PUT, "/admin/finance/settings").json(input)).await
    }

    /// `GET /api/v1/admin/finance/actions` — the finance desk's audit trail.
    pub async fn list_finance_actions(&self, query: &PageQuery) -> Result<Page<FinanceAction>, ClientError> {
        self.get("/admin/finance/actions", query).await
    }
}
