//! End customers of a partner company (我的客户, §6.3).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::validation::not_blank;

/// An end customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Customer {
    /// Customer id.
    pub id: i64,
    /// 姓名.
    pub name: String,
    /// 公司.
    pub company_name: String,
    /// 邮箱.
    pub email: String,
    /// 电话.
    pub phone: String,
    /// 地址.
    pub address: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// Adding or editing a customer (添加客户 / 编辑客户).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerInput {
    /// 姓名.
    #[validate(custom(function = not_blank), length(max = 50, message = "name must be at most 50 characters"))]
    pub name: String,
    /// 邮箱.
    #[validate(custom(function = crate::validation::email))]
    pub email: String,
    /// 公司.
    #[validate(custom(function = not_blank), length(max = 100, message = "company must be at most 100 characters"))]
    pub company_name: String,
    /// 电话.
    #[validate(custom(function = crate::validation::phone))]
    pub phone: String,
    /// 地址 (optional).
    #[validate(length(max = 200, message = "address must be at most 200 characters"))]
    #[serde(default)]
    pub address: String,
}

/// Query of `GET /api/v1/customers`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct CustomerQuery {
    /// 1-based page number (default 1).
    #[validate(range(min = 1, max = 1_000_000, message = "page must be between 1 and 1000000"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Items per page, 1–100 (default 15, as in the manual's 15 条/页).
    #[validate(range(min = 1, max = 100, message = "per_page must be between 1 and 100"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
    /// Matches company, name, email or phone (请输入公司/姓名/邮箱/电话进行搜索).
    #[validate(length(max = 100, message = "q must be at most 100 characters"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
}

/// Deleting several customers at once (批量删除).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BulkDelete {
    /// Ids to delete; ids of other companies are ignored (and not counted).
    #[validate(length(min = 1, max = 100, message = "select 1 to 100 items"))]
    pub ids: Vec<i64>,
}

/// How many rows an operation changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Affected {
    /// Rows changed.
    pub count: u64,
}
