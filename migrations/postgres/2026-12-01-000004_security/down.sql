DROP INDEX users_one_admin;
DROP TABLE audit_log;
ALTER TABLE users DROP COLUMN operator_locked;
ALTER TABLE companies DROP COLUMN operator_locked;
ALTER TABLE refresh_tokens DROP COLUMN successor_sealed;
DROP INDEX outbox_sent;
ALTER TABLE outbox DROP COLUMN purged_at;
ALTER TABLE outbox DROP COLUMN link_sealed;
