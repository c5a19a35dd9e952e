//! One company's assets (`/admin/finance/companies/:id`): the figures, and the tabs 可抵扣优惠金额
//! (ledger and 发放 / 扣回), 账期 (line, history, 额度线下使用, bills, ledger) and 优惠券.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use rc_client::Client;
use rc_types::assets::PeriodQuery;
use rc_types::assets::coupons::{Coupon, CouponQuery};
use rc_types::assets::finance::CompanyAssets;

use super::adjust::RebateAdjustForm;
use super::company_credit::CompanyCredit;
use super::{COMPANIES, NEED, find_company};
use crate::components::editor::{Editing, EditorDialog};
use crate::components::skeleton::LinesSkeleton;
use crate::components::tabs::Tabs;
use crate::i18n::{kind_label, t_string, use_i18n};
use crate::pages::account::assets::coupons::{CouponTabs, coupon_columns};
use crate::pages::account::assets::entries::{Balance, EntryTable};
use crate::pages::account::assets::period::{PeriodChoice, PeriodFilter};
use crate::pages::account::assets::{Figure, money};
use crate::pages::account::layout::{Guard, PageHead};
use crate::session::use_session;
use crate::tr;
use crate::ts;

/// The company page.
#[component]
pub fn FinanceCompanyPage() -> impl IntoView {
    let param = crate::pages::id_param();
    let id = Memo::new(move |_| param.get().unwrap_or_default());
    view! {
        <Guard need=NEED>
            {move || {
                let id = id.get();
                view! { <CompanyAssetsView id /> }
            }}
        </Guard>
    }
}

#[component]
fn CompanyAssetsView(id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let changed = Trigger::new();
    let company = LocalResource::new(move || {
        changed.track();
        find_company(session, id)
    });
    let title = Signal::derive(move || {
        company.get().and_then(Result::ok).flatten().map_or_else(
            || t_string!(i18n, finance.company_fallback, id).to_string(),
            |c| c.company_name,
        )
    });
    let tab = RwSignal::new(0_usize);
    view! {
        <PageHead title>
            <A href=COMPANIES attr:class="button is-text">{tr!(finance.back)}</A>
        </PageHead>
        <Transition fallback=|| view! { <LinesSkeleton lines=2 /> }>
            {move || Suspend::new(async move {
                company.await.ok().flatten().map(|c| view! { <CompanyFigures company=c /> })
            })}
        </Transition>
        <section class="box list-box">
            <Tabs
                label=ts!(finance.company_tabs)
                tabs=vec![ts!(center.rebate), ts!(finance.credit_tab), ts!(center.coupons)]
                selected=tab
                on_select=Callback::new(move |index| tab.set(index))
                panel="company-panel"
            >
                {move || match tab.get() {
                    0 => view! { <CompanyRebate id changed /> }.into_any(),
                    1 => view! { <CompanyCredit id changed /> }.into_any(),
                    _ => view! {
                        <CouponTabs
                            load=move |api: Client, query: CouponQuery| async move {
                                api.list_company_coupons(id, &query).await
                            }
                            columns=coupon_columns(|c: &Coupon| c)
                            panel="company-coupons-panel"
                        />
                    }
                        .into_any(),
                }}
            </Tabs>
        </section>
    }
}

/// The list row's figures: type, rebate, coupons, the line.
#[component]
fn CompanyFigures(company: CompanyAssets) -> impl IntoView {
    let i18n = use_i18n();
    let kind = company.kind;
    view! {
        <section class="box">
            <p class="mb-3">
                <span class="tag is-link is-light">{move || kind_label(i18n, kind)}</span>
                {company.credit_on_hold.then(|| view! { " "<span class="tag is-danger is-light">{tr!(finance.on_hold)}</span> })}
            </p>
            <div class="level">
                <Figure label=ts!(center.rebate) value=money(&company.rebate_balance) />
                <Figure label=ts!(finance.coupons_unused) value=company.coupons_unused.to_string() />
                <Figure label=ts!(assets.limit) value=money(&company.credit_limit) />
                <Figure label=ts!(assets.credit_available) value=money(&company.credit_available) />
                <Figure label=ts!(assets.outstanding) value=money(&company.credit_outstanding) />
            </div>
        </section>
    }
}

/// 发放 / 扣回 and the rebate ledger in a period.
#[component]
fn CompanyRebate(id: i64, changed: Trigger) -> impl IntoView {
    let period = RwSignal::new(PeriodChoice::default());
    let adjusting = Editing::<()>::new();
    let done = Callback::new(move |()| {
        adjusting.close();
        changed.notify();
    });
    view! {
        <div class="buttons is-right">
            <button type="button" class="button is-link" on:click=move |_| adjusting.edit(None)>{tr!(finance.adjust_rebate)}</button>
        </div>
        <PeriodFilter value=period />
        {move || {
            let period = period.get();
            view! {
                <EntryTable
                    load=move |api: Client, query: PeriodQuery| async move {
                        api.list_company_rebate_entries(id, &query).await
                    }
                    period
                    balance=Balance::Balance
                    label=ts!(center.rebate)
                    reload=Some(changed)
                />
            }
        }}
        <EditorDialog
            editing=adjusting
            title_id="adjust-title"
            title=ts!(finance.adjust_rebate)
            form=Arc::new(move |_| view! { <RebateAdjustForm id close=adjusting.closer() done /> }.into_any())
        />
    }
}
