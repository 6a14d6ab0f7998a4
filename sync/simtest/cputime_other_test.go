//go:build !unix

package simtest

import "time"

func cpuTime() time.Duration { return 0 }
