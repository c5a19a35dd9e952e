//! The published catalog's list summaries in memory, with the popularity rankings the detail
//! page's side bar draws from: list pages, searches and suggestions read summaries from here,
//! and a detail page's 相似产品 / 相关推荐 cost no query.

use std::collections::HashMap;
use std::sync::Arc;

use rc_store::catalog::FeedItem;
use rc_types::catalog::SolutionSummary;

/// Similar products shown on a detail page (same category).
const SIMILAR: usize = 4;
/// Related recommendations shown on a detail page (same vendor, then popular).
const RELATED: usize = 3;
/// How many of each ranking are kept: enough to fill both lists after leaving out the solution
/// itself and what the other list already shows.
const KEPT: usize = SIMILAR + RELATED + 1;

#[derive(Debug, Clone)]
struct Entry {
    summary: Arc<SolutionSummary>,
    popular: u64,
}

/// Summaries of every published solution and the most popular ones overall, per category and
/// per vendor. Immutable: a sync builds the next shelf from the previous one.
#[derive(Debug, Default)]
pub struct Shelf {
    entries: HashMap<i64, Entry>,
    popular: Vec<Arc<SolutionSummary>>,
    by_category: HashMap<rc_types::catalog::Category, Vec<Arc<SolutionSummary>>>,
    by_vendor: HashMap<String, Vec<Arc<SolutionSummary>>>,
}

impl Shelf {
    /// A shelf holding `items`.
    pub fn new(items: Vec<FeedItem>) -> Shelf {
        Shelf::default().with_changes(items, &[])
    }

    /// This shelf with `items` added or replaced and `removed` taken off.
    #[must_use]
    pub fn with_changes(&self, items: Vec<FeedItem>, removed: &[i64]) -> Shelf {
        let mut entries = self.entries.clone();
        for id in removed {
            entries.remove(id);
        }
        for item in items {
            entries.insert(
                item.summary.id,
                Entry {
                    popular: item.doc.popular_key(),
                    summary: Arc::new(item.summary),
                },
            );
        }
        let mut ranked: Vec<&Entry> = entries.values().collect();
        ranked.sort_unstable_by_key(|entry| std::cmp::Reverse(entry.popular));
        let mut popular = Vec::with_capacity(KEPT);
        let mut by_category: HashMap<_, Vec<_>> = HashMap::new();
        let mut by_vendor: HashMap<String, Vec<_>> = HashMap::new();
        for entry in ranked {
            let summary = &entry.summary;
            let keep = |list: &mut Vec<Arc<SolutionSummary>>| {
                if list.len() < KEPT {
                    list.push(summary.clone());
                }
            };
            keep(&mut popular);
            keep(by_category.entry(summary.category).or_default());
            keep(by_vendor.entry(summary.vendor.clone()).or_default());
        }
        Shelf {
            entries,
            popular,
            by_category,
            by_vendor,
        }
    }

    /// Published solutions held.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no solution is published.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The summaries of `ids`, in that order, skipping ids not on the shelf.
    pub fn summaries(&self, ids: &[i64]) -> Vec<SolutionSummary> {
        ids.iter()
            .filter_map(|id| self.entries.get(id))
            .map(|entry| SolutionSummary::clone(&entry.summary))
            .collect()
    }

    /// 相似产品 and 相关推荐 of `solution`: the most popular of its category, then of its vendor
    /// topped up with the most popular overall; never itself, never one solution twice.
    pub fn side_bar(&self, solution: &SolutionSummary) -> (Vec<SolutionSummary>, Vec<SolutionSummary>) {
        let mut shown = vec![solution.id];
        let mut pick =
            |ranking: Option<&Vec<Arc<SolutionSummary>>>, wanted: usize, out: &mut Vec<SolutionSummary>| {
                for summary in ranking.into_iter().flatten() {
                    if out.len() == wanted {
                        break;
                    }
                    if !shown.contains(&summary.id) {
                        shown.push(summary.id);
                        out.push(SolutionSummary::clone(summary));
                    }
                }
            };
        let (mut similar, mut related) = (Vec::new(), Vec::new());
        pick(self.by_category.get(&solution.category), SIMILAR, &mut similar);
        pick(self.by_vendor.get(&solution.vendor), RELATED, &mut related);
        pick(Some(&self.popular), RELATED, &mut related);
        (similar, related)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rc_types::Money;
    use rc_types::catalog::Category;

    fn item(id: i64, category: Category, vendor: &str, sales: u64) -> FeedItem {
        let summary = SolutionSummary {
            id,
            name: format!("S{id}"),
            vendor: vendor.to_owned(),
            summary: String::new(),
            category,
            region: "中国大陆".to_owned(),
            price_from: Money::cny(rust_decimal::Decimal::ONE),
            plan_count: 1,
            sales_count: sales,
            rating: None,
            logo_url: None,
        };
        FeedItem {
            doc: rc_search::SearchDoc {
                id,
                name: summary.name.clone(),
                vendor: vendor.to_owned(),
                summary: String::new(),
                body: String::new(),
                category: category.as_str().to_owned(),
                region: summary.region.clone(),
                has_product: true,
                has_service: false,
                price_fen: 100,
                sales,
                rating_score: 0,
                rating_count: 0,
                created_secs: 0,
            },
            summary,
        }
    }

    fn ids(list: &[SolutionSummary]) -> Vec<i64> {
        list.iter().map(|s| s.id).collect()
    }

    #[test]
    fn side_bar_ranks_by_popularity_and_never_repeats() {
        use Category::*;
        let shelf = Shelf::new(vec![
            item(1, BackupMigration, "A", 10),
            item(2, BackupMigration, "A", 50),
            item(3, BackupMigration, "B", 40),
            item(4, SecurityServices, "A", 5),
            item(5, SecurityServices, "C", 90),
            item(6, Other, "D", 70),
        ]);
        let me = shelf.summaries(&[1])[0].clone();
        let (similar, related) = shelf.side_bar(&me);
        assert_eq!(ids(&similar), [2, 3]);
        // Vendor A's others first (2 is already similar), then the most popular overall.
        assert_eq!(ids(&related), [4, 5, 6]);
    }

    #[test]
    fn changes_replace_and_remove() {
        use Category::*;
        let shelf = Shelf::new(vec![item(1, Other, "A", 1), item(2, Other, "A", 2)]);
        let next = shelf.with_changes(vec![item(1, Other, "A", 9)], &[2]);
        assert_eq!(next.len(), 1);
        assert_eq!(next.summaries(&[2, 1])[0].sales_count, 9);
        assert_eq!(shelf.len(), 2, "the old shelf is untouched");
        let (similar, related) = next.side_bar(&next.summaries(&[1])[0]);
        assert!(similar.is_empty() && related.is_empty());
    }
}
