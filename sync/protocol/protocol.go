// Package protocol holds the wire types of Imbang's sync protocol, shared by
// the desktop client (sync/client) and the central server (sync/server). The
// full description for other implementers is docs/sync-protocol.md; this file
// is its source of truth for names and JSON shapes.
//
// Identifiers, each with one job: row id (UUIDv7 made offline), change id
// (UUID, idempotency), device id (UUID made at install), local sequence
// (per device, contiguous from 1), server sequence (log position, the pull
// cursor), HLC (orders concurrent writes; sync/hlc string form).
package protocol

import "encoding/json"

// Version is the protocol version. Version 2 added compact pull pages
// (chunks, chunk.go), asked for with a query parameter, so the paths stay
// /sync/v1/… and a version 1 client is served JSON as before. Version 3
// added partial rows (Entry.Partial): a client that announces it with the
// pull's ParamProtocol receives only the changed columns of a row it
// already holds; an older client gets whole rows as before.
const Version = 3

// ParamProtocol is the pull's query parameter in which a client announces
// the protocol version it speaks (absent: 2 or older).
const ParamProtocol = "proto"

// SchemaVersion is the version of the synced tables' schema this build
// speaks (not the local migration count: local-only tables do not change
// it). The server accepts [MinSchema, MaxSchema], upcasts older changes and
// downcasts what an older client pulls (docs/sync-protocol.md).
const SchemaVersion = 4

// Paths of the HTTP endpoints. Bodies are JSON, gzip-compressed both ways
// (Content-Encoding: gzip on requests, Accept-Encoding: gzip on responses).
// Every request carries "Authorization: Bearer <device token>".
const (
	PathPush     = "/sync/v1/push"     // POST PushRequest → PushResponse
	PathPull     = "/sync/v1/pull"     // GET ?cursor=C&max_bytes=N&schema=V[&proto=3] → PullResponse
	PathSnapshot = "/sync/v1/snapshot" // GET → PullResponse-shaped snapshot (see docs)
	PathBundle   = "/sync/v1/bundle"   // POST Bundle (offline file) → BundleResult
)

// Operations on a row.
const (
	OpInsert = "insert"
	OpUpdate = "update"
	OpDelete = "delete"
)

// Dispositions: every change gets exactly one.
const (
	StatusApplied    = "applied"    // its effect is in the log at AckSeq
	StatusSuperseded = "superseded" // a later write (by HLC, then device id) already holds the columns
	StatusRejected   = "rejected"   // not allowed (authorization, validation, schema); Reason says why
	StatusConflict   = "conflict"   // needs a person; a Conflict entry with ConflictID is in the pull stream
)

// Change is one outbox entry as pushed by a device. Cols holds the changed
// columns for an update and every column for an insert; nil for a delete.
type Change struct {
	LocalSeq      int64          `json:"local_seq"`
	ChangeID      string         `json:"change_id"`
	Table         string         `json:"tbl"`
	RowID         string         `json:"row_id"`
	Op            string         `json:"op"`
	Cols          map[string]any `json:"cols,omitempty"`
	HLC           string         `json:"hlc"`
	BaseSeq       int64          `json:"base_seq"` // server seq of the row image the edit was made on; 0 = none seen
	Actor         string         `json:"actor,omitempty"`
	SchemaVersion int            `json:"schema_version"`
}

// PushRequest sends outbox entries in local_seq order.
type PushRequest struct {
	DeviceID      string   `json:"device_id"`
	SchemaVersion int      `json:"schema_version"`
	AppVersion    string   `json:"app_version"`
	ClientTime    string   `json:"client_time"` // RFC 3339, for the clock-skew report only
	Changes       []Change `json:"changes"`
}

// Disposition is the server's answer for one change. AckSeq is the log
// position at or after which the effect (or the disposition entry) is visible
// to this device's pull; the client drops the outbox entry only once its pull
// cursor has reached AckSeq.
type Disposition struct {
	LocalSeq int64  `json:"local_seq"`
	ChangeID string `json:"change_id"`
	Status   string `json:"status"`
	Reason   string `json:"reason,omitempty"` // stable code, e.g. "forbidden-opd", "row-deleted", "guarded-concurrent"
	// Detail says in words why a change was rejected (Indonesian; the
	// column and the rule), for the person who made it.
	Detail     string `json:"detail,omitempty"`
	ConflictID string `json:"conflict_id,omitempty"`
	AckSeq     int64  `json:"ack_seq"`
}

// PushResponse answers a push. Dispositions cover a prefix of the request's
// changes in order (processing stops at a local_seq gap; the client resends
// from the first one without a disposition).
type PushResponse struct {
	Dispositions []Disposition `json:"dispositions"`
	ServerTime   string        `json:"server_time"`
	ServerHLC    string        `json:"server_hlc"`
	ServerEpoch  string        `json:"server_epoch"`
	// LastLocalSeq is the highest local_seq the server has processed for this
	// device, so a client can tell a gap from a duplicate.
	LastLocalSeq int64 `json:"last_local_seq"`
}

// Kinds of entries in the pull stream.
const (
	KindRow         = "row"         // a row image (or a tombstone when Deleted)
	KindDisposition = "disposition" // addressed to the device that pushed the change
	KindConflict    = "conflict"    // opened or resolved conflict visible to this device
	KindAlias       = "alias"       // RowID of Table is now Row["alias_of"] (duplicate-NIP merge); rewrite references
)

// TableConflict is the pseudo-table through which a person's resolution of
// a conflict is pushed (op update, RowID = Conflict.ID, Cols = {"status":
// "resolved", "resolution": …}); the chosen values travel as an ordinary
// change of the row itself.
const TableConflict = "sync_conflict"

// Entry is one element of the pull stream, in Seq order.
type Entry struct {
	Seq   int64  `json:"seq"`
	Kind  string `json:"kind"`
	Table string `json:"tbl,omitempty"`
	RowID string `json:"row_id,omitempty"`
	// Row is the whole row image after the change (every column the client's
	// schema version knows; unknown columns go to Extra), or only its
	// changed columns when Partial. Nil when Deleted.
	Row     map[string]any `json:"row,omitempty"`
	Extra   map[string]any `json:"extra,omitempty"`
	Deleted bool           `json:"deleted,omitempty"`
	HLC     string         `json:"hlc,omitempty"`
	// Partial (protocol v3, only to a client that announced it): Row (and
	// Extra) hold only the columns changed after the pull's cursor; the
	// other columns are those of the row's image at seq Base or later, which
	// the client must already hold (its base image's seq >= Base), else it
	// cannot build the row and asks for the page again without partial rows.
	Partial bool  `json:"partial,omitempty"`
	Base    int64 `json:"base,omitempty"`
	// Reason says why a Deleted row entry was sent when the row itself was
	// not deleted: "out-of-scope" (it left this device's scope, e.g. the
	// employee moved to another OPD) or "merged" (a duplicate-NIP merge made
	// it an alias). Empty for a real delete.
	Reason string `json:"reason,omitempty"`

	Disposition *Disposition `json:"disposition,omitempty"`
	Conflict    *Conflict    `json:"conflict,omitempty"`
}

// Conflict is a disagreement a person must resolve. Both values are kept;
// resolving it is an ordinary change (an update of the row plus an update of
// the conflict's status through table "sync_conflict").
type Conflict struct {
	ID        string         `json:"id"`
	Table     string         `json:"tbl"`
	RowID     string         `json:"row_id"`
	Kind      string         `json:"kind"` // "guarded-concurrent", "row-deleted", "duplicate-nip", "incompatible-decision"
	Columns   []string       `json:"columns,omitempty"`
	Server    map[string]any `json:"server,omitempty"` // the value that won / is stored
	Incoming  map[string]any `json:"incoming,omitempty"`
	DeviceA   string         `json:"device_a,omitempty"`
	DeviceB   string         `json:"device_b,omitempty"`
	OtherRow  string         `json:"other_row,omitempty"` // duplicate-nip: the other record's id
	Status    string         `json:"status"`              // "open" or "resolved"
	CreatedAt string         `json:"created_at"`
	// Winner says whose values the row holds now: "server" (Server) or
	// "incoming" (Incoming). Empty when nothing was applied (row-deleted,
	// duplicate-nip, incompatible-decision keep both).
	Winner string `json:"winner,omitempty"`
	// Resolution and ResolvedBy are set once a person resolved it.
	Resolution string `json:"resolution,omitempty"`
	ResolvedBy string `json:"resolved_by,omitempty"`
	// ServerSide and IncomingSide say who did what on each side ("Dihapus
	// oleh … pada …", "Diubah oleh …"), so a stored value of a deleted row
	// is never read as a surviving one. Absent on conflicts stored before.
	ServerSide   *ConflictSide `json:"server_side,omitempty"`
	IncomingSide *ConflictSide `json:"incoming_side,omitempty"`
	// Survivor is, for a merged duplicate-nip, the record that was kept.
	Survivor string `json:"survivor,omitempty"`
}

// ConflictSide is one side of a conflict: the write that made it.
type ConflictSide struct {
	Op     string `json:"op"`               // OpInsert, OpUpdate or OpDelete
	Device string `json:"device,omitempty"` // the writer's install id
	OPD    string `json:"opd,omitempty"`    // the writer's OPD kode, SideBKPSDM for a BKPSDM device, "" if unknown
	Actor  string `json:"actor,omitempty"`  // the account that made it, when the change named one
	At     string `json:"at,omitempty"`     // the write's HLC (wall time first)
}

// SideBKPSDM is ConflictSide.OPD of a write made on a BKPSDM device.
const SideBKPSDM = "BKPSDM"

// Conflict kinds.
const (
	ConflictGuarded      = "guarded-concurrent"
	ConflictRowDeleted   = "row-deleted"
	ConflictDuplicateNIP = "duplicate-nip"
	ConflictIncompatible = "incompatible-decision"
)

// Resolutions a person may push for a conflict (Cols["resolution"]).
// "merge" is for duplicate-nip only: Cols["survivor"] names the record
// kept (RowID or OtherRow; default the smaller id) and Cols["values"] (an
// object) the values chosen field by field, written to the survivor as
// ordinary stamped column writes; the other record becomes an alias.
const (
	ResolutionAccept = "accept" // keep what the row holds now
	ResolutionMerge  = "merge"
	ResolutionKeep   = "keep-both" // duplicate-nip: they are different people (one NIP must then be corrected)
)

// Columns of a resolution change besides "status" and "resolution".
const (
	ResolutionSurvivor = "survivor" // merge: the record that stays
	ResolutionValues   = "values"   // merge: {column: value} chosen for the survivor
)

// Disposition reasons (Disposition.Reason), stable codes.
const (
	ReasonForbiddenOPD   = "forbidden-opd"   // the row (or its parent) is outside the device's OPD
	ReasonForbiddenTable = "forbidden-table" // this kind of device may not write this table
	ReasonForbiddenRole  = "forbidden-role"  // the actor's account may not make this write (sync/server/roles.go)
	ReasonUnknownTable   = "unknown-table"   // not a synced table
	ReasonInvalid        = "invalid"         // malformed change (missing id, bad op, bad column value)
	ReasonParentMissing  = "parent-missing"  // an insert names a parent row that is deleted
	ReasonSchema         = "schema"          // the change's schema_version is outside the server's range
	ReasonLWW            = "lww"             // superseded: a later write holds every column
	ReasonExists         = "exists"          // superseded: insert of a row that exists with newer values
	ReasonDuplicate      = "duplicate"       // superseded: the same event/row id was already stored
	ReasonRowMissing     = "row-missing"     // superseded: delete of a row that is already deleted
	ReasonRowPending     = "row-pending"     // applied: update/delete of a row whose insert has not arrived (after a restore); kept, merged when it does
	ReasonInsertOnly     = "insert-only"     // rejected: update/delete of an insert-only table (mutasi_event)
	ReasonOutOfScope     = "out-of-scope"    // Entry.Reason: the row left the device's scope
	ReasonMerged         = "merged"          // Entry.Reason: the row became an alias
	ReasonConflictLimit  = "conflict-limit"  // rejected: the device already has the maximum of open conflicts it opened; nothing stored
)

// Validation reasons (rejected): the change names something the synced
// schema does not have, or a value the domain's rules refuse
// (sync/rules; Disposition.Detail names the column and the rule).
const (
	ReasonUnknownColumn    = "unknown-column"    // a column the table does not declare
	ReasonInvalidValue     = "invalid-value"     // a value breaks its column's rule or a row rule
	ReasonInvalidReference = "invalid-reference" // a reference names no live row of its table (or a unit of another OPD)
)

// PullResponse is one page of the log after Cursor, filtered for the device.
type PullResponse struct {
	Entries     []Entry `json:"entries"`
	NextCursor  string  `json:"next_cursor"` // opaque to clients
	HasMore     bool    `json:"has_more"`
	ServerTime  string  `json:"server_time"`
	ServerHLC   string  `json:"server_hlc"`
	ServerEpoch string  `json:"server_epoch"`
	MinSchema   int     `json:"min_schema"`
	MaxSchema   int     `json:"max_schema"`
}

// ErrorResponse is the body of every non-2xx answer. Code is stable; Message
// is Indonesian, MessageEn English.
type ErrorResponse struct {
	Code      string `json:"code"`
	Message   string `json:"message"`
	MessageEn string `json:"message_en"`
}

// Error codes with their HTTP status.
const (
	ErrUnauthorized     = "unauthorized"      // 401: unknown, revoked or expired credential
	ErrForbidden        = "forbidden"         // 403
	ErrBadRequest       = "bad-request"       // 400: malformed body
	ErrSchemaTooOld     = "schema-too-old"    // 426: client below min_schema; keep working offline
	ErrSchemaTooNew     = "schema-too-new"    // 409: client newer than the server
	ErrSnapshotRequired = "snapshot-required" // 410: cursor below the retention horizon or from another epoch
	ErrTooLarge         = "too-large"         // 413
	ErrUnknownOPD       = "unknown-opd"       // 404: an enrollment code asked for an OPD the server does not hold
	ErrRateLimited      = "rate-limited"      // 429 (Retry-After set)
	ErrInternal         = "internal"          // 500
)

// Bundle is the offline file (a USB stick on the next boat): a device's
// pending changes for the server ("push"), or the pull entries the server
// made for one device ("pull"). Only the header is in clear and holds no
// personal data; Sealed is the BundleContent, signed by the sender and
// encrypted to the receiver (sync/seal) with the header as associated data,
// so a relabelled header, a tampered byte or a file for another receiver is
// refused. Both kinds then go through the same idempotent paths as online
// sync (docs/sync-protocol.md, "Bundles").
type Bundle struct {
	Format  string `json:"format"`  // BundleFormat
	Version int    `json:"version"` // BundleVersion
	Kind    string `json:"kind"`    // BundlePush or BundlePull
	// Device is the server device id: the sender of a push bundle, the
	// receiver of a pull bundle.
	Device string `json:"device"`
	// Server is the server's public signing key (hex): the receiver of a
	// push bundle, the signer of a pull bundle.
	Server  string `json:"server"`
	Created string `json:"created"`
	Sealed  []byte `json:"sealed,omitempty"` // base64 in JSON
}

// Header is the bundle without its sealed part, as the bytes the seal
// binds (the clear part a receiver checks before opening it).
func (b Bundle) Header() []byte {
	b.Sealed = nil
	h, _ := json.Marshal(b)
	return h
}

// BundleContent is what a bundle proves: signed by its sender, so each
// field is the sender's word. A pull bundle binds the device, the cursor it
// starts from and (in Pull) the next cursor it ends at.
type BundleContent struct {
	Kind      string        `json:"kind"`
	Device    string        `json:"device"`     // server device id
	InstallID string        `json:"install_id"` // the device's installation UUID
	Server    string        `json:"server"`     // the server's public signing key
	Created   string        `json:"created"`
	Push      *PushRequest  `json:"push,omitempty"`
	Cursor    string        `json:"cursor,omitempty"` // pull: where it starts ("" = from the beginning)
	Pull      *PullResponse `json:"pull,omitempty"`
	// Files (version 3) are the attachment files of the dokumen_lampiran
	// rows the bundle carries, as far as the sender holds them.
	Files []BundleFile `json:"files,omitempty"`
	// Release (pull bundles) carries a desktop release to a device off the
	// link (release.go).
	Release *BundleRelease `json:"release,omitempty"`
}

// BundleFormat names the bundle file format; BundleVersion is the version
// written: 3 carries attachment files (BundleContent.Files), 2 (the same
// without files) still imports; version 1 files, plain JSON with an
// optional checksum, are refused.
const (
	BundleFormat     = "imbang-sync-bundle"
	BundleVersion    = 3
	BundleMinVersion = 2
	BundlePush       = "push"
	BundlePull       = "pull"
)

// BundleReceipt is the server's answer to a push bundle import.
type BundleReceipt struct {
	Device  string `json:"device"`  // the server device that signed it
	Changes int    `json:"changes"` // changes in the bundle
	// AlreadyImported: this bundle's content was imported before (at
	// ImportedAt); nothing was done again.
	AlreadyImported bool           `json:"already_imported,omitempty"`
	ImportedAt      string         `json:"imported_at"`
	Processed       int            `json:"processed"`
	Counts          map[string]int `json:"counts"` // dispositions by status
	LastLocalSeq    int64          `json:"last_local_seq"`
	// Files: attachment files the bundle carried that the server now has;
	// FilesRefused: carried files it did not keep (bytes that do not hash
	// to the name, no attachment row the device may see names it, too large).
	Files        int `json:"files,omitempty"`
	FilesRefused int `json:"files_refused,omitempty"`
	// Push is the push answer of a first import (nil for a replay).
	Push *PushResponse `json:"push,omitempty"`
}

// Bundle refusals (ErrorResponse.Code, and "sync."+code on the desktop).
const (
	ErrBundleFormat  = "bundle-format"   // 400: not a bundle, or an old unsigned one
	ErrBundleKind    = "bundle-kind"     // 400: a push bundle where a pull bundle is expected, or the reverse
	ErrBundleServer  = "bundle-server"   // 403: made for (or by) another server
	ErrBundleDevice  = "bundle-device"   // 403: unknown or revoked device, or another device than expected
	ErrBundleNoKeys  = "bundle-no-keys"  // 409: the device has no bundle keys yet (enrolled before they existed)
	ErrBundleInvalid = "bundle-invalid"  // 403: signature or decryption fails (forged, tampered, relabelled)
	ErrBundleCursor  = "bundle-cursor"   // 409: a pull bundle that starts after the device's cursor or whose cursors do not fit its entries
	ErrBundleKeysSet = "bundle-keys-set" // 409: the device already registered other keys
)

// Enrollment and credentials (docs/enrollment-tls.md). A device exchanges a
// one-time enrollment code ONCE for its credential (a bearer token whose
// hash alone the server keeps); it may rotate it; BKPSDM devices may create
// codes for other devices.
const (
	PathEnroll     = "/sync/v1/enroll"      // POST EnrollRequest (no Authorization) → EnrollResponse
	PathRotate     = "/sync/v1/rotate"      // POST (authenticated, empty body) → EnrollResponse with the new token
	PathEnrollCode = "/sync/v1/enroll-code" // POST EnrollCodeRequest (authenticated, BKPSDM devices only) → EnrollCodeResponse
	PathKeys       = "/sync/v1/keys"        // POST KeysRequest (authenticated) → KeysResponse: a device enrolled without bundle keys registers them once
)

// EnrollRequest exchanges an enrollment code for a credential bound to the
// client's install UUID.
type EnrollRequest struct {
	Code       string `json:"code"`
	InstallID  string `json:"install_id"`
	AppVersion string `json:"app_version,omitempty"`
	// SignKey and BoxKey are the device's public bundle keys (hex Ed25519
	// and X25519, sync/seal); its private keys never leave it.
	SignKey string `json:"sign_key,omitempty"`
	BoxKey  string `json:"box_key,omitempty"`
}

// EnrollResponse carries the device's credential (shown once).
type EnrollResponse struct {
	DeviceID  string `json:"device_id"`
	Token     string `json:"token"`
	OPDKode   string `json:"opd_kode,omitempty"`
	BKPSDM    bool   `json:"bkpsdm,omitempty"`
	ExpiresAt string `json:"expires_at,omitempty"` // RFC 3339; empty: never (rotate before it)
	// ServerSignKey and ServerBoxKey are the server's public bundle keys
	// (hex); the client pins them like the CA fingerprint.
	ServerSignKey string `json:"server_sign_key,omitempty"`
	ServerBoxKey  string `json:"server_box_key,omitempty"`
}

// KeysRequest registers a device's public bundle keys (once).
type KeysRequest struct {
	SignKey   string `json:"sign_key"`
	BoxKey    string `json:"box_key"`
	InstallID string `json:"install_id,omitempty"` // binds the device to this installation if nothing did yet
}

// KeysResponse answers it with the server's public bundle keys.
type KeysResponse struct {
	DeviceID      string `json:"device_id"`
	ServerSignKey string `json:"server_sign_key"`
	ServerBoxKey  string `json:"server_box_key"`
}

// EnrollCodeRequest asks for a new enrollment code (exactly one of OPDKode
// or BKPSDM).
type EnrollCodeRequest struct {
	OPDKode  string `json:"opd_kode,omitempty"`
	BKPSDM   bool   `json:"bkpsdm,omitempty"`
	TTLHours int    `json:"ttl_hours,omitempty"` // default 72
}

// EnrollCodeResponse is a new enrollment code. Enrollment is the string a
// person types or pastes on the new device: "imbang1:<url>#<code>#<ca-fp>"
// (url and fingerprint may be empty when the server does not know them).
type EnrollCodeResponse struct {
	Code          string `json:"code"`
	ExpiresAt     string `json:"expires_at"`
	ServerURL     string `json:"server_url,omitempty"`
	CAFingerprint string `json:"ca_fingerprint,omitempty"`
	Enrollment    string `json:"enrollment"`
	OPDKode       string `json:"opd_kode,omitempty"` // the OPD's kode (the request may name it by singkatan)
}

// EnrollmentPrefix starts an enrollment string.
const EnrollmentPrefix = "imbang1:"

// FormatEnrollment makes the enrollment string "imbang1:<url>#<code>#<fp>".
func FormatEnrollment(serverURL, code, caFingerprint string) string {
	return EnrollmentPrefix + serverURL + "#" + code + "#" + caFingerprint
}

// ParseEnrollment splits an enrollment string; ok is false when s is not
// one (then s may be a bare code).
func ParseEnrollment(s string) (serverURL, code, caFingerprint string, ok bool) {
	rest, found := cutPrefixFold(s, EnrollmentPrefix)
	if !found {
		return "", "", "", false
	}
	i := lastIndexByte(rest, '#')
	if i < 0 {
		return "", "", "", false
	}
	caFingerprint, rest = rest[i+1:], rest[:i]
	j := lastIndexByte(rest, '#')
	if j < 0 {
		return "", "", "", false
	}
	return rest[:j], rest[j+1:], caFingerprint, true
}

func cutPrefixFold(s, p string) (string, bool) {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n') {
		s = s[1:]
	}
	if len(s) < len(p) {
		return s, false
	}
	for i := 0; i < len(p); i++ {
		a, b := s[i], p[i]
		if 'A' <= a && a <= 'Z' {
			a += 'a' - 'A'
		}
		if a != b {
			return s, false
		}
	}
	r := s[len(p):]
	for len(r) > 0 && (r[len(r)-1] == ' ' || r[len(r)-1] == '\n' || r[len(r)-1] == '\r' || r[len(r)-1] == '\t') {
		r = r[:len(r)-1]
	}
	return r, true
}

func lastIndexByte(s string, c byte) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// Attachment files (docs/sync-protocol.md, "Files"): content-addressed by
// their SHA-256 (lower-case hex), uploaded in chunks that resume where the
// server's count stops, downloaded with Range. A device sees a file only
// when a dokumen_lampiran row in its scope names it.
const (
	// PathBlobs + "{sha256}": HEAD → the upload state in headers; PUT
	// ?offset=N&size=S with a chunk → BlobStatus; GET (Range: bytes=N-) →
	// the bytes of a complete file.
	PathBlobs = "/sync/v1/blobs/"
	// HeaderBlobReceived, HeaderBlobSize and HeaderBlobComplete carry the
	// upload state on HEAD and on a 409 blob-offset answer.
	HeaderBlobReceived = "Imbang-Blob-Received"
	HeaderBlobSize     = "Imbang-Blob-Size"
	HeaderBlobComplete = "Imbang-Blob-Complete"
	// MaxBlobChunk is the largest chunk one PUT may carry; BlobChunk is the
	// chunk the desktop sends and the size a bundle's files are cut into.
	MaxBlobChunk = 1 << 20
	BlobChunk    = 256 << 10
)

// BlobStatus is the server's state of one file: Received bytes of Size so
// far; Complete once every byte arrived and the SHA-256 matched.
type BlobStatus struct {
	SHA256   string `json:"sha256"`
	Size     int64  `json:"size"`
	Received int64  `json:"received"`
	Complete bool   `json:"complete"`
}

// File refusals (ErrorResponse.Code).
const (
	ErrBlobNotFound = "blob-not-found" // 404: no such file in the device's scope (or not complete yet, for GET)
	ErrBlobOffset   = "blob-offset"    // 409: the chunk does not start at the bytes received so far (HeaderBlobReceived says where)
	ErrBlobHash     = "blob-hash"      // 422: the complete bytes do not hash to the name; nothing of the file is kept
	ErrBlobSize     = "blob-size"      // 400: size differs from the attachment row's, or a chunk past it
)

// BundleFile is one attachment file carried by a bundle (version 3): the
// files of the dokumen_lampiran rows the bundle carries, each checked
// against its name on import.
type BundleFile struct {
	SHA256 string `json:"sha256"`
	Data   []byte `json:"data"` // base64 in JSON
}
