//! Partner companies, users, roles and registration (manual §2, §6.1, §7, §8).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::validation::not_blank;

/// Who a user is on the platform. Operator staff have no company; company users belong to one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Operator administrator: everything in the back office.
    OperatorAdmin,
    /// Operator catalog manager.
    CatalogManager,
    /// Operator finance.
    Finance,
    /// Operator account manager (业务负责人), chosen by registering companies.
    AccountManager,
    /// Company administrator (管理员): exactly one per company.
    CompanyAdmin,
    /// Company co-administrator (协同管理员).
    CoAdmin,
    /// Company member.
    Member,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 7] = [
        Role::OperatorAdmin,
        Role::CatalogManager,
        Role::Finance,
        Role::AccountManager,
        Role::CompanyAdmin,
        Role::CoAdmin,
        Role::Member,
    ];

    /// The stable wire/database name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::OperatorAdmin => "operator_admin",
            Role::CatalogManager => "catalog_manager",
            Role::Finance => "finance",
            Role::AccountManager => "account_manager",
            Role::CompanyAdmin => "company_admin",
            Role::CoAdmin => "co_admin",
            Role::Member => "member",
        }
    }

    /// Parses the wire/database name.
    pub fn parse(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == name)
    }

    /// True for operator staff roles.
    pub fn is_staff(self) -> bool {
        matches!(
            self,
            Role::OperatorAdmin | Role::CatalogManager | Role::Finance | Role::AccountManager
        )
    }
}

/// Tier of a partner company.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CompanyKind {
    /// 分销商: tier 1, manages its resellers.
    Distributor,
    /// 经销商: tier 2, optionally under a distributor.
    Reseller,
}

/// Lifecycle of a partner company.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CompanyStatus {
    /// Applied, waiting for the operator's review.
    Pending,
    /// Approved and enabled.
    Active,
    /// Application rejected.
    Rejected,
    /// Disabled: its users can't log in.
    Disabled,
}

/// Lifecycle of a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UserStatus {
    /// Registrant of a company under review.
    Pending,
    /// Invited or approved, has not set a password yet.
    Invited,
    /// Can log in.
    Active,
    /// Can't log in.
    Disabled,
}

/// Membership tier (会员等级, §6.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// 注册级
    Registered,
    /// 银牌
    Silver,
    /// 金牌
    Gold,
}

/// An operator account manager a registering company can pick (业务负责人).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountManager {
    /// Staff user id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Email.
    pub email: String,
}

/// Text fields of the registration form (云服务经销商申请表, §2.1.2); files travel alongside.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistrationForm {
    /// 公司名称.
    #[validate(custom(function = not_blank), length(min = 2, max = 100, message = "company name must be 2 to 100 characters"))]
    pub company_name: String,
    /// 业务负责人: an id from `GET /api/v1/account-managers`.
    #[validate(range(min = 1, message = "choose an account manager"))]
    pub account_manager_id: i64,
    /// 联系人姓名.
    #[validate(custom(function = not_blank), length(max = 50, message = "name must be at most 50 characters"))]
    pub contact_name: String,
    /// 邮箱: becomes the administrator's login.
    #[validate(custom(function = crate::validation::email))]
    pub email: String,
    /// 电话.
    #[validate(custom(function = crate::validation::phone))]
    pub phone: String,
    /// 职位.
    #[validate(custom(function = not_blank), length(max = 50, message = "position must be at most 50 characters"))]
    pub position: String,
    /// 地址.
    #[validate(custom(function = not_blank), length(max = 200, message = "address must be at most 200 characters"))]
    pub address: String,
}

/// What the applicant sees after submitting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistrationReceipt {
    /// Always `pending`.
    pub status: CompanyStatus,
    /// Number of qualification files stored.
    pub file_count: u32,
}

/// A stored qualification file (资质证明).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompanyFile {
    /// File id; download with `GET /api/v1/files/{id}`.
    pub id: i64,
    /// Name as uploaded.
    pub file_name: String,
    /// Detected content type (by content, not extension).
    pub content_type: String,
    /// Size in bytes.
    pub size_bytes: u64,
    /// Upload time.
    pub created_at: DateTime<Utc>,
}

/// A person in a company, as listed in §7/§8.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserSummary {
    /// User id.
    pub id: i64,
    /// 姓名 (empty until the user accepts an invitation).
    pub name: String,
    /// 邮箱.
    pub email: String,
    /// 手机号码.
    pub phone: String,
    /// 职位.
    pub position: String,
    /// 角色.
    pub role: Role,
    /// Status.
    pub status: UserStatus,
    /// 创建日期.
    pub created_at: DateTime<Utc>,
    /// 最后登录日期.
    pub last_login_at: Option<DateTime<Utc>>,
    /// 是否激活.
    pub activated: bool,
    /// Disabled by the operator: only the operator can enable the user again.
    pub locked_by_operator: bool,
}

/// A partner company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Company {
    /// Company id.
    pub id: i64,
    /// 公司名称.
    pub name: String,
    /// Distributor or reseller; absent while pending.
    pub kind: Option<CompanyKind>,
    /// Parent distributor, for resellers under one.
    pub parent: Option<CompanyRef>,
    /// Status.
    pub status: CompanyStatus,
    /// 地址.
    pub address: String,
    /// 用户等级.
    pub tier: Tier,
    /// 蓝云客户经理.
    pub account_manager: Option<AccountManager>,
    /// Reason given when the application was rejected.
    pub reject_reason: Option<String>,
    /// 创建日期.
    pub created_at: DateTime<Utc>,
    /// Disabled by the operator: only the operator can enable the company again.
    pub locked_by_operator: bool,
}

/// A reference to a company by id and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompanyRef {
    /// Company id.
    pub id: i64,
    /// Company name.
    pub name: String,
}

/// A pending (or decided) application in the operator's review queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Application {
    /// The applying company.
    pub company: Company,
    /// The registrant (becomes the company admin).
    pub registrant: UserSummary,
    /// Uploaded qualification files.
    pub files: Vec<CompanyFile>,
}

/// The operator's decision on an application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApproveApplication {
    /// Distributor or reseller.
    pub kind: CompanyKind,
    /// For a reseller: the distributor it belongs to (optional).
    pub parent_id: Option<i64>,
}

/// Rejecting an application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RejectApplication {
    /// Why; sent to the applicant.
    #[validate(length(min = 2, max = 500, message = "reason must be 2 to 500 characters"))]
    pub reason: String,
}

/// Adding or editing a company's basic information (§8 添加/编辑经销商).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompanyInput {
    /// 公司.
    #[validate(custom(function = not_blank), length(min = 2, max = 100, message = "company name must be 2 to 100 characters"))]
    pub name: String,
    /// 地址.
    #[validate(custom(function = not_blank), length(max = 200, message = "address must be at most 200 characters"))]
    pub address: String,
}

/// Query of company lists (resellers of a distributor, the operator's company list).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct CompanyQuery {
    /// 1-based page number (default 1).
    #[validate(range(min = 1, max = 1_000_000, message = "page must be between 1 and 1000000"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Items per page, 1–100 (default 15).
    #[validate(range(min = 1, max = 100, message = "per_page must be between 1 and 100"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
    /// Part of the company name.
    #[validate(length(max = 100, message = "q must be at most 100 characters"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    /// Only this status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<CompanyStatus>,
}

/// Inviting a user by email (§7 添加, §8 邀请添加用户).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InviteUser {
    /// 邮箱.
    #[validate(custom(function = crate::validation::email))]
    pub email: String,
    /// `co_admin` or `member` (default `member`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
}

/// Editing a user (§7 编辑: 姓名, 手机) and, for admins, the role.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateUser {
    /// 姓名.
    #[validate(custom(function = not_blank), length(max = 50, message = "name must be at most 50 characters"))]
    pub name: String,
    /// 手机.
    #[validate(custom(function = crate::validation::phone))]
    pub phone: String,
    /// New role (`co_admin` or `member`); admins only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
}

/// The signed-in user's profile (个人资料, §6.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Profile {
    /// 登录信息.
    pub user: UserSummary,
    /// 注册信息: the company (absent for operator staff).
    pub company: Option<Company>,
    /// 注册人: who registered the company.
    pub registrant: Option<UserSummary>,
    /// What this user may do, for showing only the menus the role may use.
    pub permissions: Vec<String>,
}

/// Editing one's own name and phone.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateProfile {
    /// 姓名.
    #[validate(custom(function = not_blank), length(max = 50, message = "name must be at most 50 characters"))]
    pub name: String,
    /// 电话.
    #[validate(custom(function = crate::validation::phone))]
    pub phone: String,
}
