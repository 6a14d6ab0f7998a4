// Package release is what makes an Imbang release trustworthy on a desktop
// that updates itself over a slow sync link or from a USB stick: the
// manifest (product, version, platform, size, SHA-256, the sync schema it
// needs), its Ed25519 signature by the release key, version order, and the
// local side of an update (staging a verified file, the versions kept beside
// the installed program, the launcher that starts the newest good version
// and rolls back one that never shows its UI). It speaks no HTTP: the sync
// client fetches, the sync server stores; both hand bytes to this package.
package release

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// Product is the only product the updater installs: the desktop program.
const Product = "imbang-desktop"

// domainSig separates release signatures from every other use of the key.
const domainSig = "imbang-release-v1\n"

// BuiltinKey is the release public key (hex Ed25519) the desktop trusts.
// Release builds set it with -ldflags "-X …/sync/release.BuiltinKey=HEX"
// (make release derives it from the private key); a build without it
// refuses every update.
var BuiltinKey = ""

// Manifest describes one release file.
type Manifest struct {
	Product  string `json:"product"`
	Version  string `json:"version"`
	Platform string `json:"platform"` // GOOS-GOARCH, e.g. linux-amd64
	File     string `json:"file"`     // file name of the program
	Size     int64  `json:"size"`
	SHA256   string `json:"sha256"`
	// MinSchema is the sync schema version (sync/protocol.SchemaVersion)
	// the release speaks: a server that does not accept it must not offer it.
	MinSchema int    `json:"min_schema"`
	Created   string `json:"created"`
	Notes     string `json:"notes,omitempty"`
}

// Signed is a manifest with its signature. The manifest travels as the
// exact JSON text that was signed (a string, so no re-encoding on the way
// changes a byte the signature covers).
type Signed struct {
	Manifest  string `json:"manifest"`
	KeyID     string `json:"key_id"`    // KeyID of the public key
	Signature string `json:"signature"` // hex Ed25519 over domainSig + Manifest
}

// Platform is this build's platform in manifest form.
func Platform() string { return runtime.GOOS + "-" + runtime.GOARCH }

// KeyID names a public key in messages (the first 8 bytes of its SHA-256).
func KeyID(pub ed25519.PublicKey) string {
	h := sha256.Sum256(pub)
	return hex.EncodeToString(h[:8])
}

// GenerateKey makes a release key pair; the private key is written as the
// hex seed (kept offline by BKPSDM, never in the repository).
func GenerateKey() (pubHex, privHex string, err error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return "", "", err
	}
	return hex.EncodeToString(pub), hex.EncodeToString(priv.Seed()), nil
}

// ParsePrivate reads a hex seed (as GenerateKey writes it; surrounding
// white space is ignored).
func ParsePrivate(s string) (ed25519.PrivateKey, error) {
	b, err := hex.DecodeString(strings.TrimSpace(s))
	if err != nil || len(b) != ed25519.SeedSize {
		return nil, errors.New("release: the private key is not a hex Ed25519 seed (64 hex digits)")
	}
	return ed25519.NewKeyFromSeed(b), nil
}

// ParsePublic reads a hex public key.
func ParsePublic(s string) (ed25519.PublicKey, error) {
	b, err := hex.DecodeString(strings.TrimSpace(s))
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, errors.New("release: the public key is not a hex Ed25519 key (64 hex digits)")
	}
	return ed25519.PublicKey(b), nil
}

// Builtin returns the key this build trusts.
func Builtin() (ed25519.PublicKey, error) {
	if BuiltinKey == "" {
		return nil, ErrNoKey
	}
	return ParsePublic(BuiltinKey)
}

// Errors a desktop shows when it refuses an update (stable codes, Indonesian first).
var (
	ErrNoKey = domain.E(domain.KindUnavailable, "update.no_key",
		"Versi aplikasi ini tidak membawa kunci rilis, jadi pembaruan otomatis tidak dipakai. Pasang versi resmi dari BKPSDM.",
		"This build carries no release key, so automatic updates are off. Install an official BKPSDM build.")
	ErrWrongKey = domain.E(domain.KindInvalid, "update.bad_signature",
		"Pembaruan ditolak: tanda tangan rilis tidak sah atau dibuat dengan kunci lain, bukan kunci rilis BKPSDM yang dipercaya aplikasi ini.",
		"Update refused: the release signature is invalid or made with another key than the BKPSDM release key this app trusts.")
	ErrTampered = domain.E(domain.KindInvalid, "update.tampered",
		"Pembaruan ditolak: berkas tidak sama dengan yang ditandatangani (ukuran atau SHA-256 berbeda). Berkas mungkin rusak atau telah diubah.",
		"Update refused: the file differs from the signed one (size or SHA-256). It may be damaged or altered.")
	ErrManifest = domain.E(domain.KindInvalid, "update.bad_manifest",
		"Pembaruan ditolak: manifest rilis tidak dapat dibaca.",
		"Update refused: the release manifest cannot be read.")
)

// ErrDowngrade refuses a version that is not newer than the running one.
func ErrDowngrade(offered, running string) error {
	return domain.E(domain.KindInvalid, "update.downgrade",
		fmt.Sprintf("Pembaruan ditolak: versi %s tidak lebih baru dari versi terpasang %s (menurunkan versi tidak diizinkan).", offered, running),
		fmt.Sprintf("Update refused: version %s is not newer than the installed %s (downgrades are not allowed).", offered, running))
}

// ErrPlatform refuses a file built for another platform.
func ErrPlatform(got, want string) error {
	return domain.E(domain.KindInvalid, "update.platform",
		fmt.Sprintf("Pembaruan ditolak: berkas untuk %s, komputer ini %s.", got, want),
		fmt.Sprintf("Update refused: the file is for %s, this computer is %s.", got, want))
}

var fileName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$`)

// Check validates a manifest's fields (not its signature).
func (m Manifest) Check() error {
	bad := func(what string) error {
		return domain.Wrap(errors.New(what), domain.KindInvalid, "update.bad_manifest",
			"Manifest rilis tidak sah: "+what, "Invalid release manifest: "+what)
	}
	switch {
	case m.Product != Product:
		return bad("product " + strconv.Quote(m.Product))
	case !ValidVersion(m.Version):
		return bad("version " + strconv.Quote(m.Version))
	case !regexp.MustCompile(`^[a-z0-9]+-[a-z0-9]+$`).MatchString(m.Platform):
		return bad("platform " + strconv.Quote(m.Platform))
	case !fileName.MatchString(m.File):
		return bad("file " + strconv.Quote(m.File))
	case m.Size <= 0:
		return bad("size")
	case len(m.SHA256) != 64 || strings.ToLower(m.SHA256) != m.SHA256:
		return bad("sha256")
	case m.MinSchema < 1:
		return bad("min_schema")
	}
	if _, err := hex.DecodeString(m.SHA256); err != nil {
		return bad("sha256")
	}
	return nil
}

// Describe hashes the file at path and fills a manifest for it.
func Describe(path, version, platform string, minSchema int, now time.Time) (Manifest, error) {
	f, err := os.Open(path)
	if err != nil {
		return Manifest{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return Manifest{}, err
	}
	base := path[strings.LastIndexAny(path, `/\`)+1:]
	m := Manifest{Product: Product, Version: strings.TrimPrefix(version, "v"), Platform: platform, File: base, Size: n,
		SHA256: hex.EncodeToString(h.Sum(nil)), MinSchema: minSchema, Created: now.UTC().Format(time.RFC3339)}
	return m, m.Check()
}

// Sign signs m with priv.
func Sign(m Manifest, priv ed25519.PrivateKey) (Signed, error) {
	if err := m.Check(); err != nil {
		return Signed{}, err
	}
	b, err := json.Marshal(m)
	if err != nil {
		return Signed{}, err
	}
	sig := ed25519.Sign(priv, append([]byte(domainSig), b...))
	return Signed{Manifest: string(b), KeyID: KeyID(priv.Public().(ed25519.PublicKey)), Signature: hex.EncodeToString(sig)}, nil
}

// Verify checks the signature with pub and returns the manifest.
func (s Signed) Verify(pub ed25519.PublicKey) (Manifest, error) {
	if len(pub) != ed25519.PublicKeySize {
		return Manifest{}, ErrNoKey
	}
	sig, err := hex.DecodeString(s.Signature)
	if err != nil || len(sig) != ed25519.SignatureSize || !ed25519.Verify(pub, []byte(domainSig+s.Manifest), sig) {
		return Manifest{}, ErrWrongKey
	}
	var m Manifest
	if err := json.Unmarshal([]byte(s.Manifest), &m); err != nil {
		return Manifest{}, ErrManifest
	}
	if err := m.Check(); err != nil {
		return Manifest{}, err
	}
	return m, nil
}

// Peek reads the manifest without verifying it (for listings and for the
// server, which stores what BKPSDM signed but does not hold the key's trust).
func (s Signed) Peek() (Manifest, error) {
	var m Manifest
	if err := json.Unmarshal([]byte(s.Manifest), &m); err != nil {
		return Manifest{}, ErrManifest
	}
	return m, m.Check()
}

// ParseSigned reads a signed manifest file.
func ParseSigned(b []byte) (Signed, error) {
	var s Signed
	if err := json.Unmarshal(b, &s); err != nil || len(s.Manifest) == 0 || s.Signature == "" {
		return Signed{}, ErrManifest
	}
	return s, nil
}

// Offer decides whether a verified manifest may replace the running
// version on this platform: same product and platform, strictly newer.
func Offer(m Manifest, running, platform string) error {
	if m.Platform != platform {
		return ErrPlatform(m.Platform, platform)
	}
	if Compare(m.Version, running) <= 0 {
		return ErrDowngrade(m.Version, running)
	}
	return nil
}

// CheckFile compares the file at path with the manifest's size and hash.
func CheckFile(m Manifest, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return err
	}
	if n != m.Size || hex.EncodeToString(h.Sum(nil)) != m.SHA256 {
		return ErrTampered
	}
	return nil
}

var versionRE = regexp.MustCompile(`^v?(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})(?:-([0-9A-Za-z.-]{1,40}))?$`)

// ValidVersion reports whether v is MAJOR.MINOR.PATCH[-PRE] (a leading v allowed).
func ValidVersion(v string) bool { return versionRE.MatchString(v) }

// Compare orders versions as semantic versions: -1, 0 or 1. A version that
// does not parse (a development build such as "dev" or a commit hash) is
// older than every release, so a development build accepts any release and
// a release never counts as older than one.
func Compare(a, b string) int {
	pa, oka := parseVersion(a)
	pb, okb := parseVersion(b)
	switch {
	case !oka && !okb:
		return 0
	case !oka:
		return -1
	case !okb:
		return 1
	}
	for i := 0; i < 3; i++ {
		if pa.n[i] != pb.n[i] {
			if pa.n[i] < pb.n[i] {
				return -1
			}
			return 1
		}
	}
	// A pre-release is older than its release.
	switch {
	case pa.pre == pb.pre:
		return 0
	case pa.pre == "":
		return 1
	case pb.pre == "":
		return -1
	case pa.pre < pb.pre:
		return -1
	}
	return 1
}

type version struct {
	n   [3]int
	pre string
}

func parseVersion(v string) (version, bool) {
	m := versionRE.FindStringSubmatch(v)
	if m == nil {
		return version{}, false
	}
	var p version
	for i := 0; i < 3; i++ {
		p.n[i], _ = strconv.Atoi(m[i+1])
	}
	p.pre = m[4]
	return p, true
}
