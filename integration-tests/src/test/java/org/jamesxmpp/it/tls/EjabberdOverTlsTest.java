package org.jamesxmpp.it.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.jamesxmpp.it.JamesUsers;
import org.jamesxmpp.it.JamesXmppServerExtension;
import org.jamesxmpp.listener.configuration.XmppConfiguration;
import org.jamesxmpp.testing.EjabberdPeer;
import org.jamesxmpp.testing.EjabberdTls;
import org.jamesxmpp.testing.SmackClient;
import org.jamesxmpp.testing.TestPki;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

import com.google.inject.Module;

/**
 * James (as the run command builds it) with STARTTLS on its s2s listener, certificate and truststore from the test
 * PKI, and a real ejabberd 23.01 over TLS both ways. Inbound, the method is read where a user sees it: the
 * {@code Authentication-Results} of the mail in IMAP; outbound, from ejabberd's log line for our stream.
 */
class EjabberdOverTlsTest {
    static final String JAMES_DOMAIN = "james.test";
    static final String JAMES_ADDRESS = "127.0.81.3";
    static final String PEER_DOMAIN = "ejabberd.test";
    static final String PEER_ADDRESS = "127.0.81.2";
    static final String PASSWORD = "secret";
    static final String SECRET = "changeit";
    static final ConditionFactory AWAIT = Awaitility.await().atMost(Duration.ofSeconds(30));
    static final TestPki PKI = TestPki.create();
    static final Path DIRECTORY = directory();

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = JamesXmppServerExtension.build(tlsConfiguration());

    EjabberdPeer ejabberd;

    @AfterEach
    void tearDown() {
        Optional.ofNullable(ejabberd).ifPresent(EjabberdPeer::close);
    }

    /** The stores were read when James started. */
    @AfterAll
    static void deleteStores() throws IOException {
        Files.deleteIfExists(DIRECTORY.resolve("james.p12"));
        Files.deleteIfExists(DIRECTORY.resolve("trust.p12"));
        Files.deleteIfExists(DIRECTORY);
    }

    @Test
    void saslExternalShouldAuthenticateBothWaysAndShowInTheMail(GuiceJamesServer server) throws Exception {
        startEjabberd(new EjabberdTls(PKI.issue(PEER_DOMAIN), PKI, false));

        assertMessagesFlowBothWays(server, "sasl-external", "EXTERNAL", "ext");
    }

    @Test
    void dialbackOverTlsShouldAuthenticateBothWaysWhenNeitherSideTrustsTheOther(GuiceJamesServer server) throws Exception {
        startEjabberd(new EjabberdTls(TestPki.create().issue(PEER_DOMAIN), TestPki.create(), false));

        assertMessagesFlowBothWays(server, "dialback", "dialback", "db");
    }

    private void assertMessagesFlowBothWays(GuiceJamesServer server, String ourMethod, String ejabberdMethod, String tag)
        throws Exception {
        JamesUsers users = new JamesUsers(server, JAMES_DOMAIN, PASSWORD).ensureDomain();
        String bob = users.create("bob-" + tag);
        try (SmackClient alice = SmackClient.login(PEER_DOMAIN, ejabberd.c2sAddress(), "alice", PASSWORD)) {
            users.submit(bob, "alice@" + PEER_DOMAIN, "From: " + bob + "\r\nTo: alice@" + PEER_DOMAIN + "\r\n"
                + "Subject: over TLS " + tag + "\r\n\r\nhello alice\r\n");
            alice.awaitMessages(m -> ("over TLS " + tag).equals(m.getSubject()), 1, Duration.ofSeconds(40));
            assertEjabberdLog("inbound", ejabberdMethod, JAMES_DOMAIN, PEER_DOMAIN);

            alice.send(StanzaBuilder.buildMessage("tls-" + tag)
                .to(JidCreate.from(bob))
                .ofType(Message.Type.normal)
                .setSubject("back over TLS")
                .setBody("hello bob")
                .build());

            try (TestIMAPClient imap = users.imap(bob)) {
                imap.select(TestIMAPClient.INBOX).awaitMessageCount(AWAIT, 1);
                assertThat(users.reader(bob).text(TestIMAPClient.INBOX, 1))
                    .containsPattern("(?m)^Authentication-Results:[^\\r\\n]*(\\r?\\n[ \\t][^\\r\\n]*)*?x-xmpp-s2s=pass\\s+\\("
                        + ourMethod + ",\\s+TLS\\)")
                    .contains("hello bob");
            }
            assertEjabberdLog("outbound", ejabberdMethod, PEER_DOMAIN, JAMES_DOMAIN);
        }
    }

    private void assertEjabberdLog(String direction, String method, String from, String to) {
        Pattern line = Pattern.compile("\\(tls\\|[^)]*\\) Accepted " + direction + " s2s " + Pattern.quote(method)
            + " authentication " + Pattern.quote(from) + " -> " + Pattern.quote(to) + " ");
        AWAIT.untilAsserted(() -> assertThat(ejabberd.log()).containsPattern(line));
    }

    private void startEjabberd(EjabberdTls tls) {
        ejabberd = EjabberdPeer.builder(PEER_DOMAIN, PEER_ADDRESS)
            .resolve(JAMES_DOMAIN, JAMES_ADDRESS)
            .user("alice", PASSWORD)
            .tls(tls)
            .start();
    }

    private static Path directory() {
        try {
            return Files.createTempDirectory("james-xmpp-tls-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The s2s part of xmpp.xml with our certificate and truststore from {@link #PKI}; TLS optional, checked. */
    private static Module tlsConfiguration() {
        Path keyStore = PKI.issue(JAMES_DOMAIN).writeKeyStore(DIRECTORY.resolve("james.p12"), SECRET);
        Path trustStore = PKI.writeTrustStore(DIRECTORY.resolve("trust.p12"), SECRET);
        String xml = "<xmpp><listener><bind>" + JAMES_ADDRESS + ":5269</bind></listener>"
            + "<tls><keystore>file://" + keyStore.toAbsolutePath() + "</keystore><secret>" + SECRET + "</secret>"
            + "<truststore>file://" + trustStore.toAbsolutePath() + "</truststore><truststoreSecret>" + SECRET
            + "</truststoreSecret><required>false</required></tls>"
            + "<streams><streamManagement>false</streamManagement></streams>"
            + "<routes><route domain=\"" + PEER_DOMAIN + "\" host=\"" + PEER_ADDRESS + "\" port=\"5269\"/></routes></xmpp>";
        try {
            XMLConfiguration configuration = new XMLConfiguration();
            new FileHandler(configuration).load(new StringReader(xml));
            XmppConfiguration xmpp = XmppConfiguration.from(configuration);
            return binder -> binder.bind(XmppConfiguration.class).toInstance(xmpp);
        } catch (ConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
