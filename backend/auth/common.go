package auth

import (
	_ "embed"
	"strings"
	"sync"
)

// commonPasswords is the 10,000 most frequent passwords of a public leak
// frequency list, most frequent first, one per line (docs/accounts.md says
// where it comes from).
//
//go:embed common-passwords.txt
var commonPasswords string

// indonesianWords are words Indonesian users pick as passwords, alone or with
// a common suffix (indonesianSuffixes): religious phrases, affection, the
// country, the region and the office the app serves.
var indonesianWords = []string{
	"sayang", "sayangku", "cinta", "cintaku", "kasih", "rahasia", "rahasiaku", "katasandi", "sandi",
	"bismillah", "alhamdulillah", "subhanallah", "insyaallah", "assalamualaikum", "allahuakbar", "haleluya", "tuhanyesus",
	"indonesia", "merdeka", "garuda", "pancasila", "nusantara", "jakarta", "bandung", "surabaya", "makassar",
	"sorong", "papua", "papuabarat", "papuabaratdaya", "raja4", "rajaampat", "jayapura", "manokwari",
	"bkpsdm", "bkd", "pemda", "pemkab", "pemkot", "kepegawaian", "pegawai", "mutasi", "imbang", "asn", "pns", "cpns", "pppk",
	"admin", "administrator", "operator", "pengguna", "masuk", "rumah", "keluarga", "anakku", "mamaku", "papaku",
	"qwerty", "password", "passw0rd", "rahasia", "kantor", "semangat", "sukses", "selamat", "bahagia",
}

// indonesianSuffixes are the endings added to those words.
var indonesianSuffixes = []string{
	"", "1", "12", "123", "1234", "12345", "123456", "01", "11", "99", "00", "007", "17", "45", "1945", "17081945",
	"!", "123!", "@123",
}

var (
	commonOnce sync.Once
	commonSet  map[string]struct{}
)

func loadCommon() {
	commonSet = make(map[string]struct{}, 12000)
	for _, l := range strings.Split(commonPasswords, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			commonSet[strings.ToLower(l)] = struct{}{}
		}
	}
	for _, w := range indonesianWords {
		for _, s := range indonesianSuffixes {
			commonSet[w+s] = struct{}{}
		}
	}
}

// IsCommonPassword reports whether password (case-insensitive, surrounding
// spaces ignored) is on the common-password list or is one of the Indonesian
// words with a common suffix.
func IsCommonPassword(password string) bool {
	commonOnce.Do(loadCommon)
	_, ok := commonSet[strings.ToLower(strings.TrimSpace(password))]
	return ok
}
