//! The shopping cart (购物车).

use rc_types::cart::{Cart, CartLine, CartLineInput, CartLineUpdate};
use reqwest::Method;

use crate::{Client, ClientError};

impl Client {
    /// `GET /api/v1/cart` — the signed-in user's cart.
    pub async fn get_cart(&self) -> Result<Cart, ClientError> {
        self.get("/cart", &()).await
    }

    /// `POST /api/v1/cart/lines` — adds a plan (加入购物车).
    pub async fn create_cart_line(&self, input: &CartLineInput) -> Result<CartLine, ClientError> {
        self.post("/cart/lines", input).await
    }

    /// `PUT /api/v1/cart/lines/{id}` — changes a line's quantity or accepts its new price.
    pub async fn update_cart_line(&self, id: i64, input: &CartLineUpdate) -> Result<CartLine, ClientError> {
        Self::send(
            self.request(Method::PUT, &format!("/cart/lines/{id}"))
                .json(input),
        )
        .await
    }

    /// `DELETE /api/v1/cart/lines/{id}` — removes a line.
    pub async fn delete_cart_line(&self, id: i64) -> Result<(), ClientError> {
        Self::send_empty(self.request(Method::DELETE, &format!("/cart/lines/{id}"))).await
    }
}
