-- A part of a name that many endorsees share (three letters such as "ana") matches thousands of rows: rather than
-- fetch them all through the trigram index and sort them, the search may walk active names in the order it shows
-- them and stop at the page's end. The planner chooses between the two by how many rows the part is expected to match.
CREATE INDEX registry_entry_active_names_in_order ON registry_entry (name_folded, endorsement_number)
    WHERE status = 'ACTIVE';
