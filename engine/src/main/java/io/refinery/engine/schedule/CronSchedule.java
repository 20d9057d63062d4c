package io.refinery.engine.schedule;

import io.refinery.engine.system.ApiException;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * A Quartz cron expression in a time zone, checked field by field so that an error names the field:
 * {@code seconds minutes hours day-of-month month day-of-week [year]}, e.g. {@code 0 0 2 * * ?} (every night at 2:00).
 */
public record CronSchedule(String cron, ZoneId zone) {
    static final List<String> FIELDS =
            List.of("seconds", "minutes", "hours", "day-of-month", "month", "day-of-week", "year");
    private static final String[] VALID = {"0", "0", "0", "?", "*", "*"};

    /** Checks both values; the error says which field is wrong and why. */
    public static CronSchedule of(String cron, String zone) {
        return new CronSchedule(check(cron), zone(zone));
    }

    static ZoneId zone(String zone) {
        if (zone == null || zone.isBlank()) {
            throw ApiException.badRequest("field 'zone': required, a time zone id such as Asia/Shanghai or UTC");
        }
        try {
            return ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw ApiException.badRequest("field 'zone': '" + zone + "' is not a time zone id such as Asia/Shanghai or UTC");
        }
    }

    static String check(String cron) {
        if (cron == null || cron.isBlank()) {
            throw ApiException.badRequest("field 'cron': required, e.g. '0 0 2 * * ?' (every night at 2:00)");
        }
        String[] fields = cron.strip().split("\\s+");
        if (fields.length < 6 || fields.length > 7) {
            throw ApiException.badRequest("field 'cron': '" + cron + "' has " + fields.length + " fields; a Quartz cron has 6 or 7: "
                    + String.join(" ", FIELDS.subList(0, 6)) + " [year], e.g. '0 0 2 * * ?'");
        }
        for (int i = 0; i < fields.length; i++) {
            String[] probe = VALID.clone();
            String[] withYear = i == 6 ? new String[] {probe[0], probe[1], probe[2], probe[3], probe[4], probe[5], fields[6]} : probe;
            if (i < 6) {
                probe[i] = fields[i];
                if (i == 3) {
                    probe[5] = "?".equals(fields[3]) ? "*" : "?";
                } else if (i == 5) {
                    probe[3] = "?".equals(fields[5]) ? "*" : "?";
                }
            }
            try {
                new CronExpression(String.join(" ", withYear));
            } catch (ParseException e) {
                throw ApiException.badRequest("field 'cron': " + FIELDS.get(i) + " (field " + (i + 1) + ") '" + fields[i]
                        + "' is not valid: " + e.getMessage());
            }
        }
        String normalized = String.join(" ", fields);
        try {
            new CronExpression(normalized);
        } catch (ParseException e) {
            throw ApiException.badRequest("field 'cron': day-of-month and day-of-week: exactly one of them must be '?' ("
                    + e.getMessage() + ")");
        }
        return normalized;
    }

    CronExpression expression() {
        try {
            CronExpression expression = new CronExpression(cron);
            expression.setTimeZone(TimeZone.getTimeZone(zone));
            return expression;
        } catch (ParseException e) {
            throw new IllegalStateException("checked cron '" + cron + "' no longer parses", e);
        }
    }

    /** The next {@code count} fire times after {@code after}; fewer if the expression stops firing (a past year). */
    public List<Instant> next(Instant after, int count) {
        CronExpression expression = expression();
        List<Instant> times = new ArrayList<>();
        Date t = Date.from(after);
        while (times.size() < count && (t = expression.getNextValidTimeAfter(t)) != null) {
            times.add(t.toInstant());
        }
        return times;
    }
}
