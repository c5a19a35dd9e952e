//! The period filter of the asset lists: 近一个月 | 近三个月 | 近六个月 | 自定义 (two dates and 查询).

use chrono::NaiveDate;
use leptos::prelude::*;
use rc_types::assets::{Period, PeriodQuery};

use crate::components::listing::PER_PAGE;
use crate::i18n::{Locale, td_string, use_i18n};
use crate::tr;

/// The chosen period; the dates only count for [`Period::Custom`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PeriodChoice {
    /// Which period.
    pub period: Period,
    /// First day of a custom period.
    pub from: Option<NaiveDate>,
    /// Last day of a custom period (included).
    pub to: Option<NaiveDate>,
}

impl PeriodChoice {
    /// A preset period (no dates).
    pub fn preset(period: Period) -> Self {
        PeriodChoice {
            period,
            from: None,
            to: None,
        }
    }

    /// The query of page `page` of a list in this period, [`PER_PAGE`] rows a page.
    pub fn query(self, page: u32) -> PeriodQuery {
        let custom = self.period == Period::Custom;
        PeriodQuery {
            period: Some(self.period),
            from: self.from.filter(|_| custom),
            to: self.to.filter(|_| custom),
            page: Some(page),
            per_page: Some(PER_PAGE),
        }
    }
}

/// The presets of the bar, in order.
const PRESETS: [Period; 3] = [Period::OneMonth, Period::ThreeMonths, Period::SixMonths];

fn period_label(locale: Locale, period: Period) -> &'static str {
    match period {
        Period::OneMonth => td_string!(locale, assets.period_1m),
        Period::ThreeMonths => td_string!(locale, assets.period_3m),
        Period::SixMonths => td_string!(locale, assets.period_6m),
        Period::All => td_string!(locale, assets.period_all),
        Period::Custom => td_string!(locale, assets.period_custom),
    }
}

/// A `date` input's value (`YYYY-MM-DD`); `None` when empty or not a day. Read by hand, as
/// chrono's format parser would add its machinery to the wasm.
pub fn parse_day(value: &str) -> Option<NaiveDate> {
    let mut parts = value.trim().splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The custom period of two date inputs: both days, the first not after the last.
pub fn custom_choice(from: &str, to: &str) -> Option<PeriodChoice> {
    let (from, to) = (parse_day(from)?, parse_day(to)?);
    (from <= to).then_some(PeriodChoice {
        period: Period::Custom,
        from: Some(from),
        to: Some(to),
    })
}

/// The filter bar; choosing a preset or applying custom dates sets `value`.
#[component]
pub fn PeriodFilter(
    /// The chosen period.
    value: RwSignal<PeriodChoice>,
) -> impl IntoView {
    let i18n = use_i18n();
    let custom = RwSignal::new(value.get_untracked().period == Period::Custom);
    let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let from = RwSignal::new(day(value.get_untracked().from));
    let to = RwSignal::new(day(value.get_untracked().to));
    let invalid = RwSignal::new(false);
    let button = move |period: Period| {
        let pressed = move || {
            if period == Period::Custom {
                custom.get()
            } else {
                !custom.get() && value.with(|v| v.period == period)
            }
        };
        view! {
            <button
                type="button"
                class="button"
                class=("is-link", pressed)
                class=("is-selected", pressed)
                aria-pressed=move || pressed().to_string()
                on:click=move |_| {
                    if period == Period::Custom {
                        custom.set(true);
                    } else {
                        custom.set(false);
                        invalid.set(false);
                        value.set(PeriodChoice::preset(period));
                    }
                }
            >
                {move || period_label(i18n.get_locale(), period)}
            </button>
        }
    };
    let apply = move |_| match custom_choice(&from.get_untracked(), &to.get_untracked()) {
        Some(choice) => {
            invalid.set(false);
            value.set(choice);
        }
        None => invalid.set(true),
    };
    view! {
        <div class="list-toolbar" role="group" aria-label=tr!(assets.period)>
            <div class="buttons has-addons mb-0">
                {PRESETS.into_iter().map(button).collect_view()}
                {button(Period::Custom)}
            </div>
            <Show when=move || custom.get()>
                <div class="field is-grouped is-grouped-multiline mb-0">
                    <div class="control">
                        <input class="input" type="date" aria-label=tr!(assets.from) bind:value=from />
                    </div>
                    <div class="control"><span class="button is-static">{tr!(assets.to_word)}</span></div>
                    <div class="control">
                        <input class="input" type="date" aria-label=tr!(assets.to) bind:value=to />
                    </div>
                    <div class="control">
                        <button type="button" class="button is-link is-outlined" on:click=apply>{tr!(assets.apply)}</button>
                    </div>
                </div>
            </Show>
            <Show when=move || invalid.get()>
                <p class="help is-danger" role="alert">{tr!(assets.period_invalid)}</p>
            </Show>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    #[test]
    fn presets_send_no_dates() {
        let query = PeriodChoice {
            period: Period::ThreeMonths,
            from: Some(day(1)),
            to: Some(day(2)),
        }
        .query(3);
        assert_eq!(query.period, Some(Period::ThreeMonths));
        assert_eq!((query.from, query.to), (None, None));
        assert_eq!((query.page, query.per_page), (Some(3), Some(PER_PAGE)));
        assert_eq!(PeriodChoice::default().query(1).period, Some(Period::OneMonth));
    }

    #[test]
    fn custom_periods_need_two_days_in_order() {
        let choice = custom_choice("2026-12-01", " 2026-12-02").unwrap();
        let query = choice.query(1);
        assert_eq!(query.period, Some(Period::Custom));
        assert_eq!((query.from, query.to), (Some(day(1)), Some(day(2))));
        assert!(custom_choice("2026-12-02", "2026-12-01").is_none());
        assert!(custom_choice("", "2026-12-01").is_none());
        assert!(custom_choice("2026-02-30", "2026-12-01").is_none());
        assert_eq!(parse_day("2026-12-01"), Some(day(1)));
        assert_eq!(parse_day("tomorrow"), None);
    }
}
