package tzdef

// IANAName returns the IANA zone CLDR maps a Windows time-zone key name to
// (its "001" territory), or "" when the name is unknown.
func IANAName(keyName string) string {
	return windowsToIANA[keyName]
}

// windowsToIANA is filled from CLDR's windowsZones by zones_cldr.go.
var windowsToIANA = map[string]string{}
