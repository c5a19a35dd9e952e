//! Every page in one bundle: what `trunk serve` (index.html) builds for development.

fn main() {
    rc_frontend::run_all();
}
