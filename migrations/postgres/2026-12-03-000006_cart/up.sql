-- The shopping cart (购物车, issue 13): one line per user and plan, with what the user saw when
-- adding it, so a later price change or a removed plan is flagged instead of silently applied.
CREATE TABLE cart_lines (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id        BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    plan_id        BIGINT  REFERENCES plans (id) ON DELETE SET NULL,
    solution_id    BIGINT  REFERENCES solutions (id) ON DELETE SET NULL,
    solution_name  TEXT    NOT NULL,
    plan_name      TEXT    NOT NULL,
    sku_code       TEXT    NOT NULL,
    region         TEXT    NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('product', 'service')),
    tax_rate_bp    INTEGER NOT NULL CHECK (tax_rate_bp BETWEEN 0 AND 10000),
    quantity       INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 9999),
    seen_price_fen BIGINT  NOT NULL CHECK (seen_price_fen >= 0),
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX cart_lines_user_plan ON cart_lines (user_id, plan_id);
CREATE INDEX cart_lines_user ON cart_lines (user_id, created_at);
