package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
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
	// MaxFailures wrong passwords in a row lock an account for LockMinutes.
	MaxFailures int
	LockMinutes int
}

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
	FailedSignIns      int
	LockedUntil        time.Time
	LastSignInAt       time.Time
	PasswordSetAt      time.Time
	CreatedAt          time.Time
	Version            int
}

// Locked reports whether too many wrong passwords keep the user out now.
func (u User) Locked(now time.Time) bool { return now.Before(u.LockedUntil) }

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

// LockedError refuses a sign-in while too many wrong passwords lock the
// account.
type LockedError struct {
	Login string
	Until time.Time
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("%s is locked after too many wrong passwords until %s; wait, or ask the owner to unlock it",
		e.Login, e.Until.Local().Format("15:04"))
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
	_, err := allow(ctx, p)
	return err
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
// and unlocks the account; they choose their own at the next sign-in.
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
		u.FailedSignIns, u.LockedUntil = 0, time.Time{}
		if err := tx.UpdateUser(ctx, u); err != nil {
			return err
		}
		if err := tx.SetPassword(ctx, id, hash, now, true); err != nil {
			return err
		}
		return record(ctx, tx, who, now, SubjectUser, id, "user.password_reset",
			fmt.Sprintf("password of %s reset by %s", u.Login, who.Name), nil, nil)
	})
}

// UnlockUser lets a locked-out person try again at once.
func (s *Service) UnlockUser(ctx context.Context, id int64) error {
	return s.write(ctx, PermUsers, func(tx Tx, who Actor, now time.Time) error {
		u, err := tx.User(ctx, id)
		if err != nil {
			return err
		}
		u.FailedSignIns, u.LockedUntil = 0, time.Time{}
		if err := tx.UpdateUser(ctx, u); err != nil {
			return err
		}
		return record(ctx, tx, who, now, SubjectUser, id, "user.unlocked", "account "+u.Login+" unlocked", nil, nil)
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
// MaxFailures wrong passwords in a row lock it for LockMinutes; a locked
// account is refused without looking at the password, so guessing on
// gains nothing. The history records each sign-in and each lock-out.
func (s *Service) SignIn(ctx context.Context, login, password string) (User, error) {
	if s.passwords == nil {
		return User{}, ErrNoPasswords
	}
	u, hash, err := s.userByLogin(ctx, strings.TrimSpace(login))
	if errors.Is(err, ErrNotFound) {
		// The same slow comparison as for a real account, so the time taken
		// does not tell which names exist.
		s.passwords.Matches(s.decoyHash(), password)
		return User{}, ErrSignIn
	}
	if err != nil {
		return User{}, err
	}
	now := s.Now()
	if u.Locked(now) {
		return User{}, &LockedError{Login: u.Login, Until: u.LockedUntil}
	}
	matches := s.passwords.Matches(hash, password)
	if matches && !u.Active {
		return User{}, &SwitchedOffError{Login: u.Login}
	}
	var result error
	err = s.store.Write(ctx, func(tx Tx) error {
		result = nil
		cur, err := tx.User(ctx, u.ID) // counts from the file, not from before the slow check
		if err != nil {
			return err
		}
		who := Actor{Name: cur.Login, Role: cur.Role}
		if matches {
			cur.FailedSignIns, cur.LockedUntil, cur.LastSignInAt = 0, time.Time{}, now
			if err := tx.UpdateUser(ctx, cur); err != nil {
				return err
			}
			*u = *cur
			return record(ctx, tx, who, now, SubjectUser, cur.ID, "user.signed_in", cur.Login+" signed in", nil, nil)
		}
		settings, err := tx.AccountSettings(ctx)
		if err != nil {
			return err
		}
		cur.FailedSignIns++
		result = ErrSignIn
		summary := fmt.Sprintf("wrong password for %s (%d in a row)", cur.Login, cur.FailedSignIns)
		if cur.FailedSignIns >= settings.MaxFailures {
			cur.FailedSignIns = 0
			cur.LockedUntil = now.Add(time.Duration(settings.LockMinutes) * time.Minute)
			result = &LockedError{Login: cur.Login, Until: cur.LockedUntil}
			summary = fmt.Sprintf("%s locked for %d minutes after %d wrong passwords", cur.Login, settings.LockMinutes, settings.MaxFailures)
		}
		if err := tx.UpdateUser(ctx, cur); err != nil {
			return err
		}
		return record(ctx, tx, who, now, SubjectUser, cur.ID, "user.sign_in_failed", summary, nil, nil)
	})
	if err != nil {
		return User{}, err
	}
	if result != nil {
		return User{}, result
	}
	return *u, nil
}

// decoyHash is a hash of nothing anyone types, made once.
func (s *Service) decoyHash() string {
	s.decoyOnce.Do(func() { s.decoy, _ = s.passwords.Hash("no such account: " + time.Now().String()) })
	return s.decoy
}

// passwordState is the service's password hasher and its decoy hash.
type passwordState struct {
	passwords PasswordHasher
	decoyOnce sync.Once
	decoy     string
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
