package backup

import (
	"errors"
	"syscall"
)

// isDiskFull: ERROR_HANDLE_DISK_FULL (39) and ERROR_DISK_FULL (112).
func isDiskFull(err error) bool {
	var e syscall.Errno
	return errors.As(err, &e) && (e == 39 || e == 112)
}
