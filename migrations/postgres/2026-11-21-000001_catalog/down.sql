DROP TABLE plans;
DROP TABLE solutions;
