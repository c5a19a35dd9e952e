//! The storefront bundle of the release build (storefront.html).

fn main() {
    rc_frontend::run_storefront();
}
