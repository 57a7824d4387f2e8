package cpq

import "github.com/shopspring/decimal"

// Role is what a user may do. Authority (how much discount a role may give) is data, RoleAuthority, not code.
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
	Active    bool
	Lang      Lang // preferred language, may be empty
	// Technical users fill the resource values an order needs (a SIM's ICCID, an IP block) before it is sent.
	Technical bool
}

// Validate checks a user profile before it is saved.
func (u *User) Validate() error {
	v := Validation{Key: "user.invalid"}
	v.Require("name", u.Name, "user.name.required")
	if !u.Role.Valid() {
		v.Add("role", "user.role.invalid", "value", string(u.Role))
	}
	if u.Email != "" && !looksLikeEmail(u.Email) {
		v.Add("email", "email.invalid", "value", u.Email)
	}
	return v.Err()
}

// RoleAuthority is what a role may accept on a quote without asking someone above: the largest discount off
// the price before the rep's discounts, and the lowest margin. It is data an administrator edits.
type RoleAuthority struct {
	Role           Role
	MaxDiscountPct decimal.Decimal
	MinMarginPct   decimal.Decimal
}

// Validate checks an authority before it is saved.
func (a *RoleAuthority) Validate() error {
	v := Validation{Key: "authority.invalid"}
	if !a.Role.Valid() {
		v.Add("role", "user.role.invalid", "value", string(a.Role))
	}
	if a.MaxDiscountPct.IsNegative() || a.MaxDiscountPct.GreaterThan(decimal.NewFromInt(100)) {
		v.Add("maxDiscountPct", "user.maxDiscount.range")
	}
	if a.MinMarginPct.LessThan(decimal.NewFromInt(-100)) || a.MinMarginPct.GreaterThan(decimal.NewFromInt(100)) {
		v.Add("minMarginPct", "authority.minMargin.range")
	}
	return v.Err()
}

// RoleRank orders roles by authority: rep 0, manager 1, director 2, admin 3; -1 for an unknown role.
func RoleRank(r Role) int {
	for i, x := range Roles {
		if x == r {
			return i
		}
	}
	return -1
}
