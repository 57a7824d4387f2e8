package cpq

import "github.com/shopspring/decimal"

// Role is what a user may do. Authority (how much discount a role may give) is data on the user, not code.
type Role string

const (
	RoleRep      Role = "rep"
	RoleManager  Role = "manager"
	RoleDirector Role = "director"
	RoleAdmin    Role = "admin"
)

// Roles lists every role, lowest authority first.
var Roles = []Role{RoleRep, RoleManager, RoleDirector, RoleAdmin}

func (r Role) Valid() bool {
	for _, x := range Roles {
		if x == r {
			return true
		}
	}
	return false
}

// User is a local profile the app runs as. Quotewright on a laptop has no login server: the user picks a
// profile; approvals still refuse to let anyone approve their own quote.
type User struct {
	ID        string
	Name      string
	Email     string
	Role      Role
	ManagerID string // who approves this user's requests first; empty for the top of the chain
	Region    string // sales territory
	// MaxDiscountPct is the largest discount (percent of list) the user may give without approval.
	MaxDiscountPct decimal.Decimal
	// MinMarginPct is the lowest margin (percent) the user may accept without approval.
	MinMarginPct decimal.Decimal
	Active       bool
	Lang         Lang // preferred language, may be empty
}

// Validate checks a user profile before it is saved.
func (u *User) Validate() error {
	v := Validation{Key: "user.invalid"}
	v.Require("name", u.Name, "user.name.required")
	if !u.Role.Valid() {
		v.Add("role", "user.role.invalid", "value", string(u.Role))
	}
	if u.MaxDiscountPct.IsNegative() || u.MaxDiscountPct.GreaterThan(decimal.NewFromInt(100)) {
		v.Add("maxDiscountPct", "user.maxDiscount.range")
	}
	if u.Email != "" && !looksLikeEmail(u.Email) {
		v.Add("email", "email.invalid", "value", u.Email)
	}
	return v.Err()
}
