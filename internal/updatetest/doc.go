// Package updatetest is the end-to-end test of desktop updates over the
// sync link, with the real programs: imbang-server publishes a signed
// release, a desktop built as 1.0.0 learns of 1.1.0 at sync, downloads it
// through a slow link that is cut in the middle (it resumes, it does not
// restart), verifies and stages it, and starts as 1.1.0 with its data; a
// 1.2.0 that crashes at start is rolled back to 1.1.0 and reported to the
// server. It needs an X display (make package-test runs it under Xvfb) and
// runs only with IMBANG_UPDATE_E2E=1.
package updatetest
