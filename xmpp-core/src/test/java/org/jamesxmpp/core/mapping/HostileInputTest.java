package org.jamesxmpp.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jamesxmpp.core.mapping.Fixtures.address;
import static org.jamesxmpp.core.mapping.Fixtures.crlf;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jamesxmpp.core.outgoing.EncodedMail;
import org.jamesxmpp.core.outgoing.MailEncoder;
import org.jamesxmpp.core.s2s.codec.StreamErrorCondition;
import org.jamesxmpp.core.s2s.codec.StreamException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Broken and malicious input: each case has a defined outcome. The timeout is a hang guard, not a speed check.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileInputTest {
    private static final Set<StreamErrorCondition> RESTRICTED_OR_MALFORMED =
        Set.of(StreamErrorCondition.RESTRICTED_XML, StreamErrorCondition.NOT_WELL_FORMED);
    private static final String HEADERS = "From: bob@james.test\r\nTo: alice@a.test\r\nSubject: s\r\nMessage-ID: <h@james.test>\r\n";

    private static EncodedMail outbound(byte[] mail) throws MappingException {
        return MailEncoder.encode(mail, address("bob@james.test"), List.of(address("alice@a.test")), MappingOptions.defaults());
    }

    private static Message body(byte[] mail) throws MappingException {
        return Fixtures.parse(outbound(mail).stanzas().get(0).stanza().xml());
    }

    @Test
    void outboundShouldKeepTextWhenClosingBoundaryMissing() throws Exception {
        byte[] mail = crlf(HEADERS + "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\npart one\n--b\nContent-Type: text/plain\n\npart two\n");

        assertThat(body(mail).getBody()).isEqualTo("part one\n\npart two");
    }

    @Test
    void outboundShouldGiveEmptyBodyWhenBoundaryNeverAppears() throws Exception {
        byte[] mail = crlf(HEADERS + "Content-Type: multipart/mixed; boundary=nowhere\n\njust text without parts\n");

        assertThat(body(mail).getBody()).isEmpty();
    }

    @Test
    void outboundShouldReadAsTextWhenMultipartHasNoBoundaryParameter() throws Exception {
        byte[] mail = crlf(HEADERS + "Content-Type: multipart/mixed\n\nplain after all\n");

        assertThat(body(mail).getBody()).isEqualTo("plain after all");
    }

    @Test
    void outboundShouldDropNulAndControlCharactersWhenPresent() throws Exception {
        byte[] mail = crlf("From: bob@james.test\nTo: alice@a.test\nSubject: a\u0000b\u0007c\n\nx\u0000y\u001bz\n");

        Message message = body(mail);

        assertThat(message.getSubject()).isEqualTo("abc");
        assertThat(message.getBody()).isEqualTo("xyz");
    }

    @Test
    void outboundShouldReplaceInvalidUtf8WhenCharsetIsUtf8() throws Exception {
        byte[] head = crlf(HEADERS + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n");
        byte[] mail = concat(head, new byte[] {'o', 'k', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '!'});

        assertThat(body(mail).getBody()).isEqualTo("ok\uFFFD(\uFFFD!");
    }

    @Test
    void outboundShouldFallBackToWindows1252WhenUndeclared8bitIsNotUtf8() throws Exception {
        byte[] head = crlf(HEADERS + "\n");
        byte[] mail = concat(head, new byte[] {'c', 'a', 'f', (byte) 0xE9, ' ', (byte) 0x80});

        assertThat(body(mail).getBody()).isEqualTo("café €");
    }

    @Test
    void outboundShouldRefuseWhenNestingTooDeep() {
        StringBuilder mail = new StringBuilder(HEADERS);
        for (int i = 0; i < 200; i++) {
            mail.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\n\n--b").append(i).append('\n');
        }
        mail.append("Content-Type: text/plain\n\ndeep\n");

        assertThatThrownBy(() -> outbound(crlf(mail.toString())))
            .isInstanceOfSatisfying(MappingException.class, e -> {
                assertThat(e.getReason()).isEqualTo(MappingException.Reason.MALFORMED_MIME);
                assertThat(e.dsnStatus()).isEqualTo("5.6.0");
            });
    }

    @Test
    void outboundShouldRefuseWhenHeaderIsHuge() {
        byte[] mail = crlf(HEADERS + "X-Big: " + "a".repeat(200_000) + "\n\nbody\n");

        assertThatThrownBy(() -> outbound(mail))
            .isInstanceOfSatisfying(MappingException.class, e -> assertThat(e.getReason()).isEqualTo(MappingException.Reason.MALFORMED_MIME));
    }

    @Test
    void outboundShouldRefuseWhenTooManyHeaderFields() {
        byte[] mail = crlf(HEADERS + "X-Many: v\n".repeat(5000) + "\nbody\n");

        assertThatThrownBy(() -> outbound(mail))
            .isInstanceOfSatisfying(MappingException.class, e -> assertThat(e.getReason()).isEqualTo(MappingException.Reason.MALFORMED_MIME));
    }

    @Test
    void outboundShouldCutSubjectWhenOverlong() throws Exception {
        byte[] mail = crlf("From: bob@james.test\nSubject: " + "word ".repeat(1000) + "\n\nx\n");

        assertThat(body(mail).getSubject()).hasSizeLessThanOrEqualTo(MailHeaders.MAX_VALUE_CHARS).endsWith(" [...]");
    }

    @Test
    void outboundShouldGiveDefinedResultWhenInputIsRandomBytes() {
        Random random = new Random(42);
        for (int i = 0; i < 50; i++) {
            byte[] garbage = new byte[1 + random.nextInt(20_000)];
            random.nextBytes(garbage);
            try {
                EncodedMail result = outbound(garbage);
                Message stanza = Fixtures.parse(result.stanzas().get(0).stanza().xml());
                assertThat(stanza.getTo().toString()).isEqualTo("alice@a.test");
                assertThat(stanza.getFrom().asBareJid().toString()).isEqualTo("bob@james.test");
            } catch (MappingException e) {
                assertThat(e.getReason()).isIn(MappingException.Reason.MALFORMED_MIME, MappingException.Reason.TOO_LARGE);
            }
        }
    }

    @Test
    void outboundShouldRefuseWhenMailOverMimeLimit() {
        byte[] mail = crlf(HEADERS + "\n" + "x".repeat(5000) + "\n");

        assertThatThrownBy(() -> MailEncoder.encode(mail, address("bob@james.test"), List.of(address("alice@a.test")),
            MappingOptions.defaults().withMaxMimeBytes(1000)))
            .isInstanceOfSatisfying(MappingException.class, e -> assertThat(e.dsnStatus()).isEqualTo("5.3.4"));
    }

    @Test
    void parserShouldRefuseWhenDoctypePresent() {
        assertRefused(RESTRICTED_OR_MALFORMED, "<!DOCTYPE message [<!ENTITY x 'y'>]><message xmlns='jabber:server' from='a@a.test' to='b@james.test'><body>&x;</body></message>");
    }

    @Test
    void parserShouldRefuseWhenEntityExpansionAttempted() {
        assertRefused(RESTRICTED_OR_MALFORMED, "<!DOCTYPE lolz [<!ENTITY lol 'lol'><!ENTITY lol2 '&lol;&lol;&lol;&lol;'>]>"
            + "<message xmlns='jabber:server' from='a@a.test' to='b@james.test'><body>&lol2;</body></message>");
    }

    @Test
    void parserShouldRefuseWhenUndeclaredEntityUsed() {
        assertRefused(RESTRICTED_OR_MALFORMED, "<message xmlns='jabber:server' from='a@a.test' to='b@james.test'><body>&xxe;</body></message>");
    }

    @Test
    void parserShouldRefuseWhenCommentOrProcessingInstruction() {
        assertRefused(RESTRICTED_OR_MALFORMED, "<message xmlns='jabber:server' from='a@a.test' to='b@james.test'><!-- c --><body>x</body></message>");
        assertRefused(RESTRICTED_OR_MALFORMED, "<?xml-stylesheet href='x'?><message xmlns='jabber:server' from='a@a.test' to='b@james.test'><body>x</body></message>");
    }

    @Test
    void parserShouldRefuseWhenNestedTooDeep() {
        String xml = "<message xmlns='jabber:server' from='a@a.test' to='b@james.test'>" + "<x xmlns='urn:x'>".repeat(10_000)
            + "</x>".repeat(10_000) + "</message>";

        assertRefused(Set.of(StreamErrorCondition.POLICY_VIOLATION), xml);
    }

    @Test
    void parserShouldNotBeFooledByTagsInsideAttributeValues() {
        String xml = "<message xmlns='jabber:server' from='a@a.test' to='b@james.test'>"
            + "<x xmlns='urn:x' a='/&gt;/&gt;/&gt;' b=\"'/>'\">".repeat(70) + "</x>".repeat(70) + "</message>";

        assertRefused(Set.of(StreamErrorCondition.POLICY_VIOLATION), xml);
    }

    @Test
    void parserShouldRefuseWhenNotWellFormedOrNotAMessage() {
        assertRefused(Set.of(StreamErrorCondition.NOT_WELL_FORMED), "<message xmlns='jabber:server' from='a@a.test' to='b@james.test'><body>x</message>");
        assertRefused(Set.of(StreamErrorCondition.BAD_FORMAT), "<iq xmlns='jabber:server' type='get' id='1'/>");
        assertRefused(Set.of(StreamErrorCondition.BAD_FORMAT), "<message xmlns='urn:other' from='a@a.test'/>");
    }

    @Test
    void parserShouldAcceptUtf8BytesWhenGivenBytes() throws Exception {
        byte[] xml = "<message xmlns='jabber:server' from='a@a.test' to='b@james.test'><body>Grüße 😀</body></message>"
            .getBytes(StandardCharsets.UTF_8);

        assertThat(Fixtures.parse(new String(xml, StandardCharsets.UTF_8)).getBody()).isEqualTo("Grüße 😀");
    }

    @Test
    void inboundShouldRefuseWhenOriginalMimeIsNotBase64() throws Exception {
        Message stanza = Fixtures.parse("<message xmlns='jabber:server' from='a@a.test' to='b@james.test'>"
            + "<body>x</body><mime xmlns='urn:jamesxmpp:mime:0'>%%% not base64 %%%</mime></message>");

        assertThatThrownBy(() -> StanzaToMime.convert(stanza, Fixtures.trustedContext("a.test")))
            .isInstanceOfSatisfying(MappingException.class, e -> assertThat(e.getReason()).isEqualTo(MappingException.Reason.MALFORMED_STANZA));
    }

    @Test
    void inboundShouldRefuseWithNotAcceptableWhenTooManyAddresses() throws Exception {
        String addresses = "<address type='to' jid='x@a.test'/>".repeat(51);
        Message stanza = Fixtures.parse("<message xmlns='jabber:server' from='a@a.test' to='b@james.test'><body>x</body>"
            + "<addresses xmlns='http://jabber.org/protocol/address'>" + addresses + "</addresses></message>");

        assertThatThrownBy(() -> StanzaToMime.convert(stanza, Fixtures.context("a.test")))
            .isInstanceOfSatisfying(MappingException.class, e -> assertThat(e.stanzaErrorCondition())
                .isEqualTo(StanzaError.Condition.not_acceptable));
    }

    @Test
    void inboundShouldRefuseWhenRecipientIsDomainJid() throws Exception {
        Message stanza = Fixtures.parse("<message xmlns='jabber:server' from='a@a.test' to='james.test'><body>x</body></message>");

        assertThatThrownBy(() -> StanzaToMime.convert(stanza, Fixtures.context("a.test")))
            .isInstanceOfSatisfying(MappingException.class, e -> assertThat(e.getReason()).isEqualTo(MappingException.Reason.UNMAPPABLE_RECIPIENT));
    }

    @Test
    void inboundShouldKeepEveryHeaderOnOneLineWhenFieldsCarryLineBreaks() throws Exception {
        Message stanza = Fixtures.parse("<message xmlns='jabber:server' from='a@a.test' to='b@james.test' id='x&#10;Bcc: v@james.test'>"
            + "<subject>s&#13;&#10;Bcc: v@james.test</subject><body>x</body><thread>t&#13;X: y</thread></message>");

        String mime = Fixtures.text((InboundMail) StanzaToMime.convert(stanza, Fixtures.context("a.test")));
        String headerSection = mime.substring(0, mime.indexOf("\r\n\r\n"));

        assertThat(headerSection.lines()).noneMatch(line -> line.startsWith("Bcc") || line.startsWith("X:"));
        assertThat(headerSection).doesNotContain("\r\r").doesNotContain("\n\n");
    }

    /** Hostile XML is refused by the engine's decoder with the stream error a peer would get. */
    private static void assertRefused(Set<StreamErrorCondition> conditions, String xml) {
        assertThatThrownBy(() -> Fixtures.parse(xml))
            .isInstanceOfSatisfying(StreamException.class, e -> assertThat(e.condition()).isIn(conditions));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] result = new byte[first.length + second.length];
        System.arraycopy(first, 0, result, 0, first.length);
        System.arraycopy(second, 0, result, first.length, second.length);
        return result;
    }
}
