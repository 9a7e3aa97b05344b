-- Summaries and reports ask "what was added since": index the creation times, and record
-- the extractor version that produced each incident so reextract can tell old from new.
ALTER TABLE incidents ADD COLUMN extractor_version TEXT;
CREATE INDEX incidents_created ON incidents(created_at);
CREATE INDEX documents_ingested ON documents(ingested_at);
CREATE INDEX incidents_period ON incidents(country_code, period_start);
