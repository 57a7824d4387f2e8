package cpq

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"time"
)

// GenesisHash is the previous-hash of the first audit event.
const GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// AuditEvent is one entry of the append-only audit log. Each entry holds the hash of the one before, so an
// entry changed or removed afterwards breaks the chain from that point on.
type AuditEvent struct {
	Seq      int64 // 1, 2, 3, … without gaps
	At       time.Time
	ActorID  string
	Action   string // e.g. "account.created", "approval.voided"
	Entity   string // e.g. "account"
	EntityID string
	Data     json.RawMessage // the facts recorded, as JSON
	PrevHash string
	Hash     string
}

// ComputeHash returns the hash of the event's content and its link to the previous event. Every field is
// length-prefixed so that no two different events serialize alike.
func (e *AuditEvent) ComputeHash() string {
	h := sha256.New()
	write := func(s string) {
		h.Write([]byte(strconv.Itoa(len(s))))
		h.Write([]byte{':'})
		h.Write([]byte(s))
	}
	write("quotewright-audit-v1")
	write(strconv.FormatInt(e.Seq, 10))
	write(e.At.UTC().Format(time.RFC3339Nano))
	write(e.ActorID)
	write(e.Action)
	write(e.Entity)
	write(e.EntityID)
	write(string(e.Data))
	write(e.PrevHash)
	return hex.EncodeToString(h.Sum(nil))
}

// AuditReport is the result of verifying the audit chain.
type AuditReport struct {
	Count    int64  // entries checked
	Head     string // hash of the last entry
	Intact   bool
	BrokenAt int64  // the first entry that does not verify; 0 when intact
	Problem  string // what is wrong with it, in English
}

// VerifyChain checks events in order, starting from prev (GenesisHash for the whole log), and stops at the
// first entry that does not hold.
func VerifyChain(prev string, expectSeq int64, events []AuditEvent) AuditReport {
	r := AuditReport{Head: prev, Intact: true}
	for i := range events {
		e := &events[i]
		switch {
		case e.Seq != expectSeq:
			r.Problem = "entry " + strconv.FormatInt(expectSeq, 10) + " is missing"
		case e.PrevHash != prev:
			r.Problem = "entry does not link to the one before it"
		case e.ComputeHash() != e.Hash:
			r.Problem = "entry content does not match its hash"
		}
		if r.Problem != "" {
			r.Intact, r.BrokenAt = false, expectSeq
			return r
		}
		prev, r.Head = e.Hash, e.Hash
		expectSeq++
		r.Count++
	}
	return r
}
