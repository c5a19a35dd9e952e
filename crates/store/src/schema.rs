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
        logo_media_id -> Nullable<BigInt>,
        cases -> Text,
        resources -> Text,
        support -> Text,
        agreement -> Text,
        has_product -> Bool,
        has_service -> Bool,
        rating_score -> BigInt,
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

diesel::table! {
    companies (id) {
        id -> BigInt,
        name -> Text,
        name_key -> Text,
        kind -> Nullable<Text>,
        parent_id -> Nullable<BigInt>,
        status -> Text,
        address -> Text,
        account_manager_id -> Nullable<BigInt>,
        tier -> Text,
        reject_reason -> Nullable<Text>,
        reviewed_by -> Nullable<BigInt>,
        reviewed_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        operator_locked -> Bool,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        company_id -> Nullable<BigInt>,
        email -> Text,
        name -> Text,
        phone -> Text,
        position -> Text,
        role -> Text,
        status -> Text,
        password_hash -> Nullable<Text>,
        is_registrant -> Bool,
        locale -> Text,
        created_at -> Timestamp,
        activated_at -> Nullable<Timestamp>,
        last_login_at -> Nullable<Timestamp>,
        operator_locked -> Bool,
    }
}

diesel::table! {
    company_files (id) {
        id -> BigInt,
        company_id -> BigInt,
        file_name -> Text,
        content_type -> Text,
        size_bytes -> BigInt,
        storage_key -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    action_tokens (id) {
        id -> BigInt,
        user_id -> BigInt,
        purpose -> Text,
        token_hash -> Text,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    sessions (id) {
        id -> Text,
        user_id -> BigInt,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
        revoke_reason -> Nullable<Text>,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> BigInt,
        session_id -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        replaced_at -> Nullable<Timestamp>,
        successor_sealed -> Nullable<Text>,
    }
}

diesel::table! {
    login_challenges (id) {
        id -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    outbox (id) {
        id -> BigInt,
        recipient -> Text,
        subject -> Text,
        body_text -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        last_error -> Nullable<Text>,
        transport -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        link_sealed -> Nullable<Text>,
        purged_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    customers (id) {
        id -> BigInt,
        company_id -> BigInt,
        name -> Text,
        company_name -> Text,
        email -> Text,
        phone -> Text,
        address -> Text,
        search_text -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        actor_id -> Nullable<BigInt>,
        action -> Text,
        target_kind -> Text,
        target_id -> BigInt,
        detail -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(users -> companies (company_id));
diesel::joinable!(company_files -> companies (company_id));
diesel::joinable!(customers -> companies (company_id));
diesel::joinable!(action_tokens -> users (user_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(refresh_tokens -> sessions (session_id));
diesel::allow_tables_to_appear_in_same_query!(
    companies,
    users,
    company_files,
    customers,
    action_tokens,
    sessions,
    refresh_tokens,
);

diesel::table! {
    media (id) {
        id -> BigInt,
        storage_key -> Text,
        content_type -> Text,
        size_bytes -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    reviews (id) {
        id -> BigInt,
        solution_id -> BigInt,
        author -> Text,
        company -> Text,
        rating -> Integer,
        body -> Text,
        created_at -> Timestamp,
        order_line_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    banners (id) {
        id -> BigInt,
        title -> Text,
        subtitle -> Text,
        image_media_id -> Nullable<BigInt>,
        link -> Text,
        position -> Integer,
        starts_at -> Nullable<Timestamp>,
        ends_at -> Nullable<Timestamp>,
        published -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    ads (id) {
        id -> BigInt,
        slot -> Text,
        title -> Text,
        subtitle -> Text,
        image_media_id -> Nullable<BigInt>,
        link -> Text,
        position -> Integer,
        published -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    news (id) {
        id -> BigInt,
        title -> Text,
        summary -> Text,
        body -> Text,
        published_at -> Timestamp,
        published -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    partners (id) {
        id -> BigInt,
        name -> Text,
        logo_media_id -> Nullable<BigInt>,
        link -> Nullable<Text>,
        position -> Integer,
        published -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    brands (id) {
        id -> BigInt,
        name -> Text,
        description -> Text,
        logo_media_id -> Nullable<BigInt>,
        website -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    help_pages (id) {
        id -> BigInt,
        slug -> Text,
        title -> Text,
        body -> Text,
        position -> Integer,
        published -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    settings (name) {
        name -> Text,
        value -> Text,
    }
}

diesel::table! {
    cache_epochs (name) {
        name -> Text,
        epoch -> BigInt,
    }
}

diesel::table! {
    tickets (id) {
        id -> BigInt,
        kind -> Text,
        status -> Text,
        solution_id -> Nullable<BigInt>,
        service_type -> Nullable<Text>,
        support_category -> Nullable<Text>,
        topic -> Text,
        details -> Text,
        name -> Text,
        phone -> Text,
        email -> Text,
        company -> Text,
        user_id -> Nullable<BigInt>,
        assignee_id -> Nullable<BigInt>,
        attachment_key -> Nullable<Text>,
        attachment_name -> Nullable<Text>,
        attachment_type -> Nullable<Text>,
        attachment_size -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    ticket_events (id) {
        id -> BigInt,
        ticket_id -> BigInt,
        kind -> Text,
        body -> Text,
        author_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::joinable!(reviews -> solutions (solution_id));
diesel::joinable!(tickets -> solutions (solution_id));
diesel::joinable!(ticket_events -> tickets (ticket_id));
diesel::joinable!(ticket_events -> users (author_id));
diesel::allow_tables_to_appear_in_same_query!(tickets, solutions, users);
diesel::allow_tables_to_appear_in_same_query!(ticket_events, users);

diesel::table! {
    coupon_templates (id) {
        id -> BigInt,
        name -> Text,
        face_value_fen -> BigInt,
        min_amount_fen -> BigInt,
        min_quantity -> Integer,
        all_solutions -> Bool,
        valid_from -> Nullable<Timestamp>,
        valid_to -> Nullable<Timestamp>,
        region -> Text,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    coupon_template_solutions (template_id, solution_id) {
        template_id -> BigInt,
        solution_id -> BigInt,
    }
}

diesel::table! {
    coupons (id) {
        id -> BigInt,
        code -> Text,
        template_id -> BigInt,
        company_id -> BigInt,
        issued_by -> Nullable<BigInt>,
        issued_at -> Timestamp,
        order_no -> Nullable<Text>,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    ledger_accounts (id) {
        id -> BigInt,
        company_id -> BigInt,
        asset -> Text,
        coupon_id -> Nullable<BigInt>,
        posted_fen -> BigInt,
        held_fen -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    credit_lines (company_id) {
        company_id -> BigInt,
        limit_fen -> BigInt,
        term_days -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    credit_line_changes (id) {
        id -> BigInt,
        company_id -> BigInt,
        old_limit_fen -> BigInt,
        new_limit_fen -> BigInt,
        old_term_days -> Integer,
        new_term_days -> Integer,
        reason -> Text,
        actor_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    credit_bills (id) {
        id -> BigInt,
        company_id -> BigInt,
        cycle_start -> Date,
        cycle_end -> Date,
        due_date -> Date,
        amount_fen -> BigInt,
        repaid_fen -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    credit_repayments (id) {
        id -> BigInt,
        company_id -> BigInt,
        bill_id -> BigInt,
        method -> Text,
        amount_fen -> BigInt,
        payer_account -> Text,
        paid_on -> Date,
        status -> Text,
        reject_reason -> Nullable<Text>,
        submitted_by -> Nullable<BigInt>,
        reviewed_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        reviewed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    ledger_entries (id) {
        id -> BigInt,
        account_id -> BigInt,
        kind -> Text,
        amount_fen -> BigInt,
        held_fen -> BigInt,
        posted_after_fen -> BigInt,
        held_after_fen -> BigInt,
        op_key -> Text,
        reference -> Nullable<Text>,
        reason -> Nullable<Text>,
        actor_id -> Nullable<BigInt>,
        bill_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    ledger_holds (id) {
        id -> BigInt,
        account_id -> BigInt,
        reference -> Text,
        amount_fen -> BigInt,
        state -> Text,
        created_at -> Timestamp,
        resolved_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    idempotency_keys (id) {
        id -> BigInt,
        scope -> Text,
        idem_key -> Text,
        request_hash -> Text,
        response -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(coupons -> coupon_templates (template_id));
diesel::joinable!(coupon_template_solutions -> solutions (solution_id));
diesel::joinable!(ledger_entries -> ledger_accounts (account_id));
diesel::joinable!(credit_repayments -> companies (company_id));
diesel::joinable!(credit_line_changes -> users (actor_id));
diesel::allow_tables_to_appear_in_same_query!(coupons, coupon_templates, ledger_accounts);
diesel::allow_tables_to_appear_in_same_query!(coupon_template_solutions, solutions);
diesel::allow_tables_to_appear_in_same_query!(ledger_entries, ledger_accounts);
diesel::allow_tables_to_appear_in_same_query!(credit_repayments, companies);
diesel::allow_tables_to_appear_in_same_query!(credit_line_changes, users);

diesel::table! {
    cart_lines (id) {
        id -> BigInt,
        user_id -> BigInt,
        plan_id -> Nullable<BigInt>,
        solution_id -> Nullable<BigInt>,
        solution_name -> Text,
        plan_name -> Text,
        sku_code -> Text,
        region -> Text,
        kind -> Text,
        tax_rate_bp -> Integer,
        quantity -> Integer,
        seen_price_fen -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::allow_tables_to_appear_in_same_query!(cart_lines, plans);
diesel::allow_tables_to_appear_in_same_query!(cart_lines, solutions);

diesel::table! {
    contracts (id) {
        id -> BigInt,
        number -> Text,
        user_id -> BigInt,
        company_id -> BigInt,
        request_hash -> Text,
        quote_json -> Text,
        pdf -> Binary,
        sha256 -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        agreed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    orders (id) {
        id -> BigInt,
        order_no -> Text,
        company_id -> BigInt,
        placed_by -> BigInt,
        customer_id -> Nullable<BigInt>,
        customer_company -> Text,
        customer_name -> Text,
        customer_email -> Text,
        customer_phone -> Text,
        customer_address -> Text,
        region -> Text,
        status -> Text,
        payment_status -> Text,
        payment_method -> Text,
        goods_total_fen -> BigInt,
        coupon_id -> Nullable<BigInt>,
        coupon_code -> Nullable<Text>,
        coupon_discount_fen -> BigInt,
        rebate_fen -> BigInt,
        credit_fen -> BigInt,
        payable_fen -> BigInt,
        expected_close_date -> Nullable<Date>,
        remark -> Text,
        pay_deadline -> Nullable<Timestamp>,
        contract_id -> BigInt,
        cancel_reason -> Nullable<Text>,
        search_text -> Text,
        created_at -> Timestamp,
        paid_at -> Nullable<Timestamp>,
        updated_at -> Timestamp,
        refund_due_fen -> BigInt,
    }
}

diesel::table! {
    order_refund_payouts (order_id) {
        order_id -> BigInt,
        amount_fen -> BigInt,
        reference -> Text,
        paid_by -> BigInt,
        paid_at -> Timestamp,
    }
}

diesel::table! {
    order_line_refunds (id) {
        id -> BigInt,
        order_id -> BigInt,
        line_id -> BigInt,
        coupon_fen -> BigInt,
        rebate_fen -> BigInt,
        credit_fen -> BigInt,
        cash_fen -> BigInt,
        cash_due_fen -> BigInt,
        reason -> Text,
        refunded_by -> BigInt,
        created_at -> Timestamp,
        payout_reference -> Nullable<Text>,
        paid_by -> Nullable<BigInt>,
        paid_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    order_lines (id) {
        id -> BigInt,
        order_id -> BigInt,
        position -> Integer,
        plan_id -> Nullable<BigInt>,
        solution_id -> Nullable<BigInt>,
        solution_name -> Text,
        plan_name -> Text,
        sku_code -> Text,
        region -> Text,
        kind -> Text,
        tax_rate_bp -> Integer,
        quantity -> Integer,
        unit_price_fen -> BigInt,
        total_fen -> BigInt,
        delivery -> Nullable<Text>,
        delivered_at -> Nullable<Timestamp>,
        delivered_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    order_events (id) {
        id -> BigInt,
        order_id -> BigInt,
        kind -> Text,
        actor_id -> Nullable<BigInt>,
        detail -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    order_transfers (id) {
        id -> BigInt,
        order_id -> BigInt,
        submitted_by -> BigInt,
        payer_name -> Text,
        bank -> Text,
        account -> Text,
        amount_fen -> BigInt,
        transfer_date -> Date,
        reference -> Text,
        receipt_key -> Nullable<Text>,
        receipt_type -> Nullable<Text>,
        status -> Text,
        reject_reason -> Nullable<Text>,
        reviewed_by -> Nullable<BigInt>,
        reviewed_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    invoices (id) {
        id -> BigInt,
        order_id -> BigInt,
        requested_by -> BigInt,
        title -> Text,
        tax_number -> Text,
        address_phone -> Text,
        bank_account -> Text,
        email -> Text,
        amount_fen -> BigInt,
        status -> Text,
        invoice_no -> Nullable<Text>,
        issued_on -> Nullable<Date>,
        reject_reason -> Nullable<Text>,
        pdf_key -> Nullable<Text>,
        reviewed_by -> Nullable<BigInt>,
        reviewed_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::joinable!(order_lines -> orders (order_id));
diesel::joinable!(order_events -> orders (order_id));
diesel::joinable!(order_transfers -> orders (order_id));
diesel::joinable!(invoices -> orders (order_id));
diesel::joinable!(orders -> companies (company_id));
diesel::joinable!(orders -> users (placed_by));
diesel::joinable!(order_line_refunds -> order_lines (line_id));
diesel::allow_tables_to_appear_in_same_query!(order_line_refunds, order_lines);
diesel::allow_tables_to_appear_in_same_query!(order_line_refunds, orders);
diesel::allow_tables_to_appear_in_same_query!(order_line_refunds, payment_refunds);
diesel::allow_tables_to_appear_in_same_query!(
    orders,
    order_lines,
    order_events,
    order_transfers,
    invoices,
    contracts
);
diesel::allow_tables_to_appear_in_same_query!(orders, companies);
diesel::allow_tables_to_appear_in_same_query!(orders, users);
diesel::allow_tables_to_appear_in_same_query!(orders, reviews);
diesel::allow_tables_to_appear_in_same_query!(order_lines, companies);
diesel::allow_tables_to_appear_in_same_query!(order_lines, users);
diesel::allow_tables_to_appear_in_same_query!(order_lines, reviews);
diesel::allow_tables_to_appear_in_same_query!(order_events, companies);
diesel::allow_tables_to_appear_in_same_query!(order_events, users);
diesel::allow_tables_to_appear_in_same_query!(order_events, reviews);
diesel::allow_tables_to_appear_in_same_query!(order_transfers, companies);
diesel::allow_tables_to_appear_in_same_query!(order_transfers, users);
diesel::allow_tables_to_appear_in_same_query!(order_transfers, reviews);
diesel::allow_tables_to_appear_in_same_query!(invoices, companies);
diesel::allow_tables_to_appear_in_same_query!(invoices, users);
diesel::allow_tables_to_appear_in_same_query!(invoices, reviews);
diesel::allow_tables_to_appear_in_same_query!(contracts, companies);
diesel::allow_tables_to_appear_in_same_query!(contracts, users);
diesel::allow_tables_to_appear_in_same_query!(contracts, reviews);

diesel::table! {
    payment_attempts (id) {
        id -> BigInt,
        out_trade_no -> Text,
        provider -> Text,
        company_id -> BigInt,
        order_id -> Nullable<BigInt>,
        bill_id -> Nullable<BigInt>,
        amount_fen -> BigInt,
        status -> Text,
        trade_no -> Nullable<Text>,
        outcome -> Nullable<Text>,
        created_by -> BigInt,
        created_at -> Timestamp,
        expires_at -> Nullable<Timestamp>,
        paid_at -> Nullable<Timestamp>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    payment_events (id) {
        id -> BigInt,
        attempt_id -> Nullable<BigInt>,
        provider -> Text,
        kind -> Text,
        out_trade_no -> Nullable<Text>,
        trade_no -> Nullable<Text>,
        amount_fen -> Nullable<BigInt>,
        verdict -> Text,
        detail -> Text,
        raw -> Text,
        flagged -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    payment_refunds (id) {
        id -> BigInt,
        refund_no -> Text,
        attempt_id -> BigInt,
        order_id -> Nullable<BigInt>,
        amount_fen -> BigInt,
        status -> Text,
        gateway_refund_no -> Nullable<Text>,
        reason -> Text,
        tries -> Integer,
        next_try_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        line_refund_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    credit_pay_passwords (user_id) {
        user_id -> BigInt,
        password_hash -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    credit_pay_codes (id) {
        id -> BigInt,
        user_id -> BigInt,
        order_id -> BigInt,
        code_hash -> Text,
        attempts -> Integer,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    sandbox_trades (id) {
        id -> BigInt,
        provider -> Text,
        out_trade_no -> Text,
        trade_no -> Text,
        merchant -> Text,
        amount_fen -> BigInt,
        subject -> Text,
        status -> Text,
        refunded_fen -> BigInt,
        notify_url -> Text,
        return_url -> Text,
        request_time -> Timestamp,
        expires_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    sandbox_refunds (id) {
        id -> BigInt,
        trade_id -> BigInt,
        refund_no -> Text,
        amount_fen -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    sandbox_notifications (id) {
        id -> BigInt,
        trade_id -> BigInt,
        url -> Text,
        body -> Text,
        attempts -> Integer,
        next_at -> Timestamp,
        delivered_at -> Nullable<Timestamp>,
        last_answer -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::joinable!(payment_events -> payment_attempts (attempt_id));
diesel::joinable!(payment_refunds -> payment_attempts (attempt_id));
diesel::joinable!(payment_attempts -> orders (order_id));
diesel::joinable!(payment_attempts -> companies (company_id));
diesel::allow_tables_to_appear_in_same_query!(payment_attempts, payment_events, payment_refunds);
diesel::allow_tables_to_appear_in_same_query!(payment_attempts, orders);
diesel::allow_tables_to_appear_in_same_query!(payment_attempts, companies);
diesel::allow_tables_to_appear_in_same_query!(payment_events, orders);
diesel::allow_tables_to_appear_in_same_query!(payment_refunds, orders);
diesel::allow_tables_to_appear_in_same_query!(sandbox_trades, sandbox_notifications, sandbox_refunds);
