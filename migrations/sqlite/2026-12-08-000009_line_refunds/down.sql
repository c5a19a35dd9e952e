-- SQLite cannot drop a column that references another table: payment_refunds is rebuilt.
CREATE TABLE payment_refunds_before (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
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
INSERT INTO payment_refunds_before
SELECT id, refund_no, attempt_id, order_id, amount_fen, status, gateway_refund_no, reason, tries,
       next_try_at, created_at, updated_at
FROM payment_refunds;
DROP TABLE payment_refunds;
ALTER TABLE payment_refunds_before RENAME TO payment_refunds;
CREATE INDEX payment_refunds_due ON payment_refunds (next_try_at) WHERE status = 'pending';
CREATE INDEX payment_refunds_attempt ON payment_refunds (attempt_id);
DROP TABLE order_line_refunds;
