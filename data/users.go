package data

import (
	"context"
	"time"

	"orderdesk/app"
)

// AccountSettings reads whether people sign in, and how wrong passwords
// slow the next tries down (kept in whole seconds).
func (t *tx) AccountSettings(ctx context.Context) (app.AccountSettings, error) {
	var a app.AccountSettings
	var first, most int64
	err := t.queryRow(ctx, `SELECT accounts_on, free_tries, first_wait_seconds, max_wait_seconds FROM accounts WHERE id = 1`).
		Scan(&a.On, &a.FreeTries, &first, &most)
	a.FirstWait, a.MaxWait = time.Duration(first)*time.Second, time.Duration(most)*time.Second
	return a, storageError(err)
}

// SaveAccountSettings keeps whether people sign in and the waits.
func (t *tx) SaveAccountSettings(ctx context.Context, a app.AccountSettings) error {
	_, err := t.exec(ctx, `UPDATE accounts SET accounts_on = ?, free_tries = ?, first_wait_seconds = ?, max_wait_seconds = ?
		WHERE id = 1`, boolInt(a.On), a.FreeTries, int64(a.FirstWait/time.Second), int64(a.MaxWait/time.Second))
	return err
}

const userColumns = `id, login, full_name, role, active, must_change, last_login_at, password_set_at, created_at, version`

func scanUser(row interface{ Scan(...any) error }, extra ...any) (*app.User, error) {
	var u app.User
	var ts timeScanner
	dest := append([]any{&u.ID, &u.Login, &u.FullName, &u.Role, &u.Active, &u.MustChangePassword,
		ts.at(&u.LastSignInAt), ts.at(&u.PasswordSetAt), ts.at(&u.CreatedAt), &u.Version}, extra...)
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
	res, err := t.exec(ctx, `UPDATE users SET full_name = ?, role = ?, active = ?, last_login_at = ?, version = version + 1
		WHERE id = ? AND version = ?`, u.FullName, u.Role, boolInt(u.Active), fmtTime(u.LastSignInAt), u.ID, u.Version)
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

// SignInTries returns the wrong passwords counted against a sign-in name;
// none when the name has no row.
func (t *tx) SignInTries(ctx context.Context, name string) (app.SignInTries, error) {
	tries := app.SignInTries{Name: name}
	var ts timeScanner
	err := t.queryRow(ctx, `SELECT failures, not_before FROM sign_in_tries WHERE name = ?`, name).
		Scan(&tries.Failures, ts.at(&tries.NotBefore))
	if isNoRows(err) {
		return tries, nil
	}
	if err != nil {
		return tries, storageError(err)
	}
	return tries, ts.parse()
}

// SaveSignInTries keeps a name's count; none deletes its row, so the
// table holds only names with wrong passwords since their last right one.
func (t *tx) SaveSignInTries(ctx context.Context, tries app.SignInTries) error {
	if tries.Failures <= 0 {
		_, err := t.exec(ctx, `DELETE FROM sign_in_tries WHERE name = ?`, tries.Name)
		return err
	}
	_, err := t.exec(ctx, `INSERT INTO sign_in_tries (name, failures, not_before) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET failures = excluded.failures, not_before = excluded.not_before`,
		tries.Name, tries.Failures, fmtTime(tries.NotBefore))
	return err
}
