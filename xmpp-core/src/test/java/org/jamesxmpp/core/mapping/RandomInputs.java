package org.jamesxmpp.core.mapping;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import org.apache.james.mime4j.codec.EncoderUtil;

/**
 * Hand-made generators for the round-trip properties: seeded, so a failure names a reproducible case.
 */
final class RandomInputs {
    private static final String[] WORDS = {"hello", "Grüße", "naïve", "日本語", "😀", "a=b", "=?x?=", "\"quoted\"", "<tag>",
        "&amp;", "o'neil", "line", "x", "…", "Ωmega", "tab", "-", "--", "=_jx_mixed_1", "."};
    private static final String LOCAL_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789._+-";

    private final Random random;

    RandomInputs(long seed) {
        this.random = new Random(seed);
    }

    String words(int min, int max) {
        int count = min + random.nextInt(max - min + 1);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            words.add(WORDS[random.nextInt(WORDS.length)]);
        }
        return String.join(" ", words);
    }

    String text() {
        int lines = 1 + random.nextInt(6);
        List<String> result = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            result.add(random.nextInt(5) == 0 ? "" : words(1, 12 + (random.nextInt(10) == 0 ? 200 : 0)));
        }
        String text = String.join("\n", result).strip();
        return text.isEmpty() ? "x" : text;
    }

    String localPart() {
        StringBuilder local = new StringBuilder();
        local.append((char) ('a' + random.nextInt(26)));
        int length = random.nextInt(10);
        for (int i = 0; i < length; i++) {
            local.append(LOCAL_CHARS.charAt(random.nextInt(LOCAL_CHARS.length())));
        }
        String value = local.toString().replaceAll("\\.+", ".");
        return value.endsWith(".") ? value + "z" : value;
    }

    String address(String domain) {
        return localPart() + "@" + domain;
    }

    String id() {
        String[] shapes = {"uuid-" + random.nextInt(1_000_000), localPart() + "@" + "james.test", "id with spaces " + random.nextInt(99),
            "ünï-" + random.nextInt(999), "a.b.c", "x%41y"};
        return shapes[random.nextInt(shapes.length)];
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean nextBoolean() {
        return random.nextBoolean();
    }

    /** A mail in one of several real-world encodings. */
    byte[] mail(String from, List<String> to, List<String> cc, String subject, String text, String messageId, List<String> references) {
        StringBuilder mail = new StringBuilder();
        mail.append("From: ").append(from).append("\r\n");
        mail.append("To: ").append(String.join(", ", to)).append("\r\n");
        if (!cc.isEmpty()) {
            mail.append("Cc: ").append(String.join(",\r\n ", cc)).append("\r\n");
        }
        mail.append("Subject: ").append(EncoderUtil.encodeIfNecessary(subject, EncoderUtil.Usage.TEXT_TOKEN, 9)).append("\r\n");
        mail.append("Date: Wed, 25 Nov 2026 10:00:00 +0100\r\n");
        mail.append("Message-ID: <").append(messageId).append(">\r\n");
        if (!references.isEmpty()) {
            mail.append("In-Reply-To: <").append(references.get(references.size() - 1)).append(">\r\n");
            mail.append("References: <").append(String.join(">\r\n <", references)).append(">\r\n");
        }
        mail.append("MIME-Version: 1.0\r\n");
        byte[] body = text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        switch (random.nextInt(3)) {
            case 0:
                mail.append("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n");
                mail.append(Base64.getMimeEncoder().encodeToString(body)).append("\r\n");
                return mail.toString().getBytes(StandardCharsets.UTF_8);
            case 1:
                mail.append("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
                StringBuilder qp = new StringBuilder();
                QuotedPrintable.encode(text, qp);
                mail.append(qp).append("\r\n");
                return mail.toString().getBytes(StandardCharsets.UTF_8);
            default:
                mail.append("Content-Type: multipart/alternative; boundary=\"zz\"\r\n\r\n--zz\r\n")
                    .append("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
                    .append(text.replace("\n", "\r\n")).append("\r\n--zz\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>html</p>\r\n--zz--\r\n");
                return mail.toString().getBytes(StandardCharsets.UTF_8);
        }
    }
}
