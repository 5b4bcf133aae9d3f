package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// SubjectUser is a person's account, in the history.
const SubjectUser SubjectKind = "user"

// AccountSettings says whether people sign in. Accounts are off by
// default: the one-person shop works without signing in, as the owner.
type AccountSettings struct {
	On bool
	// Wrong passwords slow guessing down; they never lock an account, or
	// anyone could keep the owner out by typing a few. Each sign-in name,
	// whether an account has it or not, counts its wrong passwords in a
	// row: the first FreeTries cost nothing, then the name waits FirstWait,
	// twice as long after each further one, never longer than MaxWait.
	FreeTries int
	FirstWait time.Duration
	MaxWait   time.Duration
}

// WaitAfter is how long a sign-in name waits after failures wrong
// passwords in a row.
func (a AccountSettings) WaitAfter(failures int) time.Duration {
	if failures <= a.FreeTries || a.FirstWait <= 0 {
		return 0
	}
	wait := a.FirstWait
	for i := a.FreeTries + 1; i < failures && wait < a.MaxWait; i++ {
		wait *= 2
	}
	return min(wait, a.MaxWait)
}

// SignInTries counts the wrong passwords given in a row under one sign-in
// name, and says when the name may try again. Names nobody has are
// counted too, the same way, so the answers do not tell them apart.
type SignInTries struct {
	Name      string // as typed, trimmed and in lower case: see signInName
	Failures  int
	NotBefore time.Time
}

// signInName is the name a sign-in's tries are counted under, whatever
// letter case it was typed in.
func signInName(login string) string { return strings.ToLower(strings.TrimSpace(login)) }

// User is one person who signs in when accounts are on. Users are never
// deleted, so the names in the history keep meaning someone; leaving
// staff are switched off.
type User struct {
	ID                 int64
	Login              string // the name they sign in with and the history shows
	FullName           string
	Role               Role
	Active             bool
	MustChangePassword bool // after the owner set it: they choose their own at the next sign-in
	LastSignInAt       time.Time
	PasswordSetAt      time.Time
	CreatedAt          time.Time
	Version            int
}

// Actor is who the user acts as once signed in.
func (u User) Actor() Actor { return Actor{Name: u.Login, Role: u.Role} }

// UserInput is a new account.
type UserInput struct {
	Login    string
	FullName string
	Role     Role
	Password string
}

// PasswordHasher turns passwords into slow salted hashes and checks them.
// The store's side of the program supplies one (bcrypt), so the shop's
// rules stay on the standard library.
type PasswordHasher interface {
	Hash(password string) (string, error)
	Matches(hash, password string) bool
	// Decoy is a hash that no password matches, as slow to check as the
	// ones Hash makes: a sign-in under a name nobody has checks it, so it
	// takes as long as one under a real name. It is fixed, not made when
	// asked: making a hash costs more than checking one, and that
	// difference would tell the names apart again.
	Decoy() string
}

// AccountRepo keeps the accounts.
type AccountRepo interface {
	AccountSettings(ctx context.Context) (AccountSettings, error)
	SaveAccountSettings(ctx context.Context, a AccountSettings) error
	Users(ctx context.Context) ([]User, error)
	User(ctx context.Context, id int64) (*User, error)
	// UserByLogin finds an account by its sign-in name (any letter case),
	// with its password hash; ErrNotFound when there is none.
	UserByLogin(ctx context.Context, login string) (*User, string, error)
	InsertUser(ctx context.Context, u *User, passwordHash string) error
	// UpdateUser saves everything but the password, if the version still
	// matches (ErrConflict otherwise), and steps the version.
	UpdateUser(ctx context.Context, u *User) error
	SetPassword(ctx context.Context, id int64, passwordHash string, at time.Time, mustChange bool) error
	// SignInTries returns the wrong passwords counted against a sign-in
	// name (see signInName); a name never tried has none, not ErrNotFound.
	SignInTries(ctx context.Context, name string) (SignInTries, error)
	// SaveSignInTries keeps a name's count; a count of none forgets it.
	SaveSignInTries(ctx context.Context, t SignInTries) error
}

// Roles lists the roles an account can have.
func Roles() []Role { return []Role{RoleOwner, RoleService, RoleWarehouse, RoleFinance} }

// Password rules: long enough to resist guessing, short enough for bcrypt,
// which reads only the first 72 bytes.
const (
	minPasswordRunes = 8
	maxPasswordBytes = 72
)

// ErrSignIn refuses a sign-in without saying which half was wrong.
var ErrSignIn = errors.New("the name or the password is wrong")

// ErrNoPasswords means the program was started without a password hasher.
var ErrNoPasswords = errors.New("accounts are not available in this program")

// TooManyTriesError refuses a sign-in while its name waits after too many
// wrong passwords. Names with and without an account get the same one.
type TooManyTriesError struct {
	Wait time.Duration // until the name may try again
	// Wrong says this try's password was checked and was wrong, and made
	// the name wait; otherwise the try came during the wait and its
	// password was not looked at.
	Wrong bool
}

// Seconds is the wait in whole seconds, rounded up.
func (e *TooManyTriesError) Seconds() int { return int((e.Wait + time.Second - 1) / time.Second) }

func (e *TooManyTriesError) Error() string {
	wait := fmt.Sprintf("too many wrong passwords for this name: try again in %d seconds", e.Seconds())
	if e.Wrong {
		return ErrSignIn.Error() + "; " + wait
	}
	return wait
}

// Unwrap makes a wrong password that made the name wait still ErrSignIn.
func (e *TooManyTriesError) Unwrap() error {
	if e.Wrong {
		return ErrSignIn
	}
	return nil
}

// SwitchedOffError refuses the sign-in of an account the owner switched off.
type SwitchedOffError struct{ Login string }

func (e *SwitchedOffError) Error() string {
	return e.Login + " is switched off; ask the owner to switch it on"
}

// WithPasswords gives the services their password hasher.
func (s *Service) WithPasswords(h PasswordHasher) *Service {
	s.passwords = h
	return s
}

// Permitted reports whether the acting person may make changes of a kind:
// nil if so, a PermissionError if not. Screens ask it to offer only what
// the person may do; the services check again.
func (s *Service) Permitted(ctx context.Context, p Permission) error {
	return Permitted(ctx, p)
}

// AccountSettings reads whether people sign in.
func (s *Service) AccountSettings(ctx context.Context) (AccountSettings, error) {
	var a AccountSettings
	err := s.read(ctx, func(tx Tx) (err error) { a, err = tx.AccountSettings(ctx); return err })
	return a, err
}

// Users lists every account, switched-off ones too.
func (s *Service) Users(ctx context.Context) ([]User, error) {
	var list []User
	err := s.read(ctx, func(tx Tx) (err error) { list, err = tx.Users(ctx); return err })
	return list, err
}

// TurnOnAccounts makes everyone sign in from now on. The first time, the
// owner's own account comes with it (owner.Login set); later, accounts
// already there are used again. Either way an active owner must be able
// to sign in, or nobody could manage the accounts.
func (s *Service) TurnOnAccounts(ctx context.Context, owner UserInput) (User, error) {
	var made User
	if owner.Login != "" || owner.Password != "" {
		owner.Role = RoleOwner // whatever was asked: the first account manages the rest
	}
	hash, err := s.hashFor(owner)
	if err != nil {
		return made, err
	}
	err = s.write(ctx, PermUsers, func(tx Tx, who Actor, now time.Time) error {
		if owner.Login != "" {
			if err := addUser(ctx, tx, who, now, owner, hash, false, &made); err != nil {
				return err
			}
		}
		if err := needActiveOwner(ctx, tx, 0, ""); err != nil {
			return err
		}
		a, err := tx.AccountSettings(ctx)
		if err != nil {
			return err
		}
		a.On = true
		if err := tx.SaveAccountSettings(ctx, a); err != nil {
			return err
		}
		return record(ctx, tx, who, now, SubjectShop, 1, "accounts.on", "accounts turned on: everyone signs in", nil, nil)
	})
	return made, err
}

// TurnOffAccounts goes back to one person at the desk, acting as the
// owner, without signing in. The accounts are kept for turning on again.
func (s *Service) TurnOffAccounts(ctx context.Context) error {
	return s.write(ctx, PermUsers, func(tx Tx, who Actor, now time.Time) error {
		a, err := tx.AccountSettings(ctx)
		if err != nil {
			return err
		}
		a.On = false
		if err := tx.SaveAccountSettings(ctx, a); err != nil {
			return err
		}
		return record(ctx, tx, who, now, SubjectShop, 1, "accounts.off", "accounts turned off: no signing in", nil, nil)
	})
}

// AddUser opens an account. The password is the first one; the person
// chooses their own at the first sign-in.
func (s *Service) AddUser(ctx context.Context, in UserInput) (User, error) {
	var made User
	hash, err := s.hashFor(in)
	if err != nil {
		return made, err
	}
	err = s.write(ctx, PermUsers, func(tx Tx, who Actor, now time.Time) error {
		return addUser(ctx, tx, who, now, in, hash, true, &made)
	})
	return made, err
}

// hashFor checks a new account's input and hashes its password outside the
// write transaction: bcrypt is slow on purpose and must not hold the shop.
func (s *Service) hashFor(in UserInput) (string, error) {
	if in.Login == "" && in.Password == "" {
		return "", nil // TurnOnAccounts with the accounts already there
	}
	if err := validateUser(&in); err != nil {
		return "", err
	}
	return s.hash(in.Password)
}

func (s *Service) hash(password string) (string, error) {
	if s.passwords == nil {
		return "", ErrNoPasswords
	}
	return s.passwords.Hash(password)
}

// addUser opens an account; mustChange makes its person choose their own
// password at the first sign-in.
func addUser(ctx context.Context, tx Tx, who Actor, now time.Time, in UserInput, hash string, mustChange bool, made *User) error {
	if err := validateUser(&in); err != nil {
		return err
	}
	*made = User{Login: in.Login, FullName: in.FullName, Role: in.Role, Active: true, MustChangePassword: mustChange,
		PasswordSetAt: now, CreatedAt: now, Version: 1}
	if err := tx.InsertUser(ctx, made, hash); err != nil {
		return err
	}
	return record(ctx, tx, who, now, SubjectUser, made.ID, "user.added",
		fmt.Sprintf("account %s added as %s", made.Login, made.Role), nil, userRecord(*made))
}

// validateUser cleans a new account's input and reports every problem.
func validateUser(in *UserInput) error {
	var p problems
	in.Login, in.FullName = strings.TrimSpace(cleanText(in.Login)), cleanText(in.FullName)
	requireText(&p, "login", in.Login, 1, 40)
	if strings.IndexFunc(in.Login, unicode.IsSpace) >= 0 {
		p.add("login", CodeInvalid, "a sign-in name has no spaces; use a dot or a dash")
	}
	optionalText(&p, "full_name", in.FullName, 80)
	if !knownRole(in.Role) {
		p.add("role", CodeRequired, "choose a role: owner, customer service, warehouse or finance")
	}
	checkPassword(&p, "password", in.Password, in.Login)
	return p.err()
}

// checkPassword says what is wrong with a new password.
func checkPassword(p *problems, field, password, login string) {
	switch {
	case utf8.RuneCountInString(password) < minPasswordRunes:
		p.add(field, CodeTooShort, "use at least %d characters", minPasswordRunes)
	case len(password) > maxPasswordBytes:
		p.add(field, CodeTooLong, "use at most %d letters (fewer Chinese characters)", maxPasswordBytes)
	case strings.EqualFold(password, login):
		p.add(field, CodeInvalid, "the password must not be the sign-in name")
	}
}

func knownRole(r Role) bool {
	for _, k := range Roles() {
		if r == k {
			return true
		}
	}
	return false
}

// ChangeUser saves an account's full name, role and whether it is on. The
// shop always keeps one active owner.
func (s *Service) ChangeUser(ctx context.Context, changed User) (User, error) {
	var saved User
	err := s.write(ctx, PermUsers, func(tx Tx, who Actor, now time.Time) error {
		u, err := tx.User(ctx, changed.ID)
		if err != nil {
			return err
		}
		if u.Version != changed.Version {
			return ErrConflict
		}
		before := userRecord(*u)
		var p problems
		u.FullName = cleanText(changed.FullName)
		optionalText(&p, "full_name", u.FullName, 80)
		if !knownRole(changed.Role) {
			p.add("role", CodeRequired, "choose a role: owner, customer service, warehouse or finance")
		}
		if err := p.err(); err != nil {
			return err
		}
		u.Role, u.Active = changed.Role, changed.Active
		if u.Role != RoleOwner || !u.Active {
			if err := needActiveOwner(ctx, tx, u.ID, "role"); err != nil {
				return err
			}
		}
		if err := tx.UpdateUser(ctx, u); err != nil {
			return err
		}
		saved = *u
		return record(ctx, tx, who, now, SubjectUser, u.ID, "user.changed", userChange(before, userRecord(*u)), before, userRecord(*u))
	})
	return saved, err
}

// needActiveOwner refuses a change that would leave no active owner
// besides the account `except`: nobody could manage accounts or restore.
func needActiveOwner(ctx context.Context, tx Tx, except int64, field string) error {
	users, err := tx.Users(ctx)
	if err != nil {
		return err
	}
	for _, u := range users {
		if u.ID != except && u.Active && u.Role == RoleOwner {
			return nil
		}
	}
	if field == "" {
		field = "login"
	}
	return &ValidationError{Fields: []FieldError{{Field: field, Code: CodeLastOwner,
		Message: "the shop needs one active owner; make another account the owner first"}}}
}

// ResetPassword gives a person a new password, when they forgot theirs,
// and ends any wait after wrong passwords under their name; they choose
// their own at the next sign-in.
func (s *Service) ResetPassword(ctx context.Context, id int64, password string) error {
	var p problems
	checkPassword(&p, "password", password, "")
	if err := p.err(); err != nil {
		return err
	}
	hash, err := s.hash(password)
	if err != nil {
		return err
	}
	return s.write(ctx, PermUsers, func(tx Tx, who Actor, now time.Time) error {
		u, err := tx.User(ctx, id)
		if err != nil {
			return err
		}
		if strings.EqualFold(password, u.Login) {
			return &ValidationError{Fields: []FieldError{{Field: "password", Code: CodeInvalid,
				Message: "the password must not be the sign-in name"}}}
		}
		if err := tx.SaveSignInTries(ctx, SignInTries{Name: signInName(u.Login)}); err != nil {
			return err
		}
		if err := tx.SetPassword(ctx, id, hash, now, true); err != nil {
			return err
		}
		return record(ctx, tx, who, now, SubjectUser, id, "user.password_reset",
			fmt.Sprintf("password of %s reset by %s", u.Login, who.Name), nil, nil)
	})
}

// ChangePassword lets the signed-in person choose a new password, after
// giving the one they have.
func (s *Service) ChangePassword(ctx context.Context, current, next string) error {
	who, err := ActorFrom(ctx)
	if err != nil {
		return err
	}
	u, hash, err := s.userByLogin(ctx, who.Name)
	if err != nil {
		return err
	}
	if s.passwords == nil {
		return ErrNoPasswords
	}
	if !s.passwords.Matches(hash, current) {
		return &ValidationError{Fields: []FieldError{{Field: "current", Code: CodeInvalid,
			Message: "this is not your current password; type it again"}}}
	}
	var p problems
	checkPassword(&p, "password", next, u.Login)
	if next == current {
		p.add("password", CodeInvalid, "choose a password different from the current one")
	}
	if err := p.err(); err != nil {
		return err
	}
	newHash, err := s.hash(next)
	if err != nil {
		return err
	}
	// Whoever may sign in may change their own password: no permission.
	now := s.Now()
	return s.store.Write(ctx, func(tx Tx) error {
		if err := tx.SetPassword(ctx, u.ID, newHash, now, false); err != nil {
			return err
		}
		return record(ctx, tx, who, now, SubjectUser, u.ID, "user.password_changed", u.Login+" chose a new password", nil, nil)
	})
}

func (s *Service) userByLogin(ctx context.Context, login string) (*User, string, error) {
	var u *User
	var hash string
	err := s.read(ctx, func(tx Tx) (err error) { u, hash, err = tx.UserByLogin(ctx, login); return err })
	return u, hash, err
}

// SignIn checks a person's name and password and returns their account.
// Wrong passwords make the name wait before its next try, longer and
// longer up to AccountSettings.MaxWait, and a try during the wait is
// refused without its password checked, so guessing is slow; but the
// right password after the wait always signs in, so nobody can keep
// another person out for long. A name nobody has takes the same steps,
// the same time and gets the same answers. The history records each
// sign-in and each wrong password of a real account.
func (s *Service) SignIn(ctx context.Context, login, password string) (User, error) {
	if s.passwords == nil {
		return User{}, ErrNoPasswords
	}
	login = strings.TrimSpace(login)
	name, now := signInName(login), s.Now()
	var (
		u    *User // nil for a name nobody has
		hash string
		wait time.Duration
	)
	// The try counts as wrong before its password is checked, in one
	// write transaction: tries made at once (several commands started
	// together) each find the ones before them counted, so none slips past
	// a wait. A right password takes the count back below.
	look := func(tx Tx, count bool) error {
		u, hash, wait = nil, "", 0
		settings, err := tx.AccountSettings(ctx)
		if err != nil {
			return err
		}
		tries, err := tx.SignInTries(ctx, name)
		if err != nil {
			return err
		}
		if now.Before(tries.NotBefore) {
			wait = tries.NotBefore.Sub(now)
			return nil
		}
		u, hash, err = tx.UserByLogin(ctx, login)
		if errors.Is(err, ErrNotFound) {
			u, hash, err = nil, s.passwords.Decoy(), nil
		}
		if err != nil || !count {
			return err
		}
		tries.Name = name
		tries.Failures++
		tries.NotBefore = now.Add(settings.WaitAfter(tries.Failures))
		return tx.SaveSignInTries(ctx, tries)
	}
	err := s.store.Write(ctx, func(tx Tx) error { return look(tx, true) })
	// A shop on a read-only disk keeps no count and no history: the
	// password is checked all the same (whoever can read the file can test
	// passwords against it anyway, so a count would protect nothing).
	readOnly := errors.Is(err, ErrShopReadOnly)
	if readOnly {
		err = s.read(ctx, func(tx Tx) error { return look(tx, false) })
	}
	if err != nil {
		return User{}, err
	}
	if wait > 0 {
		return User{}, &TooManyTriesError{Wait: wait}
	}
	// One slow comparison, outside the transaction: bcrypt must not hold
	// the shop. A name nobody has is compared with the decoy, which
	// matches nothing.
	matches := s.passwords.Matches(hash, password) && u != nil
	if readOnly {
		switch {
		case !matches:
			return User{}, ErrSignIn
		case !u.Active:
			return User{}, &SwitchedOffError{Login: u.Login}
		}
		return *u, nil
	}
	var result error
	err = s.store.Write(ctx, func(tx Tx) error {
		result = nil
		if !matches {
			tries, err := tx.SignInTries(ctx, name) // from the file: other tries may have come since
			if err != nil {
				return err
			}
			result = ErrSignIn
			waits := ""
			if wait := tries.NotBefore.Sub(now); wait > 0 {
				tooMany := &TooManyTriesError{Wait: wait, Wrong: true}
				result = tooMany
				waits = fmt.Sprintf("; the name waits %d seconds before the next try", tooMany.Seconds())
			}
			if u == nil {
				// No account, no history: the name's count is all there is
				// to keep. It is written again all the same, so this try
				// commits to the disk as a real name's does, and takes as
				// long.
				return tx.SaveSignInTries(ctx, tries)
			}
			return record(ctx, tx, u.Actor(), now, SubjectUser, u.ID, "user.sign_in_failed",
				fmt.Sprintf("wrong password for %s (%d in a row)%s", u.Login, tries.Failures, waits), nil, nil)
		}
		if err := tx.SaveSignInTries(ctx, SignInTries{Name: name}); err != nil {
			return err
		}
		cur, err := tx.User(ctx, u.ID)
		if err != nil {
			return err
		}
		if !cur.Active {
			result = &SwitchedOffError{Login: cur.Login}
			return nil
		}
		cur.LastSignInAt = now
		if err := tx.UpdateUser(ctx, cur); err != nil {
			return err
		}
		*u = *cur
		return record(ctx, tx, cur.Actor(), now, SubjectUser, cur.ID, "user.signed_in", cur.Login+" signed in", nil, nil)
	})
	if err != nil {
		return User{}, err
	}
	if result != nil {
		return User{}, result
	}
	return *u, nil
}

// passwordState is the service's password hasher.
type passwordState struct {
	passwords PasswordHasher
}

// userRecord is what the history keeps of an account: never the password.
func userRecord(u User) map[string]any {
	return map[string]any{"login": u.Login, "full_name": u.FullName, "role": u.Role, "active": u.Active}
}

func userChange(before, after map[string]any) string {
	var parts []string
	for _, k := range []string{"full_name", "role", "active"} {
		if fmt.Sprint(before[k]) != fmt.Sprint(after[k]) {
			parts = append(parts, fmt.Sprintf("%s %v → %v", k, before[k], after[k]))
		}
	}
	if len(parts) == 0 {
		return "account " + fmt.Sprint(after["login"]) + " saved unchanged"
	}
	return "account " + fmt.Sprint(after["login"]) + ": " + strings.Join(parts, ", ")
}
