//! What many integration tests share: demo logins, a demo marketplace, tiny valid files.

use rc_testkit::{TestApp, spawn_app};
use rc_types::catalog::ListSolutionsQuery;

/// The operator's admin (平台管理员).
pub const OPERATOR: &str = "admin@bluecloud.example";
/// An operator account manager (业务负责人), staff but not the admin.
pub const ACCOUNT_MANAGER: &str = "zhao.yikang@bluecloud.example";
/// The distributor BlueCloud_D's admin.
pub const DISTRIBUTOR: &str = "an@bluecloud-d.example";

/// The first bytes of a PNG: enough for the content sniffing of uploads.
pub const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R', 0, 0, 0, 1,
];

/// A fresh server with the demo accounts and the demo catalog.
pub async fn demo() -> TestApp {
    let app = spawn_app().await;
    app.seed_accounts();
    app.seed_demo();
    app
}

/// A catalog query for keyword `q`.
pub fn search(q: &str) -> ListSolutionsQuery {
    ListSolutionsQuery {
        q: Some(q.into()),
        ..ListSolutionsQuery::default()
    }
}
