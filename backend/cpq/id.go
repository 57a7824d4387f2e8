package cpq

import (
	"crypto/rand"
	"encoding/base32"
	"encoding/binary"
	"strings"
	"time"
)

// idEncoding is lower-case Crockford-like base32 without padding, so ids sort as they were made.
var idEncoding = base32.NewEncoding("0123456789abcdefghjkmnpqrstvwxyz").WithPadding(base32.NoPadding)

// NewID returns a new identifier "prefix_…": 48 bits of milliseconds then 80 random bits. Ids are made on the
// rep's laptop, offline, so they must be unique without asking anybody; the time prefix keeps them ordered.
func NewID(prefix string) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[0:8], uint64(time.Now().UnixMilli())<<16)
	if _, err := rand.Read(b[6:]); err != nil {
		panic("cpq: no randomness: " + err.Error())
	}
	return prefix + "_" + strings.ToLower(idEncoding.EncodeToString(b[:]))
}
