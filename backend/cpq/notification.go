package cpq

import "time"

// Notification is one entry of a user's in-app inbox: something that happened that they should act on. Kind
// names its message ("inbox.leadAssigned", …), Args fill it, Entity and EntityID say what to open.
type Notification struct {
	ID        string
	UserID    string
	Kind      string
	Entity    string
	EntityID  string
	Args      map[string]string
	CreatedAt time.Time
	ReadAt    time.Time // zero while unread
}
