package cpq

// Transitions is the state machine of one kind of object: for each state, the states it may move to.
type Transitions[S ~string] struct {
	Entity string // the message-key prefix, e.g. "quote"
	Next   map[S][]S
}

// Allowed reports whether an object may move from one state to another.
func (t Transitions[S]) Allowed(from, to S) bool {
	for _, s := range t.Next[from] {
		if s == to {
			return true
		}
	}
	return false
}

// Known reports whether s is a state of this machine.
func (t Transitions[S]) Known(s S) bool {
	_, ok := t.Next[s]
	return ok
}

// Check returns nil when the move is allowed and a conflict error that names both states otherwise.
func (t Transitions[S]) Check(from, to S) error {
	if !t.Known(to) {
		return Errorf(EInvalid, "state.unknown", "entity", "@entity."+t.Entity, "state", string(to))
	}
	if !t.Allowed(from, to) {
		return Errorf(EConflict, "state.forbidden", "entity", "@entity."+t.Entity,
			"from", "@"+t.Entity+".status."+string(from), "to", "@"+t.Entity+".status."+string(to))
	}
	return nil
}

// Terminal reports whether no move leads out of s.
func (t Transitions[S]) Terminal(s S) bool { return len(t.Next[s]) == 0 }
