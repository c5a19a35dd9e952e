//! A local S3-compatible server for tests: moto's standalone server (installed by `make setup`
//! into `.tools/venv`), one process per test, killed when dropped.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A running S3 endpoint with one empty bucket.
#[derive(Debug)]
pub struct S3Server {
    /// `http://127.0.0.1:PORT`.
    pub endpoint: String,
    /// The bucket created for the test.
    pub bucket: String,
    process: Child,
}

fn moto_server_path() -> String {
    std::env::var("RC_MOTO_SERVER").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../.tools/venv/bin/moto_server").to_owned()
    })
}

impl S3Server {
    /// Starts moto on a free port and creates `bucket`.
    pub async fn start(bucket: &str) -> S3Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let path = moto_server_path();
        let process = Command::new(&path)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {path} (install it with `make setup`): {e}"));
        let server = S3Server {
            endpoint: format!("http://127.0.0.1:{port}"),
            bucket: bucket.to_owned(),
            process,
        };
        let http = reqwest::Client::new();
        let bucket_url = format!("{}/{bucket}", server.endpoint);
        for _ in 0..200 {
            if let Ok(response) = http.put(&bucket_url).send().await {
                assert!(
                    response.status().is_success(),
                    "create bucket: {}",
                    response.status()
                );
                return server;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("moto_server did not start on port {port}");
    }

    /// The object-store options that point the app at this server.
    pub fn options(&self) -> Vec<(String, String)> {
        [
            ("aws_endpoint", self.endpoint.as_str()),
            ("aws_allow_http", "true"),
            ("aws_region", "us-east-1"),
            ("aws_access_key_id", "testing"),
            ("aws_secret_access_key", "testing"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
    }

    /// The keys stored in the bucket (from a ListObjectsV2 call).
    pub async fn keys(&self) -> Vec<String> {
        let listing = reqwest::Client::new()
            .get(format!("{}/{}?list-type=2", self.endpoint, self.bucket))
            .send()
            .await
            .expect("list bucket")
            .text()
            .await
            .expect("listing body");
        listing
            .split("<Key>")
            .skip(1)
            .filter_map(|rest| rest.split_once("</Key>").map(|(key, _)| key.to_owned()))
            .collect()
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}
