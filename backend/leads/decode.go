package leads

import (
	"bytes"
	"io"
	"strconv"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"

	"quotewright/backend/cpq"
)

// maxBytes bounds what is read into memory. 10,000 rows of eight short values fit in a few megabytes; a
// larger file is not a lead list, and reading it whole would only delay the refusal.
const maxBytes = 16 << 20

// zipMagic starts every .xlsx workbook (it is a zip archive).
var zipMagic = []byte("PK\x03\x04")

// decode reads the whole file as text. A file saved as "CSV UTF-8" by Excel starts with a byte-order mark,
// which is dropped; a file saved as plain "CSV" by Excel in Japan is Shift_JIS (code page 932). Shift_JIS
// Japanese text is almost never valid UTF-8, so invalid UTF-8 is what tells the two apart; an ASCII-only file
// reads the same either way.
func decode(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxBytes+1))
	if err != nil {
		return nil, cpq.Internal(err)
	}
	if len(b) > maxBytes {
		return nil, cpq.Errorf(cpq.EInvalid, "leadcsv.file.tooLarge", "max", strconv.Itoa(maxBytes>>20))
	}
	if bytes.HasPrefix(b, zipMagic) {
		return nil, cpq.Errorf(cpq.EInvalid, "leadcsv.file.workbook")
	}
	if utf8.Valid(b) {
		return bytes.TrimPrefix(b, []byte("\uFEFF")), nil
	}
	// The decoder does not fail on bytes that are not Shift_JIS: it writes U+FFFD for them, so a file in
	// neither encoding is recognised by that character.
	text, err := japanese.ShiftJIS.NewDecoder().Bytes(b)
	if err != nil || bytes.ContainsRune(text, utf8.RuneError) {
		return nil, cpq.Errorf(cpq.EInvalid, "leadcsv.file.encoding")
	}
	return text, nil
}
