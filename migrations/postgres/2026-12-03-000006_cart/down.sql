DROP TABLE cart_lines;
