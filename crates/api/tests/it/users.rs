//! Company users (§7): invite → accept, edit, enable/disable, delete, transfer admin, guards.

use rc_testkit::spawn_app;
use rc_types::accounts::{InviteUser, Role, UpdateUser, UserStatus};
use rc_types::auth::{CompleteLink, TokenPurpose};

#[tokio::test]
async fn invite_accept_edit_transfer_and_guards() {
    let app = spawn_app().await;
    app.seed_accounts();
    let admin = app.login_demo("an@bluecloud-d.example").await;
    let profile = admin.get_profile().await.unwrap();
    let (company, me) = (profile.company.unwrap().id, profile.user.id);

    let invited = admin
        .invite_user(
            company,
            &InviteUser {
                email: "New.Hire@BlueCloud-D.example".into(),
                role: Some(Role::Member),
            },
        )
        .await
        .unwrap();
    assert_eq!(
        (invited.status, invited.activated, invited.email.as_str()),
        (UserStatus::Invited, false, "new.hire@bluecloud-d.example")
    );
    let dup = admin
        .invite_user(
            company,
            &InviteUser {
                email: "new.hire@bluecloud-d.example".into(),
                role: None,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(dup.status(), Some(409));
    let bad_role = admin
        .invite_user(
            company,
            &InviteUser {
                email: "x@y.example".into(),
                role: Some(Role::OperatorAdmin),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(bad_role.status(), Some(422));

    admin.resend_invitation(invited.id).await.unwrap();
    let first = app.smtp.wait_for("new.hire@bluecloud-d.example", 0).await;
    let second = app.smtp.wait_for("new.hire@bluecloud-d.example", 1).await;
    assert!(second.subject.contains("BlueCloud_D"));
    let stale = first.link("accept-invitation?token=").unwrap();
    let fresh = second.link("accept-invitation?token=").unwrap();
    let visitor = app.anonymous();
    let stale_token = stale.split("token=").nth(1).unwrap();
    assert!(
        visitor.inspect_link(stale_token).await.is_err(),
        "resending retires the old link"
    );
    let token = fresh.split("token=").nth(1).unwrap();
    assert_eq!(
        visitor.inspect_link(token).await.unwrap().purpose,
        TokenPurpose::Invitation
    );
    let missing_name = visitor
        .complete_link(&CompleteLink {
            token: token.into(),
            password: "Mountain-Cloud-Tea-8".into(),
            name: None,
            phone: Some("13800000009".into()),
        })
        .await
        .unwrap_err();
    assert_eq!(missing_name.body().unwrap().fields[0].field, "name");
    visitor
        .complete_link(&CompleteLink {
            token: token.into(),
            password: "Mountain-Cloud-Tea-8".into(),
            name: Some("新同事".into()),
            phone: Some("13800000009".into()),
        })
        .await
        .unwrap();
    let hire = app
        .login("new.hire@bluecloud-d.example", "Mountain-Cloud-Tea-8")
        .await;
    let hire_profile = hire.get_profile().await.unwrap();
    assert_eq!(
        (hire_profile.user.name.as_str(), hire_profile.user.role),
        ("新同事", Role::Member)
    );
    assert!(admin.resend_invitation(invited.id).await.unwrap_err().status() == Some(409));

    // Members can't manage users.
    assert_eq!(
        hire.list_company_users(company).await.unwrap_err().status(),
        Some(403)
    );
    assert_eq!(hire.disable_user(me).await.unwrap_err().status(), Some(403));

    let edited = admin
        .update_user(
            invited.id,
            &UpdateUser {
                name: "新同事 Li".into(),
                phone: "13800000010".into(),
                role: Some(Role::CoAdmin),
            },
        )
        .await
        .unwrap();
    assert_eq!((edited.name.as_str(), edited.role), ("新同事 Li", Role::CoAdmin));

    // Guards: not yourself, not the admin.
    assert_eq!(admin.disable_user(me).await.unwrap_err().status(), Some(409));
    assert_eq!(admin.delete_user(me).await.unwrap_err().status(), Some(409));
    let co_admin = app.login_demo("gai.yun@bluecloud-d.example").await;
    assert_eq!(
        co_admin.delete_user(me).await.unwrap_err().status(),
        Some(409),
        "the admin can't be removed"
    );
    assert_eq!(
        co_admin.transfer_admin(invited.id).await.unwrap_err().status(),
        Some(403),
        "only the admin transfers"
    );

    let new_admin = admin.transfer_admin(invited.id).await.unwrap();
    assert_eq!(new_admin.role, Role::CompanyAdmin);
    let users = hire.list_company_users(company).await.unwrap();
    let old = users.iter().find(|u| u.id == me).unwrap();
    assert_eq!(old.role, Role::CoAdmin, "the old admin becomes co-admin");
    assert_eq!(
        users.iter().filter(|u| u.role == Role::CompanyAdmin).count(),
        1,
        "exactly one admin"
    );

    // Revoke a pending invitation.
    let pending = hire
        .invite_user(
            company,
            &InviteUser {
                email: "maybe@x.example".into(),
                role: None,
            },
        )
        .await
        .unwrap();
    hire.delete_user(pending.id).await.unwrap();
    let token_mail = app.smtp.wait_for("maybe@x.example", 0).await;
    let token = token_mail.link("accept-invitation?token=").unwrap();
    assert!(
        visitor
            .inspect_link(token.split("token=").nth(1).unwrap())
            .await
            .is_err()
    );
}
