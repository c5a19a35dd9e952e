//! Serving the built SPA: files, cache headers, client-route fallback per bundle, compression.

use rc_testkit::spawn_app_with_spa;

fn fake_dist() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        format!("<!doctype html><title>rc</title>{}", "x".repeat(2000)),
    )
    .unwrap();
    std::fs::write(dir.path().join("rc-frontend-0123456789abcdef_bg.wasm"), b"\0asm").unwrap();
    std::fs::write(dir.path().join("favicon.svg"), "<svg/>").unwrap();
    dir
}

#[tokio::test]
async fn client_routes_fall_back_to_index_html() {
    let dist = fake_dist();
    let app = spawn_app_with_spa(dist.path().to_path_buf()).await;
    for path in ["/", "/solutions", "/solutions/42", "/no-such-page"] {
        let response = reqwest::get(format!("{}{path}", app.base_url)).await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.headers()["cache-control"], "no-cache", "{path}");
        assert!(response.text().await.unwrap().starts_with("<!doctype html>"));
    }
}

#[tokio::test]
async fn each_page_gets_the_bundle_that_renders_it() {
    let dist = fake_dist();
    for (bundle, marker) in [("account", "ACCOUNT"), ("console", "CONSOLE")] {
        let folder = dist.path().join("bundles").join(bundle);
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("index.html"), format!("<!doctype html>{marker}")).unwrap();
    }
    let app = spawn_app_with_spa(dist.path().to_path_buf()).await;
    for (path, marker) in [
        ("/", "<title>rc</title>"),
        ("/solutions/42", "<title>rc</title>"),
        ("/login?next=%2Faccount", "ACCOUNT"),
        ("/account/tickets/3", "ACCOUNT"),
        ("/admin", "CONSOLE"),
        ("/admin/solutions/new", "CONSOLE"),
        ("/administrator", "<title>rc</title>"),
    ] {
        let response = reqwest::get(format!("{}{path}", app.base_url)).await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
        assert!(response.text().await.unwrap().contains(marker), "{path}");
    }
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_missing_files_404() {
    let dist = fake_dist();
    let app = spawn_app_with_spa(dist.path().to_path_buf()).await;
    let wasm = reqwest::get(format!("{}/rc-frontend-0123456789abcdef_bg.wasm", app.base_url))
        .await
        .unwrap();
    assert_eq!(wasm.status(), 200);
    assert_eq!(
        wasm.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
    let icon = reqwest::get(format!("{}/favicon.svg", app.base_url))
        .await
        .unwrap();
    assert_eq!(icon.headers()["cache-control"], "no-cache");
    let missing = reqwest::get(format!("{}/rc-frontend-ffffffffffffffff.js", app.base_url))
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    let escape = reqwest::get(format!("{}/..%2F..%2Fetc%2Fpasswd", app.base_url))
        .await
        .unwrap();
    assert_ne!(escape.status(), 500);
    assert!(!escape.text().await.unwrap().contains("root:"));
}

#[tokio::test]
async fn responses_are_compressed_when_asked() {
    let dist = fake_dist();
    let app = spawn_app_with_spa(dist.path().to_path_buf()).await;
    let response = reqwest::Client::new()
        .get(format!("{}/", app.base_url))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-encoding"], "br");
}
