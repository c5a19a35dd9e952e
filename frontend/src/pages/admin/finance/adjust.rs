//! The finance desk's changes to one company: 发放 / 扣回 rebate, 调整授信 (授信总额 and 账期天数)
//! and 额度线下使用. Each form is built afresh when its dialog opens, with its own
//! `Idempotency-Key` for the money-moving ones.

use leptos::prelude::*;
use rc_types::assets::credit::{CreditAccount, CreditLineInput, OfflineSpendInput};
use rc_types::assets::rebate::{RebateAdjustmentInput, RebateDirection};

use super::ReasonField;
use crate::components::editor::EditorForm;
use crate::components::field::{SelectField, TextField};
use crate::forms::local_error;
use crate::i18n::{Locale, t_string, td_string, use_i18n};
use crate::pages::account::assets::errors::AssetForm;
use crate::pages::account::assets::{idempotency_key, money};
use crate::session::{NoticeKind, use_session};
use crate::tr;
use crate::ts;

/// 发放 or 扣回.
fn direction_label(locale: Locale, value: RebateDirection) -> &'static str {
    match value {
        RebateDirection::Grant => td_string!(locale, finance.grant),
        RebateDirection::ClawBack => td_string!(locale, finance.claw_back),
    }
}

/// The direction of the select's value.
fn parse_direction(value: &str) -> RebateDirection {
    if value == "claw_back" {
        RebateDirection::ClawBack
    } else {
        RebateDirection::Grant
    }
}

/// After a change: say 已保存 and hand over.
fn saved(done: Callback<()>) -> impl Fn() + Copy + 'static {
    let i18n = use_i18n();
    let session = use_session();
    move || {
        session.notify(NoticeKind::Success, t_string!(i18n, finance.saved).to_string());
        done.run(());
    }
}

/// 发放 / 扣回: direction, amount, reason.
#[component]
pub fn RebateAdjustForm(id: i64, close: Callback<()>, done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let asset = AssetForm::new(&["direction", "amount", "reason"]);
    let form = asset.state;
    let errors = form.errors;
    let key = idempotency_key();
    let direction = RwSignal::new("grant".to_owned());
    let amount = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let saved = saved(done);
    let on_submit = Callback::new(move |()| {
        let input = RebateAdjustmentInput {
            direction: parse_direction(&direction.get_untracked()),
            amount: amount.get_untracked().trim().to_owned(),
            reason: reason.get_untracked().trim().to_owned(),
        };
        let key = key.clone();
        let send = move |api: rc_client::Client, input: RebateAdjustmentInput| {
            let key = key.clone();
            async move { api.create_rebate_adjustment(id, &input, Some(&key)).await }
        };
        asset.submit(input, Vec::new(), send, move |_| saved());
    });
    let options = [
        ("grant", RebateDirection::Grant),
        ("claw_back", RebateDirection::ClawBack),
    ]
    .into_iter()
    .map(|(wire, value)| {
        (
            wire,
            Signal::derive(move || direction_label(i18n.get_locale(), value).to_owned()),
        )
    })
    .collect();
    view! {
        <EditorForm form on_submit on_cancel=close>
            <SelectField name="direction" label=ts!(finance.direction) value=direction errors options />
            <TextField name="amount" label=ts!(finance.amount) value=amount errors required=true maxlength=12 placeholder=ts!(assets.amount_placeholder) />
            <ReasonField value=reason errors />
            <p class="help">{tr!(finance.reason_hint)}</p>
        </EditorForm>
    }
}

/// 调整授信: 授信总额 (0 closes the line), 账期天数, reason.
#[component]
pub fn CreditLineForm(
    id: i64,
    account: CreditAccount,
    close: Callback<()>,
    done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let asset = AssetForm::new(&["limit", "term_days", "reason"]);
    let form = asset.state;
    let errors = form.errors;
    let limit = RwSignal::new(account.limit.amount.to_string());
    let term = RwSignal::new(if account.term_days == 0 {
        "30".to_owned()
    } else {
        account.term_days.to_string()
    });
    let reason = RwSignal::new(String::new());
    let (now_limit, now_owed) = (money(&account.limit), money(&account.outstanding));
    let saved = saved(done);
    let on_submit = Callback::new(move |()| {
        let days = term.get_untracked().trim().parse::<u32>().ok();
        let extra = if days.is_some() {
            Vec::new()
        } else {
            vec![local_error("term_days", "number")]
        };
        let input = CreditLineInput {
            limit: limit.get_untracked().trim().to_owned(),
            term_days: days.unwrap_or(1),
            reason: reason.get_untracked().trim().to_owned(),
        };
        asset.submit(
            input,
            extra,
            move |api, input: CreditLineInput| async move { api.update_credit_line(id, &input).await },
            move |_| saved(),
        );
    });
    view! {
        <EditorForm form on_submit on_cancel=close>
            <p class="help mb-3">
                {move || t_string!(i18n, finance.line_now, limit = now_limit.clone(), outstanding = now_owed.clone()).to_string()}
            </p>
            <TextField name="limit" label=ts!(assets.limit) value=limit errors required=true maxlength=12 hint=ts!(finance.limit_hint) />
            <TextField name="term_days" label=ts!(assets.term_days) value=term errors required=true maxlength=3 hint=ts!(finance.term_hint) />
            <ReasonField value=reason errors />
        </EditorForm>
    }
}

/// 额度线下使用: amount and what was consumed.
#[component]
pub fn OfflineSpendForm(id: i64, close: Callback<()>, done: Callback<()>) -> impl IntoView {
    let asset = AssetForm::new(&["amount", "reason"]);
    let form = asset.state;
    let errors = form.errors;
    let key = idempotency_key();
    let amount = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let saved = saved(done);
    let on_submit = Callback::new(move |()| {
        let input = OfflineSpendInput {
            amount: amount.get_untracked().trim().to_owned(),
            reason: reason.get_untracked().trim().to_owned(),
        };
        let key = key.clone();
        let send = move |api: rc_client::Client, input: OfflineSpendInput| {
            let key = key.clone();
            async move { api.create_credit_spend(id, &input, Some(&key)).await }
        };
        asset.submit(input, Vec::new(), send, move |_| saved());
    });
    view! {
        <EditorForm form on_submit on_cancel=close>
            <TextField name="amount" label=ts!(finance.amount) value=amount errors required=true maxlength=12 placeholder=ts!(assets.amount_placeholder) />
            <ReasonField value=reason errors />
            <p class="help">{tr!(finance.spend_hint)}</p>
        </EditorForm>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directions_round_trip() {
        assert_eq!(parse_direction("claw_back"), RebateDirection::ClawBack);
        assert_eq!(parse_direction("grant"), RebateDirection::Grant);
        assert_eq!(direction_label(Locale::zh, RebateDirection::ClawBack), "扣回");
    }
}
