//! Reseller management (§8): a distributor lists, adds, edits, enables/disables its resellers and
//! manages their users; the operator sees every company.

use rc_testkit::spawn_app;
use rc_types::accounts::{CompanyInput, CompanyKind, CompanyQuery, CompanyStatus, InviteUser, Role};
use rc_types::auth::CompleteLink;

#[tokio::test]
async fn distributor_manages_its_resellers() {
    let app = spawn_app().await;
    app.seed_accounts();
    let admin = app.login_demo("an@bluecloud-d.example").await;
    let distributor = admin.get_profile().await.unwrap().company.unwrap().id;

    let page = admin
        .list_resellers(distributor, &CompanyQuery::default())
        .await
        .unwrap();
    assert_eq!((page.total, page.per_page), (2, 15));
    let found = admin
        .list_resellers(
            distributor,
            &CompanyQuery {
                q: Some("heen".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        found.items.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        ["Heenor"]
    );

    let created = admin
        .create_reseller(
            distributor,
            &CompanyInput {
                name: "蓝云".into(),
                address: "上海宝山区纪蕴路 588 号".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(
        (created.kind, created.status),
        (Some(CompanyKind::Reseller), CompanyStatus::Active)
    );
    assert_eq!(created.parent.as_ref().map(|p| p.id), Some(distributor));
    let dup = admin
        .create_reseller(
            distributor,
            &CompanyInput {
                name: "蓝云".into(),
                address: "x x".into(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(dup.status(), Some(409));
    let invalid = admin
        .create_reseller(
            distributor,
            &CompanyInput {
                name: String::new(),
                address: String::new(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(invalid.status(), Some(422));

    let edited = admin
        .update_company(
            created.id,
            &CompanyInput {
                name: "蓝云科技".into(),
                address: "上海".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(edited.name, "蓝云科技");
    assert_eq!(
        admin.disable_company(created.id).await.unwrap().status,
        CompanyStatus::Disabled
    );
    assert_eq!(
        admin.enable_company(created.id).await.unwrap().status,
        CompanyStatus::Active
    );
    assert_eq!(
        admin.disable_company(distributor).await.unwrap_err().status(),
        Some(409)
    );

    // Invite the reseller's admin-to-be, accept, then make them admin.
    let invited = admin
        .invite_user(
            created.id,
            &InviteUser {
                email: "boss@lanyun.example".into(),
                role: Some(Role::CoAdmin),
            },
        )
        .await
        .unwrap();
    let mail = app.smtp.wait_for("boss@lanyun.example", 0).await;
    let token = mail
        .link("accept-invitation?token=")
        .unwrap()
        .split("token=")
        .nth(1)
        .unwrap()
        .to_owned();
    app.anonymous()
        .complete_link(&CompleteLink {
            token,
            password: "Orchid-Valley-Rain-3".into(),
            name: Some("老板".into()),
            phone: Some("13911112222".into()),
        })
        .await
        .unwrap();
    let users = admin.list_company_users(created.id).await.unwrap();
    assert_eq!(users.len(), 1);
    assert!(users[0].activated);
    let boss = app.login("boss@lanyun.example", "Orchid-Valley-Rain-3").await;
    assert!(
        boss.get_profile()
            .await
            .unwrap()
            .permissions
            .contains(&"manage_company_users".to_owned())
    );
    assert_eq!(
        admin.transfer_admin(invited.id).await.unwrap().role,
        Role::CompanyAdmin,
        "no admin yet: first one appointed"
    );

    // A reseller admin can't manage resellers or see its parent.
    assert_eq!(
        boss.list_resellers(created.id, &CompanyQuery::default())
            .await
            .unwrap_err()
            .status(),
        Some(403)
    );
    assert_eq!(
        boss.list_company_users(distributor).await.unwrap_err().status(),
        Some(404)
    );

    // The operator sees every company.
    let operator = app.login_demo("admin@bluecloud.example").await;
    let all = operator
        .list_all_companies(&CompanyQuery {
            per_page: Some(100),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(all.total, 4);
    assert_eq!(
        admin
            .list_all_companies(&CompanyQuery::default())
            .await
            .unwrap_err()
            .status(),
        Some(403)
    );
}
