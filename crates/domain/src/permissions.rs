//! Who may do what to which company: the one check every handler uses.
//!
//! Outside an actor's reach an object does not exist (404); inside it, a missing right is 403.

use rc_types::accounts::{CompanyKind, Role};

/// Something a user may be allowed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Review registration applications (operator).
    ReviewApplications,
    /// See and manage every partner company (operator).
    ManageAllCompanies,
    /// Read the mail outbox / dev mailbox (operator).
    ViewMailbox,
    /// See a company's details and users.
    ViewCompany,
    /// Invite, edit, enable, disable and delete a company's users.
    ManageCompanyUsers,
    /// Hand the company admin role to another user.
    TransferAdmin,
    /// List, add, edit, enable and disable a distributor's resellers (§8).
    ManageResellers,
    /// Manage the company's end customers (§6.3).
    ManageCustomers,
    /// Buy for the company's end customers: cart, checkout and its own orders (§5). Every
    /// company user; never operator staff.
    PlaceOrders,
    /// Edit and publish solutions and the storefront's content (operator).
    ManageCatalog,
    /// Work the consult / trial ticket queue (operator).
    HandleLeads,
    /// See the company's assets (我的资产): admins and co-admins; members too when the operator's
    /// finance settings allow ([`may_view_assets`]).
    ViewAssets,
    /// Repay the company's credit-line bills.
    RepayCredit,
    /// The finance desk: grant and claw back rebate, coupons, credit lines, confirm repayments
    /// (operator admin and finance staff).
    ManageFinance,
    /// Read orders: a company's own (members only those they placed), a distributor's managers
    /// also their resellers' (read-only); operator admin, account managers and finance staff all.
    ViewOrders,
    /// The order desk: deliver, complete and cancel orders (operator admin and account managers).
    ManageOrders,
}

impl Permission {
    /// Every permission, in menu order.
    pub const ALL: [Permission; 16] = [
        Permission::PlaceOrders,
        Permission::ViewOrders,
        Permission::ManageCustomers,
        Permission::ViewAssets,
        Permission::RepayCredit,
        Permission::ViewCompany,
        Permission::ManageCompanyUsers,
        Permission::TransferAdmin,
        Permission::ManageResellers,
        Permission::ReviewApplications,
        Permission::ManageAllCompanies,
        Permission::ViewMailbox,
        Permission::ManageCatalog,
        Permission::HandleLeads,
        Permission::ManageFinance,
        Permission::ManageOrders,
    ];

    /// Stable name used by the SPA to show menus.
    pub fn as_str(self) -> &'static str {
        match self {
            Permission::ReviewApplications => "review_applications",
            Permission::ManageAllCompanies => "manage_all_companies",
            Permission::ViewMailbox => "view_mailbox",
            Permission::ViewCompany => "view_company",
            Permission::ManageCompanyUsers => "manage_company_users",
            Permission::TransferAdmin => "transfer_admin",
            Permission::ManageResellers => "manage_resellers",
            Permission::ManageCustomers => "manage_customers",
            Permission::PlaceOrders => "place_orders",
            Permission::ManageCatalog => "manage_catalog",
            Permission::HandleLeads => "handle_leads",
            Permission::ViewAssets => "view_assets",
            Permission::RepayCredit => "repay_credit",
            Permission::ManageFinance => "manage_finance",
            Permission::ViewOrders => "view_orders",
            Permission::ManageOrders => "manage_orders",
        }
    }
}

/// The company an actor belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActorCompany {
    /// Company id.
    pub id: i64,
    /// Distributor or reseller.
    pub kind: CompanyKind,
}

/// The signed-in user, as far as permissions are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    /// User id.
    pub user_id: i64,
    /// Role.
    pub role: Role,
    /// Company (None for operator staff).
    pub company: Option<ActorCompany>,
}

/// The company that owns the object being acted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    /// Owning company.
    pub company_id: i64,
    /// Its parent distributor, if any.
    pub parent_id: Option<i64>,
}

/// Why an action is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    /// The object is outside the actor's reach: report it as not found.
    #[error("not found")]
    NotFound,
    /// Within reach, but the role lacks the right.
    #[error("forbidden")]
    Forbidden,
}

fn staff_may(role: Role, permission: Permission) -> bool {
    match role {
        Role::OperatorAdmin => !matches!(
            permission,
            Permission::ManageCustomers
                | Permission::PlaceOrders
                | Permission::ViewAssets
                | Permission::RepayCredit
        ),
        Role::Finance => matches!(permission, Permission::ManageFinance | Permission::ViewOrders),
        Role::AccountManager => matches!(
            permission,
            Permission::ReviewApplications
                | Permission::ManageAllCompanies
                | Permission::ViewMailbox
                | Permission::ViewCompany
                | Permission::ManageCompanyUsers
                | Permission::ManageResellers
                | Permission::HandleLeads
                | Permission::ViewOrders
                | Permission::ManageOrders
        ),
        Role::CatalogManager => matches!(permission, Permission::ManageCatalog | Permission::HandleLeads),
        _ => false,
    }
}

fn company_role_may(role: Role, kind: CompanyKind, permission: Permission) -> bool {
    let manager = matches!(role, Role::CompanyAdmin | Role::CoAdmin);
    match permission {
        Permission::ManageCustomers
        | Permission::PlaceOrders
        | Permission::ViewCompany
        | Permission::ViewOrders => true,
        Permission::ManageCompanyUsers | Permission::ViewAssets | Permission::RepayCredit => manager,
        Permission::TransferAdmin => role == Role::CompanyAdmin,
        Permission::ManageResellers => manager && kind == CompanyKind::Distributor,
        Permission::ReviewApplications
        | Permission::ManageAllCompanies
        | Permission::ViewMailbox
        | Permission::ManageCatalog
        | Permission::HandleLeads
        | Permission::ManageFinance
        | Permission::ManageOrders => false,
    }
}

/// Whether `actor` may see its own company's assets: [`Permission::ViewAssets`], or any member of
/// the company when the operator lets members see them.
pub fn may_view_assets(actor: &Actor, members_see_assets: bool) -> bool {
    may(actor, Permission::ViewAssets)
        || (members_see_assets && actor.role == Role::Member && actor.company.is_some())
}

/// Whether `actor` may do `permission` at all (for menus), regardless of the object.
pub fn may(actor: &Actor, permission: Permission) -> bool {
    match actor.company {
        None => actor.role.is_staff() && staff_may(actor.role, permission),
        Some(company) => !actor.role.is_staff() && company_role_may(actor.role, company.kind, permission),
    }
}

/// The permissions `actor` holds, for the SPA's menus.
pub fn granted(actor: &Actor) -> Vec<Permission> {
    Permission::ALL.into_iter().filter(|p| may(actor, *p)).collect()
}

/// The one check: may `actor` do `permission` on an object owned by `target` (or on its own
/// company's objects when `target` is None)?
///
/// Reach: staff reach every company; a company user reaches its own company, and a distributor's
/// users also reach their resellers for user and reseller management. Anything else is `NotFound`.
pub fn authorize(actor: &Actor, permission: Permission, target: Option<Target>) -> Result<(), Denied> {
    let Some(company) = actor.company else {
        return if actor.role.is_staff() && staff_may(actor.role, permission) {
            Ok(())
        } else {
            Err(Denied::Forbidden)
        };
    };
    if let Some(target) = target {
        let own = target.company_id == company.id;
        let child = target.parent_id == Some(company.id)
            && company.kind == CompanyKind::Distributor
            && matches!(
                permission,
                Permission::ViewCompany
                    | Permission::ManageCompanyUsers
                    | Permission::TransferAdmin
                    | Permission::ManageResellers
                    | Permission::ViewOrders
            );
        if !own && !child {
            return Err(Denied::NotFound);
        }
        if child {
            // A distributor manages a reseller's users and details through reseller management.
            let kind_for_child = CompanyKind::Distributor;
            let allowed = company_role_may(actor.role, kind_for_child, Permission::ManageResellers)
                && (permission != Permission::TransferAdmin || actor.role == Role::CompanyAdmin);
            return if allowed { Ok(()) } else { Err(Denied::Forbidden) };
        }
    }
    if company_role_may(actor.role, company.kind, permission) {
        Ok(())
    } else {
        Err(Denied::Forbidden)
    }
}

#[cfg(test)]
#[allow(
    clippy::unnecessary_wraps,
    reason = "helpers build the Option argument of authorize"
)]
mod tests {
    use super::*;

    const DISTRIBUTOR: i64 = 1;
    const RESELLER: i64 = 2;
    const STRANGER: i64 = 3;

    fn user(role: Role, company: i64, kind: CompanyKind) -> Actor {
        Actor {
            user_id: 10,
            role,
            company: Some(ActorCompany { id: company, kind }),
        }
    }

    fn staff(role: Role) -> Actor {
        Actor {
            user_id: 1,
            role,
            company: None,
        }
    }

    fn own(id: i64) -> Option<Target> {
        Some(Target {
            company_id: id,
            parent_id: None,
        })
    }

    fn child() -> Option<Target> {
        Some(Target {
            company_id: RESELLER,
            parent_id: Some(DISTRIBUTOR),
        })
    }

    #[test]
    fn other_tenants_objects_are_not_found() {
        for role in [Role::CompanyAdmin, Role::CoAdmin, Role::Member] {
            let actor = user(role, RESELLER, CompanyKind::Reseller);
            for permission in Permission::ALL {
                assert_eq!(
                    authorize(&actor, permission, own(STRANGER)),
                    Err(Denied::NotFound),
                    "{role:?} {permission:?}"
                );
            }
        }
        let reseller_admin = user(Role::CompanyAdmin, RESELLER, CompanyKind::Reseller);
        let parent = Some(Target {
            company_id: DISTRIBUTOR,
            parent_id: None,
        });
        assert_eq!(
            authorize(&reseller_admin, Permission::ManageCompanyUsers, parent),
            Err(Denied::NotFound)
        );
    }

    #[test]
    fn members_cannot_do_admin_actions() {
        let member = user(Role::Member, RESELLER, CompanyKind::Reseller);
        assert_eq!(
            authorize(&member, Permission::ManageCompanyUsers, own(RESELLER)),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            authorize(&member, Permission::TransferAdmin, own(RESELLER)),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            authorize(&member, Permission::ManageCustomers, own(RESELLER)),
            Ok(())
        );
    }

    #[test]
    fn only_the_admin_transfers_admin() {
        let co = user(Role::CoAdmin, DISTRIBUTOR, CompanyKind::Distributor);
        let admin = user(Role::CompanyAdmin, DISTRIBUTOR, CompanyKind::Distributor);
        assert_eq!(
            authorize(&co, Permission::ManageCompanyUsers, own(DISTRIBUTOR)),
            Ok(())
        );
        assert_eq!(
            authorize(&co, Permission::TransferAdmin, own(DISTRIBUTOR)),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            authorize(&admin, Permission::TransferAdmin, own(DISTRIBUTOR)),
            Ok(())
        );
        assert_eq!(authorize(&admin, Permission::TransferAdmin, child()), Ok(()));
        assert_eq!(
            authorize(&co, Permission::TransferAdmin, child()),
            Err(Denied::Forbidden)
        );
    }

    #[test]
    fn distributors_manage_their_resellers_but_not_their_customers() {
        let admin = user(Role::CompanyAdmin, DISTRIBUTOR, CompanyKind::Distributor);
        assert_eq!(
            authorize(&admin, Permission::ManageResellers, own(DISTRIBUTOR)),
            Ok(())
        );
        assert_eq!(authorize(&admin, Permission::ManageCompanyUsers, child()), Ok(()));
        assert_eq!(
            authorize(&admin, Permission::ManageCustomers, child()),
            Err(Denied::NotFound)
        );
        let member = user(Role::Member, DISTRIBUTOR, CompanyKind::Distributor);
        assert_eq!(
            authorize(&member, Permission::ManageCompanyUsers, child()),
            Err(Denied::Forbidden)
        );
        let reseller_admin = user(Role::CompanyAdmin, RESELLER, CompanyKind::Reseller);
        assert_eq!(
            authorize(&reseller_admin, Permission::ManageResellers, own(RESELLER)),
            Err(Denied::Forbidden)
        );
    }

    #[test]
    fn staff_rights_by_role() {
        assert_eq!(
            authorize(&staff(Role::OperatorAdmin), Permission::ReviewApplications, None),
            Ok(())
        );
        assert_eq!(
            authorize(
                &staff(Role::AccountManager),
                Permission::ManageCompanyUsers,
                own(STRANGER)
            ),
            Ok(())
        );
        assert_eq!(
            authorize(&staff(Role::Finance), Permission::ReviewApplications, None),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            authorize(&staff(Role::OperatorAdmin), Permission::ManageCustomers, None),
            Err(Denied::Forbidden)
        );
        let member = user(Role::Member, RESELLER, CompanyKind::Reseller);
        assert_eq!(
            authorize(&member, Permission::ReviewApplications, None),
            Err(Denied::Forbidden)
        );
    }

    #[test]
    fn menus_follow_roles() {
        let names = |actor: Actor| {
            granted(&actor)
                .into_iter()
                .map(Permission::as_str)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(user(Role::Member, RESELLER, CompanyKind::Reseller)),
            ["place_orders", "view_orders", "manage_customers", "view_company"]
        );
        assert!(
            names(user(Role::CompanyAdmin, DISTRIBUTOR, CompanyKind::Distributor))
                .contains(&"manage_resellers")
        );
        assert!(
            !names(user(Role::CompanyAdmin, RESELLER, CompanyKind::Reseller)).contains(&"manage_resellers")
        );
        assert!(names(staff(Role::OperatorAdmin)).contains(&"review_applications"));
    }

    #[test]
    fn every_company_user_buys_and_no_staff_does() {
        for role in Role::ALL {
            let actor = if role.is_staff() {
                staff(role)
            } else {
                user(role, RESELLER, CompanyKind::Reseller)
            };
            assert_eq!(may(&actor, Permission::PlaceOrders), !role.is_staff(), "{role:?}");
        }
    }

    #[test]
    fn finance_is_for_the_operator_admin_and_finance_staff() {
        for role in Role::ALL {
            let actor = if role.is_staff() {
                staff(role)
            } else {
                user(role, RESELLER, CompanyKind::Reseller)
            };
            let expected = matches!(role, Role::OperatorAdmin | Role::Finance);
            assert_eq!(may(&actor, Permission::ManageFinance), expected, "{role:?}");
        }
        assert_eq!(
            authorize(&staff(Role::AccountManager), Permission::ManageFinance, None),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            granted(&staff(Role::Finance)),
            vec![Permission::ViewOrders, Permission::ManageFinance]
        );
    }

    #[test]
    fn assets_are_for_managers_and_members_when_allowed() {
        let admin = user(Role::CompanyAdmin, RESELLER, CompanyKind::Reseller);
        let co_admin = user(Role::CoAdmin, RESELLER, CompanyKind::Reseller);
        let member = user(Role::Member, RESELLER, CompanyKind::Reseller);
        assert!(may_view_assets(&admin, false) && may_view_assets(&co_admin, false));
        assert!(!may_view_assets(&member, false));
        assert!(may_view_assets(&member, true));
        assert!(
            !may_view_assets(&staff(Role::Finance), true),
            "staff have no company assets"
        );
        assert_eq!(
            authorize(&member, Permission::RepayCredit, None),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            authorize(&admin, Permission::ViewAssets, own(STRANGER)),
            Err(Denied::NotFound)
        );
    }
}
