//! The cart (购物车, §5.2): add, merge, change, remove; flagged lines after a price change or an
//! unpublished solution; per user, kept across sessions; nobody else's lines; staff can't buy.

use rc_types::cart::{CartLineInput, CartLineState, CartLineUpdate};
use rc_types::catalog::ListSolutionsQuery;
use rust_decimal::Decimal;

use crate::fixtures::{DISTRIBUTOR, OPERATOR, demo};

const MEMBER: &str = "sales@bluecloud-d.example";

fn add(plan_id: i64, quantity: i32) -> CartLineInput {
    CartLineInput {
        plan_id,
        quantity,
        seen_unit_price: None,
    }
}

fn quantity(quantity: i32) -> CartLineUpdate {
    CartLineUpdate {
        quantity,
        accept_unit_price: None,
    }
}

fn accept(quantity: i32, shown: rc_types::Money) -> CartLineUpdate {
    CartLineUpdate {
        quantity,
        accept_unit_price: Some(shown),
    }
}

fn fields(error: &rc_client::ClientError) -> Vec<String> {
    error
        .body()
        .unwrap()
        .fields
        .iter()
        .map(|f| f.field.clone())
        .collect()
}

#[tokio::test]
async fn a_cart_adds_merges_flags_and_belongs_to_its_user() {
    let app = demo().await;
    let visitor = app.anonymous();
    let listed = visitor
        .list_solutions(&ListSolutionsQuery::default())
        .await
        .unwrap();
    let (first, second) = (listed.items[0].id, listed.items[1].id);
    let plan = visitor.get_solution(first).await.unwrap().plans[0].clone();
    let other_plan = visitor.get_solution(second).await.unwrap().plans[0].id;

    let member = app.login_demo(MEMBER).await;
    assert_eq!(member.get_cart().await.unwrap().count, 0);
    let line = member.create_cart_line(&add(plan.id, 2)).await.unwrap();
    assert_eq!((line.quantity, line.state), (2, CartLineState::Ready));
    assert_eq!(line.unit_price, plan.unit_price);
    assert_eq!(line.line_total.amount, plan.unit_price.amount * Decimal::from(2));
    assert_eq!(line.sku_code, plan.sku_code);
    // The same plan again: one line, quantities added.
    let merged = member.create_cart_line(&add(plan.id, 3)).await.unwrap();
    assert_eq!((merged.id, merged.quantity), (line.id, 5));
    member.create_cart_line(&add(other_plan, 1)).await.unwrap();
    let cart = member.get_cart().await.unwrap();
    assert_eq!(cart.count, 2);
    assert_eq!(cart.lines[1].id, line.id, "newest first");

    // Bad input names the field and writes nothing.
    let zero = member.create_cart_line(&add(plan.id, 0)).await.unwrap_err();
    assert_eq!(
        (zero.status(), fields(&zero)),
        (Some(422), vec!["quantity".to_owned()])
    );
    let over = member.create_cart_line(&add(plan.id, 9_995)).await.unwrap_err();
    assert_eq!(
        (over.status(), fields(&over)),
        (Some(422), vec!["quantity".to_owned()])
    );
    let unknown = member.create_cart_line(&add(999_999, 1)).await.unwrap_err();
    assert_eq!(
        (unknown.status(), fields(&unknown)),
        (Some(422), vec!["plan_id".to_owned()])
    );
    assert_eq!(member.get_cart().await.unwrap().lines[1].quantity, 5);

    let changed = member.update_cart_line(line.id, &quantity(7)).await.unwrap();
    assert_eq!(changed.quantity, 7);

    // The operator raises the price: the line is flagged until the user accepts the new one.
    let operator = app.login_demo(OPERATOR).await;
    let mut edit = operator.get_admin_solution(first).await.unwrap().input;
    let index = edit.plans.iter().position(|p| p.id == Some(plan.id)).unwrap();
    edit.plans[index].unit_price = plan.unit_price.amount + Decimal::new(1_000, 2);
    operator.update_solution(first, &edit).await.unwrap();
    let flagged = member
        .get_cart()
        .await
        .unwrap()
        .lines
        .into_iter()
        .find(|l| l.id == line.id)
        .unwrap();
    assert_eq!(flagged.state, CartLineState::PriceChanged);
    assert_eq!(flagged.seen_unit_price, plan.unit_price);
    assert_eq!(flagged.unit_price.amount, plan.unit_price.amount + Decimal::TEN);
    // Accepting quotes the price shown: a price that moved again meanwhile is refused.
    let stale = member
        .update_cart_line(line.id, &accept(7, plan.unit_price))
        .await
        .unwrap_err();
    assert_eq!(stale.status(), Some(409));
    let accepted = member
        .update_cart_line(line.id, &accept(7, flagged.unit_price))
        .await
        .unwrap();
    assert_eq!(accepted.state, CartLineState::Ready);

    // Unpublished: unavailable, only removable.
    operator.unpublish_solution(first).await.unwrap();
    let gone = member
        .get_cart()
        .await
        .unwrap()
        .lines
        .into_iter()
        .find(|l| l.id == line.id)
        .unwrap();
    assert_eq!(gone.state, CartLineState::Unavailable);
    let refused = member
        .update_cart_line(line.id, &accept(7, accepted.unit_price))
        .await
        .unwrap_err();
    assert_eq!(fields(&refused), ["accept_unit_price"]);
    let not_for_sale = member.create_cart_line(&add(plan.id, 1)).await.unwrap_err();
    assert_eq!(fields(&not_for_sale), ["plan_id"]);

    // Another user of the same company has a cart of their own and can't touch this one.
    let admin = app.login_demo(DISTRIBUTOR).await;
    assert_eq!(admin.get_cart().await.unwrap().count, 0);
    assert_eq!(
        admin
            .update_cart_line(line.id, &quantity(1))
            .await
            .unwrap_err()
            .status(),
        Some(404)
    );
    assert_eq!(
        admin.delete_cart_line(line.id).await.unwrap_err().status(),
        Some(404)
    );
    // Staff don't buy; strangers sign in first.
    assert_eq!(operator.get_cart().await.unwrap_err().status(), Some(403));
    assert_eq!(
        operator
            .create_cart_line(&add(other_plan, 1))
            .await
            .unwrap_err()
            .status(),
        Some(403)
    );
    assert_eq!(app.anonymous().get_cart().await.unwrap_err().status(), Some(401));

    // The cart survives a new session.
    member.delete_cart_line(line.id).await.unwrap();
    assert_eq!(
        member.delete_cart_line(line.id).await.unwrap_err().status(),
        Some(404)
    );
    let again = app.login_demo(MEMBER).await;
    let kept = again.get_cart().await.unwrap();
    assert_eq!((kept.count, kept.lines[0].plan_id), (1, Some(other_plan)));
}

#[tokio::test]
async fn plan_changes_flag_lines_and_racing_adds_merge_under_the_caps() {
    let app = demo().await;
    let visitor = app.anonymous();
    let listed = visitor
        .list_solutions(&ListSolutionsQuery::default())
        .await
        .unwrap();
    let solution = listed.items[0].id;
    let plan = visitor.get_solution(solution).await.unwrap().plans[0].clone();
    let member = app.login_demo(MEMBER).await;

    // Adding at a price the user was not shown is refused; at the price shown it is added.
    let stale = member
        .create_cart_line(&CartLineInput {
            seen_unit_price: Some(rc_types::Money::cny(plan.unit_price.amount + Decimal::ONE)),
            ..add(plan.id, 1)
        })
        .await
        .unwrap_err();
    assert_eq!(stale.status(), Some(409));
    let line = member
        .create_cart_line(&CartLineInput {
            seen_unit_price: Some(plan.unit_price),
            ..add(plan.id, 1)
        })
        .await
        .unwrap();

    // 20 adds of the same plan at once from two tabs: one line, every quantity counted.
    let racers: Vec<_> = (0..20)
        .map(|_| {
            let member = member.clone();
            tokio::spawn(async move { member.create_cart_line(&add(plan.id, 2)).await })
        })
        .collect();
    for racer in racers {
        racer.await.unwrap().unwrap();
    }
    let cart = member.get_cart().await.unwrap();
    assert_eq!((cart.count, cart.lines[0].quantity), (1, 41));

    // The region moves at the same price: flagged until confirmed; the line shows the new region.
    let operator = app.login_demo(OPERATOR).await;
    let mut edit = operator.get_admin_solution(solution).await.unwrap().input;
    let index = edit.plans.iter().position(|p| p.id == Some(plan.id)).unwrap();
    edit.plans[index].region = "华北".into();
    operator.update_solution(solution, &edit).await.unwrap();
    let moved = member.get_cart().await.unwrap().lines.remove(0);
    assert_eq!(
        (moved.state, moved.region.as_str()),
        (CartLineState::PlanChanged, "华北")
    );
    let confirmed = member
        .update_cart_line(line.id, &accept(41, moved.unit_price))
        .await
        .unwrap();
    assert_eq!(confirmed.state, CartLineState::Ready);

    // The plan is deleted: the line stays, unavailable, with what the user saw.
    edit.plans.remove(index);
    operator.update_solution(solution, &edit).await.unwrap();
    let gone = member.get_cart().await.unwrap().lines.remove(0);
    assert_eq!(
        (gone.state, gone.plan_id, gone.region.as_str()),
        (CartLineState::Unavailable, None, "华北")
    );
    member.delete_cart_line(gone.id).await.unwrap();

    // At most 50 lines, even when added at once: 49 lines of plans since deleted, then every
    // other plan of the catalog added at once → exactly one more line.
    app.with_conn(|conn| {
        use diesel::prelude::*;
        use rc_store::schema::{cart_lines, users};
        let user: i64 = users::table
            .filter(users::email.eq(MEMBER))
            .select(users::id)
            .first(conn)
            .unwrap();
        for n in 0..49 {
            diesel::insert_into(cart_lines::table)
                .values((
                    cart_lines::user_id.eq(user),
                    cart_lines::solution_name.eq(format!("旧方案{n}")),
                    cart_lines::plan_name.eq("旧计划"),
                    cart_lines::sku_code.eq(format!("OLD-{n}")),
                    cart_lines::region.eq("中国大陆"),
                    cart_lines::kind.eq("product"),
                    cart_lines::tax_rate_bp.eq(600),
                    cart_lines::quantity.eq(1),
                    cart_lines::seen_price_fen.eq(100),
                    cart_lines::created_at.eq(rc_store::db::now()),
                    cart_lines::updated_at.eq(rc_store::db::now()),
                ))
                .execute(conn)
                .unwrap();
        }
    });
    let mut plan_ids = Vec::new();
    for summary in listed.items {
        plan_ids.extend(
            visitor
                .get_solution(summary.id)
                .await
                .unwrap()
                .plans
                .iter()
                .map(|p| p.id),
        );
    }
    plan_ids.retain(|id| *id != plan.id);
    assert!(plan_ids.len() >= 5, "the demo catalog has plans to race with");
    let racers: Vec<_> = plan_ids
        .iter()
        .map(|&id| {
            let member = member.clone();
            tokio::spawn(async move { member.create_cart_line(&add(id, 1)).await.map_err(|e| e.status()) })
        })
        .collect();
    let mut statuses = Vec::new();
    for racer in racers {
        statuses.push(racer.await.unwrap().err());
    }
    assert_eq!(statuses.iter().filter(|s| s.is_none()).count(), 1, "{statuses:?}");
    assert!(statuses.iter().flatten().all(|s| *s == Some(409)), "{statuses:?}");
    assert_eq!(member.get_cart().await.unwrap().count, 50);
}
