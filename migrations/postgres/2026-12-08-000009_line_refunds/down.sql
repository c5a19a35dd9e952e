DROP INDEX payment_refunds_line;
ALTER TABLE payment_refunds DROP COLUMN line_refund_id;
DROP TABLE order_line_refunds;
