//! Electronic contracts (电子合同, §11): rendered when the buyer asks to see one, stored with the
//! checkout it was made from, agreed at most once (by placing its order), and kept unchanged with
//! their SHA-256 for the company and the operator to download.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use rc_domain::orders::document_number;
use sha2::{Digest, Sha256};

use crate::db::DbConn;
use crate::error::StoreError;
use crate::schema::{contracts, orders};

/// How many later milliseconds are tried when a contract number is taken.
const NUMBER_ATTEMPTS: u32 = 1_000;

/// A stored contract (without its PDF).
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = contracts)]
pub struct ContractRow {
    /// Id.
    pub id: i64,
    /// 合同编号.
    pub number: String,
    /// The buyer it was shown to.
    pub user_id: i64,
    /// The buyer's company.
    pub company_id: i64,
    /// SHA-256 of the checkout it was made from.
    pub request_hash: String,
    /// The quote shown (JSON).
    pub quote_json: String,
    /// SHA-256 of the PDF, hex.
    pub sha256: String,
    /// Shown.
    pub created_at: NaiveDateTime,
    /// Must be agreed before.
    pub expires_at: NaiveDateTime,
    /// When it was agreed (its order placed).
    pub agreed_at: Option<NaiveDateTime>,
}

/// A contract to store.
#[derive(Debug, Clone, Copy)]
pub struct NewContract<'a> {
    /// The buyer.
    pub user_id: i64,
    /// The buyer's company.
    pub company_id: i64,
    /// SHA-256 of the checkout.
    pub request_hash: &'a str,
    /// The quote shown (JSON).
    pub quote_json: &'a str,
    /// Now.
    pub at: DateTime<Utc>,
    /// Must be agreed before.
    pub expires_at: DateTime<Utc>,
}

/// Hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        })
}

fn number_taken(conn: &mut DbConn, number: &str) -> Result<bool, StoreError> {
    Ok(diesel::select(diesel::dsl::exists(
        contracts::table.filter(contracts::number.eq(number)),
    ))
    .get_result(conn)?)
}

/// Picks the contract's number (the time in milliseconds, the next free one when taken), renders
/// the PDF for it with `render`, and stores both; a number taken meanwhile by another server
/// renders again with the next one.
pub fn create<E>(
    conn: &mut DbConn,
    new: &NewContract<'_>,
    render: impl Fn(&str) -> Result<Vec<u8>, E>,
) -> Result<ContractRow, E>
where
    E: From<StoreError>,
{
    for bump in 0..NUMBER_ATTEMPTS {
        let number = document_number(new.at, bump);
        if number_taken(conn, &number)? {
            continue;
        }
        let pdf = render(&number)?;
        let sha256 = sha256_hex(&pdf);
        let inserted = conn.transaction(|conn| {
            diesel::insert_into(contracts::table)
                .values((
                    contracts::number.eq(&number),
                    contracts::user_id.eq(new.user_id),
                    contracts::company_id.eq(new.company_id),
                    contracts::request_hash.eq(new.request_hash),
                    contracts::quote_json.eq(new.quote_json),
                    contracts::pdf.eq(&pdf),
                    contracts::sha256.eq(&sha256),
                    contracts::created_at.eq(new.at.naive_utc()),
                    contracts::expires_at.eq(new.expires_at.naive_utc()),
                ))
                .returning(contracts::id)
                .get_result::<i64>(conn)
        });
        match inserted {
            Ok(id) => return Ok(get(conn, id)?),
            Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            )) => {}
            Err(other) => return Err(StoreError::from(other).into()),
        }
    }
    Err(StoreError::Conflict("no free contract number; retry".to_owned()).into())
}

/// `user_id`'s contract for the same checkout (`request_hash`) showing the same terms
/// (`quote_json`), not agreed and valid at `at`: shown again instead of rendering a new one.
pub fn reusable(conn: &mut DbConn, new: &NewContract<'_>) -> Result<Option<ContractRow>, StoreError> {
    Ok(contracts::table
        .filter(contracts::user_id.eq(new.user_id))
        .filter(contracts::request_hash.eq(new.request_hash))
        .filter(contracts::quote_json.eq(new.quote_json))
        .filter(contracts::agreed_at.is_null())
        .filter(contracts::expires_at.gt(new.at.naive_utc()))
        .order(contracts::id.desc())
        .select(ContractRow::as_select())
        .first(conn)
        .optional()?)
}

/// How many contracts shown to `user_id` are still open (valid at `at`, not agreed).
pub fn open_count(conn: &mut DbConn, user_id: i64, at: DateTime<Utc>) -> Result<i64, StoreError> {
    Ok(contracts::table
        .filter(contracts::user_id.eq(user_id))
        .filter(contracts::agreed_at.is_null())
        .filter(contracts::expires_at.gt(at.naive_utc()))
        .count()
        .get_result(conn)?)
}

/// Deletes up to `limit` contracts that expired before `before` without being agreed (no order
/// refers to them); the agreed ones are kept with their orders for good. Returns how many.
pub fn purge_expired(conn: &mut DbConn, before: NaiveDateTime, limit: i64) -> Result<usize, StoreError> {
    let expired: Vec<i64> = contracts::table
        .filter(contracts::agreed_at.is_null())
        .filter(contracts::expires_at.lt(before))
        .order(contracts::id)
        .limit(limit)
        .select(contracts::id)
        .load(conn)?;
    if expired.is_empty() {
        return Ok(0);
    }
    Ok(diesel::delete(
        contracts::table
            .filter(contracts::id.eq_any(&expired))
            .filter(contracts::agreed_at.is_null()),
    )
    .execute(conn)?)
}

/// Contract `id`.
pub fn get(conn: &mut DbConn, id: i64) -> Result<ContractRow, StoreError> {
    Ok(contracts::table
        .find(id)
        .select(ContractRow::as_select())
        .first(conn)?)
}

/// Contract `id` if `user_id` was shown it (anyone else's is not found).
pub fn own(conn: &mut DbConn, user_id: i64, id: i64) -> Result<ContractRow, StoreError> {
    Ok(contracts::table
        .find(id)
        .filter(contracts::user_id.eq(user_id))
        .select(ContractRow::as_select())
        .first(conn)?)
}

/// The stored PDF of contract `id`, byte for byte as agreed.
pub fn pdf(conn: &mut DbConn, id: i64) -> Result<Vec<u8>, StoreError> {
    Ok(contracts::table.find(id).select(contracts::pdf).first(conn)?)
}

/// Agrees contract `id` (its order is being placed): true once, false when it was agreed already
/// (a concurrent place of the same contract waits for the first, then gets false).
pub fn agree(conn: &mut DbConn, id: i64, at: DateTime<Utc>) -> Result<bool, StoreError> {
    Ok(
        diesel::update(contracts::table.find(id).filter(contracts::agreed_at.is_null()))
            .set(contracts::agreed_at.eq(at.naive_utc()))
            .execute(conn)?
            == 1,
    )
}

/// The order placed with contract `id`, if any.
pub fn order_of(conn: &mut DbConn, id: i64) -> Result<Option<i64>, StoreError> {
    Ok(orders::table
        .filter(orders::contract_id.eq(id))
        .select(orders::id)
        .first(conn)
        .optional()?)
}

/// The two parties of a contract as stored now: 甲方 the buying company with the buyer as its
/// contact, 乙方 the operator (its legal name from the contact card) with the company's account
/// manager as the contact (the operator's hotline when the company has none).
pub fn parties(
    conn: &mut DbConn,
    company_id: i64,
    user_id: i64,
) -> Result<
    (
        rc_types::checkout::ContractPartyView,
        rc_types::checkout::ContractPartyView,
        String,
    ),
    StoreError,
> {
    use crate::schema::{companies, users};
    use rc_types::checkout::ContractPartyView;
    let (company, manager_id): (String, Option<i64>) = companies::table
        .find(company_id)
        .select((companies::name, companies::account_manager_id))
        .first(conn)?;
    let (name, phone, email): (String, String, String) = users::table
        .find(user_id)
        .select((users::name, users::phone, users::email))
        .first(conn)?;
    let card = crate::settings::contact(conn)?;
    let manager: Option<(String, String)> = match manager_id {
        Some(id) => users::table
            .find(id)
            .select((users::name, users::email))
            .first(conn)
            .optional()?,
        None => None,
    };
    let (contact_name, contact) = manager.unwrap_or((card.name.clone(), card.phone.clone()));
    Ok((
        ContractPartyView {
            name: company,
            contact_name: name,
            contact: if phone.trim().is_empty() { email } else { phone },
        },
        ContractPartyView {
            name: card.legal_name,
            contact_name,
            contact,
        },
        card.legal_name_en,
    ))
}
