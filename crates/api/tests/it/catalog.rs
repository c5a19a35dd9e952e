//! The public catalog: list (paging, filters, sorts), detail, vendors.

use rc_client::ClientError;
use rc_domain::Fen;
use rc_store::catalog::write::SolutionExtras;
use rc_store::catalog::{NewPlan, NewSolution, insert_solution};
use rc_testkit::{TestApp, spawn_app};
use rc_types::ErrorCode;
use rc_types::catalog::{Category, ListSolutionsQuery, PlanKind, SolutionSort};

async fn seeded() -> TestApp {
    let app = spawn_app().await;
    assert_eq!(app.seed_demo(), 16);
    app
}

fn query() -> ListSolutionsQuery {
    ListSolutionsQuery::default()
}

#[tokio::test]
async fn lists_the_demo_catalog_most_popular_first() {
    let app = seeded().await;
    let page = app.client.list_solutions(&query()).await.unwrap();
    assert_eq!(page.total, 16);
    assert_eq!((page.page, page.per_page), (1, 20));
    assert_eq!(page.items.len(), 16);
    let sales: Vec<u64> = page.items.iter().map(|s| s.sales_count).collect();
    assert!(sales.windows(2).all(|w| w[0] >= w[1]), "popular order: {sales:?}");
    assert_eq!(page.items[0].name, "BitTitan数据迁移工具");
    let atlas = page
        .items
        .iter()
        .find(|s| s.name.starts_with("CloudAtlas"))
        .unwrap();
    assert_eq!(atlas.price_from.amount.to_string(), "9950.00");
    assert_eq!(atlas.plan_count, 2);
}

#[tokio::test]
async fn pages_do_not_overlap_and_keep_the_total() {
    let app = seeded().await;
    let first = app
        .client
        .list_solutions(&ListSolutionsQuery {
            per_page: Some(5),
            ..query()
        })
        .await
        .unwrap();
    let second = app
        .client
        .list_solutions(&ListSolutionsQuery {
            per_page: Some(5),
            page: Some(2),
            ..query()
        })
        .await
        .unwrap();
    let last = app
        .client
        .list_solutions(&ListSolutionsQuery {
            per_page: Some(5),
            page: Some(4),
            ..query()
        })
        .await
        .unwrap();
    assert_eq!((first.total, second.total, last.total), (16, 16, 16));
    assert_eq!(
        (first.items.len(), second.items.len(), last.items.len()),
        (5, 5, 1)
    );
    assert!(
        first
            .items
            .iter()
            .all(|a| second.items.iter().all(|b| a.id != b.id))
    );
    let beyond = app
        .client
        .list_solutions(&ListSolutionsQuery {
            per_page: Some(5),
            page: Some(9),
            ..query()
        })
        .await
        .unwrap();
    assert!(beyond.items.is_empty());
    assert_eq!(beyond.total, 16);
}

#[tokio::test]
async fn filters_by_category_vendor_and_keyword() {
    let app = seeded().await;
    let security = app
        .client
        .list_solutions(&ListSolutionsQuery {
            category: Some(Category::SecurityServices),
            ..query()
        })
        .await
        .unwrap();
    let names: Vec<&str> = security.items.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(security.total, 2, "{names:?}");
    assert!(
        security
            .items
            .iter()
            .all(|s| s.category == Category::SecurityServices)
    );

    let vendor = app
        .client
        .list_solutions(&ListSolutionsQuery {
            vendor: Some("蓝云咨询".into()),
            ..query()
        })
        .await
        .unwrap();
    assert_eq!(vendor.total, 2);

    let azure = app
        .client
        .list_solutions(&ListSolutionsQuery {
            q: Some("AZURE".into()),
            ..query()
        })
        .await
        .unwrap();
    assert!(
        azure
            .items
            .iter()
            .any(|s| s.name == "5Nine Cloud Manager & Security for Azure")
    );

    let migration = app
        .client
        .list_solutions(&ListSolutionsQuery {
            q: Some("迁移".into()),
            ..query()
        })
        .await
        .unwrap();
    let names: Vec<&str> = migration.items.iter().map(|s| s.name.as_str()).collect();
    assert!(names.iter().any(|n| n.starts_with("CloudAtlas")), "{names:?}");
    assert!(names.contains(&"BitTitan数据迁移工具"), "{names:?}");

    let literal = app
        .client
        .list_solutions(&ListSolutionsQuery {
            q: Some("100%".into()),
            ..query()
        })
        .await
        .unwrap();
    assert_eq!(literal.total, 0, "% is matched literally, not as a wildcard");
}

#[tokio::test]
async fn sorts_by_price_and_name() {
    let app = seeded().await;
    for (sort, ascending) in [(SolutionSort::PriceAsc, true), (SolutionSort::PriceDesc, false)] {
        let page = app
            .client
            .list_solutions(&ListSolutionsQuery {
                sort: Some(sort),
                ..query()
            })
            .await
            .unwrap();
        let prices: Vec<_> = page.items.iter().map(|s| s.price_from.amount).collect();
        assert!(
            prices
                .windows(2)
                .all(|w| if ascending { w[0] <= w[1] } else { w[0] >= w[1] }),
            "{sort:?}: {prices:?}"
        );
    }
    let by_name = app
        .client
        .list_solutions(&ListSolutionsQuery {
            sort: Some(SolutionSort::Name),
            ..query()
        })
        .await
        .unwrap();
    let names: Vec<_> = by_name.items.iter().map(|s| s.name.clone()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    let newest = app
        .client
        .list_solutions(&ListSolutionsQuery {
            sort: Some(SolutionSort::Newest),
            ..query()
        })
        .await
        .unwrap();
    assert_eq!(newest.total, 16);
}

#[tokio::test]
async fn invalid_list_queries_get_clear_errors() {
    let app = seeded().await;
    for per_page in [0, 101] {
        let err = app
            .client
            .list_solutions(&ListSolutionsQuery {
                per_page: Some(per_page),
                ..query()
            })
            .await
            .unwrap_err();
        let ClientError::Api { status, body, .. } = err else {
            panic!("expected an API error")
        };
        assert_eq!(status, 422);
        assert_eq!(body.code, ErrorCode::ValidationFailed);
        assert_eq!(body.fields[0].field, "per_page");
        assert!(body.request_id.is_some());
    }
    let err = app
        .client
        .list_solutions(&ListSolutionsQuery {
            q: Some("x".repeat(101)),
            ..query()
        })
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(422));

    let raw = reqwest::get(format!("{}/api/v1/solutions?category=nope", app.base_url))
        .await
        .unwrap();
    assert_eq!(raw.status(), 400);
    let body: rc_types::ErrorBody = raw.json().await.unwrap();
    assert_eq!(body.code, ErrorCode::BadRequest);
    assert!(body.message.contains("nope"), "{}", body.message);

    let raw = reqwest::get(format!("{}/api/v1/solutions?page=abc", app.base_url))
        .await
        .unwrap();
    assert_eq!(raw.status(), 400);
}

#[tokio::test]
async fn detail_shows_plans_with_prices_and_tax() {
    let app = seeded().await;
    let list = app
        .client
        .list_solutions(&ListSolutionsQuery {
            q: Some("SaaS4Me".into()),
            ..query()
        })
        .await
        .unwrap();
    let detail = app.client.get_solution(list.items[0].id).await.unwrap();
    assert_eq!(detail.summary.name, "SaaS4Me Transport");
    assert_eq!(detail.plans.len(), 3);
    let prices: Vec<String> = detail
        .plans
        .iter()
        .map(|p| p.unit_price.amount.to_string())
        .collect();
    assert_eq!(prices, ["118.00", "168.00", "398.00"]);
    assert_eq!(detail.plans[0].tax_rate.to_string(), "13.00");
    assert_eq!(detail.plans[0].kind, PlanKind::Product);
    assert_eq!(detail.plans[0].region, "中国大陆");
    assert!(detail.features.len() >= 3);
    assert!(detail.created_at <= detail.updated_at);

    let json = reqwest::get(format!("{}/api/v1/solutions/{}", app.base_url, detail.summary.id))
        .await
        .unwrap()
        .json::<serde_json::Value>()
        .await
        .unwrap();
    assert_eq!(
        json["plans"][0]["unit_price"],
        serde_json::json!({ "amount": "118.00", "currency": "CNY" })
    );
    assert_eq!(json["plans"][0]["tax_rate"], "13.00");
}

#[tokio::test]
async fn missing_and_unpublished_solutions_are_not_found() {
    let app = seeded().await;
    let err = app.client.get_solution(987_654).await.unwrap_err();
    let ClientError::Api { status, body, .. } = err else {
        panic!("expected an API error")
    };
    assert_eq!((status, body.code), (404, ErrorCode::NotFound));
    assert!(body.message.contains("987654"));

    let hidden = app.with_conn(|conn| {
        insert_solution(
            conn,
            &NewSolution {
                name: "Draft Solution".into(),
                vendor: "Draft Vendor".into(),
                summary: "not yet public".into(),
                description: String::new(),
                features: vec![],
                category: Category::Other,
                region: "中国大陆".into(),
                published: false,
                sales_count: 0,
                ratings: (0, 0),
                extras: SolutionExtras::default(),
                plans: vec![NewPlan {
                    name: "基础版".into(),
                    sku_code: "D-DRAFT-001".into(),
                    unit_price: Fen(100),
                    tax_rate_bp: 600,
                    region: "中国大陆".into(),
                    kind: PlanKind::Service,
                }],
            },
        )
        .unwrap()
    });
    assert_eq!(
        app.client.get_solution(hidden).await.unwrap_err().status(),
        Some(404)
    );
    let all = app
        .client
        .list_solutions(&ListSolutionsQuery {
            per_page: Some(100),
            ..query()
        })
        .await
        .unwrap();
    assert!(all.items.iter().all(|s| s.id != hidden));
    let vendors = app.client.list_vendors().await.unwrap();
    assert!(vendors.iter().all(|v| v.name != "Draft Vendor"));

    let raw = reqwest::get(format!("{}/api/v1/solutions/not-a-number", app.base_url))
        .await
        .unwrap();
    assert_eq!(raw.status(), 404);
}

#[tokio::test]
async fn vendors_are_listed_with_counts() {
    let app = seeded().await;
    let vendors = app.client.list_vendors().await.unwrap();
    assert_eq!(vendors.iter().map(|v| v.solution_count).sum::<u64>(), 16);
    assert!(
        vendors
            .iter()
            .any(|v| v.name == "蓝云咨询" && v.solution_count == 2)
    );
    let names: Vec<_> = vendors.iter().map(|v| v.name.clone()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
}

#[tokio::test]
async fn duplicate_names_are_conflicts() {
    let app = seeded().await;
    let err = app.with_conn(|conn| {
        insert_solution(
            conn,
            &NewSolution {
                name: "SaaS4Me Transport".into(),
                vendor: "x".into(),
                summary: "x".into(),
                description: String::new(),
                features: vec![],
                category: Category::Other,
                region: "x".into(),
                published: true,
                sales_count: 0,
                ratings: (0, 0),
                extras: SolutionExtras::default(),
                plans: vec![],
            },
        )
        .unwrap_err()
    });
    assert!(
        matches!(err, rc_store::StoreError::Duplicate { field: "name" }),
        "{err:?}"
    );
    assert_eq!(
        app.client.list_solutions(&query()).await.unwrap().total,
        16,
        "nothing was written"
    );
}
