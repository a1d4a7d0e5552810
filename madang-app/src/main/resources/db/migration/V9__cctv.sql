-- Integrated CCTV (package cctv): the camera registry, and the platform feed `cctv` whose alert rule turns a camera
-- the health check cannot reach into an alert on the dashboard. Portable SQL for H2 (MODE=PostgreSQL) and PostgreSQL.

-- One camera. stream_url is never sent to a browser: the platform proxies it behind signed links. A synthetic camera
-- (the demo's positions drawn inside each district) says so in `synthetic`; stream_kind 'test-pattern' is the
-- platform's own generated picture, 'none' a camera without a stream.
CREATE TABLE cctv_cameras (
    id              VARCHAR(64)   NOT NULL PRIMARY KEY,
    name_ko         VARCHAR(300)  NOT NULL,
    name_en         VARCHAR(300),
    purpose         VARCHAR(30)   NOT NULL CHECK (purpose IN ('crime-prevention', 'traffic', 'disaster', 'parks')),
    lat             DOUBLE PRECISION NOT NULL,
    lon             DOUBLE PRECISION NOT NULL,
    district_code   VARCHAR(20),
    organization    VARCHAR(100),
    stream_kind     VARCHAR(20)   NOT NULL CHECK (stream_kind IN ('hls', 'mjpeg', 'snapshot', 'test-pattern', 'none')),
    stream_url      VARCHAR(2000),
    synthetic       BOOLEAN       NOT NULL DEFAULT FALSE,
    status          VARCHAR(20)   NOT NULL CHECK (status IN ('online', 'stale', 'unreachable', 'unknown', 'no-stream')),
    status_detail   VARCHAR(500),
    last_checked_at TIMESTAMP WITH TIME ZONE,
    last_frame_at   TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX cctv_cameras_district ON cctv_cameras (district_code);

-- The health check reports each camera's reachability to this feed (unreachable = 1, reachable = 0); the rule raises
-- an alert at 1 and resolves it below 0.5, like any other feed's alert.
INSERT INTO feeds (name, title_ko, title_en, organization, retention_days, created_at)
    VALUES ('cctv', 'CCTV 상태', 'CCTV health', NULL, 30, CURRENT_TIMESTAMP);
INSERT INTO feed_measures (feed, measure, unit, title_ko, title_en)
    VALUES ('cctv', 'unreachable', NULL, '영상 끊김', 'Stream unreachable');
INSERT INTO alert_rules (feed, measure, title_ko, title_en, severity, raise_at, resolve_below, source)
    VALUES ('cctv', 'unreachable', 'CCTV 영상 끊김', 'CCTV stream unreachable', 'warning', 1, 0.5, 'madang.cctv health check');
