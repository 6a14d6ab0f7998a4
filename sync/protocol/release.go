package protocol

import "encoding/json"

// Releases over the sync link (docs/sync-protocol.md §Releases). The
// signed manifest travels as the release tool wrote it (sync/release
// Signed); the server stores and serves it but never vouches for it: the
// desktop verifies the signature with the key built into it.
const (
	// GET ?platform=P&version=V → ReleaseCheck. V is the running version,
	// recorded for `device list`.
	PathRelease = "/sync/v1/release"
	// GET ?sha256=H with Range: bytes=A-B → the bytes (206), resumable.
	PathReleaseFile = "/sync/v1/release/file"
	// POST ReleaseReportRequest → {} (rollbacks seen on the device).
	PathReleaseReport = "/sync/v1/release/report"
)

// ReleaseCheck answers a release check: the newest release of the device's
// platform, if the server holds one newer than the device's version.
type ReleaseCheck struct {
	Available bool            `json:"available"`
	Signed    json.RawMessage `json:"signed,omitempty"` // sync/release Signed
}

// ReleaseReport is one event of an installed version on a device.
type ReleaseReport struct {
	Version string `json:"version"`
	Event   string `json:"event"` // "rollback"
	Detail  string `json:"detail"`
	At      string `json:"at"`
}

// ReleaseReportRequest carries the reports a device has not sent yet.
type ReleaseReportRequest struct {
	Running string          `json:"running"`
	Reports []ReleaseReport `json:"reports"`
}

// BundleRelease is a release inside a pull bundle: the signed manifest
// (sync/release Signed, JSON) and the file. The bundle's own signature says
// the server sent it; the manifest's says BKPSDM released it.
type BundleRelease struct {
	Signed json.RawMessage `json:"signed"`
	Data   []byte          `json:"data"`
}

// PathDevices: GET → DevicesResponse, BKPSDM devices only (403 otherwise):
// every device with the version it last reported, for the BKPSDM desktop.
const PathDevices = "/sync/v1/devices"

// DeviceInfo is one device as the BKPSDM desktop lists it.
type DeviceInfo struct {
	ID       string `json:"id"`
	OPDKode  string `json:"opdKode"` // empty for BKPSDM
	BKPSDM   bool   `json:"bkpsdm"`
	Revoked  bool   `json:"revoked"`
	Version  string `json:"version"`  // "" until it reports one
	Platform string `json:"platform"` // e.g. windows-amd64
	Seen     string `json:"seen"`     // when it last reported its version
	// Rollback is the last update this device rolled back ("" if none).
	Rollback   string `json:"rollback,omitempty"`
	RollbackAt string `json:"rollbackAt,omitempty"`
}

// DevicesResponse answers PathDevices.
type DevicesResponse struct {
	Devices []DeviceInfo `json:"devices"`
}
