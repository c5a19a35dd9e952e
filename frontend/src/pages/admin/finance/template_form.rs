//! 新建 / 编辑优惠券模板: 明细, 面额, 满 X 金额使用, X 数量起用, 适用方案 (全部 or chosen among the
//! published solutions), 有效期 (永久有效 or a window in the browser's time zone) and 使用区域.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use rc_types::assets::coupons::{CouponSolution, CouponTemplate, CouponTemplateInput, CouponTerms, Validity};
use rc_types::catalog::ListSolutionsQuery;

use crate::api::{LoadError, client};
use crate::components::editor::EditorForm;
use crate::components::field::TextField;
use crate::forms::{Errors, error_of, local_error};
use crate::i18n::{t_string, use_i18n};
use crate::pages::account::assets::errors::AssetForm;
use crate::pages::admin::content::{LocalTimeField, from_local_input, to_local_input};
use crate::session::{NoticeKind, use_session};
use crate::tr;
use crate::ts;

/// The region a new template starts with.
const DEFAULT_REGION: &str = "中国大陆";

/// Adds the chosen solutions missing from the published list (unpublished since), by id.
pub fn with_chosen(mut listed: Vec<CouponSolution>, chosen: &[CouponSolution]) -> Vec<CouponSolution> {
    for solution in chosen {
        if !listed.iter().any(|s| s.id == solution.id) {
            listed.push(solution.clone());
        }
    }
    listed
}

/// The template form; `existing` is the template edited (`None`: a new one).
#[component]
pub fn TemplateForm(
    existing: Option<CouponTemplate>,
    close: Callback<()>,
    done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let asset = AssetForm::new(&[
        "name",
        "face_value",
        "min_amount",
        "min_quantity",
        "solution_ids",
        "validity",
        "region",
    ]);
    let form = asset.state;
    let errors = form.errors;
    let id = existing.as_ref().map(|t| t.id);
    let terms = existing.map(|t| t.terms);
    let text =
        |value: Option<String>, default: &str| RwSignal::new(value.unwrap_or_else(|| default.to_owned()));
    let name = text(terms.as_ref().map(|t| t.name.clone()), "");
    let face = text(terms.as_ref().map(|t| t.face_value.amount.to_string()), "");
    let min_amount = text(
        terms
            .as_ref()
            .map(|t| t.min_amount.amount.normalize().to_string()),
        "0",
    );
    let min_quantity = text(terms.as_ref().map(|t| t.min_quantity.to_string()), "0");
    let region = text(terms.as_ref().map(|t| t.region.clone()), DEFAULT_REGION);
    let all = RwSignal::new(terms.as_ref().is_none_or(|t| t.all_solutions));
    let chosen_terms = terms.as_ref().map(|t| t.solutions.clone()).unwrap_or_default();
    let chosen = RwSignal::new(chosen_terms.iter().map(|s| s.id).collect::<Vec<_>>());
    let validity = ValidityInput::new(terms.as_ref());
    let on_submit = Callback::new(move |()| {
        let quantity = min_quantity.get_untracked().trim().parse::<u32>().ok();
        let mut extra = Vec::new();
        if quantity.is_none() {
            extra.push(local_error("min_quantity", "number"));
        }
        let validity = validity.read().unwrap_or_else(|| {
            extra.push(local_error("validity", "required"));
            Validity::Permanent
        });
        let input = CouponTemplateInput {
            name: name.get_untracked().trim().to_owned(),
            face_value: face.get_untracked().trim().to_owned(),
            min_amount: min_amount.get_untracked().trim().to_owned(),
            min_quantity: quantity.unwrap_or_default(),
            all_solutions: all.get_untracked(),
            solution_ids: if all.get_untracked() {
                Vec::new()
            } else {
                chosen.get_untracked()
            },
            validity,
            region: region.get_untracked().trim().to_owned(),
        };
        asset.submit(
            input,
            extra,
            move |api, input: CouponTemplateInput| async move {
                match id {
                    Some(id) => api.update_coupon_template(id, &input).await,
                    None => api.create_coupon_template(&input).await,
                }
            },
            move |_| {
                session.notify(NoticeKind::Success, t_string!(i18n, finance.saved).to_string());
                done.run(());
            },
        );
    });
    view! {
        <EditorForm form on_submit on_cancel=close>
            <TextField name="name" label=ts!(assets.coupon_name) value=name errors required=true maxlength=50 />
            <div class="columns is-variable is-2 mb-0">
                <div class="column"><TextField name="face_value" label=ts!(finance.face_value) value=face errors required=true maxlength=12 /></div>
                <div class="column"><TextField name="min_amount" label=ts!(finance.min_amount) value=min_amount errors maxlength=12 hint=ts!(finance.zero_hint) /></div>
                <div class="column"><TextField name="min_quantity" label=ts!(finance.min_quantity) value=min_quantity errors maxlength=4 hint=ts!(finance.zero_hint) /></div>
            </div>
            <SolutionChooser all chosen listed_too=chosen_terms errors />
            <ValidityField validity errors />
            <TextField name="region" label=ts!(assets.region) value=region errors required=true maxlength=50 />
        </EditorForm>
    }
}

/// The 有效期 inputs: 永久有效, or a window of two `datetime-local` values.
#[derive(Debug, Clone, Copy)]
struct ValidityInput {
    window: RwSignal<bool>,
    from: RwSignal<String>,
    to: RwSignal<String>,
}

impl ValidityInput {
    fn new(terms: Option<&CouponTerms>) -> Self {
        let local = |at: Option<DateTime<Utc>>| RwSignal::new(at.map(to_local_input).unwrap_or_default());
        ValidityInput {
            window: RwSignal::new(terms.is_some_and(|t| t.valid_from.is_some() || t.valid_to.is_some())),
            from: local(terms.and_then(|t| t.valid_from)),
            to: local(terms.and_then(|t| t.valid_to)),
        }
    }

    /// The validity entered; `None` for a window missing an end.
    fn read(self) -> Option<Validity> {
        if !self.window.get_untracked() {
            return Some(Validity::Permanent);
        }
        let from = from_local_input(&self.from.get_untracked())?;
        let to = from_local_input(&self.to.get_untracked())?;
        Some(Validity::Window { from, to })
    }
}

/// 有效期: the two radios and, for a window, its start and end.
#[component]
fn ValidityField(validity: ValidityInput, errors: Errors) -> impl IntoView {
    let ValidityInput { window, from, to } = validity;
    view! {
        <fieldset class="field">
            <legend class="label">{tr!(assets.validity)}</legend>
            <div class="control radios">
                <label class="radio">
                    <input type="radio" name="validity" prop:checked=move || !window.get() on:change=move |_| window.set(false) />
                    " "{tr!(assets.permanent)}
                </label>
                <label class="radio">
                    <input type="radio" name="validity" prop:checked=move || window.get() on:change=move |_| window.set(true) />
                    " "{tr!(finance.window)}
                </label>
            </div>
        </fieldset>
        <Show when=move || window.get()>
            <div class="columns is-variable is-2 mb-0">
                <div class="column"><LocalTimeField name="valid_from" label=ts!(finance.valid_from) value=from /></div>
                <div class="column"><LocalTimeField name="valid_to" label=ts!(finance.valid_to) value=to /></div>
            </div>
        </Show>
        <FieldNote errors field="validity" />
    }
}

/// A group's error line (for inputs that are not one [`TextField`]).
#[component]
fn FieldNote(errors: Errors, field: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    move || error_of(i18n, errors, field).map(|text| view! { <p class="help is-danger">{text}</p> })
}

/// 适用方案: 全部方案, or checkboxes of the published solutions (and those chosen before).
#[component]
fn SolutionChooser(
    all: RwSignal<bool>,
    chosen: RwSignal<Vec<i64>>,
    listed_too: Vec<CouponSolution>,
    errors: Errors,
) -> impl IntoView {
    let solutions = LocalResource::new(move || {
        let listed_too = listed_too.clone();
        async move {
            let query = ListSolutionsQuery {
                per_page: Some(100),
                ..ListSolutionsQuery::default()
            };
            let page = client().list_solutions(&query).await.map_err(LoadError::from)?;
            let listed = page
                .items
                .into_iter()
                .map(|s| CouponSolution {
                    id: s.id,
                    name: s.name,
                })
                .collect();
            Ok::<_, LoadError>(with_chosen(listed, &listed_too))
        }
    });
    let toggle = move |id: i64, on: bool| {
        chosen.update(|ids| {
            ids.retain(|x| *x != id);
            if on {
                ids.push(id);
            }
        });
        crate::forms::clear(errors, "solution_ids");
    };
    view! {
        <fieldset class="field">
            <legend class="label">{tr!(finance.solutions)}</legend>
            <label class="checkbox">
                <input type="checkbox" prop:checked=move || all.get() on:change=move |ev| all.set(event_target_checked(&ev)) />
                " "{tr!(assets.all_solutions)}
            </label>
            <Show when=move || !all.get()>
                <div class="box" style="max-height: 14rem; overflow-y: auto">
                    {move || match solutions.get() {
                        None => view! { <p class="help">{tr!(finance.loading)}</p> }.into_any(),
                        Some(Err(error)) => view! { <p class="help is-danger">{error.message}</p> }.into_any(),
                        Some(Ok(list)) => list
                            .into_iter()
                            .map(|s| {
                                let id = s.id;
                                view! {
                                    <label class="checkbox is-block">
                                        <input
                                            type="checkbox"
                                            prop:checked=move || chosen.with(|ids| ids.contains(&id))
                                            on:change=move |ev| toggle(id, event_target_checked(&ev))
                                        />
                                        " "{s.name}
                                    </label>
                                }
                            })
                            .collect_view()
                            .into_any(),
                    }}
                </div>
            </Show>
            <FieldNote errors field="solution_ids" />
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn solution(id: i64) -> CouponSolution {
        CouponSolution {
            id,
            name: format!("s{id}"),
        }
    }

    #[test]
    fn chosen_solutions_stay_offered() {
        let merged = with_chosen(vec![solution(1), solution(2)], &[solution(2), solution(9)]);
        let ids: Vec<i64> = merged.iter().map(|s| s.id).collect();
        assert_eq!(ids, vec![1, 2, 9]);
    }
}
