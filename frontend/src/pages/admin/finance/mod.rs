//! 财务 (operator, `manage_finance`): every company's assets (`/admin/finance`) and one company's
//! rebate, credit line and coupons with the operator's changes (`/admin/finance/companies/:id`),
//! coupon templates and their issuance (`/admin/finance/coupons`), the repayment queue, the
//! online payments' reconciliation (对账), the finance settings and the audit trail of finance actions.
//!
//! The ledgers, bills and coupons are drawn by the company pages' pieces
//! ([`crate::pages::account::assets`]); every money-moving form sends one `Idempotency-Key` per
//! opening of its dialog.

mod actions;
mod adjust;
mod companies;
mod company;
mod company_credit;
mod issue;
mod reconciliation;
mod repayments;
mod settings;
mod template_coupons;
mod template_form;
mod templates;

use leptos::prelude::*;
use leptos_router::components::A;
use rc_types::assets::finance::CompanyAssets;
use rc_types::assets::finance::CompanyAssetsQuery;

pub use actions::FinanceActionsPage;
pub use companies::FinanceCompaniesPage;
pub use company::FinanceCompanyPage;
pub use reconciliation::ReconciliationPage;
pub use repayments::RepaymentsPage;
pub use settings::FinanceSettingsPage;
pub use template_coupons::TemplateCouponsPage;
pub use templates::CouponTemplatesPage;

use crate::api::LoadError;
use crate::pages::account::layout::Need;
use crate::session::Session;

/// What the finance pages need.
pub const NEED: Need = Need::Staff("manage_finance");

/// The finance desk's company list (the search box and the pager link here).
const COMPANIES: &str = "/admin/finance";

/// A company's name linking to its finance page.
fn company_link(id: i64, name: String) -> impl IntoView {
    view! { <A href=format!("{COMPANIES}/companies/{id}")>{name}</A> }
}

/// Loads the companies whose names contain `q` (the first 100: enough to pick from).
async fn search_companies(session: Session, q: Option<String>) -> Result<Vec<CompanyAssets>, LoadError> {
    let query = CompanyAssetsQuery {
        q,
        page: Some(1),
        per_page: Some(100),
    };
    session
        .call(|api| {
            let query = query.clone();
            async move { api.list_finance_companies(&query).await }
        })
        .await
        .map(|page| page.items)
        .map_err(LoadError::from)
}

/// The company's assets; `None` when it is no partner company (404).
async fn find_company(session: Session, id: i64) -> Result<Option<CompanyAssets>, LoadError> {
    match session
        .call(move |api| async move { api.get_finance_company(id).await })
        .await
    {
        Ok(company) => Ok(Some(company)),
        Err(error) if error.status() == Some(404) => Ok(None),
        Err(error) => Err(LoadError::from(error)),
    }
}

/// The text field for a reason (原因), 200 characters at most.
#[component]
fn ReasonField(
    /// The value.
    value: RwSignal<String>,
    /// The form's errors.
    errors: crate::forms::Errors,
) -> impl IntoView {
    view! {
        <crate::components::field::TextArea
            name="reason"
            label=crate::ts!(finance.reason)
            value
            errors
            required=true
            max=200
            counter=true
            rows=2
        />
    }
}
