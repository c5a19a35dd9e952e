//! The operator's catalog and content console, and the storefront following its edits (also
//! those another server makes).

use crate::fixtures::{PNG, demo, search};
use rc_client::Upload;
use rc_types::PageQuery;
use rc_types::catalog::{
    Category, ListSolutionsQuery, PlanInput, PlanKind, PublishState, SolutionInput, SupportInfo,
};
use rc_types::storefront::{BannerInput, HelpPageInput, NewsInput, OperatorContact};
use rust_decimal::Decimal;

fn new_solution(name: &str, sku: &str) -> SolutionInput {
    SolutionInput {
        name: name.into(),
        vendor: "Skyline".into(),
        summary: "量子加密备份服务 Quantum vault".into(),
        description: "全新的备份方案。".into(),
        features: vec!["加密".into(), " ".into()],
        category: Category::BackupMigration,
        region: "中国大陆".into(),
        logo_media_id: None,
        plans: vec![PlanInput {
            id: None,
            name: "标准版".into(),
            sku_code: sku.into(),
            unit_price: Decimal::new(9_900, 2),
            tax_rate: Decimal::from(6),
            region: "中国大陆".into(),
            kind: PlanKind::Service,
        }],
        cases: vec![],
        resources: vec![],
        support: SupportInfo::default(),
        agreement: "## 条款\n\n<script>alert(1)</script>按约定使用。".into(),
    }
}

#[tokio::test]
async fn operator_runs_the_catalog_and_the_storefront_follows_at_once() {
    let app = demo().await;
    let operator = app.login_demo("admin@bluecloud.example").await;
    let visitor = app.anonymous();
    // Warm the caches so the edits below must invalidate them.
    assert!(
        visitor
            .search_solutions(&search("量子"))
            .await
            .unwrap()
            .items
            .is_empty()
    );
    let before = visitor
        .list_solutions(&ListSolutionsQuery::default())
        .await
        .unwrap()
        .total;

    let draft = operator
        .create_solution(&new_solution("量子备份 Quantum Backup", "Q-BAK-001"))
        .await
        .unwrap();
    assert_eq!(draft.state, PublishState::Draft);
    assert_eq!(draft.input.features, ["加密"], "blank features are dropped");
    assert!(
        visitor
            .search_solutions(&search("量子"))
            .await
            .unwrap()
            .items
            .is_empty(),
        "drafts never show"
    );
    assert_eq!(
        visitor.get_solution(draft.id).await.unwrap_err().status(),
        Some(404)
    );

    operator.publish_solution(draft.id).await.unwrap();
    let found = visitor.search_solutions(&search("量子")).await.unwrap();
    assert_eq!(found.items[0].id, draft.id);
    assert_eq!(
        visitor
            .list_solutions(&ListSolutionsQuery::default())
            .await
            .unwrap()
            .total,
        before + 1
    );
    let detail = visitor.get_solution(draft.id).await.unwrap();
    assert!(
        !detail.agreement_html.contains("<script"),
        "{}",
        detail.agreement_html
    );

    let mut edit = operator.get_admin_solution(draft.id).await.unwrap().input;
    edit.name = "星河备份 Galaxy Backup".into();
    edit.summary = "银河加密备份".into();
    edit.plans[0].unit_price = Decimal::new(12_900, 2);
    edit.plans.push(PlanInput {
        id: None,
        sku_code: "Q-BAK-002".into(),
        name: "企业版".into(),
        ..edit.plans[0].clone()
    });
    let edited = operator.update_solution(draft.id, &edit).await.unwrap();
    assert_eq!(edited.input.plans.len(), 2);
    assert_eq!(
        edited.input.plans[0].id, draft.input.plans[0].id,
        "plans keep their ids"
    );
    assert!(
        visitor
            .search_solutions(&search("量子"))
            .await
            .unwrap()
            .items
            .is_empty()
    );
    assert_eq!(
        visitor.search_solutions(&search("galaxy")).await.unwrap().items[0].id,
        draft.id
    );
    assert_eq!(
        visitor
            .get_solution(draft.id)
            .await
            .unwrap()
            .summary
            .price_from
            .amount,
        Decimal::new(12_900, 2)
    );

    operator.unpublish_solution(draft.id).await.unwrap();
    assert!(
        visitor
            .search_solutions(&search("galaxy"))
            .await
            .unwrap()
            .items
            .is_empty()
    );
    assert_eq!(
        visitor.get_solution(draft.id).await.unwrap_err().status(),
        Some(404)
    );
    let drafts = operator
        .list_admin_solutions(&rc_types::catalog::AdminSolutionQuery {
            state: Some(PublishState::Draft),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(drafts.items.iter().any(|s| s.id == draft.id));

    // Bad input: a taken SKU, nested field errors, a plan of another solution.
    let taken = operator
        .create_solution(&new_solution("另一个方案", "S-SAA-BAK-PLA-P-MIG-001"))
        .await
        .unwrap_err();
    assert_eq!(taken.status(), Some(409));
    assert_eq!(taken.body().unwrap().fields[0].field, "plans");
    let mut invalid = new_solution(" ", "bad sku!");
    invalid.plans[0].tax_rate = Decimal::from(101);
    let err = operator.create_solution(&invalid).await.unwrap_err();
    let fields: Vec<&str> = err
        .body()
        .unwrap()
        .fields
        .iter()
        .map(|f| f.field.as_str())
        .collect();
    assert_eq!(err.status(), Some(422));
    assert_eq!(fields, ["name", "plans[0].sku_code", "plans[0].tax_rate"]);
    let mut stolen = operator.get_admin_solution(draft.id).await.unwrap().input;
    stolen.plans[0].id = Some(1);
    assert_eq!(
        operator
            .update_solution(draft.id, &stolen)
            .await
            .unwrap_err()
            .status(),
        Some(422)
    );

    // Only operator staff with catalog rights.
    let member = app.login_demo("sales@bluecloud-d.example").await;
    assert_eq!(
        member
            .create_solution(&new_solution("x", "X-1"))
            .await
            .unwrap_err()
            .status(),
        Some(403)
    );
    assert_eq!(
        visitor
            .list_admin_solutions(&rc_types::catalog::AdminSolutionQuery::default())
            .await
            .unwrap_err()
            .status(),
        Some(401)
    );
}

#[tokio::test]
async fn another_servers_edit_reaches_this_server_within_a_second() {
    let app = demo().await;
    let visitor = app.anonymous();
    let id = visitor.search_solutions(&search("SaaS4Me")).await.unwrap().items[0].id;
    visitor.get_solution(id).await.unwrap();
    // Another server unpublishes it: only the database changes.
    app.with_conn(|conn| rc_store::catalog::write::set_state(conn, id, PublishState::Draft))
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(1_500)).await;
    assert_eq!(visitor.get_solution(id).await.unwrap_err().status(), Some(404));
    assert!(
        visitor
            .search_solutions(&search("SaaS4Me"))
            .await
            .unwrap()
            .items
            .is_empty()
    );
}

#[tokio::test]
async fn content_console_edits_show_on_the_storefront() {
    let app = demo().await;
    let operator = app.login_demo("admin@bluecloud.example").await;
    let visitor = app.anonymous();
    let image = operator
        .upload_media(Upload {
            file_name: "banner.png".into(),
            bytes: PNG.to_vec(),
        })
        .await
        .unwrap();
    assert_eq!(visitor.download_media(image.id).await.unwrap(), PNG);
    let not_image = operator
        .upload_media(Upload {
            file_name: "x.png".into(),
            bytes: b"<svg onload=alert(1)>".to_vec(),
        })
        .await
        .unwrap_err();
    assert_eq!(not_image.status(), Some(415));

    let mut banner = BannerInput {
        title: "双十一".into(),
        image_media_id: Some(image.id),
        link: "/solutions".into(),
        state: PublishState::Draft,
        ..BannerInput::default()
    };
    let created = operator.create_banner(&banner).await.unwrap();
    assert!(
        visitor
            .get_home()
            .await
            .unwrap()
            .banners
            .iter()
            .all(|b| b.id != created.id),
        "drafts stay hidden"
    );
    banner.state = PublishState::Published;
    banner.starts_at = Some(chrono::Utc::now() + chrono::Duration::days(1));
    operator.update_banner(created.id, &banner).await.unwrap();
    assert!(
        visitor
            .get_home()
            .await
            .unwrap()
            .banners
            .iter()
            .all(|b| b.id != created.id),
        "not yet in its window"
    );
    banner.starts_at = None;
    operator.update_banner(created.id, &banner).await.unwrap();
    let shown = visitor.get_home().await.unwrap();
    let shown = shown.banners.iter().find(|b| b.id == created.id).unwrap();
    assert_eq!(shown.image_url.as_deref(), Some(image.url.as_str()));
    assert_eq!(
        shown.image_media_id,
        Some(image.id),
        "an editor keeps the image by sending its id back"
    );
    banner.link = "javascript:alert(1)".into();
    assert_eq!(
        operator
            .update_banner(created.id, &banner)
            .await
            .unwrap_err()
            .status(),
        Some(422)
    );
    banner.link = "/".into();
    banner.image_media_id = Some(987_654);
    let unknown = operator.update_banner(created.id, &banner).await.unwrap_err();
    assert_eq!(unknown.body().unwrap().fields[0].field, "image_media_id");
    operator.delete_banner(created.id).await.unwrap();
    assert_eq!(
        operator.delete_banner(created.id).await.unwrap_err().status(),
        Some(404)
    );

    let page = operator
        .create_help(&HelpPageInput {
            slug: "billing".into(),
            title: "账单".into(),
            body: "## 对账\n\n<img src=x onerror=alert(1)>每月 1 日出账。\n\n### 还款".into(),
            position: 9,
            state: PublishState::Published,
        })
        .await
        .unwrap();
    let rendered = visitor.get_help("billing").await.unwrap();
    assert!(!rendered.body_html.contains("onerror"), "{}", rendered.body_html);
    assert_eq!(
        rendered.toc.iter().map(|t| t.text.as_str()).collect::<Vec<_>>(),
        ["对账", "还款"]
    );
    let duplicate = operator.create_help(&page.input).await.unwrap_err();
    assert_eq!(
        (
            duplicate.status(),
            duplicate.body().unwrap().fields[0].field.as_str()
        ),
        (Some(409), "slug")
    );

    let news = operator
        .create_news(&NewsInput {
            title: "内部草稿".into(),
            body: "草稿".into(),
            state: PublishState::Draft,
            ..NewsInput::default()
        })
        .await
        .unwrap();
    assert_eq!(visitor.get_news(news.id).await.unwrap_err().status(), Some(404));
    assert!(
        operator
            .list_admin_news(PageQuery::default())
            .await
            .unwrap()
            .items
            .iter()
            .any(|n| n.id == news.id)
    );

    let card = OperatorContact {
        name: "蓝云客服".into(),
        phone: "400-100-2000".into(),
        email: "care@bluecloud.example".into(),
        response_time: "2 小时内".into(),
        legal_name: "上海蓝云网络科技有限公司".into(),
        legal_name_en: String::new(),
    };
    operator.update_operator_contact(&card).await.unwrap();
    assert_eq!(visitor.get_operator_contact().await.unwrap(), card);
}
