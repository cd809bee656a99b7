package org.jamesxmpp.benchmarks;

import java.nio.charset.StandardCharsets;

/**
 * Deterministic, realistic-shaped inputs: a 4 KiB text mail, a 40 KiB HTML mail, a stanza with thread and reply.
 */
final class BenchmarkInputs {
    private static final String WORDS = "the mail bridge keeps one address on both networks and maps threads replies "
        + "subjects and attachments between a message stanza and a mime message without losing what matters ";

    private BenchmarkInputs() {
    }

    static byte[] textMail4k() {
        String headers = "Return-Path: <bob@james.test>\r\n"
            + "Received: from mua.james.test (mua.james.test [127.0.0.1]) by james.test with ESMTPSA id 1x2y3z\r\n"
            + "\tfor <alice@a.test>; Wed, 25 Nov 2026 10:00:00 +0100\r\n"
            + "From: Bob Smith <bob@james.test>\r\n"
            + "To: Alice <alice@a.test>\r\n"
            + "Subject: Quarterly numbers and the plan for next week\r\n"
            + "Date: Wed, 25 Nov 2026 10:00:00 +0100\r\n"
            + "Message-ID: <20261125090000.12345@james.test>\r\n"
            + "User-Agent: Mozilla Thunderbird\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8; format=flowed\r\n"
            + "Content-Transfer-Encoding: 7bit\r\n\r\n";
        return (headers + lines(4096 - headers.length(), 72)).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] htmlMail40k() {
        String text = lines(12 * 1024, 72);
        StringBuilder html = new StringBuilder("<html><head><style>p{color:#333}</style></head><body>");
        int paragraph = 0;
        while (html.length() < 26 * 1024) {
            html.append("<p class=\"x\">Paragraph ").append(paragraph++).append(": <b>").append(WORDS, 0, 40).append("</b> ")
                .append(WORDS).append("<a href=\"https://example.test/").append(paragraph).append("\">link</a></p>\r\n");
        }
        html.append("</body></html>");
        String mail = "From: Bob Smith <bob@james.test>\r\n"
            + "To: Alice <alice@a.test>, Carol <carol@a.test>\r\n"
            + "Cc: Dan <dan@a.test>\r\n"
            + "Subject: =?UTF-8?Q?Newsletter_=E2=80=93_November?=\r\n"
            + "Date: Wed, 25 Nov 2026 10:00:00 +0100\r\n"
            + "Message-ID: <news-2026-11@james.test>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n"
            + "--b1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n"
            + text + "\r\n"
            + "--b1\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n"
            + html + "\r\n"
            + "--b1--\r\n";
        return mail.getBytes(StandardCharsets.UTF_8);
    }

    static String threadReplyStanza() {
        return "<message xmlns='jabber:server' from='alice@a.test/phone' to='bob@james.test' type='chat' id='5a8c1e0f-0d1b'>"
            + "<body>&gt; Are we still on for Friday?\nYes, Friday 10:00 works for me. I will bring the printed report.</body>"
            + "<thread>20261120080000.777@james.test</thread>"
            + "<reply xmlns='urn:xmpp:reply:0' to='bob@james.test/laptop' id='20261125090000.12345@james.test'/>"
            + "<fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:reply:0'><body start='0' end='28'/></fallback>"
            + "<origin-id xmlns='urn:xmpp:sid:0' id='5a8c1e0f-0d1b'/>"
            + "<active xmlns='http://jabber.org/protocol/chatstates'/>"
            + "<request xmlns='urn:xmpp:receipts'/>"
            + "<markable xmlns='urn:xmpp:chat-markers:0'/>"
            + "</message>";
    }

    private static String lines(int size, int width) {
        StringBuilder text = new StringBuilder(size + width);
        int offset = 0;
        while (text.length() < size) {
            int end = Math.min(offset + width, WORDS.length());
            text.append(WORDS, offset, end).append("\r\n");
            offset = end >= WORDS.length() ? 0 : end;
        }
        text.setLength(size);
        return text.toString();
    }
}
