-- Public solution catalog: solutions (解决方案) and their purchase plans / SKUs (购买计划).
CREATE TABLE solutions (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    name          TEXT    NOT NULL UNIQUE,
    vendor        TEXT    NOT NULL,
    summary       TEXT    NOT NULL,
    description   TEXT    NOT NULL,
    features      TEXT    NOT NULL DEFAULT '[]',
    category      TEXT    NOT NULL CHECK (category IN ('business_services', 'cloud_apps', 'backup_migration', 'security_services', 'other')),
    region        TEXT    NOT NULL,
    published     BOOLEAN NOT NULL DEFAULT 1,
    -- Denormalised from plans for list sorting; maintained by the store.
    min_price_fen BIGINT  NOT NULL DEFAULT 0,
    plan_count    INTEGER NOT NULL DEFAULT 0,
    sales_count   BIGINT  NOT NULL DEFAULT 0,
    rating_sum    BIGINT  NOT NULL DEFAULT 0,
    rating_count  BIGINT  NOT NULL DEFAULT 0,
    -- Lower-cased name, vendor and summary for the keyword filter.
    search_text   TEXT    NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
CREATE INDEX solutions_popular ON solutions (published, sales_count DESC, rating_sum DESC, id DESC);
CREATE INDEX solutions_category_popular ON solutions (published, category, sales_count DESC, rating_sum DESC, id DESC);
CREATE INDEX solutions_newest ON solutions (published, created_at DESC, id DESC);
CREATE INDEX solutions_price ON solutions (published, min_price_fen, id);
CREATE INDEX solutions_name ON solutions (published, name, id);
CREATE INDEX solutions_vendor ON solutions (published, vendor);

CREATE TABLE plans (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    solution_id    BIGINT  NOT NULL REFERENCES solutions (id) ON DELETE CASCADE,
    name           TEXT    NOT NULL,
    sku_code       TEXT    NOT NULL UNIQUE,
    unit_price_fen BIGINT  NOT NULL CHECK (unit_price_fen >= 0),
    tax_rate_bp    INTEGER NOT NULL CHECK (tax_rate_bp BETWEEN 0 AND 10000),
    region         TEXT    NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('product', 'service')),
    position       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX plans_solution ON plans (solution_id, position);
