-- The history's tamper trace (R-81). Each event carries the SHA-256 of the
-- event before it (its chain) and its own fields, written by the program
-- as it appends, so `orderdesk check` can tell an event changed or removed
-- by another tool from one the program wrote. Events written before this
-- column existed keep '' and the chain starts at the first event after.
ALTER TABLE events ADD COLUMN chain TEXT NOT NULL DEFAULT '';
