package browser

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
)

// method is one bound service method, callable with JSON arguments.
type method struct {
	fn   reflect.Value
	args []reflect.Type
}

var errorType = reflect.TypeOf((*error)(nil)).Elem()

// bindings indexes the exported methods of the bound services by the name Wails gives them,
// "package.Struct.Method", so that the page calls the same names in both modes.
func bindings(services []any) (map[string]method, error) {
	out := map[string]method{}
	for _, svc := range services {
		v := reflect.ValueOf(svc)
		t := v.Type()
		if t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct {
			return nil, fmt.Errorf("bound value %T is not a pointer to a struct", svc)
		}
		pkg := t.Elem().PkgPath()
		pkg = pkg[strings.LastIndex(pkg, "/")+1:]
		prefix := pkg + "." + t.Elem().Name() + "."
		for i := 0; i < t.NumMethod(); i++ {
			m := t.Method(i)
			mt := m.Type
			if mt.NumOut() > 2 || (mt.NumOut() == 2 && mt.Out(1) != errorType) {
				return nil, fmt.Errorf("%s%s: results must be (T), (T, error) or (error)", prefix, m.Name)
			}
			var args []reflect.Type
			for j := 1; j < mt.NumIn(); j++ { // skip the receiver
				args = append(args, mt.In(j))
			}
			out[prefix+m.Name] = method{fn: v.Method(i), args: args}
		}
	}
	return out, nil
}

// names lists the bound method names, sorted, for the page's bridge.
func names(ms map[string]method) []string {
	out := make([]string, 0, len(ms))
	for n := range ms {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// errBadArguments is a call whose arguments do not fit the method; the page has a bug, not the user.
var errBadArguments = errors.New("bad arguments")

// call runs the method with JSON arguments and returns its result and error.
func (m method) call(raw []json.RawMessage) (any, error, error) {
	if len(raw) != len(m.args) {
		return nil, nil, fmt.Errorf("%w: %d given, %d expected", errBadArguments, len(raw), len(m.args))
	}
	in := make([]reflect.Value, len(raw))
	for i, t := range m.args {
		p := reflect.New(t)
		if err := json.Unmarshal(raw[i], p.Interface()); err != nil {
			return nil, nil, fmt.Errorf("%w: argument %d: %v", errBadArguments, i+1, err)
		}
		in[i] = p.Elem()
	}
	out := m.fn.Call(in)
	var result any
	var err error
	for _, v := range out {
		if v.Type() == errorType {
			if !v.IsNil() {
				err = v.Interface().(error)
			}
			continue
		}
		result = v.Interface()
	}
	return result, err, nil
}
