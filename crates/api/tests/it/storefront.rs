//! Storefront: home, keyword search, detail tabs, as a visitor sees them on the demo catalog.

use crate::fixtures::{demo, search};
use rc_types::catalog::{ListSolutionsQuery, SolutionSort};
use rc_types::{ErrorCode, PageQuery};
use rust_decimal::Decimal;

#[tokio::test]
async fn home_shows_banners_hot_news_partners_and_ads() {
    let app = demo().await;
    let home = app.anonymous().get_home().await.unwrap();
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
    let migration = visitor.search_solutions(&search("迁移")).await.unwrap();
    let names: Vec<&str> = migration.items.iter().map(|s| s.name.as_str()).collect();
    assert!(
        names.contains(&"CloudAtlas (Unify Cloud) 一站式上云迁移管理套件"),
        "{names:?}"
    );
    assert!(names.contains(&"BitTitan数据迁移工具"), "{names:?}");
    assert_eq!(migration.terms, ["迁移"]);

    let azure = visitor.search_solutions(&search("AZURE")).await.unwrap();
    assert_eq!(azure.items[0].name, "5Nine Cloud Manager & Security for Azure");

    let cheap = visitor
        .search_solutions(&ListSolutionsQuery {
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

    let suggestions = visitor.suggest_solutions("cloudat").await.unwrap();
    assert_eq!(suggestions[0].vendor, "CloudAtlas");
    let listed = visitor.get_solution(suggestions[0].id).await.unwrap().summary;
    assert_eq!(
        (&suggestions[0].price_from, &suggestions[0].logo_url),
        (&listed.price_from, &listed.logo_url),
        "a suggestion shows the price (and logo) the list does"
    );

    for (q, code) in [("  !?。 ", "no_terms"), ("", "length")] {
        let err = visitor.search_solutions(&search(q)).await.unwrap_err();
        let body = err.body().unwrap();
        assert_eq!(
            (err.status(), body.code),
            (Some(422), ErrorCode::ValidationFailed),
            "{q:?}"
        );
        assert_eq!(body.fields[0].field, "q");
        assert_eq!(body.fields[0].code, code, "{q:?}");
    }
    let long = visitor
        .search_solutions(&search(&"云".repeat(101)))
        .await
        .unwrap_err();
    assert_eq!(long.status(), Some(422));
    assert!(
        visitor
            .search_solutions(&search("没有这种产品"))
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
    let id = visitor.search_solutions(&search("SaaS4Me")).await.unwrap().items[0].id;
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
