//! The solution editor (`/admin/solutions/new`, `/admin/solutions/:id`): every field of
//! `SolutionInput` in signals, read back into the input on save; errors of nested fields
//! (`plans[0].unit_price`) are listed at the top in the editor's own words.

use std::str::FromStr;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_i18n::I18nContext;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use rc_types::FieldError;
use rc_types::catalog::{
    AdminSolution, Category, PlanInput, PlanKind, PublishState, Resource, SolutionInput, SuccessCase,
    SupportInfo,
};
use rust_decimal::Decimal;

use super::sections::{CasesSection, FeaturesSection, PlansSection, ResourcesSection};
use super::{BASE, NEED, StateTag};
use crate::api::LoadError;
use crate::components::error_view::ErrorView;
use crate::components::field::{SelectField, TextArea, TextField};
use crate::components::media::MediaPicker;
use crate::components::skeleton::LinesSkeleton;
use crate::forms::{Errors, api_fields, check_nested, failure_text, field_text, local_error};
use crate::i18n::{Locale, category_label, t_string, use_i18n};
use crate::pages::account::layout::{Guard, PageHead};
use crate::session::{NoticeKind, use_session};
use crate::tr;
use crate::ts;

thread_local! {
    static NEXT_KEY: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
}

/// A fresh key for a repeated row (keeps inputs in place while rows are added and removed).
pub(super) fn next_key() -> u64 {
    NEXT_KEY.with(|k| {
        let key = k.get();
        k.set(key + 1);
        key
    })
}

/// A plan row of the editor.
#[derive(Debug, Clone, Copy)]
pub(super) struct PlanRow {
    pub(super) key: u64,
    pub(super) id: Option<i64>,
    pub(super) name: RwSignal<String>,
    pub(super) sku: RwSignal<String>,
    pub(super) price: RwSignal<String>,
    pub(super) tax: RwSignal<String>,
    pub(super) region: RwSignal<String>,
    pub(super) kind: RwSignal<String>,
}

impl PlanRow {
    pub(super) fn new(plan: Option<&PlanInput>) -> Self {
        PlanRow {
            key: next_key(),
            id: plan.and_then(|p| p.id),
            name: RwSignal::new(plan.map(|p| p.name.clone()).unwrap_or_default()),
            sku: RwSignal::new(plan.map(|p| p.sku_code.clone()).unwrap_or_default()),
            price: RwSignal::new(
                plan.map(|p| p.unit_price.normalize().to_string())
                    .unwrap_or_default(),
            ),
            tax: RwSignal::new(plan.map_or_else(|| "6".to_owned(), |p| p.tax_rate.normalize().to_string())),
            region: RwSignal::new(plan.map_or_else(|| "中国大陆".to_owned(), |p| p.region.clone())),
            kind: RwSignal::new(plan.map_or(PlanKind::Product, |p| p.kind).as_str().to_owned()),
        }
    }
}

/// A feature row.
#[derive(Debug, Clone, Copy)]
pub(super) struct TextRow {
    pub(super) key: u64,
    pub(super) text: RwSignal<String>,
}

/// A success case row.
#[derive(Debug, Clone, Copy)]
pub(super) struct CaseRow {
    pub(super) key: u64,
    pub(super) customer: RwSignal<String>,
    pub(super) about: RwSignal<String>,
    pub(super) challenges: RwSignal<String>,
    pub(super) solution: RwSignal<String>,
    pub(super) results: RwSignal<String>,
}

/// A resource row.
#[derive(Debug, Clone, Copy)]
pub(super) struct ResourceRow {
    pub(super) key: u64,
    pub(super) title: RwSignal<String>,
    pub(super) body: RwSignal<String>,
    pub(super) url: RwSignal<String>,
}

/// Everything the editor holds.
#[derive(Debug, Clone, Copy)]
pub(super) struct Editor {
    pub(super) name: RwSignal<String>,
    pub(super) vendor: RwSignal<String>,
    pub(super) summary: RwSignal<String>,
    pub(super) description: RwSignal<String>,
    pub(super) category: RwSignal<String>,
    pub(super) region: RwSignal<String>,
    pub(super) logo: RwSignal<Option<i64>>,
    pub(super) logo_url: RwSignal<Option<String>>,
    pub(super) features: RwSignal<Vec<TextRow>>,
    pub(super) plans: RwSignal<Vec<PlanRow>>,
    pub(super) cases: RwSignal<Vec<CaseRow>>,
    pub(super) resources: RwSignal<Vec<ResourceRow>>,
    pub(super) hotline: RwSignal<String>,
    pub(super) support_email: RwSignal<String>,
    pub(super) support_note: RwSignal<String>,
    pub(super) agreement: RwSignal<String>,
}

impl Editor {
    fn new(existing: Option<&AdminSolution>) -> Self {
        let input = existing.map(|s| &s.input);
        let text = |f: fn(&SolutionInput) -> String| RwSignal::new(input.map(f).unwrap_or_default());
        Editor {
            name: text(|i| i.name.clone()),
            vendor: text(|i| i.vendor.clone()),
            summary: text(|i| i.summary.clone()),
            description: text(|i| i.description.clone()),
            category: RwSignal::new(input.map_or(Category::Other, |i| i.category).as_str().to_owned()),
            region: RwSignal::new(input.map_or_else(|| "中国大陆".to_owned(), |i| i.region.clone())),
            logo: RwSignal::new(input.and_then(|i| i.logo_media_id)),
            logo_url: RwSignal::new(existing.and_then(|s| s.logo_url.clone())),
            features: RwSignal::new(
                input
                    .map(|i| {
                        i.features
                            .iter()
                            .map(|f| TextRow {
                                key: next_key(),
                                text: RwSignal::new(f.clone()),
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            ),
            plans: RwSignal::new(match input {
                Some(i) if !i.plans.is_empty() => i.plans.iter().map(|p| PlanRow::new(Some(p))).collect(),
                _ => vec![PlanRow::new(None)],
            }),
            cases: RwSignal::new(
                input
                    .map(|i| {
                        i.cases
                            .iter()
                            .map(|c| CaseRow {
                                key: next_key(),
                                customer: RwSignal::new(c.customer.clone()),
                                about: RwSignal::new(c.about.clone()),
                                challenges: RwSignal::new(c.challenges.clone()),
                                solution: RwSignal::new(c.solution.clone()),
                                results: RwSignal::new(c.results.clone()),
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            ),
            resources: RwSignal::new(
                input
                    .map(|i| {
                        i.resources
                            .iter()
                            .map(|r| ResourceRow {
                                key: next_key(),
                                title: RwSignal::new(r.title.clone()),
                                body: RwSignal::new(r.body.clone()),
                                url: RwSignal::new(r.url.clone().unwrap_or_default()),
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            ),
            hotline: text(|i| i.support.hotline.clone()),
            support_email: text(|i| i.support.email.clone()),
            support_note: text(|i| i.support.note.clone()),
            agreement: text(|i| i.agreement.clone()),
        }
    }

    /// The input to send, or the fields that could not be read (prices, tax rates).
    fn input(self) -> Result<SolutionInput, Vec<FieldError>> {
        let trim = |s: RwSignal<String>| s.get_untracked().trim().to_owned();
        let mut problems = Vec::new();
        let plans = self
            .plans
            .get_untracked()
            .into_iter()
            .enumerate()
            .map(|(index, row)| {
                let mut number = |signal: RwSignal<String>, field: &str| {
                    Decimal::from_str(signal.get_untracked().trim()).unwrap_or_else(|_| {
                        problems.push(local_error(&format!("plans[{index}].{field}"), "number"));
                        Decimal::ZERO
                    })
                };
                let unit_price = number(row.price, "unit_price");
                let tax_rate = number(row.tax, "tax_rate");
                PlanInput {
                    id: row.id,
                    name: trim(row.name),
                    sku_code: trim(row.sku),
                    unit_price,
                    tax_rate,
                    region: trim(row.region),
                    kind: PlanKind::parse(&row.kind.get_untracked()).unwrap_or(PlanKind::Product),
                }
            })
            .collect();
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(SolutionInput {
            name: trim(self.name),
            vendor: trim(self.vendor),
            summary: trim(self.summary),
            description: self.description.get_untracked().trim().to_owned(),
            features: self
                .features
                .get_untracked()
                .into_iter()
                .map(|row| trim(row.text))
                .filter(|f| !f.is_empty())
                .collect(),
            category: Category::parse(&self.category.get_untracked()).unwrap_or(Category::Other),
            region: trim(self.region),
            logo_media_id: self.logo.get_untracked(),
            plans,
            cases: self
                .cases
                .get_untracked()
                .into_iter()
                .map(|row| SuccessCase {
                    customer: trim(row.customer),
                    about: trim(row.about),
                    challenges: trim(row.challenges),
                    solution: trim(row.solution),
                    results: trim(row.results),
                })
                .collect(),
            resources: self
                .resources
                .get_untracked()
                .into_iter()
                .map(|row| Resource {
                    title: trim(row.title),
                    body: trim(row.body),
                    url: Some(trim(row.url)).filter(|u| !u.is_empty()),
                })
                .collect(),
            support: SupportInfo {
                hotline: trim(self.hotline),
                email: trim(self.support_email),
                note: trim(self.support_note),
            },
            agreement: self.agreement.get_untracked(),
        })
    }
}

/// `/admin/solutions/new` and `/admin/solutions/:id`.
#[component]
pub fn SolutionEditorPage() -> impl IntoView {
    let session = use_session();
    let id = crate::pages::id_param();
    let loaded = LocalResource::new(move || {
        let id = id.get();
        async move {
            match id {
                None => Ok(None),
                Some(id) => session
                    .call(|api| async move { api.get_admin_solution(id).await })
                    .await
                    .map(Some)
                    .map_err(LoadError::from),
            }
        }
    });
    let retry = Callback::new(move |()| loaded.refetch());
    view! {
        <Guard need=NEED>
            <Suspense fallback=|| view! { <LinesSkeleton lines=10 /> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(existing) => view! { <SolutionForm existing /> }.into_any(),
                        Err(error) => view! { <ErrorView error on_retry=retry /> }.into_any(),
                    }
                })}
            </Suspense>
        </Guard>
    }
}

#[allow(clippy::too_many_lines, reason = "one form reads best in one piece")]
#[component]
fn SolutionForm(existing: Option<AdminSolution>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let editor = Editor::new(existing.as_ref());
    let id = RwSignal::new(existing.as_ref().map(|s| s.id));
    let state = RwSignal::new(existing.as_ref().map_or(PublishState::Draft, |s| s.state));
    let errors: Errors = RwSignal::new(Vec::new());
    let busy = RwSignal::new(false);
    let title = Signal::derive(move || {
        if id.get().is_some() {
            t_string!(i18n, admin_solutions.edit_title).to_string()
        } else {
            t_string!(i18n, admin_solutions.add_title).to_string()
        }
    });
    let nested = Memo::new(move |_| {
        errors.with(|list| {
            list.iter()
                .filter(|e| e.field.contains('[') || e.field.contains('.'))
                .map(|e| (nested_label(i18n, &e.field), field_text(i18n, e)))
                .collect::<Vec<_>>()
        })
    });

    let save = move |publish_after: Option<bool>| {
        let input = match editor.input() {
            Ok(input) => input,
            Err(problems) => {
                errors.set(problems);
                return;
            }
        };
        let found = check_nested(&input);
        if !found.is_empty() {
            errors.set(found);
            return;
        }
        errors.set(Vec::new());
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let current = id.get_untracked();
            let saved = session
                .call(|api| {
                    let input = input.clone();
                    async move {
                        match current {
                            Some(id) => api.update_solution(id, &input).await,
                            None => api.create_solution(&input).await,
                        }
                    }
                })
                .await;
            let saved = match (saved, publish_after) {
                (Ok(solution), Some(publish)) => {
                    let sid = solution.id;
                    session
                        .call(|api| async move {
                            if publish {
                                api.publish_solution(sid).await
                            } else {
                                api.unpublish_solution(sid).await
                            }
                        })
                        .await
                }
                (other, _) => other,
            };
            busy.set(false);
            match saved {
                Ok(solution) => {
                    state.set(solution.state);
                    let text = match publish_after {
                        Some(true) => t_string!(
                            i18n,
                            admin_solutions.published,
                            name = solution.input.name.clone()
                        )
                        .to_string(),
                        Some(false) => t_string!(
                            i18n,
                            admin_solutions.unpublished,
                            name = solution.input.name.clone()
                        )
                        .to_string(),
                        None => t_string!(i18n, admin_solutions.saved).to_string(),
                    };
                    let path = format!("{BASE}/{}", solution.id);
                    if current.is_none() {
                        id.set(Some(solution.id));
                        session.notify_at(&path, NoticeKind::Success, text);
                        navigate(
                            &path,
                            NavigateOptions {
                                replace: true,
                                ..NavigateOptions::default()
                            },
                        );
                    } else {
                        session.notify(NoticeKind::Success, text);
                    }
                }
                Err(error) => {
                    let fields = api_fields(&error);
                    if fields.is_empty() {
                        session.notify(NoticeKind::Danger, failure_text(i18n, &error));
                    } else {
                        errors.set(fields);
                    }
                }
            }
        });
    };
    let on_submit = {
        let save = save.clone();
        move |ev: SubmitEvent| {
            ev.prevent_default();
            save(None);
        }
    };
    let categories: Vec<(&'static str, Signal<String>)> = Category::ALL
        .into_iter()
        .map(|c| (c.as_str(), Signal::derive(move || category_label(i18n, Some(c)))))
        .collect();

    view! {
        <PageHead title>
            {move || id.get().filter(|_| state.get() == PublishState::Published).map(|id| view! {
                <a class="button is-small is-text" href=format!("/solutions/{id}")>{tr!(admin_solutions.view)}</a>
            })}
            <A href=BASE attr:class="button is-small">{tr!(admin_solutions.back)}</A>
        </PageHead>
        <form class="solution-editor" novalidate on:submit=on_submit>
            {move || (!nested.get().is_empty()).then(|| view! {
                <div class="notification is-danger is-light" role="alert">
                    <p class="has-text-weight-semibold">{tr!(admin_solutions.fix)}</p>
                    <ul class="error-list">
                        {nested.get().into_iter().map(|(field, text)| view! { <li><strong>{field}</strong>"："{text}</li> }).collect_view()}
                    </ul>
                </div>
            })}
            <section class="box">
                <div class="editor-head">
                    <h2 class="title is-5">{tr!(admin_solutions.basics)}</h2>
                    {move || view! { <StateTag state=state.get() /> }}
                </div>
                <div class="columns is-multiline is-variable is-3 mb-0">
                    <div class="column is-6"><TextField name="name" label=ts!(admin_solutions.name) value=editor.name errors required=true maxlength=120 /></div>
                    <div class="column is-6"><TextField name="vendor" label=ts!(admin_solutions.vendor) value=editor.vendor errors required=true maxlength=100 /></div>
                    <div class="column is-6"><SelectField name="category" label=ts!(admin_solutions.category) value=editor.category errors options=categories required=true /></div>
                    <div class="column is-6"><TextField name="region" label=ts!(admin_solutions.region) value=editor.region errors required=true maxlength=50 /></div>
                </div>
                <TextArea name="summary" label=ts!(admin_solutions.summary) value=editor.summary errors required=true max=300 counter=true rows=2 />
                <TextArea name="description" label=ts!(admin_solutions.description) value=editor.description errors max=20000 rows=6 />
                <MediaPicker name="logo" label=ts!(admin_solutions.logo) media_id=editor.logo preview=editor.logo_url />
            </section>

            <PlansSection editor />
            <FeaturesSection editor />
            <CasesSection editor />
            <ResourcesSection editor />

            <section class="box" aria-labelledby="support-heading">
                <h2 id="support-heading" class="title is-5">{tr!(admin_solutions.support)}</h2>
                <div class="columns is-multiline is-variable is-3 mb-0">
                    <div class="column is-6"><TextField name="support.hotline" label=ts!(detail.hotline) value=editor.hotline errors maxlength=30 /></div>
                    <div class="column is-6"><TextField name="support.email" label=ts!(detail.support_email) value=editor.support_email errors kind="email" maxlength=254 /></div>
                </div>
                <TextField name="support.note" label=ts!(detail.support_note) value=editor.support_note errors maxlength=200 />
            </section>

            <section class="box" aria-labelledby="agreement-heading">
                <h2 id="agreement-heading" class="title is-5">{tr!(detail.tab_agreement)}</h2>
                <TextArea name="agreement" label=ts!(admin_solutions.agreement) value=editor.agreement errors max=50000 rows=8 />
            </section>

            <div class="buttons editor-actions">
                <button type="submit" class="button is-link" class=("is-loading", move || busy.get()) disabled=move || busy.get()>
                    {tr!(admin_solutions.save)}
                </button>
                {
                    let save = save.clone();
                    move || {
                        let save = save.clone();
                        let published = state.get() == PublishState::Published;
                        view! {
                            <button
                                type="button"
                                class="button"
                                class=("is-success", !published)
                                disabled=move || busy.get()
                                on:click=move |_| save(Some(!published))
                            >
                                {move || if published { t_string!(i18n, admin_solutions.save_unpublish) } else { t_string!(i18n, admin_solutions.save_publish) }}
                            </button>
                        }
                    }
                }
            </div>
        </form>
    }
}

/// A nested field path from the API (`plans[0].unit_price`, `support.email`) in the editor's own
/// words: `购买计划 #1 · 单价（元，含税）`. Unknown parts stay as they are.
fn nested_label(i18n: I18nContext<Locale>, path: &str) -> String {
    let (head, field) = path.split_once('.').unwrap_or((path, ""));
    let (section, row) = match head.split_once('[') {
        Some((section, rest)) => (section, rest.trim_end_matches(']').parse::<usize>().ok()),
        None => (head, None),
    };
    let section_label = match section {
        "plans" => t_string!(i18n, admin_solutions.plans).to_string(),
        "cases" => t_string!(i18n, admin_solutions.cases).to_string(),
        "resources" => t_string!(i18n, admin_solutions.resources).to_string(),
        "support" => t_string!(i18n, admin_solutions.support).to_string(),
        other => other.to_owned(),
    };
    let field_label = match (section, field) {
        (_, "") => String::new(),
        ("plans", "name") => t_string!(i18n, admin_solutions.plan_name).to_string(),
        (_, "sku_code") => t_string!(i18n, admin_solutions.sku).to_string(),
        (_, "unit_price") => t_string!(i18n, admin_solutions.unit_price).to_string(),
        (_, "tax_rate") => t_string!(i18n, admin_solutions.tax_rate).to_string(),
        (_, "region") => t_string!(i18n, admin_solutions.region).to_string(),
        (_, "customer") => t_string!(i18n, admin_solutions.customer).to_string(),
        ("resources", "title") => t_string!(i18n, admin_solutions.resource_title).to_string(),
        ("resources", "body") => t_string!(i18n, admin_solutions.resource_body).to_string(),
        ("resources", "url") => t_string!(i18n, admin_solutions.resource_url).to_string(),
        (_, other) => other.to_owned(),
    };
    let row = row.map(|row| format!(" #{}", row + 1)).unwrap_or_default();
    if field_label.is_empty() {
        format!("{section_label}{row}")
    } else {
        format!("{section_label}{row} · {field_label}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique() {
        let a = next_key();
        assert!(next_key() > a);
    }
}
