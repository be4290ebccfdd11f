//go:build !race

package tzdef

const raceEnabled = false
