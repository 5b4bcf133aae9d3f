-- Personal accounts (R-80). Off by default: a one-person shop works
-- without signing in, as the owner. Once the owner turns accounts on,
-- everyone signs in with their own name and password, and the history
-- names them.

CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    accounts_on   INTEGER NOT NULL DEFAULT 0,
    max_failures  INTEGER NOT NULL DEFAULT 5 CHECK (max_failures > 0),
    lock_minutes  INTEGER NOT NULL DEFAULT 15 CHECK (lock_minutes > 0)
);
INSERT INTO accounts (id) VALUES (1);

-- A password is kept only as a slow salted hash (bcrypt). A user is never
-- deleted, so the history's names keep meaning someone: leaving staff are
-- switched off.
CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    login           TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (login <> ''),
    full_name       TEXT NOT NULL DEFAULT '',
    role            TEXT NOT NULL CHECK (role IN ('owner', 'customer_service', 'warehouse', 'finance')),
    password_hash   TEXT NOT NULL,
    active          INTEGER NOT NULL DEFAULT 1,
    must_change     INTEGER NOT NULL DEFAULT 0,
    failed_logins   INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT NOT NULL DEFAULT '',
    last_login_at   TEXT NOT NULL DEFAULT '',
    password_set_at TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
);
CREATE TRIGGER users_no_delete BEFORE DELETE ON users BEGIN
    SELECT RAISE(ABORT, 'users are never deleted; switch them off');
END;
