//! Cross-tenant matrix: every endpoint taking an id answers 404 to another company's user and
//! changes nothing; members get 403 on admin actions.

use rc_client::ClientError;
use rc_testkit::spawn_app;
use rc_types::PageQuery;
use rc_types::accounts::{
    ApproveApplication, CompanyInput, CompanyKind, CompanyQuery, CompanyStatus, InviteUser, UpdateUser,
    UserStatus,
};
use rc_types::customers::{CustomerInput, CustomerQuery};

use crate::accounts::{form, license_files};

fn assert_status<T: std::fmt::Debug>(result: Result<T, ClientError>, status: u16, what: &str) {
    match result {
        Err(err) => assert_eq!(err.status(), Some(status), "{what}: {err}"),
        Ok(value) => panic!("{what}: expected {status}, got {value:?}"),
    }
}

#[tokio::test]
async fn another_tenants_objects_are_not_found_and_untouched() {
    let app = spawn_app().await;
    app.seed_accounts();
    let heenor_admin = app.login_demo("admin@heenor.example").await;
    let heenor_profile = heenor_admin.get_profile().await.unwrap();
    let heenor = heenor_profile.company.as_ref().unwrap().id;
    let heenor_user = heenor_profile.user.id;
    let heenor_customer = heenor_admin
        .list_customers(&CustomerQuery::default())
        .await
        .unwrap()
        .items[0]
        .id;
    let distributor = heenor_profile
        .company
        .as_ref()
        .unwrap()
        .parent
        .as_ref()
        .unwrap()
        .id;

    // A company with a qualification file, approved under the distributor.
    app.anonymous()
        .create_registration(
            &form(&app, "带文件的公司", "files@co.example").await,
            license_files(),
        )
        .await
        .unwrap();
    let company_id = crate::accounts::pending_company(&app, "files@co.example").await;
    let operator = app.login_demo("admin@bluecloud.example").await;
    let application = &operator
        .list_applications(None, PageQuery::default())
        .await
        .unwrap()
        .items[0];
    let file = application.files[0].id;
    operator
        .approve_application(
            company_id,
            &ApproveApplication {
                kind: CompanyKind::Reseller,
                parent_id: Some(distributor),
            },
        )
        .await
        .unwrap();

    let stranger = app.login_demo("admin@testcompany-a.example").await;
    let input = CompanyInput {
        name: "Hijacked".into(),
        address: "nowhere".into(),
    };
    let customer = CustomerInput {
        name: "x".into(),
        email: "x@x.example".into(),
        company_name: "x".into(),
        phone: "13800000000".into(),
        address: String::new(),
    };
    let edit = UpdateUser {
        name: "pwned".into(),
        phone: "13800000000".into(),
        role: None,
    };

    assert_status(stranger.get_company(heenor).await, 404, "get_company");
    assert_status(
        stranger.update_company(heenor, &input).await,
        404,
        "update_company",
    );
    assert_status(stranger.disable_company(heenor).await, 404, "disable_company");
    assert_status(stranger.enable_company(heenor).await, 404, "enable_company");
    assert_status(
        stranger.list_company_users(heenor).await,
        404,
        "list_company_users",
    );
    assert_status(
        stranger
            .invite_user(
                heenor,
                &InviteUser {
                    email: "spy@x.example".into(),
                    role: None,
                },
            )
            .await,
        404,
        "invite_user",
    );
    assert_status(
        stranger
            .list_resellers(distributor, &CompanyQuery::default())
            .await,
        404,
        "list_resellers",
    );
    assert_status(
        stranger.create_reseller(distributor, &input).await,
        404,
        "create_reseller",
    );
    assert_status(
        stranger.list_company_files(company_id).await,
        404,
        "list_company_files",
    );
    assert_status(stranger.download_file(file).await, 404, "download_file");
    assert_status(stranger.update_user(heenor_user, &edit).await, 404, "update_user");
    assert_status(stranger.disable_user(heenor_user).await, 404, "disable_user");
    assert_status(stranger.delete_user(heenor_user).await, 404, "delete_user");
    assert_status(
        stranger.resend_invitation(heenor_user).await,
        404,
        "resend_invitation",
    );
    assert_status(stranger.transfer_admin(heenor_user).await, 404, "transfer_admin");
    assert_status(stranger.get_customer(heenor_customer).await, 404, "get_customer");
    assert_status(
        stranger.update_customer(heenor_customer, &customer).await,
        404,
        "update_customer",
    );
    assert_status(
        stranger.delete_customer(heenor_customer).await,
        404,
        "delete_customer",
    );
    assert_eq!(
        stranger
            .bulk_delete_customers(&[heenor_customer])
            .await
            .unwrap()
            .count,
        0,
        "bulk_delete ignores others' ids"
    );

    // Even the parent distributor can't read a reseller's private files.
    let distributor_admin = app.login_demo("an@bluecloud-d.example").await;
    assert_status(
        distributor_admin.download_file(file).await,
        404,
        "parent download_file",
    );
    assert_status(
        distributor_admin.get_customer(heenor_customer).await,
        404,
        "parent get_customer",
    );

    // Nothing changed.
    let company = heenor_admin.get_company(heenor).await.unwrap();
    assert_eq!(
        (company.name.as_str(), company.status),
        ("Heenor", CompanyStatus::Active)
    );
    let me = heenor_admin.get_profile().await.unwrap().user;
    assert_eq!((me.name.as_str(), me.status), ("陈曦", UserStatus::Active));
    assert!(heenor_admin.get_customer(heenor_customer).await.is_ok());
    assert_eq!(heenor_admin.list_company_users(heenor).await.unwrap().len(), 1);
    assert_eq!(
        app.smtp
            .all()
            .await
            .iter()
            .filter(|m| m.recipients.contains(&"spy@x.example".to_owned()))
            .count(),
        0
    );
}

#[tokio::test]
async fn members_get_403_on_admin_actions() {
    let app = spawn_app().await;
    app.seed_accounts();
    let member = app.login_demo("sales@bluecloud-d.example").await;
    let profile = member.get_profile().await.unwrap();
    let company = profile.company.unwrap().id;
    assert_eq!(
        profile.permissions,
        ["place_orders", "view_orders", "manage_customers", "view_company"]
    );
    let resellers = app
        .login_demo("an@bluecloud-d.example")
        .await
        .list_resellers(company, &CompanyQuery::default())
        .await
        .unwrap();
    let reseller = resellers.items[0].id;

    assert_status(
        member
            .invite_user(
                company,
                &InviteUser {
                    email: "a@b.example".into(),
                    role: None,
                },
            )
            .await,
        403,
        "invite",
    );
    assert_status(member.list_company_users(company).await, 403, "list users");
    assert_status(
        member.list_resellers(company, &CompanyQuery::default()).await,
        403,
        "list resellers",
    );
    assert_status(member.disable_company(reseller).await, 403, "disable reseller");
    assert_status(
        member.list_applications(None, PageQuery::default()).await,
        403,
        "review queue",
    );
    assert_status(
        member
            .approve_application(
                reseller,
                &ApproveApplication {
                    kind: CompanyKind::Reseller,
                    parent_id: None,
                },
            )
            .await,
        403,
        "approve",
    );
    assert_status(member.list_mail(PageQuery::default()).await, 403, "mailbox");
    assert_status(app.anonymous().get_profile().await, 401, "anonymous profile");
    assert_status(
        app.anonymous().list_customers(&CustomerQuery::default()).await,
        401,
        "anonymous customers",
    );
}
