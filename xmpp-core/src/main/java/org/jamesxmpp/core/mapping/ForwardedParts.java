package org.jamesxmpp.core.mapping;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.delay.packet.DelayInformation;

import com.google.common.collect.ImmutableList;
import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;

/**
 * How a client's XEP-0297 forward reads as mail: the original mail as it is ({@code message/rfc822}, its bytes
 * untouched, under a boundary none of them contains), or, when the mailbox does not have it, the forwarded stanza
 * quoted under the sender's text with From/Date/Subject lines as mail clients write an inline forward (and as the
 * outbound mapping renders one).
 */
final class ForwardedParts {
    /** As the outbound mapping renders a forwarded mail for clients without XEP-0297 ({@link OutboundPlan}). */
    static final String QUOTE_SEPARATOR = "---------- Forwarded message ----------";

    private ForwardedParts() {
    }

    static String quote(String text, Message inner, Optional<DelayInformation> delay, InboundContext context) {
        StringBuilder out = new StringBuilder(text);
        out.append(text.isEmpty() ? "" : "\n\n").append(QUOTE_SEPARATOR).append('\n');
        Optional.ofNullable(inner.getFrom()).ifPresent(from -> out.append("From: ")
            .append(StanzaToMime.optionalMailAddress(from).map(Object::toString).orElse(from.asBareJid().toString())).append('\n'));
        Instant date = delay.map(value -> value.getStamp().toInstant()).orElse(context.clock().instant());
        out.append("Date: ").append(HeaderEncoder.date(date)).append('\n');
        Optional.ofNullable(inner.getSubject()).filter(subject -> !subject.isBlank())
            .ifPresent(subject -> out.append("Subject: ").append(Texts.singleLine(subject, 300)).append('\n'));
        out.append('\n').append(Texts.normalizedText(Optional.ofNullable(inner.getBody()).orElse("")));
        return out.toString();
    }

    /** {@code head} (the header section up to {@code MIME-Version}), then a multipart/mixed of the parts and the originals. */
    static byte[] mixed(String head, String main, List<String> extra, List<byte[]> originals) {
        String boundary = boundary(originals);
        ByteArrayOutputStream out = new ByteArrayOutputStream(originals.stream().mapToInt(original -> original.length).sum() + 4096);
        write(out, head + "Content-Type: multipart/mixed;\r\n boundary=\"" + boundary + "\"\r\n\r\n");
        for (String part : ImmutableList.<String>builder().add(main).addAll(extra).build()) {
            write(out, "--" + boundary + "\r\n" + part + (part.endsWith("\r\n") ? "" : "\r\n"));
        }
        for (byte[] original : originals) {
            write(out, "--" + boundary + "\r\nContent-Type: message/rfc822\r\n"
                + (is7bit(original) ? "" : "Content-Transfer-Encoding: 8bit\r\n") + "Content-Disposition: inline\r\n\r\n");
            out.write(original, 0, original.length);
            // the CRLF before a boundary belongs to the boundary (RFC 2046 5.1.1): the original keeps its own last one
            write(out, "\r\n");
        }
        write(out, "--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private static String boundary(List<byte[]> originals) {
        Hasher hasher = Hashing.murmur3_128().newHasher();
        originals.forEach(hasher::putBytes);
        String base = "=_jx_fwd_" + hasher.hash();
        String boundary = base;
        for (int attempt = 1; contained(boundary, originals); attempt++) {
            boundary = base + "_" + attempt;
        }
        return boundary;
    }

    private static boolean contained(String boundary, List<byte[]> originals) {
        return originals.stream().anyMatch(original -> new String(original, StandardCharsets.ISO_8859_1).contains(boundary));
    }

    private static boolean is7bit(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(MimeComposer.bytes(text));
    }
}
