//! The index finds Chinese and English keywords the way the storefront needs.

use rc_search::{Filters, SearchDoc, SearchError, SearchIndex, SortBy};

fn doc(id: i64, name: &str, vendor: &str, summary: &str, price_fen: u64, sales: u64) -> SearchDoc {
    SearchDoc {
        id,
        name: name.into(),
        vendor: vendor.into(),
        summary: summary.into(),
        body: String::new(),
        category: if id % 2 == 0 {
            "backup_migration"
        } else {
            "cloud_apps"
        }
        .into(),
        region: "中国大陆".into(),
        has_product: true,
        has_service: id == 3,
        price_fen,
        sales,
        rating_score: 0,
        rating_count: 0,
        created_secs: u64::try_from(id).unwrap(),
    }
}

fn catalog() -> SearchIndex {
    let index = SearchIndex::new().unwrap();
    index
        .rebuild([
            doc(
                1,
                "CloudAtlas (Unify Cloud) 一站式上云迁移管理套件",
                "CloudAtlas",
                "帮助客户快速、安全地迁移至云端",
                995_000,
                50,
            ),
            doc(
                2,
                "BitTitan 数据迁移工具",
                "BitTitan",
                "邮箱与文件迁移",
                18_800,
                80,
            ),
            doc(
                3,
                "5Nine Cloud Manager & Security for Azure/Azure Stack",
                "5Nine",
                "Azure 安全管理",
                10_700,
                10,
            ),
            doc(4, "听云", "听云", "国内专业的应用性能监控平台", 24_000_000, 5),
        ])
        .unwrap();
    index
}

fn ids(index: &SearchIndex, q: &str) -> Vec<i64> {
    let mut found = index
        .search(Some(q), &Filters::default(), SortBy::Relevance, 0, 20)
        .unwrap()
        .ids;
    found.sort_unstable();
    found
}

#[test]
fn chinese_words_inside_longer_names() {
    let index = catalog();
    assert_eq!(ids(&index, "迁移"), [1, 2]);
    assert_eq!(ids(&index, "上云迁移"), [1]);
    assert_eq!(ids(&index, "云"), [1, 4]);
    assert_eq!(ids(&index, "监控平台"), [4]);
    assert!(ids(&index, "迁云").is_empty());
}

#[test]
fn english_is_case_insensitive_with_prefixes_and_camel_parts() {
    let index = catalog();
    assert_eq!(ids(&index, "azure"), [3]);
    assert_eq!(ids(&index, "AZURE security"), [3]);
    assert_eq!(ids(&index, "atlas"), [1]);
    assert_eq!(ids(&index, "bitti"), [2]);
    assert_eq!(ids(&index, "Azure 安全"), [3]);
}

#[test]
fn relevance_puts_name_matches_first() {
    let index = catalog();
    let hits = index
        .search(Some("迁移"), &Filters::default(), SortBy::Relevance, 0, 20)
        .unwrap();
    assert_eq!(hits.total, 2);
    assert_eq!(hits.terms, ["迁移"]);
}

#[test]
fn filters_sorts_and_paging() {
    let index = catalog();
    let by_sales = index
        .search(Some("迁移"), &Filters::default(), SortBy::Popular, 0, 20)
        .unwrap();
    assert_eq!(by_sales.ids, [2, 1]);
    let cheap = Filters {
        price_max_fen: Some(100_000),
        ..Filters::default()
    };
    assert_eq!(
        index
            .search(Some("迁移"), &cheap, SortBy::PriceAsc, 0, 20)
            .unwrap()
            .ids,
        [2]
    );
    let category = Filters {
        category: Some("cloud_apps".into()),
        ..Filters::default()
    };
    assert_eq!(
        index
            .search(Some("迁移"), &category, SortBy::Relevance, 0, 20)
            .unwrap()
            .ids,
        [1]
    );
    let services = Filters {
        kind: Some("service".into()),
        ..Filters::default()
    };
    assert_eq!(
        index
            .search(Some("azure"), &services, SortBy::Relevance, 0, 20)
            .unwrap()
            .ids,
        [3]
    );
    let second = index
        .search(Some("迁移"), &Filters::default(), SortBy::Popular, 1, 1)
        .unwrap();
    assert_eq!((second.ids, second.total), (vec![1], 2));
}

#[test]
fn without_keywords_everything_is_listed_with_stable_ties() {
    let index = catalog();
    let all = index
        .search(None, &Filters::default(), SortBy::Relevance, 0, 20)
        .unwrap();
    assert_eq!(
        (all.ids, all.total),
        (vec![2, 1, 3, 4], 4),
        "popular when there is nothing to be relevant to"
    );
    let twins = SearchIndex::new().unwrap();
    twins
        .rebuild((10..14).map(|id| doc(id, "同价", "x", "", 100, 7)))
        .unwrap();
    let asc = twins
        .search(None, &Filters::default(), SortBy::PriceAsc, 0, 2)
        .unwrap()
        .ids;
    let rest = twins
        .search(None, &Filters::default(), SortBy::PriceAsc, 2, 2)
        .unwrap()
        .ids;
    assert_eq!((asc, rest), (vec![10, 11], vec![12, 13]));
    assert_eq!(
        twins
            .search(None, &Filters::default(), SortBy::Popular, 0, 4)
            .unwrap()
            .ids,
        [13, 12, 11, 10]
    );
}

#[test]
fn updates_replace_and_remove_documents() {
    let index = catalog();
    index
        .update(&[doc(2, "BitTitan 邮箱搬家", "BitTitan", "", 18_800, 80)], &[1])
        .unwrap();
    assert!(ids(&index, "迁移").is_empty());
    assert_eq!(ids(&index, "搬家"), [2]);
    assert_eq!(index.len(), 3);
}

#[test]
fn punctuation_only_is_refused_and_suggestions_complete_words() {
    let index = catalog();
    assert!(matches!(
        index.search(Some(" ?!。"), &Filters::default(), SortBy::Relevance, 0, 20),
        Err(SearchError::NoTerms)
    ));
    assert_eq!(index.suggest("cloudat", 5).unwrap(), [1]);
    assert_eq!(index.suggest("数据", 5).unwrap(), [2]);
}
