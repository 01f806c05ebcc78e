-- 0001_initial: the warehouse's first schema.
-- Released migrations are never edited: add a new numbered file instead.
-- Conventions: plural snake_case tables, UTC timestamps (TIMESTAMP, session TimeZone = UTC)
-- end in _at, dates in _on. Unique keys make duplicates impossible, so re-running a
-- collection slot or an import changes nothing.

CREATE SEQUENCE clients_id_seq;
CREATE TABLE clients (
    client_id         INTEGER PRIMARY KEY DEFAULT nextval('clients_id_seq'),
    slug              VARCHAR NOT NULL UNIQUE,
    name              VARCHAR NOT NULL,
    language          VARCHAR NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'fr')),
    capacity_per_week INTEGER NOT NULL DEFAULT 2 CHECK (capacity_per_week >= 0),
    active            BOOLEAN NOT NULL DEFAULT TRUE,
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL
);

CREATE SEQUENCE queries_id_seq;
CREATE TABLE queries (
    query_id      INTEGER PRIMARY KEY DEFAULT nextval('queries_id_seq'),
    client_id     INTEGER NOT NULL REFERENCES clients (client_id),
    text          VARCHAR NOT NULL CHECK (length(trim(text)) > 0),
    engine        VARCHAR NOT NULL CHECK (engine IN ('google', 'bing', 'duckduckgo', 'brave')),
    gl            VARCHAR NOT NULL DEFAULT '',
    hl            VARCHAR NOT NULL DEFAULT '',
    location      VARCHAR,
    device        VARCHAR NOT NULL DEFAULT 'desktop' CHECK (device IN ('desktop', 'mobile')),
    search_volume INTEGER CHECK (search_volume >= 0),
    tags          VARCHAR[] NOT NULL DEFAULT [],
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    UNIQUE (client_id, text, engine, gl, hl, device)
);

-- The category of a registrable domain, per client (a forum can be harmless for one client
-- and the leak venue of another). source says who set it: the workspace config, the bundled
-- reference list, or a person in the dashboard.
CREATE TABLE domains (
    client_id  INTEGER NOT NULL REFERENCES clients (client_id),
    domain     VARCHAR NOT NULL,
    category   VARCHAR NOT NULL CHECK (category IN ('owned', 'partner', 'news', 'social', 'review',
                                                    'forum', 'leak_forum', 'file_host', 'adult',
                                                    'unknown')),
    source     VARCHAR NOT NULL CHECK (source IN ('config', 'reference', 'manual')),
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (client_id, domain)
);

-- One fetch attempt of one results page: query x source x page x scheduled slot. A failed,
-- blocked or empty fetch is recorded with its status and is never a ranking.
CREATE SEQUENCE serp_runs_id_seq;
CREATE TABLE serp_runs (
    run_id         BIGINT PRIMARY KEY DEFAULT nextval('serp_runs_id_seq'),
    query_id       INTEGER NOT NULL REFERENCES queries (query_id),
    source         VARCHAR NOT NULL,
    page           INTEGER NOT NULL DEFAULT 1 CHECK (page >= 1),
    slot_at        TIMESTAMP NOT NULL,
    requested_at   TIMESTAMP NOT NULL,
    fetched_at     TIMESTAMP,
    status         VARCHAR NOT NULL CHECK (status IN ('ok', 'failed', 'blocked', 'empty')),
    error          VARCHAR,
    http_status    INTEGER,
    attempts       INTEGER NOT NULL DEFAULT 1 CHECK (attempts >= 1),
    cost_units     DOUBLE NOT NULL DEFAULT 0 CHECK (cost_units >= 0),
    payload_sha256 VARCHAR CHECK (payload_sha256 IS NULL OR length(payload_sha256) = 64),
    payload_codec  VARCHAR CHECK (payload_codec IS NULL OR payload_codec IN ('gzip')),
    payload        BLOB,
    content_type   VARCHAR,
    UNIQUE (query_id, source, page, slot_at),
    CHECK (status <> 'ok' OR payload_sha256 IS NOT NULL)
);

CREATE SEQUENCE serp_results_id_seq;
CREATE TABLE serp_results (
    result_id      BIGINT PRIMARY KEY DEFAULT nextval('serp_results_id_seq'),
    run_id         BIGINT NOT NULL REFERENCES serp_runs (run_id),
    position       INTEGER NOT NULL CHECK (position >= 1),
    url            VARCHAR NOT NULL,
    normalized_url VARCHAR NOT NULL,
    domain         VARCHAR NOT NULL,
    title          VARCHAR,
    snippet        VARCHAR,
    result_type    VARCHAR NOT NULL DEFAULT 'organic',
    UNIQUE (run_id, result_type, position)
);

CREATE TABLE harm_scores (
    result_id     BIGINT NOT NULL REFERENCES serp_results (result_id),
    model_version VARCHAR NOT NULL,
    score         DOUBLE NOT NULL CHECK (score >= 0 AND score <= 1),
    category      VARCHAR NOT NULL CHECK (category IN ('leak', 'ncii', 'defamation', 'complaint',
                                                       'impersonation', 'neutral', 'owned',
                                                       'positive')),
    reasons       STRUCT(feature VARCHAR, contribution DOUBLE)[] NOT NULL DEFAULT [],
    scored_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (result_id, model_version)
);

-- A leaked asset (a photo set, a video, launch visuals). Hashes only, never media.
CREATE SEQUENCE content_items_id_seq;
CREATE TABLE content_items (
    item_id    INTEGER PRIMARY KEY DEFAULT nextval('content_items_id_seq'),
    client_id  INTEGER NOT NULL REFERENCES clients (client_id),
    title      VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL CHECK (kind IN ('photo_set', 'video', 'document',
                                                'product_visual', 'other')),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (client_id, title)
);

CREATE TABLE content_fingerprints (
    item_id    INTEGER NOT NULL REFERENCES content_items (item_id),
    sha256     VARCHAR NOT NULL CHECK (length(sha256) = 64),
    phash      VARCHAR,
    added_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (item_id, sha256)
);

CREATE SEQUENCE leak_urls_id_seq;
CREATE TABLE leak_urls (
    leak_url_id    BIGINT PRIMARY KEY DEFAULT nextval('leak_urls_id_seq'),
    item_id        INTEGER NOT NULL REFERENCES content_items (item_id),
    url            VARCHAR NOT NULL,
    normalized_url VARCHAR NOT NULL,
    url_sha256     VARCHAR NOT NULL CHECK (length(url_sha256) = 64),
    domain         VARCHAR NOT NULL,
    first_seen_at  TIMESTAMP NOT NULL,
    UNIQUE (item_id, normalized_url)
);

-- Append-only lifecycle of a leak URL; its current state is derived from these events.
-- channel and legal_route are 'none' where they do not apply, so that the unique key holds
-- (NULLs never collide in a unique key).
CREATE SEQUENCE url_events_id_seq;
CREATE TABLE url_events (
    event_id    BIGINT PRIMARY KEY DEFAULT nextval('url_events_id_seq'),
    leak_url_id BIGINT NOT NULL REFERENCES leak_urls (leak_url_id),
    event       VARCHAR NOT NULL CHECK (event IN ('detected', 'notice_sent', 'acknowledged',
                                                  'removed', 'delisted', 'reinstated',
                                                  'rejected')),
    occurred_at TIMESTAMP NOT NULL,
    channel     VARCHAR NOT NULL DEFAULT 'none' CHECK (channel IN ('none', 'host', 'google',
                                                                   'bing')),
    legal_route VARCHAR NOT NULL DEFAULT 'none' CHECK (legal_route IN ('none', 'copyright',
                                                                       'privacy_ncii', 'other')),
    source      VARCHAR NOT NULL DEFAULT 'manual' CHECK (source IN ('serp', 'monitor', 'import',
                                                                    'manual')),
    reference   VARCHAR NOT NULL DEFAULT '',
    recorded_at TIMESTAMP NOT NULL,
    UNIQUE (leak_url_id, event, occurred_at, channel, reference)
);

-- One HTTP look at a leak URL. No page body is kept: only its hash and size.
CREATE SEQUENCE url_checks_id_seq;
CREATE TABLE url_checks (
    check_id       BIGINT PRIMARY KEY DEFAULT nextval('url_checks_id_seq'),
    leak_url_id    BIGINT NOT NULL REFERENCES leak_urls (leak_url_id),
    checked_at     TIMESTAMP NOT NULL,
    state          VARCHAR NOT NULL CHECK (state IN ('live', 'removed', 'unknown', 'refused')),
    http_status    INTEGER,
    final_url      VARCHAR,
    content_sha256 VARCHAR,
    size_bytes     BIGINT CHECK (size_bytes >= 0),
    latency_ms     DOUBLE CHECK (latency_ms >= 0),
    reason         VARCHAR,
    UNIQUE (leak_url_id, checked_at)
);

-- Defensive content: planned or published pages meant to outrank harmful results.
CREATE SEQUENCE content_assets_id_seq;
CREATE TABLE content_assets (
    asset_id        INTEGER PRIMARY KEY DEFAULT nextval('content_assets_id_seq'),
    client_id       INTEGER NOT NULL REFERENCES clients (client_id),
    title           VARCHAR NOT NULL,
    asset_type      VARCHAR NOT NULL CHECK (asset_type IN ('faq', 'guide', 'interview', 'legal',
                                                           'authority_placement',
                                                           'official_profile', 'other')),
    status          VARCHAR NOT NULL CHECK (status IN ('planned', 'published', 'dropped')),
    target_query_id INTEGER REFERENCES queries (query_id),
    url             VARCHAR,
    planned_on      DATE,
    published_on    DATE,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    UNIQUE (client_id, title)
);

-- Human labels of search results; the latest label of a result wins.
CREATE SEQUENCE labels_id_seq;
CREATE TABLE labels (
    label_id    BIGINT PRIMARY KEY DEFAULT nextval('labels_id_seq'),
    result_id   BIGINT NOT NULL REFERENCES serp_results (result_id),
    category    VARCHAR NOT NULL CHECK (category IN ('leak', 'ncii', 'defamation', 'complaint',
                                                     'impersonation', 'neutral', 'owned',
                                                     'positive')),
    labelled_by VARCHAR NOT NULL,
    labelled_at TIMESTAMP NOT NULL,
    UNIQUE (result_id, labelled_at)
);

-- subject_key identifies what an alert is about (a query and a URL hash, a notice...), so the
-- same condition evaluated twice raises one alert.
CREATE SEQUENCE alerts_id_seq;
CREATE TABLE alerts (
    alert_id        BIGINT PRIMARY KEY DEFAULT nextval('alerts_id_seq'),
    client_id       INTEGER REFERENCES clients (client_id),
    kind            VARCHAR NOT NULL CHECK (kind IN ('harmful_entry', 'sla_warning',
                                                     'recirculation', 'source_failing')),
    subject_key     VARCHAR NOT NULL,
    severity        VARCHAR NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
    message         VARCHAR NOT NULL,
    raised_at       TIMESTAMP NOT NULL,
    delivered_at    TIMESTAMP,
    acknowledged_at TIMESTAMP,
    UNIQUE (kind, subject_key)
);

-- Who changed what, when. Never holds a full leak URL (use its hash).
CREATE SEQUENCE audit_log_id_seq;
CREATE TABLE audit_log (
    audit_id  BIGINT PRIMARY KEY DEFAULT nextval('audit_log_id_seq'),
    logged_at TIMESTAMP NOT NULL,
    actor     VARCHAR NOT NULL,
    action    VARCHAR NOT NULL,
    subject   VARCHAR NOT NULL,
    details   VARCHAR NOT NULL DEFAULT ''
);
