//! Upload checks: file types decided by content (magic bytes), never by name or declared type.
//! Files of the anonymous forms arrive as temporary files on disk (never whole in memory), are
//! sniffed there and streamed on to the file store.

use std::io::Read as _;

use actix_multipart::MultipartError;
use actix_multipart::form::tempfile::TempFile;
use actix_multipart::form::{MultipartCollect, MultipartForm, MultipartFormConfig};
use actix_web::HttpRequest;
use actix_web::http::header::{
    Charset, ContentDisposition, DispositionParam, DispositionType, ExtendedValue,
};

use crate::error::ApiError;

/// Content types accepted for qualification files (§2.1: jpg、jpeg、png、gif、bmp、pdf).
const QUALIFICATION_TYPES: [&str; 5] = [
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/bmp",
    "application/pdf",
];
/// Content types accepted for storefront images (logos, banners, partners); no SVG, which can
/// carry scripts.
pub const IMAGE_TYPES: [&str; 5] = ["image/jpeg", "image/png", "image/gif", "image/webp", "image/bmp"];
/// Content types accepted for consult attachments: the qualification types.
pub const ATTACHMENT_TYPES: [&str; 5] = QUALIFICATION_TYPES;

/// The content type of `data` by its magic bytes, if it is one of `accepted`; otherwise a 415
/// naming the file and `what` it should have been.
pub fn detect(
    data: &[u8],
    accepted: &[&'static str],
    name: Option<&str>,
    what: &str,
) -> Result<&'static str, ApiError> {
    infer::get(data)
        .map(|kind| kind.mime_type())
        .and_then(|mime| accepted.iter().copied().find(|a| *a == mime))
        .ok_or_else(|| ApiError::UnsupportedMediaType(format!("{} is not {what}", display_name(name))))
}

/// Largest qualification file.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;

/// Most files per application.
pub const MAX_FILES: usize = 5;

/// The first bytes of an uploaded file, enough to tell its type.
pub fn head(file: &TempFile) -> Result<Vec<u8>, ApiError> {
    let mut head = Vec::with_capacity(8192);
    std::fs::File::open(file.file.path())
        .and_then(|f| f.take(8192).read_to_end(&mut head))
        .map_err(|e| ApiError::Internal(format!("reading an upload: {e}")))?;
    Ok(head)
}

/// The type of an uploaded file by content (see [`detect`]).
pub fn detect_file(file: &TempFile, accepted: &[&'static str], what: &str) -> Result<&'static str, ApiError> {
    detect(&head(file)?, accepted, file.file_name.as_deref(), what)
}

/// Detects each file's type by content; every file must be an accepted type, 1–5 files.
pub fn check_qualification_files(files: &[TempFile]) -> Result<Vec<&'static str>, ApiError> {
    if files.is_empty() || files.len() > MAX_FILES {
        return Err(ApiError::field(
            "files",
            "count",
            "upload 1 to 5 qualification files",
        ));
    }
    if files.iter().any(|file| file.size > MAX_FILE_BYTES) {
        return Err(ApiError::PayloadTooLarge);
    }
    files
        .iter()
        .map(|file| detect_file(file, &QUALIFICATION_TYPES, "a jpg, png, gif, bmp or pdf file"))
        .collect()
}

/// A safe display name: the last path segment, without control characters, at most 120 chars.
pub fn display_name(name: Option<&str>) -> String {
    let base = name
        .unwrap_or("file")
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("file");
    let cleaned: String = base.chars().filter(|c| !c.is_control()).take(120).collect();
    if cleaned.trim().is_empty() {
        "file".to_owned()
    } else {
        cleaned
    }
}

/// `Content-Disposition: attachment` for a download named `name`: an ASCII `filename` for old
/// clients and the real (e.g. Chinese) name as RFC 5987 `filename*`.
pub fn attachment_disposition(name: &str) -> ContentDisposition {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![
            DispositionParam::Filename(ascii),
            DispositionParam::FilenameExt(ExtendedValue {
                charset: Charset::Ext("UTF-8".to_owned()),
                language_tag: None,
                value: name.as_bytes().to_vec(),
            }),
        ],
    }
}

/// Reads a multipart form from the body — called after the checks that must come first (the
/// rate limit), which a `MultipartForm` argument would not wait for.
pub async fn read_form<T: MultipartCollect + 'static>(
    req: &HttpRequest,
    payload: actix_web::web::Payload,
) -> Result<T, actix_web::Error> {
    use actix_web::FromRequest as _;
    let mut payload = payload.into_inner();
    MultipartForm::<T>::from_request(req, &mut payload)
        .await
        .map(MultipartForm::into_inner)
}

/// Multipart limits: a form is at most five 10 MiB files and its text (51 MiB), of which only
/// text fields and the operator's images (≤ 10 MiB) are held in memory; files of the anonymous
/// forms go to temporary files. Errors get the standard body (413 when too large).
pub fn multipart_config() -> MultipartFormConfig {
    MultipartFormConfig::default()
        .total_limit(51 * 1024 * 1024)
        .memory_limit(11 * 1024 * 1024)
        .error_handler(|err: MultipartError, _req: &HttpRequest| {
            let api = match err {
                MultipartError::Payload(actix_web::error::PayloadError::Overflow) => {
                    ApiError::PayloadTooLarge
                }
                MultipartError::ContentTypeMissing | MultipartError::ContentTypeIncompatible => {
                    ApiError::UnsupportedMediaType("expected Content-Type: multipart/form-data".to_owned())
                }
                other if other.to_string().contains("limit") => ApiError::PayloadTooLarge,
                other => ApiError::BadRequest(format!("malformed multipart body: {other}")),
            };
            api.into()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(data: &[u8], name: &str) -> TempFile {
        use std::io::Write as _;
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(data).unwrap();
        TempFile {
            file,
            content_type: None,
            file_name: Some(name.to_owned()),
            size: data.len(),
        }
    }

    const PNG: &[u8] = &[
        0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R',
    ];

    #[test]
    fn accepts_by_content_and_rejects_renamed_files() {
        assert_eq!(
            check_qualification_files(&[part(PNG, "license.png")]).unwrap(),
            ["image/png"]
        );
        assert_eq!(
            check_qualification_files(&[part(b"%PDF-1.7\n", "x.bin")]).unwrap(),
            ["application/pdf"]
        );
        let fake = check_qualification_files(&[part(b"MZ\x90\x00 not really a pdf", "evil.pdf")]);
        assert!(matches!(fake, Err(ApiError::UnsupportedMediaType(_))));
        assert!(matches!(
            check_qualification_files(&[]),
            Err(ApiError::Validation(_))
        ));
    }

    #[test]
    fn downloads_keep_their_chinese_names() {
        let header = attachment_disposition("营业执照 \"v2\".pdf").to_string();
        assert!(
            header.starts_with("attachment; filename=\"____ _v2_.pdf\""),
            "{header}"
        );
        assert!(
            header.contains("filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7"),
            "{header}"
        );
    }

    #[test]
    fn display_names_are_sanitised() {
        assert_eq!(display_name(Some("../../etc/营业执照.pdf")), "营业执照.pdf");
        assert_eq!(display_name(Some("C:\\docs\\a.png")), "a.png");
        assert_eq!(display_name(None), "file");
    }
}
