//! Leads from the storefront: consult tickets (在线咨询 / 工单, §4.8) and trial requests (申请试用,
//! §4.9), and the operator's queue that answers them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::storefront::OperatorContact;
use crate::validation::{email, not_blank, phone};

/// Longest consult description (服务详情, 300 characters in the manual).
pub const MAX_DETAILS: u64 = 300;

/// Consult ticket or trial request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TicketKind {
    /// 在线咨询.
    Consult,
    /// 申请试用.
    Trial,
}

/// Where a ticket stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TicketStatus {
    /// 新建: nobody has picked it up.
    New,
    /// 处理中.
    InProgress,
    /// 已关闭.
    Closed,
}

/// 服务类型 of a consult.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ServiceType {
    /// 售前咨询.
    PreSales,
    /// 售后服务.
    AfterSales,
    /// 商务合作.
    Partnership,
}

/// 支持类别 of a consult.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SupportCategory {
    /// 产品功能.
    Product,
    /// 价格与购买.
    Pricing,
    /// 技术问题.
    Technical,
    /// 账户与发票.
    Billing,
    /// 其他.
    Other,
}

/// The consult form (在线创建工单). Sent as the `ticket` JSON part of a multipart request with an
/// optional `attachment` file part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsultInput {
    /// The solution asked about, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub solution_id: Option<i64>,
    /// 服务类型.
    pub service_type: ServiceType,
    /// 支持类别.
    pub support_category: SupportCategory,
    /// 服务主题.
    #[validate(custom(function = not_blank), length(max = 100, message = "topic must be at most 100 characters"))]
    pub topic: String,
    /// 服务详情, at most 300 characters.
    #[validate(custom(function = not_blank), length(max = MAX_DETAILS, message = "details must be at most 300 characters"))]
    pub details: String,
    /// 姓名.
    #[validate(custom(function = not_blank), length(max = 50, message = "name must be at most 50 characters"))]
    pub name: String,
    /// 电话号码.
    #[validate(custom(function = phone))]
    pub phone: String,
    /// 邮箱.
    #[validate(custom(function = email))]
    pub email: String,
    /// 公司名称.
    #[validate(custom(function = not_blank), length(max = 100, message = "company must be at most 100 characters"))]
    pub company: String,
}

/// The trial form (申请试用).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrialInput {
    /// The solution to try.
    pub solution_id: i64,
    /// 姓名.
    #[validate(custom(function = not_blank), length(max = 50, message = "name must be at most 50 characters"))]
    pub name: String,
    /// 邮箱.
    #[validate(custom(function = email))]
    pub email: String,
    /// 电话.
    #[validate(custom(function = phone))]
    pub phone: String,
    /// 公司.
    #[validate(custom(function = not_blank), length(max = 100, message = "company must be at most 100 characters"))]
    pub company: String,
    /// 备注.
    #[validate(length(max = 500, message = "note must be at most 500 characters"))]
    #[serde(default)]
    pub note: String,
}

/// What the submitter sees after sending a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketReceipt {
    /// Ticket id.
    pub id: i64,
    /// Human reference, e.g. `ZX-000042` (consult) or `SY-000043` (trial).
    pub number: String,
    /// Who will get in touch, and how soon.
    pub contact: OperatorContact,
}

/// The solution a ticket is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketSolution {
    /// Solution id.
    pub id: i64,
    /// Solution name.
    pub name: String,
}

/// The operator staff member handling a ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketAssignee {
    /// User id.
    pub id: i64,
    /// Name.
    pub name: String,
}

/// A ticket in lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketSummary {
    /// Ticket id.
    pub id: i64,
    /// Human reference.
    pub number: String,
    /// Consult or trial.
    pub kind: TicketKind,
    /// Status.
    pub status: TicketStatus,
    /// Topic (trials: `申请试用 <solution>`).
    pub topic: String,
    /// The solution concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub solution: Option<TicketSolution>,
    /// Submitter's name.
    pub name: String,
    /// Submitter's company.
    pub company: String,
    /// Submitter's email.
    pub email: String,
    /// Who handles it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<TicketAssignee>,
    /// Submitted.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// An attached file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketAttachment {
    /// Original file name.
    pub file_name: String,
    /// Detected content type.
    pub content_type: String,
    /// Size in bytes.
    pub size: u64,
}

/// What happened on a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TicketEventKind {
    /// A reply emailed to the submitter (they see it too).
    Reply,
    /// An internal note (operator only).
    Note,
    /// A status or assignee change.
    Change,
}

/// What a change event set: the status and the assignee after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketChange {
    /// Status after the change.
    pub status: TicketStatus,
    /// The assignee's name after the change; absent when unassigned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
}

/// One entry of a ticket's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketEvent {
    /// Event id.
    pub id: i64,
    /// Reply, note or change.
    pub kind: TicketEventKind,
    /// Text (a change's in the log's own words: `status=in_progress assignee=王工`).
    pub body: String,
    /// For changes: what they set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<TicketChange>,
    /// Operator staff member's name.
    pub author: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// A ticket with everything submitted and its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketDetail {
    /// List fields.
    #[serde(flatten)]
    pub summary: TicketSummary,
    /// 服务类型 (consults).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_type: Option<ServiceType>,
    /// 支持类别 (consults).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_category: Option<SupportCategory>,
    /// 服务详情 or 备注.
    pub details: String,
    /// Submitter's phone.
    pub phone: String,
    /// Attached file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<TicketAttachment>,
    /// History, oldest first (submitters see replies only).
    pub events: Vec<TicketEvent>,
}

/// Query of the ticket lists.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct TicketQuery {
    /// 1-based page number (default 1).
    #[validate(range(min = 1, max = 1_000_000, message = "page must be between 1 and 1000000"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Items per page, 1–100 (default 20).
    #[validate(range(min = 1, max = 100, message = "per_page must be between 1 and 100"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
    /// Only this status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<TicketStatus>,
    /// Only consults or only trials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<TicketKind>,
}

/// The operator sets a ticket's status and assignee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketUpdate {
    /// New status.
    pub status: TicketStatus,
    /// Operator staff member to handle it; absent to unassign.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee_id: Option<i64>,
}

/// The operator writes on a ticket: an emailed reply or an internal note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketMessage {
    /// Text.
    #[validate(custom(function = not_blank), length(max = 5000, message = "at most 5000 characters"))]
    pub body: String,
    /// `true`: internal note, not sent; `false`: reply emailed to the submitter.
    pub internal: bool,
}
