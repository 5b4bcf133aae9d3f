package data

import (
	"fmt"

	"golang.org/x/crypto/bcrypt"

	"orderdesk/app"
)

// Bcrypt hashes passwords with bcrypt: salted, and slow on purpose
// so a stolen database file does not give the passwords away quickly.
type Bcrypt struct {
	// Cost is bcrypt's work factor; 0 means bcrypt's default (10, about
	// 50 ms here). Tests use bcrypt.MinCost.
	Cost int
}

var _ app.PasswordHasher = Bcrypt{}

// Hash returns the password's hash.
func (b Bcrypt) Hash(password string) (string, error) {
	h, err := bcrypt.GenerateFromPassword([]byte(password), b.cost())
	return string(h), err
}

func (b Bcrypt) cost() int {
	if b.Cost == 0 {
		return bcrypt.DefaultCost
	}
	return b.Cost
}

// decoySaltAndHash is the salt and hash of a bcrypt hash made once, offline,
// of 48 random bytes that were then thrown away, so no password is known to
// match it:
//
//	$2a$10$9LDpWFTIHbomyvkLal75ee4OT6nHyzmgOj3Di0u8iUraavrdIL3Vq
//
// It is a constant, not a hash made when the program starts or first
// needs one: making a hash costs as much as checking one, so a sign-in
// under an unknown name that had to make it would take twice as long as
// one under a real name, and the time would tell which names exist.
const decoySaltAndHash = "9LDpWFTIHbomyvkLal75ee4OT6nHyzmgOj3Di0u8iUraavrdIL3Vq"

// Decoy is the fixed hash above at this hasher's cost (bcrypt reads the
// cost from the hash), so checking it is exactly as slow as checking a
// password hashed here. At another cost than 10 its hash is not what the
// random bytes gave, which only makes a match still less likely.
func (b Bcrypt) Decoy() string {
	return fmt.Sprintf("$2a$%02d$%s", b.cost(), decoySaltAndHash)
}

// Matches reports whether password is the one hashed.
func (b Bcrypt) Matches(hash, password string) bool {
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) == nil
}
