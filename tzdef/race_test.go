//go:build race

package tzdef

// raceEnabled: the race detector changes allocation counts, and slows the
// hourly sweeps tenfold, so they sample every sixth hour under it (still
// every change of offset).
const raceEnabled = true
