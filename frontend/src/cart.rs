//! The header's cart count (购物车 N): loaded when a buyer signs in, cleared when they leave, and
//! set by the pages that change the cart.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::session::{Auth, Session, use_session};

/// The signed-in buyer's number of cart lines; `None` for visitors and operator staff.
#[derive(Debug, Clone, Copy)]
pub struct CartCount {
    count: RwSignal<Option<i64>>,
    session: Session,
}

impl CartCount {
    /// The count (tracked).
    pub fn get(self) -> Option<i64> {
        self.count.get()
    }

    /// Sets the count from a cart the page just loaded or changed.
    pub fn set(self, count: i64) {
        self.count.set(Some(count));
    }

    /// Asks the server again (after adding a line elsewhere than the cart page).
    pub fn reload(self) {
        let Self { count, session } = self;
        spawn_local(async move {
            if let Ok(cart) = session.call(|api| async move { api.get_cart().await }).await {
                count.set(Some(cart.count));
            }
        });
    }
}

/// Creates the cart count context; it follows the session.
pub fn provide_cart_count() {
    let session = use_session();
    let cart = CartCount {
        count: RwSignal::new(None),
        session,
    };
    provide_context(cart);
    // The buyer signed in, if any: a change of user reloads the count.
    let buyer = Memo::new(move |_| {
        let signed_in = matches!(session.auth.get(), Auth::SignedIn(_));
        (signed_in && session.company().is_some() && session.has("place_orders"))
            .then(|| session.user_id())
            .flatten()
    });
    Effect::new(move |_| {
        if buyer.get().is_some() {
            cart.reload();
        } else {
            cart.count.set(None);
        }
    });
}

/// The cart count context.
pub fn use_cart_count() -> CartCount {
    expect_context::<CartCount>()
}
