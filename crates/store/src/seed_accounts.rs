//! Demo accounts: operator staff, an approved distributor with two resellers, users in each role,
//! and some end customers. Idempotent by email / company name.

use diesel::prelude::*;
use rc_types::accounts::{CompanyInput, CompanyKind, CompanyStatus, Role, Tier, UserStatus};
use rc_types::customers::CustomerInput;

use crate::companies::{self, name_key};
use crate::db::{DbConn, now};
use crate::db_text::DbText;
use crate::error::StoreError;
use crate::schema::{companies as company_table, users as user_table};
use crate::{customers, users};

/// Password of every demo account (printed by `make run`).
pub const DEMO_PASSWORD: &str = "Demo-Password-2026";

/// A demo login: email, role, company.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLogin {
    /// Login email.
    pub email: &'static str,
    /// What the account is.
    pub description: &'static str,
}

/// The demo logins, for `make run` to print.
pub const DEMO_LOGINS: &[DemoLogin] = &[
    DemoLogin {
        email: "admin@bluecloud.example",
        description: "operator admin (平台管理员)",
    },
    DemoLogin {
        email: "zhao.yikang@bluecloud.example",
        description: "operator account manager (业务负责人)",
    },
    DemoLogin {
        email: "finance@bluecloud.example",
        description: "operator finance (财务: rebate, coupons, credit lines, repayments)",
    },
    DemoLogin {
        email: "an@bluecloud-d.example",
        description: "distributor admin, BlueCloud_D (分销商管理员)",
    },
    DemoLogin {
        email: "gai.yun@bluecloud-d.example",
        description: "distributor co-admin (协同管理员)",
    },
    DemoLogin {
        email: "sales@bluecloud-d.example",
        description: "distributor member (成员)",
    },
    DemoLogin {
        email: "admin@heenor.example",
        description: "reseller admin, Heenor (经销商管理员)",
    },
    DemoLogin {
        email: "admin@testcompany-a.example",
        description: "reseller admin, TestCompany-A (rebate ¥41.25, coupons, credit ¥1,500)",
    },
];

struct Person(&'static str, &'static str, &'static str, Role);

fn ensure_user(
    conn: &mut DbConn,
    company: Option<i64>,
    person: &Person,
    hash: &str,
) -> Result<i64, StoreError> {
    if let Some(existing) = users::find_by_email(conn, person.0)? {
        return Ok(existing.id);
    }
    let id = users::insert(
        conn,
        &users::NewUser {
            company_id: company,
            email: person.0,
            name: person.1,
            phone: person.2,
            position: "",
            role: person.3,
            status: UserStatus::Active,
            is_registrant: person.3 == Role::CompanyAdmin,
            locale: "zh",
        },
    )?;
    users::activate(conn, id, hash, None, None)?;
    Ok(id)
}

fn ensure_company(
    conn: &mut DbConn,
    name: &str,
    kind: CompanyKind,
    parent: Option<i64>,
    address: &str,
    manager: i64,
    tier: Tier,
) -> Result<i64, StoreError> {
    let existing: Option<i64> = company_table::table
        .filter(company_table::name_key.eq(name_key(name)))
        .select(company_table::id)
        .first(conn)
        .optional()?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let id = if let Some(parent) = parent {
        companies::create_reseller(
            conn,
            parent,
            &CompanyInput {
                name: name.to_owned(),
                address: address.to_owned(),
            },
        )?
    } else {
        let stamp = now();
        diesel::insert_into(company_table::table)
            .values((
                company_table::name.eq(name),
                company_table::name_key.eq(name_key(name)),
                company_table::kind.eq(kind.as_db()),
                company_table::status.eq(CompanyStatus::Active.as_db()),
                company_table::address.eq(address),
                company_table::account_manager_id.eq(manager),
                company_table::created_at.eq(stamp),
                company_table::updated_at.eq(stamp),
            ))
            .returning(company_table::id)
            .get_result(conn)?
    };
    diesel::update(company_table::table.find(id))
        .set(company_table::tier.eq(tier.as_db()))
        .execute(conn)?;
    Ok(id)
}

const STAFF: &[Person] = &[
    Person(
        "admin@bluecloud.example",
        "平台管理员",
        "021-00000000",
        Role::OperatorAdmin,
    ),
    Person(
        "zhao.yikang@bluecloud.example",
        "赵益康",
        "13800000001",
        Role::AccountManager,
    ),
    Person(
        "li.na@bluecloud.example",
        "李娜",
        "13800000002",
        Role::AccountManager,
    ),
    Person("finance@bluecloud.example", "财务", "13800000003", Role::Finance),
    Person(
        "catalog@bluecloud.example",
        "目录管理",
        "13800000004",
        Role::CatalogManager,
    ),
];

const DISTRIBUTOR_USERS: &[Person] = &[
    Person("an@bluecloud-d.example", "An", "13653812334", Role::CompanyAdmin),
    Person(
        "gai.yun@bluecloud-d.example",
        "盖云",
        "13764528426",
        Role::CoAdmin,
    ),
    Person(
        "sales@bluecloud-d.example",
        "销售小王",
        "13900000000",
        Role::Member,
    ),
];

/// (company, name, customer company, email, phone, address); company 0 = distributor, 1 = Heenor.
const CUSTOMERS: &[(usize, &str, &str, &str, &str, &str)] = &[
    (
        0,
        "AIKI",
        "BlueCloud_O",
        "aiki@bluecloud-o.example",
        "13653812334",
        "虹口",
    ),
    (
        0,
        "test2",
        "世纪互联",
        "test2@21vianet.example",
        "15974685924",
        "北京市朝阳区",
    ),
    (
        0,
        "XIXUAN",
        "Heenor",
        "chen.xixuan@heenor.example",
        "400123123",
        "SH",
    ),
    (
        1,
        "王经理",
        "上海某物流有限公司",
        "wang@logistics.example",
        "13712347896",
        "上海市浦东新区",
    ),
];

/// Loads the demo accounts; `hash` is the argon2id hash of [`DEMO_PASSWORD`]. Returns whether
/// anything was created.
pub fn demo_accounts(conn: &mut DbConn, hash: &str) -> Result<bool, StoreError> {
    conn.atomic(|conn| {
        let before: i64 = user_table::table.count().get_result(conn)?;
        let mut manager = 0;
        for person in STAFF {
            let id = ensure_user(conn, None, person, hash)?;
            if person.3 == Role::AccountManager && manager == 0 {
                manager = id;
            }
        }
        let distributor = ensure_company(
            conn,
            "BlueCloud_D",
            CompanyKind::Distributor,
            None,
            "上海宝山区纪蕴路 588 号",
            manager,
            Tier::Gold,
        )?;
        for person in DISTRIBUTOR_USERS {
            ensure_user(conn, Some(distributor), person, hash)?;
        }
        let heenor = ensure_company(
            conn,
            "Heenor",
            CompanyKind::Reseller,
            Some(distributor),
            "上海市虹口区",
            manager,
            Tier::Silver,
        )?;
        ensure_user(
            conn,
            Some(heenor),
            &Person("admin@heenor.example", "陈曦", "400123123", Role::CompanyAdmin),
            hash,
        )?;
        let test_a = ensure_company(
            conn,
            "TestCompany-A",
            CompanyKind::Reseller,
            Some(distributor),
            "虹口",
            manager,
            Tier::Registered,
        )?;
        let test_a_admin = Person(
            "admin@testcompany-a.example",
            "测试管理员",
            "13653812335",
            Role::CompanyAdmin,
        );
        ensure_user(conn, Some(test_a), &test_a_admin, hash)?;

        let created = user_table::table.count().get_result::<i64>(conn)? > before;
        if created {
            for (owner, name, company_name, email, phone, address) in CUSTOMERS {
                let input = CustomerInput {
                    name: (*name).to_owned(),
                    company_name: (*company_name).to_owned(),
                    email: (*email).to_owned(),
                    phone: (*phone).to_owned(),
                    address: (*address).to_owned(),
                };
                customers::create(conn, if *owner == 0 { distributor } else { heenor }, &input)?;
            }
        }
        Ok(created)
    })
}
