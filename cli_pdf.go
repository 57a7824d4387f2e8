package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"quotewright/app"
	"quotewright/backend/cpq"
	"quotewright/backend/sales"
)

// cmdPDF writes a quote's or a contract's PDF, exactly as the app exports it: a signed contract is the
// signed file itself. ID is an id or a number (the latest version of that number).
//
//	quotewright pdf quote|contract ID -o FILE
func cmdPDF(ctx context.Context, args []string, stdout io.Writer, stderr io.Writer) error {
	var path, out string
	fl := newFlags("pdf", &path)
	fl.StringVar(&out, "o", "", "write the PDF to this file (- for standard output)")
	// The kind and the id come first, the flags after them, as the usage line writes them; flags first
	// work too.
	var pos, flags []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case strings.HasPrefix(a, "-") && a != "-" && !strings.Contains(a, "=") && i+1 < len(args) && a != "-h" && a != "--help" && a != "-help":
			flags = append(flags, a, args[i+1])
			i++
		case strings.HasPrefix(a, "-") && a != "-":
			flags = append(flags, a)
		default:
			pos = append(pos, a)
		}
	}
	if err := fl.Parse(flags); err != nil {
		if errors.Is(err, flagHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	const use = "quotewright pdf quote|contract ID -o FILE"
	if len(pos) != 2 || (pos[0] != "quote" && pos[0] != "contract") {
		return usageError{"pdf needs what to print and its id or number: " + use}
	}
	if out == "" {
		return usageError{"pdf needs -o FILE (or -o - for standard output): " + use}
	}
	file := dbPath(path)
	if _, err := os.Stat(file); err != nil {
		return fmt.Errorf("no database at %s: start Quotewright once, or run quotewright demo --reset, or name one with --db", file)
	}
	ws, err := openWorkspace(ctx, file, slog.New(slog.NewTextHandler(stderr, nil)))
	if err != nil {
		return err
	}
	defer ws.db.Close()
	actor, err := cliActor(ctx, ws.sales)
	if err != nil {
		return err
	}
	kind, ref := pos[0], pos[1]
	var doc *sales.Issued
	if kind == "quote" {
		id, err := ws.sales.ResolveQuote(ctx, ref)
		if err != nil {
			return cliError(err)
		}
		doc, err = ws.sales.QuotePDF(ctx, actor, id)
		if err != nil {
			return cliError(err)
		}
	} else {
		id, err := ws.sales.ResolveContract(ctx, ref)
		if err != nil {
			return cliError(err)
		}
		doc, err = ws.sales.ContractPDF(ctx, actor, id)
		if err != nil {
			return cliError(err)
		}
	}
	if out == "-" {
		_, err = stdout.Write(doc.Data)
		return err
	}
	if err := app.WriteFileAtomic(out, doc.Data); err != nil {
		return fmt.Errorf("cannot write %s: %w", out, err)
	}
	fmt.Fprintf(stderr, "%s %s v%d → %s (%d bytes, SHA-256 %s)\n", kind, doc.Record.Number, doc.Record.Version, out,
		len(doc.Data), doc.Record.SHA256)
	return nil
}

// cliActor is who the command line acts as: the profile the app last ran as, else the first active rep.
func cliActor(ctx context.Context, uc *sales.Service) (sales.Actor, error) {
	users, err := uc.Users(ctx)
	if err != nil {
		return sales.Actor{}, err
	}
	id, _, err := uc.Setting(ctx, sales.SettingUser)
	if err != nil {
		return sales.Actor{}, err
	}
	for _, u := range users {
		if u.ID == id && u.Active {
			return sales.Actor{UserID: u.ID, Role: u.Role}, nil
		}
	}
	for _, u := range users {
		if u.Active && u.Role == cpq.RoleRep {
			return sales.Actor{UserID: u.ID, Role: u.Role}, nil
		}
	}
	return sales.Actor{}, errors.New("the database has no active user to act as")
}

// cliError writes an application error in English, as the command line speaks.
func cliError(err error) error {
	var e *cpq.Error
	if errors.As(err, &e) && e.Code != cpq.EInternal {
		return errors.New(e.Message(cpq.LangEN))
	}
	return err
}
