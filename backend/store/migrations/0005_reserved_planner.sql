-- 0005 is the planner branch's migration number. This placeholder exists only
-- so the akun branch (0007) loads (migrations are numbered without gaps);
-- delete it when merging the planner branch's 0005.
SELECT 1;
