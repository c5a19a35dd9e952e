//! The coupons issued from one template (`/admin/finance/coupons/:id`), by wallet tab, with the
//! company owning each.

use leptos::prelude::*;
use leptos_router::components::A;
use rc_client::Client;
use rc_types::assets::coupons::{CouponQuery, CouponTemplate, IssuedCoupon};

use super::templates::TEMPLATES;
use super::{NEED, company_link};
use crate::api::LoadError;
use crate::components::data_table::Column;
use crate::components::error_view::ErrorView;
use crate::components::skeleton::LinesSkeleton;
use crate::i18n::{datetime, t_string, use_i18n};
use crate::pages::account::assets::coupons::{CouponTabs, ScopeCell, ValidityCell, held_tag};
use crate::pages::account::layout::{Guard, PageHead};
use crate::session::use_session;
use crate::tr;
use crate::ts;

/// The page of one template's coupons.
#[component]
pub fn TemplateCouponsPage() -> impl IntoView {
    let param = crate::pages::id_param();
    let id = Memo::new(move |_| param.get().unwrap_or_default());
    view! {
        <Guard need=NEED>
            {move || {
                let id = id.get();
                view! { <TemplateCoupons id /> }
            }}
        </Guard>
    }
}

#[component]
fn TemplateCoupons(id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let template = LocalResource::new(move || async move {
        session
            .call(|api| async move { api.get_coupon_template(id).await })
            .await
            .map_err(LoadError::from)
    });
    let title = Signal::derive(move || {
        template.get().and_then(Result::ok).map_or_else(
            || t_string!(i18n, finance.template_fallback, id).to_string(),
            |t| t.terms.name,
        )
    });
    let columns = vec![
        Column::new(ts!(finance.company), |c: &IssuedCoupon| {
            company_link(c.company_id, c.company_name.clone())
        }),
        Column::new(ts!(assets.code), |c: &IssuedCoupon| {
            view! { <code>{c.coupon.code.clone()}</code>{held_tag(&c.coupon)} }
        }),
        Column::new(ts!(finance.issued_at), |c: &IssuedCoupon| {
            datetime(c.coupon.issued_at)
        })
        .class("nowrap"),
        Column::new(ts!(finance.used), |c: &IssuedCoupon| {
            let used = c.coupon.used_at.map(datetime).unwrap_or_default();
            let order = c.coupon.order_no.clone().unwrap_or_else(|| "—".to_owned());
            format!("{used} {order}").trim().to_owned()
        }),
    ];
    view! {
        <PageHead title>
            <A href=TEMPLATES attr:class="button is-text">{tr!(finance.back)}</A>
        </PageHead>
        <Transition fallback=|| view! { <LinesSkeleton lines=2 /> }>
            {move || Suspend::new(async move {
                match template.await {
                    Ok(template) => view! { <TemplateSummary template /> }.into_any(),
                    Err(error) => view! { <ErrorView error on_retry=Callback::new(move |()| template.refetch()) /> }.into_any(),
                }
            })}
        </Transition>
        <section class="box list-box">
            <CouponTabs
                load=move |api: Client, query: CouponQuery| async move { api.list_template_coupons(id, &query).await }
                columns
                panel="template-coupons-panel"
            />
        </section>
    }
}

/// 使用范围, 有效期, 使用区域 and the counts of a template.
#[component]
fn TemplateSummary(template: CouponTemplate) -> impl IntoView {
    let counts = template.counts;
    let facts = vec![
        (
            ts!(assets.scope_header),
            view! { <ScopeCell terms=template.terms.clone() /> }.into_any(),
        ),
        (
            ts!(assets.validity),
            view! { <ValidityCell terms=template.terms.clone() /> }.into_any(),
        ),
        (ts!(assets.region), template.terms.region.clone().into_any()),
        (
            ts!(finance.counts),
            format!(
                "{} / {} / {} / {}",
                counts.issued, counts.unused, counts.used, counts.expired
            )
            .into_any(),
        ),
    ];
    view! {
        <section class="box">
            <dl class="application-facts">
                {facts
                    .into_iter()
                    .map(|(label, value)| view! { <div><dt>{move || label.get()}</dt><dd>{value}</dd></div> })
                    .collect_view()}
            </dl>
        </section>
    }
}
