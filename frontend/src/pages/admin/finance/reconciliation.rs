//! 对账 (`/admin/finance/reconciliation`): per China day and gateway, the attempts started and
//! paid, expected against notified amounts and refunds, mismatches flagged; below, the period's
//! flagged payments-ledger entries with their raw messages.

use leptos::prelude::*;
use rc_types::payments::{Reconciliation, ReconciliationQuery};

use super::NEED;
use crate::api::LoadError;
use crate::components::error_view::ErrorView;
use crate::components::skeleton::LinesSkeleton;
use crate::pages::account::layout::{Guard, PageHead};
use crate::pages::admin::payments::{EventTable, gateway_label};
use crate::session::use_session;
use crate::tr;
use crate::ts;

/// The reconciliation page.
#[component]
pub fn ReconciliationPage() -> impl IntoView {
    view! {
        <Guard need=NEED>
            <ReconciliationView />
        </Guard>
    }
}

#[component]
fn ReconciliationView() -> impl IntoView {
    let session = use_session();
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let asked = RwSignal::new(ReconciliationQuery::default());
    let report = LocalResource::new(move || {
        let query = asked.get();
        async move {
            session
                .call(|api| {
                    let query = query.clone();
                    async move { api.get_reconciliation(&query).await }
                })
                .await
                .map_err(LoadError::from)
        }
    });
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        asked.set(ReconciliationQuery {
            from: from.get_untracked().parse().ok(),
            to: to.get_untracked().parse().ok(),
        });
    };
    view! {
        <PageHead title=ts!(finance.reconciliation_title) />
        <form class="box reconciliation-filter" on:submit=apply>
            <div class="field is-grouped">
                <div class="control">
                    <label class="label" for="f-from">{tr!(finance.reconciliation_from)}</label>
                    <input id="f-from" class="input" type="date" prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev)) />
                </div>
                <div class="control">
                    <label class="label" for="f-to">{tr!(finance.reconciliation_to)}</label>
                    <input id="f-to" class="input" type="date" prop:value=move || to.get() on:input=move |ev| to.set(event_target_value(&ev)) />
                </div>
                <div class="control is-align-self-flex-end">
                    <button type="submit" class="button is-link">{tr!(finance.reconciliation_apply)}</button>
                </div>
            </div>
        </form>
        <Transition fallback=|| view! { <LinesSkeleton lines=6 /> }>
            {move || Suspend::new(async move {
                match report.await {
                    Ok(report) => view! { <Report report /> }.into_any(),
                    Err(error) => view! { <ErrorView error on_retry=Callback::new(move |()| report.refetch()) /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Report(report: Reconciliation) -> impl IntoView {
    let rows = report
        .rows
        .iter()
        .map(|row| {
            let gateway = row.gateway;
            view! {
                <tr class:has-background-danger-light=row.mismatch>
                    <td class="nowrap">{row.day.to_string()}</td>
                    <td>{move || gateway_label(gateway)}</td>
                    <td class="has-text-right">{row.attempts}</td>
                    <td class="has-text-right">{row.paid}</td>
                    <td class="has-text-right">{row.expected.display_short()}</td>
                    <td class="has-text-right">{row.notified.display_short()}</td>
                    <td class="has-text-right">{row.refunded.display_short()}</td>
                    <td class="has-text-right">{row.flagged}</td>
                    <td>{if row.mismatch {
                        view! { <span class="tag is-danger">{tr!(finance.reconciliation_mismatch)}</span> }.into_any()
                    } else {
                        view! { <span class="tag is-success is-light">{tr!(finance.reconciliation_ok)}</span> }.into_any()
                    }}</td>
                </tr>
            }
        })
        .collect_view();
    let empty = report.rows.is_empty();
    view! {
        <section class="box list-box" aria-labelledby="reconciliation-rows">
            <h2 id="reconciliation-rows" class="title is-6">
                {tr!(finance.reconciliation_rows)}" "{report.from.to_string()}" ~ "{report.to.to_string()}
            </h2>
            <div class="table-container">
                <table class="table is-fullwidth reconciliation-table">
                    <thead>
                        <tr>
                            <th scope="col">{tr!(finance.reconciliation_day)}</th>
                            <th scope="col">{tr!(finance.reconciliation_gateway)}</th>
                            <th scope="col" class="has-text-right">{tr!(finance.reconciliation_attempts)}</th>
                            <th scope="col" class="has-text-right">{tr!(finance.reconciliation_paid)}</th>
                            <th scope="col" class="has-text-right">{tr!(finance.reconciliation_expected)}</th>
                            <th scope="col" class="has-text-right">{tr!(finance.reconciliation_notified)}</th>
                            <th scope="col" class="has-text-right">{tr!(finance.reconciliation_refunded)}</th>
                            <th scope="col" class="has-text-right">{tr!(finance.reconciliation_flagged)}</th>
                            <th scope="col">{tr!(finance.reconciliation_check)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {empty.then(|| view! { <p class="help">{tr!(finance.reconciliation_empty)}</p> })}
        </section>
        <section class="box list-box" aria-labelledby="reconciliation-flagged">
            <h2 id="reconciliation-flagged" class="title is-6">{tr!(finance.reconciliation_flagged_title)}</h2>
            <EventTable events=report.flagged />
        </section>
    }
}
