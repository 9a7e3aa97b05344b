-- The first schema: documents, the incidents read from them, ingest runs and small state.
CREATE TABLE documents (
    id TEXT PRIMARY KEY,            -- sha256 (hex, 16 chars) of the normalized text
    source TEXT NOT NULL,           -- path as given to ingest, or the record's url
    title TEXT,
    url TEXT,
    outlet TEXT,
    published TEXT,                 -- partial ISO date
    format TEXT,
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    run_id INTEGER
);

CREATE TABLE incidents (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id),
    category TEXT NOT NULL,
    subtype TEXT,
    country TEXT,
    country_code TEXT,
    deaths_low INTEGER, deaths_best INTEGER, deaths_high INTEGER,
    injured_low INTEGER, injured_best INTEGER, injured_high INTEGER,
    arrested_low INTEGER, arrested_best INTEGER, arrested_high INTEGER,
    period_start TEXT, period_end TEXT,
    perpetrator TEXT, perpetrator_text TEXT,
    victims TEXT, victims_text TEXT,
    caller TEXT, target TEXT, demand TEXT,
    evidence TEXT NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    confidence REAL,
    rules TEXT,                     -- JSON list of rule ids
    created_at TEXT NOT NULL
);
CREATE INDEX incidents_document ON incidents(document_id);
CREATE INDEX incidents_country ON incidents(country_code, category);

CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    files_seen INTEGER DEFAULT 0,
    documents_new INTEGER DEFAULT 0,
    documents_existing INTEGER DEFAULT 0,
    failed INTEGER DEFAULT 0,
    incidents_added INTEGER DEFAULT 0
);

CREATE TABLE state (
    key TEXT PRIMARY KEY,
    value TEXT
);
