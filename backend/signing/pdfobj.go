package signing

import (
	"errors"
	"strconv"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// Just enough of the PDF object syntax (ISO 32000-1, 7.3) to read a signature dictionary:
// dictionaries, arrays, strings, names, numbers, references and keywords. Streams are not
// needed. Values are map[string]any, []any, []byte (strings), name, number, ref and keyword.

type (
	name    string // /Name, without the slash, #xx decoded
	number  string // as written; converted where a number is needed
	keyword string // true, false, null, or anything else bare
	ref     string // "12 0 R"
)

var errSyntax = errors.New("PDF syntax")

type parser struct {
	b []byte
	i int
}

func isSpace(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// space skips white space and comments.
func (p *parser) space() {
	for p.i < len(p.b) {
		switch c := p.b[p.i]; {
		case isSpace(c):
			p.i++
		case c == '%':
			for p.i < len(p.b) && p.b[p.i] != '\n' && p.b[p.i] != '\r' {
				p.i++
			}
		default:
			return
		}
	}
}

// value reads the next object. depth bounds nesting, so a hostile file cannot exhaust the stack.
func (p *parser) value(depth int) (any, error) {
	if depth > 32 {
		return nil, errSyntax
	}
	p.space()
	if p.i >= len(p.b) {
		return nil, errSyntax
	}
	switch c := p.b[p.i]; {
	case c == '<' && p.i+1 < len(p.b) && p.b[p.i+1] == '<':
		p.i += 2
		return p.dict(depth)
	case c == '<':
		p.i++
		return p.hexString()
	case c == '(':
		p.i++
		return p.literalString()
	case c == '[':
		p.i++
		var a []any
		for {
			p.space()
			if p.i < len(p.b) && p.b[p.i] == ']' {
				p.i++
				return a, nil
			}
			v, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
	case c == '/':
		p.i++
		return name(decodeName(p.token())), nil
	case c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9':
		n := number(p.token())
		// "12 0 R" is one value, a reference.
		save := p.i
		p.space()
		if g := p.token(); g != "" && isDigits(g) {
			p.space()
			if p.token() == "R" {
				return ref(string(n) + " " + g + " R"), nil
			}
		}
		p.i = save
		return n, nil
	case isDelim(c):
		return nil, errSyntax
	}
	return keyword(p.token()), nil
}

func (p *parser) dict(depth int) (map[string]any, error) {
	d := map[string]any{}
	for {
		p.space()
		if p.i+1 < len(p.b) && p.b[p.i] == '>' && p.b[p.i+1] == '>' {
			p.i += 2
			return d, nil
		}
		k, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		key, ok := k.(name)
		if !ok {
			return nil, errSyntax
		}
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		d[string(key)] = v
	}
}

// token reads regular characters up to white space or a delimiter.
func (p *parser) token() string {
	start := p.i
	for p.i < len(p.b) && !isSpace(p.b[p.i]) && !isDelim(p.b[p.i]) {
		p.i++
	}
	return string(p.b[start:p.i])
}

func (p *parser) hexString() ([]byte, error) {
	out := make([]byte, 0, 64)
	var hi byte
	odd := false
	for ; p.i < len(p.b); p.i++ {
		c := p.b[p.i]
		var v byte
		switch {
		case c == '>':
			p.i++
			if odd {
				out = append(out, hi<<4) // a missing last digit is 0 (7.3.4.3)
			}
			return out, nil
		case isSpace(c):
			continue
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			return nil, errSyntax
		}
		if odd {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		odd = !odd
	}
	return nil, errSyntax
}

func (p *parser) literalString() ([]byte, error) {
	var out []byte
	depth := 0
	for p.i < len(p.b) {
		c := p.b[p.i]
		p.i++
		switch c {
		case '(':
			depth++
		case ')':
			if depth == 0 {
				return out, nil
			}
			depth--
		case '\r': // an end of line in a string reads as \n
			if p.i < len(p.b) && p.b[p.i] == '\n' {
				p.i++
			}
			c = '\n'
		case '\\':
			if p.i >= len(p.b) {
				return nil, errSyntax
			}
			e := p.b[p.i]
			p.i++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r': // backslash at the end of a line: the line continues
				if p.i < len(p.b) && p.b[p.i] == '\n' {
					p.i++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '7'; k++ {
						v = v*8 + int(p.b[p.i]-'0')
						p.i++
					}
					c = byte(v)
				} else {
					c = e // \( \) \\, and any other escaped character stands for itself
				}
			}
		}
		out = append(out, c)
	}
	return nil, errSyntax
}

// decodeName decodes #xx escapes in a name.
func decodeName(s string) string {
	var out []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '#' && i+2 < len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, s[i])
	}
	return string(out)
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func asBytes(v any) []byte {
	b, _ := v.([]byte)
	return b
}

// text decodes a PDF text string (7.9.2.2): UTF-16BE or UTF-8 after their byte-order marks,
// else PDFDocEncoding, read here as Latin-1 (the two differ only in rare punctuation), unless
// the bytes are valid UTF-8, which some writers put there regardless.
func text(v any) string {
	b, ok := v.([]byte)
	if !ok {
		return ""
	}
	switch {
	case len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF:
		u := make([]uint16, 0, len(b)/2)
		for i := 2; i+1 < len(b); i += 2 {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		}
		return string(utf16.Decode(u))
	case len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF:
		return string(b[3:])
	case utf8.Valid(b):
		return string(b)
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// pdfDate parses a PDF date (7.9.4): D:YYYYMMDDHHmmSSOHH'mm', everything after the year
// optional, no offset meaning UTC here (the standard leaves it unknown).
func pdfDate(s string) (time.Time, error) {
	if len(s) >= 2 && s[:2] == "D:" {
		s = s[2:]
	}
	num := func(from, n int, def int) (int, bool) {
		if len(s) < from+n {
			return def, true
		}
		v, err := strconv.Atoi(s[from : from+n])
		return v, err == nil
	}
	var f [6]int
	defs := [6]int{0, 1, 1, 0, 0, 0}
	at := 0
	for k, n := range [6]int{4, 2, 2, 2, 2, 2} {
		v, ok := num(at, n, defs[k])
		if !ok {
			return time.Time{}, errSyntax
		}
		f[k] = v
		at += n
	}
	if len(s) < 4 {
		return time.Time{}, errSyntax
	}
	loc := time.UTC
	if at < len(s) && (s[at] == '+' || s[at] == '-') {
		h, _ := num(at+1, 2, 0)
		m, _ := num(at+4, 2, 0) // after the apostrophe
		off := h*3600 + m*60
		if s[at] == '-' {
			off = -off
		}
		loc = time.FixedZone("", off)
	}
	return time.Date(f[0], time.Month(f[1]), f[2], f[3], f[4], f[5], 0, loc), nil
}
