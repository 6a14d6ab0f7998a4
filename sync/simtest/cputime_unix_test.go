//go:build unix

package simtest

import (
	"syscall"
	"time"
)

// cpuTime is the process's user+system CPU time (client and server run in
// this process in the benchmarks), so rates can be read on a loaded machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
