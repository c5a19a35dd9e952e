//! The token-signing secret: explicit in production, generated and persisted in development.

use std::fmt::{self, Write as _};
use std::path::Path;

use anyhow::{Context, bail};
use rand::Rng;

use crate::config::{AppEnv, Settings};

const MIN_LEN: usize = 32;
const DEV_SECRET_FILE: &str = "dev-secret";

/// A secret whose value never appears in logs or debug output.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    /// The secret's bytes, for signing.
    pub fn expose(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl Secret {
    /// A secret with a fixed value, for tests.
    #[cfg(test)]
    pub fn for_tests(value: &str) -> Secret {
        Secret(value.to_owned())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// Resolves the secret: `JWT_SECRET` if set (≥ 32 characters); in development otherwise the one
/// stored under the data directory, generated on first run; in production a missing secret is an error.
pub fn load(settings: &Settings) -> anyhow::Result<Secret> {
    if let Some(secret) = &settings.jwt_secret {
        if secret.len() < MIN_LEN {
            bail!("JWT_SECRET must be at least {MIN_LEN} characters");
        }
        return Ok(Secret(secret.clone()));
    }
    if settings.app_env == AppEnv::Production {
        bail!("JWT_SECRET is required when APP_ENV=production");
    }
    load_or_create_dev_secret(&settings.data_dir)
}

fn load_or_create_dev_secret(data_dir: &Path) -> anyhow::Result<Secret> {
    let path = data_dir.join(DEV_SECRET_FILE);
    if let Ok(existing) = std::fs::read_to_string(&path) {
        let existing = existing.trim().to_owned();
        if existing.len() >= MIN_LEN {
            return Ok(Secret(existing));
        }
    }
    std::fs::create_dir_all(data_dir).with_context(|| format!("creating {}", data_dir.display()))?;
    let bytes: [u8; 32] = rand::rng().random();
    let secret = bytes.iter().fold(String::with_capacity(64), |mut hex, b| {
        let _ = write!(hex, "{b:02x}");
        hex
    });
    write_private(&path, &secret).with_context(|| format!("writing {}", path.display()))?;
    tracing::info!(path = %path.display(), "generated a development secret");
    Ok(Secret(secret))
}

#[cfg(unix)]
pub(crate) fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(contents.as_bytes())
}

#[cfg(not(unix))]
pub(crate) fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    std::fs::write(path, contents)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn settings(args: &[&str]) -> Settings {
        let mut command_line = vec!["reseller-center"];
        command_line.extend_from_slice(args);
        command_line.push("migrate");
        crate::config::Cli::parse_from(command_line).settings
    }

    #[test]
    fn production_requires_a_secret() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().to_str().unwrap();
        let err = load(&settings(&["--app-env", "production", "--data-dir", data])).unwrap_err();
        assert!(err.to_string().contains("JWT_SECRET is required"));
        assert!(load(&settings(&["--jwt-secret", "short"])).is_err());
        let long = "x".repeat(40);
        assert!(load(&settings(&["--app-env", "production", "--jwt-secret", &long])).is_ok());
    }

    #[test]
    fn dev_secret_is_generated_once_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().to_str().unwrap();
        let first = load(&settings(&["--data-dir", data])).unwrap();
        let second = load(&settings(&["--data-dir", data])).unwrap();
        assert_eq!(first.expose(), second.expose());
        assert_eq!(first.expose().len(), 64);
        assert_eq!(format!("{first:?}"), "Secret(<redacted>)");
    }
}
