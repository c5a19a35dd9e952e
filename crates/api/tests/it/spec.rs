//! The committed OpenAPI document equals the generated one, and the spec keeps its own rules:
//! `<verb>_<resource>` operation ids, documented statuses, a typed-client method per operation.

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
                is_verb_resource(id),
                "{method} {path}: operation id `{id}` is not <verb>_<resource> (verbs: {VERBS:?})"
            );
            let responses = op["responses"].as_object().unwrap();
            assert!(
                // A browser return's success is its redirect.
                responses.keys().any(|s| s.starts_with('2') || s.starts_with('3')),
                "{method} {path} has no success (or redirect) response"
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

/// The verbs an operation id may start with: the HTTP method's meaning (list/get/create/update/
/// delete) or a domain action named in the manual (approve, publish, transfer, …).
const VERBS: &[&str] = &[
    "list",
    "get",
    "create",
    "update",
    "delete",
    "bulk_delete",
    "approve",
    "reject",
    "publish",
    "unpublish",
    "enable",
    "disable",
    "invite",
    "resend",
    "transfer",
    "upload",
    "download",
    "search",
    "suggest",
    "inspect",
    "complete",
    "request",
    "refresh",
    "end",
    "change",
    "quote",
    "confirm",
    "deliver",
    "cancel",
    "issue",
    "advance",
];

/// `<verb>_<resource>`: a known verb, then one or more lowercase snake-case words.
fn is_verb_resource(id: &str) -> bool {
    VERBS.iter().any(|verb| {
        id.strip_prefix(verb)
            .and_then(|rest| rest.strip_prefix('_'))
            .is_some_and(|resource| {
                !resource.is_empty()
                    && resource
                        .split('_')
                        .all(|word| !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase()))
            })
    })
}

#[test]
fn the_operation_id_rule_refuses_what_it_should() {
    for good in [
        "list_solutions",
        "get_order",
        "bulk_delete_customers",
        "transfer_admin",
    ] {
        assert!(is_verb_resource(good), "{good}");
    }
    for bad in [
        "my_tickets",
        "solutions",
        "list_",
        "list__x",
        "getSolution",
        "post_message",
        "list_Items",
    ] {
        assert!(!is_verb_resource(bad), "{bad}");
    }
}

/// Public method names of the typed client (`pub fn` / `pub async fn` in crates/client/src).
fn client_methods() -> std::collections::BTreeSet<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../client/src");
    let mut names = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let source = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in source.lines() {
            let line = line.trim_start();
            let rest = line
                .strip_prefix("pub async fn ")
                .or_else(|| line.strip_prefix("pub fn "));
            if let Some(rest) = rest {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                names.insert(name);
            }
        }
    }
    names
}

#[test]
fn every_operation_has_a_client_method_of_its_name() {
    let doc: serde_json::Value = serde_json::from_str(&rc_api::openapi::document_json()).unwrap();
    let methods = client_methods();
    let mut missing = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"].as_str().unwrap_or_default();
            if !methods.contains(id) {
                missing.push(format!("{method} {path} ({id})"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "operations without a typed-client method of the same name: {missing:#?}"
    );
}
