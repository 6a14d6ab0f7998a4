-- 0006 is the sync-client branch's migration number. This placeholder exists
-- only so the akun branch (0007) loads (migrations are numbered without gaps);
-- delete it when merging the sync branch's 0006.
SELECT 1;
