package org.jamesxmpp.it.dropin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The drop-in deployment into a James JPA deployment: {@code org.jamesxmpp.jpa.JpaJamesServerMain} (James's JPA server
 * as James 3.8.1's {@code JPAJamesServerMain} composes it; module stock-james-jpa) on its own class path, with James's
 * JPA sample {@code james-database.properties} (embedded Derby) and {@code mailrepositorystore.xml} (file
 * repositories), the same bundle and the same steps as on the memory server. Then it restarts James's JVM.
 */
class JpaDropInDeploymentTest extends DropInDeploymentContract {
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

    @Test
    @Order(3)
    void theDomainTheUserAndTheInboxShouldSurviveARestartOfJamesAndTheExtensionShouldServeAgain() throws Exception {
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
}
