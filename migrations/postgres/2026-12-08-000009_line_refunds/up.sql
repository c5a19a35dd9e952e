-- A refunded line of a paid order (the operator's 退款 of one line): its share of each source that
-- paid for the order (the coupon's share is forfeited), and the cash owed back — paid through the
-- gateway that took the money, or by finance by hand (then the payout's reference). One per line.
CREATE TABLE order_line_refunds (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id          BIGINT    NOT NULL REFERENCES orders (id),
    line_id           BIGINT    NOT NULL UNIQUE REFERENCES order_lines (id),
    coupon_fen        BIGINT    NOT NULL CHECK (coupon_fen >= 0),
    rebate_fen        BIGINT    NOT NULL CHECK (rebate_fen >= 0),
    credit_fen        BIGINT    NOT NULL CHECK (credit_fen >= 0),
    cash_fen          BIGINT    NOT NULL CHECK (cash_fen >= 0),
    cash_due_fen      BIGINT    NOT NULL CHECK (cash_due_fen >= cash_fen),
    reason            TEXT      NOT NULL,
    refunded_by       BIGINT    NOT NULL REFERENCES users (id),
    created_at        TIMESTAMP NOT NULL,
    payout_reference  TEXT,
    paid_by           BIGINT    REFERENCES users (id),
    paid_at           TIMESTAMP
);
CREATE INDEX order_line_refunds_order ON order_line_refunds (order_id);

-- A gateway refund of one refunded line (none: the whole cancelled order's).
ALTER TABLE payment_refunds ADD COLUMN line_refund_id BIGINT REFERENCES order_line_refunds (id);
CREATE INDEX payment_refunds_line ON payment_refunds (line_refund_id) WHERE line_refund_id IS NOT NULL;
