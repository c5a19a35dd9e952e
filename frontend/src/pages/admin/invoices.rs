//! 开票管理 (finance): the invoice requests by status, oldest first; 开具发票 with its number,
//! date and optional PDF (attached, or replaced, later too), or 驳回 with a reason.

use leptos::prelude::*;
use leptos_router::components::A;
use rc_types::PageQuery;
use rc_types::orders::{Invoice, IssueInvoiceInput, ReasonInput};

use crate::api::LoadError;
use crate::components::editor::{EditorForm, FormState};
use crate::components::error_view::ErrorView;
use crate::components::field::{TextArea, TextField};
use crate::components::skeleton::LinesSkeleton;
use crate::forms::{failure_text, local_error};
use crate::i18n::{datetime, t_string, use_i18n};
use crate::pages::account::layout::{Guard, Need, PageHead};
use crate::pages::account::orders::forms::file_picker;
use crate::pages::account::orders::labels;
use crate::session::{NoticeKind, use_session};
use crate::tr;
use crate::ts;

/// Largest invoice PDF.
const MAX_INVOICE_PDF: f64 = 10.0 * 1024.0 * 1024.0;

/// The optional invoice PDF input.
#[component]
fn PdfField(invoice_id: i64, on_pdf: impl Fn(leptos::ev::Event) + Copy + 'static) -> impl IntoView {
    let input_id = format!("f-invoice-pdf-{invoice_id}");
    view! {
        <div class="field">
            <label class="label" for=input_id.clone()>{tr!(desk.pdf)}</label>
            <input id=input_id class="input invoice-pdf" type="file" accept="application/pdf" on:change=on_pdf />
        </div>
    }
}

/// The invoice queue page (`/admin/invoices`).
#[component]
pub fn InvoicesPage() -> impl IntoView {
    view! {
        <Guard need=Need::Staff("manage_finance")>
            <InvoiceQueue />
        </Guard>
    }
}

#[component]
fn InvoiceQueue() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let status = RwSignal::new("requested".to_owned());
    let invoices = LocalResource::new(move || {
        let status = status.get();
        async move {
            session
                .call(|api| {
                    let status = status.clone();
                    async move {
                        api.list_invoices(
                            &status,
                            PageQuery {
                                page: Some(1),
                                per_page: Some(100),
                            },
                        )
                        .await
                    }
                })
                .await
                .map_err(LoadError::from)
        }
    });
    let reload = Callback::new(move |()| invoices.refetch());
    let options = [
        ("requested", ts!(orders.inv_requested)),
        ("issued", ts!(orders.inv_issued)),
        ("rejected", ts!(orders.inv_rejected)),
        ("reversed", ts!(orders.inv_reversed)),
        ("all", ts!(desk.all)),
    ];
    view! {
        <PageHead title=ts!(desk.invoices) />
        <div class="field is-horizontal status-filter">
            <label class="label" for="invoice-status">{tr!(desk.inv_status)}</label>
            <div class="select">
                <select id="invoice-status" on:change=move |ev| status.set(event_target_value(&ev))>
                    {options.into_iter().map(|(value, text)| view! {
                        <option value=value selected=move || status.get() == value>{move || text.get()}</option>
                    }).collect_view()}
                </select>
            </div>
        </div>
        <Transition fallback=|| view! { <LinesSkeleton lines=6 /> }>
            {move || Suspend::new(async move {
                match invoices.await {
                    Ok(page) if page.items.is_empty() => view! { <p class="box has-text-grey">{move || t_string!(i18n, orders.none).to_string()}</p> }.into_any(),
                    Ok(page) => page.items.into_iter().map(|invoice| view! { <InvoiceCard invoice reload /> }).collect_view().into_any(),
                    Err(error) => view! { <ErrorView error on_retry=reload /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[allow(
    clippy::needless_pass_by_value,
    reason = "components take their props by value"
)]
#[component]
fn InvoiceCard(invoice: Invoice, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let id = invoice.id;
    let open = invoice.status == "requested";
    let issue_form = FormState::new();
    let issue_errors = issue_form.errors;
    let number = RwSignal::new(String::new());
    let date = RwSignal::new(crate::i18n::today());
    let pdf = RwSignal::new(None::<rc_client::Upload>);
    let on_pdf = file_picker(pdf, MAX_INVOICE_PDF, issue_errors, "pdf");
    // The PDF goes up once the invoice is issued (or on its own for an issued one).
    let attach = move |then: Callback<()>| {
        let Some(file) = pdf.get_untracked() else {
            then.run(());
            return;
        };
        leptos::task::spawn_local(async move {
            let result = session
                .call(|api| {
                    let file = file.clone();
                    async move { api.upload_invoice_pdf(id, file).await }
                })
                .await;
            match result {
                Ok(_) => session.notify(
                    NoticeKind::Success,
                    t_string!(i18n, desk.pdf_attached).to_string(),
                ),
                Err(error) => session.notify(NoticeKind::Danger, failure_text(i18n, &error)),
            }
            then.run(());
        });
    };
    let issue = Callback::new(move |()| {
        let Ok(issued_on) = chrono::NaiveDate::parse_from_str(date.get_untracked().trim(), "%Y-%m-%d") else {
            issue_errors.set(vec![local_error("issued_on", "invalid")]);
            return;
        };
        let input = IssueInvoiceInput {
            invoice_no: number.get_untracked().trim().to_owned(),
            issued_on,
        };
        issue_form.submit(
            input,
            move |api, input| async move { api.issue_invoice(id, &input).await },
            move |_| {
                session.notify(NoticeKind::Success, t_string!(i18n, desk.issued).to_string());
                attach(reload);
            },
        );
    });
    let reject_form = FormState::new();
    let reject_errors = reject_form.errors;
    let reason = RwSignal::new(String::new());
    let reject = Callback::new(move |()| {
        let input = ReasonInput {
            reason: reason.get_untracked().trim().to_owned(),
        };
        reject_form.submit(
            input,
            move |api, input| async move { api.reject_invoice(id, &input).await },
            move |_| {
                session.notify(NoticeKind::Success, t_string!(i18n, desk.rejected).to_string());
                reload.run(());
            },
        );
    });
    let issued = invoice.status == "issued";
    let has_pdf = invoice.pdf_url.is_some();
    let upload = Callback::new(move |()| attach(reload));
    let status = invoice.status.clone();
    let r = &invoice.request;
    view! {
        <article class="box invoice-card">
            <p class="has-text-weight-semibold">
                <A href=format!("/admin/orders/{}", invoice.order_id)>{invoice.order_no.clone()}</A>
                " · "{invoice.amount.display_short()}" · "
                <span class="tag is-light">{move || labels::review_state(i18n.get_locale(), &status).to_owned()}</span>
            </p>
            <p class="is-size-7">{format!("{} · {} · {} · {} · {}", r.title, r.tax_number, r.address_phone, r.bank_account, r.email)}</p>
            <p class="is-size-7 has-text-grey">{datetime(invoice.created_at)}</p>
            {invoice.invoice_no.clone().map(|n| view! { <p class="is-size-7">{tr!(orders.inv_no)}"："{n}</p> })}
            {invoice.reject_reason.clone().map(|n| view! { <p class="is-size-7 has-text-danger">{n}</p> })}
            {issued.then(|| view! {
                <p class="is-size-7">{tr!(desk.pdf)}"："{move || if has_pdf {
                    t_string!(i18n, desk.pdf_present)
                } else {
                    t_string!(i18n, desk.pdf_missing)
                }}</p>
                <EditorForm form=FormState::new() on_submit=upload save_label=ts!(desk.pdf_upload)>
                    <PdfField invoice_id=id on_pdf />
                </EditorForm>
            })}
            {open.then(|| view! {
                <div class="columns mt-2">
                    <div class="column">
                        <EditorForm form=issue_form on_submit=issue save_label=ts!(desk.issue)>
                            <TextField name="invoice_no" label=ts!(orders.inv_no) value=number errors=issue_errors required=true maxlength=40 />
                            <TextField name="issued_on" label=ts!(orders.inv_date) value=date errors=issue_errors required=true kind="date" maxlength=10 />
                            <PdfField invoice_id=id on_pdf />
                        </EditorForm>
                    </div>
                    <div class="column">
                        <EditorForm form=reject_form on_submit=reject save_label=ts!(desk.reject)>
                            <TextArea name="reason" label=ts!(desk.reject_reason) value=reason errors=reject_errors required=true max=300 rows=2 />
                        </EditorForm>
                    </div>
                </div>
            })}
        </article>
    }
}
