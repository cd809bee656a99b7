package org.jamesxmpp.benchmarks.throughput;

import java.util.UUID;

/** The same ~4 KiB of text for both paths. */
final class Content {
    private Content() {
    }

    static String body4k() {
        StringBuilder body = new StringBuilder(4096);
        int line = 0;
        while (body.length() < 4000) {
            body.append("Line ").append(line++).append(" of a four kilobyte message, the same over SMTP and XMPP.\r\n");
        }
        return body.toString();
    }

    /** With a Message-ID and a Date as every mail client writes them (and as the XMPP mapping does). */
    static String mail(String from, String to, String subject, String body) {
        return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMIME-Version: 1.0\r\n"
            + "Message-ID: <" + UUID.randomUUID() + "@load.test>\r\nDate: Wed, 2 Dec 2026 06:00:00 +0000\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + body;
    }
}
