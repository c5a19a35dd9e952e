//! Money on the wire: `{ "amount": "107.00", "currency": "CNY" }`.

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// ISO 4217 currency of an amount. Every amount carries one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Currency {
    /// Chinese yuan (人民币), the marketplace's currency.
    #[serde(rename = "CNY")]
    Cny,
    /// US dollar, shown on some statements.
    #[serde(rename = "USD")]
    Usd,
}

impl Currency {
    /// The symbol shown before an amount (`¥`, `$`).
    pub fn symbol(self) -> &'static str {
        match self {
            Currency::Cny => "¥",
            Currency::Usd => "$",
        }
    }
}

/// An amount of money with exactly two decimal places on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Money {
    /// Decimal string with two places, e.g. `"107.00"`.
    #[serde(serialize_with = "serialize_amount", deserialize_with = "deserialize_amount")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "107.00", pattern = r"^-?\d+\.\d{2}$"))]
    pub amount: Decimal,
    /// Currency of the amount.
    pub currency: Currency,
}

impl Money {
    /// An amount in yuan; callers pass values already rounded to fen.
    pub fn cny(amount: Decimal) -> Self {
        Self {
            amount,
            currency: Currency::Cny,
        }
    }

    /// The amount as shown to people: symbol plus the shortest form (`¥107`, `¥64.2`, `¥0.01`),
    /// matching the manual's price labels.
    pub fn display_short(&self) -> String {
        format!("{}{}", self.currency.symbol(), self.amount.normalize())
    }
}

fn serialize_amount<S: Serializer>(amount: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&format!("{:.2}", amount.round_dp(2)))
}

fn deserialize_amount<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    let text = String::deserialize(deserializer)?;
    let value: Decimal = text.parse().map_err(serde::de::Error::custom)?;
    if value.scale() > 2 {
        return Err(serde::de::Error::custom(
            "amount has more than two decimal places",
        ));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn serializes_two_places() {
        let money = Money::cny(Decimal::from(107));
        let json = serde_json::to_string(&money).unwrap();
        assert_eq!(json, r#"{"amount":"107.00","currency":"CNY"}"#);
        let money = Money::cny(Decimal::from_str("64.2").unwrap());
        assert_eq!(serde_json::to_value(money).unwrap()["amount"], "64.20");
    }

    #[test]
    fn round_trips_and_rejects_sub_fen() {
        let money: Money = serde_json::from_str(r#"{"amount":"0.01","currency":"CNY"}"#).unwrap();
        assert_eq!(money.amount, Decimal::from_str("0.01").unwrap());
        assert!(serde_json::from_str::<Money>(r#"{"amount":"0.001","currency":"CNY"}"#).is_err());
        assert!(serde_json::from_str::<Money>(r#"{"amount":"abc","currency":"CNY"}"#).is_err());
    }

    #[test]
    fn short_display_matches_manual_labels() {
        assert_eq!(
            Money::cny(Decimal::from_str("64.20").unwrap()).display_short(),
            "¥64.2"
        );
        assert_eq!(
            Money::cny(Decimal::from_str("9950.00").unwrap()).display_short(),
            "¥9950"
        );
    }
}
