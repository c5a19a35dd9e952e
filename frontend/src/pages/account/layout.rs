//! The personal center's frame: a left menu showing only what the role may use ("根据用户的角色
//! 权限，显示不同菜单和界面"), the page beside it; signed-out visitors go to the login page, and a
//! page the role can't use shows a 403 notice.

use leptos::prelude::*;
use leptos_router::components::{A, Outlet, Redirect};

use crate::app::PageTitle;
use crate::components::skeleton::LinesSkeleton;
use crate::i18n::{t_string, use_i18n};
use crate::session::{Auth, Session, current_path, use_session};
use crate::tr;

/// What a page needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// A permission, as a member of a partner company (not operator staff).
    Company(&'static str),
    /// An operator permission.
    Staff(&'static str),
    /// Any signed-in member of a partner company.
    Member,
}

impl Need {
    /// Whether the signed-in user meets it (tracked).
    pub fn met(self, session: Session) -> bool {
        match self {
            Need::Company(permission) => session.company().is_some() && session.has(permission),
            Need::Staff(permission) => session.company().is_none() && session.has(permission),
            Need::Member => session.company().is_some(),
        }
    }
}

/// Shows `children` to a signed-in user; sends a visitor to 登录 and back here afterwards.
#[component]
pub fn SignedIn(
    /// The page.
    children: ChildrenFn,
) -> impl IntoView {
    let session = use_session();
    // Only the phase re-renders: a changed profile must not remount the page.
    let phase = Memo::new(move |_| match session.auth.get() {
        Auth::Restoring => 0,
        Auth::Anonymous => 1,
        Auth::SignedIn(_) => 2,
    });
    view! {
        {move || match phase.get() {
            0 => {
                view! {
                    <div class="container page-body">
                        <p class="has-text-grey">{tr!(center.restoring)}</p>
                        <LinesSkeleton lines=6 />
                    </div>
                }
                    .into_any()
            }
            1 => {
                let next = String::from(js_sys::encode_uri_component(&current_path()));
                view! { <Redirect path=format!("/login?next={next}") /> }.into_any()
            }
            _ => children().into_any(),
        }}
    }
}

/// The layout of `/account/*` and `/admin/*`.
#[component]
pub fn CenterLayout() -> impl IntoView {
    view! {
        <SignedIn>
            <div class="container page-body center">
                <div class="columns">
                    <aside class="column is-2-widescreen is-3-desktop is-4-tablet">
                        <CenterMenu />
                    </aside>
                    <div class="column center-main">
                        <Outlet />
                    </div>
                </div>
            </div>
        </SignedIn>
    }
}

/// The left menu, filtered by the user's permissions.
#[component]
fn CenterMenu() -> impl IntoView {
    let session = use_session();
    let show = move |need: Need| Memo::new(move |_| need.met(session));
    let customers = show(Need::Company("manage_customers"));
    let users = show(Need::Company("manage_company_users"));
    let resellers = show(Need::Company("manage_resellers"));
    let applications = show(Need::Staff("review_applications"));
    let companies = show(Need::Staff("manage_all_companies"));
    let mail = show(Need::Staff("view_mailbox"));
    let member = show(Need::Member);
    let assets = show(Need::Company("view_assets"));
    let leads = show(Need::Staff("handle_leads"));
    let catalog = show(Need::Staff("manage_catalog"));
    let finance = show(Need::Staff("manage_finance"));
    let orders = show(Need::Company("view_orders"));
    let desk = show(Need::Staff("view_orders"));
    let staff = Memo::new(move |_| applications.get() || companies.get() || mail.get() || leads.get());
    view! {
        <nav class="menu box center-menu" aria-label=tr!(center.menu)>
            <p class="menu-label">{tr!(center.title)}</p>
            <ul class="menu-list">
                <li><A href="/account/profile">{tr!(center.profile)}</A></li>
                <Show when=move || customers.get()>
                    <li><A href="/account/customers">{tr!(center.customers)}</A></li>
                </Show>
                <Show when=move || orders.get()>
                    <li><A href="/account/orders">{tr!(center.orders)}</A></li>
                </Show>
                <Show when=move || users.get()>
                    <li><A href="/account/users">{tr!(center.users)}</A></li>
                </Show>
                <Show when=move || resellers.get()>
                    <li><A href="/account/resellers">{tr!(center.resellers)}</A></li>
                </Show>
                <Show when=move || member.get()>
                    <li><A href="/account/tickets">{tr!(center.tickets)}</A></li>
                </Show>
            </ul>
            <Show when=move || assets.get()>
                <p class="menu-label">{tr!(center.assets)}</p>
                <ul class="menu-list">
                    <li><A href="/account/assets/rebate">{tr!(center.rebate)}</A></li>
                    <li><A href="/account/assets/coupons">{tr!(center.coupons)}</A></li>
                    <li><A href="/account/assets/credit">{tr!(center.credit)}</A></li>
                </ul>
            </Show>
            <Show when=move || staff.get()>
                <p class="menu-label">{tr!(center.operator)}</p>
                <ul class="menu-list">
                    <Show when=move || applications.get()>
                        <li><A href="/admin/applications">{tr!(center.applications)}</A></li>
                    </Show>
                    <Show when=move || companies.get()>
                        <li><A href="/admin/companies">{tr!(center.companies)}</A></li>
                    </Show>
                    <Show when=move || leads.get()>
                        <li><A href="/admin/tickets">{tr!(center.admin_tickets)}</A></li>
                    </Show>
                    <Show when=move || mail.get()>
                        <li><A href="/admin/mail">{tr!(center.mail)}</A></li>
                    </Show>
                </ul>
            </Show>
            <Show when=move || catalog.get()>
                <p class="menu-label">{tr!(center.catalog)}</p>
                <ul class="menu-list">
                    <li><A href="/admin/solutions">{tr!(center.solutions)}</A></li>
                    <li><A href="/admin/banners">{tr!(center.banners)}</A></li>
                    <li><A href="/admin/ads">{tr!(center.ads)}</A></li>
                    <li><A href="/admin/news">{tr!(center.news)}</A></li>
                    <li><A href="/admin/partners">{tr!(center.partners)}</A></li>
                    <li><A href="/admin/brands">{tr!(center.brands)}</A></li>
                    <li><A href="/admin/help">{tr!(center.help)}</A></li>
                    <li><A href="/admin/contact">{tr!(center.contact)}</A></li>
                </ul>
            </Show>
            <Show when=move || desk.get()>
                <p class="menu-label">{tr!(center.desk)}</p>
                <ul class="menu-list">
                    <li><A href="/admin/orders">{tr!(center.desk)}</A></li>
                    <Show when=move || finance.get()>
                        <li><A href="/admin/invoices">{tr!(center.invoices)}</A></li>
                    </Show>
                </ul>
            </Show>
            <Show when=move || finance.get()>
                <p class="menu-label">{tr!(center.finance)}</p>
                <ul class="menu-list">
                    <li><A href="/admin/finance" exact=true>{tr!(center.finance_companies)}</A></li>
                    <li><A href="/admin/finance/coupons">{tr!(center.finance_coupons)}</A></li>
                    <li><A href="/admin/finance/repayments">{tr!(center.finance_repayments)}</A></li>
                    <li><A href="/admin/finance/reconciliation">{tr!(center.finance_reconciliation)}</A></li>
                    <li><A href="/admin/finance/settings">{tr!(center.finance_settings)}</A></li>
                    <li><A href="/admin/finance/actions">{tr!(center.finance_actions)}</A></li>
                </ul>
            </Show>
        </nav>
    }
}

/// Shows `children` only when the user meets `need`; otherwise a 403 notice.
#[component]
pub fn Guard(
    /// What the page needs.
    need: Need,
    /// The page.
    children: ChildrenFn,
) -> impl IntoView {
    let session = use_session();
    let allowed = Memo::new(move |_| need.met(session));
    view! {
        <Show when=move || allowed.get() fallback=|| view! { <Forbidden /> }>
            {children()}
        </Show>
    }
}

/// 无权访问: the role can't use this page.
#[component]
pub fn Forbidden() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle part=move || t_string!(i18n, center.forbidden_title).to_string() />
        <section class="box not-found">
            <p class="not-found-code" aria-hidden="true">"403"</p>
            <h1 class="title is-4">{tr!(center.forbidden_title)}</h1>
            <p>{tr!(center.forbidden_text)}</p>
            <A href="/account/profile" attr:class="button is-link mt-4">{tr!(center.back_profile)}</A>
        </section>
    }
}

/// The heading row of a center page: title and, on the right, the page's buttons or back link.
#[component]
pub fn PageHead(
    /// The heading text.
    #[prop(into)]
    title: Signal<String>,
    /// Buttons or links on the right.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    view! {
        <PageTitle part=move || title.get() />
        <div class="center-head">
            <h1 class="title is-4">{move || title.get()}</h1>
            {children.map(|children| view! { <div class="center-head-actions">{children()}</div> })}
        </div>
    }
}
