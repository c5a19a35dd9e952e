-- Online payment (issue 14, manual §5 线上支付, §10.3.2 A 蓝云信用支付, §10.3.4 A 额度线上还款).

-- One try at paying an order or a credit bill through a gateway. The gateway's asynchronous
-- notification is the only thing that marks it paid; its trade number is unique, so one
-- payment at the gateway applies once however often it is notified.
CREATE TABLE payment_attempts (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    out_trade_no TEXT    NOT NULL UNIQUE,
    provider     TEXT    NOT NULL CHECK (provider IN ('alipay', 'unionpay')),
    company_id   BIGINT  NOT NULL REFERENCES companies (id),
    order_id     BIGINT  REFERENCES orders (id),
    bill_id      BIGINT  REFERENCES credit_bills (id),
    amount_fen   BIGINT  NOT NULL CHECK (amount_fen > 0),
    status       TEXT    NOT NULL CHECK (status IN ('pending', 'paid', 'closed')),
    trade_no     TEXT    UNIQUE,
    -- What the money did once paid: paid its order or bill, or (the order cancelled or paid
    -- meanwhile, the bill repaid) is given back through the gateway.
    outcome      TEXT    CHECK (outcome IN ('applied', 'refunded')),
    created_by   BIGINT  NOT NULL REFERENCES users (id),
    created_at   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP,
    paid_at      TIMESTAMP,
    updated_at   TIMESTAMP NOT NULL,
    CHECK ((order_id IS NULL) <> (bill_id IS NULL))
);
CREATE INDEX payment_attempts_order ON payment_attempts (order_id);
CREATE INDEX payment_attempts_bill ON payment_attempts (bill_id);
CREATE INDEX payment_attempts_created ON payment_attempts (created_at);
CREATE INDEX payment_attempts_paid ON payment_attempts (paid_at);

-- The payments ledger (支付流水): every attempt, notification (its raw body), browser return,
-- query and refund, with the gateway's ids and what the server made of it.
CREATE TABLE payment_events (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    attempt_id   BIGINT  REFERENCES payment_attempts (id),
    provider     TEXT    NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('attempt', 'notification', 'return', 'query', 'refund')),
    out_trade_no TEXT,
    trade_no     TEXT,
    amount_fen   BIGINT,
    verdict      TEXT    NOT NULL,
    detail       TEXT    NOT NULL,
    raw          TEXT    NOT NULL,
    -- Something the operator should look at: a forged or mismatched message, a refused refund.
    flagged      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX payment_events_attempt ON payment_events (attempt_id);
CREATE INDEX payment_events_created ON payment_events (created_at);

-- Money given back through the gateway that took it: the cash part of an order the operator
-- refunds, or a payment nothing needed any more. A refund the gateway did not answer is retried
-- (claimed through `next_try_at`) with the same refund number, which the gateway deduplicates.
CREATE TABLE payment_refunds (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    refund_no         TEXT    NOT NULL UNIQUE,
    attempt_id        BIGINT  NOT NULL REFERENCES payment_attempts (id),
    order_id          BIGINT  REFERENCES orders (id),
    amount_fen        BIGINT  NOT NULL CHECK (amount_fen > 0),
    status            TEXT    NOT NULL CHECK (status IN ('pending', 'succeeded', 'refused')),
    gateway_refund_no TEXT,
    reason            TEXT    NOT NULL,
    tries             INTEGER NOT NULL DEFAULT 0,
    next_try_at       TIMESTAMP,
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL
);
CREATE INDEX payment_refunds_due ON payment_refunds (next_try_at) WHERE status = 'pending';
CREATE INDEX payment_refunds_attempt ON payment_refunds (attempt_id);

-- 信用中心密码 (argon2id) of a user who pays from the credit line.
CREATE TABLE credit_pay_passwords (
    user_id       BIGINT  PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    password_hash TEXT    NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);

-- The one-time codes emailed for a credit payment: 6 digits, 5 minutes, single use, few tries.
CREATE TABLE credit_pay_codes (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    order_id   BIGINT  NOT NULL REFERENCES orders (id),
    code_hash  TEXT    NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX credit_pay_codes_user ON credit_pay_codes (user_id, order_id, created_at);

-- The sandbox gateway's own books (development and tests only): the trades it was asked to
-- take, and the notifications it owes merchants, retried with backoff until answered.
CREATE TABLE sandbox_trades (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    provider     TEXT    NOT NULL,
    out_trade_no TEXT    NOT NULL,
    trade_no     TEXT    NOT NULL UNIQUE,
    merchant     TEXT    NOT NULL,
    amount_fen   BIGINT  NOT NULL,
    subject      TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('waiting', 'paid', 'closed')),
    refunded_fen BIGINT  NOT NULL DEFAULT 0,
    notify_url   TEXT    NOT NULL,
    return_url   TEXT    NOT NULL,
    request_time TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    UNIQUE (provider, out_trade_no)
);

CREATE TABLE sandbox_refunds (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    trade_id   BIGINT  NOT NULL REFERENCES sandbox_trades (id),
    refund_no  TEXT    NOT NULL,
    amount_fen BIGINT  NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (trade_id, refund_no)
);

CREATE TABLE sandbox_notifications (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    trade_id     BIGINT  NOT NULL REFERENCES sandbox_trades (id),
    url          TEXT    NOT NULL,
    body         TEXT    NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_at      TIMESTAMP NOT NULL,
    delivered_at TIMESTAMP,
    last_answer  TEXT,
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX sandbox_notifications_due ON sandbox_notifications (next_at) WHERE delivered_at IS NULL;
