package goid

import (
	"strconv"
	"time"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/lint"
)

// Finding codes of this package. They are stable: scripts may match them.
const (
	CodeWrongClassID    = "GOID_WRONG_CLASS_ID"
	CodeSizeMismatch    = "GOID_SIZE_MISMATCH"
	CodeEmptyData       = "GOID_EMPTY_DATA"
	CodeBadInstanceDate = "GOID_BAD_INSTANCE_DATE"
	CodeCleanHasDate    = "GOID_CLEAN_HAS_INSTANCE_DATE"
	CodeCreationZero    = "GOID_CREATION_TIME_ZERO"
	CodeCreationFuture  = "GOID_CREATION_TIME_FUTURE"
	CodeXNonZero        = "GOID_X_NONZERO"
	CodeVCalNoNUL       = "GOID_VCAL_NO_NUL"
	CodeVCalVersion     = "GOID_VCAL_VERSION"
	CodeVCalMalformed   = "GOID_VCAL_MALFORMED"
	CodeTrailing        = "GOID_TRAILING_BYTES"
)

// futureCreationMargin allows for clock skew before a creation time counts
// as in the future.
const futureCreationMargin = 24 * time.Hour

// Check reports what in g is outside [MS-OXOCAL] 2.2.1.27 or upsets the
// matching of meeting requests, responses and updates. It never fails; an
// id made by New, NewVCal, Instance or FromUID gives no findings.
//
// A creation time in the future is judged against the clock, with a day's
// margin for skew.
func (g *GlobalObjectID) Check() []blob.Finding { return g.check(false) }

// CheckClean is Check for a value stored as PidLidCleanGlobalObjectId,
// whose instance date must be zero.
func (g *GlobalObjectID) CheckClean() []blob.Finding { return g.check(true) }

func (g *GlobalObjectID) check(clean bool) []blob.Finding {
	var l lint.List
	if g.ByteArrayID != ByteArrayID {
		l.Add(CodeWrongClassID, blob.Error, "ByteArrayID", "the Byte Array ID is "+hexString(g.ByteArrayID[:])+", not "+classIDHex+
			"; Outlook and Exchange do not read the value as a meeting's GlobalObjectId, so responses and updates are not matched to this meeting")
	}
	if uint64(g.Size) != uint64(len(g.Data)) {
		l.Add(CodeSizeMismatch, blob.Error, "Size", "Size says "+strconv.FormatUint(uint64(g.Size), 10)+" bytes but Data holds "+
			strconv.Itoa(len(g.Data))+"; encoding writes "+strconv.Itoa(len(g.Data)))
	}
	if len(g.Data) == 0 {
		l.Add(CodeEmptyData, blob.Warning, "Data", "Data is empty, so nothing makes the id unique; Outlook may match responses and updates to the wrong meeting")
	}
	if g.IsInstance() {
		if _, ok := g.InstanceDate(); !ok {
			l.Add(CodeBadInstanceDate, blob.Warning, g.badDateField(), "the instance date (year "+strconv.Itoa(g.Year())+", month "+
				strconv.Itoa(int(g.M))+", day "+strconv.Itoa(int(g.D))+") is not a date; Outlook cannot match the id to an occurrence of the series")
		}
		if clean {
			l.Add(CodeCleanHasDate, blob.Error, g.firstDateField(), "PidLidCleanGlobalObjectId carries an instance date; "+
				"it must be zero, or the series and its exceptions do not share one id and Outlook cannot correlate them")
		}
	}
	_, vp := vCalText(g.Data)
	if g.CreationTime == 0 && vp == vCalNot {
		l.Add(CodeCreationZero, blob.Info, "CreationTime", "the creation time is zero; Outlook writes the time the id was made, so another program wrote this one")
	} else if g.CreationTime != 0 && g.CreationTime.Time().After(time.Now().Add(futureCreationMargin)) {
		l.Add(CodeCreationFuture, blob.Info, "CreationTime", "the creation time "+g.CreationTime.Time().Format("2006-01-02 15:04:05")+
			" UTC is in the future; the clock of the program that made the id was wrong, or the bytes are damaged")
	}
	if g.X != [8]byte{} {
		l.Add(CodeXNonZero, blob.Warning, "X", "the reserved bytes X are "+hexString(g.X[:])+"; the specification requires zero, and the UID carries them")
	}
	const hexInstead = "; UID() gives the hex form of the clean id instead of the wrapped text"
	switch vp {
	case vCalNoNUL:
		l.Add(CodeVCalNoNUL, blob.Warning, "Data", "the vCal-Uid UID is not ended by a NUL"+hexInstead)
	case vCalBadVersion:
		l.Add(CodeVCalVersion, blob.Warning, "Data", "the vCal-Uid version is not 1"+hexInstead)
	case vCalCut:
		l.Add(CodeVCalMalformed, blob.Warning, "Data", "Data ends inside the vCal-Uid header"+hexInstead)
	case vCalAfterNUL:
		l.Add(CodeVCalMalformed, blob.Warning, "Data", "bytes follow the NUL that ends the vCal-Uid UID"+hexInstead)
	case vCalEmpty:
		l.Add(CodeVCalMalformed, blob.Warning, "Data", "the vCal-Uid UID is empty"+hexInstead)
	}
	if len(g.Trailing) > 0 {
		n := strconv.Itoa(len(g.Trailing)) + " bytes follow"
		if len(g.Trailing) == 1 {
			n = "1 byte follows"
		}
		l.Add(CodeTrailing, blob.Warning, "Trailing", n+" Data; readers ignore them, but the hex UID includes them")
	}
	return l
}

// firstDateField names the first non-zero date byte.
func (g *GlobalObjectID) firstDateField() string {
	switch {
	case g.YH != 0:
		return "YH"
	case g.YL != 0:
		return "YL"
	case g.M != 0:
		return "M"
	}
	return "D"
}

// badDateField names the field that makes the date impossible.
func (g *GlobalObjectID) badDateField() string {
	switch {
	case g.Year() == 0:
		return "YH"
	case g.M < 1 || g.M > 12:
		return "M"
	}
	return "D"
}

func hexString(b []byte) string { return string(appendHex(nil, b)) }
