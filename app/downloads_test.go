package app

import (
	"testing"
	"time"
)

// A download that is never fetched (the user closed the tab, the browser blocked it) is let go when it
// expires, without waiting for another export: a ZIP of every signed contract of an account is large.
func TestAnUnfetchedDownloadIsDroppedWhenItExpires(t *testing.T) {
	d := downloads{ttl: 20 * time.Millisecond}
	d.put("C-000001-signed-contracts.zip", make([]byte, 16<<20))
	time.Sleep(200 * time.Millisecond)
	d.mu.Lock()
	defer d.mu.Unlock()
	held := 0
	for _, f := range d.files {
		held += len(f.data)
	}
	if held > 0 {
		t.Errorf("%d MB of expired downloads are still held", held>>20)
	}
}
