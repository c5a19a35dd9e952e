//! 操作记录 (`/admin/finance/actions`): every finance action (grants, claw-backs, credit lines,
//! coupons, repayments, settings) with who, when, the company and the values.

use leptos::prelude::*;
use rc_types::PageQuery;
use rc_types::assets::finance::FinanceAction;

use super::NEED;
use crate::api::LoadError;
use crate::components::data_table::{Column, DataTable};
use crate::components::listing::{PER_PAGE, use_list_state};
use crate::i18n::{Locale, datetime, td_string, use_i18n};
use crate::pages::account::layout::{Guard, PageHead};
use crate::session::use_session;
use crate::ts;

const BASE: &str = "/admin/finance/actions";

/// The label of an action name (`rebate.grant` → 发放优惠金额); unknown names as sent.
pub fn action_label(locale: Locale, action: &str) -> Option<&'static str> {
    Some(match action {
        "rebate.grant" => td_string!(locale, finance.action_rebate_grant),
        "rebate.claw_back" => td_string!(locale, finance.action_rebate_claw_back),
        "rebate.settings" => td_string!(locale, finance.action_settings),
        "credit.set" => td_string!(locale, finance.action_credit_set),
        "credit.offline_spend" => td_string!(locale, finance.action_offline_spend),
        "coupon.template" => td_string!(locale, finance.action_coupon_template),
        "coupon.issue" => td_string!(locale, finance.action_coupon_issue),
        "repayment.confirm" => td_string!(locale, finance.action_repayment_confirm),
        "repayment.reject" => td_string!(locale, finance.action_repayment_reject),
        _ => return None,
    })
}

/// The audit trail page.
#[component]
pub fn FinanceActionsPage() -> impl IntoView {
    view! {
        <Guard need=NEED>
            <FinanceActionsView />
        </Guard>
    }
}

/// The page's content, for a user the guard let in (its requests start only then).
#[component]
fn FinanceActionsView() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let state = use_list_state();
    let list = LocalResource::new(move || {
        let page = state.get().page;
        async move {
            let query = PageQuery {
                page: Some(page),
                per_page: Some(PER_PAGE),
            };
            session
                .call(|api| async move { api.list_finance_actions(&query).await })
                .await
                .map_err(LoadError::from)
        }
    });
    let columns = vec![
        Column::new(ts!(finance.when), |a: &FinanceAction| datetime(a.created_at)).class("nowrap"),
        Column::new(ts!(finance.actor), |a: &FinanceAction| a.actor.clone()),
        Column::new(ts!(finance.action), move |a: &FinanceAction| {
            let name = a.action.clone();
            move || action_label(i18n.get_locale(), &name).map_or_else(|| name.clone(), str::to_owned)
        }),
        Column::new(ts!(finance.company), |a: &FinanceAction| {
            a.company_name.clone().unwrap_or_else(|| "—".to_owned())
        }),
        Column::new(ts!(finance.detail), |a: &FinanceAction| a.detail.clone()).class("cell-wrap"),
    ];
    view! {
                    <PageHead title=ts!(finance.actions_title) />
            <DataTable data=list columns=columns.clone() label=ts!(finance.actions_title) base=BASE hoverable=true />


    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_actions_have_labels() {
        assert_eq!(action_label(Locale::zh, "rebate.grant"), Some("发放优惠金额"));
        assert_eq!(action_label(Locale::zh, "repayment.reject"), Some("驳回还款"));
        assert_eq!(action_label(Locale::zh, "something.new"), None);
    }
}
