-- My assets (issue 12): one ledger for the rebate balance, coupons and credit lines; coupon
-- templates and coupons; credit lines, their history, bills and repayments; idempotent POSTs.

CREATE TABLE coupon_templates (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    name           TEXT    NOT NULL,
    face_value_fen BIGINT  NOT NULL CHECK (face_value_fen > 0),
    min_amount_fen BIGINT  NOT NULL CHECK (min_amount_fen >= 0),
    min_quantity   INTEGER NOT NULL CHECK (min_quantity >= 0),
    all_solutions  BOOLEAN NOT NULL,
    valid_from     TIMESTAMP,
    valid_to       TIMESTAMP,
    region         TEXT    NOT NULL,
    created_by     BIGINT  REFERENCES users (id),
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from < valid_to)
);

CREATE TABLE coupon_template_solutions (
    template_id BIGINT NOT NULL REFERENCES coupon_templates (id) ON DELETE CASCADE,
    solution_id BIGINT NOT NULL REFERENCES solutions (id),
    PRIMARY KEY (template_id, solution_id)
);

CREATE TABLE coupons (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    code        TEXT    NOT NULL UNIQUE,
    template_id BIGINT  NOT NULL REFERENCES coupon_templates (id),
    company_id  BIGINT  NOT NULL REFERENCES companies (id),
    issued_by   BIGINT  REFERENCES users (id),
    issued_at   TIMESTAMP NOT NULL,
    -- The order holding or having used it (set by the hold, kept by the capture, cleared by a release).
    order_no    TEXT,
    used_at     TIMESTAMP
);
CREATE INDEX coupons_company ON coupons (company_id, issued_at);
CREATE INDEX coupons_template ON coupons (template_id);

-- One account per (company, asset), or per coupon. posted = the sum of its entries' amounts,
-- held = the sum of their hold changes; nothing may leave less than 0 available.
CREATE TABLE ledger_accounts (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id BIGINT  NOT NULL REFERENCES companies (id),
    asset      TEXT    NOT NULL CHECK (asset IN ('rebate', 'credit', 'coupon')),
    coupon_id  BIGINT  REFERENCES coupons (id),
    posted_fen BIGINT  NOT NULL DEFAULT 0,
    held_fen   BIGINT  NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    CHECK (held_fen >= 0),
    CHECK (posted_fen - held_fen >= 0),
    CHECK ((asset = 'coupon') = (coupon_id IS NOT NULL))
);
CREATE UNIQUE INDEX ledger_accounts_company_asset ON ledger_accounts (company_id, asset) WHERE coupon_id IS NULL;
CREATE UNIQUE INDEX ledger_accounts_coupon ON ledger_accounts (coupon_id) WHERE coupon_id IS NOT NULL;

CREATE TABLE credit_lines (
    company_id  BIGINT  PRIMARY KEY REFERENCES companies (id),
    limit_fen   BIGINT  NOT NULL CHECK (limit_fen >= 0),
    term_days   INTEGER NOT NULL CHECK (term_days BETWEEN 1 AND 365),
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);

CREATE TABLE credit_line_changes (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id    BIGINT  NOT NULL REFERENCES companies (id),
    old_limit_fen BIGINT  NOT NULL,
    new_limit_fen BIGINT  NOT NULL,
    old_term_days INTEGER NOT NULL,
    new_term_days INTEGER NOT NULL,
    reason        TEXT    NOT NULL,
    actor_id      BIGINT  REFERENCES users (id),
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX credit_line_changes_company ON credit_line_changes (company_id, created_at);

-- One bill per company and cycle, whichever server closes the cycle.
CREATE TABLE credit_bills (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id  BIGINT  NOT NULL REFERENCES companies (id),
    cycle_start DATE    NOT NULL,
    cycle_end   DATE    NOT NULL,
    due_date    DATE    NOT NULL,
    amount_fen  BIGINT  NOT NULL CHECK (amount_fen > 0),
    repaid_fen  BIGINT  NOT NULL DEFAULT 0 CHECK (repaid_fen >= 0 AND repaid_fen <= amount_fen),
    created_at  TIMESTAMP NOT NULL,
    UNIQUE (company_id, cycle_start)
);
CREATE INDEX credit_bills_due ON credit_bills (company_id, due_date);

CREATE TABLE credit_repayments (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id    BIGINT  NOT NULL REFERENCES companies (id),
    bill_id       BIGINT  NOT NULL REFERENCES credit_bills (id),
    method        TEXT    NOT NULL CHECK (method IN ('offline', 'online')),
    amount_fen    BIGINT  NOT NULL CHECK (amount_fen > 0),
    payer_account TEXT    NOT NULL,
    paid_on       DATE    NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected')),
    reject_reason TEXT,
    submitted_by  BIGINT  REFERENCES users (id),
    reviewed_by   BIGINT  REFERENCES users (id),
    created_at    TIMESTAMP NOT NULL,
    reviewed_at   TIMESTAMP
);
CREATE INDEX credit_repayments_company ON credit_repayments (company_id, created_at);
CREATE INDEX credit_repayments_status ON credit_repayments (status, created_at);

-- Append-only: amount_fen changes posted, held_fen changes held; *_after are the account's totals
-- after the entry. op_key makes each operation once-only per account (hold:ORDER, capture:ORDER,
-- grant:<Idempotency-Key>, …).
CREATE TABLE ledger_entries (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id       BIGINT  NOT NULL REFERENCES ledger_accounts (id),
    kind             TEXT    NOT NULL CHECK (kind IN ('grant', 'claw_back', 'hold', 'capture', 'release',
                                                      'limit_change', 'offline_spend', 'repayment')),
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
CREATE INDEX ledger_entries_account_time ON ledger_entries (account_id, created_at);
CREATE INDEX ledger_entries_unbilled ON ledger_entries (account_id, bill_id);

-- Holds (pending two-phase transfers): one per account and order, resolved at most once.
CREATE TABLE ledger_holds (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id  BIGINT  NOT NULL REFERENCES ledger_accounts (id),
    reference   TEXT    NOT NULL,
    amount_fen  BIGINT  NOT NULL CHECK (amount_fen > 0),
    state       TEXT    NOT NULL CHECK (state IN ('pending', 'captured', 'released')),
    created_at  TIMESTAMP NOT NULL,
    resolved_at TIMESTAMP,
    UNIQUE (account_id, reference)
);

-- A money-moving POST's Idempotency-Key: the same key and body get the stored answer again.
CREATE TABLE idempotency_keys (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    scope        TEXT    NOT NULL,
    idem_key     TEXT    NOT NULL,
    request_hash TEXT    NOT NULL,
    response     TEXT    NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    UNIQUE (scope, idem_key)
);
