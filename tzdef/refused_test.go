package tzdef

// expectedRefused is how many CLDR "001" zones FromLocation refuses for
// 2000–2037 with this toolchain's zone database; TestAllWindowsZones lists them.
const expectedRefused = 6
