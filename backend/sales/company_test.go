package sales_test

import (
	"context"
	"testing"
)

func TestCompanyProfile(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	c, err := p.s.Company(ctx)
	if err != nil || c.Name.JA != "さくらテレコム株式会社" || c.RegistrationNumber != "T5011001099999" {
		t.Fatalf("demo company = %+v %v", c, err)
	}
	c.RegistrationNumber = "t-5011001099999"
	if err := p.s.SetCompany(ctx, p.users[managerName], c); errKey(err) != "company.role" {
		t.Errorf("a manager changed the company: %v", err)
	}
	c.RegistrationNumber = "T501100109999"
	if err := p.s.SetCompany(ctx, p.users[directorName], c); err == nil {
		t.Error("a 12-digit registration number was saved")
	}
	c.RegistrationNumber, c.Logo = "t-5011001099999", []byte("GIF89a not a png")
	if err := p.s.SetCompany(ctx, p.users[directorName], c); err == nil {
		t.Error("a GIF logo was saved")
	}
	// A file that starts like a PNG and ends early would break every document later: refused now.
	c.Logo = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	if err := p.s.SetCompany(ctx, p.users[directorName], c); err == nil {
		t.Error("a truncated PNG logo was saved")
	}
	png := signaturePNG(t)
	c.Logo = png
	if err := p.s.SetCompany(ctx, p.users[directorName], c); err != nil {
		t.Fatal(err)
	}
	got, _ := p.s.Company(ctx)
	if got.RegistrationNumber != "T5011001099999" || string(got.Logo) != string(png) || got.LogoType() != "image/png" {
		t.Errorf("saved = %+v", got)
	}
}
