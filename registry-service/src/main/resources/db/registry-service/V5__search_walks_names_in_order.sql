-- The search answers a page of active endorsees in name order whose name contains a part. Two ways serve it, and
-- Registry.search tries them in this order:
--   1. walk the first active names in order through a B-tree (index only) and keep those that contain the part: a
--      part that many names share ("ana") fills a page within a few hundred names;
--   2. otherwise, fetch every name that contains the part through the trigram index and sort them: a rarer part
--      matches few rows.
-- The walks by state and by category carry the endorsement number, so that they too read the index only.
CREATE INDEX registry_entry_active_names_in_order ON registry_entry (name_folded, endorsement_number)
    WHERE status = 'ACTIVE';
DROP INDEX registry_entry_active_by_state;
CREATE INDEX registry_entry_active_by_state ON registry_entry (state, name_folded, endorsement_number)
    WHERE status = 'ACTIVE';
DROP INDEX registry_entry_active_by_category;
CREATE INDEX registry_entry_active_by_category ON registry_entry (category, name_folded, endorsement_number)
    WHERE status = 'ACTIVE';
-- The search never asks for a name's beginning alone (LIKE 'part%'), which is all this index served.
DROP INDEX registry_entry_by_name;
-- New names wait in the trigram index's pending list until it is merged, and every search reads that list from end
-- to end: 100,000 names granted at once made a search 4 to 20 times slower until the next vacuum. A small list (256
-- kB, against 4 MB by default) is merged by the writes that fill it, a little at a time.
ALTER INDEX registry_entry_active_name_trigrams SET (gin_pending_list_limit = 256);
