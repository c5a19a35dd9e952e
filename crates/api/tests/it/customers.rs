//! My customers (§6.3): search, paging, add, edit, delete, bulk delete, company scoping.

use rc_testkit::spawn_app;
use rc_types::customers::{CustomerInput, CustomerQuery};

fn customer(n: usize) -> CustomerInput {
    CustomerInput {
        name: format!("客户{n}"),
        email: format!("c{n}@customer.example"),
        company_name: if n.is_multiple_of(2) {
            "世纪互联".into()
        } else {
            format!("公司{n}")
        },
        phone: format!("1371234{n:04}"),
        address: "上海".into(),
    }
}

#[tokio::test]
async fn customer_crud_search_paging_and_bulk_delete() {
    let app = spawn_app().await;
    app.seed_accounts();
    let member = app.login_demo("sales@bluecloud-d.example").await;
    let before = member
        .list_customers(&CustomerQuery::default())
        .await
        .unwrap()
        .total;
    let mut ids = Vec::new();
    for n in 0..20 {
        ids.push(member.create_customer(&customer(n)).await.unwrap().id);
    }
    let page = member.list_customers(&CustomerQuery::default()).await.unwrap();
    assert_eq!(
        (page.total, page.items.len(), page.per_page),
        (before + 20, 15, 15)
    );
    assert_eq!(page.items[0].name, "客户19", "newest first");

    let by_company = member
        .list_customers(&CustomerQuery {
            q: Some("世纪互联".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(by_company.total >= 10);
    let by_phone = member
        .list_customers(&CustomerQuery {
            q: Some("13712340007".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        by_phone.items.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        ["客户7"]
    );
    let by_email = member
        .list_customers(&CustomerQuery {
            q: Some("C3@CUSTOMER".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(by_email.total, 1);

    let edited = member
        .update_customer(
            ids[0],
            &CustomerInput {
                address: "北京".into(),
                ..customer(0)
            },
        )
        .await
        .unwrap();
    assert_eq!(edited.address, "北京");
    assert_eq!(member.get_customer(ids[0]).await.unwrap().address, "北京");

    let invalid = member
        .create_customer(&CustomerInput {
            email: "bad".into(),
            phone: "x".into(),
            name: " ".into(),
            ..customer(99)
        })
        .await
        .unwrap_err();
    let fields: Vec<String> = invalid
        .body()
        .unwrap()
        .fields
        .iter()
        .map(|f| f.field.clone())
        .collect();
    assert_eq!(fields, ["email", "name", "phone"]);

    member.delete_customer(ids[1]).await.unwrap();
    assert_eq!(member.get_customer(ids[1]).await.unwrap_err().status(), Some(404));
    let affected = member.bulk_delete_customers(&ids[2..5]).await.unwrap();
    assert_eq!(affected.count, 3);
    assert_eq!(
        member.bulk_delete_customers(&[]).await.unwrap_err().status(),
        Some(422)
    );
    assert_eq!(
        member
            .list_customers(&CustomerQuery::default())
            .await
            .unwrap()
            .total,
        before + 16
    );

    // Same company, other user: shared. Operator staff: no customers.
    let admin = app.login_demo("an@bluecloud-d.example").await;
    assert_eq!(admin.get_customer(ids[0]).await.unwrap().name, "客户0");
    let operator = app.login_demo("admin@bluecloud.example").await;
    assert_eq!(
        operator
            .list_customers(&CustomerQuery::default())
            .await
            .unwrap_err()
            .status(),
        Some(403)
    );
}
