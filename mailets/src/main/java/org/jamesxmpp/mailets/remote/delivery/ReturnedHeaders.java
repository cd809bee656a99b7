package org.jamesxmpp.mailets.remote.delivery;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;

import com.google.common.collect.ImmutableSet;

/**
 * What is kept of a mail sent over XMPP when its content cannot be (see {@link LateFailures}): its sender and a few
 * header lines (never the body), bounded in size.
 */
public record ReturnedHeaders(MailAddress sender, Optional<String> messageId, String headerLines) {
    static final Set<String> KEPT = ImmutableSet.of("message-id", "date", "from", "to", "cc", "subject");
    static final int MAX_CHARS = 2048;
    private static final String CRLF = "\r\n";

    public ReturnedHeaders {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(headerLines, "headerLines");
    }

    public static ReturnedHeaders of(MailAddress sender, MimeMessage message) throws MessagingException {
        StringBuilder lines = new StringBuilder();
        List<String> all = Collections.list(message.getAllHeaderLines());
        for (String line : all) {
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            if (KEPT.contains(name) && lines.length() + line.length() + 2 <= MAX_CHARS) {
                lines.append(line).append(CRLF);
            }
        }
        return new ReturnedHeaders(sender, Optional.ofNullable(message.getMessageID()), lines.toString());
    }
}
