package cpq

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Every message the backend can show exists in both languages with the same placeholders.
func TestMessagesHaveBothLanguages(t *testing.T) {
	ph := regexp.MustCompile(`\{\w+\}`)
	for key, m := range messages {
		if strings.TrimSpace(m.EN) == "" || strings.TrimSpace(m.JA) == "" {
			t.Errorf("%s: missing a language: %+v", key, m)
			continue
		}
		en, ja := ph.FindAllString(m.EN, -1), ph.FindAllString(m.JA, -1)
		if strings.Join(sorted(en), ",") != strings.Join(sorted(ja), ",") {
			t.Errorf("%s: placeholders differ: en %v, ja %v", key, en, ja)
		}
	}
}

func sorted(s []string) []string {
	out := append([]string{}, s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// Every message key written in the backend's source is in the catalog, so no user ever sees a bare key.
func TestMessageKeysUsedExist(t *testing.T) {
	key := regexp.MustCompile(`^[a-z]+(\.[a-zA-Z_]+)+$|^(invalid|internal|not_found)$`)
	calls := map[string]int{"Errorf": 1, "Add": 1, "Require": 2, "explain": 0, "msg": 0}
	var files []string
	filepath.Walk("..", func(path string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
			files = append(files, path)
		}
		return nil
	})
	found := 0
	for _, f := range files {
		file, err := parser.ParseFile(token.NewFileSet(), f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var name string
			switch fn := call.Fun.(type) {
			case *ast.SelectorExpr:
				name = fn.Sel.Name
			case *ast.Ident:
				name = fn.Name
			}
			idx, ok := calls[name]
			if !ok || len(call.Args) <= idx {
				return true
			}
			lit, ok := call.Args[idx].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, _ := strconv.Unquote(lit.Value)
			if !key.MatchString(s) {
				return true
			}
			found++
			if !HasMessage(s) {
				t.Errorf("%s: message key %q is not in the catalog", f, s)
			}
			return true
		})
		// Keys passed as "@key" arguments.
		b, _ := os.ReadFile(f)
		for _, m := range regexp.MustCompile(`"@([a-z]+\.[a-zA-Z_.]*[a-zA-Z_])"`).FindAllStringSubmatch(string(b), -1) {
			if !HasMessage(m[1]) {
				t.Errorf("%s: referenced message %q is not in the catalog", f, m[1])
			}
		}
	}
	if found < 50 {
		t.Errorf("found only %d message keys in the source; the scan is broken", found)
	}
}

func TestMessageRendersReferences(t *testing.T) {
	err := QuoteTransitions.Check(QuoteDraft, QuoteAccepted)
	e := err.(*Error)
	if got, want := e.Message(LangEN), "A quote cannot go from “Draft” to “Accepted”."; got != want {
		t.Errorf("en = %q, want %q", got, want)
	}
	if got, want := e.Message(LangJA), "見積を「下書き」から「受諾」へ変更することはできません。"; got != want {
		t.Errorf("ja = %q, want %q", got, want)
	}
}

// Every state named in a state machine has a name in both languages.
func TestStatesHaveNames(t *testing.T) {
	check := func(entity string, states []string) {
		for _, s := range states {
			if !HasMessage(entity + ".status." + s) {
				t.Errorf("no name for %s state %s", entity, s)
			}
		}
	}
	keys := func(m any) []string {
		var out []string
		switch m := m.(type) {
		case map[LeadStatus][]LeadStatus:
			for k := range m {
				out = append(out, string(k))
			}
		case map[CreditStatus][]CreditStatus:
			for k := range m {
				out = append(out, string(k))
			}
		case map[Stage][]Stage:
			for k := range m {
				out = append(out, string(k))
			}
		case map[QuoteStatus][]QuoteStatus:
			for k := range m {
				out = append(out, string(k))
			}
		case map[ApprovalStatus][]ApprovalStatus:
			for k := range m {
				out = append(out, string(k))
			}
		case map[ContractStatus][]ContractStatus:
			for k := range m {
				out = append(out, string(k))
			}
		case map[OrderStatus][]OrderStatus:
			for k := range m {
				out = append(out, string(k))
			}
		case map[AssetStatus][]AssetStatus:
			for k := range m {
				out = append(out, string(k))
			}
		case map[ProductStatus][]ProductStatus:
			for k := range m {
				out = append(out, string(k))
			}
		}
		return out
	}
	check("lead", keys(LeadTransitions.Next))
	check("credit", keys(CreditTransitions.Next))
	check("opportunity", keys(StageTransitions.Next))
	check("quote", keys(QuoteTransitions.Next))
	check("approval", keys(ApprovalTransitions.Next))
	check("contract", keys(ContractTransitions.Next))
	check("order", keys(OrderTransitions.Next))
	check("asset", keys(AssetTransitions.Next))
	check("product", keys(ProductTransitions.Next))
}

func TestATextArgumentRendersInTheMessagesLanguage(t *testing.T) {
	args := map[string]string{"item": "2", "attribute": TextArg(Text{EN: "Optical line ID", JA: "光回線ID"}), "product": "FIBRE-HOME"}
	if got := Message(LangJA, "order.technical.missing", args); !strings.Contains(got, "光回線ID") || strings.Contains(got, "Optical") {
		t.Errorf("ja: %s", got)
	}
	if got := Message(LangEN, "order.technical.missing", args); !strings.Contains(got, "“Optical line ID”") {
		t.Errorf("en: %s", got)
	}
}
