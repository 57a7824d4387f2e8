package document

import "strings"

// Line breaking. gofpdf's own MultiCell and SplitText break only at spaces and at a narrow range of kanji
// (and SplitText drops the character at a kanji break), so the package breaks lines itself: at spaces and
// after a hyphen or slash in Latin text, between any two characters of Japanese text, and never before
// closing punctuation or small kana nor after an opening bracket (kinsoku). A word longer than the line is cut
// where it must.

// style is how a run of text is printed.
type style uint8

const (
	plain style = iota
	inserted
	deleted
)

// run is text in one style.
type run struct {
	text  string
	style style
}

// frag is the part of one wrapped line printed in one style; x is from the line's start.
type frag struct {
	text  string
	style style
	x, w  float64
}

// wrap breaks runs into lines at most w millimetres wide at size pt. "\n" starts a new line; spaces where a
// line breaks are dropped.
func wrap(runs []run, w, size float64) [][]frag {
	var rs []rune
	var st []style
	for _, r := range runs {
		for _, c := range clean(r.text, true) {
			rs = append(rs, c)
			st = append(st, r.style)
		}
	}
	var lines [][]frag
	for _, sp := range breakLines(rs, w, size) {
		var line []frag
		x := 0.0
		for i := sp.start; i < sp.end; {
			j := i
			for j < sp.end && st[j] == st[i] {
				j++
			}
			text := string(rs[i:j])
			fw := textWidth(text, size)
			line = append(line, frag{text: text, style: st[i], x: x, w: fw})
			x += fw
			i = j
		}
		lines = append(lines, line)
	}
	return lines
}

// wrapText breaks one plain string into lines at most w millimetres wide at size pt.
func wrapText(s string, w, size float64) []string {
	s = clean(s, true)
	if s == "" {
		return nil
	}
	if !strings.Contains(s, "\n") && textWidth(s, size) <= w {
		return []string{s}
	}
	rs := []rune(s)
	spans := breakLines(rs, w, size)
	out := make([]string, len(spans))
	for i, sp := range spans {
		out[i] = string(rs[sp.start:sp.end])
	}
	return out
}

type span struct{ start, end int }

// breakLines finds the lines of rs, greedily: each line takes as much as fits and ends at the last place a
// break is allowed.
func breakLines(rs []rune, w, size float64) []span {
	var lines []span
	n := len(rs)
	start := 0
	for start < n {
		end, next := n, n
		width := 0.0
		lastBreak, lastSpace, spaceWidth := -1, -1, 0.0
		i := start
		for ; i < n; i++ {
			c := rs[i]
			if c == '\n' {
				end, next = i, i+1
				break
			}
			if i > start && canBreakBefore(rs[i-1], c) {
				lastBreak = i
				if rs[i-1] == ' ' {
					lastSpace, spaceWidth = i, width
				}
			}
			width += runeWidth(c, size)
			if width > w && c != ' ' { // spaces may hang past the edge: they are dropped at the break
				switch {
				case lastSpace > start && spaceWidth >= 0.8*w:
					// Mixed text ("東京都千代田区… Tower 12F") reads better broken at a space than
					// inside a word, if that does not leave the line much short.
					end = lastSpace
				case lastBreak > start:
					end = lastBreak
				case i > start:
					end = i
				default:
					end = i + 1 // one character wider than the line
				}
				next = end
				for next < n && rs[next] == ' ' {
					next++
				}
				break
			}
		}
		if i == n {
			end, next = n, n
		}
		e := end
		for e > start && rs[e-1] == ' ' {
			e--
		}
		lines = append(lines, span{start, e})
		start = next
	}
	return lines
}

// canBreakBefore reports whether a line may end between prev and c.
func canBreakBefore(prev, c rune) bool {
	switch {
	case c == ' ':
		return false // break after the spaces, which are then dropped
	case prev == ' ':
		return true
	case wide(prev) || wide(c):
		return !kinsoku.noStart(c) && !kinsoku.noEnd(prev)
	case prev == '-' || prev == '/':
		return (c < '0' || c > '9') && !kinsoku.noStart(c) // not inside "-10%" or "1/2"
	}
	return false
}

// wide reports whether c is set in Japanese text, between whose characters a line may break.
func wide(c rune) bool {
	switch {
	case c >= 0x2E80 && c <= 0x9FFF: // CJK radicals, punctuation, kana, compatibility, unified ideographs
		return true
	case c >= 0xAC00 && c <= 0xD7AF: // Hangul
		return true
	case c >= 0xF900 && c <= 0xFAFF: // CJK compatibility ideographs
		return true
	case c >= 0xFF00 && c <= 0xFFEF: // full-width and half-width forms
		return true
	}
	return false
}

const (
	// Characters that must not begin a line (行頭禁則).
	noStart = "、。，．・：；？！゛゜ー―…‥）〕］｝〉》」』】〙〗〟’”｠»ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻ｧｨｩｪｫｬｭｮｯｰ､｡｣,.:;?!)]}%％"
	// Characters that must not end a line (行末禁則).
	noEnd = "（〔［｛〈《「『【〘〖〝‘“｟«｢([{¥￥$＄#＃"
)

// kinsoku holds the two sets as bitmaps over the BMP, so that checking a pair of characters costs two loads.
var kinsoku = func() (k kinsokuSets) {
	for _, c := range noStart {
		k.start[c/64] |= 1 << (c % 64)
	}
	for _, c := range noEnd {
		k.end[c/64] |= 1 << (c % 64)
	}
	return k
}()

type kinsokuSets struct{ start, end [1024]uint64 }

func (k *kinsokuSets) noStart(c rune) bool { return c < 0x10000 && k.start[c/64]&(1<<(c%64)) != 0 }
func (k *kinsokuSets) noEnd(c rune) bool   { return c < 0x10000 && k.end[c/64]&(1<<(c%64)) != 0 }
