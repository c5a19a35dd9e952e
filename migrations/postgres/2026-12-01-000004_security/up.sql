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

-- Mail queued before this change kept its one-time link readable in the body: withhold those
-- bodies (pending ones are not sent) and retire every link still out; new ones can be requested.
UPDATE outbox
SET status = CASE WHEN status = 'pending' THEN 'failed' ELSE status END,
    last_error = CASE WHEN status = 'pending' THEN 'withheld: its one-time link was stored in clear' ELSE last_error END,
    body_text = '',
    purged_at = CURRENT_TIMESTAMP
WHERE body_text LIKE '%token=%';
UPDATE action_tokens SET used_at = CURRENT_TIMESTAMP WHERE used_at IS NULL;
