//go:build !windows

package backup

import (
	"errors"
	"syscall"
)

// isDiskFull reports a full target (ENOSPC) or an exceeded quota (EDQUOT).
func isDiskFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}
