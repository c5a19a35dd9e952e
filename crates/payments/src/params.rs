//! Form parameters as both gateways exchange them, and the canonical `k=v&…` string they sign.

/// Parameters in the order they came or will be sent.
pub type Params = Vec<(String, String)>;

/// Parses an `application/x-www-form-urlencoded` body or query string (values decoded).
pub fn parse_form(body: &[u8]) -> Params {
    form_urlencoded::parse(body).into_owned().collect()
}

/// Encodes `params` as a form body or query string.
pub fn encode_form(params: &Params) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (key, value) in params {
        out.append_pair(key, value);
    }
    out.finish()
}

/// The value of `key`, if present.
pub fn get<'a>(params: &'a Params, key: &str) -> Option<&'a str> {
    params.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// The value of `key`, or why the form is malformed.
pub fn require<'a>(params: &'a Params, key: &str) -> Result<&'a str, crate::Rejected> {
    get(params, key)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| crate::Rejected::Malformed(format!("{key} is missing")))
}

/// The string both gateways sign: the parameters with a non-empty value, except `excluded`,
/// sorted by name (byte order), joined as `k=v` with `&`, values not encoded.
pub fn sign_content(params: &Params, excluded: &[&str]) -> String {
    let mut kept: Vec<&(String, String)> = params
        .iter()
        .filter(|(k, v)| !v.is_empty() && !excluded.contains(&k.as_str()))
        .collect();
    kept.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = String::new();
    for (i, (key, value)) in kept.into_iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(key);
        out.push('=');
        out.push_str(value);
    }
    out
}

/// Builds [`Params`] from string pairs.
pub fn of(pairs: &[(&str, &str)]) -> Params {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_content_sorts_drops_empty_and_excluded() {
        let params = of(&[
            ("sign", "xyz"),
            ("b", "2"),
            ("a", "1"),
            ("empty", ""),
            ("sign_type", "RSA2"),
            ("biz_content", "{\"k\":\"v & w\"}"),
        ]);
        assert_eq!(
            sign_content(&params, &["sign", "sign_type"]),
            "a=1&b=2&biz_content={\"k\":\"v & w\"}"
        );
        assert_eq!(
            sign_content(&params, &["sign"]),
            "a=1&b=2&biz_content={\"k\":\"v & w\"}&sign_type=RSA2"
        );
    }

    #[test]
    fn forms_round_trip_with_chinese_and_symbols() {
        let params = of(&[("subject", "订单 DD1 & 测试"), ("total_amount", "99.50")]);
        assert_eq!(parse_form(encode_form(&params).as_bytes()), params);
    }
}
