-- The search finds a name by any part of it (name_folded LIKE '%part%'), which a B-tree cannot serve: a trigram index
-- can. pg_trgm ships with PostgreSQL and is a trusted extension (PostgreSQL 13 and later), so the database's owner
-- creates it without being a superuser. A rebuild's new table copies this index (CREATE TABLE ... LIKE ... INCLUDING ALL).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX registry_entry_active_name_trigrams ON registry_entry USING gin (name_folded gin_trgm_ops)
    WHERE status = 'ACTIVE';
