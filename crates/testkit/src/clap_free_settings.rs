//! Server settings for tests, built without reading the process's flags or environment.

use std::path::{Path, PathBuf};

use rc_api::Settings;
use rc_api::config::{AppEnv, LogFormat};

/// Settings for a test server on `database_url`, with state under `dir` and mail to `smtp_url`.
pub fn settings_for(database_url: &str, dir: &Path, static_dir: PathBuf, smtp_url: String) -> Settings {
    Settings {
        database_url: database_url.to_owned(),
        bind: "127.0.0.1:0".to_owned(),
        static_dir,
        data_dir: dir.join("data"),
        app_env: AppEnv::Development,
        jwt_secret: None,
        log_format: LogFormat::Pretty,
        db_pool_size: 4,
        storefront_cache_mb: 16,
        workers: Some(1),
        public_url: None,
        smtp_url: Some(smtp_url),
        mail_from: "Reseller Center <no-reply@test.local>".to_owned(),
        redis_url: None,
        redis_prefix: "rc-test".to_owned(),
        trusted_proxies: Vec::new(),
        mail_retention_days: 30,
        upload_dir: dir.join("uploads"),
        upload_url: None,
        upload_options: Vec::new(),
        contract_font: rc_documents::DEFAULT_REGULAR_FONT.into(),
        contract_font_index: rc_documents::DEFAULT_REGULAR_FONT_INDEX,
        contract_font_bold: rc_documents::DEFAULT_BOLD_FONT.to_owned(),
        contract_font_bold_index: rc_documents::DEFAULT_BOLD_FONT_INDEX,
        // One key file for every test server: generating the sandbox's keys takes a while.
        payments: rc_api::payments::PaymentSettings::unconfigured(
            std::env::temp_dir().join("rc-test-sandbox-gateway-keys.json"),
        ),
    }
}
