//! Table definitions shared by both dialects (see `migrations/{sqlite,postgres}`).
#![allow(missing_docs)]

diesel::table! {
    solutions (id) {
        id -> BigInt,
        name -> Text,
        vendor -> Text,
        summary -> Text,
        description -> Text,
        features -> Text,
        category -> Text,
        region -> Text,
        published -> Bool,
        min_price_fen -> BigInt,
        plan_count -> Integer,
        sales_count -> BigInt,
        rating_sum -> BigInt,
        rating_count -> BigInt,
        search_text -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    plans (id) {
        id -> BigInt,
        solution_id -> BigInt,
        name -> Text,
        sku_code -> Text,
        unit_price_fen -> BigInt,
        tax_rate_bp -> Integer,
        region -> Text,
        kind -> Text,
        position -> Integer,
    }
}

diesel::joinable!(plans -> solutions (solution_id));
diesel::allow_tables_to_appear_in_same_query!(plans, solutions);
