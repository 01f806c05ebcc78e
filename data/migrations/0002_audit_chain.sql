-- 0002_audit_chain: chain the audit log so that an edited or deleted row can be found.
-- Released migrations are never edited: add a new numbered file instead.
--
-- Every row carries the SHA-256 of the previous row (prev_hash; 64 zeros for the first row)
-- and its own hash (row_hash) over one canonical text:
--
--     audit_id|logged_at|actor|action|subject|details|prev_hash
--
-- logged_at as 2026-11-24T06:00:00.000000Z (UTC, always six fractional digits); in the text
-- fields "\" becomes "\\" and "|" becomes "\|", so no two different rows share a text. The
-- macro audit_row_hash is the ONE definition of that hash: the backfill below,
-- data.audit.write_audit and data.audit.verify_audit_chain all call it.

CREATE MACRO audit_text_field(value) AS replace(replace(value, '\', '\\'), '|', '\|');

CREATE MACRO audit_row_hash(audit_id, logged_at, actor, action, subject, details, prev_hash) AS
    sha256(
        CAST(audit_id AS VARCHAR)
        || '|' || strftime(logged_at, '%Y-%m-%dT%H:%M:%S.%fZ')
        || '|' || audit_text_field(actor)
        || '|' || audit_text_field(action)
        || '|' || audit_text_field(subject)
        || '|' || audit_text_field(details)
        || '|' || prev_hash
    );

ALTER TABLE audit_log ADD COLUMN prev_hash VARCHAR;
ALTER TABLE audit_log ADD COLUMN row_hash VARCHAR;

-- Backfill the rows written before this migration, oldest first: each row's hash needs the
-- previous one, hence the recursive walk (one step per row; audit logs are small).
UPDATE audit_log
SET prev_hash = chain.prev_hash, row_hash = chain.row_hash
FROM (
    WITH RECURSIVE ordered AS (
        SELECT row_number() OVER (ORDER BY audit_id) AS n,
               audit_id, logged_at, actor, action, subject, details
        FROM audit_log
    ),
    chain (n, audit_id, prev_hash, row_hash) AS (
        SELECT n, audit_id, repeat('0', 64),
               audit_row_hash(audit_id, logged_at, actor, action, subject, details,
                              repeat('0', 64))
        FROM ordered
        WHERE n = 1
        UNION ALL
        SELECT o.n, o.audit_id, c.row_hash,
               audit_row_hash(o.audit_id, o.logged_at, o.actor, o.action, o.subject, o.details,
                              c.row_hash)
        FROM chain c
        JOIN ordered o ON o.n = c.n + 1
    )
    SELECT audit_id, prev_hash, row_hash FROM chain
) AS chain
WHERE audit_log.audit_id = chain.audit_id;
