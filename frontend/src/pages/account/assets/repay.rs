//! 线下还款: the bank transfer a company made for a bill (银行账号, 还款金额, 还款日期), which
//! finance then confirms. One `Idempotency-Key` per opening of the dialog.

use leptos::prelude::*;
use rc_types::assets::credit::{Bill, RepaymentInput, RepaymentMethod};

use super::errors::AssetForm;
use super::period::parse_day;
use super::{idempotency_key, money};
use crate::components::editor::EditorForm;
use crate::components::field::TextField;
use crate::forms::local_error;
use crate::i18n::{t_string, use_i18n};
use crate::session::{NoticeKind, use_session};
use crate::tr;
use crate::ts;

/// The form of one bill; `done` runs once the repayment is submitted.
#[component]
pub fn RepayForm(
    /// The bill repaid.
    bill: Bill,
    /// Closes the dialog.
    close: Callback<()>,
    /// After submitting.
    done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let asset = AssetForm::new(&["payer_account", "amount", "paid_on"]);
    let form = asset.state;
    let errors = form.errors;
    let key = idempotency_key();
    let account = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let paid_on = RwSignal::new(String::new());
    let bill_id = bill.id;
    let on_submit = Callback::new(move |()| {
        let day = parse_day(&paid_on.get_untracked());
        let extra = if day.is_some() {
            Vec::new()
        } else {
            vec![local_error("paid_on", "required")]
        };
        let input = RepaymentInput {
            bill_id,
            method: RepaymentMethod::Offline,
            amount: amount.get_untracked().trim().to_owned(),
            payer_account: account.get_untracked().trim().to_owned(),
            paid_on: day.unwrap_or_default(),
        };
        let key = key.clone();
        asset.submit(
            input,
            extra,
            move |api, input| {
                let key = key.clone();
                async move { api.create_credit_repayment(&input, Some(&key)).await }
            },
            move |_| {
                session.notify(
                    NoticeKind::Success,
                    t_string!(i18n, assets.repay_submitted).to_string(),
                );
                done.run(());
            },
        );
    });
    let facts = [
        (ts!(assets.bill_no), bill.bill_no.clone()),
        (ts!(assets.bill_amount), money(&bill.amount)),
        (ts!(assets.repaid), money(&bill.repaid)),
        (ts!(assets.pending), money(&bill.pending)),
    ];
    view! {
        <EditorForm form on_submit on_cancel=close save_label=ts!(assets.repay_submit)>
            <dl class="application-facts mb-4">
                {facts
                    .into_iter()
                    .map(|(label, value)| view! { <div><dt>{move || label.get()}</dt><dd>{value}</dd></div> })
                    .collect_view()}
            </dl>
            <p class="help mb-3">{tr!(assets.repay_hint)}</p>
            <TextField name="payer_account" label=ts!(assets.bank_account) value=account errors required=true maxlength=40 />
            <TextField name="amount" label=ts!(assets.repay_amount) value=amount errors required=true maxlength=12 placeholder=ts!(assets.amount_placeholder) />
            <TextField name="paid_on" label=ts!(assets.paid_on) value=paid_on errors required=true kind="date" />
        </EditorForm>
    }
}
