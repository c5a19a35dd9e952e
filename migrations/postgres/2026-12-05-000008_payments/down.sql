DROP TABLE sandbox_notifications;
DROP TABLE sandbox_refunds;
DROP TABLE sandbox_trades;
DROP TABLE credit_pay_codes;
DROP TABLE credit_pay_passwords;
DROP TABLE payment_refunds;
DROP TABLE payment_events;
DROP TABLE payment_attempts;
