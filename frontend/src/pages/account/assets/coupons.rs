//! 优惠券 (§10.2, `/account/assets/coupons`): the wallet's tabs 未使用 / 已使用 / 已过期 with 明细
//! 使用范围 有效期 优惠券编号 使用区域. The columns and tabs are shared with the finance desk.

use std::future::Future;

use chrono::{DateTime, Datelike, Timelike, Utc};
use leptos::prelude::*;
use rc_client::{Client, ClientError};
use rc_types::Page;
use rc_types::assets::coupons::{Coupon, CouponQuery, CouponState, CouponTerms};

use super::NEED;
use super::labels::coupon_state;
use crate::components::data_table::Column;
use crate::components::listing::PER_PAGE;
use crate::components::paged_table::PagedTable;
use crate::components::tabs::Tabs;
use crate::i18n::{Locale, td_string, use_i18n};
use crate::pages::account::layout::{Guard, PageHead};
use crate::tr;
use crate::ts;

/// The wallet's tabs, in order.
pub const TABS: [CouponState; 3] = [CouponState::Unused, CouponState::Used, CouponState::Expired];

/// 使用范围 without the solutions: `¥1 满0金额使用,0数量起用`.
pub fn scope_text(locale: Locale, terms: &CouponTerms) -> String {
    let face = terms.face_value.display_short();
    let min = terms.min_amount.amount.normalize().to_string();
    let quantity = terms.min_quantity;
    td_string!(locale, assets.scope, face, min, quantity).to_string()
}

/// A time as `YYYY-MM-DD HH:MM:SS` at `offset_minutes` from UTC (`getTimezoneOffset`: minutes
/// to add to local time to get UTC).
pub fn local_seconds(at: DateTime<Utc>, offset_minutes: i64) -> String {
    let local = at - chrono::Duration::minutes(offset_minutes);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        local.year(),
        local.month(),
        local.day(),
        local.hour(),
        local.minute(),
        local.second()
    )
}

/// 有效期: 永久有效, or `from 至 to` (an open end shown as `…`).
pub fn validity_text(locale: Locale, terms: &CouponTerms, offset_minutes: i64) -> String {
    if terms.valid_from.is_none() && terms.valid_to.is_none() {
        return td_string!(locale, assets.permanent).to_owned();
    }
    let end =
        |at: Option<DateTime<Utc>>| at.map_or_else(|| "…".to_owned(), |at| local_seconds(at, offset_minutes));
    let (from, to) = (end(terms.valid_from), end(terms.valid_to));
    td_string!(locale, assets.window, from, to).to_string()
}

/// The browser's `getTimezoneOffset`.
fn browser_offset() -> i64 {
    // Offsets are whole minutes within ±14 h.
    #[allow(clippy::cast_possible_truncation)]
    let offset = js_sys::Date::new_0().get_timezone_offset() as i64;
    offset
}

/// 有效期 in the browser's time zone.
#[component]
pub fn ValidityCell(
    /// The rules.
    terms: CouponTerms,
) -> impl IntoView {
    let i18n = use_i18n();
    move || validity_text(i18n.get_locale(), &terms, browser_offset())
}

/// 使用范围 with the solutions as links to their pages (or 全部方案).
#[component]
pub fn ScopeCell(
    /// The rules.
    terms: CouponTerms,
) -> impl IntoView {
    let i18n = use_i18n();
    let numbers = {
        let terms = terms.clone();
        move || scope_text(i18n.get_locale(), &terms)
    };
    let solutions = if terms.all_solutions {
        view! { {tr!(assets.all_solutions)} }.into_any()
    } else {
        terms
            .solutions
            .into_iter()
            .enumerate()
            .map(|(index, s)| {
                view! {
                    {(index > 0).then_some("、")}
                    <a href=format!("/solutions/{}", s.id)>{s.name}</a>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        {numbers}
        <span class="ticket-solution">{tr!(assets.solutions)}" "{solutions}</span>
    }
}

/// 订单占用中 on a coupon an unpaid order holds.
pub fn held_tag(coupon: &Coupon) -> Option<impl IntoView + use<>> {
    (coupon.state == CouponState::Held)
        .then(|| view! { " "<span class="tag is-warning is-light">{tr!(assets.held_by_order)}</span> })
}

/// The coupon columns (明细 使用范围 有效期 优惠券编号 使用区域) of rows holding a coupon.
pub fn coupon_columns<T: 'static>(coupon: fn(&T) -> &Coupon) -> Vec<Column<T>> {
    vec![
        Column::new(ts!(assets.coupon_name), move |row: &T| {
            let c = coupon(row);
            let held = held_tag(c);
            let order = c
                .order_no
                .clone()
                .map(|no| view! { <span class="ticket-solution">{no}</span> });
            view! { {c.terms.name.clone()}{held}{order} }
        })
        .class("cell-wrap"),
        Column::new(
            ts!(assets.scope_header),
            move |row: &T| view! { <ScopeCell terms=coupon(row).terms.clone() /> },
        )
        .class("cell-wrap"),
        Column::new(
            ts!(assets.validity),
            move |row: &T| view! { <ValidityCell terms=coupon(row).terms.clone() /> },
        ),
        Column::new(
            ts!(assets.code),
            move |row: &T| view! { <code>{coupon(row).code.clone()}</code> },
        ),
        Column::new(ts!(assets.region), move |row: &T| {
            coupon(row).terms.region.clone()
        }),
    ]
}

/// The three wallet tabs over one list of coupons; `load` fetches a page for a query.
#[component]
pub fn CouponTabs<T, F, Fut>(
    /// Fetches coupons.
    load: F,
    /// The columns.
    columns: Vec<Column<T>>,
    /// Element id of the panel.
    panel: &'static str,
    /// Notified after coupons were issued.
    #[prop(default = None)]
    reload: Option<Trigger>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(Client, CouponQuery) -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<Page<T>, ClientError>> + 'static,
{
    let i18n = use_i18n();
    let tab = RwSignal::new(0_usize);
    let labels = TABS
        .into_iter()
        .map(|state| Signal::derive(move || coupon_state(i18n.get_locale(), state).to_owned()))
        .collect();
    view! {
        <Tabs label=ts!(assets.coupon_tabs) tabs=labels selected=tab on_select=Callback::new(move |i| tab.set(i)) panel>
            {move || {
                let state = TABS[tab.get()];
                let load = move |api: Client, page: u32| {
                    load(api, CouponQuery { state: Some(state), page: Some(page), per_page: Some(PER_PAGE) })
                };
                let label = Signal::derive(move || coupon_state(i18n.get_locale(), state).to_owned());
                view! { <PagedTable load columns=columns.clone() label reload /> }
            }}
        </Tabs>
    }
}

/// The wallet page.
#[component]
pub fn CouponsPage() -> impl IntoView {
    view! {
        <Guard need=NEED>
            <PageHead title=ts!(assets.coupons_title) />
            <section class="box list-box">
                <CouponTabs
                    load=|api: Client, query: CouponQuery| async move { api.list_coupons(&query).await }
                    columns=coupon_columns(|c: &Coupon| c)
                    panel="coupons-panel"
                />
            </section>
        </Guard>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rc_types::Money;
    use rc_types::assets::coupons::CouponSolution;

    fn terms() -> CouponTerms {
        CouponTerms {
            name: "双十一促销".into(),
            face_value: Money::cny("1.00".parse().unwrap()),
            min_amount: Money::cny("0.00".parse().unwrap()),
            min_quantity: 0,
            all_solutions: false,
            solutions: vec![CouponSolution {
                id: 7,
                name: "888999".into(),
            }],
            valid_from: None,
            valid_to: None,
            region: "中国大陆".into(),
        }
    }

    #[test]
    fn scope_reads_like_the_manual() {
        assert_eq!(scope_text(Locale::zh, &terms()), "¥1 满0金额使用,0数量起用");
        let mut big = terms();
        big.min_amount = Money::cny("199.50".parse().unwrap());
        big.min_quantity = 3;
        assert_eq!(scope_text(Locale::zh, &big), "¥1 满199.5金额使用,3数量起用");
    }

    #[test]
    fn validity_is_permanent_or_a_local_window() {
        assert_eq!(validity_text(Locale::zh, &terms(), 0), "永久有效");
        let mut window = terms();
        window.valid_from = Some("2026-11-01T00:00:00Z".parse().unwrap());
        window.valid_to = Some("2026-11-30T16:00:00Z".parse().unwrap());
        assert_eq!(
            validity_text(Locale::zh, &window, -480),
            "2026-11-01 08:00:00 至 2026-12-01 00:00:00"
        );
        window.valid_from = None;
        assert_eq!(validity_text(Locale::zh, &window, 0), "… 至 2026-11-30 16:00:00");
    }
}
