-- 0005 is reserved for the planner branch (runs and scenarios). This empty
-- placeholder only keeps the numbering contiguous on the sync branch; at the
-- merge, keep the planner's 0005 file and delete this one.
SELECT 1;
