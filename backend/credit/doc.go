// Package credit is where an account's credit check is made: the Provider seam, a deterministic Local
// provider scored from the account's own data, and an HTTP provider for an external bureau.
//
// A provider only ever answers approved, review or declined. Whether the account's status then moves (and
// through pending, see cpq.CreditTransitions) is the caller's decision: an error that Retryable reports true
// for leaves the check pending, any other error needs a person. docs/credit.md has the scoring table and
// the HTTP format.
package credit
