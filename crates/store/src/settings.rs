//! Operator settings stored as JSON values by name.

use diesel::prelude::*;
use rc_types::storefront::OperatorContact;

use crate::db::DbConn;
use crate::error::StoreError;
use crate::schema::settings;

const CONTACT: &str = "operator_contact";

/// Who contacts visitors after a consult or trial request (defaults to the manual's 蓝云).
pub fn contact(conn: &mut DbConn) -> Result<OperatorContact, StoreError> {
    let value: Option<String> = settings::table
        .find(CONTACT)
        .select(settings::value)
        .first(conn)
        .optional()?;
    match value {
        Some(json) => {
            serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(format!("setting {CONTACT}: {e}")))
        }
        None => Ok(OperatorContact {
            name: "蓝云".to_owned(),
            phone: "400-089-0000".to_owned(),
            email: "service@bluecloud.example".to_owned(),
            response_time: "1 个工作日内".to_owned(),
            legal_name: rc_types::storefront::default_legal_name(),
            legal_name_en: "Shanghai Blue Cloud Technology Co., Ltd.".to_owned(),
        }),
    }
}

/// Saves the contact card (and marks cached storefront reads stale).
pub fn set_contact(conn: &mut DbConn, card: &OperatorContact) -> Result<OperatorContact, StoreError> {
    let json = serde_json::to_string(card).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    conn.atomic(|conn| {
        let updated = diesel::update(settings::table.find(CONTACT))
            .set(settings::value.eq(&json))
            .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(settings::table)
                .values((settings::name.eq(CONTACT), settings::value.eq(&json)))
                .execute(conn)?;
        }
        crate::epochs::bump_storefront(conn)
    })?;
    contact(conn)
}
