#!/bin/sh
# tests/malloc/workload_sqlite.sh ROWS: SQL for sqlite3 that builds a table of ROWS rows
# (recursive CTE), indexes it, and runs grouping, join, sort and update queries whose
# results are printed (deterministic: no random(), no time).
rows=${1:-100000}
cat <<SQL
PRAGMA journal_mode=OFF;
PRAGMA cache_size=-20000;
CREATE TABLE t(id INTEGER PRIMARY KEY, k INTEGER, name TEXT, val REAL, blob BLOB);
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < $rows)
INSERT INTO t SELECT x, (x * 7919) % 1000, 'name' || ((x * 31337) % 50000), (x % 977) * 1.5,
  zeroblob(x % 200) FROM c;
CREATE INDEX t_k ON t(k);
CREATE INDEX t_name ON t(name);
SELECT count(*), sum(k), round(sum(val), 2), sum(length(blob)) FROM t;
SELECT k, count(*), round(avg(val), 3) FROM t GROUP BY k ORDER BY count(*) DESC, k LIMIT 10;
SELECT name, count(*) FROM t GROUP BY name HAVING count(*) > 1 ORDER BY name LIMIT 10;
CREATE TABLE u AS SELECT k, group_concat(id % 10, '') AS digits FROM t GROUP BY k;
SELECT count(*), sum(length(digits)) FROM u;
SELECT t.k, length(u.digits) FROM t JOIN u ON t.k = u.k WHERE t.id % 9973 = 0 ORDER BY t.id;
UPDATE t SET name = name || '_' || k WHERE id % 3 = 0;
DELETE FROM t WHERE id % 5 = 0;
SELECT count(*), count(DISTINCT name), max(length(name)) FROM t;
SELECT id, name FROM t ORDER BY name DESC, id LIMIT 5;
VACUUM;
SELECT count(*) FROM t WHERE name LIKE 'name1%';
SQL
