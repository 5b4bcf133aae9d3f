package data

import (
	"context"
	"time"

	"orderdesk/app"
)

// AccountSettings reads whether people sign in.
func (t *tx) AccountSettings(ctx context.Context) (app.AccountSettings, error) {
	var a app.AccountSettings
	err := t.queryRow(ctx, `SELECT accounts_on, max_failures, lock_minutes FROM accounts WHERE id = 1`).
		Scan(&a.On, &a.MaxFailures, &a.LockMinutes)
	return a, storageError(err)
}

// SaveAccountSettings keeps whether people sign in.
func (t *tx) SaveAccountSettings(ctx context.Context, a app.AccountSettings) error {
	_, err := t.exec(ctx, `UPDATE accounts SET accounts_on = ?, max_failures = ?, lock_minutes = ? WHERE id = 1`,
		boolInt(a.On), a.MaxFailures, a.LockMinutes)
	return err
}

const userColumns = `id, login, full_name, role, active, must_change, failed_logins, locked_until, last_login_at,
	password_set_at, created_at, version`

func scanUser(row interface{ Scan(...any) error }, extra ...any) (*app.User, error) {
	var u app.User
	var ts timeScanner
	dest := append([]any{&u.ID, &u.Login, &u.FullName, &u.Role, &u.Active, &u.MustChangePassword, &u.FailedSignIns,
		ts.at(&u.LockedUntil), ts.at(&u.LastSignInAt), ts.at(&u.PasswordSetAt), ts.at(&u.CreatedAt), &u.Version}, extra...)
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	return &u, ts.parse()
}

// Users lists every account by sign-in name.
func (t *tx) Users(ctx context.Context) ([]app.User, error) {
	rows, err := t.query(ctx, `SELECT `+userColumns+` FROM users ORDER BY login`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []app.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, *u)
	}
	return list, rows.Err()
}

// User returns one account.
func (t *tx) User(ctx context.Context, id int64) (*app.User, error) {
	u, err := scanUser(t.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
	if isNoRows(err) {
		return nil, notFound("user", id)
	}
	return u, storageError(err)
}

// UserByLogin finds an account by its sign-in name, in any letter case.
func (t *tx) UserByLogin(ctx context.Context, login string) (*app.User, string, error) {
	var hash string
	u, err := scanUser(t.queryRow(ctx, `SELECT `+userColumns+`, password_hash FROM users WHERE login = ?`, login), &hash)
	if isNoRows(err) {
		return nil, "", notFound("user", login)
	}
	return u, hash, storageError(err)
}

// InsertUser opens an account.
func (t *tx) InsertUser(ctx context.Context, u *app.User, passwordHash string) error {
	id, err := t.insert(ctx, `INSERT INTO users (login, full_name, role, password_hash, active, must_change,
		password_set_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, u.Login, u.FullName, u.Role, passwordHash,
		boolInt(u.Active), boolInt(u.MustChangePassword), fmtTime(u.PasswordSetAt), fmtTime(u.CreatedAt))
	if err != nil {
		return uniqueAsField(err, "login", "another account signs in as "+u.Login)
	}
	u.ID = id
	return nil
}

// UpdateUser saves an account but its password.
func (t *tx) UpdateUser(ctx context.Context, u *app.User) error {
	res, err := t.exec(ctx, `UPDATE users SET full_name = ?, role = ?, active = ?, failed_logins = ?, locked_until = ?,
		last_login_at = ?, version = version + 1 WHERE id = ? AND version = ?`, u.FullName, u.Role, boolInt(u.Active),
		u.FailedSignIns, fmtTime(u.LockedUntil), fmtTime(u.LastSignInAt), u.ID, u.Version)
	if err != nil {
		return err
	}
	if err := expectOne(res, "user", u.ID); err != nil {
		return err
	}
	u.Version++
	return nil
}

// SetPassword keeps a new password hash.
func (t *tx) SetPassword(ctx context.Context, id int64, passwordHash string, at time.Time, mustChange bool) error {
	res, err := t.exec(ctx, `UPDATE users SET password_hash = ?, password_set_at = ?, must_change = ?,
		version = version + 1 WHERE id = ?`, passwordHash, fmtTime(at), boolInt(mustChange), id)
	if err != nil {
		return err
	}
	return expectOne(res, "user", id)
}
