-- Wrong passwords slow guessing down instead of locking an account (R-80).
-- A lock let anyone keep the owner out, and with them every restore, by
-- typing five wrong passwords; and only real names were ever locked, which
-- told them from names nobody has. Now each sign-in name counts its wrong
-- passwords in a row, whether an account has it or not: the first
-- free_tries cost nothing, then the name waits first_wait_seconds, twice
-- as long after each further one, never more than max_wait_seconds. A try
-- during the wait is refused unchecked; the right password after it signs
-- in and clears the count.

ALTER TABLE accounts DROP COLUMN max_failures;
ALTER TABLE accounts DROP COLUMN lock_minutes;
ALTER TABLE accounts ADD COLUMN free_tries INTEGER NOT NULL DEFAULT 3 CHECK (free_tries >= 0);
ALTER TABLE accounts ADD COLUMN first_wait_seconds INTEGER NOT NULL DEFAULT 2 CHECK (first_wait_seconds > 0);
ALTER TABLE accounts ADD COLUMN max_wait_seconds INTEGER NOT NULL DEFAULT 60 CHECK (max_wait_seconds > 0);

-- The count lives with the name, not the account: the lock's columns go.
ALTER TABLE users DROP COLUMN failed_logins;
ALTER TABLE users DROP COLUMN locked_until;

-- One row per name with wrong passwords since its last right one; name is
-- the name as typed, trimmed and in lower case.
CREATE TABLE sign_in_tries (
    name       TEXT PRIMARY KEY,
    failures   INTEGER NOT NULL CHECK (failures > 0),
    not_before TEXT NOT NULL
);
