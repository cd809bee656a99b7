package org.jamesxmpp.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import javax.mail.internet.MimeMessage;

import org.apache.james.utils.DataProbeImpl;
import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.jamesxmpp.it.ImapMessages;
import org.jamesxmpp.it.JamesUsers;
import org.jamesxmpp.testing.RawS2sStream;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;

/**
 * What a case may do against the running James: open raw streams (as {@value HostilePeer#DOMAIN}, authenticated or
 * not), create a mailbox of its own, and look at what came out: a stream error, a stanza error sent back to the peer
 * domain, a mail. Closes its streams at the end.
 */
final class CaseRun implements AutoCloseable {
    static final String SOURCE = "127.0.90.10";
    static final String PEER_USER = "carol@" + HostilePeer.DOMAIN;
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final AtomicInteger USERS = new AtomicInteger();

    private final JamesUsers users;
    private final HostilePeer peer;
    private final String name;
    private final List<RawS2sStream> streams = new ArrayList<>();

    CaseRun(JamesUsers users, HostilePeer peer, String name) {
        this.users = users;
        this.peer = peer;
        this.name = name;
    }

    String name() {
        return name;
    }

    HostilePeer peer() {
        return peer;
    }

    static String header() {
        return RawS2sStream.streamHeader(HostilePeer.DOMAIN, HostilePeer.JAMES_DOMAIN);
    }

    /** A connection to the listener, nothing sent yet. */
    RawS2sStream connect(String from) throws IOException {
        RawS2sStream stream = RawS2sStream.connect(HostilePeer.JAMES, from);
        streams.add(stream);
        return stream;
    }

    RawS2sStream connect() throws IOException {
        return connect(SOURCE);
    }

    /** A stream whose header ({@value HostilePeer#DOMAIN} to james.test) was answered. */
    RawS2sStream open() throws IOException {
        RawS2sStream stream = connect().send(header());
        stream.streamId();
        return stream;
    }

    /** A stream on which {@value HostilePeer#DOMAIN} authenticated by dialback. */
    RawS2sStream authenticated() throws IOException {
        return authenticated(SOURCE);
    }

    RawS2sStream authenticated(String from) throws IOException {
        RawS2sStream stream = connect(from).send(header());
        String key = peer.key(stream.streamId());
        stream.send("<db:result from='" + HostilePeer.DOMAIN + "' to='" + HostilePeer.JAMES_DOMAIN + "'>" + key + "</db:result>");
        stream.await("type='valid'");
        return stream;
    }

    /** A James user of this case alone. */
    String newUser() throws Exception {
        return users.create("case" + USERS.incrementAndGet());
    }

    /** A James address of this case alone whose mail the domain's mappings forward to {@code target}. */
    String newForward(String target) throws Exception {
        String localPart = "forward" + USERS.incrementAndGet();
        users.server().getProbe(DataProbeImpl.class).addAddressMapping(localPart, users.domain(), target);
        return localPart + "@" + users.domain();
    }

    /** {@code <message>} from {@value #PEER_USER} to {@code to}, id = the case name, with {@code inner} inside. */
    String message(String to, String inner) {
        return "<message from='" + PEER_USER + "' to='" + to + "' id='" + name + "' type='normal'>" + inner + "</message>";
    }

    /** Sends {@code inner} in a message to a new user over an authenticated stream; the mail that arrived. */
    ReceivedMail deliver(String inner) throws Exception {
        return deliverStanza(user -> message(user, inner));
    }

    /** Sends the stanza made for a new user over an authenticated stream; the mail that arrived. */
    ReceivedMail deliverStanza(Function<String, String> stanzaFor) throws Exception {
        String user = newUser();
        authenticated().send(stanzaFor.apply(user));
        return mailOf(user);
    }

    ReceivedMail mailOf(String user) throws Exception {
        try (TestIMAPClient imap = users.imap(user)) {
            imap.select(TestIMAPClient.INBOX).awaitMessageCount(Awaitility.await().atMost(TIMEOUT), 1);
        }
        try (ImapMessages reader = users.reader(user)) {
            return new ReceivedMail(reader.text(TestIMAPClient.INBOX, 1), reader.parsed(TestIMAPClient.INBOX, 1));
        }
    }

    /** The listener ended {@code stream} with this stream error condition and closed it. */
    static void assertStreamError(RawS2sStream stream, String condition) {
        assertThat(stream.await("</stream:stream>"))
            .contains("<stream:error><" + condition + " xmlns='" + RawS2sStream.STREAM_ERRORS + "'/>");
        assertThat(stream.awaitClosedByPeer()).isTrue();
    }

    /** James answered the stanza of this case (its id) with this stanza error condition, sent to the peer domain. */
    void assertStanzaError(StanzaError.Condition condition) throws InterruptedException {
        Stanza answer = peer.awaitStanza(name, TIMEOUT);
        assertThat(answer.getError()).isNotNull();
        assertThat(answer.getError().getCondition()).isEqualTo(condition);
    }

    @Override
    public void close() throws IOException {
        for (RawS2sStream stream : streams) {
            stream.close();
        }
    }

    /** A mail as IMAP gives it: the raw text and as JavaMail reads it. */
    record ReceivedMail(String text, MimeMessage parsed) {
        String headerSection() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? text : text.substring(0, end + 2);
        }

        /** Whether a header line (not a folded continuation) starts with {@code name:}. */
        boolean hasField(String name) {
            return headerSection().lines().anyMatch(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1));
        }
    }
}
