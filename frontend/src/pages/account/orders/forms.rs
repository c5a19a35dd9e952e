//! The order page's forms: the buyer's bank transfer (线下支付 with an optional receipt image),
//! invoice request (申请开票) and line review (评价); the operator's delivery of a line and the
//! reason of a rejection or cancellation. Each sends one request and hands back the answer.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rc_client::Upload;
use rc_types::Money;
use rc_types::orders::{
    DeliverInput, InvoiceInput, Order, ReasonInput, RefundPaidInput, ReviewInput, TransferInput,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::components::editor::{EditorForm, FormState};
use crate::components::field::{TextArea, TextField};
use crate::forms::local_error;
use crate::i18n::{t_string, use_i18n};
use crate::session::{NoticeKind, use_session};
use crate::tr;
use crate::ts;

/// Largest receipt image.
const MAX_RECEIPT: f64 = 5.0 * 1024.0 * 1024.0;

/// The `change` handler of a file input: reads the chosen file into `picked` (None when the
/// choice is cleared); a file over `max` bytes is refused on `field` and the input cleared.
pub fn file_picker(
    picked: RwSignal<Option<Upload>>,
    max: f64,
    errors: crate::forms::Errors,
    field: &'static str,
) -> impl Fn(leptos::ev::Event) + Copy + 'static {
    move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|list| list.get(0)) else {
            picked.set(None);
            return;
        };
        if file.size() > max {
            errors.set(vec![local_error(field, "too_big")]);
            input.set_value("");
            return;
        }
        let file_name = file.name();
        spawn_local(async move {
            if let Ok(buffer) = JsFuture::from(file.array_buffer()).await {
                let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                picked.set(Some(Upload { file_name, bytes }));
            }
        });
    }
}

/// 线下支付: the transfer details of an unpaid offline order, for the amount payable.
#[component]
pub fn TransferForm(order_id: i64, payable: Money, done: Callback<Order>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let form = FormState::new();
    let errors = form.errors;
    let payer = RwSignal::new(String::new());
    let bank = RwSignal::new(String::new());
    let account = RwSignal::new(String::new());
    let amount = RwSignal::new(payable.amount.to_string());
    let date = RwSignal::new(crate::i18n::today());
    let reference = RwSignal::new(String::new());
    let receipt = RwSignal::new(None::<Upload>);
    let on_file = file_picker(receipt, MAX_RECEIPT, errors, "receipt");
    let on_submit = Callback::new(move |()| {
        let parsed_amount = amount.get_untracked().trim().parse::<rust_decimal::Decimal>();
        let parsed_date = chrono::NaiveDate::parse_from_str(date.get_untracked().trim(), "%Y-%m-%d");
        let (Ok(value), Ok(day)) = (parsed_amount, parsed_date) else {
            errors.set(vec![local_error(
                if amount
                    .get_untracked()
                    .trim()
                    .parse::<rust_decimal::Decimal>()
                    .is_err()
                {
                    "amount"
                } else {
                    "transfer_date"
                },
                "invalid",
            )]);
            return;
        };
        let input = TransferInput {
            payer_name: payer.get_untracked().trim().to_owned(),
            bank: bank.get_untracked().trim().to_owned(),
            account: account.get_untracked().trim().to_owned(),
            amount: Money::cny(value),
            transfer_date: day,
            reference: reference.get_untracked().trim().to_owned(),
        };
        let file = receipt.get_untracked();
        form.submit(
            input,
            move |api, input| {
                let file = file.clone();
                async move { api.create_transfer(order_id, &input, file).await }
            },
            move |order| {
                session.notify(
                    NoticeKind::Success,
                    t_string!(i18n, orders.transfer_sent).to_string(),
                );
                done.run(order);
            },
        );
    });
    view! {
        <EditorForm form on_submit class="transfer-form" save_label=ts!(orders.submit_transfer)>
            <div class="columns is-multiline">
                <div class="column is-half"><TextField name="payer_name" label=ts!(orders.payer) value=payer errors required=true maxlength=100 /></div>
                <div class="column is-half"><TextField name="bank" label=ts!(orders.bank) value=bank errors required=true maxlength=100 /></div>
                <div class="column is-half"><TextField name="account" label=ts!(orders.account) value=account errors required=true maxlength=40 /></div>
                <div class="column is-half"><TextField name="amount" label=ts!(orders.amount) value=amount errors required=true maxlength=16 /></div>
                <div class="column is-half"><TextField name="transfer_date" label=ts!(orders.date) value=date errors required=true kind="date" maxlength=10 /></div>
                <div class="column is-half"><TextField name="reference" label=ts!(orders.reference) value=reference errors required=true maxlength=64 /></div>
                <div class="column is-full">
                    <div class="field">
                        <label class="label" for="f-receipt">{tr!(orders.receipt)}</label>
                        <input id="f-receipt" class="input" type="file" accept="image/png,image/jpeg" on:change=on_file />
                    </div>
                </div>
            </div>
        </EditorForm>
    }
}

/// 申请开票 for a paid order.
#[component]
pub fn InvoiceForm(order_id: i64, done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let form = FormState::new();
    let errors = form.errors;
    let title = RwSignal::new(session.company().map(|c| c.name).unwrap_or_default());
    let tax_number = RwSignal::new(String::new());
    let address_phone = RwSignal::new(String::new());
    let bank_account = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let on_submit = Callback::new(move |()| {
        let input = InvoiceInput {
            title: title.get_untracked().trim().to_owned(),
            tax_number: tax_number.get_untracked().trim().to_owned(),
            address_phone: address_phone.get_untracked().trim().to_owned(),
            bank_account: bank_account.get_untracked().trim().to_owned(),
            email: email.get_untracked().trim().to_owned(),
        };
        form.submit(
            input,
            move |api, input| async move { api.create_invoice(order_id, &input).await },
            move |_| {
                session.notify(NoticeKind::Success, t_string!(i18n, orders.inv_sent).to_string());
                done.run(());
            },
        );
    });
    view! {
        <EditorForm form on_submit class="invoice-form" save_label=ts!(orders.inv_submit)>
            <TextField name="title" label=ts!(orders.inv_title) value=title errors required=true maxlength=100 />
            <TextField name="tax_number" label=ts!(orders.inv_tax) value=tax_number errors required=true maxlength=20 />
            <TextField name="address_phone" label=ts!(orders.inv_address) value=address_phone errors maxlength=200 />
            <TextField name="bank_account" label=ts!(orders.inv_bank) value=bank_account errors maxlength=200 />
            <TextField name="email" label=ts!(orders.inv_email) value=email errors required=true kind="email" maxlength=254 />
        </EditorForm>
    }
}

/// 评价: 1–5 stars and a text for one line of a completed order.
#[component]
pub fn ReviewForm(order_id: i64, line_id: i64, done: Callback<Order>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let form = FormState::new();
    let errors = form.errors;
    let rating = RwSignal::new(5_i32);
    let body = RwSignal::new(String::new());
    let on_submit = Callback::new(move |()| {
        let input = ReviewInput {
            rating: rating.get_untracked(),
            body: body.get_untracked().trim().to_owned(),
        };
        form.submit(
            input,
            move |api, input| async move { api.create_line_review(order_id, line_id, &input).await },
            move |order| {
                session.notify(NoticeKind::Success, t_string!(i18n, orders.reviewed).to_string());
                done.run(order);
            },
        );
    });
    let stars = (1..=5)
        .map(|n| {
            view! {
                <button
                    type="button"
                    class="button is-small star"
                    class=("is-warning", move || rating.get() >= n)
                    aria-pressed=move || (rating.get() == n).to_string()
                    aria-label=move || t_string!(i18n, orders.stars, n).to_string()
                    on:click=move |_| rating.set(n)
                >
                    "★"
                </button>
            }
        })
        .collect_view();
    view! {
        <EditorForm form on_submit class="review-form" save_label=ts!(orders.review_submit)>
            <div class="field">
                <p class="label">{tr!(orders.rating)}</p>
                <div class="buttons are-small" role="group" aria-label=tr!(orders.rating)>{stars}</div>
            </div>
            <TextArea name="body" label=ts!(orders.review_body) value=body errors required=true max=500 counter=true rows=3 />
        </EditorForm>
    }
}

/// The operator's delivery of one line (交付内容).
#[component]
pub fn DeliverForm(order_id: i64, line_id: i64, done: Callback<Order>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let form = FormState::new();
    let errors = form.errors;
    let content = RwSignal::new(String::new());
    let on_submit = Callback::new(move |()| {
        let input = DeliverInput {
            content: content.get_untracked().trim().to_owned(),
        };
        form.submit(
            input,
            move |api, input| async move { api.deliver_line(order_id, line_id, &input).await },
            move |order| {
                session.notify(NoticeKind::Success, t_string!(i18n, desk.delivered).to_string());
                done.run(order);
            },
        );
    });
    view! {
        <EditorForm form on_submit class="deliver-form" save_label=ts!(desk.deliver)>
            <TextArea name="content" label=ts!(desk.deliver_content) value=content errors required=true max=2000 rows=2 scope=format!("line-{line_id}") />
        </EditorForm>
    }
}

/// A reason and a button (驳回, 取消订单): `send` gets the reason.
#[component]
pub fn ReasonForm<F, Fut>(
    /// The reason's label.
    #[prop(into)]
    label: Signal<String>,
    /// The button's text.
    #[prop(into)]
    action: Signal<String>,
    /// Sends the reason.
    send: F,
    /// Gets the answer.
    done: Callback<Order>,
    /// Tells the reason field apart where the page has several of these forms.
    #[prop(optional, into)]
    scope: Option<String>,
) -> impl IntoView
where
    F: Fn(rc_client::Client, ReasonInput) -> Fut + Copy + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<Order, rc_client::ClientError>> + 'static,
{
    let form = FormState::new();
    let errors = form.errors;
    let reason = RwSignal::new(String::new());
    let on_submit = Callback::new(move |()| {
        let input = ReasonInput {
            reason: reason.get_untracked().trim().to_owned(),
        };
        form.submit(input, send, move |order| done.run(order));
    });
    view! {
        <EditorForm form on_submit class="reason-form" save_label=action>
            <TextArea name="reason" label=label value=reason errors required=true max=300 rows=2 scope=scope.unwrap_or_default() />
        </EditorForm>
    }
}

/// 退款已付 (finance): the bank reference of the cash refund paid back to the partner — of the
/// cancelled order, or of refunded line `line_id`.
#[component]
pub fn RefundPaidForm(order_id: i64, line_id: Option<i64>, done: Callback<Order>) -> impl IntoView {
    let form = FormState::new();
    let errors = form.errors;
    let reference = RwSignal::new(String::new());
    let on_submit = Callback::new(move |()| {
        let input = RefundPaidInput {
            reference: reference.get_untracked().trim().to_owned(),
        };
        form.submit(
            input,
            move |api: rc_client::Client, input| async move {
                match line_id {
                    Some(line_id) => api.confirm_line_refund(order_id, line_id, &input).await,
                    None => api.confirm_refund(order_id, &input).await,
                }
            },
            move |order| done.run(order),
        );
    });
    view! {
        <EditorForm form on_submit class="refund-form" save_label=ts!(desk.refund_confirm)>
            <TextField name="reference" label=ts!(desk.refund_reference) value=reference errors required=true maxlength=64 />
        </EditorForm>
    }
}
