package document

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"slices"
	"strconv"
	"sync"
)

// Compressing the pages. gofpdf compresses each page's content with a zlib writer of its own, and setting one
// up allocates and clears over a megabyte: for a 1,000-line quote of 40-odd pages that was more than half of
// the document's time (bench_test.go). So the sheet asks gofpdf for uncompressed pages and deflateStreams
// compresses every stream gofpdf left unfiltered, with writers kept in a pool, then writes the
// cross-reference table again for the objects' new offsets. The result is the same document.
//
// deflateStreams reads only the layout gofpdf writes (objects in order, a classic cross-reference table, one
// trailer). Anything else it does not recognise is left as it is: at worst a document comes out uncompressed,
// never broken; the tests check with qpdf that the output is sound and that the pages are compressed.

// gofpdf names the embedded font after its family ("/utf8ipaexg") although it embeds only the glyphs the
// document uses. PDF readers tell a subset by a tag of six capital letters and "+" before the font's own name
// (ISO 32000-1, 9.6.4), so the name is written that way: pdffonts then reports the font embedded and subset.
var (
	gofpdfFontName = []byte("/utf8" + family)
	subsetFontName = []byte("/QWIPAX+IPAexGothic")
)

var deflaters = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return w
}}

func deflateStreams(in []byte) []byte {
	out, err := rewriteStreams(in)
	if err != nil {
		return in
	}
	return out
}

func rewriteStreams(in []byte) ([]byte, error) {
	// The cross-reference table: "startxref\n<offset>\n%%EOF" at the end points at "xref\n0 <n>\n" and n
	// entries of 20 bytes, followed by the trailer.
	sx := bytes.LastIndex(in, []byte("startxref\n"))
	if sx < 0 {
		return nil, fmt.Errorf("no startxref")
	}
	xref, err := leadingInt(in[sx+len("startxref\n"):])
	if err != nil || xref <= 0 || xref >= sx || !bytes.HasPrefix(in[xref:], []byte("xref\n0 ")) {
		return nil, fmt.Errorf("no cross-reference table")
	}
	p := xref + len("xref\n0 ")
	n, err := leadingInt(in[p:])
	if err != nil || n < 2 {
		return nil, fmt.Errorf("bad cross-reference table")
	}
	p = bytes.IndexByte(in[p:], '\n') + p + 1
	const entry = 20
	entries, trailer := p, p+n*entry
	if trailer > sx || !bytes.HasPrefix(in[trailer:], []byte("trailer\n")) {
		return nil, fmt.Errorf("bad cross-reference table")
	}
	offsets := make([]int, n)
	order := make([]int, 0, n-1)
	for i := 1; i < n; i++ {
		e := in[entries+i*entry : entries+(i+1)*entry]
		if e[17] != 'n' {
			return nil, fmt.Errorf("object %d is not in use", i)
		}
		if offsets[i], err = leadingInt(e[:10]); err != nil || offsets[i] <= 0 || offsets[i] >= xref {
			return nil, fmt.Errorf("object %d has no offset", i)
		}
		order = append(order, i)
	}
	slices.SortFunc(order, func(a, b int) int { return offsets[a] - offsets[b] })
	for k := 1; k < len(order); k++ {
		if offsets[order[k]] == offsets[order[k-1]] {
			return nil, fmt.Errorf("objects %d and %d at one offset", order[k-1], order[k])
		}
	}

	w := deflaters.Get().(*zlib.Writer)
	defer deflaters.Put(w)
	var out bytes.Buffer
	out.Grow(len(in) / 3)
	out.Write(in[:offsets[order[0]]])
	newOffsets := make([]int, n)
	var z bytes.Buffer
	for k, i := range order {
		end := xref
		if k+1 < len(order) {
			end = offsets[order[k+1]]
		}
		obj := in[offsets[i]:end]
		newOffsets[i] = out.Len()
		head, data, tail, ok := plainStream(obj, i)
		if !ok {
			out.Write(bytes.ReplaceAll(obj, gofpdfFontName, subsetFontName))
			continue
		}
		z.Reset()
		w.Reset(&z)
		if _, err := w.Write(data); err != nil {
			return nil, err
		}
		if err := w.Close(); err != nil {
			return nil, err
		}
		out.Write(head)
		fmt.Fprintf(&out, "<</Filter /FlateDecode /Length %d>>\nstream\n", z.Len())
		out.Write(z.Bytes())
		out.Write(tail)
	}
	newXref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", n)
	for i := 1; i < n; i++ {
		fmt.Fprintf(&out, "%010d 00000 n \n", newOffsets[i])
	}
	out.Write(in[trailer:sx])
	fmt.Fprintf(&out, "startxref\n%d\n%%%%EOF\n", newXref)
	return out.Bytes(), nil
}

// plainStream splits an object written as "<i> 0 obj\n<</Length <n>>>\nstream\n<n bytes>\nendstream..." into
// its head ("<i> 0 obj\n"), the stream's data and what follows the data. Any other object is not ok.
func plainStream(obj []byte, i int) (head, data, tail []byte, ok bool) {
	head = []byte(strconv.Itoa(i) + " 0 obj\n")
	rest, found := bytes.CutPrefix(obj, head)
	if !found {
		return nil, nil, nil, false
	}
	rest, found = bytes.CutPrefix(rest, []byte("<</Length "))
	if !found {
		return nil, nil, nil, false
	}
	n, err := leadingInt(rest)
	if err != nil {
		return nil, nil, nil, false
	}
	rest, found = bytes.CutPrefix(rest[len(strconv.Itoa(n)):], []byte(">>\nstream\n"))
	if !found || len(rest) < n || !bytes.HasPrefix(rest[n:], []byte("\nendstream\n")) {
		return nil, nil, nil, false
	}
	return head, rest[:n], rest[n:], true
}

// leadingInt reads the decimal number at the start of b.
func leadingInt(b []byte) (int, error) {
	end := 0
	for end < len(b) && end < 12 && b[end] >= '0' && b[end] <= '9' {
		end++
	}
	return strconv.Atoi(string(b[:end]))
}
