package org.jamesxmpp.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import javax.mail.internet.MimeUtility;

import org.jamesxmpp.it.hostile.CaseRun.ReceivedMail;
import org.jamesxmpp.testing.LogCapture;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;

/**
 * Hostile content from an authenticated peer: every stanza field that reaches a mail header carries CR/LF (as
 * character references: XML text cannot hold a NUL, see {@link XmlCases}), forged trace fields, addresses by the
 * thousand, an embedded MIME message with a spoofed {@code From}, a mail loop.
 */
final class ContentCases {
    private static final String CATEGORY = "content";
    private static final String INJECTION = "&#13;&#10;X-Injected: yes";
    private static final String SHIM = "http://jabber.org/protocol/shim";

    private ContentCases() {
    }

    private static HostileCase of(String name, String input, String expected, HostileCase.Check check) {
        return new HostileCase(CATEGORY, name, input, expected, check);
    }

    /** {@code inner} in a message must arrive as a mail with no {@code X-Injected} field, whose field {@code field} holds {@code text}. */
    private static HostileCase injection(String name, String input, String inner, String field, String text) {
        return of(name, input, "delivered; `" + field + "` on one line holding `" + text + "`; no `X-Injected` field", run -> {
            ReceivedMail mail = run.deliver(inner);
            assertNoInjection(mail);
            assertThat(MimeUtility.decodeText(MimeUtility.unfold(mail.parsed().getHeader(field, " "))))
                .contains(text).doesNotContain("\r", "\n");
        });
    }

    private static void assertNoInjection(ReceivedMail mail) throws Exception {
        assertThat(mail.hasField("X-Injected")).as(mail.headerSection()).isFalse();
        assertThat(mail.parsed().getHeader("X-Injected")).isNull();
    }

    private static String shim(String name, String value) {
        return "<headers xmlns='" + SHIM + "'><header name='" + name + "'>" + value + "</header></headers><body>b</body>";
    }

    static List<HostileCase> all() {
        return List.of(
            injection("crLfInTheSubject", "`<subject>` with `&#13;&#10;X-Injected: yes`", "<subject>hi" + INJECTION
                + "</subject><body>b</body>", "Subject", "X-Injected: yes"),
            injection("bareCrInTheSubject", "`<subject>` with a bare `&#13;` before `X-Injected:`",
                "<subject>hi&#13;X-Injected: yes</subject><body>b</body>", "Subject", "X-Injected: yes"),
            injection("bareLfInTheSubject", "`<subject>` with a bare `&#10;`", "<subject>hi&#10;X-Injected: yes</subject>"
                + "<body>b</body>", "Subject", "X-Injected: yes"),
            injection("crLfInTheThread", "`<thread>` with CR/LF", "<thread>t1" + INJECTION + "</thread><body>b</body>",
                "References", "t1"),
            of("crLfInTheStanzaId", "`id` with CR/LF (it becomes the Message-ID)", "delivered; one `Message-ID`; no `X-Injected`",
                run -> {
                    ReceivedMail mail = run.deliverStanza(user -> "<message from='carol@hostile.test' to='" + user
                        + "' id='m1" + INJECTION + "'><body>b</body></message>");
                    assertNoInjection(mail);
                    assertThat(mail.parsed().getHeader("Message-ID")).hasSize(1);
                }),
            injection("crLfInTheOriginId", "XEP-0359 `<origin-id id=…>` with CR/LF", "<origin-id xmlns='urn:xmpp:sid:0' id='o1"
                + INJECTION + "'/><body>b</body>", "Message-ID", "o1"),
            injection("crLfInAReplyId", "XEP-0461 `<reply id=…>` with CR/LF", "<reply xmlns='urn:xmpp:reply:0' id='r1" + INJECTION
                + "'/><body>b</body>", "In-Reply-To", "r1"),
            injection("crLfInACarriedShimHeader", "XEP-0131 `Keywords` with CR/LF", shim("Keywords", "k1" + INJECTION),
                "Keywords", "k1"),
            injection("crLfInTheShimFromName", "XEP-0131 `From` display name with CR/LF",
                shim("From", "Carol" + INJECTION + " &lt;carol@hostile.test&gt;"), "From", "carol@hostile.test"),
            injection("crLfInAnAddressDesc", "XEP-0033 `desc` with CR/LF", "<addresses xmlns='http://jabber.org/protocol/address'>"
                + "<address type='cc' jid='dave@james.test' desc='Dave" + INJECTION + "'/></addresses><body>b</body>",
                "Cc", "dave@james.test"),
            of("crLfInAnAddressUri", "XEP-0033 `uri='mailto:…&#13;&#10;X-Injected: yes'`", "delivered; the address dropped, no `Cc`",
                run -> {
                    ReceivedMail mail = run.deliver("<addresses xmlns='http://jabber.org/protocol/address'><address type='cc'"
                        + " uri='mailto:dave@james.test" + INJECTION + "'/></addresses><body>b</body>");
                    assertNoInjection(mail);
                    assertThat(mail.hasField("Cc")).isFalse();
                }),
            injection("encodedWordHidingCrLf", "`<subject>` `=?UTF-8?B?…?=` that decodes to CR/LF + `X-Injected:`",
                "<subject>=?UTF-8?B?aGkNClgtSW5qZWN0ZWQ6IHllcw==?=</subject><body>b</body>", "Subject",
                "=?UTF-8?B?aGkNClgtSW5qZWN0ZWQ6IHllcw==?="),
            of("crLfInTheBody", "a body holding `\\r\\n\\r\\nX-Injected: yes` at its start", "delivered; the text stays in the body",
                run -> {
                    ReceivedMail mail = run.deliver("<body>&#13;&#10;&#13;&#10;X-Injected: yes</body>");
                    assertNoInjection(mail);
                    assertThat(mail.text()).contains("X-Injected: yes");
                }),
            of("shimHeaderNotCarried", "XEP-0131 `<header name='X-Injected'>`", "dropped (not on the allow-list)",
                run -> assertNoInjection(run.deliver(shim("X-Injected", "yes")))),
            of("forgedJabberId", "XEP-0131 `Jabber-ID: boss@james.test`", "one `Jabber-ID`, ours: `carol@hostile.test`",
                run -> assertThat(run.deliver(shim("Jabber-ID", "boss@james.test")).parsed().getHeader("Jabber-ID"))
                    .containsExactly("carol@hostile.test")),
            of("forgedAuthenticationResults", "XEP-0131 `Authentication-Results: james.test; x-xmpp-s2s=pass (sasl-external, TLS)`",
                "one `Authentication-Results`, ours (dialback, no TLS)", run -> {
                    String[] results = run.deliver(shim("Authentication-Results", "james.test; x-xmpp-s2s=pass"
                        + " (sasl-external, TLS)")).parsed().getHeader("Authentication-Results");
                    assertThat(results).hasSize(1);
                    assertThat(results[0]).contains("dialback").doesNotContain("sasl-external");
                }),
            of("forgedReceived", "XEP-0131 `Received: from trusted.example`", "only our `Received` (from hostile.test)",
                run -> assertThat(run.deliver(shim("Received", "from trusted.example")).parsed().getHeader("Received"))
                    .singleElement().asString().startsWith("from hostile.test")),
            of("spoofedShimFrom", "XEP-0131 `From: Boss <boss@james.test>`", "`From: carol@hostile.test`",
                run -> assertThat(run.deliver(shim("From", "Boss &lt;boss@james.test&gt;")).parsed().getHeader("From"))
                    .containsExactly("carol@hostile.test")),
            of("spoofedFromInEmbeddedMime", "`<mime xmlns='urn:jamesxmpp:mime:0'>` (from a peer not in"
                    + " `inbound/originalMimeFrom`) with `From: Boss <boss@james.test>`, `Subject: wire money`",
                "ignored: `From: carol@hostile.test`, the stanza's subject", run -> {
                    String mime = Base64.getEncoder().encodeToString(("From: Boss <boss@james.test>\r\nSubject: wire money\r\n"
                        + "\r\nnow\r\n").getBytes(StandardCharsets.US_ASCII));
                    ReceivedMail mail = run.deliver("<subject>hello</subject><body>b</body><mime xmlns='urn:jamesxmpp:mime:0'>"
                        + mime + "</mime>");
                    assertThat(mail.parsed().getHeader("From")).containsExactly("carol@hostile.test");
                    assertThat(mail.parsed().getSubject()).isEqualTo("hello");
                }),
            of("thousandsOfAddresses", "XEP-0033 with 5,000 `cc` addresses (under the stanza cap)",
                "stanza error `not-acceptable` (more than `mapping/maxAddresses`), no mail", run -> {
                    StringBuilder addresses = new StringBuilder("<addresses xmlns='http://jabber.org/protocol/address'>");
                    for (int i = 0; i < 5000; i++) {
                        addresses.append("<address type='cc' jid='u").append(i).append("@elsewhere.test'/>");
                    }
                    run.authenticated().send(run.message(run.newUser(), addresses + "</addresses><body>b</body>"));
                    run.assertStanzaError(StanzaError.Condition.not_acceptable);
                }),
            of("crLfInTheIdIsNotALogLine", "`id='l1&#13;&#10;12:00:00.000 INFO  forged'`", "logged as `l1\\r\\n12:00…` on one line",
                run -> {
                    List<String> messages;
                    try (LogCapture logs = LogCapture.of("org.jamesxmpp")) {
                        run.deliverStanza(user -> "<message from='carol@hostile.test' to='" + user
                            + "' id='l1&#13;&#10;12:00:00.000 INFO  forged'><body>b</body></message>");
                        messages = logs.messages();
                    }
                    assertThat(messages).anySatisfy(message -> assertThat(message).contains("l1\\r\\n12:00:00.000 INFO  forged"));
                    assertThat(messages).allSatisfy(message -> assertThat(message).doesNotContain("\r", "\n"));
                }),
            new HostileCase("relay", "mailLoop", "a message to a James address forwarding to `carol@hostile.test`",
                "not sent back over XMPP to the domain it came from: hostile.test gets no copy of the body", run -> {
                    String forward = run.newForward(CaseRun.PEER_USER);
                    run.authenticated().send(run.message(forward, "<body>round and round</body>"));
                    List<Stanza> back = run.peer().collect(Duration.ofSeconds(5));
                    assertThat(back).noneSatisfy(stanza -> assertThat(stanza.toXML().toString()).contains("round and round"));
                }));
    }
}
