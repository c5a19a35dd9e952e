//! Storefront: home, keyword search, detail tabs, content; the operator's catalog and content
//! console; consult tickets and trial requests through the operator's queue.

use rc_client::Upload;
use rc_testkit::{TestApp, spawn_app};
use rc_types::catalog::{
    Category, ListSolutionsQuery, PlanInput, PlanKind, PublishState, SolutionInput, SolutionSort, SupportInfo,
};
use rc_types::storefront::{BannerInput, HelpPageInput, NewsInput, OperatorContact};
use rc_types::tickets::{
    ConsultInput, ServiceType, SupportCategory, TicketEventKind, TicketMessage, TicketQuery, TicketStatus,
    TicketUpdate, TrialInput,
};
use rc_types::{ErrorCode, PageQuery};
use rust_decimal::Decimal;

const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R', 0, 0, 0, 1,
];

async fn demo() -> TestApp {
    let app = spawn_app().await;
    app.seed_accounts();
    app.seed_demo();
    app
}

fn search(q: &str) -> ListSolutionsQuery {
    ListSolutionsQuery {
        q: Some(q.into()),
        ..ListSolutionsQuery::default()
    }
}

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
async fn home_shows_banners_hot_news_partners_and_ads() {
    let app = demo().await;
    let home = app.anonymous().home().await.unwrap();
    assert_eq!(home.banners.len(), 3);
    assert_eq!(home.hot.len(), 8);
    let sales: Vec<u64> = home.hot.iter().map(|s| s.sales_count).collect();
    assert!(sales.windows(2).all(|w| w[0] >= w[1]), "{sales:?}");
    assert!(home.news.len() >= 3);
    assert!(home.partners.iter().any(|p| p.name == "世纪互联"));
    assert!(!home.ads.is_empty());
    assert!(home.product_count > 0 && home.service_count > 0);
}

#[tokio::test]
async fn keyword_search_finds_chinese_and_english_and_explains_bad_input() {
    let app = demo().await;
    let visitor = app.anonymous();
    let migration = visitor.search(&search("迁移")).await.unwrap();
    let names: Vec<&str> = migration.items.iter().map(|s| s.name.as_str()).collect();
    assert!(
        names.contains(&"CloudAtlas (Unify Cloud) 一站式上云迁移管理套件"),
        "{names:?}"
    );
    assert!(names.contains(&"BitTitan数据迁移工具"), "{names:?}");
    assert_eq!(migration.terms, ["迁移"]);

    let azure = visitor.search(&search("AZURE")).await.unwrap();
    assert_eq!(azure.items[0].name, "5Nine Cloud Manager & Security for Azure");

    let cheap = visitor
        .search(&ListSolutionsQuery {
            price_max: Some(Decimal::from(200)),
            sort: Some(SolutionSort::PriceAsc),
            ..search("迁移")
        })
        .await
        .unwrap();
    let prices: Vec<Decimal> = cheap.items.iter().map(|s| s.price_from.amount).collect();
    assert!(
        !prices.is_empty() && prices.iter().all(|p| *p <= Decimal::from(200)),
        "{prices:?}"
    );
    assert!(prices.windows(2).all(|w| w[0] <= w[1]), "{prices:?}");

    let suggestions = visitor.suggest("cloudat").await.unwrap();
    assert_eq!(suggestions[0].vendor, "CloudAtlas");
    let listed = visitor.get_solution(suggestions[0].id).await.unwrap().summary;
    assert_eq!(
        (&suggestions[0].price_from, &suggestions[0].logo_url),
        (&listed.price_from, &listed.logo_url),
        "a suggestion shows the price (and logo) the list does"
    );

    for (q, code) in [("  !?。 ", "no_terms"), ("", "length")] {
        let err = visitor.search(&search(q)).await.unwrap_err();
        let body = err.body().unwrap();
        assert_eq!(
            (err.status(), body.code),
            (Some(422), ErrorCode::ValidationFailed),
            "{q:?}"
        );
        assert_eq!(body.fields[0].field, "q");
        assert_eq!(body.fields[0].code, code, "{q:?}");
    }
    let long = visitor.search(&search(&"云".repeat(101))).await.unwrap_err();
    assert_eq!(long.status(), Some(422));
    assert!(
        visitor
            .search(&search("没有这种产品"))
            .await
            .unwrap()
            .items
            .is_empty()
    );
}

#[tokio::test]
async fn detail_has_every_tab() {
    let app = demo().await;
    let visitor = app.anonymous();
    let id = visitor.search(&search("SaaS4Me")).await.unwrap().items[0].id;
    let detail = visitor.get_solution(id).await.unwrap();
    assert_eq!(detail.cases[0].customer, "陕西省国家税务局");
    assert!(detail.resources.iter().any(|r| r.title == "复制与恢复的速度?"));
    assert_eq!(detail.support.hotline, "400-085-0139");
    assert!(
        detail.agreement_html.contains("<h2>软件许可</h2>"),
        "{}",
        detail.agreement_html
    );
    assert_eq!(detail.reviews.count, 3);
    assert_eq!(detail.reviews.distribution, [0, 0, 0, 1, 2]);
    assert_eq!(detail.reviews.average, Some(Decimal::new(47, 1)));
    assert!(!detail.similar.is_empty() && detail.similar.iter().all(|s| s.id != id));
    assert_eq!(detail.related.len(), 3);
    let reviews = visitor.list_reviews(id, PageQuery::default()).await.unwrap();
    assert_eq!(reviews.total, 3);
    assert_eq!(
        visitor
            .list_reviews(987_654, PageQuery::default())
            .await
            .unwrap_err()
            .status(),
        Some(404)
    );
}

#[tokio::test]
async fn operator_runs_the_catalog_and_the_storefront_follows_at_once() {
    let app = demo().await;
    let operator = app.login_demo("admin@bluecloud.example").await;
    let visitor = app.anonymous();
    // Warm the caches so the edits below must invalidate them.
    assert!(visitor.search(&search("量子")).await.unwrap().items.is_empty());
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
        visitor.search(&search("量子")).await.unwrap().items.is_empty(),
        "drafts never show"
    );
    assert_eq!(
        visitor.get_solution(draft.id).await.unwrap_err().status(),
        Some(404)
    );

    operator.set_solution_published(draft.id, true).await.unwrap();
    let found = visitor.search(&search("量子")).await.unwrap();
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

    let mut edit = operator.admin_solution(draft.id).await.unwrap().input;
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
    assert!(visitor.search(&search("量子")).await.unwrap().items.is_empty());
    assert_eq!(
        visitor.search(&search("galaxy")).await.unwrap().items[0].id,
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

    operator.set_solution_published(draft.id, false).await.unwrap();
    assert!(visitor.search(&search("galaxy")).await.unwrap().items.is_empty());
    assert_eq!(
        visitor.get_solution(draft.id).await.unwrap_err().status(),
        Some(404)
    );
    let drafts = operator
        .admin_solutions(&rc_types::catalog::AdminSolutionQuery {
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
    let mut stolen = operator.admin_solution(draft.id).await.unwrap().input;
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
            .admin_solutions(&rc_types::catalog::AdminSolutionQuery::default())
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
    let id = visitor.search(&search("SaaS4Me")).await.unwrap().items[0].id;
    visitor.get_solution(id).await.unwrap();
    // Another server unpublishes it: only the database changes.
    app.with_conn(|conn| rc_store::catalog::write::set_state(conn, id, PublishState::Draft))
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(1_500)).await;
    assert_eq!(visitor.get_solution(id).await.unwrap_err().status(), Some(404));
    assert!(visitor.search(&search("SaaS4Me")).await.unwrap().items.is_empty());
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
            .home()
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
            .home()
            .await
            .unwrap()
            .banners
            .iter()
            .all(|b| b.id != created.id),
        "not yet in its window"
    );
    banner.starts_at = None;
    operator.update_banner(created.id, &banner).await.unwrap();
    let shown = visitor.home().await.unwrap();
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
            .admin_news(PageQuery::default())
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
    };
    operator.update_operator_contact(&card).await.unwrap();
    assert_eq!(visitor.operator_contact().await.unwrap(), card);
}

fn consult(solution_id: i64) -> ConsultInput {
    ConsultInput {
        solution_id: Some(solution_id),
        service_type: ServiceType::PreSales,
        support_category: SupportCategory::Pricing,
        topic: "批量采购价格".into(),
        details: "我们计划迁移 50 台服务器，请提供报价。".into(),
        name: "刘洋".into(),
        phone: "13900001111".into(),
        email: "Liu.Yang@Example.cn".into(),
        company: "星海科技".into(),
    }
}

#[tokio::test]
async fn consult_and_trial_reach_the_operator_who_replies_and_closes() {
    let app = demo().await;
    let visitor = app.anonymous();
    let id = visitor.search(&search("SaaS4Me")).await.unwrap().items[0].id;
    let receipt = visitor
        .create_consult(
            &consult(id),
            Some(Upload {
                file_name: "需求.png".into(),
                bytes: PNG.to_vec(),
            }),
        )
        .await
        .unwrap();
    assert!(receipt.number.starts_with("ZX-"), "{}", receipt.number);
    assert_eq!(receipt.contact.response_time, "1 个工作日内");
    let ack = app.smtp.wait_for("liu.yang@example.cn", 0).await;
    assert!(ack.subject.contains(&receipt.number), "{}", ack.subject);
    assert!(ack.body.contains("1 个工作日内"), "{}", ack.body);

    let trial = visitor
        .create_trial(&TrialInput {
            solution_id: id,
            name: "刘洋".into(),
            email: "liu.yang@example.cn".into(),
            phone: "13900001111".into(),
            company: "星海科技".into(),
            note: "希望试用两周".into(),
        })
        .await
        .unwrap();
    assert!(trial.number.starts_with("SY-"));

    let operator = app.login_demo("admin@bluecloud.example").await;
    let queue = operator
        .admin_tickets(&TicketQuery {
            status: Some(TicketStatus::New),
            ..TicketQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(queue.total, 2);
    assert_eq!(queue.items[0].topic, "申请试用 SaaS4Me Transport");
    assert_eq!(
        operator.download_ticket_attachment(receipt.id).await.unwrap(),
        PNG
    );
    let assignee = operator
        .ticket_assignees()
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.name == "赵益康")
        .unwrap();
    let taken_up = operator
        .update_ticket(
            receipt.id,
            &TicketUpdate {
                status: TicketStatus::InProgress,
                assignee_id: Some(assignee.id),
            },
        )
        .await
        .unwrap();
    assert_eq!(taken_up.summary.assignee.unwrap().name, "赵益康");
    operator
        .post_ticket_message(
            receipt.id,
            &TicketMessage {
                body: "客户预算有限".into(),
                internal: true,
            },
        )
        .await
        .unwrap();
    let replied = operator
        .post_ticket_message(
            receipt.id,
            &TicketMessage {
                body: "您好，报价已发送至邮箱。".into(),
                internal: false,
            },
        )
        .await
        .unwrap();
    let kinds: Vec<TicketEventKind> = replied.events.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            TicketEventKind::Change,
            TicketEventKind::Note,
            TicketEventKind::Reply
        ]
    );
    assert_eq!(
        replied.events[0].change,
        Some(rc_types::tickets::TicketChange {
            status: TicketStatus::InProgress,
            assignee: Some("赵益康".into()),
        }),
        "a change says what it set"
    );
    assert_eq!(replied.events[1].change, None);
    let reply = app.smtp.wait_for("liu.yang@example.cn", 2).await;
    assert!(reply.body.contains("报价已发送"), "{}", reply.body);
    let closed = operator
        .update_ticket(
            receipt.id,
            &TicketUpdate {
                status: TicketStatus::Closed,
                assignee_id: Some(assignee.id),
            },
        )
        .await
        .unwrap();
    assert_eq!(closed.summary.status, TicketStatus::Closed);

    // Anonymous submitters have no account to read it from; a member can't work the queue.
    let member = app.login_demo("sales@bluecloud-d.example").await;
    assert_eq!(
        member
            .admin_tickets(&TicketQuery::default())
            .await
            .unwrap_err()
            .status(),
        Some(403)
    );
    assert_eq!(
        member.my_ticket(receipt.id).await.unwrap_err().status(),
        Some(404)
    );
}

#[tokio::test]
async fn signed_in_submitters_see_their_tickets_and_replies_only() {
    let app = demo().await;
    let user = app.login_demo("an@bluecloud-d.example").await;
    let id = user.search(&search("SaaS4Me")).await.unwrap().items[0].id;
    let receipt = user
        .create_consult(
            &consult(id),
            Some(Upload {
                file_name: "拓扑图.png".into(),
                bytes: PNG.to_vec(),
            }),
        )
        .await
        .unwrap();
    let operator = app.login_demo("admin@bluecloud.example").await;
    for (body, internal) in [("内部备注", true), ("已安排顾问联系您", false)] {
        operator
            .post_ticket_message(
                receipt.id,
                &TicketMessage {
                    body: body.into(),
                    internal,
                },
            )
            .await
            .unwrap();
    }
    let mine = user.my_tickets(&TicketQuery::default()).await.unwrap();
    assert_eq!((mine.total, mine.items[0].status), (1, TicketStatus::InProgress));
    let detail = user.my_ticket(receipt.id).await.unwrap();
    assert_eq!(detail.events.len(), 1, "internal notes stay internal");
    assert_eq!(detail.events[0].body, "已安排顾问联系您");
    assert_eq!(
        user.download_my_ticket_attachment(receipt.id).await.unwrap(),
        PNG,
        "submitters can download what they attached"
    );
    let other = app.login_demo("admin@heenor.example").await;
    assert_eq!(other.my_ticket(receipt.id).await.unwrap_err().status(), Some(404));
    assert_eq!(
        other
            .download_my_ticket_attachment(receipt.id)
            .await
            .unwrap_err()
            .status(),
        Some(404),
        "another company's attachment does not exist for them"
    );
    assert_eq!(
        app.anonymous()
            .download_my_ticket_attachment(receipt.id)
            .await
            .unwrap_err()
            .status(),
        Some(401)
    );
    assert!(
        other
            .my_tickets(&TicketQuery::default())
            .await
            .unwrap()
            .items
            .is_empty()
    );
}

#[tokio::test]
async fn lead_forms_refuse_bad_input_and_keep_nothing() {
    let app = demo().await;
    let visitor = app.anonymous();
    let id = visitor.search(&search("SaaS4Me")).await.unwrap().items[0].id;
    let mut long = consult(id);
    long.details = "字".repeat(301);
    long.email = "not-an-email".into();
    let err = visitor.create_consult(&long, None).await.unwrap_err();
    let fields: Vec<&str> = err
        .body()
        .unwrap()
        .fields
        .iter()
        .map(|f| f.field.as_str())
        .collect();
    assert_eq!((err.status(), fields), (Some(422), vec!["details", "email"]));
    let pdf_named_png = Upload {
        file_name: "a.pdf".into(),
        bytes: b"MZ\x90\x00 not a pdf".to_vec(),
    };
    assert_eq!(
        visitor
            .create_consult(&consult(id), Some(pdf_named_png))
            .await
            .unwrap_err()
            .status(),
        Some(415)
    );
    let unknown = visitor
        .create_trial(&TrialInput {
            solution_id: 987_654,
            name: "x".into(),
            email: "x@y.cn".into(),
            phone: "13900001111".into(),
            company: "x".into(),
            note: String::new(),
        })
        .await
        .unwrap_err();
    assert_eq!(unknown.body().unwrap().fields[0].field, "solution_id");
    let operator = app.login_demo("admin@bluecloud.example").await;
    assert_eq!(
        operator
            .admin_tickets(&TicketQuery::default())
            .await
            .unwrap()
            .total,
        0
    );
}

#[tokio::test]
async fn lead_forms_are_rate_limited() {
    let app = rc_testkit::spawn_app_with_limits(rc_api::limits::Limits::with(100, 100, 2)).await;
    app.seed_demo();
    let visitor = app.anonymous();
    let id = visitor.search(&search("SaaS4Me")).await.unwrap().items[0].id;
    for _ in 0..2 {
        visitor.create_consult(&consult(id), None).await.unwrap();
    }
    let limited = visitor.create_consult(&consult(id), None).await.unwrap_err();
    assert_eq!(limited.status(), Some(429));
    assert!(limited.retry_after().is_some_and(|seconds| seconds >= 1));
}
