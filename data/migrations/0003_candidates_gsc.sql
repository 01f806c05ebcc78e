-- 0003_candidates_gsc: the leak-candidate review decisions, and Search Console rows.
-- Released migrations are never edited: add a new numbered file instead.

-- A person's decision on a search result proposed as a possible leak. "dismissed" keeps the
-- URL from being proposed again for that client; "accepted" records that it became a leak URL.
CREATE TABLE candidate_decisions (
    client_id      INTEGER NOT NULL REFERENCES clients (client_id),
    normalized_url VARCHAR NOT NULL,
    decision       VARCHAR NOT NULL CHECK (decision IN ('accepted', 'dismissed')),
    decided_by     VARCHAR NOT NULL,
    decided_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (client_id, normalized_url)
);

-- One row of a Google Search Console performance export. A file's rows are keyed by the
-- file's SHA-256 and their line, so importing the same file again changes nothing.
CREATE SEQUENCE gsc_rows_id_seq;
CREATE TABLE gsc_rows (
    gsc_row_id  BIGINT PRIMARY KEY DEFAULT nextval('gsc_rows_id_seq'),
    client_id   INTEGER NOT NULL REFERENCES clients (client_id),
    file_sha256 VARCHAR NOT NULL CHECK (length(file_sha256) = 64),
    line        INTEGER NOT NULL CHECK (line >= 2),
    on_date     DATE,
    query       VARCHAR,
    page        VARCHAR,
    clicks      INTEGER NOT NULL CHECK (clicks >= 0),
    impressions INTEGER NOT NULL CHECK (impressions >= 0),
    ctr         DOUBLE CHECK (ctr >= 0 AND ctr <= 1),
    position    DOUBLE CHECK (position >= 1),
    imported_at TIMESTAMP NOT NULL,
    UNIQUE (client_id, file_sha256, line)
);
