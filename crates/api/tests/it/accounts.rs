//! Registration → review → activation mail → password → login → profile; rejection; bad input.

use rc_client::Upload;
use rc_testkit::{TestApp, spawn_app};
use rc_types::ErrorCode;
use rc_types::PageQuery;
use rc_types::accounts::{
    ApproveApplication, CompanyKind, CompanyStatus, RegistrationForm, Role, Tier, UpdateProfile, UserStatus,
};
use rc_types::auth::{ChangePassword, CompleteLink, TokenPurpose};

use crate::fixtures::PNG;

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n";

pub fn license_files() -> Vec<Upload> {
    vec![
        Upload {
            file_name: "营业执照.png".into(),
            bytes: PNG.to_vec(),
        },
        Upload {
            file_name: "税务登记证.pdf".into(),
            bytes: PDF.to_vec(),
        },
    ]
}

/// The id of the pending application whose registrant is `email` (as the operator finds it).
pub async fn pending_company(app: &TestApp, email: &str) -> i64 {
    let operator = app.login_demo("admin@bluecloud.example").await;
    operator
        .list_applications(None, PageQuery::default())
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|a| a.registrant.email == email)
        .map_or_else(|| panic!("no application of {email}"), |a| a.company.id)
}

pub async fn form(app: &TestApp, company: &str, email: &str) -> RegistrationForm {
    let managers = app.anonymous().list_account_managers().await.unwrap();
    RegistrationForm {
        company_name: company.into(),
        account_manager_id: managers[0].id,
        contact_name: "张伟".into(),
        email: email.into(),
        phone: "13800138000".into(),
        position: "采购经理".into(),
        address: "上海市浦东新区世纪大道 100 号".into(),
    }
}

#[tokio::test]
async fn registration_review_activation_login_profile() {
    let app = spawn_app().await;
    app.seed_accounts();
    let visitor = app.anonymous();
    let managers = visitor.list_account_managers().await.unwrap();
    assert!(managers.iter().any(|m| m.name == "赵益康"));

    let mut registration = form(&app, "上海云帆科技有限公司", "Zhang.Wei@YunFan.example").await;
    registration.account_manager_id = managers.iter().find(|m| m.name == "赵益康").unwrap().id;
    let receipt = visitor
        .create_registration(&registration, license_files())
        .await
        .unwrap();
    assert_eq!((receipt.status, receipt.file_count), (CompanyStatus::Pending, 2));
    let company_id = pending_company(&app, "zhang.wei@yunfan.example").await;

    // The registrant can't sign in before review.
    let early = visitor
        .create_session(
            &rc_testkit::login_request(&visitor, "zhang.wei@yunfan.example", "whatever-password").await,
        )
        .await;
    assert_eq!(early.unwrap_err().status(), Some(401));

    let operator = app.login_demo("admin@bluecloud.example").await;
    let queue = operator
        .list_applications(None, PageQuery::default())
        .await
        .unwrap();
    let application = queue.items.iter().find(|a| a.company.id == company_id).unwrap();
    assert_eq!(application.registrant.email, "zhang.wei@yunfan.example");
    assert_eq!(application.registrant.position, "采购经理");
    assert_eq!(application.files.len(), 2);
    assert_eq!(application.files[0].content_type, "image/png");
    assert_eq!(application.files[1].content_type, "application/pdf");
    assert_eq!(
        operator.download_file(application.files[1].id).await.unwrap(),
        PDF
    );

    let approved = operator
        .approve_application(
            company_id,
            &ApproveApplication {
                kind: CompanyKind::Reseller,
                parent_id: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(
        (approved.status, approved.kind),
        (CompanyStatus::Active, Some(CompanyKind::Reseller))
    );
    let again = operator
        .approve_application(
            company_id,
            &ApproveApplication {
                kind: CompanyKind::Reseller,
                parent_id: None,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(again.status(), Some(409));

    let mail = app.smtp.wait_for("zhang.wei@yunfan.example", 0).await;
    assert!(mail.subject.contains("已通过"), "{}", mail.subject);
    let link = mail
        .link("/activate?token=")
        .expect("activation link in the mail");
    assert!(link.starts_with(&app.base_url), "{link}");
    let token = link.split("token=").nth(1).unwrap().to_owned();

    let info = visitor.inspect_link(&token).await.unwrap();
    assert_eq!(info.purpose, TokenPurpose::Activation);
    assert_eq!(info.company_name.as_deref(), Some("上海云帆科技有限公司"));
    assert_eq!(info.role, Role::CompanyAdmin);

    let weak = visitor
        .complete_link(&CompleteLink {
            token: token.clone(),
            password: "password123".into(),
            name: None,
            phone: None,
        })
        .await
        .unwrap_err();
    assert_eq!(weak.body().unwrap().fields[0].field, "password");
    visitor
        .complete_link(&CompleteLink {
            token: token.clone(),
            password: "Harbor-Lantern-Sky-9".into(),
            name: None,
            phone: None,
        })
        .await
        .unwrap();
    let reused = visitor
        .complete_link(&CompleteLink {
            token,
            password: "Another-Good-Pass-1".into(),
            name: None,
            phone: None,
        })
        .await
        .unwrap_err();
    assert_eq!(reused.body().unwrap().fields[0].field, "token", "links work once");

    let admin = app
        .login("zhang.wei@yunfan.example", "Harbor-Lantern-Sky-9")
        .await;
    let profile = admin.get_profile().await.unwrap();
    assert_eq!(profile.user.name, "张伟");
    assert_eq!(
        (profile.user.role, profile.user.status),
        (Role::CompanyAdmin, UserStatus::Active)
    );
    let company = profile.company.unwrap();
    assert_eq!(company.name, "上海云帆科技有限公司");
    assert_eq!(company.tier, Tier::Registered);
    assert_eq!(company.account_manager.unwrap().name, "赵益康");
    assert_eq!(profile.registrant.unwrap().position, "采购经理");
    assert!(profile.permissions.contains(&"manage_customers".to_owned()));
    assert!(!profile.permissions.contains(&"manage_resellers".to_owned()));

    let updated = admin
        .update_profile(&UpdateProfile {
            name: "张伟伟".into(),
            phone: "021-5555 6666".into(),
        })
        .await
        .unwrap();
    assert_eq!(updated.user.name, "张伟伟");
    let wrong = admin
        .change_password(&ChangePassword {
            current_password: "nope-nope".into(),
            new_password: "Quiet-River-Stone-4".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(wrong.body().unwrap().fields[0].field, "current_password");
    admin
        .change_password(&ChangePassword {
            current_password: "Harbor-Lantern-Sky-9".into(),
            new_password: "Quiet-River-Stone-4".into(),
        })
        .await
        .unwrap();
    app.login("zhang.wei@yunfan.example", "Quiet-River-Stone-4").await;
}

#[tokio::test]
async fn rejection_is_mailed_with_the_reason() {
    let app = spawn_app().await;
    app.seed_accounts();
    app.anonymous()
        .create_registration(
            &form(&app, "可疑公司", "x@suspicious.example").await,
            license_files(),
        )
        .await
        .unwrap();
    let company_id = pending_company(&app, "x@suspicious.example").await;
    let operator = app.login_demo("zhao.yikang@bluecloud.example").await;
    let empty = operator.reject_application(company_id, "").await.unwrap_err();
    assert_eq!(empty.status(), Some(422));
    let rejected = operator
        .reject_application(company_id, "营业执照已过期")
        .await
        .unwrap();
    assert_eq!(rejected.status, CompanyStatus::Rejected);
    assert_eq!(rejected.reject_reason.as_deref(), Some("营业执照已过期"));
    let mail = app.smtp.wait_for("x@suspicious.example", 0).await;
    assert!(mail.body.contains("营业执照已过期"));
    let rejected_queue = operator
        .list_applications(Some(CompanyStatus::Rejected), PageQuery::default())
        .await
        .unwrap();
    assert_eq!(rejected_queue.total, 1);
}

#[tokio::test]
async fn registration_errors_are_clear_and_store_nothing() {
    let app = spawn_app().await;
    app.seed_accounts();
    let visitor = app.anonymous();
    let mut bad = form(&app, "", "not-an-email").await;
    bad.phone = "abc".into();
    let err = visitor
        .create_registration(&bad, license_files())
        .await
        .unwrap_err();
    let body = err.body().unwrap();
    assert_eq!(
        (err.status(), body.code),
        (Some(422), ErrorCode::ValidationFailed)
    );
    let fields: Vec<&str> = body.fields.iter().map(|f| f.field.as_str()).collect();
    assert!(
        fields.contains(&"company_name") && fields.contains(&"email") && fields.contains(&"phone"),
        "{fields:?}"
    );

    let renamed = vec![Upload {
        file_name: "营业执照.pdf".into(),
        bytes: b"MZ\x90\x00 an executable".to_vec(),
    }];
    let err = visitor
        .create_registration(&form(&app, "好公司", "a@good.example").await, renamed)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(415));
    let err = visitor
        .create_registration(&form(&app, "好公司", "a@good.example").await, vec![])
        .await
        .unwrap_err();
    assert_eq!(err.body().unwrap().fields[0].field, "files");
    let big = vec![Upload {
        file_name: "big.pdf".into(),
        bytes: [PDF, &vec![b' '; 11 * 1024 * 1024]].concat(),
    }];
    let err = visitor
        .create_registration(&form(&app, "好公司", "a@good.example").await, big)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(413));
    let mut unknown_manager = form(&app, "好公司", "a@good.example").await;
    unknown_manager.account_manager_id = 999_999;
    let err = visitor
        .create_registration(&unknown_manager, license_files())
        .await
        .unwrap_err();
    assert_eq!(err.body().unwrap().fields[0].field, "account_manager_id");

    visitor
        .create_registration(&form(&app, "好公司", "a@good.example").await, license_files())
        .await
        .unwrap();
    let dup_company = visitor
        .create_registration(&form(&app, " 好公司 ", "b@good.example").await, license_files())
        .await
        .unwrap_err();
    assert_eq!(
        (
            dup_company.status(),
            dup_company.body().unwrap().fields[0].field.as_str()
        ),
        (Some(409), "company_name")
    );
    // An address that already has an account gets the answer of a new one (no probing which
    // addresses are registered); its owner is told by mail, and nothing is stored.
    let dup_email = visitor
        .create_registration(
            &form(&app, "另一家公司", "An@BlueCloud-D.example").await,
            license_files(),
        )
        .await
        .unwrap();
    assert_eq!(
        (dup_email.status, dup_email.file_count),
        (CompanyStatus::Pending, 2)
    );
    let told = app.smtp.wait_for("an@bluecloud-d.example", 0).await;
    assert!(
        told.subject.contains("有人用您的邮箱申请入驻"),
        "{}",
        told.subject
    );

    let operator = app.login_demo("admin@bluecloud.example").await;
    assert_eq!(
        operator
            .list_applications(None, PageQuery::default())
            .await
            .unwrap()
            .total,
        1,
        "only the good one is stored"
    );
}

#[tokio::test]
async fn qualification_files_can_live_in_an_s3_object_store() {
    let s3 = rc_testkit::S3Server::start("reseller-center-test").await;
    let app = rc_testkit::spawn_app_with_s3(&s3).await;
    app.seed_accounts();
    let receipt = app
        .anonymous()
        .create_registration(
            &form(&app, "对象存储科技有限公司", "ops@objects.example").await,
            license_files(),
        )
        .await
        .unwrap();
    assert_eq!(receipt.file_count, 2);

    let keys = s3.keys().await;
    assert_eq!(keys.len(), 2, "{keys:?}");
    assert!(keys.iter().all(|k| k.starts_with("uploads/")), "{keys:?}");

    let operator = app.login_demo("admin@bluecloud.example").await;
    let queue = operator
        .list_applications(None, PageQuery::default())
        .await
        .unwrap();
    let application = queue
        .items
        .iter()
        .find(|a| a.registrant.email == "ops@objects.example")
        .unwrap();
    assert_eq!(
        operator.download_file(application.files[0].id).await.unwrap(),
        PNG
    );
    assert_eq!(
        operator.download_file(application.files[1].id).await.unwrap(),
        PDF
    );
}
