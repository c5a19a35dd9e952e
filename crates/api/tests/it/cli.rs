//! The `reseller-center` binary: subcommands, production guard, graceful shutdown.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_reseller-center");

fn command(dir: &tempfile::TempDir) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.current_dir(dir.path())
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/cli.db", dir.path().display()),
        )
        .env("RUST_LOG", "info")
        .env("LOG_FORMAT", "json");
    cmd
}

#[test]
fn seed_is_idempotent_and_needs_a_choice() {
    let dir = tempfile::tempdir().unwrap();
    let none = command(&dir).arg("seed").output().unwrap();
    assert!(!none.status.success());
    assert!(String::from_utf8_lossy(&none.stderr).contains("nothing to seed"));
    for expected in ["\"inserted\":16", "\"inserted\":0"] {
        let out = command(&dir).args(["seed", "--demo"]).output().unwrap();
        assert!(out.status.success());
        let log = String::from_utf8_lossy(&out.stdout);
        assert!(log.contains(expected), "{log}");
    }
}

#[test]
fn openapi_writes_the_committed_document() {
    let dir = tempfile::tempdir().unwrap();
    let out = command(&dir).args(["openapi", "--out", "-"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        rc_api::openapi::document_json()
    );
}

#[test]
fn production_refuses_to_start_without_a_secret() {
    let dir = tempfile::tempdir().unwrap();
    let out = command(&dir)
        .args(["serve"])
        .env("APP_ENV", "production")
        .env("BIND", "127.0.0.1:0")
        .env("PUBLIC_URL", "https://reseller.example")
        .env("SMTP_URL", "smtp://mail.example:587")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("JWT_SECRET is required"));
}

#[test]
fn production_needs_https_and_smtp_and_refuses_the_demo_seed() {
    let dir = tempfile::tempdir().unwrap();
    let secret = "a-production-secret-of-thirty-two-characters";
    let serve = |public_url: &str, smtp: Option<&str>| {
        let mut cmd = command(&dir);
        cmd.args(["serve"])
            .env("APP_ENV", "production")
            .env("JWT_SECRET", secret)
            .env("BIND", "127.0.0.1:0")
            .env("PUBLIC_URL", public_url);
        if let Some(smtp) = smtp {
            cmd.env("SMTP_URL", smtp);
        }
        let out = cmd.output().unwrap();
        assert!(!out.status.success());
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    assert!(serve("http://reseller.example", Some("smtp://m:587")).contains("PUBLIC_URL=https://"));
    assert!(serve("https://reseller.example", None).contains("needs SMTP_URL"));
    let seed = command(&dir)
        .args(["seed", "--demo"])
        .env("APP_ENV", "production")
        .env("JWT_SECRET", secret)
        .output()
        .unwrap();
    assert!(!seed.status.success());
    assert!(String::from_utf8_lossy(&seed.stderr).contains("published password"));
}

#[test]
fn serve_logs_json_with_request_ids_and_shuts_down_gracefully_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = command(&dir)
        .arg("serve")
        .env("BIND", "127.0.0.1:0")
        .env("STATIC_DIR", dir.path().join("no-spa"))
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let url = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|line| {
            let json: serde_json::Value = serde_json::from_str(&line).ok()?;
            json["fields"]["url"].as_str().map(str::to_owned)
        })
        .expect("the server logs its URL");

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let ready = runtime
        .block_on(rc_client::Client::new(&url).get_readiness())
        .unwrap();
    assert_eq!(ready.status, "ready");

    let request_line = lines
        .by_ref()
        .map_while(Result::ok)
        .find(|line| line.contains("request completed"))
        .expect("the request is logged");
    let json: serde_json::Value = serde_json::from_str(&request_line).unwrap();
    assert_eq!(json["span"]["path"], "/api/v1/ready");
    assert_eq!(json["span"]["request_id"].as_str().map(str::len), Some(36));

    let started = Instant::now();
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert!(status.success(), "graceful exit, got {status}");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(lines.map_while(Result::ok).any(|line| line.contains("shut down")));
}
