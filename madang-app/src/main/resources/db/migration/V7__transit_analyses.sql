-- Bus route design becomes an analysis kind (transit). The kind's check constraint was declared inline in V2, so its
-- name differs between H2 and PostgreSQL; the column is rebuilt with a named constraint instead. Portable SQL for H2
-- (MODE=PostgreSQL) and PostgreSQL.

DROP INDEX analysis_jobs_kind_status;
ALTER TABLE analysis_jobs ADD COLUMN kind_code VARCHAR(20);
UPDATE analysis_jobs SET kind_code = kind;
ALTER TABLE analysis_jobs DROP COLUMN kind;
ALTER TABLE analysis_jobs RENAME COLUMN kind_code TO kind;
ALTER TABLE analysis_jobs ALTER COLUMN kind SET NOT NULL;
ALTER TABLE analysis_jobs ADD CONSTRAINT analysis_jobs_kind
    CHECK (kind IN ('hotspot', 'kde', 'dbscan', 'pmedian', 'mclp', 'setcover', 'transit'));
CREATE INDEX analysis_jobs_kind_status ON analysis_jobs (kind, status, finished_at);
