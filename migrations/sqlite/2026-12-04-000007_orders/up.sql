-- Checkout, the electronic contract and orders (issue 13, manual §5, §6.4, §11).

-- 电子合同: rendered when shown, before the order exists; the order keeps the exact PDF agreed.
CREATE TABLE contracts (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    number       TEXT    NOT NULL UNIQUE,
    user_id      BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    company_id   BIGINT  NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    -- SHA-256 of the checkout (the request) the contract was made from: only that checkout can agree it.
    request_hash TEXT    NOT NULL,
    -- The terms as shown (JSON: the quote, the parties, the delivery block): placing the order
    -- refuses a checkout that prices differently now, or whose customer or parties changed.
    quote_json   TEXT    NOT NULL,
    pdf          BLOB  NOT NULL,
    sha256       TEXT    NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    agreed_at    TIMESTAMP
);
CREATE INDEX contracts_user ON contracts (user_id, created_at);
-- The purge of contracts shown but never agreed.
CREATE INDEX contracts_open ON contracts (expires_at) WHERE agreed_at IS NULL;

CREATE TABLE orders (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    order_no            TEXT    NOT NULL UNIQUE,
    company_id          BIGINT  NOT NULL REFERENCES companies (id),
    placed_by           BIGINT  NOT NULL REFERENCES users (id),
    customer_id         BIGINT  REFERENCES customers (id) ON DELETE SET NULL,
    customer_company    TEXT    NOT NULL,
    customer_name       TEXT    NOT NULL,
    customer_email      TEXT    NOT NULL,
    customer_phone      TEXT    NOT NULL,
    customer_address    TEXT    NOT NULL,
    region              TEXT    NOT NULL,
    status              TEXT    NOT NULL CHECK (status IN ('pending_payment', 'processing', 'delivered', 'completed', 'cancelled')),
    payment_status      TEXT    NOT NULL CHECK (payment_status IN ('unpaid', 'awaiting_confirmation', 'paid', 'refunded')),
    payment_method      TEXT    NOT NULL CHECK (payment_method IN ('online', 'offline')),
    goods_total_fen     BIGINT  NOT NULL CHECK (goods_total_fen >= 0),
    coupon_id           BIGINT  REFERENCES coupons (id),
    coupon_code         TEXT,
    coupon_discount_fen BIGINT  NOT NULL CHECK (coupon_discount_fen >= 0),
    rebate_fen          BIGINT  NOT NULL CHECK (rebate_fen >= 0),
    credit_fen          BIGINT  NOT NULL CHECK (credit_fen >= 0),
    payable_fen         BIGINT  NOT NULL CHECK (payable_fen >= 0),
    expected_close_date DATE,
    remark              TEXT    NOT NULL,
    pay_deadline        TIMESTAMP,
    contract_id         BIGINT  NOT NULL UNIQUE REFERENCES contracts (id),
    cancel_reason       TEXT,
    -- Lowercased 订单编号, 客户公司 and the salesperson's name and email: what 搜索 matches.
    search_text         TEXT    NOT NULL,
    created_at          TIMESTAMP NOT NULL,
    paid_at             TIMESTAMP,
    updated_at          TIMESTAMP NOT NULL,
    -- Cash the operator owes back after cancelling a paid order: what was paid by transfer (or
    -- online), and the part of a refunded credit spend the company had already repaid.
    refund_due_fen      BIGINT  NOT NULL DEFAULT 0 CHECK (refund_due_fen >= 0),
    CHECK (coupon_discount_fen + rebate_fen + credit_fen + payable_fen = goods_total_fen)
);
CREATE INDEX orders_company ON orders (company_id, created_at);
CREATE INDEX orders_placed_by ON orders (placed_by, created_at);
CREATE INDEX orders_created ON orders (created_at);
-- The payment-deadline job's scan: unpaid orders by deadline.
CREATE INDEX orders_deadline ON orders (pay_deadline) WHERE status = 'pending_payment';

-- 退款已付: finance paid a cancelled order's cash refund back (once per order).
CREATE TABLE order_refund_payouts (
    order_id   BIGINT  PRIMARY KEY REFERENCES orders (id) ON DELETE CASCADE,
    amount_fen BIGINT  NOT NULL CHECK (amount_fen > 0),
    reference  TEXT    NOT NULL,
    paid_by    BIGINT  NOT NULL REFERENCES users (id),
    paid_at    TIMESTAMP NOT NULL
);

CREATE TABLE order_lines (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id       BIGINT  NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    plan_id        BIGINT  REFERENCES plans (id) ON DELETE SET NULL,
    solution_id    BIGINT  REFERENCES solutions (id) ON DELETE SET NULL,
    solution_name  TEXT    NOT NULL,
    plan_name      TEXT    NOT NULL,
    sku_code       TEXT    NOT NULL,
    region         TEXT    NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('product', 'service')),
    tax_rate_bp    INTEGER NOT NULL CHECK (tax_rate_bp BETWEEN 0 AND 10000),
    quantity       INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 9999),
    unit_price_fen BIGINT  NOT NULL CHECK (unit_price_fen >= 0),
    total_fen      BIGINT  NOT NULL CHECK (total_fen >= 0),
    delivery       TEXT,
    delivered_at   TIMESTAMP,
    delivered_by   BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    UNIQUE (order_id, position)
);

-- The timeline: every change of an order, who and when.
CREATE TABLE order_events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id   BIGINT  NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    actor_id   BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    detail     TEXT    NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX order_events_order ON order_events (order_id, id);

-- 线下支付: reported bank transfers, confirmed or rejected by the finance staff.
CREATE TABLE order_transfers (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id       BIGINT  NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    submitted_by   BIGINT  NOT NULL REFERENCES users (id),
    payer_name     TEXT    NOT NULL,
    bank           TEXT    NOT NULL,
    account        TEXT    NOT NULL,
    amount_fen     BIGINT  NOT NULL CHECK (amount_fen > 0),
    transfer_date  DATE    NOT NULL,
    reference      TEXT    NOT NULL,
    receipt_key    TEXT,
    receipt_type   TEXT,
    status         TEXT    NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected')),
    reject_reason  TEXT,
    reviewed_by    BIGINT  REFERENCES users (id),
    reviewed_at    TIMESTAMP,
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX order_transfers_order ON order_transfers (order_id, id);
-- At most one transfer waits per order.
CREATE UNIQUE INDEX order_transfers_pending ON order_transfers (order_id) WHERE status = 'pending';

-- 申请开票.
CREATE TABLE invoices (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id      BIGINT  NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    requested_by  BIGINT  NOT NULL REFERENCES users (id),
    title         TEXT    NOT NULL,
    tax_number    TEXT    NOT NULL,
    address_phone TEXT    NOT NULL,
    bank_account  TEXT    NOT NULL,
    email         TEXT    NOT NULL,
    amount_fen    BIGINT  NOT NULL CHECK (amount_fen >= 0),
    -- reversed: issued, then its order was cancelled and refunded (finance issues the red-letter invoice).
    status        TEXT    NOT NULL CHECK (status IN ('requested', 'issued', 'rejected', 'reversed')),
    invoice_no    TEXT,
    issued_on     DATE,
    reject_reason TEXT,
    -- The issued invoice's PDF in the file store, if the finance staff attached one.
    pdf_key       TEXT,
    reviewed_by   BIGINT  REFERENCES users (id),
    reviewed_at   TIMESTAMP,
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX invoices_order ON invoices (order_id, id);
CREATE INDEX invoices_status ON invoices (status, created_at);
-- One open or issued invoice per order (a rejected one may be requested again).
CREATE UNIQUE INDEX invoices_live ON invoices (order_id) WHERE status IN ('requested', 'issued');

-- Reviews written by buyers (§6.4.3): one per order line.
ALTER TABLE reviews ADD COLUMN order_line_id BIGINT REFERENCES order_lines (id) ON DELETE SET NULL;
CREATE UNIQUE INDEX reviews_order_line ON reviews (order_line_id);

-- 退款: a cancelled paid order's spend comes back as its own entry kind (SQLite rebuilds the
-- table to change its CHECK; nothing references ledger_entries).
CREATE TABLE ledger_entries_new (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id       BIGINT  NOT NULL REFERENCES ledger_accounts (id),
    kind             TEXT    NOT NULL CHECK (kind IN ('grant', 'claw_back', 'hold', 'capture', 'release',
                                                      'limit_change', 'offline_spend', 'repayment', 'refund')),
    amount_fen       BIGINT  NOT NULL,
    held_fen         BIGINT  NOT NULL,
    posted_after_fen BIGINT  NOT NULL,
    held_after_fen   BIGINT  NOT NULL,
    op_key           TEXT    NOT NULL,
    reference        TEXT,
    reason           TEXT,
    actor_id         BIGINT  REFERENCES users (id),
    bill_id          BIGINT  REFERENCES credit_bills (id),
    created_at       TIMESTAMP NOT NULL,
    UNIQUE (account_id, op_key)
);
INSERT INTO ledger_entries_new SELECT * FROM ledger_entries;
DROP TABLE ledger_entries;
ALTER TABLE ledger_entries_new RENAME TO ledger_entries;
CREATE INDEX ledger_entries_account_time ON ledger_entries (account_id, created_at);
CREATE INDEX ledger_entries_unbilled ON ledger_entries (account_id, bill_id);
