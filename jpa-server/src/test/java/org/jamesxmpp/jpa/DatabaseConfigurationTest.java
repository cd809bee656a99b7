package org.jamesxmpp.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.junit.jupiter.api.Test;

class DatabaseConfigurationTest {
    private static final Path DATA = Path.of("/srv/james");

    @Test
    void fromShouldPlaceARelativeDerbyDatabaseBelowTheWorkingDirectory() throws Exception {
        DatabaseConfiguration testee = DatabaseConfiguration.from(properties(
            "database.driverClassName", "org.apache.derby.jdbc.EmbeddedDriver",
            "database.url", "jdbc:derby:var/store/derby;create=true"), DATA);

        assertThat(testee.url()).isEqualTo("jdbc:derby:/srv/james/var/store/derby;create=true");
    }

    @Test
    void fromShouldKeepOtherUrlsAsTheyAre() throws Exception {
        assertThat(DerbyUrl.resolve("jdbc:derby:/var/lib/derby;create=true", DATA)).isEqualTo("jdbc:derby:/var/lib/derby;create=true");
        assertThat(DerbyUrl.resolve("jdbc:derby:memory:test;create=true", DATA)).isEqualTo("jdbc:derby:memory:test;create=true");
        assertThat(DerbyUrl.resolve("jdbc:postgresql://127.0.0.1/james", DATA)).isEqualTo("jdbc:postgresql://127.0.0.1/james");
    }

    @Test
    void entityManagerFactoryPropertiesShouldCarryTheConnectionPoolAndOpenJpaSettings() throws Exception {
        DatabaseConfiguration testee = DatabaseConfiguration.from(properties(
            "database.driverClassName", "org.postgresql.Driver",
            "database.url", "jdbc:postgresql://127.0.0.1/james",
            "database.username", "james",
            "database.password", "secret",
            "datasource.maxTotal", "8",
            "datasource.validationQueryTimeoutSec", "2",
            "openjpa.Log", "DefaultLevel=WARN"), DATA);

        assertThat(testee.entityManagerFactoryProperties())
            .containsEntry("openjpa.ConnectionDriverName", "org.postgresql.Driver")
            .containsEntry("openjpa.ConnectionURL", "jdbc:postgresql://127.0.0.1/james")
            .containsEntry("openjpa.ConnectionUserName", "james")
            .containsEntry("openjpa.ConnectionPassword", "secret")
            .containsEntry("openjpa.ConnectionProperties", "MaxTotal=8,ValidationTimeout=2000")
            .containsEntry("openjpa.Multithreaded", "true")
            .containsEntry("openjpa.Log", "DefaultLevel=WARN");
    }

    @Test
    void toStringShouldNotShowThePassword() throws Exception {
        DatabaseConfiguration testee = DatabaseConfiguration.from(properties(
            "database.driverClassName", "org.postgresql.Driver",
            "database.url", "jdbc:postgresql://127.0.0.1/james",
            "database.username", "james",
            "database.password", "hunter2"), DATA);

        assertThat(testee.toString()).doesNotContain("hunter2");
    }

    @Test
    void fromShouldNameTheMissingKey() {
        assertThatThrownBy(() -> DatabaseConfiguration.from(properties(
                "database.driverClassName", "org.apache.derby.jdbc.EmbeddedDriver"), DATA))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("james-database.properties: database.url is missing");
    }

    @Test
    void fromShouldRefuseAUserWithoutPassword() {
        assertThatThrownBy(() -> DatabaseConfiguration.from(properties(
                "database.driverClassName", "org.postgresql.Driver",
                "database.url", "jdbc:postgresql://127.0.0.1/james",
                "database.username", "james"), DATA))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("database.password");
    }

    @Test
    void fromShouldNameABadTimeout() {
        assertThatThrownBy(() -> DatabaseConfiguration.from(properties(
                "database.driverClassName", "org.postgresql.Driver",
                "database.url", "jdbc:postgresql://127.0.0.1/james",
                "datasource.validationQueryTimeoutSec", "soon"), DATA))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("datasource.validationQueryTimeoutSec 'soon'");
    }

    private static PropertiesConfiguration properties(String... keysAndValues) {
        PropertiesConfiguration configuration = new PropertiesConfiguration();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            configuration.addProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return configuration;
    }
}
