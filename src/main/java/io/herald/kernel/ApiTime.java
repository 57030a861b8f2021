package io.herald.kernel;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/** How instants cross the API: ISO-8601 in (several forms), UTC with milliseconds out. */
public final class ApiTime {

    private static final DateTimeFormatter OUTPUT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final Pattern DATE_ONLY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private static final Pattern HAS_ZONE = Pattern.compile(".*(Z|z|[+-]\\d{2}(:?\\d{2})?)$");

    /** Dates Herald, PostgreSQL and Quartz all handle: the four-digit years of the Common Era. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private ApiTime() {}

    public static String format(Instant instant) {
        return instant == null ? null : OUTPUT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * Parses {@code 2030-05-01T09:00:00Z}, with fractions, with an offset, or without zone (taken
     * as UTC); with {@code dateOnly} also a bare date, the start of that day in UTC.
     */
    public static Optional<Instant> parse(String text, boolean dateOnly) {
        return parseAny(text, dateOnly).filter(instant -> !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST));
    }

    private static Optional<Instant> parseAny(String text, boolean dateOnly) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        var value = text.trim();
        try {
            if (DATE_ONLY.matcher(value).matches()) {
                return dateOnly
                        ? Optional.of(LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC))
                        : Optional.empty();
            }
            if (HAS_ZONE.matcher(value).matches()) {
                return Optional.of(OffsetDateTime.parse(value.replace('z', 'Z'), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        .toInstant());
            }
            return Optional.of(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
