package org.jamesxmpp.core.mapping;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.mail.MessagingException;
import javax.mail.internet.InternetHeaders;

import org.apache.james.core.MailAddress;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.field.address.LenientAddressParser;

/**
 * The MIME a james-xmpp peer sent along (accepted only from peers named in {@link MappingOptions#originalMimePeers()}):
 * kept byte for byte, except top-level header fields that only the receiving side may write
 * ({@link #RECEIVER_ONLY}) and {@code From}/{@code Sender} fields that are not the authenticated sender (a {@code From}
 * naming it is then written). A header section with a bare CR is refused: JavaMail breaks lines there too, so it could
 * hide a field from this filter.
 */
final class OriginalMime {
    static final Set<String> RECEIVER_ONLY = Set.of("authentication-results", "jabber-id", "x-xmpp-type", "received",
        "return-path");
    private static final Set<String> SENDER_FIELDS = Set.of("from", "sender");

    private record Field(String name, int start, int end) {
    }

    private OriginalMime() {
    }

    /** The header fields and body to store after our trace fields. */
    static byte[] forSender(byte[] mime, MailAddress sender) throws MappingException {
        int end = headerEnd(mime);
        refuseBareCarriageReturn(mime, end);
        ByteArrayOutputStream out = new ByteArrayOutputStream(mime.length + 64);
        boolean fromKept = false;
        List<Field> kept = new ArrayList<>();
        for (Field field : fields(mime, end)) {
            if (field.name().isEmpty() || RECEIVER_ONLY.contains(field.name())) {
                continue;
            }
            if (SENDER_FIELDS.contains(field.name())) {
                boolean from = field.name().equals("from");
                if ((from && fromKept) || !namesOnly(value(mime, field), sender)) {
                    continue;
                }
                fromKept = fromKept || from;
            }
            kept.add(field);
        }
        if (!fromKept) {
            StringBuilder from = new StringBuilder();
            HeaderEncoder.structured(from, "From", sender.asString());
            out.writeBytes(from.toString().getBytes(StandardCharsets.US_ASCII));
        }
        kept.forEach(field -> out.write(mime, field.start(), field.end() - field.start()));
        out.write(mime, end, mime.length - end);
        byte[] result = out.toByteArray();
        checkAsJavaMailReadsIt(result);
        return result;
    }

    static Optional<String> messageId(byte[] mime) {
        return fields(mime, headerEnd(mime)).stream()
            .filter(field -> field.name().equals("message-id"))
            .findFirst()
            .flatMap(field -> MessageIds.firstMsgId(value(mime, field)).map(id -> "<" + id + ">"));
    }

    private static void refuseBareCarriageReturn(byte[] mime, int end) throws MappingException {
        for (int i = 0; i < end; i++) {
            if (mime[i] == '\r' && (i + 1 == mime.length || mime[i + 1] != '\n')) {
                throw new MappingException(MappingException.Reason.MALFORMED_MIME,
                    "original MIME has a bare CR in its header section");
            }
        }
    }

    /** Defence in depth: the fields James will see must not contain what the filter removed. */
    private static void checkAsJavaMailReadsIt(byte[] mime) throws MappingException {
        try {
            InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(mime));
            boolean smuggled = RECEIVER_ONLY.stream().anyMatch(name -> headers.getHeader(name) != null)
                || Optional.ofNullable(headers.getHeader("From")).map(values -> values.length > 1).orElse(false);
            if (smuggled) {
                throw new MappingException(MappingException.Reason.MALFORMED_MIME,
                    "original MIME header section reads differently to JavaMail");
            }
        } catch (MessagingException e) {
            throw new MappingException(MappingException.Reason.MALFORMED_MIME, "original MIME header section is unreadable", e);
        }
    }

    private static boolean namesOnly(String value, MailAddress sender) {
        MailboxList mailboxes = LenientAddressParser.DEFAULT.parseAddressList(value).flatten();
        return mailboxes.size() == 1 && isSender(mailboxes.get(0), sender);
    }

    private static boolean isSender(Mailbox mailbox, MailAddress sender) {
        return mailbox.getAddress().equalsIgnoreCase(sender.asString());
    }

    private static List<Field> fields(byte[] mime, int end) {
        List<Field> fields = new ArrayList<>();
        int lineStart = 0;
        while (lineStart < end) {
            int fieldEnd = lineEnd(mime, lineStart, end);
            while (fieldEnd < end && (mime[fieldEnd] == ' ' || mime[fieldEnd] == '\t')) {
                fieldEnd = lineEnd(mime, fieldEnd, end);
            }
            fields.add(new Field(fieldName(mime, lineStart, fieldEnd), lineStart, fieldEnd));
            lineStart = fieldEnd;
        }
        return fields;
    }

    private static String value(byte[] mime, Field field) {
        String text = new String(mime, field.start(), field.end() - field.start(), StandardCharsets.ISO_8859_1);
        return text.substring(text.indexOf(':') + 1).replace("\r\n", "").replace("\n", "").trim();
    }

    private static int headerEnd(byte[] mime) {
        int lineStart = 0;
        while (lineStart < mime.length) {
            int lineEnd = lineEnd(mime, lineStart, mime.length);
            if (mime[lineStart] == '\n' || (mime[lineStart] == '\r' && lineStart + 1 < mime.length && mime[lineStart + 1] == '\n')) {
                return lineStart;
            }
            lineStart = lineEnd;
        }
        return mime.length;
    }

    private static int lineEnd(byte[] mime, int start, int limit) {
        for (int i = start; i < limit; i++) {
            if (mime[i] == '\n') {
                return i + 1;
            }
        }
        return limit;
    }

    /** Empty for a line that is no field: it starts with white space or has no colon. */
    private static String fieldName(byte[] mime, int start, int end) {
        if (mime[start] == ' ' || mime[start] == '\t') {
            return "";
        }
        for (int i = start; i < end; i++) {
            if (mime[i] == ':') {
                return new String(mime, start, i - start, StandardCharsets.ISO_8859_1).trim().toLowerCase(Locale.ROOT);
            }
            if (mime[i] == '\n') {
                return "";
            }
        }
        return "";
    }
}
