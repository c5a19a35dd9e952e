//! Server settings for tests, built without reading the process's flags or environment.

use std::path::PathBuf;

use rc_api::Settings;
use rc_api::config::{AppEnv, LogFormat};

/// Settings for a test server on `database_url`.
pub fn settings_for(database_url: &str, data_dir: PathBuf, static_dir: PathBuf) -> Settings {
    Settings {
        database_url: database_url.to_owned(),
        bind: "127.0.0.1:0".to_owned(),
        static_dir,
        data_dir,
        app_env: AppEnv::Development,
        jwt_secret: None,
        log_format: LogFormat::Pretty,
        db_pool_size: 4,
        workers: Some(1),
    }
}
