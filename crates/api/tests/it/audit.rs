//! Operator decisions that stick (locks no partner lifts), admin transfers racing, and the audit
//! log of every such change.

use crate::fixtures::OPERATOR;
use diesel::prelude::*;
use rc_testkit::{TestApp, spawn_app};
use rc_types::accounts::CompanyInput;

async fn company_of(app: &TestApp, email: &str) -> i64 {
    app.login_demo(email)
        .await
        .get_profile()
        .await
        .unwrap()
        .company
        .unwrap()
        .id
}

fn audit_actions(app: &TestApp, kind: &str, id: i64) -> Vec<(Option<i64>, String)> {
    use rc_store::schema::audit_log::dsl as a;
    app.with_conn(|conn| {
        a::audit_log
            .filter(a::target_kind.eq(kind))
            .filter(a::target_id.eq(id))
            .order(a::id.asc())
            .select((a::actor_id, a::action))
            .load(conn)
            .unwrap()
    })
}

#[tokio::test]
async fn operator_decisions_stick_and_every_change_is_recorded() {
    let app = spawn_app().await;
    app.seed_accounts();
    let operator = app.login_demo(OPERATOR).await;
    let distributor = app.login_demo("an@bluecloud-d.example").await;
    let heenor = company_of(&app, "admin@heenor.example").await;

    let disabled = operator.disable_company(heenor).await.unwrap();
    assert!(disabled.locked_by_operator);
    let refused = distributor.enable_company(heenor).await.unwrap_err();
    assert_eq!(refused.status(), Some(409));
    assert!(refused.body().unwrap().message.contains("operator"));
    let enabled = operator.enable_company(heenor).await.unwrap();
    assert!(!enabled.locked_by_operator);
    // The partner's own disable is the partner's to undo.
    distributor.disable_company(heenor).await.unwrap();
    assert!(
        !distributor
            .enable_company(heenor)
            .await
            .unwrap()
            .locked_by_operator
    );

    // Users too.
    let own = company_of(&app, "an@bluecloud-d.example").await;
    let sales = distributor
        .list_company_users(own)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.email == "sales@bluecloud-d.example")
        .unwrap();
    assert!(operator.disable_user(sales.id).await.unwrap().locked_by_operator);
    assert_eq!(
        distributor.enable_user(sales.id).await.unwrap_err().status(),
        Some(409)
    );
    assert_eq!(
        distributor.delete_user(sales.id).await.unwrap_err().status(),
        Some(409)
    );
    operator.enable_user(sales.id).await.unwrap();

    // A reviewed company's name is the operator's: the distributor keeps its address editable.
    let mine = distributor.get_company(own).await.unwrap();
    let rename = CompanyInput {
        name: "BlueCloud_D 改名".into(),
        address: mine.address.clone(),
    };
    let err = distributor.update_company(own, &rename).await.unwrap_err();
    assert_eq!(
        (err.status(), err.body().unwrap().fields[0].field.as_str()),
        (Some(422), "name")
    );
    let moved = CompanyInput {
        name: mine.name.clone(),
        address: "北京市朝阳区建国路 1 号".into(),
    };
    assert_eq!(
        distributor.update_company(own, &moved).await.unwrap().address,
        moved.address
    );
    assert_eq!(
        operator.update_company(own, &rename).await.unwrap().name,
        rename.name
    );

    let operator_id = operator.get_profile().await.unwrap().user.id;
    let distributor_id = distributor.get_profile().await.unwrap().user.id;
    let actions = audit_actions(&app, "company", heenor);
    assert_eq!(
        actions,
        [
            (Some(operator_id), "company.disable".to_owned()),
            (Some(operator_id), "company.enable".to_owned()),
            (Some(distributor_id), "company.disable".to_owned()),
            (Some(distributor_id), "company.enable".to_owned()),
        ]
    );
    let user_actions: Vec<String> = audit_actions(&app, "user", sales.id)
        .into_iter()
        .map(|(_, a)| a)
        .collect();
    assert_eq!(user_actions, ["user.disable", "user.enable"]);
}

#[tokio::test]
async fn concurrent_admin_transfers_leave_one_admin() {
    let app = spawn_app().await;
    app.seed_accounts();
    let admin = app.login_demo("an@bluecloud-d.example").await;
    let own = company_of(&app, "an@bluecloud-d.example").await;
    let users = admin.list_company_users(own).await.unwrap();
    let co_admin = users
        .iter()
        .find(|u| u.email == "gai.yun@bluecloud-d.example")
        .unwrap()
        .id;
    let member = users
        .iter()
        .find(|u| u.email == "sales@bluecloud-d.example")
        .unwrap()
        .id;
    let (a, b) = tokio::join!(admin.transfer_admin(co_admin), admin.transfer_admin(member));
    assert!(a.is_ok() || b.is_ok(), "one transfer goes through");
    for outcome in [&a, &b] {
        if let Err(e) = outcome {
            // The loser conflicts inside its transaction (409), or — checked after the winner
            // committed — is no longer the admin (403).
            assert!(matches!(e.status(), Some(409 | 403)), "{e}");
        }
    }
    let admins: i64 = app.with_conn(|conn| {
        use rc_store::schema::users::dsl as u;
        u::users
            .filter(u::company_id.eq(own))
            .filter(u::role.eq("company_admin"))
            .count()
            .get_result(conn)
            .unwrap()
    });
    assert_eq!(admins, 1);
}

/// A partner's delete, disable or demotion decided on a stale read (the target was a member when
/// the handler looked) can't hit a user a transfer made the admin meanwhile: the rule is part of
/// each write statement, so the company keeps its admin.
#[tokio::test]
async fn a_stale_check_cannot_remove_a_new_admin() {
    let app = spawn_app().await;
    app.seed_accounts();
    let admin = app.login_demo("an@bluecloud-d.example").await;
    let own = company_of(&app, "an@bluecloud-d.example").await;
    let sales = admin
        .list_company_users(own)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.email == "sales@bluecloud-d.example")
        .unwrap()
        .id;
    // The handler's read said "member"; then the transfer commits.
    admin.transfer_admin(sales).await.unwrap();
    app.with_conn(|conn| {
        use rc_store::StoreError;
        let refused = |result: Result<(), StoreError>, what: &str| match result {
            Err(StoreError::Conflict(message)) => {
                assert!(message.contains("company admin"), "{what}: {message}");
            }
            other => panic!("{what}: {other:?}"),
        };
        refused(
            rc_store::users::delete_unlocked(conn, sales, false),
            "partner delete",
        );
        refused(
            rc_store::users::delete_unlocked(conn, sales, true),
            "operator delete",
        );
        refused(rc_store::users::set_enabled(conn, sales, false, false), "disable");
        refused(
            rc_store::users::update(
                conn,
                sales,
                "Sales",
                "13800000000",
                Some(rc_types::accounts::Role::Member),
            ),
            "demotion",
        );
    });
    let admins: Vec<i64> = app.with_conn(|conn| {
        use rc_store::schema::users::dsl as u;
        u::users
            .filter(u::company_id.eq(own))
            .filter(u::role.eq("company_admin"))
            .filter(u::status.eq("active"))
            .select(u::id)
            .load(conn)
            .unwrap()
    });
    assert_eq!(admins, vec![sales]);
}

#[tokio::test]
async fn reviews_new_resellers_and_invitations_are_audited() {
    let app = spawn_app().await;
    app.seed_accounts();
    let form = crate::accounts::form(&app, "审计测试公司", "audit@test.example").await;
    app.anonymous()
        .create_registration(&form, crate::accounts::license_files())
        .await
        .unwrap();
    let applicant = crate::accounts::pending_company(&app, "audit@test.example").await;
    let operator = app.login_demo(OPERATOR).await;
    let operator_id = operator.get_profile().await.unwrap().user.id;
    operator
        .approve_application(
            applicant,
            &rc_types::accounts::ApproveApplication {
                kind: rc_types::accounts::CompanyKind::Distributor,
                parent_id: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(
        audit_actions(&app, "company", applicant),
        [(Some(operator_id), "company.approve".to_owned())]
    );

    let distributor = app.login_demo("an@bluecloud-d.example").await;
    let distributor_id = distributor.get_profile().await.unwrap().user.id;
    let own = company_of(&app, "an@bluecloud-d.example").await;
    let reseller = distributor
        .create_reseller(
            own,
            &CompanyInput {
                name: "审计经销商".into(),
                address: "杭州".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(
        audit_actions(&app, "company", reseller.id),
        [(Some(distributor_id), "company.create".to_owned())]
    );
    let invited = distributor
        .invite_user(
            reseller.id,
            &rc_types::accounts::InviteUser {
                email: "first@audit.example".into(),
                role: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(
        audit_actions(&app, "user", invited.id),
        [(Some(distributor_id), "user.invite".to_owned())]
    );
}
