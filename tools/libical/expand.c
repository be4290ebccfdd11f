/*
 * Expands iCalendar series with libical, the calendar engine of Evolution
 * and GNOME, for mapiblob's differential test (recurrence/engines_test.go
 * compiles it with the flags of `pkg-config --cflags --libs libical`).
 *
 * Usage: expand UNTIL FILE...
 * UNTIL is a Unix time; instances whose recurrence id is at or after it are
 * not expanded. For each FILE (one VCALENDAR) it prints lines
 * "FILE<TAB>START" (Unix seconds of each instance's start, in the order
 * libical yields them) or "FILE<TAB>ERROR<TAB>message".
 *
 * The master VEVENT (no RECURRENCE-ID) is expanded with
 * icalcomponent_foreach_recurrence (RRULE, RDATE, EXDATE); an instance
 * whose start equals an overriding VEVENT's RECURRENCE-ID is replaced by
 * that VEVENT's DTSTART, as Evolution does with detached instances.
 */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXOVR 1024

struct ctx {
	const char *name;
	time_t until;
	int n;
	time_t rid[MAXOVR];
	time_t start[MAXOVR];
	int nov;
};

static time_t utc_of(struct icaltimetype t) {
	return icaltime_as_timet_with_zone(t, t.zone ? t.zone : icaltimezone_get_utc_timezone());
}

/* The RECURRENCE-ID's instant: libical does not resolve its TZID itself. */
static time_t rid_of(icalcomponent *cal, icalproperty *p) {
	struct icaltimetype t = icalproperty_get_recurrenceid(p);
	icalparameter *tzid = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
	if (tzid && !icaltime_is_utc(t)) {
		icaltimezone *z = icalcomponent_get_timezone(cal, icalparameter_get_tzid(tzid));
		if (z)
			t = icaltime_set_timezone(&t, z);
	}
	return utc_of(t);
}

static void cb(icalcomponent *comp, struct icaltime_span *span, void *data) {
	struct ctx *c = data;
	(void)comp;
	if (span->start >= c->until || c->n >= 5000)
		return;
	c->n++;
	for (int i = 0; i < c->nov; i++) {
		if (c->rid[i] == span->start) {
			printf("%s\t%lld\n", c->name, (long long)c->start[i]);
			return;
		}
	}
	printf("%s\t%lld\n", c->name, (long long)span->start);
}

static char *slurp(const char *path) {
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *b = malloc(n + 1);
	if (fread(b, 1, n, f) != (size_t)n) {
		fclose(f);
		free(b);
		return NULL;
	}
	b[n] = 0;
	fclose(f);
	return b;
}

int main(int argc, char **argv) {
	if (argc < 2) {
		fprintf(stderr, "usage: expand UNTIL FILE...\n");
		return 2;
	}
	time_t until = (time_t)atoll(argv[1]);
	for (int a = 2; a < argc; a++) {
		struct ctx c = {.name = argv[a], .until = until};
		char *text = slurp(argv[a]);
		if (!text) {
			printf("%s\tERROR\tcannot read\n", argv[a]);
			continue;
		}
		icalcomponent *cal = icalparser_parse_string(text);
		free(text);
		if (!cal) {
			printf("%s\tERROR\t%s\n", argv[a], icalerror_strerror(icalerrno));
			continue;
		}
		icalcomponent *master = NULL;
		for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
		     ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
			icalproperty *rid = icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY);
			if (!rid) {
				master = ev;
			} else if (c.nov < MAXOVR) {
				c.rid[c.nov] = rid_of(cal, rid);
				c.start[c.nov] = utc_of(icalcomponent_get_dtstart(ev));
				c.nov++;
			}
		}
		if (!master) {
			printf("%s\tERROR\tno master VEVENT\n", argv[a]);
			icalcomponent_free(cal);
			continue;
		}
		struct icaltimetype from = icaltime_from_timet_with_zone(0, 0, icaltimezone_get_utc_timezone());
		struct icaltimetype to = icaltime_from_timet_with_zone(until, 0, icaltimezone_get_utc_timezone());
		icalcomponent_foreach_recurrence(master, from, to, cb, &c);
		icalcomponent_free(cal);
	}
	return 0;
}
