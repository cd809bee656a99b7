package org.jamesxmpp.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jamesxmpp.it.hostile.CaseRun.assertStreamError;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jamesxmpp.testing.RawS2sStream;

import com.google.common.primitives.Bytes;

/** Hostile XML: what the restricted-XML framer must refuse, and how, before or after authentication. */
final class XmlCases {
    private static final String CATEGORY = "XML";
    private static final String TO_WATCHER = "<message from='carol@hostile.test' to='watcher@james.test' id='x'>";
    private static final int STANZA_CAP = 512 * 1024;

    private XmlCases() {
    }

    private static HostileCase of(String name, String input, String expected, HostileCase.Check check) {
        return new HostileCase(CATEGORY, name, input, expected, check);
    }

    /** Sends {@code xml} on an authenticated stream and expects the stream error {@code condition}. */
    private static HostileCase afterAuth(String name, String input, String xml, String condition) {
        return of(name, input, "`" + condition + "`", run -> assertStreamError(run.authenticated().send(xml), condition));
    }

    /** {@code bytes} inside a body on an authenticated stream: {@code not-well-formed}. */
    private static HostileCase bytesInABody(String name, String input, int... bytes) {
        byte[] raw = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            raw[i] = (byte) bytes[i];
        }
        return of(name, input, "`not-well-formed`", run -> assertStreamError(run.authenticated()
            .send(Bytes.concat(utf8(TO_WATCHER + "<body>a"), raw, utf8("b</body></message>"))), "not-well-formed"));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static List<HostileCase> all() {
        return List.of(
            of("dtdBeforeTheHeader", "`<!DOCTYPE stream [<!ENTITY x 'boom'>]>` before the stream header",
                "`restricted-xml`, our header first, nothing answered", run ->
                    assertStreamError(run.connect().send("<?xml version='1.0'?><!DOCTYPE stream [<!ENTITY x 'boom'>]>"
                        + CaseRun.header()), "restricted-xml")),
            of("billionLaughs", "a DTD defining nested entities (`&lol9;`) before the header", "`restricted-xml`", run ->
                assertStreamError(run.connect().send("<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>"
                    + "<!ENTITY lol2 '&lol;&lol;&lol;&lol;'><!ENTITY lol3 '&lol2;&lol2;&lol2;'>]>"
                    + CaseRun.header() + "<x>&lol3;</x>"), "restricted-xml")),
            of("externalEntity", "`<!ENTITY xxe SYSTEM 'file:///etc/passwd'>` before the header", "`restricted-xml`, no file read",
                run -> assertStreamError(run.connect().send("<?xml version='1.0'?><!DOCTYPE s [<!ENTITY xxe SYSTEM"
                    + " 'file:///etc/passwd'>]>" + CaseRun.header()), "restricted-xml")),
            afterAuth("undeclaredEntity", "`&xxe;` in a body", TO_WATCHER + "<body>&xxe;</body></message>", "restricted-xml"),
            afterAuth("commentAfterAuth", "`<!-- c -->` between stanzas", "<!-- hello -->", "restricted-xml"),
            afterAuth("commentInsideAStanza", "a comment inside `<body>`", TO_WATCHER + "<body>a<!-- c -->b</body></message>",
                "restricted-xml"),
            afterAuth("processingInstruction", "`<?php system('id'); ?>` between stanzas", "<?php system('id'); ?>",
                "restricted-xml"),
            of("processingInstructionBeforeAuth", "a processing instruction right after the header", "`restricted-xml`",
                run -> assertStreamError(run.open().send("<?foo bar?>"), "restricted-xml")),
            afterAuth("nestedTooDeep", "65 nested elements in a message",
                TO_WATCHER + "<x>".repeat(65) + "</x>".repeat(65) + "</message>", "policy-violation"),
            afterAuth("tooManyAttributes", "a message with 65 attributes",
                "<message" + attributes(65) + " from='carol@hostile.test' to='watcher@james.test'/>", "policy-violation"),
            afterAuth("duplicateAttribute", "`<message to='a' to='b'>`",
                "<message from='carol@hostile.test' to='watcher@james.test' to='x@james.test'/>", "not-well-formed"),
            bytesInABody("invalidUtf8", "bytes `C3 28` (a lead byte without its continuation) in a body", 0xC3, 0x28),
            bytesInABody("overlongUtf8", "bytes `C0 BC` (an overlong `<`) in a body", 0xC0, 0xBC),
            bytesInABody("utf8Surrogate", "bytes `ED A0 80` (a UTF-16 surrogate) in a body", 0xED, 0xA0, 0x80),
            bytesInABody("utf8BeyondUnicode", "bytes `F4 90 80 80` (above U+10FFFF) in a body", 0xF4, 0x90, 0x80, 0x80),
            bytesInABody("nulByte", "a NUL byte in a body", 0x00),
            afterAuth("nulCharacterReference", "`&#0;` in a body", TO_WATCHER + "<body>a&#0;b</body></message>", "not-well-formed"),
            afterAuth("nulInAnAttribute", "`id='a&#0;b'`",
                "<message from='carol@hostile.test' to='watcher@james.test' id='a&#0;b'/>", "not-well-formed"),
            afterAuth("mismatchedEndTag", "`<message><body></message>`", TO_WATCHER + "<body></message>", "not-well-formed"),
            afterAuth("unclosedTagThenStreamEnd", "`<message><body>` then `</stream:stream>`",
                TO_WATCHER + "<body>" + "</stream:stream>", "not-well-formed"),
            afterAuth("undeclaredPrefix", "`<evil:message>` with no xmlns:evil", "<evil:message/>", "not-well-formed"),
            of("neverEndingStanza", "a body that never ends (64 KiB writes past the 512 KiB cap)", "`policy-violation` before it ends",
                run -> assertStreamError(endless(run.authenticated().send(TO_WATCHER + "<body>"), "x"), "policy-violation")),
            of("neverEndingStartTag", "`<message a='` and endless bytes", "`policy-violation`", run ->
                assertStreamError(endless(run.open().send("<message a='"), "y"), "policy-violation")),
            of("neverEndingComment", "`<!--` and endless bytes",
                "`policy-violation` once past the cap (a comment that never ends is never seen as one)",
                run -> assertStreamError(endless(run.open().send("<!--"), "z"), "policy-violation")),
            of("trickledStanza", "a stanza sent one byte every 100 ms (each byte resets no timer)",
                "`policy-violation` at `limits/stanzaDeadline` (10 s in the test conf)", run -> {
                    RawS2sStream stream = run.authenticated();
                    String xml = TO_WATCHER + "<body>" + "t".repeat(400) + "</body></message>";
                    for (int i = 0; i < xml.length() && !stream.poll().contains("</stream:stream>"); i++) {
                        stream.send(xml.substring(i, i + 1));
                        Thread.sleep(100);
                    }
                    assertStreamError(stream, "policy-violation");
                }),
            of("headerTooLarge", "a stream header with a 20 KiB attribute", "`policy-violation`", run ->
                assertStreamError(run.connect().send("<?xml version='1.0'?><stream:stream xmlns='jabber:server'"
                    + " xmlns:stream='http://etherx.jabber.org/streams' a='" + "h".repeat(20 * 1024)), "policy-violation")),
            of("predefinedEntitiesAreText", "`&amp;&lt;&gt;&quot;&apos;` and `&#x1F600;` in a subject",
                "delivered: `Subject` decodes to `&<>\"'` and the emoji", run -> {
                    CaseRun.ReceivedMail mail = run.deliver("<subject>&amp;&lt;&gt;&quot;&apos; &#x1F600;</subject><body>b</body>");
                    assertThat(mail.parsed().getSubject()).isEqualTo("&<>\"' \uD83D\uDE00");
                }));
    }

    private static String attributes(int count) {
        StringBuilder attributes = new StringBuilder();
        for (int i = 0; i < count; i++) {
            attributes.append(" a").append(i).append("='v'");
        }
        return attributes.toString();
    }

    /** Writes 64 KiB chunks of {@code filler} until the listener ends the stream, at most twice the stanza cap. */
    private static RawS2sStream endless(RawS2sStream stream, String filler) {
        String chunk = filler.repeat(64 * 1024);
        for (int sent = 0; sent < 2 * STANZA_CAP && !stream.poll().contains("</stream:stream>"); sent += chunk.length()) {
            stream.send(chunk);
        }
        return stream;
    }
}
