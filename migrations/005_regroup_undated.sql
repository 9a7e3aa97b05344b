-- Grouping learned that a record with no period of its own happened by the time its document
-- was published, so it is not the same event as one that began after that date (a 2019 report
-- of excessive force is not the 2022 strike's). Events already stored were grouped without
-- that rule: every unit holding such a record is marked stale, to be regrouped whole ('') by
-- the next ingest or report (see 004_events.sql). Units without one are grouped the same
-- either way and are left as they are.
INSERT INTO events_stale (unit, since)
SELECT DISTINCT
    COALESCE(i.country_code, '') || '|' || i.category || '|' ||
    CASE WHEN i.category = 'protest_death' THEN '' ELSE COALESCE(i.subtype, '') END,
    ''
FROM incidents i JOIN documents d ON d.id = i.document_id
WHERE i.period_start IS NULL AND d.published IS NOT NULL
ON CONFLICT (unit) DO UPDATE SET since = '';
