//go:build race

package web

// raceEnabled skips the browser test under the race detector: it drives an
// external browser and a separate WebAssembly build, which the detector
// does not see, and CI runs it without -race in .ci/web.sh.
const raceEnabled = true
