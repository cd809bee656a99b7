package org.jamesxmpp.core.mapping;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.common.collect.ImmutableList;

/**
 * Stateless, reversible mapping between RFC 5322 msg-ids and stanza ids, so a reply from either side threads on the
 * other without a shared table.
 * <ul>
 *   <li>a msg-id {@code <left@right>} becomes the stanza id {@code left@right};</li>
 *   <li>a stanza id that is not of that form becomes {@code <escaped.domain@xmpp-id.invalid>} (percent-escaped,
 *   the sender domain keeps it unique) and comes back unchanged.</li>
 * </ul>
 */
public final class MessageIds {
    static final String SYNTHETIC_RIGHT = "xmpp-id.invalid";
    private static final int MAX_ID_LENGTH = 900;
    private static final Pattern MSG_ID = Pattern.compile("<([^<>@\\s]+@[^<>@\\s]+)>");
    private static final Pattern DOT_ATOM = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");

    private MessageIds() {
    }

    /** All msg-ids of a header value such as {@code References}, in order, without angle brackets. */
    public static List<String> parseMsgIds(String headerValue) {
        List<String> ids = new ArrayList<>();
        Matcher matcher = MSG_ID.matcher(headerValue);
        while (matcher.find()) {
            if (isMsgIdText(matcher.group(1))) {
                ids.add(matcher.group(1));
            }
        }
        return ImmutableList.copyOf(ids);
    }

    public static Optional<String> firstMsgId(String headerValue) {
        List<String> ids = parseMsgIds(headerValue);
        return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(0));
    }

    /** msg-id text (no brackets) to stanza id. */
    public static String toStanzaId(String msgIdText) {
        int at = msgIdText.lastIndexOf('@');
        if (at > 0 && msgIdText.substring(at + 1).equalsIgnoreCase(SYNTHETIC_RIGHT)) {
            String left = msgIdText.substring(0, at);
            int dot = left.indexOf('.');
            return unescape(dot < 0 ? left : left.substring(0, dot));
        }
        return msgIdText;
    }

    /** Stanza id to msg-id with angle brackets; {@code senderDomain} only serves uniqueness. */
    public static String toMsgId(String stanzaId, String senderDomain) {
        if (stanzaId.isEmpty()) {
            throw new IllegalArgumentException("empty stanza id");
        }
        if (isMsgIdText(stanzaId)) {
            return "<" + stanzaId + ">";
        }
        return "<" + escape(stanzaId) + "." + senderDomain + "@" + SYNTHETIC_RIGHT + ">";
    }

    static boolean isMsgIdText(String value) {
        int at = value.indexOf('@');
        return at > 0 && at == value.lastIndexOf('@') && value.length() <= MAX_ID_LENGTH
            && DOT_ATOM.matcher(value.substring(0, at)).matches()
            && DOT_ATOM.matcher(value.substring(at + 1)).matches();
    }

    private static String escape(String id) {
        StringBuilder builder = new StringBuilder(id.length() + 8);
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '+' || c == '=') {
                builder.append((char) c);
            } else {
                builder.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                    .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return builder.toString();
    }

    private static String unescape(String escaped) {
        byte[] bytes = new byte[escaped.length()];
        int length = 0;
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '%' && i + 2 < escaped.length()) {
                int high = Character.digit(escaped.charAt(i + 1), 16);
                int low = Character.digit(escaped.charAt(i + 2), 16);
                if (high >= 0 && low >= 0) {
                    bytes[length++] = (byte) ((high << 4) | low);
                    i += 2;
                    continue;
                }
            }
            bytes[length++] = (byte) c;
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
