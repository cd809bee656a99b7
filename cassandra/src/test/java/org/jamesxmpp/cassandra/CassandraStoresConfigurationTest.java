package org.jamesxmpp.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.junit.jupiter.api.Test;

class CassandraStoresConfigurationTest {
    private static PropertiesConfiguration properties(String... keysAndValues) {
        PropertiesConfiguration configuration = new PropertiesConfiguration();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            configuration.addProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return configuration;
    }

    @Test
    void fromShouldApplyJamesDefaults() throws Exception {
        CassandraStoresConfiguration testee = CassandraStoresConfiguration.from(properties("cassandra.nodes", "cassandra"));

        assertThat(testee).isEqualTo(new CassandraStoresConfiguration(
            List.of(InetSocketAddress.createUnresolved("cassandra", 9042)), "apache_james", false, 1,
            "datacenter1", Optional.empty(), Optional.empty(), 10, Duration.ofSeconds(5)));
    }

    @Test
    void fromShouldReadEveryKey() throws Exception {
        CassandraStoresConfiguration testee = CassandraStoresConfiguration.from(properties(
            "cassandra.nodes", "10.0.0.1:9043, 10.0.0.2",
            "cassandra.keyspace", "xmpp",
            "cassandra.keyspace.create", "true",
            "cassandra.replication.factor", "3",
            "cassandra.local.dc", "dc2",
            "cassandra.user", "james",
            "cassandra.password", "pw",
            "cassandra.retryConnection.maxRetries", "0",
            "cassandra.retryConnection.minDelay", "100"));

        assertThat(testee.describeNodes()).isEqualTo("[10.0.0.1:9043, 10.0.0.2:9042]");
        assertThat(testee.keyspace()).isEqualTo("xmpp");
        assertThat(testee.createKeyspace()).isTrue();
        assertThat(testee.replicationFactor()).isEqualTo(3);
        assertThat(testee.localDatacenter()).isEqualTo("dc2");
        assertThat(testee.user()).contains("james");
        assertThat(testee.password()).contains("pw");
        assertThat(testee.connectionRetries()).isZero();
        assertThat(testee.retryDelay()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void fromShouldFailWithoutNodes() {
        assertThatThrownBy(() -> CassandraStoresConfiguration.from(properties()))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("cassandra.properties: cassandra.nodes is missing (host[:port], comma separated)");
    }

    @Test
    void fromShouldNameABadPort() {
        assertThatThrownBy(() -> CassandraStoresConfiguration.from(properties("cassandra.nodes", "host:port")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("cassandra.properties: cassandra.nodes 'host:port' is not host[:port]");
    }

    @Test
    void fromShouldNameABadNumber() {
        assertThatThrownBy(() -> CassandraStoresConfiguration.from(properties("cassandra.nodes", "h",
            "cassandra.replication.factor", "three")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("cassandra.properties: cassandra.replication.factor 'three' is not a number");
    }

    @Test
    void fromShouldRefuseAZeroReplicationFactor() {
        assertThatThrownBy(() -> CassandraStoresConfiguration.from(properties("cassandra.nodes", "h",
            "cassandra.replication.factor", "0")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("cassandra.properties: cassandra.replication.factor '0' must be at least 1");
    }
}
