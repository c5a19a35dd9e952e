//! The console bundle of the release build (console.html).

fn main() {
    rc_frontend::run_console();
}
