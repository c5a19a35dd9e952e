//! 可抵扣优惠金额 (§10.1, `/account/assets/rebate`): 余额 with 查看奖励规则, and the period's
//! 账户收支明细 / 历史充值明细.

use leptos::prelude::*;
use rc_client::Client;
use rc_types::assets::PeriodQuery;
use rc_types::assets::rebate::RebateAccount;

use super::entries::{Balance, EntryTable};
use super::period::{PeriodChoice, PeriodFilter};
use super::{Figure, NEED, money, positive};
use crate::api::LoadError;
use crate::components::error_view::ErrorView;
use crate::components::modal::Modal;
use crate::components::skeleton::LinesSkeleton;
use crate::components::tabs::Tabs;
use crate::pages::account::layout::{Guard, PageHead};
use crate::session::use_session;
use crate::tr;
use crate::ts;

/// The paragraphs of the rules text: split on blank lines, `**bold**` marks dropped (shown as
/// text, never as HTML).
pub fn rule_paragraphs(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(|p| p.trim().replace("**", ""))
        .filter(|p| !p.is_empty())
        .collect()
}

/// The rebate page.
#[component]
pub fn RebatePage() -> impl IntoView {
    view! {
        <Guard need=NEED>
            <RebateView />
        </Guard>
    }
}

/// The page's content, for a user the guard let in (its requests start only then).
#[component]
fn RebateView() -> impl IntoView {
    let session = use_session();
    let account = LocalResource::new(move || async move {
        session
            .call(|api| async move { api.get_rebate_account().await })
            .await
            .map_err(LoadError::from)
    });
    let rules_open = RwSignal::new(false);
    view! {
                    <PageHead title=ts!(assets.rebate_title)>
                <button type="button" class="button is-link is-outlined" on:click=move |_| rules_open.set(true)>
                    {tr!(assets.view_rules)}
                </button>
            </PageHead>
            <Transition fallback=|| view! { <LinesSkeleton lines=2 /> }>
                {move || Suspend::new(async move {
                    match account.await {
                        Ok(account) => view! { <RebateFigures account=account.clone() /> <RulesDialog open=rules_open rules=account.rules /> }.into_any(),
                        Err(error) => view! { <ErrorView error on_retry=Callback::new(move |()| account.refetch()) /> }.into_any(),
                    }
                })}
            </Transition>
            <RebateLedger />


    }
}

/// 余额, and 冻结 / 可用 while orders hold part of it.
#[component]
fn RebateFigures(account: RebateAccount) -> impl IntoView {
    let held = positive(&account.held).then(|| {
        view! {
            <Figure label=ts!(assets.held) value=money(&account.held) />
            <Figure label=ts!(assets.available) value=money(&account.available) />
        }
    });
    view! {
        <section class="box">
            <div class="level">
                <Figure label=ts!(assets.balance) value=money(&account.balance) />
                {held}
            </div>
        </section>
    }
}

/// 奖励规则 with 确定.
#[component]
fn RulesDialog(open: RwSignal<bool>, rules: String) -> impl IntoView {
    let paragraphs = rule_paragraphs(&rules);
    view! {
        <Modal open title_id="rules-title" title=ts!(assets.rules_title)>
            <div class="content">
                {paragraphs.iter().map(|p| view! { <p>{p.clone()}</p> }).collect_view()}
            </div>
            <div class="buttons is-right">
                <button type="button" class="button is-link" on:click=move |_| open.set(false)>{tr!(assets.ok)}</button>
            </div>
        </Modal>
    }
}

/// The period filter and the two ledger tabs.
#[component]
fn RebateLedger() -> impl IntoView {
    let period = RwSignal::new(PeriodChoice::default());
    let tab = RwSignal::new(0_usize);
    view! {
        <section class="box list-box">
            <PeriodFilter value=period />
            <Tabs
                label=ts!(assets.ledger_tabs)
                tabs=vec![ts!(assets.entries_tab), ts!(assets.recharges_tab)]
                selected=tab
                on_select=Callback::new(move |index| tab.set(index))
                panel="rebate-panel"
            >
                {move || {
                    let period = period.get();
                    if tab.get() == 0 {
                        view! {
                            <EntryTable
                                load=|api: Client, query: PeriodQuery| async move { api.list_rebate_entries(&query).await }
                                period
                                balance=Balance::Balance
                                label=ts!(assets.entries_tab)
                            />
                        }
                            .into_any()
                    } else {
                        view! {
                            <EntryTable
                                load=|api: Client, query: PeriodQuery| async move { api.list_rebate_recharges(&query).await }
                                period
                                balance=Balance::Balance
                                label=ts!(assets.recharges_tab)
                            />
                        }
                            .into_any()
                    }
                }}
            </Tabs>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_become_plain_paragraphs() {
        let text = "**奖励规则**\r\n\r\n每笔订单返 1%。\n\n\n<b>x</b>\n";
        assert_eq!(
            rule_paragraphs(text),
            vec!["奖励规则", "每笔订单返 1%。", "<b>x</b>"]
        );
        assert!(rule_paragraphs("  \n\n ").is_empty());
    }
}
