-- 0004_kpis_launches: what the KPI engine and the content planner need beyond 0001-0003.
-- Released migrations are never edited: add a new numbered file instead.

-- When a leaked copy was first published, where a source tells it (a forum post's date, an
-- import's "published_at" column). Detection delay (KPIS.md section 5) is measured from it, and
-- recirculation (section 4) tells a copy published before a removal but found after it (a
-- "missed copy") from a new one. NULL = unknown.
ALTER TABLE leak_urls ADD COLUMN published_at TIMESTAMP;

-- A client's declared launches (a product release, a set going on sale). The planner starts
-- monitoring 14 days before and schedules defensive assets to be live before the date.
CREATE TABLE launches (
    client_id  INTEGER NOT NULL REFERENCES clients (client_id),
    name       VARCHAR NOT NULL CHECK (length(trim(name)) > 0),
    launch_on  DATE NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (client_id, name)
);

-- Why the planner proposed an asset, and for which priority, kept when the plan is saved so a
-- reviewer sees the reasoning that was accepted.
ALTER TABLE content_assets ADD COLUMN priority DOUBLE;
ALTER TABLE content_assets ADD COLUMN reason_en VARCHAR;
ALTER TABLE content_assets ADD COLUMN reason_fr VARCHAR;

-- Delivery attempts of an alert to the webhook, so a failed delivery is retried at the next run
-- and never silently lost.
ALTER TABLE alerts ADD COLUMN delivery_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE alerts ADD COLUMN delivery_error VARCHAR;
