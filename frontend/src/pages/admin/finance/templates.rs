//! 优惠券模板 (`/admin/finance/coupons`): the templates with 面额, 使用范围, 有效期, 使用区域 and how
//! many of each were issued, used and expired; 新建 / 编辑 (while nothing was issued), 发放 to
//! companies, and a link to the coupons issued.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use rc_types::PageQuery;
use rc_types::assets::coupons::CouponTemplate;

use super::NEED;
use super::issue::IssueForm;
use super::template_form::TemplateForm;
use crate::api::LoadError;
use crate::components::data_table::{Column, DataTable};
use crate::components::editor::{Editing, EditorDialog};
use crate::components::listing::{PER_PAGE, use_list_state};
use crate::pages::account::assets::coupons::{ScopeCell, ValidityCell};
use crate::pages::account::assets::money;
use crate::pages::account::layout::{Guard, PageHead};
use crate::session::use_session;
use crate::tr;
use crate::ts;

/// The template list (its pager links here).
pub const TEMPLATES: &str = "/admin/finance/coupons";

/// The template list page.
#[component]
pub fn CouponTemplatesPage() -> impl IntoView {
    view! {
        <Guard need=NEED>
            <CouponTemplatesView />
        </Guard>
    }
}

/// The page's content, for a user the guard let in (its requests start only then).
#[component]
fn CouponTemplatesView() -> impl IntoView {
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
                .call(|api| async move { api.list_coupon_templates(&query).await })
                .await
                .map_err(LoadError::from)
        }
    });
    let editing = Editing::<CouponTemplate>::new();
    let issuing = Editing::<CouponTemplate>::new();
    let saved = Callback::new(move |()| {
        editing.close();
        list.refetch();
    });
    let issued = Callback::new(move |()| list.refetch());
    view! {
                    <PageHead title=ts!(finance.templates_title)>
                <button type="button" class="button is-link" on:click=move |_| editing.edit(None)>{tr!(finance.new_template)}</button>
            </PageHead>
            <DataTable data=list columns=template_columns(editing, issuing) label=ts!(finance.templates_table) base=TEMPLATES hoverable=true />
            <EditorDialog
                editing
                title_id="template-title"
                title=ts!(finance.template_dialog)
                wide=true
                form=Arc::new(move |existing| view! { <TemplateForm existing close=editing.closer() done=saved /> }.into_any())
            />
            <EditorDialog
                editing=issuing
                title_id="issue-title"
                title=ts!(finance.issue_dialog)
                wide=true
                form=Arc::new(move |template: Option<CouponTemplate>| {
                    template.map(|template| view! { <IssueForm template close=issuing.closer() done=issued /> }).into_any()
                })
            />


    }
}

/// 明细 面额 使用范围 有效期 使用区域, the counts, and 编辑 / 发放 / 查看.
fn template_columns(
    editing: Editing<CouponTemplate>,
    issuing: Editing<CouponTemplate>,
) -> Vec<Column<CouponTemplate>> {
    vec![
        Column::new(ts!(assets.coupon_name), |t: &CouponTemplate| t.terms.name.clone()).class("cell-wrap"),
        Column::new(ts!(finance.face_value), |t: &CouponTemplate| {
            money(&t.terms.face_value)
        }),
        Column::new(
            ts!(assets.scope_header),
            |t: &CouponTemplate| view! { <ScopeCell terms=t.terms.clone() /> },
        )
        .class("cell-wrap"),
        Column::new(
            ts!(assets.validity),
            |t: &CouponTemplate| view! { <ValidityCell terms=t.terms.clone() /> },
        ),
        Column::new(ts!(assets.region), |t: &CouponTemplate| t.terms.region.clone()),
        Column::new(ts!(finance.issued), |t: &CouponTemplate| t.counts.issued),
        Column::new(ts!(assets.coupons_unused), |t: &CouponTemplate| t.counts.unused),
        Column::new(ts!(assets.coupons_used), |t: &CouponTemplate| t.counts.used),
        Column::new(ts!(assets.coupons_expired), |t: &CouponTemplate| t.counts.expired),
        Column::new(ts!(assets.actions), move |t: &CouponTemplate| {
            let (edit, issue) = (t.clone(), t.clone());
            let editable = t.counts.issued == 0;
            let coupons = format!("{TEMPLATES}/{}", t.id);
            view! {
                <div class="row-actions">
                    {editable.then(|| view! {
                        <button type="button" class="button is-small" on:click=move |_| editing.edit(Some(edit.clone()))>
                            {tr!(finance.edit)}
                        </button>
                    })}
                    <button type="button" class="button is-small is-link is-outlined" on:click=move |_| issuing.edit(Some(issue.clone()))>
                        {tr!(finance.issue)}
                    </button>
                    <A href=coupons attr:class="button is-small is-text">{tr!(finance.view_coupons)}</A>
                </div>
            }
        }),
    ]
}
