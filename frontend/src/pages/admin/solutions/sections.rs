//! The repeated parts of the solution editor: plans, features, success cases and resources, each
//! a list of rows that can be added and removed.

use leptos::prelude::*;
use leptos_i18n::I18nContext;
use rc_types::catalog::PlanKind;

use super::editor::{CaseRow, Editor, PlanRow, ResourceRow, TextRow, next_key};
use crate::i18n::{Locale, plan_kind_label, t_string, use_i18n};
use crate::tr;

/// 购买计划: a table row per plan (name, SKU, price, tax rate, region, kind).
#[component]
pub(super) fn PlansSection(editor: Editor) -> impl IntoView {
    let i18n = use_i18n();
    view! {
    <section class="box" aria-labelledby="plans-heading">
        <div class="editor-head">
            <h2 id="plans-heading" class="title is-5">{tr!(admin_solutions.plans)}</h2>
            <button type="button" class="button is-small" on:click=move |_| editor.plans.update(|rows| rows.push(PlanRow::new(None)))>
                {tr!(admin_solutions.add_plan)}
            </button>
        </div>
        <div class="table-container">
            <table class="table is-fullwidth plan-table" aria-labelledby="plans-heading">
                <thead>
                    <tr>
                        <th>{tr!(admin_solutions.plan_name)}</th>
                        <th>{tr!(admin_solutions.sku)}</th>
                        <th>{tr!(admin_solutions.unit_price)}</th>
                        <th>{tr!(admin_solutions.tax_rate)}</th>
                        <th>{tr!(admin_solutions.region)}</th>
                        <th>{tr!(admin_solutions.kind)}</th>
                        <th><span class="is-sr-only">{tr!(admin_solutions.actions)}</span></th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || indexed(editor.plans) key=|(_, row)| row.key let:item>
                        {
                            let (index, row) = item;
                            let cell = move |signal: RwSignal<String>, label: &'static str, width: &'static str| view! {
                                <td>
                                    <input
                                        class=format!("input is-small {width}")
                                        type="text"
                                        aria-label=move || format!("{} {}", label_of(i18n, label), index + 1)
                                        bind:value=signal
                                    />
                                </td>
                            };
                            view! {
                                <tr>
                                    {cell(row.name, "plan_name", "")}
                                    {cell(row.sku, "sku", "")}
                                    {cell(row.price, "unit_price", "is-narrow-input")}
                                    {cell(row.tax, "tax_rate", "is-narrow-input")}
                                    {cell(row.region, "region", "")}
                                    <td>
                                        <div class="select is-small">
                                            <select
                                                aria-label=move || format!("{} {}", label_of(i18n, "kind"), index + 1)
                                                on:change=move |ev| row.kind.set(event_target_value(&ev))
                                            >
                                                {[PlanKind::Product, PlanKind::Service]
                                                    .into_iter()
                                                    .map(|k| view! {
                                                        <option value=k.as_str() selected=move || row.kind.with(|v| v == k.as_str())>
                                                            {move || plan_kind_label(i18n, k)}
                                                        </option>
                                                    })
                                                    .collect_view()}
                                            </select>
                                        </div>
                                    </td>
                                    <td>
                                        <button
                                            type="button"
                                            class="delete"
                                            aria-label=move || t_string!(i18n, admin_solutions.remove_plan, n = index + 1).to_string()
                                            on:click=move |_| editor.plans.update(|rows| rows.retain(|r| r.key != row.key))
                                        ></button>
                                    </td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
        </div>
        {move || editor.plans.with(Vec::is_empty).then(|| view! { <p class="help">{tr!(admin_solutions.no_plans)}</p> })}
    </section>
    }
}

/// 产品特点: one line per feature.
#[component]
pub(super) fn FeaturesSection(editor: Editor) -> impl IntoView {
    let i18n = use_i18n();
    view! {
    <section class="box" aria-labelledby="features-heading">
        <div class="editor-head">
            <h2 id="features-heading" class="title is-5">{tr!(admin_solutions.features)}</h2>
            <button
                type="button"
                class="button is-small"
                on:click=move |_| editor.features.update(|rows| rows.push(TextRow { key: next_key(), text: RwSignal::new(String::new()) }))
            >
                {tr!(admin_solutions.add_feature)}
            </button>
        </div>
        <For each=move || indexed(editor.features) key=|(_, row)| row.key let:item>
            {
                let (index, row) = item;
                view! {
                    <div class="field has-addons repeat-row">
                        <div class="control is-expanded">
                            <input
                                class="input"
                                type="text"
                                maxlength="200"
                                aria-label=move || t_string!(i18n, admin_solutions.feature_n, n = index + 1).to_string()
                                bind:value=row.text
                            />
                        </div>
                        <div class="control">
                            <button
                                type="button"
                                class="button"
                                aria-label=move || t_string!(i18n, admin_solutions.remove_feature, n = index + 1).to_string()
                                on:click=move |_| editor.features.update(|rows| rows.retain(|r| r.key != row.key))
                            >
                                "×"
                            </button>
                        </div>
                    </div>
                }
            }
        </For>
    </section>
    }
}

/// 成功案例: customer, about, challenges, solution, results.
#[component]
pub(super) fn CasesSection(editor: Editor) -> impl IntoView {
    let i18n = use_i18n();
    view! {
    <section class="box" aria-labelledby="cases-heading">
        <div class="editor-head">
            <h2 id="cases-heading" class="title is-5">{tr!(admin_solutions.cases)}</h2>
            <button
                type="button"
                class="button is-small"
                on:click=move |_| editor.cases.update(|rows| rows.push(CaseRow {
                    key: next_key(),
                    customer: RwSignal::new(String::new()),
                    about: RwSignal::new(String::new()),
                    challenges: RwSignal::new(String::new()),
                    solution: RwSignal::new(String::new()),
                    results: RwSignal::new(String::new()),
                }))
            >
                {tr!(admin_solutions.add_case)}
            </button>
        </div>
        <For each=move || indexed(editor.cases) key=|(_, row)| row.key let:item>
            {
                let (index, row) = item;
                let area = move |signal: RwSignal<String>, key: &'static str| view! {
                    <div class="field">
                        <label class="label is-small">
                            {move || label_of(i18n, key)}
                            <textarea class="textarea is-small" rows="2" bind:value=signal></textarea>
                        </label>
                    </div>
                };
                view! {
                    <fieldset class="repeat-block">
                        <legend class="repeat-legend">
                            {move || t_string!(i18n, admin_solutions.case_n, n = index + 1).to_string()}
                            <button
                                type="button"
                                class="button is-small is-text"
                                on:click=move |_| editor.cases.update(|rows| rows.retain(|r| r.key != row.key))
                            >
                                {tr!(admin_solutions.remove)}
                            </button>
                        </legend>
                        <div class="field">
                            <label class="label is-small">
                                {tr!(admin_solutions.customer)}
                                <input class="input is-small" type="text" maxlength="100" bind:value=row.customer />
                            </label>
                        </div>
                        {area(row.about, "case_about")}
                        {area(row.challenges, "case_challenges")}
                        {area(row.solution, "case_solution")}
                        {area(row.results, "case_results")}
                    </fieldset>
                }
            }
        </For>
    </section>
    }
}

/// 资源: title, text and link.
#[component]
pub(super) fn ResourcesSection(editor: Editor) -> impl IntoView {
    let i18n = use_i18n();
    view! {
    <section class="box" aria-labelledby="resources-heading">
        <div class="editor-head">
            <h2 id="resources-heading" class="title is-5">{tr!(admin_solutions.resources)}</h2>
            <button
                type="button"
                class="button is-small"
                on:click=move |_| editor.resources.update(|rows| rows.push(ResourceRow {
                    key: next_key(),
                    title: RwSignal::new(String::new()),
                    body: RwSignal::new(String::new()),
                    url: RwSignal::new(String::new()),
                }))
            >
                {tr!(admin_solutions.add_resource)}
            </button>
        </div>
        <For each=move || indexed(editor.resources) key=|(_, row)| row.key let:item>
            {
                let (index, row) = item;
                view! {
                    <fieldset class="repeat-block">
                        <legend class="repeat-legend">
                            {move || t_string!(i18n, admin_solutions.resource_n, n = index + 1).to_string()}
                            <button
                                type="button"
                                class="button is-small is-text"
                                on:click=move |_| editor.resources.update(|rows| rows.retain(|r| r.key != row.key))
                            >
                                {tr!(admin_solutions.remove)}
                            </button>
                        </legend>
                        <div class="field">
                            <label class="label is-small">
                                {tr!(admin_solutions.resource_title)}
                                <input class="input is-small" type="text" maxlength="200" bind:value=row.title />
                            </label>
                        </div>
                        <div class="field">
                            <label class="label is-small">
                                {tr!(admin_solutions.resource_body)}
                                <textarea class="textarea is-small" rows="2" bind:value=row.body></textarea>
                            </label>
                        </div>
                        <div class="field">
                            <label class="label is-small">
                                {tr!(admin_solutions.resource_url)}
                                <input class="input is-small" type="url" maxlength="500" placeholder="https://" bind:value=row.url />
                            </label>
                        </div>
                    </fieldset>
                }
            }
        </For>
    </section>
    }
}

/// The rows with their positions, for `<For>`.
fn indexed<T: Clone + Send + Sync + 'static>(rows: RwSignal<Vec<T>>) -> Vec<(usize, T)> {
    rows.get().into_iter().enumerate().collect()
}

/// Column and field labels of the editor by name (for labels built in loops).
fn label_of(i18n: I18nContext<Locale>, key: &str) -> &'static str {
    match key {
        "plan_name" => t_string!(i18n, admin_solutions.plan_name),
        "sku" => t_string!(i18n, admin_solutions.sku),
        "unit_price" => t_string!(i18n, admin_solutions.unit_price),
        "tax_rate" => t_string!(i18n, admin_solutions.tax_rate),
        "region" => t_string!(i18n, admin_solutions.region),
        "kind" => t_string!(i18n, admin_solutions.kind),
        "case_about" => t_string!(i18n, detail.case_about),
        "case_challenges" => t_string!(i18n, detail.case_challenges),
        "case_solution" => t_string!(i18n, detail.case_solution),
        _ => t_string!(i18n, detail.case_results),
    }
}
