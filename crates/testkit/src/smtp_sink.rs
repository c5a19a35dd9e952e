//! A real SMTP server for tests: accepts every message over the SMTP protocol and keeps it, so
//! tests see exactly what a mail server would receive.

use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::Mutex;

/// One received message.
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    /// `RCPT TO` addresses.
    pub recipients: Vec<String>,
    /// Decoded subject.
    pub subject: String,
    /// Decoded plain-text body.
    pub body: String,
}

impl ReceivedMail {
    /// The first link in the body that contains `path` (e.g. `/activate?token=`).
    pub fn link(&self, path: &str) -> Option<String> {
        self.body
            .split_whitespace()
            .find(|word| word.starts_with("http") && word.contains(path))
            .map(str::to_owned)
    }
}

/// The sink: its `smtp://` URL and what it received.
#[derive(Debug, Clone)]
pub struct SmtpSink {
    /// `smtp://127.0.0.1:PORT`.
    pub url: String,
    received: Arc<Mutex<Vec<ReceivedMail>>>,
}

impl SmtpSink {
    /// Starts the sink on a free port.
    pub async fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind SMTP sink");
        let url = format!("smtp://{}", listener.local_addr().expect("sink address"));
        let received = Arc::new(Mutex::new(Vec::new()));
        let store = received.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let store = store.clone();
                tokio::spawn(async move {
                    let _ = serve(socket, store).await;
                });
            }
        });
        SmtpSink { url, received }
    }

    /// Everything received so far.
    pub async fn all(&self) -> Vec<ReceivedMail> {
        self.received.lock().await.clone()
    }

    /// Waits (up to 10 s) for the `nth` (0-based) message to `recipient`.
    pub async fn wait_for(&self, recipient: &str, nth: usize) -> ReceivedMail {
        for _ in 0..200 {
            let matching: Vec<ReceivedMail> = self
                .all()
                .await
                .into_iter()
                .filter(|m| m.recipients.iter().any(|r| r.eq_ignore_ascii_case(recipient)))
                .collect();
            if let Some(mail) = matching.get(nth) {
                return mail.clone();
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "no mail #{nth} to {recipient} arrived; got {:?}",
            self.all().await
        );
    }
}

async fn serve(socket: tokio::net::TcpStream, store: Arc<Mutex<Vec<ReceivedMail>>>) -> std::io::Result<()> {
    let (read, mut write) = socket.into_split();
    let mut lines = BufReader::new(read).lines();
    write.write_all(b"220 sink ESMTP ready\r\n").await?;
    let mut recipients = Vec::new();
    while let Some(line) = lines.next_line().await? {
        let upper = line.to_ascii_uppercase();
        if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            write.write_all(b"250-sink\r\n250 8BITMIME\r\n").await?;
        } else if upper.starts_with("MAIL FROM") {
            recipients.clear();
            write.write_all(b"250 OK\r\n").await?;
        } else if upper.starts_with("RCPT TO") {
            let address = line
                .split_once(':')
                .map(|(_, a)| a.trim().trim_matches(['<', '>']).to_owned())
                .unwrap_or_default();
            recipients.push(address);
            write.write_all(b"250 OK\r\n").await?;
        } else if upper == "DATA" {
            write.write_all(b"354 end with <CRLF>.<CRLF>\r\n").await?;
            let mut raw = String::new();
            while let Some(data) = lines.next_line().await? {
                if data == "." {
                    break;
                }
                raw.push_str(
                    data.strip_prefix('.')
                        .filter(|_| data.starts_with(".."))
                        .unwrap_or(&data),
                );
                raw.push_str("\r\n");
            }
            let parsed = mailparse::parse_mail(raw.as_bytes()).map_err(std::io::Error::other)?;
            let subject = parsed
                .headers
                .iter()
                .find(|h| h.get_key().eq_ignore_ascii_case("subject"))
                .map(mailparse::MailHeader::get_value)
                .unwrap_or_default();
            let body = parsed.get_body().map_err(std::io::Error::other)?;
            store.lock().await.push(ReceivedMail {
                recipients: recipients.clone(),
                subject,
                body,
            });
            write.write_all(b"250 OK queued\r\n").await?;
        } else if upper == "QUIT" {
            write.write_all(b"221 bye\r\n").await?;
            break;
        } else {
            write.write_all(b"250 OK\r\n").await?;
        }
    }
    Ok(())
}
