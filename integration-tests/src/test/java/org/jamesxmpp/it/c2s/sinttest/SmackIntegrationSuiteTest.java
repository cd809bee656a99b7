package org.jamesxmpp.it.c2s.sinttest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.io.FileHandler;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.jamesxmpp.it.JamesUsers;
import org.jamesxmpp.it.JamesXmppServerExtension;
import org.jamesxmpp.listener.configuration.AdminConfiguration;
import org.jamesxmpp.listener.configuration.C2sConfiguration;
import org.jamesxmpp.listener.configuration.XmppConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

import com.google.common.collect.Sets;
import com.google.inject.Module;

/**
 * Smack's own integration test suite (sinttest 4.5.0-beta5, three accounts) against our client listener on
 * 127.0.130.1:5222, James in-process. The domain is {@code localhost} because the bundled self-signed certificate
 * names localhost; the suite's JVM takes that keystore as its trust store. docs/c2s.md has the table of what passes and why the rest does not.
 */
class SmackIntegrationSuiteTest {
    private static final String DOMAIN = "localhost";
    /** Another loopback /24 with {@code -Djamesxmpp.sinttest.net=127.0.190} (e.g. to run beside other tests). */
    private static final String NET = System.getProperty("jamesxmpp.sinttest.net", "127.0.130");
    private static final String C2S_ADDRESS = NET + ".1";
    private static final String PASSWORD = "sinttest-secret";
    /** The administrator the framework registers the low-level tests' accounts with (XEP-0133). */
    private static final String ADMIN = "sinttest-admin";
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    /**
     * The tests that pass, each named Class.method; the run fails when one of them fails or does not run. The
     * table in docs/c2s.md says why every other test of the suite fails or cannot run.
     */
    static final List<String> PASSING = List.of(
        "AdHocCommandIntegrationTest.multiStageAdHocCommandTest",
        "AdHocCommandIntegrationTest.multiStageInvalidArgAdHocCommandTest",
        "AdHocCommandIntegrationTest.multiStageWithPrevAdHocCommandTest",
        "AdHocCommandIntegrationTest.singleStageAdHocCommandTest",
        "ChatStateIntegrationTest.testChatStateListeners",
        "ChatTest.chatManagerTest",
        "EntityCapsTest.testCapsChanged",
        "EntityCapsTest.testEntityCaps",
        "EntityCapsTest.testLocalEntityCaps",
        "EntityCapsTest.testPreventDiscoInfo",
        "FileTransferIntegrationTest.ibbFileTransferTest",
        "FormTest.testFilloutForm",
        "IncomingMessageListenerIntegrationTest.test",
        "IoTControlIntegrationTest.controlTest",
        "LoginIntegrationTest.testInvalidLogin",
        "MamIntegrationTest.mamTest",
        "ModularXmppClientToServerConnectionLowLevelIntegrationTest.testDisconnectNeverConnected",
        "OutgoingMessageListenerIntegrationTest.outgoingMessageListenerTest",
        "PingIntegrationTest.pingAsync",
        "PingIntegrationTest.pingServer",
        "RosterIntegrationTest.subscribeRequestListenerTest",
        "RosterIntegrationTest.testCurrentPresenceSentAfterSubscriptionApproval",
        "RosterIntegrationTest.testPresenceApprovalStampedAndDelivered",
        "RosterIntegrationTest.testPresenceApprovalYieldsRosterPush",
        "RosterIntegrationTest.testPresenceApprovalYieldsRosterPush2",
        "RosterIntegrationTest.testPresenceDeliveredToRecipient",
        "RosterIntegrationTest.testRosterPushAfterSubscriptionRequest",
        "SimpleXmppConnectionIntegrationTest.createConnectionTest",
        "SoftwareInfoIntegrationTest.test",
        "StreamManagementTest.testStreamManagement",
        "VersionIntegrationTest.testVersion",
        "WaitForClosingStreamElementTest.waitForClosingStreamElementTest",
        "XmppConnectionIntegrationTest.allToAllMessageSendTest");
    /** {@code -Djamesxmpp.sinttest.all=true} runs the whole suite (what registration allows) to redo the table. */
    private static final boolean WHOLE_SUITE = Boolean.getBoolean("jamesxmpp.sinttest.all");
    /**
     * {@code -Djamesxmpp.sinttest.only=Class[.method],...} runs only these, with every stanza in the output (Smack's
     * console debugger), to find out why they fail; the run then checks nothing else.
     */
    private static final String ONLY = System.getProperty("jamesxmpp.sinttest.only", "");

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = JamesXmppServerExtension.build(clientListenerOnOwnAddress());

    private static Module clientListenerOnOwnAddress() {
        try {
            XMLConfiguration xml = new XMLConfiguration();
            new FileHandler(xml).load(new StringReader("<xmpp><listener><bind>" + NET + ".3:5269</bind></listener>"
                + "<c2s><bind>" + C2S_ADDRESS + ":5222</bind><tls><keystore>classpath://keystore</keystore>"
                + "<secret>james-xmpp</secret></tls></c2s></xmpp>"));
            XmppConfiguration configuration = XmppConfiguration.from(xml);
            C2sConfiguration c2s = C2sConfiguration.from(xml);
            AdminConfiguration admins = new AdminConfiguration(Set.of(JidCreate.entityBareFrom(ADMIN + "@" + DOMAIN)));
            return binder -> {
                binder.bind(XmppConfiguration.class).toInstance(configuration);
                binder.bind(C2sConfiguration.class).toInstance(c2s);
                binder.bind(AdminConfiguration.class).toInstance(admins);
            };
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void passingSetOfSmackIntegrationSuiteShouldPass(GuiceJamesServer server) throws Exception {
        JamesUsers users = new JamesUsers(server, DOMAIN, PASSWORD).ensureDomain();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("sinttest.service", DOMAIN);
        properties.put("sinttest.host", C2S_ADDRESS);
        properties.put("sinttest.securityMode", "required");
        properties.put("javax.net.ssl.trustStore", trustStore().toString());
        properties.put("javax.net.ssl.trustStorePassword", "james-xmpp");
        properties.put("javax.net.ssl.trustStoreType", "PKCS12");
        properties.put("sinttest.replyTimeout", "10000");
        properties.put("sinttest.enabledConnections", "tcp");
        for (String account : List.of("One", "Two", "Three")) {
            String localPart = "sinttest-" + account.toLowerCase(Locale.ROOT);
            // the framework registers them itself (XEP-0133, as the administrator below) and deletes them at the end
            properties.put("sinttest.account" + account + "Username", localPart);
            properties.put("sinttest.account" + account + "Password", PASSWORD);
        }
        users.create(ADMIN);
        properties.put("sinttest.accountRegistration", "serviceAdministration");
        properties.put("sinttest.adminAccountUsername", ADMIN);
        properties.put("sinttest.adminAccountPassword", PASSWORD);
        if (!ONLY.isEmpty()) {
            properties.put("sinttest.enabledTests", ONLY);
            properties.put("sinttest.debugger", "console");
        } else if (!WHOLE_SUITE) {
            properties.put("sinttest.enabledTests", String.join(",", PASSING));
        }

        SinttestReport report = new SinttestProcess(Path.of(System.getProperty("jamesxmpp.sinttestClasspath")), properties,
            Path.of("target", "sinttest-output.txt"), TIMEOUT).run();
        if (!ONLY.isEmpty()) {
            assertThat(Sets.union(report.succeeded(), report.failed())).as("the tests named ran; see target/sinttest-output.txt")
                .isNotEmpty();
            return;
        }

        assertThat(report.succeeded()).as("see target/sinttest-output.txt").containsAll(PASSING);
        if (!WHOLE_SUITE) {
            assertThat(report.failed()).as("see target/sinttest-output.txt").isEmpty();
            assertThat(report.exitStatus()).isZero();
        }
    }

    /** The bundled keystore as the suite's trust store: its self-signed certificate is the one trusted. */
    private static Path trustStore() throws Exception {
        return Path.of(SmackIntegrationSuiteTest.class.getResource("/keystore").toURI()).toAbsolutePath();
    }
}
