package org.jamesxmpp.it.dropin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The drop-in deployment into a James JPA deployment: {@code org.jamesxmpp.jpa.JpaJamesServerMain} (James's JPA server
 * as James 3.8.1's {@code JPAJamesServerMain} composes it; module stock-james-jpa) on its own class path, with James's
 * JPA sample {@code james-database.properties} (embedded Derby) and {@code mailrepositorystore.xml} (file
 * repositories), the same bundle and the same steps as on the memory server, with the JPA extension module README.txt
 * names for a JPA server. Then it restarts James's JVM: James's state and the extension's own survive.
 */
class JpaDropInDeploymentTest extends DropInDeploymentContract {
    private static final String MEMORY_MODULE_LINE = "guice.extension.module=org.jamesxmpp.guice.XmppExtensionModule";
    private static final String JPA_MODULE_LINE = "guice.extension.module=org.jamesxmpp.guice.jpa.XmppJpaExtensionModule";

    private String dialbackSecretBeforeRestart;

    JpaDropInDeploymentTest() {
        super(StockJames.Flavour.JPA, "127.0.75.1", "127.0.75.2");
    }

    @Override
    void configureJames(Path conf) throws Exception {
        copyDirectory(resource("/dropin/jpa-conf"), conf);
        Path mailetContainer = conf.resolve("mailetcontainer.xml");
        // James's JPA sample pipeline differs from the memory one in its repositories only
        Files.writeString(mailetContainer, Files.readString(mailetContainer, StandardCharsets.UTF_8)
            .replace("memory://var/mail/", "file://var/mail/"), StandardCharsets.UTF_8);
    }

    /** README.txt step 2 on a JPA server: the JPA module instead of the memory one. */
    @Override
    void afterInstallingTheBundle(Path conf) throws Exception {
        Path extensions = conf.resolve("extensions.properties");
        String lines = Files.readString(extensions, StandardCharsets.UTF_8);
        assertThat(lines).contains(MEMORY_MODULE_LINE);
        Files.writeString(extensions, lines.replace(MEMORY_MODULE_LINE, JPA_MODULE_LINE), StandardCharsets.UTF_8);
    }

    @Test
    @Order(3)
    void theDomainTheUserAndTheInboxShouldSurviveARestartOfJamesAndTheExtensionShouldServeAgain() throws Exception {
        // the mail to the Prosody user (order 2) made Prosody verify our dialback key: the secret is in use
        dialbackSecretBeforeRestart = Files.readString(dialbackSecret(), StandardCharsets.UTF_8);
        restartJames();

        assertThat(james.get("/domains/" + JAMES_DOMAIN).statusCode()).isEqualTo(204);
        assertThat(james.get("/users").body()).contains("\"" + BOB + "\"");
        assertThat(awaitInboxMessage(1)).containsPattern("(?m)^Subject: Hello from Prosody\\r?$");
        // where James's sample james-database.properties puts the database: one level above the working directory
        assertThat(home().resolveSibling("var/store/derby/seg0")).isDirectory();
        assertThat(home().resolve("var/store/activemq")).isDirectory();

        sendToBob("dropin-jpa-after-restart", "After the restart", "The extension serves again");

        assertThat(awaitInboxMessage(2))
            .containsPattern("(?m)^Subject: After the restart\\r?$")
            .contains("The extension serves again");
        assertThat(james.log()).doesNotContain("No XmlPullParserFactory").doesNotContain("ExceptionInInitializerError");
    }

    @Test
    @Order(4)
    void theExtensionsOwnStateShouldSurviveTheRestartSoThatAStanzaReSentAfterItIsNotDeliveredTwice() throws Exception {
        assertThat(Files.readString(dialbackSecret(), StandardCharsets.UTF_8))
            .isNotBlank()
            .isEqualTo(dialbackSecretBeforeRestart);

        // the first stanza again, as a peer re-sends what it is unsure we got: the dedup window is in the database
        sendToBob("dropin-in-1", "Hello from Prosody", "Sent to a stock James with the bundle dropped in");
        Awaitility.await().atMost(DELIVERY_TIMEOUT).pollInterval(Duration.ofMillis(200))
            .until(() -> james.log().contains("Dropped duplicate XMPP message dropin-in-1 from " + ALICE));
        sendToBob("dropin-jpa-after-duplicate", "After the duplicate", "Delivered once");

        assertThat(awaitInboxMessage(3)).containsPattern("(?m)^Subject: After the duplicate\\r?$");
    }

    /** Where {@code XmppJpaExtensionModule} keeps the dialback secret: below James's working directory. */
    private Path dialbackSecret() {
        return home().resolve("var/store/xmpp/dialback-secret");
    }
}
