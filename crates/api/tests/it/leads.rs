//! Leads: consult tickets and trial requests through the operator's queue, their replies, bad
//! input and rate limits.

use crate::fixtures::{PNG, demo, search};
use rc_client::Upload;
use rc_types::tickets::{
    ConsultInput, ServiceType, SupportCategory, TicketEventKind, TicketMessage, TicketQuery, TicketStatus,
    TicketUpdate, TrialInput,
};

fn consult(solution_id: i64) -> ConsultInput {
    ConsultInput {
        solution_id: Some(solution_id),
        service_type: ServiceType::PreSales,
        support_category: SupportCategory::Pricing,
        topic: "批量采购价格".into(),
        details: "我们计划迁移 50 台服务器，请提供报价。".into(),
        name: "刘洋".into(),
        phone: "13900001111".into(),
        email: "Liu.Yang@Example.cn".into(),
        company: "星海科技".into(),
    }
}

#[tokio::test]
async fn consult_and_trial_reach_the_operator_who_replies_and_closes() {
    let app = demo().await;
    let visitor = app.anonymous();
    let id = visitor.search_solutions(&search("SaaS4Me")).await.unwrap().items[0].id;
    let receipt = visitor
        .create_consult(
            &consult(id),
            Some(Upload {
                file_name: "需求.png".into(),
                bytes: PNG.to_vec(),
            }),
        )
        .await
        .unwrap();
    assert!(receipt.number.starts_with("ZX-"), "{}", receipt.number);
    assert_eq!(receipt.contact.response_time, "1 个工作日内");
    let ack = app.smtp.wait_for("liu.yang@example.cn", 0).await;
    assert!(ack.subject.contains(&receipt.number), "{}", ack.subject);
    assert!(ack.body.contains("1 个工作日内"), "{}", ack.body);

    let trial = visitor
        .create_trial(&TrialInput {
            solution_id: id,
            name: "刘洋".into(),
            email: "liu.yang@example.cn".into(),
            phone: "13900001111".into(),
            company: "星海科技".into(),
            note: "希望试用两周".into(),
        })
        .await
        .unwrap();
    assert!(trial.number.starts_with("SY-"));

    let operator = app.login_demo("admin@bluecloud.example").await;
    let queue = operator
        .list_tickets(&TicketQuery {
            status: Some(TicketStatus::New),
            ..TicketQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(queue.total, 2);
    assert_eq!(queue.items[0].topic, "申请试用 SaaS4Me Transport");
    assert_eq!(
        operator.download_ticket_attachment(receipt.id).await.unwrap(),
        PNG
    );
    let assignee = operator
        .list_ticket_assignees()
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.name == "赵益康")
        .unwrap();
    let taken_up = operator
        .update_ticket(
            receipt.id,
            &TicketUpdate {
                status: TicketStatus::InProgress,
                assignee_id: Some(assignee.id),
            },
        )
        .await
        .unwrap();
    assert_eq!(taken_up.summary.assignee.unwrap().name, "赵益康");
    operator
        .create_ticket_message(
            receipt.id,
            &TicketMessage {
                body: "客户预算有限".into(),
                internal: true,
            },
        )
        .await
        .unwrap();
    let replied = operator
        .create_ticket_message(
            receipt.id,
            &TicketMessage {
                body: "您好，报价已发送至邮箱。".into(),
                internal: false,
            },
        )
        .await
        .unwrap();
    let kinds: Vec<TicketEventKind> = replied.events.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            TicketEventKind::Change,
            TicketEventKind::Note,
            TicketEventKind::Reply
        ]
    );
    assert_eq!(
        replied.events[0].change,
        Some(rc_types::tickets::TicketChange {
            status: TicketStatus::InProgress,
            assignee: Some("赵益康".into()),
        }),
        "a change says what it set"
    );
    assert_eq!(replied.events[1].change, None);
    let reply = app.smtp.wait_for("liu.yang@example.cn", 2).await;
    assert!(reply.body.contains("报价已发送"), "{}", reply.body);
    let closed = operator
        .update_ticket(
            receipt.id,
            &TicketUpdate {
                status: TicketStatus::Closed,
                assignee_id: Some(assignee.id),
            },
        )
        .await
        .unwrap();
    assert_eq!(closed.summary.status, TicketStatus::Closed);

    // Anonymous submitters have no account to read it from; a member can't work the queue.
    let member = app.login_demo("sales@bluecloud-d.example").await;
    assert_eq!(
        member
            .list_tickets(&TicketQuery::default())
            .await
            .unwrap_err()
            .status(),
        Some(403)
    );
    assert_eq!(
        member.get_my_ticket(receipt.id).await.unwrap_err().status(),
        Some(404)
    );
}

#[tokio::test]
async fn signed_in_submitters_see_their_tickets_and_replies_only() {
    let app = demo().await;
    let user = app.login_demo("an@bluecloud-d.example").await;
    let id = user.search_solutions(&search("SaaS4Me")).await.unwrap().items[0].id;
    let receipt = user
        .create_consult(
            &consult(id),
            Some(Upload {
                file_name: "拓扑图.png".into(),
                bytes: PNG.to_vec(),
            }),
        )
        .await
        .unwrap();
    let operator = app.login_demo("admin@bluecloud.example").await;
    for (body, internal) in [("内部备注", true), ("已安排顾问联系您", false)] {
        operator
            .create_ticket_message(
                receipt.id,
                &TicketMessage {
                    body: body.into(),
                    internal,
                },
            )
            .await
            .unwrap();
    }
    let mine = user.list_my_tickets(&TicketQuery::default()).await.unwrap();
    assert_eq!((mine.total, mine.items[0].status), (1, TicketStatus::InProgress));
    let detail = user.get_my_ticket(receipt.id).await.unwrap();
    assert_eq!(detail.events.len(), 1, "internal notes stay internal");
    assert_eq!(detail.events[0].body, "已安排顾问联系您");
    assert_eq!(
        user.download_my_ticket_attachment(receipt.id).await.unwrap(),
        PNG,
        "submitters can download what they attached"
    );
    let other = app.login_demo("admin@heenor.example").await;
    assert_eq!(
        other.get_my_ticket(receipt.id).await.unwrap_err().status(),
        Some(404)
    );
    assert_eq!(
        other
            .download_my_ticket_attachment(receipt.id)
            .await
            .unwrap_err()
            .status(),
        Some(404),
        "another company's attachment does not exist for them"
    );
    assert_eq!(
        app.anonymous()
            .download_my_ticket_attachment(receipt.id)
            .await
            .unwrap_err()
            .status(),
        Some(401)
    );
    assert!(
        other
            .list_my_tickets(&TicketQuery::default())
            .await
            .unwrap()
            .items
            .is_empty()
    );
}

#[tokio::test]
async fn lead_forms_refuse_bad_input_and_keep_nothing() {
    let app = demo().await;
    let visitor = app.anonymous();
    let id = visitor.search_solutions(&search("SaaS4Me")).await.unwrap().items[0].id;
    let mut long = consult(id);
    long.details = "字".repeat(301);
    long.email = "not-an-email".into();
    let err = visitor.create_consult(&long, None).await.unwrap_err();
    let fields: Vec<&str> = err
        .body()
        .unwrap()
        .fields
        .iter()
        .map(|f| f.field.as_str())
        .collect();
    assert_eq!((err.status(), fields), (Some(422), vec!["details", "email"]));
    let pdf_named_png = Upload {
        file_name: "a.pdf".into(),
        bytes: b"MZ\x90\x00 not a pdf".to_vec(),
    };
    assert_eq!(
        visitor
            .create_consult(&consult(id), Some(pdf_named_png))
            .await
            .unwrap_err()
            .status(),
        Some(415)
    );
    let unknown = visitor
        .create_trial(&TrialInput {
            solution_id: 987_654,
            name: "x".into(),
            email: "x@y.cn".into(),
            phone: "13900001111".into(),
            company: "x".into(),
            note: String::new(),
        })
        .await
        .unwrap_err();
    assert_eq!(unknown.body().unwrap().fields[0].field, "solution_id");
    let operator = app.login_demo("admin@bluecloud.example").await;
    assert_eq!(
        operator
            .list_tickets(&TicketQuery::default())
            .await
            .unwrap()
            .total,
        0
    );
}

#[tokio::test]
async fn lead_forms_are_rate_limited() {
    let app = rc_testkit::spawn_app_with_limits(rc_api::limits::Limits::with(100, 100, 2)).await;
    app.seed_demo();
    let visitor = app.anonymous();
    let id = visitor.search_solutions(&search("SaaS4Me")).await.unwrap().items[0].id;
    for _ in 0..2 {
        visitor.create_consult(&consult(id), None).await.unwrap();
    }
    let limited = visitor.create_consult(&consult(id), None).await.unwrap_err();
    assert_eq!(limited.status(), Some(429));
    assert!(limited.retry_after().is_some_and(|seconds| seconds >= 1));
}
