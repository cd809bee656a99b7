package org.jamesxmpp.core.mapping;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.util.MimeUtil;

import com.google.common.collect.ImmutableList;

/**
 * The header fields of one message (top-level or forwarded), unfolded, with typed lenient accessors.
 */
final class MailHeaders {
    static final int MAX_VALUE_CHARS = 998;

    record HeaderField(String name, String value) {
    }

    static MailHeaders of(List<Field> fields) {
        return new MailHeaders(fields.stream()
            .map(field -> new HeaderField(field.getName(), utf8IfValid(MimeUtil.unfold(field.getBody()))))
            .collect(ImmutableList.toImmutableList()));
    }

    private final List<HeaderField> fields;

    private MailHeaders(List<HeaderField> fields) {
        this.fields = fields;
    }

    /** mime4j reads header bytes as ISO-8859-1; RFC 6532 headers are UTF-8: reinterpret when they decode as such. */
    static String utf8IfValid(String latin1) {
        boolean high = false;
        for (int i = 0; i < latin1.length(); i++) {
            char c = latin1.charAt(i);
            if (c > 0xff) {
                return latin1;
            }
            high |= c >= 0x80;
        }
        if (!high) {
            return latin1;
        }
        return MailParser.strictUtf8(latin1.getBytes(StandardCharsets.ISO_8859_1)).orElse(latin1);
    }

    List<HeaderField> fields() {
        return fields;
    }

    Optional<String> raw(String name) {
        for (HeaderField field : fields) {
            if (field.name().equalsIgnoreCase(name)) {
                return Optional.of(field.value());
            }
        }
        return Optional.empty();
    }

    /** RFC 2047 decoded, on one line, without control characters. */
    Optional<String> text(String name) {
        return raw(name).map(MailHeaders::decode);
    }

    static String decode(String value) {
        try {
            return Texts.singleLine(DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT), MAX_VALUE_CHARS);
        } catch (IllegalArgumentException e) {
            return Texts.singleLine(value, MAX_VALUE_CHARS);
        }
    }

    List<Mailbox> mailboxes(String name) {
        ImmutableList.Builder<Mailbox> mailboxes = ImmutableList.builder();
        for (HeaderField field : fields) {
            if (field.name().equalsIgnoreCase(name)) {
                AddressList list = LenientAddressParser.DEFAULT.parseAddressList(field.value());
                list.flatten().forEach(mailboxes::add);
            }
        }
        return mailboxes.build();
    }

    Optional<Instant> date(String name) {
        return raw(name).flatMap(MailDates::parse);
    }

    Optional<String> lowerCase(String name) {
        return raw(name).map(value -> value.trim().toLowerCase(Locale.ROOT));
    }
}
