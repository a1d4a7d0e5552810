-- Indicators (the Mayor's Office's master-plan indicators): themes, the registry, yearly targets, the value history,
-- citizens' guesses and the platform's daily usage counts. Portable SQL for H2 (MODE=PostgreSQL) and PostgreSQL.

CREATE TABLE indicator_themes (
    code      VARCHAR(40)  NOT NULL PRIMARY KEY,
    title_ko  VARCHAR(200) NOT NULL,
    title_en  VARCHAR(200),
    position  INT          NOT NULL
);

-- organization is the owner department's catalog name (organizations.name); query is the read-only SQL of method
-- 'sql'; measure names the platform count of method 'platform'. baseline_value NULL: the computed value of baseline_year.
CREATE TABLE indicators (
    code            VARCHAR(63)   NOT NULL PRIMARY KEY,
    name_ko         VARCHAR(300)  NOT NULL,
    name_en         VARCHAR(300),
    theme           VARCHAR(40)   NOT NULL REFERENCES indicator_themes (code),
    organization    VARCHAR(100)  NOT NULL,
    unit            VARCHAR(40)   NOT NULL,
    polarity        VARCHAR(10)   NOT NULL CHECK (polarity IN ('higher', 'lower')),
    method          VARCHAR(10)   NOT NULL CHECK (method IN ('sql', 'manual', 'platform')),
    query           VARCHAR(8000),
    measure         VARCHAR(40),
    datasets        VARCHAR(1000),
    baseline_year   INT,
    baseline_value  DOUBLE PRECISION,
    source          VARCHAR(2000),
    description_ko  VARCHAR(4000),
    description_en  VARCHAR(4000),
    targets_note    VARCHAR(1000),
    position        INT           NOT NULL,
    computed_at     TIMESTAMP WITH TIME ZONE,
    last_error      VARCHAR(2000),
    error_at        TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE indicator_targets (
    indicator  VARCHAR(63)      NOT NULL REFERENCES indicators (code) ON DELETE CASCADE,
    target_year  INT              NOT NULL,
    amount       DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (indicator, target_year)
);

-- One value per indicator, year and area; district_code '' is the whole city (a key column cannot be NULL).
-- origin 'computed' rows are replaced by each recomputation; 'manual' rows only by their department's officials.
CREATE TABLE indicator_values (
    indicator      VARCHAR(63)      NOT NULL REFERENCES indicators (code) ON DELETE CASCADE,
    data_year      INT              NOT NULL,
    district_code  VARCHAR(20)      NOT NULL,
    amount         DOUBLE PRECISION NOT NULL,
    origin         VARCHAR(10)      NOT NULL CHECK (origin IN ('computed', 'manual')),
    entered_by     VARCHAR(100),
    entered_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    note           VARCHAR(1000),
    PRIMARY KEY (indicator, data_year, district_code)
);

-- Citizens' guesses: client_hash is a SHA-256 of a random cookie value, so nothing personal is stored.
CREATE TABLE indicator_guesses (
    indicator     VARCHAR(63)  NOT NULL REFERENCES indicators (code) ON DELETE CASCADE,
    target_year   INT          NOT NULL,
    client_hash   VARCHAR(64)  NOT NULL,
    meets_target  BOOLEAN      NOT NULL,
    guessed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (indicator, target_year, client_hash)
);

-- What the platform served per day (page views, API calls, downloads), flushed from memory every minute.
CREATE TABLE platform_usage (
    usage_day  DATE        NOT NULL,
    kind       VARCHAR(20) NOT NULL CHECK (kind IN ('page_view', 'api_call', 'download')),
    hits       BIGINT      NOT NULL,
    PRIMARY KEY (usage_day, kind)
);
