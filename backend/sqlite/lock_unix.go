//go:build unix

package sqlite

import (
	"os"
	"syscall"
)

// lockFile takes an exclusive advisory lock on f without waiting. The lock goes with the process: if
// Quotewright crashes, the next start is not refused.
func lockFile(f *os.File) (bool, error) {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if err == syscall.EWOULDBLOCK {
		return false, nil
	}
	return err == nil, err
}
