//go:build !race

package planner

const raceScale = 1
