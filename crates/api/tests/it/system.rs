//! Liveness and readiness.

use rc_testkit::spawn_app;

#[tokio::test]
async fn health_reports_ok_and_version() {
    let app = spawn_app().await;
    let health = app.client.get_health().await.unwrap();
    assert_eq!(health.status, "ok");
    assert_eq!(health.version, env!("CARGO_PKG_VERSION"));
}

#[tokio::test]
async fn ready_reports_backend_and_migrations() {
    let app = spawn_app().await;
    let ready = app.client.get_readiness().await.unwrap();
    assert_eq!(ready.status, "ready");
    assert!(ready.database_reachable);
    assert!(ready.migrations_applied);
    let expected = match app.db {
        rc_testkit::TestDb::Sqlite => "sqlite",
        rc_testkit::TestDb::Postgres => "postgres",
    };
    assert_eq!(ready.database, expected);
}
