//! Hands the browser over to a gateway: builds the signed form the server answered and submits
//! it (the way the gateways' own SDKs do), so the signed fields reach the gateway unchanged.

use rc_types::payments::GatewayForm;
use wasm_bindgen::JsCast;

/// Submits `form` to the gateway's page in this window.
pub fn submit(form: &GatewayForm) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(element) = document.create_element("form") else {
        return;
    };
    let Ok(html) = element.dyn_into::<web_sys::HtmlFormElement>() else {
        return;
    };
    html.set_method(&form.method);
    html.set_action(&form.url);
    html.set_accept_charset("utf-8");
    html.set_class_name("is-hidden gateway-handoff");
    for field in &form.fields {
        let Ok(input) = document
            .create_element("input")
            .map(JsCast::unchecked_into::<web_sys::HtmlInputElement>)
        else {
            continue;
        };
        input.set_type("hidden");
        input.set_name(&field.name);
        input.set_value(&field.value);
        let _ = html.append_child(&input);
    }
    if let Some(body) = document.body() {
        let _ = body.append_child(&html);
        let _ = html.submit();
    }
}
