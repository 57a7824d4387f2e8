package document

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strconv"
	"testing"
)

// The pages come out compressed: no stream is left without a filter.
func TestPagesCompressed(t *testing.T) {
	q := &Quote{Lang: "en", Number: "Q-1", Seller: Party{Name: "Seller"}, Customer: Customer{Name: "Customer"},
		Groups: []Group{{Name: "Site", Lines: []Line{{Description: "Fibre", Quantity: "1", Monthly: "¥1,000"}}}}}
	pdf, err := QuotePDF(q)
	if err != nil {
		t.Fatal(err)
	}
	if m := regexp.MustCompile(`<</Length \d+>>\nstream\n`).Find(pdf); m != nil {
		t.Errorf("an uncompressed stream: %q", m)
	}
	if !bytes.Contains(pdf, []byte("/Filter /FlateDecode")) {
		t.Error("no compressed stream")
	}
}

// A stream is compressed to what inflates back to it, and the table points at the objects' new places.
func TestDeflateStreams(t *testing.T) {
	content := bytes.Repeat([]byte("BT /F1 9 Tf 10 10 Td (hello) Tj ET\n"), 50)
	var in bytes.Buffer
	in.WriteString("%PDF-1.4\n")
	off1 := in.Len()
	in.WriteString("1 0 obj\n<</Type /Catalog /Pages 2 0 R>>\nendobj\n")
	off2 := in.Len()
	in.WriteString("2 0 obj\n<</Length " + itoa(len(content)) + ">>\nstream\n")
	in.Write(content)
	in.WriteString("\nendstream\nendobj\n")
	xref := in.Len()
	in.WriteString("xref\n0 3\n0000000000 65535 f \n")
	in.WriteString(pad(off1) + " 00000 n \n" + pad(off2) + " 00000 n \n")
	in.WriteString("trailer\n<<\n/Size 3\n/Root 1 0 R\n>>\nstartxref\n" + itoa(xref) + "\n%%EOF\n")

	out := deflateStreams(in.Bytes())
	if bytes.Equal(out, in.Bytes()) {
		t.Fatal("nothing compressed")
	}
	start := bytes.Index(out, []byte("2 0 obj\n<</Filter /FlateDecode /Length "))
	if start < 0 || !bytes.Contains(out, []byte("\n"+pad(start)+" 00000 n \n")) {
		t.Fatalf("object 2 is not where the table says:\n%s", out)
	}
	data := out[bytes.Index(out[start:], []byte("stream\n"))+start+len("stream\n"):]
	r, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(r)
	if !bytes.Equal(got, content) {
		t.Error("the stream does not inflate to its content")
	}
	if !bytes.HasSuffix(out, []byte("startxref\n"+itoa(bytes.Index(out, []byte("xref\n0 3")))+"\n%%EOF\n")) {
		t.Errorf("startxref does not point at the table:\n%s", out[len(out)-60:])
	}
}

// What deflateStreams does not recognise, it leaves alone.
func TestDeflateStreamsLeavesTheUnknown(t *testing.T) {
	for _, in := range []string{"", "not a pdf", "%PDF-1.4\nstartxref\n99999\n%%EOF\n", "%PDF-1.4\nxref\n0 1\nstartxref\n9\n%%EOF"} {
		if out := deflateStreams([]byte(in)); string(out) != in {
			t.Errorf("%q changed to %q", in, out)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
func pad(n int) string {
	s := itoa(n)
	for len(s) < 10 {
		s = "0" + s
	}
	return s
}
