//! The committed OpenAPI document must equal the generated one.

#[test]
fn committed_spec_matches_generated() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../api-spec/openapi.json");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    let generated = rc_api::openapi::document_json();
    assert!(
        committed == generated,
        "api-spec/openapi.json is out of date: run `make spec` and commit the result"
    );
}

#[test]
fn every_operation_documents_its_errors() {
    let doc: serde_json::Value = serde_json::from_str(&rc_api::openapi::document_json()).unwrap();
    let mut seen = std::collections::HashSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"].as_str().unwrap_or_default();
            assert!(
                seen.insert(id.to_owned()),
                "{method} {path}: operation id `{id}` is used twice"
            );
            assert!(
                id.contains('_'),
                "{method} {path}: operation id `{id}` is not <verb>_<resource>"
            );
            let responses = op["responses"].as_object().unwrap();
            assert!(
                responses.keys().any(|s| s.starts_with('2')),
                "{method} {path} has no success response"
            );
            if path != "/api/v1/health" {
                assert!(
                    responses.keys().any(|s| s.starts_with('4') || s.starts_with('5')),
                    "{method} {path} documents no error"
                );
            }
        }
    }
}
