//! The application shell (i18n and meta contexts, router, header, footer) and each bundle's routes.

use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::components::{Outlet, ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::{Lazy, path};
use rc_types::web::WebBundle;

use crate::bundles::{Elsewhere, follow_links_out_of};
use crate::cart::provide_cart_count;
use crate::chunks::{
    BrandsRoute, DetailRoute, HelpArticleRoute, HelpRoute, NewsArticleRoute, NewsListRoute, SolutionsRoute,
};
use crate::components::confirm::{ConfirmHost, provide_confirm};
use crate::components::footer::Footer;
use crate::components::header::Header;
use crate::components::notice::NoticeHost;
use crate::i18n::{I18nSubContextProvider, LocaleSync, stored_locale, t_string, use_i18n};
use crate::pages::home::HomePage;
use crate::pages::{account, admin, auth, cart, checkout};
use crate::session::provide_session;

/// Runs the storefront bundle: home, catalog, search, detail, news, help center, brands.
pub fn run_storefront() {
    follow_links_out_of(WebBundle::Storefront);
    mount(|| {
        view! {
            <Routes fallback=|| view! { <Elsewhere bundle=Some(WebBundle::Storefront) /> }>
                <StorefrontRoutes />
            </Routes>
        }
    });
}

/// Runs the account bundle: sign-in, registration, emailed links and the personal center.
pub fn run_account() {
    follow_links_out_of(WebBundle::Account);
    mount(|| {
        view! {
            <Routes fallback=|| view! { <Elsewhere bundle=Some(WebBundle::Account) /> }>
                <AccountRoutes />
            </Routes>
        }
    });
}

/// Runs the console bundle: the operator's back office.
pub fn run_console() {
    follow_links_out_of(WebBundle::Console);
    mount(|| {
        view! {
            <Routes fallback=|| view! { <Elsewhere bundle=Some(WebBundle::Console) /> }>
                <ConsoleRoutes />
            </Routes>
        }
    });
}

/// Runs every page in one bundle (development with `trunk serve`).
pub fn run_all() {
    mount(|| {
        view! {
            <Routes fallback=|| view! { <Elsewhere bundle=None /> }>
                <StorefrontRoutes />
                <AccountRoutes />
                <ConsoleRoutes />
            </Routes>
        }
    });
}

fn mount<R, V>(routes: R)
where
    R: Fn() -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(move || view! { <App routes=routes /> });
}

/// Root component: provides the meta, i18n, session and dialog contexts and the router.
///
/// The i18n context starts from the language stored in this browser (zh by default) rather than
/// from the browser's preferred languages, hence the provider that takes an initial locale;
/// [`LocaleSync`] stores later choices and sets `<html lang>`.
#[component]
fn App<R, V>(
    /// The bundle's `<Routes>`.
    routes: R,
) -> impl IntoView
where
    R: Fn() -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    provide_meta_context();
    provide_session();
    provide_cart_count();
    provide_confirm();
    view! {
        <I18nSubContextProvider initial_locale=stored_locale()>
            <LocaleSync />
            <Router>
                <Header />
                <main id="main" class="app-main">
                    <NoticeHost />
                    {routes()}
                </main>
                <Footer />
                <ConfirmHost />
            </Router>
        </I18nSubContextProvider>
    }
}

/// The storefront's pages; all but the home page load their code on first visit ([`crate::chunks`]).
#[component(transparent)]
fn StorefrontRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/") view=HomePage />
            <Route path=path!("/solutions") view={Lazy::<SolutionsRoute>::new()} />
            <Route path=path!("/solutions/:id") view={Lazy::<DetailRoute>::new()} />
            <Route path=path!("/brands") view={Lazy::<BrandsRoute>::new()} />
            <Route path=path!("/news") view={Lazy::<NewsListRoute>::new()} />
            <Route path=path!("/news/:id") view={Lazy::<NewsArticleRoute>::new()} />
            <Route path=path!("/help") view={Lazy::<HelpRoute>::new()} />
            <Route path=path!("/help/:slug") view={Lazy::<HelpArticleRoute>::new()} />
        </ParentRoute>
    }
    .into_inner()
}

/// Sign-in, registration, emailed links and the personal center (`/account`), which shares its
/// layout and permission-filtered menu with the console; static segments come before `:id` ones.
#[component(transparent)]
fn AccountRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/login") view=auth::login::LoginPage />
            <Route path=path!("/register") view=auth::register::RegisterPage />
            <Route path=path!("/forgot-password") view=auth::forgot::ForgotPasswordPage />
            <Route path=path!("/activate") view=auth::link::LinkPage />
            <Route path=path!("/accept-invitation") view=auth::link::LinkPage />
            <Route path=path!("/reset-password") view=auth::link::LinkPage />
            <Route path=path!("/cart") view=cart::CartPage />
            <Route path=path!("/checkout") view=checkout::CheckoutPage />
            <ParentRoute path=path!("/account") view=account::layout::CenterLayout>
                <Route path=path!("") view=|| view! { <Redirect path="/account/profile" /> } />
                <Route path=path!("profile") view=account::profile::ProfilePage />
                <Route path=path!("customers") view=account::customers::CustomersPage />
                <Route path=path!("orders") view=account::orders::OrdersPage />
                <Route path=path!("orders/:id") view=account::orders::detail::OrderPage />
                <Route path=path!("orders/:id/pay") view=account::cashier::OrderCashierPage />
                <Route path=path!("customers/new") view=account::customer_form::CustomerFormPage />
                <Route path=path!("customers/:id") view=account::customer_form::CustomerFormPage />
                <Route path=path!("users") view=account::users::UsersPage />
                <Route path=path!("users/invite") view=account::user_form::InviteUserPage />
                <Route path=path!("users/:uid") view=account::user_form::EditUserPage />
                <Route path=path!("resellers") view=account::resellers::ResellersPage />
                <Route path=path!("resellers/new") view=account::reseller_edit::NewResellerPage />
                <Route path=path!("resellers/:id") view=account::reseller_edit::EditResellerPage />
                <Route path=path!("resellers/:id/invite") view=account::user_form::InviteUserPage />
                <Route path=path!("resellers/:id/users/:uid") view=account::user_form::EditUserPage />
                <Route path=path!("tickets") view=account::tickets::MyTicketsPage />
                <Route path=path!("tickets/:id") view=account::tickets::MyTicketPage />
                <Route path=path!("assets") view=|| view! { <Redirect path="/account/assets/rebate" /> } />
                <Route path=path!("assets/rebate") view=account::assets::rebate::RebatePage />
                <Route path=path!("assets/coupons") view=account::assets::coupons::CouponsPage />
                <Route path=path!("assets/credit") view=account::assets::credit::CreditPage />
                <Route path=path!("assets/credit/bills/:id/pay") view=account::cashier::BillCashierPage />
            </ParentRoute>
        </ParentRoute>
    }
    .into_inner()
}

/// The operator's back office (`/admin`).
#[component(transparent)]
fn ConsoleRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/admin") view=account::layout::CenterLayout>
            <Route path=path!("") view=|| view! { <Redirect path="/admin/applications" /> } />
            <Route path=path!("applications") view=admin::applications::ApplicationsPage />
            <Route path=path!("companies") view=admin::companies::CompaniesPage />
            <Route path=path!("mail") view=admin::mail::MailPage />
            <Route path=path!("orders") view=account::orders::DeskOrdersPage />
            <Route path=path!("orders/:id") view=account::orders::detail::DeskOrderPage />
            <Route path=path!("invoices") view=admin::invoices::InvoicesPage />
            <Route path=path!("tickets") view=admin::tickets::AdminTicketsPage />
            <Route path=path!("tickets/:id") view=admin::tickets::AdminTicketPage />
            <Route path=path!("solutions") view=admin::solutions::AdminSolutionsPage />
            <Route path=path!("solutions/new") view=admin::solutions::SolutionEditorPage />
            <Route path=path!("solutions/:id") view=admin::solutions::SolutionEditorPage />
            <Route path=path!("banners") view=admin::content::BannersPage />
            <Route path=path!("ads") view=admin::content::AdsPage />
            <Route path=path!("partners") view=admin::content::PartnersPage />
            <Route path=path!("brands") view=admin::content::BrandsAdminPage />
            <Route path=path!("news") view=admin::articles::NewsAdminPage />
            <Route path=path!("news/new") view=admin::articles::NewsEditorPage />
            <Route path=path!("news/:id") view=admin::articles::NewsEditorPage />
            <Route path=path!("help") view=admin::articles::HelpAdminPage />
            <Route path=path!("help/new") view=admin::articles::HelpEditorPage />
            <Route path=path!("help/:id") view=admin::articles::HelpEditorPage />
            <Route path=path!("contact") view=admin::articles::ContactSettingsPage />
            <Route path=path!("finance") view=admin::finance::FinanceCompaniesPage />
            <Route path=path!("finance/companies/:id") view=admin::finance::FinanceCompanyPage />
            <Route path=path!("finance/coupons") view=admin::finance::CouponTemplatesPage />
            <Route path=path!("finance/coupons/:id") view=admin::finance::TemplateCouponsPage />
            <Route path=path!("finance/repayments") view=admin::finance::RepaymentsPage />
            <Route path=path!("finance/reconciliation") view=admin::finance::ReconciliationPage />
            <Route path=path!("finance/settings") view=admin::finance::FinanceSettingsPage />
            <Route path=path!("finance/actions") view=admin::finance::FinanceActionsPage />
        </ParentRoute>
    }
    .into_inner()
}

/// Sets the document title to `part - 经销商中心` in the current language.
///
/// `part` is a plain closure rather than a signal: leptos_meta may read the title after the page
/// that set it has been disposed, and a signal owned by that page would be gone by then.
#[component]
pub fn PageTitle<F>(
    /// The page's own part of the title.
    part: F,
) -> impl IntoView
where
    F: Fn() -> String + Send + Sync + 'static,
{
    let i18n = use_i18n();
    view! { <Title text=move || format!("{} - {}", part(), t_string!(i18n, app.name)) /> }
}
