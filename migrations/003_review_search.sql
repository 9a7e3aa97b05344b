-- Human review, full-text search and views for Datasette.

-- Every human correction, kept forever: `reextract` replays them over fresh machine records.
-- old_value/new_value have no declared type, so SQLite keeps each value's own type (50 stays
-- an integer, 'police' a string, NULL a NULL) and a replay writes back exactly what was set.
CREATE TABLE corrections (
    id INTEGER PRIMARY KEY,
    incident_id TEXT NOT NULL REFERENCES incidents(id),
    action TEXT NOT NULL CHECK (action IN ('confirm', 'reject', 'edit', 'merge', 'split')),
    field TEXT,                     -- the incident column changed (edit, merge, split)
    old_value,
    new_value,
    reason TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX corrections_incident ON corrections(incident_id, id);

-- NULL: machine record nobody has looked at.
ALTER TABLE incidents ADD COLUMN review_status TEXT
    CHECK (review_status IN ('confirmed', 'rejected', 'edited'));
-- An analyst's grouping of incidents that report the same event (NULL: not grouped).
ALTER TABLE incidents ADD COLUMN event_id TEXT;
CREATE INDEX incidents_event ON incidents(event_id) WHERE event_id IS NOT NULL;

-- Full-text indexes as FTS5 external-content tables: the text stays in documents/incidents
-- only, the triggers keep the index in step. remove_diacritics lets "Peru" find "Perú".
-- Both tables key on the implicit rowid; the store turns on recursive_triggers so that
-- INSERT OR REPLACE fires the delete trigger too.
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content="documents", content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;

CREATE VIRTUAL TABLE incidents_fts USING fts5(
    evidence, content="incidents", content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER incidents_fts_insert AFTER INSERT ON incidents BEGIN
    INSERT INTO incidents_fts (rowid, evidence) VALUES (new.rowid, new.evidence);
END;
CREATE TRIGGER incidents_fts_delete AFTER DELETE ON incidents BEGIN
    INSERT INTO incidents_fts (incidents_fts, rowid, evidence) VALUES ('delete', old.rowid, old.evidence);
END;
CREATE TRIGGER incidents_fts_update AFTER UPDATE OF evidence ON incidents BEGIN
    INSERT INTO incidents_fts (incidents_fts, rowid, evidence) VALUES ('delete', old.rowid, old.evidence);
    INSERT INTO incidents_fts (rowid, evidence) VALUES (new.rowid, new.evidence);
END;

-- Backfill: index the rows stored before this step.
INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');
INSERT INTO incidents_fts (incidents_fts) VALUES ('rebuild');

-- For Datasette: each incident with its document, rejected ones included (facet on
-- review_status to hide them).
CREATE VIEW incidents_with_documents AS
SELECT i.*, d.source AS source, d.title AS document_title, d.published AS published,
       d.url AS document_url, d.outlet AS outlet
FROM incidents i JOIN documents d ON d.id = i.document_id;

-- Incidents and stated deaths per country and month, rejected incidents left out. Incidents an
-- analyst grouped under one event_id count as one event and their deaths once (the largest
-- lower bound); ungrouped incidents count alone, so a toll reported by several sources is
-- counted per source here (the report's grouping is done in Python, not in this view).
CREATE VIEW events_by_country_month AS
WITH kept AS (
    SELECT i.*, COALESCE(i.event_id, i.id) AS event_key,
           substr(COALESCE(i.period_start, i.period_end, d.published), 1, 7) AS month
    FROM incidents i JOIN documents d ON d.id = i.document_id
    WHERE i.review_status IS NOT 'rejected' AND i.country_code IS NOT NULL
),
events AS (
    SELECT country_code, MAX(country) AS country, month, event_key, COUNT(*) AS incidents,
           MAX(CASE WHEN category = 'protest_death' OR subtype = 'killing'
                    THEN COALESCE(deaths_low, deaths_best, deaths_high) END) AS deaths
    FROM kept GROUP BY country_code, month, event_key
)
SELECT country, country_code, month, SUM(incidents) AS incidents, COUNT(*) AS events,
       COALESCE(SUM(deaths), 0) AS deaths
FROM events GROUP BY country_code, month ORDER BY country, month;
