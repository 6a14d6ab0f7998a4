package sqlitestore

import (
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/server/itemtail"
)

// SetTailForTest turns the tail on or off for scans (tests only) and
// returns the function that restores it.
func SetTailForTest(on bool) func() {
	return itemtail.DisableForTest(!on)
}

// SetWALRestartForTest sets the WAL length (frames) past which the writer
// restarts it, and returns the function that puts it back.
func SetWALRestartForTest(frames int64) func() {
	old := walRestartFrames
	walRestartFrames = frames
	return func() { walRestartFrames = old }
}

// SetCheckpointEveryForTest sets how often the checkpointer runs, and
// returns the function that puts it back.
func SetCheckpointEveryForTest(d time.Duration) func() {
	old := ckptEvery
	ckptEvery = d
	return func() { ckptEvery = old }
}

// JSONList is jsonList (tests only).
func JSONList(l []string) string { return jsonList(l) }
