//! The account bundle of the release build (account.html).

fn main() {
    rc_frontend::run_account();
}
