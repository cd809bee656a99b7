package org.jamesxmpp.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.datastax.oss.driver.api.core.CqlSession;

class EmbeddedCassandraTest {
    @RegisterExtension
    static CassandraKeyspaceExtension cassandra = new CassandraKeyspaceExtension();

    @Test
    void cassandraShouldBeVersionFiveOnLoopback() {
        String version = cassandra.session().execute("SELECT release_version FROM system.local").one()
            .getString("release_version");

        assertThat(version).startsWith("5.0.");
        assertThat(EmbeddedCassandra.instance().contactPoint().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void sessionShouldUseTheKeyspaceOfTheTestClass() {
        cassandra.session().execute("CREATE TABLE IF NOT EXISTS probe (id text PRIMARY KEY, value text)");
        cassandra.session().execute("INSERT INTO probe (id, value) VALUES ('a', 'b')");

        CqlSession otherNode = cassandra.newSession();

        assertThat(otherNode.execute("SELECT value FROM probe WHERE id = 'a'").one().getString("value"))
            .isEqualTo("b");
        assertThat(cassandra.keyspace()).startsWith("t").contains("embeddedcassandratest");
    }

    @Test
    void truncateTablesShouldEmptyTheKeyspace() {
        cassandra.session().execute("CREATE TABLE IF NOT EXISTS probe (id text PRIMARY KEY, value text)");
        cassandra.session().execute("INSERT INTO probe (id, value) VALUES ('a', 'b')");

        cassandra.truncateTables();

        assertThat(cassandra.session().execute("SELECT * FROM probe").all()).isEmpty();
    }
}
