-- Analyses may run on Apache Spark (madang-spark) as well as in the embedded engine, and the aggregation of points and
-- origin-destination flows by district or H3 cell becomes an analysis kind of its own. Portable SQL for H2
-- (MODE=PostgreSQL) and PostgreSQL.

ALTER TABLE analysis_jobs ADD COLUMN engine VARCHAR(16) DEFAULT 'embedded' NOT NULL;
ALTER TABLE analysis_jobs ADD CONSTRAINT analysis_jobs_engine CHECK (engine IN ('embedded', 'spark'));
ALTER TABLE analysis_jobs DROP CONSTRAINT analysis_jobs_kind;
ALTER TABLE analysis_jobs ADD CONSTRAINT analysis_jobs_kind
    CHECK (kind IN ('hotspot', 'kde', 'dbscan', 'pmedian', 'mclp', 'setcover', 'transit', 'aggregate'));
