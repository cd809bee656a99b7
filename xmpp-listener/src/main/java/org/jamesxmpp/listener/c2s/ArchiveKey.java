package org.jamesxmpp.listener.c2s;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a mail stands in the archive, which merges several folders in the order mails were stored: the date stored
 * (milliseconds), then the folder (ties between folders), then the IMAP UID (ties within one). Its text is the
 * XEP-0313 archive id, so that XEP-0059 {@code after}/{@code before} need no look-up (and still work once that mail
 * is gone).
 */
record ArchiveKey(long stored, int folder, long uid) implements Comparable<ArchiveKey> {
    private static final Pattern ID = Pattern.compile("(\\d{1,19})-(\\d{1,3})-(\\d{1,19})");
    private static final Comparator<ArchiveKey> ORDER = Comparator.comparingLong(ArchiveKey::stored)
        .thenComparingInt(ArchiveKey::folder)
        .thenComparingLong(ArchiveKey::uid);

    static Optional<ArchiveKey> parse(String id) {
        Matcher matcher = ID.matcher(id);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ArchiveKey(Long.parseLong(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                Long.parseLong(matcher.group(3))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    String id() {
        return stored + "-" + folder + "-" + uid;
    }

    @Override
    public int compareTo(ArchiveKey other) {
        return ORDER.compare(this, other);
    }
}
