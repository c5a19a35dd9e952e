//! My customers (我的客户).

use rc_types::Page;
use rc_types::customers::{Affected, BulkDelete, Customer, CustomerInput, CustomerQuery};
use reqwest::Method;

use crate::{Client, ClientError};

impl Client {
    /// `GET /api/v1/customers` — the company's customers, searchable, paged (15 per page by default).
    pub async fn list_customers(&self, query: &CustomerQuery) -> Result<Page<Customer>, ClientError> {
        self.get("/customers", query).await
    }

    /// `POST /api/v1/customers` — adds a customer.
    pub async fn create_customer(&self, input: &CustomerInput) -> Result<Customer, ClientError> {
        self.post("/customers", input).await
    }

    /// `GET /api/v1/customers/{id}` — one customer.
    pub async fn get_customer(&self, id: i64) -> Result<Customer, ClientError> {
        self.get(&format!("/customers/{id}"), &()).await
    }

    /// `PUT /api/v1/customers/{id}` — edits a customer.
    pub async fn update_customer(&self, id: i64, input: &CustomerInput) -> Result<Customer, ClientError> {
        Self::send(self.request(Method::PUT, &format!("/customers/{id}")).json(input)).await
    }

    /// `DELETE /api/v1/customers/{id}` — deletes a customer.
    pub async fn delete_customer(&self, id: i64) -> Result<(), ClientError> {
        Self::send_empty(self.request(Method::DELETE, &format!("/customers/{id}"))).await
    }

    /// `POST /api/v1/customers/bulk-delete` — deletes several customers.
    pub async fn bulk_delete_customers(&self, ids: &[i64]) -> Result<Affected, ClientError> {
        self.post("/customers/bulk-delete", &BulkDelete { ids: ids.to_vec() })
            .await
    }
}
