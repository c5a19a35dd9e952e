DROP INDEX reviews_order_line;
ALTER TABLE reviews DROP COLUMN order_line_id;
DROP TABLE invoices;
DROP TABLE order_transfers;
DROP TABLE order_events;
DROP TABLE order_lines;
DROP TABLE orders;
DROP TABLE contracts;
