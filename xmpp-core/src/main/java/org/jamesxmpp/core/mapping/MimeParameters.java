package org.jamesxmpp.core.mapping;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;
import org.apache.james.mime4j.util.CharsetUtil;
import org.apache.james.mime4j.util.MimeUtil;

/**
 * Header field parameters with RFC 2231 extended values ({@code filename*=utf-8''%E2%82%AC.pdf}) and continuations
 * ({@code filename*0*=…; filename*1=…}), plus RFC 2047 encoded words that many mailers put in quoted parameters.
 */
final class MimeParameters {
    private static final int MAX_SEGMENTS = 100;

    private MimeParameters() {
    }

    record ParsedField(String value, List<NameValuePair> parameters) {
    }

    static ParsedField parse(Field field) {
        RawField raw = new RawField(field.getName(), MimeUtil.unfold(field.getBody()));
        RawBody body = RawFieldParser.DEFAULT.parseRawBody(raw);
        return new ParsedField(Optional.ofNullable(body.getValue()).orElse("").trim().toLowerCase(Locale.ROOT), body.getParams());
    }

    static Optional<String> get(List<NameValuePair> parameters, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        TreeMap<Integer, NameValuePair> segments = new TreeMap<>();
        Optional<String> plain = Optional.empty();
        Optional<String> extended = Optional.empty();
        for (NameValuePair pair : parameters) {
            String parameterName = pair.getName().toLowerCase(Locale.ROOT);
            if (parameterName.equals(lower)) {
                plain = Optional.ofNullable(pair.getValue());
            } else if (parameterName.equals(lower + "*")) {
                extended = Optional.ofNullable(pair.getValue()).map(MimeParameters::decodeExtended);
            } else if (parameterName.startsWith(lower + "*")) {
                segmentIndex(parameterName.substring(lower.length() + 1)).ifPresent(index -> segments.put(index, pair));
            }
        }
        if (extended.isPresent()) {
            return extended;
        }
        if (!segments.isEmpty()) {
            return Optional.of(joinSegments(segments));
        }
        return plain.map(MailHeaders::decode);
    }

    private static Optional<Integer> segmentIndex(String suffix) {
        String digits = suffix.endsWith("*") ? suffix.substring(0, suffix.length() - 1) : suffix;
        if (digits.isEmpty() || digits.length() > 2 || !digits.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        int index = Integer.parseInt(digits);
        return index < MAX_SEGMENTS ? Optional.of(index) : Optional.empty();
    }

    private static String joinSegments(TreeMap<Integer, NameValuePair> segments) {
        Charset charset = StandardCharsets.UTF_8;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean first = true;
        for (NameValuePair pair : segments.values()) {
            String value = Optional.ofNullable(pair.getValue()).orElse("");
            if (pair.getName().endsWith("*")) {
                if (first) {
                    int quote = value.indexOf('\'');
                    int secondQuote = quote < 0 ? -1 : value.indexOf('\'', quote + 1);
                    if (secondQuote > 0) {
                        charset = charset(value.substring(0, quote));
                        value = value.substring(secondQuote + 1);
                    }
                }
                percentDecode(value, bytes);
            } else {
                bytes.writeBytes(value.getBytes(charset));
            }
            first = false;
        }
        return Texts.singleLine(new String(bytes.toByteArray(), charset), MailHeaders.MAX_VALUE_CHARS);
    }

    private static String decodeExtended(String value) {
        int quote = value.indexOf('\'');
        int secondQuote = quote < 0 ? -1 : value.indexOf('\'', quote + 1);
        if (secondQuote < 0) {
            return Texts.singleLine(value, MailHeaders.MAX_VALUE_CHARS);
        }
        Charset charset = charset(value.substring(0, quote));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        percentDecode(value.substring(secondQuote + 1), bytes);
        return Texts.singleLine(new String(bytes.toByteArray(), charset), MailHeaders.MAX_VALUE_CHARS);
    }

    private static Charset charset(String name) {
        return Optional.ofNullable(CharsetUtil.lookup(name.trim())).orElse(StandardCharsets.UTF_8);
    }

    private static void percentDecode(String value, ByteArrayOutputStream bytes) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length() && Character.digit(value.charAt(i + 1), 16) >= 0 && Character.digit(value.charAt(i + 2), 16) >= 0) {
                bytes.write(Character.digit(value.charAt(i + 1), 16) << 4 | Character.digit(value.charAt(i + 2), 16));
                i += 2;
            } else {
                bytes.write(c < 0x100 ? c : '?');
            }
        }
    }
}
