//! Catalog operations.

use rc_types::Page;
use rc_types::catalog::{ListSolutionsQuery, SolutionDetail, SolutionSummary, VendorSummary};

use crate::{Client, ClientError};

impl Client {
    /// `GET /api/v1/solutions` — published solutions, paged, filtered and sorted.
    pub async fn list_solutions(
        &self,
        query: &ListSolutionsQuery,
    ) -> Result<Page<SolutionSummary>, ClientError> {
        self.get("/solutions", query).await
    }

    /// `GET /api/v1/solutions/{id}` — one published solution with its plans.
    pub async fn get_solution(&self, id: i64) -> Result<SolutionDetail, ClientError> {
        self.get(&format!("/solutions/{id}"), &()).await
    }

    /// `GET /api/v1/vendors` — vendors (brands) with published solutions.
    pub async fn list_vendors(&self) -> Result<Vec<VendorSummary>, ClientError> {
        self.get("/vendors", &()).await
    }
}
