package org.jamesxmpp.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import javax.net.ssl.X509TrustManager;

import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * A real XMPP client (Smack over c2s) logged into a test server as a user: sends messages and
 * collects every message it receives, error messages included.
 */
public final class SmackClient implements AutoCloseable {
    private final XMPPTCPConnection connection;
    private final List<Message> received = new CopyOnWriteArrayList<>();

    private SmackClient(XMPPTCPConnection connection) {
        this.connection = connection;
        connection.addAsyncStanzaListener(stanza -> received.add((Message) stanza), StanzaTypeFilter.MESSAGE);
    }

    /** Connects to {@code server} (c2s) for {@code domain} and logs in as {@code user}. */
    public static SmackClient login(String domain, InetSocketAddress server, String user, String password) {
        try {
            XMPPTCPConnectionConfiguration configuration = XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(domain)
                .setHostAddress(server.getAddress())
                .setPort(server.getPort())
                .setSecurityMode(ConnectionConfiguration.SecurityMode.disabled)
                .setUsernameAndPassword(user, password)
                .setResource("test")
                .setSendPresence(true)
                .build();
            XMPPTCPConnection connection = new XMPPTCPConnection(configuration);
            SmackClient client = new SmackClient(connection);
            connection.connect().login();
            return client;
        } catch (IOException | InterruptedException | SmackException | XMPPException e) {
            throw new IllegalStateException("Cannot log in as " + user + "@" + domain + " at " + server + ": " + e, e);
        }
    }

    /**
     * Connects to our client listener at {@code server} for {@code domain} with STARTTLS required (trusting any
     * certificate: the test servers' are self-signed) and logs in as {@code user} with {@code resource}.
     */
    public static SmackClient loginOverTls(String domain, InetSocketAddress server, String user, String password,
                                           String resource) {
        XMPPTCPConnection connection = connectionOverTls(domain, server, user, password, resource);
        SmackClient client = new SmackClient(connection);
        try {
            connection.connect().login();
            return client;
        } catch (IOException | InterruptedException | SmackException | XMPPException e) {
            connection.disconnect();
            throw new IllegalStateException("Cannot log in as " + user + "@" + domain + " at " + server + ": " + e, e);
        }
    }

    /** A connection (not connected yet) as {@link #loginOverTls} makes it, for tests that expect a failure. */
    public static XMPPTCPConnection connectionOverTls(String domain, InetSocketAddress server, String user, String password,
                                                      String resource) {
        try {
            XMPPTCPConnectionConfiguration configuration = XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(domain)
                .setHostAddress(server.getAddress())
                .setPort(server.getPort())
                .setSecurityMode(ConnectionConfiguration.SecurityMode.required)
                .setCustomX509TrustManager(new TrustAllManager())
                .setHostnameVerifier((host, session) -> true)
                .setUsernameAndPassword(user, password)
                .setResource(resource)
                .setSendPresence(true)
                .build();
            return new XMPPTCPConnection(configuration);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends stanzas with the {@code from} they were built with (Smack leaves it out by default), to test spoofing. */
    public SmackClient keepingFromAddresses() {
        connection.setFromMode(XMPPConnection.FromMode.UNCHANGED);
        return this;
    }

    /** The Smack connection, for the managers of XEPs (carbons, MAM) a test drives. */
    public XMPPTCPConnection connection() {
        return connection;
    }

    public boolean isConnected() {
        return connection.isConnected();
    }

    public EntityBareJid jid() {
        return connection.getUser().asEntityBareJid();
    }

    public void send(Stanza stanza) {
        try {
            connection.sendStanza(stanza);
        } catch (SmackException.NotConnectedException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public Message sendMessage(String to, String body) {
        try {
            Message message = connection.getStanzaFactory().buildMessageStanza()
                .to(JidCreate.from(to))
                .ofType(Message.Type.normal)
                .setBody(body)
                .build();
            send(message);
            return message;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Message> received() {
        return List.copyOf(received);
    }

    /** Waits until {@code count} received messages match, or fails. */
    public List<Message> awaitMessages(Predicate<Message> filter, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<Message> matching = received.stream().filter(filter).toList();
            if (matching.size() >= count) {
                return matching;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Expected " + count + " messages within " + timeout + ", got " + matching.size()
                    + ": " + received.stream().map(Message::toXML).toList());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The full JID the server bound. */
    public String fullJid() {
        return connection.getUser().toString();
    }

    private static final class TrustAllManager implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // test servers only
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // test servers only: self-signed certificates
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
