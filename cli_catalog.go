package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"quotewright/backend/catalog"
	"quotewright/backend/cpq"
	"quotewright/backend/pricing"
	"quotewright/backend/sales"
	"quotewright/backend/sqlite"
)

// inputError is a file the user gave that cannot be used; like a usage error it exits with status 2.
type inputError struct{ err error }

func (e inputError) Error() string { return e.err.Error() }

// asInput makes an input file's problems exit with status 2.
func asInput(err error) error {
	var ie *catalog.InputError
	if errors.As(err, &ie) {
		return inputError{err}
	}
	return err
}

// openInput opens a file to read, "-" meaning standard input.
func openInput(name string) (io.ReadCloser, error) {
	if name == "-" {
		return io.NopCloser(os.Stdin), nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, inputError{fmt.Errorf("cannot read %s: %w", name, err)}
	}
	return f, nil
}

// createOutput opens where to write: the named file, or standard output for "" or "-".
func createOutput(name string, stdout io.Writer) (io.Writer, func() error, error) {
	if name == "" || name == "-" {
		return stdout, func() error { return nil }, nil
	}
	f, err := os.Create(name)
	if err != nil {
		return nil, nil, err
	}
	return f, f.Close, nil
}

// cmdPrice prices a quote file and prints the priced quote.
func cmdPrice(ctx context.Context, args []string, stdout io.Writer) error {
	var path, catalogFile, out string
	fl := newFlags("price", &path)
	fl.StringVar(&catalogFile, "catalog", "", "price against this catalog file instead of the database's catalog")
	fl.StringVar(&out, "o", "", "write the priced quote to this file instead of standard output")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flagHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if fl.NArg() != 1 {
		return usageError{"price needs one quote file (or - for standard input): quotewright price [--catalog catalog.json] quote.json"}
	}
	// The quote file first: a missing file is the first thing to report.
	name := fl.Arg(0)
	f, err := openInput(name)
	if err != nil {
		return err
	}
	defer f.Close()
	var cat *catalog.Catalog
	settings := pricing.JapanSettings()
	if catalogFile != "" {
		cf, err := openInput(catalogFile)
		if err != nil {
			return err
		}
		d, err := catalog.ReadJSON(cf, catalogFile)
		cf.Close()
		if err != nil {
			return asInput(err)
		}
		if cat, err = catalog.New(d); err != nil {
			return err
		}
	} else {
		db, err := sqlite.OpenReadOnly(ctx, dbPath(path))
		if err != nil {
			return err
		}
		defer db.Close()
		uc := sales.New(db, nil)
		if cat, err = uc.Catalog(ctx); err != nil {
			return err
		}
		if settings, err = uc.PricingSettings(ctx); err != nil {
			return err
		}
	}
	in, err := pricing.ReadQuote(f, name, cat, settings, cpq.Today(time.Now()))
	if err != nil {
		return asInput(err)
	}
	r, err := pricing.Price(cat, in.Quote, in.Context, in.Settings)
	if err != nil {
		return inputError{fmt.Errorf("%s cannot be priced: %w", name, err)}
	}
	w, closeOut, err := createOutput(out, stdout)
	if err != nil {
		return err
	}
	if err := pricing.WriteResult(w, cat, in, r, cat.Validate(in.Context, in.Quote, in.Sites)); err != nil {
		closeOut()
		return err
	}
	return closeOut()
}

// cmdCatalog exports the database's catalog to a catalog file, or imports one into it.
func cmdCatalog(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 || (args[0] != "export" && args[0] != "import") {
		return usageError{"catalog needs export or import: quotewright catalog export [-o catalog.json] | quotewright catalog import catalog.json"}
	}
	verb, args := args[0], args[1:]
	var path, out string
	fl := newFlags("catalog "+verb, &path)
	if verb == "export" {
		fl.StringVar(&out, "o", "", "write to this file instead of standard output")
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flagHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if verb == "export" {
		if fl.NArg() != 0 {
			return usageError{fmt.Sprintf("unexpected argument %q", fl.Arg(0))}
		}
		db, err := sqlite.OpenReadOnly(ctx, dbPath(path))
		if err != nil {
			return err
		}
		defer db.Close()
		d, err := sales.New(db, nil).CatalogData(ctx)
		if err != nil {
			return err
		}
		w, closeOut, err := createOutput(out, stdout)
		if err != nil {
			return err
		}
		if err := catalog.WriteJSON(w, d); err != nil {
			closeOut()
			return err
		}
		return closeOut()
	}
	if fl.NArg() != 1 {
		return usageError{"catalog import needs one catalog file: quotewright catalog import catalog.json"}
	}
	f, err := openInput(fl.Arg(0))
	if err != nil {
		return err
	}
	defer f.Close()
	db, err := sqlite.Open(ctx, dbPath(path), sqlite.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	uc := sales.New(db, nil)
	// The file may add to the catalog there: it can name the products the database already has.
	existing, err := uc.Catalog(ctx)
	if err != nil {
		return err
	}
	d, err := catalog.ReadJSONOver(f, fl.Arg(0), existing)
	if err != nil {
		return asInput(err)
	}
	rep, err := uc.ImportCatalog(ctx, sales.Actor{UserID: ""}, d)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Imported %s into %s:\n  products: %d added, %d updated\n  price lists: %d added, %d updated (%d prices)\n  promotions: %d added, %d updated\n  rules: %d added, %d updated\n",
		fl.Arg(0), db.Path(), rep.ProductsAdded, rep.ProductsUpdated, rep.PriceListsAdded, rep.PriceListsUpdated, rep.Prices,
		rep.PromotionsAdded, rep.PromotionsUpdated, rep.RulesAdded, rep.RulesUpdated)
	return nil
}
