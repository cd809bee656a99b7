package org.jamesxmpp.listener.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;
import org.jamesxmpp.core.WorkerPool;
import org.jamesxmpp.core.c2s.C2sLimits;
import org.junit.jupiter.api.Test;

class C2sConfigurationTest {
    private static XMLConfiguration xml(String content) throws ConfigurationException {
        XMLConfiguration configuration = new XMLConfiguration();
        new FileHandler(configuration).load(new StringReader(content));
        return configuration;
    }

    @Test
    void absentSectionShouldGiveTheDefaults() throws Exception {
        C2sConfiguration testee = C2sConfiguration.from(new BaseHierarchicalConfiguration());

        assertThat(testee).isEqualTo(C2sConfiguration.defaults());
        assertThat(testee.enabled()).isTrue();
        assertThat(testee.binds()).containsExactly(new HostPort("0.0.0.0", 5222));
        assertThat(testee.tlsRequired()).isTrue();
    }

    @Test
    void shippedConfigurationShouldGiveTheDefaults() throws Exception {
        XMLConfiguration shipped = new XMLConfiguration();
        new FileHandler(shipped).load(new File("../conf/xmpp.xml"));

        assertThat(C2sConfiguration.from(shipped)).isEqualTo(C2sConfiguration.defaults());
    }

    @Test
    void everySettingShouldBeRead() throws Exception {
        C2sConfiguration testee = C2sConfiguration.from(xml("<xmpp><c2s enabled='false'>"
            + "<bind>127.0.62.1:5222</bind><bind>[::1]:5223</bind>"
            + "<tls><required>false</required><keystore>file://conf/c2s.p12</keystore><keystoreType>JKS</keystoreType>"
            + "<secret>s3cret</secret></tls>"
            + "<limits><maxStanzaSize>64K</maxStanzaSize><maxConnections>5</maxConnections><maxResourcesPerUser>2</maxResourcesPerUser>"
            + "<authenticationTimeout>5s</authenticationTimeout><maxAuthenticationFailures>1</maxAuthenticationFailures>"
            + "<failureDelay>100ms</failureDelay><authenticationThreads>2</authenticationThreads>"
            + "<maxQueuedAuthentications>20</maxQueuedAuthentications><domainLookupThreads>3</domainLookupThreads>"
            + "<maxQueuedDomainLookups>30</maxQueuedDomainLookups><maxRosterItems>50</maxRosterItems>"
            + "<maxUnacknowledgedStanzas>40</maxUnacknowledgedStanzas></limits>"
            + "<streams><idleTimeout>2m</idleTimeout><resumptionTimeout>90s</resumptionTimeout></streams>"
            + "</c2s></xmpp>"));

        assertThat(testee).isEqualTo(new C2sConfiguration(false,
            List.of(new HostPort("127.0.62.1", 5222), new HostPort("::1", 5223)), false,
            Optional.of("file://conf/c2s.p12"), "JKS", Optional.of("s3cret"), new C2sLimits(64 * 1024, Duration.ofMinutes(2),
            Duration.ofSeconds(5), 1, Duration.ofMillis(100), 5, 2, 40, Duration.ofSeconds(90)), 50, new WorkerPool(2, 20), new WorkerPool(3, 30)));
    }

    @Test
    void zeroResumptionTimeoutShouldTurnResumptionOff() throws Exception {
        C2sConfiguration testee = C2sConfiguration.from(xml("<xmpp><c2s><streams><resumptionTimeout>0s</resumptionTimeout>"
            + "</streams></c2s></xmpp>"));

        assertThat(testee.limits().resumption()).isFalse();
        assertThat(C2sConfiguration.defaults().limits().resumption()).isTrue();
    }

    @Test
    void negativeResumptionTimeoutShouldNameItsSetting() {
        assertThatThrownBy(() -> C2sConfiguration.from(xml("<xmpp><c2s><streams><resumptionTimeout>-1s</resumptionTimeout>"
            + "</streams></c2s></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("c2s/streams/resumptionTimeout '-1s'");
    }

    @Test
    void directTlsShouldBeOffWhenAbsent() throws Exception {
        C2sConfiguration testee = C2sConfiguration.from(xml("<xmpp><c2s><bind>127.0.62.1:5222</bind></c2s></xmpp>"));

        assertThat(testee.directTlsBinds()).isEmpty();
    }

    @Test
    void directTlsBindsShouldBeRead() throws Exception {
        C2sConfiguration testee = C2sConfiguration.from(xml("<xmpp><c2s><directTls>"
            + "<bind>0.0.0.0:5223</bind><bind>[::]:5223</bind></directTls></c2s></xmpp>"));

        assertThat(testee.directTlsBinds()).containsExactly(new HostPort("0.0.0.0", 5223), new HostPort("::", 5223));
        assertThat(testee.binds()).containsExactly(C2sConfiguration.DEFAULT_BIND);
    }

    @Test
    void malformedDirectTlsBindShouldNameItsSetting() {
        assertThatThrownBy(() -> C2sConfiguration.from(xml("<xmpp><c2s><directTls><bind>5223</bind></directTls></c2s></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("xmpp.xml: c2s/directTls/bind '5223' is not host:port");
    }

    @Test
    void unknownSettingShouldBeNamed() {
        assertThatThrownBy(() -> C2sConfiguration.from(xml("<xmpp><c2s><limits><maxSessions>3</maxSessions></limits></c2s></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("xmpp.xml: unknown setting 'c2s/limits/maxSessions'");
    }

    @Test
    void malformedValueShouldNameItsSetting() {
        assertThatThrownBy(() -> C2sConfiguration.from(xml("<xmpp><c2s><limits><maxConnections>many</maxConnections></limits></c2s></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("c2s/limits/maxConnections 'many'");
    }

    @Test
    void s2sSectionShouldAcceptTheC2sSection() throws Exception {
        XmppConfiguration testee = XmppConfiguration.from(xml("<xmpp><c2s><bind>127.0.62.1:0</bind></c2s></xmpp>"));

        assertThat(testee).isEqualTo(XmppConfiguration.defaults());
    }
}
