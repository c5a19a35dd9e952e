-- Storefront (issue 4): solution detail tabs, images, reviews, operator-managed content
-- (banners, ads, news, partners, brands, help pages), settings, leads (consult / trial tickets)
-- and the epoch that tells every server its read caches are stale.
ALTER TABLE solutions ADD COLUMN logo_media_id BIGINT;
ALTER TABLE solutions ADD COLUMN cases TEXT NOT NULL DEFAULT '[]';
ALTER TABLE solutions ADD COLUMN resources TEXT NOT NULL DEFAULT '[]';
ALTER TABLE solutions ADD COLUMN support TEXT NOT NULL DEFAULT '{}';
ALTER TABLE solutions ADD COLUMN agreement TEXT NOT NULL DEFAULT '';
ALTER TABLE solutions ADD COLUMN has_product BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE solutions ADD COLUMN has_service BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE solutions SET
    has_product = EXISTS (SELECT 1 FROM plans p WHERE p.solution_id = solutions.id AND p.kind = 'product'),
    has_service = EXISTS (SELECT 1 FROM plans p WHERE p.solution_id = solutions.id AND p.kind = 'service');
-- Average rating × 100, maintained with rating_sum / rating_count, for the rating sort.
ALTER TABLE solutions ADD COLUMN rating_score BIGINT NOT NULL DEFAULT 0;
UPDATE solutions SET rating_score = CASE WHEN rating_count > 0 THEN (rating_sum * 100) / rating_count ELSE 0 END;
CREATE INDEX solutions_rating ON solutions (published, rating_score DESC, rating_count DESC, id DESC);

CREATE TABLE media (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    storage_key  TEXT    NOT NULL UNIQUE,
    content_type TEXT    NOT NULL,
    size_bytes   BIGINT  NOT NULL,
    created_at   TIMESTAMP NOT NULL
);

CREATE TABLE reviews (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    solution_id BIGINT  NOT NULL REFERENCES solutions (id) ON DELETE CASCADE,
    author      TEXT    NOT NULL,
    company     TEXT    NOT NULL,
    rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    body        TEXT    NOT NULL,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX reviews_solution ON reviews (solution_id, created_at DESC, id DESC);

CREATE TABLE banners (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title          TEXT    NOT NULL,
    subtitle       TEXT    NOT NULL DEFAULT '',
    image_media_id BIGINT  REFERENCES media (id),
    link           TEXT    NOT NULL,
    position       INTEGER NOT NULL DEFAULT 0,
    starts_at      TIMESTAMP,
    ends_at        TIMESTAMP,
    published      BOOLEAN NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);

CREATE TABLE ads (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slot           TEXT    NOT NULL CHECK (slot IN ('home_strip', 'list_side', 'detail_side')),
    title          TEXT    NOT NULL,
    subtitle       TEXT    NOT NULL DEFAULT '',
    image_media_id BIGINT  REFERENCES media (id),
    link           TEXT    NOT NULL,
    position       INTEGER NOT NULL DEFAULT 0,
    published      BOOLEAN NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);

CREATE TABLE news (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title        TEXT    NOT NULL,
    summary      TEXT    NOT NULL DEFAULT '',
    body         TEXT    NOT NULL,
    published_at TIMESTAMP NOT NULL,
    published    BOOLEAN NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);
CREATE INDEX news_published ON news (published, published_at DESC, id DESC);

CREATE TABLE partners (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          TEXT    NOT NULL,
    logo_media_id BIGINT  REFERENCES media (id),
    link          TEXT,
    position      INTEGER NOT NULL DEFAULT 0,
    published     BOOLEAN NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);

CREATE TABLE brands (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE,
    description   TEXT    NOT NULL DEFAULT '',
    logo_media_id BIGINT  REFERENCES media (id),
    website       TEXT,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);

CREATE TABLE help_pages (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug       TEXT    NOT NULL UNIQUE,
    title      TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    position   INTEGER NOT NULL DEFAULT 0,
    published  BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Bumped in the same transaction as any storefront edit; servers poll it to drop their caches.
CREATE TABLE cache_epochs (
    name  TEXT PRIMARY KEY,
    epoch BIGINT NOT NULL
);
INSERT INTO cache_epochs (name, epoch) VALUES ('storefront', 1);

CREATE TABLE tickets (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind             TEXT    NOT NULL CHECK (kind IN ('consult', 'trial')),
    status           TEXT    NOT NULL CHECK (status IN ('new', 'in_progress', 'closed')),
    solution_id      BIGINT  REFERENCES solutions (id) ON DELETE SET NULL,
    service_type     TEXT,
    support_category TEXT,
    topic            TEXT    NOT NULL,
    details          TEXT    NOT NULL,
    name             TEXT    NOT NULL,
    phone            TEXT    NOT NULL,
    email            TEXT    NOT NULL,
    company          TEXT    NOT NULL,
    user_id          BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    assignee_id      BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    attachment_key   TEXT,
    attachment_name  TEXT,
    attachment_type  TEXT,
    attachment_size  BIGINT,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
CREATE INDEX tickets_queue ON tickets (status, created_at DESC, id DESC);
CREATE INDEX tickets_user ON tickets (user_id, created_at DESC, id DESC);

CREATE TABLE ticket_events (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id  BIGINT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    kind       TEXT   NOT NULL CHECK (kind IN ('reply', 'note', 'change')),
    body       TEXT   NOT NULL,
    author_id  BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, id);
