package org.jamesxmpp.core.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.jamesxmpp.core.outgoing.EncodedMail;
import org.jamesxmpp.core.s2s.S2sSettings;
import org.jamesxmpp.core.s2s.codec.StandaloneStanzas;
import org.jivesoftware.smack.packet.Message;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

final class Fixtures {
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private Fixtures() {
    }

    /** A stanza read as a peer's stream would be: the engine's decoder and codec. */
    static Message parse(String xml) {
        return StandaloneStanzas.parseMessage(xml, S2sSettings.DEFAULT_MAX_STANZA_SIZE);
    }

    /** The stanza as the peer reads it. */
    static Message message(EncodedMail.Recipient recipient) {
        return parse(recipient.stanza().xml());
    }

    static MailAddress address(String value) {
        try {
            return new MailAddress(value);
        } catch (AddressException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static InboundContext context(String peerDomain) {
        try {
            return InboundContext.of(JidCreate.domainBareFrom(peerDomain), AuthMethod.DIALBACK, true, "mx.james.test", CLOCK);
        } catch (XmppStringprepException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A context of a peer whose original MIME element is accepted (inbound/originalMimeFrom). */
    static InboundContext trustedContext(String peerDomain) {
        InboundContext context = context(peerDomain);
        return new InboundContext(context.peerDomain(), context.authMethod(), context.tls(), context.receivingHost(),
            context.clock(), context.options().withOriginalMimePeers(Set.of(peerDomain)));
    }

    static byte[] resource(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/mapping/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resourceText(String path) {
        return new String(resource(path), StandardCharsets.UTF_8);
    }

    static byte[] crlf(String mail) {
        return mail.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static String text(InboundMail mail) {
        return new String(mail.mimeBytes(), StandardCharsets.UTF_8);
    }
}
