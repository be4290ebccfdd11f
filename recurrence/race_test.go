//go:build race

package recurrence

const raceEnabled = true
