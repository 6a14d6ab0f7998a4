//go:build bindings

package main

// `wails generate module` builds and runs the app with the bindings tag only
// to read the bound methods; it must not open or create a database.
func init() { generatingBindings = true }
