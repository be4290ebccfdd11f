// Expands iCalendar series with ical.js, the calendar engine of Thunderbird,
// for mapiblob's differential test (recurrence/engines_test.go).
//
// Input (standard input): a JSON array of {"id", "ics", "until"}; "until"
// is an RFC 3339 instant, and instances whose RECURRENCE-ID is at or after
// it are not expanded. Output (standard output): a JSON object mapping
// each id to {"starts": [unix seconds of each instance's start, in the
// order ical.js yields them]} or {"error": "message"}.
//
// The master VEVENT is the one without RECURRENCE-ID; the others are
// related to it as exceptions, as Thunderbird does.
import ICAL from 'ical.js';
import { readFileSync } from 'node:fs';

const MAX = 5000;
const input = JSON.parse(readFileSync(0, 'utf8'));
const out = {};
for (const c of input) {
  try {
    const cal = new ICAL.Component(ICAL.parse(c.ics));
    ICAL.TimezoneService.reset();
    for (const vtz of cal.getAllSubcomponents('vtimezone')) {
      ICAL.TimezoneService.register(vtz);
    }
    const vevents = cal.getAllSubcomponents('vevent');
    const master = vevents.find((v) => !v.hasProperty('recurrence-id'));
    const event = new ICAL.Event(master);
    for (const v of vevents) {
      if (v !== master) event.relateException(v);
    }
    const until = Date.parse(c.until) / 1000;
    const it = event.iterator();
    const starts = [];
    for (let next = it.next(); next && starts.length < MAX; next = it.next()) {
      if (next.toUnixTime() >= until) break;
      starts.push(event.getOccurrenceDetails(next).startDate.toUnixTime());
    }
    out[c.id] = { starts };
  } catch (e) {
    out[c.id] = { error: String(e && e.stack ? e.stack.split('\n')[0] : e) };
  }
}
process.stdout.write(JSON.stringify(out));
