-- Partner companies (渠道商), users (operator staff and company users), registration files,
-- one-time tokens, sessions, login challenges, the mail outbox and end customers (我的客户).
CREATE TABLE companies (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    name               TEXT    NOT NULL,
    name_key           TEXT    NOT NULL UNIQUE,
    kind               TEXT    CHECK (kind IN ('distributor', 'reseller')),
    parent_id          BIGINT  REFERENCES companies (id),
    status             TEXT    NOT NULL CHECK (status IN ('pending', 'active', 'rejected', 'disabled')),
    address            TEXT    NOT NULL DEFAULT '',
    account_manager_id BIGINT,
    tier               TEXT    NOT NULL DEFAULT 'registered' CHECK (tier IN ('registered', 'silver', 'gold')),
    reject_reason      TEXT,
    reviewed_by        BIGINT,
    reviewed_at        TIMESTAMP,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL
);
CREATE INDEX companies_status ON companies (status, created_at);
CREATE INDEX companies_parent ON companies (parent_id, name_key);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id    BIGINT  REFERENCES companies (id) ON DELETE CASCADE,
    email         TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL DEFAULT '',
    phone         TEXT    NOT NULL DEFAULT '',
    position      TEXT    NOT NULL DEFAULT '',
    role          TEXT    NOT NULL CHECK (role IN ('operator_admin', 'catalog_manager', 'finance', 'account_manager', 'company_admin', 'co_admin', 'member')),
    status        TEXT    NOT NULL CHECK (status IN ('pending', 'invited', 'active', 'disabled')),
    password_hash TEXT,
    is_registrant BOOLEAN NOT NULL DEFAULT 0,
    locale        TEXT    NOT NULL DEFAULT 'zh' CHECK (locale IN ('zh', 'en')),
    created_at    TIMESTAMP NOT NULL,
    activated_at  TIMESTAMP,
    last_login_at TIMESTAMP
);
CREATE INDEX users_company ON users (company_id, created_at);

CREATE TABLE company_files (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id   BIGINT  NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    file_name    TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    size_bytes   BIGINT  NOT NULL,
    storage_key  TEXT    NOT NULL UNIQUE,
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX company_files_company ON company_files (company_id);

-- Activation, invitation and password-reset links: only a SHA-256 of the token is stored.
CREATE TABLE action_tokens (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT    NOT NULL CHECK (purpose IN ('activation', 'invitation', 'password_reset')),
    token_hash TEXT    NOT NULL UNIQUE,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX action_tokens_user ON action_tokens (user_id, purpose);

-- A session is a refresh-token family; revoking it ends every token of the family at once.
CREATE TABLE sessions (
    id           TEXT    PRIMARY KEY,
    user_id      BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    revoked_at   TIMESTAMP,
    revoke_reason TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE refresh_tokens (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id  TEXT    NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    token_hash  TEXT    NOT NULL UNIQUE,
    created_at  TIMESTAMP NOT NULL,
    replaced_at TIMESTAMP
);

-- Slider challenges (滑块): single use, short-lived.
CREATE TABLE login_challenges (
    id         TEXT    PRIMARY KEY,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP
);

-- Mail is written here in the transaction of the change that causes it, then delivered by a worker.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    recipient       TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    body_text       TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    last_error      TEXT,
    transport       TEXT,
    created_at      TIMESTAMP NOT NULL,
    sent_at         TIMESTAMP
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

CREATE TABLE customers (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id   BIGINT  NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    company_name TEXT    NOT NULL,
    email        TEXT    NOT NULL,
    phone        TEXT    NOT NULL,
    address      TEXT    NOT NULL DEFAULT '',
    search_text  TEXT    NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);
CREATE INDEX customers_company ON customers (company_id, created_at);
