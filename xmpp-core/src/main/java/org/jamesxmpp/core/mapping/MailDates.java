package org.jamesxmpp.core.mapping;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.field.DateTimeField;
import org.apache.james.mime4j.field.DateTimeFieldLenientImpl;
import org.apache.james.mime4j.stream.RawField;

/**
 * RFC 5322 dates: a fast path for the usual {@code [Wed, ]25 Nov 2026 10:00:00 +0100}, mime4j's lenient parser
 * for everything else.
 */
final class MailDates {
    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

    private MailDates() {
    }

    static Optional<Instant> parse(String value) {
        return fast(value.trim()).or(() -> lenient(value));
    }

    private static Optional<Instant> fast(String value) {
        try {
            String[] parts = value.substring(value.indexOf(',') + 1).trim().split("\\s+");
            if (parts.length < 5) {
                return Optional.empty();
            }
            int day = Integer.parseInt(parts[0]);
            int month = MONTHS.indexOf(parts[1].toLowerCase(Locale.ROOT)) / 3 + 1;
            int year = Integer.parseInt(parts[2]);
            String[] time = parts[3].split(":");
            String zone = parts[4];
            if (month < 1 || parts[1].length() != 3 || year < 1000 || time.length < 2 || zone.length() != 5
                || (zone.charAt(0) != '+' && zone.charAt(0) != '-')) {
                return Optional.empty();
            }
            int offsetMinutes = Integer.parseInt(zone.substring(1, 3)) * 60 + Integer.parseInt(zone.substring(3, 5));
            LocalDateTime local = LocalDateTime.of(year, month, day, Integer.parseInt(time[0]), Integer.parseInt(time[1]),
                time.length > 2 ? Integer.parseInt(time[2]) : 0);
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((zone.charAt(0) == '-' ? -60 : 60) * offsetMinutes);
            return Optional.of(local.toInstant(offset));
        } catch (NumberFormatException | DateTimeException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> lenient(String value) {
        try {
            DateTimeField field = DateTimeFieldLenientImpl.PARSER.parse(new RawField("Date", value), DecodeMonitor.SILENT);
            return Optional.ofNullable(field.getDate()).map(date -> date.toInstant());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
