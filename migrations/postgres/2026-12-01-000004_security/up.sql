-- Security fixes (issue 10): emailed links sealed outside the readable mail body, the refresh
-- grace window, operator locks on companies and users, and the audit log of who changed what.
ALTER TABLE outbox ADD COLUMN link_sealed TEXT;
ALTER TABLE outbox ADD COLUMN purged_at TIMESTAMP;
CREATE INDEX outbox_sent ON outbox (status, sent_at);

ALTER TABLE refresh_tokens ADD COLUMN successor_sealed TEXT;

ALTER TABLE companies ADD COLUMN operator_locked BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN operator_locked BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE audit_log (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_id    BIGINT,
    action      TEXT    NOT NULL,
    target_kind TEXT    NOT NULL CHECK (target_kind IN ('company', 'user')),
    target_id   BIGINT  NOT NULL,
    detail      TEXT    NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL
);
-- One company admin per company, whatever races the transfers run.
CREATE UNIQUE INDEX users_one_admin ON users (company_id) WHERE role = 'company_admin';

CREATE INDEX audit_log_target ON audit_log (target_kind, target_id, created_at);
