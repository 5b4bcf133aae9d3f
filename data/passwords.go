package data

import (
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
	cost := b.Cost
	if cost == 0 {
		cost = bcrypt.DefaultCost
	}
	h, err := bcrypt.GenerateFromPassword([]byte(password), cost)
	return string(h), err
}

// Matches reports whether password is the one hashed.
func (b Bcrypt) Matches(hash, password string) bool {
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) == nil
}
