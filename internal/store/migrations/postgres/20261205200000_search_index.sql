-- Trigram indexes on the folded search text (issue 17): a search is LIKE '%word%' per word, which a
-- B-tree cannot serve; pg_trgm's GIN operator class can, for any word of three letters or more.
-- pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "ideas_search_text_trgm" ON "ideas" USING gin ("search_text" gin_trgm_ops);
CREATE INDEX "units_search_text_trgm" ON "units" USING gin ("search_text" gin_trgm_ops);
CREATE INDEX "people_search_text_trgm" ON "people" USING gin ("search_text" gin_trgm_ops);
