// Package archtest holds tests about the code base itself: pure packages stay
// free of Wails, SQL and HTTP, and every package says what it is for.
package archtest
