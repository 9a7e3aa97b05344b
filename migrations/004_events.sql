-- Stored events: the report's grouping of incidents that report the same event
-- (hrtracker.report.group_events), kept in the database so that reports, the summary and
-- `countries` read events and their figures instead of regrouping every incident on every read.
--
-- Grouping is computed per unit: the incidents that can be one event (same country, category
-- and subtype; every protest-death subtype together, because a daily toll can be part of a
-- wave). Triggers mark a unit stale whenever one of its incidents is added, changed or removed,
-- in the same transaction; hrtracker regroups stale units after an ingest, a review or a
-- re-extraction, and before any report reads them, so a crash between the two only leaves
-- work for the next command. Grouping takes incidents in order of date, and an incident's
-- event depends only on the incidents before it, so when incidents were only added the unit
-- is regrouped from the earliest of them onward (`since`); any other change regroups it whole.
CREATE TABLE events (
    id TEXT PRIMARY KEY,            -- the id of the event's first incident
    unit TEXT NOT NULL,
    -- where its first incident sorts (its period start or publication date, document, offset,
    -- then order of storing): reports list events in this order, as grouping creates them
    first_at TEXT, first_document TEXT NOT NULL, first_offset INTEGER NOT NULL, first_row INTEGER NOT NULL,
    first_end TEXT,                 -- its first incident's period end (or start); NULL: undated
    country_code TEXT,
    category TEXT NOT NULL,
    subtype TEXT,
    span_start TEXT,                -- partial ISO dates: the earliest start and latest end its
    span_end TEXT,                  -- sources give (publication dates when none gives a period)
    deaths_low INTEGER, deaths_high INTEGER, deaths_open INTEGER NOT NULL DEFAULT 0,
    injured_low INTEGER, injured_high INTEGER, injured_open INTEGER NOT NULL DEFAULT 0,
    arrested_low INTEGER, arrested_high INTEGER, arrested_open INTEGER NOT NULL DEFAULT 0,
    incidents INTEGER NOT NULL,
    sources INTEGER NOT NULL,       -- distinct documents
    lead_id TEXT NOT NULL,          -- the incident that speaks for the event in tables
    first_created TEXT NOT NULL,    -- when its first incident was stored (the summary's "known")
    last_created TEXT NOT NULL,     -- when its last incident was stored (the summary's "touched")
    part_of TEXT                    -- a larger event that includes this one (not added to it)
);
CREATE INDEX events_unit ON events(unit);
CREATE INDEX events_country ON events(country_code, category, subtype, span_start);
CREATE INDEX events_touched ON events(last_created);
-- The summary counts what was stored in a time window from incidents_created alone, less the
-- rejected ones, which this small index holds.
CREATE INDEX incidents_rejected ON incidents(created_at) WHERE review_status = 'rejected';

CREATE TABLE event_members (
    incident_id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX event_members_event ON event_members(event_id);

CREATE TABLE events_stale (
    unit TEXT PRIMARY KEY,
    since TEXT NOT NULL             -- regroup from this date on ('': the whole unit)
) WITHOUT ROWID;

-- An insert moves the unit's `since` back to the new incident's date (its period start, else
-- its document's publication date; none: the whole unit); a change or a removal asks for all.
CREATE TRIGGER incidents_events_insert AFTER INSERT ON incidents BEGIN
    INSERT INTO events_stale (unit, since) VALUES (
        COALESCE(new.country_code, '') || '|' || new.category || '|' ||
        CASE WHEN new.category = 'protest_death' THEN '' ELSE COALESCE(new.subtype, '') END,
        COALESCE(new.period_start, (SELECT published FROM documents WHERE id = new.document_id), ''))
    ON CONFLICT (unit) DO UPDATE SET since = min(since, excluded.since);
END;
CREATE TRIGGER incidents_events_delete AFTER DELETE ON incidents BEGIN
    INSERT INTO events_stale (unit, since) VALUES (
        COALESCE(old.country_code, '') || '|' || old.category || '|' ||
        CASE WHEN old.category = 'protest_death' THEN '' ELSE COALESCE(old.subtype, '') END, '')
    ON CONFLICT (unit) DO UPDATE SET since = '';
END;
CREATE TRIGGER incidents_events_update AFTER UPDATE ON incidents BEGIN
    INSERT INTO events_stale (unit, since) VALUES (
        COALESCE(old.country_code, '') || '|' || old.category || '|' ||
        CASE WHEN old.category = 'protest_death' THEN '' ELSE COALESCE(old.subtype, '') END, '')
    ON CONFLICT (unit) DO UPDATE SET since = '';
    INSERT INTO events_stale (unit, since) VALUES (
        COALESCE(new.country_code, '') || '|' || new.category || '|' ||
        CASE WHEN new.category = 'protest_death' THEN '' ELSE COALESCE(new.subtype, '') END, '')
    ON CONFLICT (unit) DO UPDATE SET since = '';
END;

-- Backfill: every unit with incidents is stale until first grouped.
INSERT OR IGNORE INTO events_stale (unit, since)
SELECT DISTINCT COALESCE(country_code, '') || '|' || category || '|' ||
       CASE WHEN category = 'protest_death' THEN '' ELSE COALESCE(subtype, '') END, ''
FROM incidents;

-- `hrtracker countries` counts incidents per country and category, and a report the documents
-- of a country, from this index alone.
CREATE INDEX incidents_totals ON incidents(country_code, category, review_status, period_end, period_start, document_id);
-- Its first two columns are incidents_country's: one index less to update on every insert.
DROP INDEX incidents_country;
