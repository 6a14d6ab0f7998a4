package domain

import (
	"strconv"
	"strings"
)

// The attachment size limit, one source for the desktop's document service
// (backend/dokumen) and the sync server, which stores the same files
// (sync/server blobs): the region sets it in the synced setting
// KeyLampiranMaxBytes, between LampiranMinBytes and LampiranCeilingBytes.
const (
	KeyLampiranMaxBytes     = "dokumen.max_bytes"
	LampiranDefaultMaxBytes = int64(5 * 1024 * 1024)
	LampiranMinBytes        = int64(100 * 1024)
	LampiranCeilingBytes    = int64(50 * 1024 * 1024)
)

// LampiranMaxBytes reads the limit from the setting's stored value (found:
// the setting exists). A missing or damaged value gives the default, never
// "no limit"; a value above the ceiling gives the ceiling.
func LampiranMaxBytes(value string, found bool) int64 {
	if !found {
		return LampiranDefaultMaxBytes
	}
	n, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64)
	if err != nil || n <= 0 {
		return LampiranDefaultMaxBytes
	}
	return min(n, LampiranCeilingBytes)
}
