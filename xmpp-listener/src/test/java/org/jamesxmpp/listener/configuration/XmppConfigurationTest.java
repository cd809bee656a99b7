package org.jamesxmpp.listener.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;
import org.jamesxmpp.core.WorkerPool;
import org.jamesxmpp.core.mapping.MappingOptions;
import org.jamesxmpp.core.outgoing.DeliveryLimits;
import org.jamesxmpp.core.routing.AddressNetwork;
import org.jamesxmpp.core.routing.DnsTimes;
import org.jamesxmpp.core.routing.StaticRoute;
import org.jamesxmpp.core.s2s.DialOutPolicy;
import org.jamesxmpp.core.s2s.InboundLimits;
import org.jamesxmpp.core.s2s.S2sSettings;
import org.jamesxmpp.core.s2s.codec.XmlLimits;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class XmppConfigurationTest {
    private static XMLConfiguration xml(String content) throws ConfigurationException {
        XMLConfiguration configuration = new XMLConfiguration();
        new FileHandler(configuration).load(new StringReader(content));
        return configuration;
    }

    @Test
    void minimalFileFromTheDocumentationShouldParse() throws Exception {
        XmppConfiguration testee = XmppConfiguration.from(xml("<xmpp>"
            + "<listener><bind>127.0.0.3:5269</bind></listener>"
            + "<tls><required>false</required></tls>"
            + "<routes><route domain=\"a.test\" host=\"127.0.0.2\" port=\"5269\"/></routes>"
            + "</xmpp>"));

        assertThat(testee.binds()).containsExactly(new HostPort("127.0.0.3", 5269));
        assertThat(testee.tls()).isEqualTo(TlsConfiguration.disabled());
        assertThat(testee.routes()).containsExactly(new StaticRoute("a.test", "127.0.0.2", 5269));
        assertThat(testee.maxStanzaSize()).isEqualTo(XmppConfiguration.DEFAULT_MAX_STANZA_SIZE);
        assertThat(testee.enabled()).isTrue();
    }

    @Test
    void shippedConfigurationShouldGiveDefaultsWithTheBundledKeystore() throws Exception {
        XMLConfiguration shipped = new XMLConfiguration();
        new FileHandler(shipped).load(new File("../conf/xmpp.xml"));

        XmppConfiguration testee = XmppConfiguration.from(shipped);

        assertThat(testee.tls()).isEqualTo(new TlsConfiguration(Optional.of("file://conf/keystore"), "PKCS12",
            Optional.of("james-xmpp"), Optional.empty(), "PKCS12", Optional.empty(), false, true,
            TlsConfiguration.DEFAULT_RELOAD_INTERVAL));
        assertThat(testee).usingRecursiveComparison().ignoringFields("tls").isEqualTo(XmppConfiguration.defaults());
    }

    @Test
    void emptyConfigurationShouldGiveDefaults() throws Exception {
        assertThat(XmppConfiguration.from(new BaseHierarchicalConfiguration())).isEqualTo(XmppConfiguration.defaults());
    }

    @Test
    void bindShouldBeRepeatable() throws Exception {
        XmppConfiguration testee = XmppConfiguration.from(xml("<xmpp><listener>"
            + "<bind>127.0.0.3:5269</bind><bind>[::1]:5270</bind></listener></xmpp>"));

        assertThat(testee.binds()).containsExactly(new HostPort("127.0.0.3", 5269), new HostPort("::1", 5270));
    }

    @Test
    void allSettingsShouldParse() throws Exception {
        XmppConfiguration testee = XmppConfiguration.from(xml("<xmpp enabled=\"true\">"
            + "<tls><keystore>file://conf/xmpp.p12</keystore><keystoreType>JKS</keystoreType><secret>s3cret</secret>"
            + "<truststore>file://conf/ca.p12</truststore><truststoreSecret>t</truststoreSecret><required>true</required>"
            + "<verifyCertificates>false</verifyCertificates><reloadInterval>1m</reloadInterval></tls>"
            + "<limits><maxStanzaSize>256K</maxStanzaSize></limits>"
            + "<dialback><secret>abc</secret></dialback>"
            + "<streams><idleTimeout>30s</idleTimeout><streamManagement>false</streamManagement>"
            + "<reconnectBackoff>2s</reconnectBackoff><reconnectBackoffCap>5m</reconnectBackoffCap></streams>"
            + "<inbound><acceptedTypes>normal, chat</acceptedTypes><dedupWindow>10m</dedupWindow></inbound>"
            + "</xmpp>"));

        assertThat(testee.tls()).isEqualTo(new TlsConfiguration(Optional.of("file://conf/xmpp.p12"), "JKS", Optional.of("s3cret"),
            Optional.of("file://conf/ca.p12"), "PKCS12", Optional.of("t"), true, false, Duration.ofMinutes(1)));
        assertThat(testee.maxStanzaSize()).isEqualTo(256 * 1024);
        assertThat(testee.dialbackSecret()).contains("abc");
        assertThat(testee.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(testee.streamManagement()).isFalse();
        assertThat(testee.acceptedTypes()).containsExactlyInAnyOrder(Message.Type.normal, Message.Type.chat);
        assertThat(testee.dedupWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(testee.reconnectBackoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(testee.reconnectBackoffCap()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void engineLimitsShouldParse() throws Exception {
        XmppConfiguration testee = XmppConfiguration.from(xml("<xmpp>"
            + "<limits><maxQueuedOutgoingStanzas>7</maxQueuedOutgoingStanzas></limits>"
            + "<streams><connectTimeout>3s</connectTimeout><responseTimeout>4s</responseTimeout></streams>"
            + "<inbound><handlerThreads>2</handlerThreads><maxQueuedStanzas>30</maxQueuedStanzas>"
            + "<spoolThreads>3</spoolThreads><maxQueuedMails>40</maxQueuedMails><dedupMaxEntries>50</dedupMaxEntries></inbound>"
            + "<delivery><lateErrorContentBudget>1M</lateErrorContentBudget><concurrency>5</concurrency>"
            + "<maxReturnedMessageSize>100K</maxReturnedMessageSize></delivery>"
            + "<dns><lookupTimeout>2s</lookupTimeout><maxCacheTtl>10m</maxCacheTtl><negativeCacheTtl>1m</negativeCacheTtl>"
            + "<resolverThreads>3</resolverThreads><maxQueuedResolutions>30</maxQueuedResolutions></dns>"
            + "</xmpp>"));

        assertThat(testee.maxQueuedOutgoingStanzas()).isEqualTo(7);
        assertThat(testee.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(testee.responseTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(testee.inboundHandlers()).isEqualTo(new WorkerPool(2, 30));
        assertThat(testee.spoolWriters()).isEqualTo(new WorkerPool(3, 40));
        assertThat(testee.dedupMaxEntries()).isEqualTo(50);
        assertThat(testee.addressResolvers()).isEqualTo(new WorkerPool(3, 30));
        assertThat(testee.delivery()).isEqualTo(new DeliveryLimits(1024 * 1024, 5, 100 * 1024));
        assertThat(testee.dns()).isEqualTo(new DnsTimes(Duration.ofSeconds(2), Duration.ofMinutes(10), Duration.ofMinutes(1)));
    }

    @Test
    void dnsServersShouldBeAskedInTheirOrder() throws Exception {
        XmppConfiguration testee = XmppConfiguration.from(xml("<xmpp><dns><server>127.0.0.53:5300</server>"
            + "<server>[::1]:53</server></dns></xmpp>"));

        assertThat(testee.dns().servers()).containsExactly(new InetSocketAddress("127.0.0.53", 5300),
            new InetSocketAddress("::1", 53));
    }

    @Test
    void dnsServerThatIsNoAddressShouldNameTheSetting() {
        assertThatThrownBy(() -> XmppConfiguration.from(xml("<xmpp><dns><server>dns.example:53</server></dns></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("xmpp.xml: dns/server 'dns.example:53' is not an IP address:port");
    }

    @Test
    void badResponseTimeoutShouldNameTheSetting() {
        assertThatThrownBy(() -> XmppConfiguration.from(xml("<xmpp><streams><responseTimeout>0s</responseTimeout></streams></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("xmpp.xml: streams/responseTimeout '0s' is not a duration (e.g. 30s, 5m, 1h)");
    }

    @Test
    void badHandlerThreadsShouldNameTheSetting() {
        assertThatThrownBy(() -> XmppConfiguration.from(xml("<xmpp><inbound><handlerThreads>-1</handlerThreads></inbound></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("xmpp.xml: inbound/handlerThreads '-1' is not a positive whole number");
    }

    @Test
    void routeWithoutPortShouldUseDefaultS2sPort() throws Exception {
        XmppConfiguration testee = XmppConfiguration.from(xml("<xmpp><routes><route domain=\"A.Test\" host=\"h\"/></routes></xmpp>"));

        assertThat(testee.routes()).containsExactly(new StaticRoute("a.test", "h", 5269));
    }

    @Test
    void unknownElementShouldFailNamingIt() {
        assertThatThrownBy(() -> XmppConfiguration.from(xml("<xmpp><listener><bnd>127.0.0.3:5269</bnd></listener></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageStartingWith("xmpp.xml: unknown setting 'listener/bnd'");
    }

    @Test
    void bindWithoutPortShouldFailNamingTheSetting() {
        assertThatThrownBy(() -> XmppConfiguration.from(xml("<xmpp><listener><bind>127.0.0.3</bind></listener></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("xmpp.xml: listener/bind '127.0.0.3' is not host:port");
    }

    @Test
    void bindWithBadPortShouldFailNamingTheSetting() {
        assertThatThrownBy(() -> XmppConfiguration.from(xml("<xmpp><listener><bind>127.0.0.3:99999</bind></listener></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("listener/bind '127.0.0.3:99999'");
    }

    @Test
    void requiredTlsWithoutKeystoreShouldFail() {
        assertThatThrownBy(() -> XmppConfiguration.from(xml("<xmpp><tls><required>true</required></tls></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("xmpp.xml: tls/required is true but no tls/keystore is set");
    }

    @Test
    void nonBooleanShouldFail() {
        assertThatThrownBy(() -> XmppConfiguration.from(xml("<xmpp><tls><required>yes</required></tls></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("xmpp.xml: tls/required 'yes' needs to be true or false");
    }

    @Test
    void routeWithoutHostShouldFail() {
        assertThatThrownBy(() -> XmppConfiguration.from(xml("<xmpp><routes><route domain=\"a.test\"/></routes></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("routes/route needs both");
    }

    @Test
    void badSizeShouldFail() {
        assertThatThrownBy(() -> XmppConfiguration.from(xml("<xmpp><limits><maxStanzaSize>lots</maxStanzaSize></limits></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("limits/maxStanzaSize 'lots'");
    }

    @Test
    void unknownMessageTypeShouldFail() {
        assertThatThrownBy(() -> XmppConfiguration.from(xml("<xmpp><inbound><acceptedTypes>normal groupchat</acceptedTypes></inbound></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("xmpp.xml: inbound/acceptedTypes 'groupchat' is not one of normal, chat, headline");
    }

    @Test
    void zeroDurationShouldFail() {
        assertThatThrownBy(() -> XmppConfiguration.from(xml("<xmpp><streams><idleTimeout>0s</idleTimeout></streams></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("streams/idleTimeout '0s'");
    }

    @Test
    void backoffCapShorterThanBackoffShouldFail() {
        assertThatThrownBy(() -> XmppConfiguration.from(xml("<xmpp><streams><reconnectBackoff>2m</reconnectBackoff>"
            + "<reconnectBackoffCap>1m</reconnectBackoffCap></streams></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("streams/reconnectBackoffCap");
    }

    @Test
    void toStringShouldNotRevealSecrets() throws Exception {
        XmppConfiguration testee = XmppConfiguration.from(xml("<xmpp>"
            + "<tls><keystore>k</keystore><secret>tlspass</secret></tls><dialback><secret>dbpass</secret></dialback></xmpp>"));

        assertThat(testee.toString()).doesNotContain("tlspass").doesNotContain("dbpass");
    }

    @Test
    void securityLimitsShouldHaveDefaults() throws Exception {
        XmppConfiguration testee = XmppConfiguration.from(new BaseHierarchicalConfiguration());

        assertThat(testee.originalMimeFrom()).isEmpty();
        assertThat(testee.maxPendingVerifications()).isEqualTo(S2sSettings.DEFAULT_MAX_PENDING_VERIFICATIONS);
        assertThat(testee.maxPendingVerificationsPerStream()).isEqualTo(S2sSettings.DEFAULT_MAX_PENDING_VERIFICATIONS_PER_STREAM);
        assertThat(testee.routeCacheSize()).isEqualTo(S2sSettings.DEFAULT_ROUTE_CACHE_SIZE);
    }

    @Test
    void securityLimitsShouldParse() throws Exception {
        XmppConfiguration testee = XmppConfiguration.from(xml("<xmpp>"
            + "<limits><maxPendingVerifications>20</maxPendingVerifications>"
            + "<maxPendingVerificationsPerStream>2</maxPendingVerificationsPerStream><routeCacheSize>500</routeCacheSize></limits>"
            + "<inbound><originalMimeFrom>B.test, mail.example.org</originalMimeFrom></inbound></xmpp>"));

        assertThat(testee.originalMimeFrom()).containsExactlyInAnyOrder("b.test", "mail.example.org");
        assertThat(testee.maxPendingVerifications()).isEqualTo(20);
        assertThat(testee.maxPendingVerificationsPerStream()).isEqualTo(2);
        assertThat(testee.routeCacheSize()).isEqualTo(500);
    }

    @ParameterizedTest
    @ValueSource(strings = {"maxPendingVerifications", "maxPendingVerificationsPerStream", "routeCacheSize"})
    void nonPositiveLimitShouldFailNamingTheSetting(String setting) {
        assertThatThrownBy(() -> XmppConfiguration.from(xml("<xmpp><limits><" + setting + ">0</" + setting + "></limits></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("xmpp.xml: limits/" + setting + " '0' is not a positive whole number");
    }

    @Test
    void nonNumericLimitShouldFailNamingTheSetting() {
        assertThatThrownBy(() -> XmppConfiguration.from(xml("<xmpp><limits><routeCacheSize>many</routeCacheSize></limits></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("xmpp.xml: limits/routeCacheSize 'many' is not a positive whole number");
    }

    @Test
    void inboundLimitsShouldHaveDefaults() throws Exception {
        assertThat(XmppConfiguration.from(new BaseHierarchicalConfiguration()).inboundLimits())
            .isEqualTo(InboundLimits.defaults());
    }

    @Test
    void inboundLimitsShouldParse() throws Exception {
        XmppConfiguration testee = XmppConfiguration.from(xml("<xmpp><limits>"
            + "<maxConnections>300</maxConnections><maxConnectionsPerAddress>7</maxConnectionsPerAddress>"
            + "<maxStreamsPerDomain>3</maxStreamsPerDomain><stanzaDeadline>20s</stanzaDeadline>"
            + "<maxBytesPerSecond>256K</maxBytesPerSecond><maxInFlightBytes>16M</maxInFlightBytes>"
            + "<maxInFlightStanzas>64</maxInFlightStanzas></limits></xmpp>"));

        assertThat(testee.inboundLimits()).isEqualTo(new InboundLimits(300, 7, 3, Duration.ofSeconds(20), 256 * 1024,
            16 * 1024 * 1024, 64));
    }

    @ParameterizedTest
    @ValueSource(strings = {"maxConnections", "maxConnectionsPerAddress", "maxStreamsPerDomain"})
    void nonPositiveConnectionLimitShouldFailNamingTheFileAndSetting(String setting) {
        assertThatThrownBy(() -> XmppConfiguration.from(xml("<xmpp><limits><" + setting + ">-1</" + setting + "></limits></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("xmpp.xml: limits/" + setting + " '-1' is not a positive whole number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"maxBytesPerSecond", "maxInFlightBytes"})
    void badByteLimitShouldFailNamingTheFileAndSetting(String setting) {
        assertThatThrownBy(() -> XmppConfiguration.from(xml("<xmpp><limits><" + setting + ">0</" + setting + "></limits></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageStartingWith("xmpp.xml: limits/" + setting + " '0' is not a size");
    }

    @Test
    void badStanzaDeadlineShouldFailNamingTheFileAndSetting() {
        assertThatThrownBy(() -> XmppConfiguration.from(xml("<xmpp><limits><stanzaDeadline>soon</stanzaDeadline></limits></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageStartingWith("xmpp.xml: limits/stanzaDeadline 'soon' is not a duration");
    }

    @Test
    void originalMimePeerThatIsNoDomainNameShouldFail() {
        assertThatThrownBy(() -> XmppConfiguration.from(xml("<xmpp><inbound><originalMimeFrom>b.test 127.0.0.1</originalMimeFrom>"
            + "</inbound></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("xmpp.xml: inbound/originalMimeFrom '127.0.0.1' is not a domain name");
    }

    @Test
    void dialOutPolicyShouldHaveDefaultsAndParse() throws Exception {
        assertThat(XmppConfiguration.from(new BaseHierarchicalConfiguration()).dialOut()).isEqualTo(DialOutPolicy.defaults());

        XmppConfiguration testee = XmppConfiguration.from(xml("<xmpp><dialback><verificationBackoff>5s</verificationBackoff>"
            + "<verificationBackoffCap>2m</verificationBackoffCap><maxBackoffDomains>50</maxBackoffDomains></dialback>"
            + "<dns><allowedPrivateNetworks>127.0.0.0/8, fd00::/8</allowedPrivateNetworks></dns></xmpp>"));

        assertThat(testee.dialOut()).isEqualTo(new DialOutPolicy(Duration.ofSeconds(5), Duration.ofMinutes(2), 50,
            List.of(AddressNetwork.parse("127.0.0.0/8"), AddressNetwork.parse("fd00::/8"))));
    }

    @Test
    void allowedPrivateNetworkThatIsNoNetworkShouldFailNamingTheSetting() {
        assertThatThrownBy(() -> XmppConfiguration.from(xml("<xmpp><dns><allowedPrivateNetworks>10.0.0.0/8 intranet"
            + "</allowedPrivateNetworks></dns></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("xmpp.xml: dns/allowedPrivateNetworks 'intranet' is not an IP network (e.g. 10.0.0.0/8, fd00::/8)");
    }

    @Test
    void verificationBackoffCapShorterThanTheBackoffShouldFail() {
        assertThatThrownBy(() -> XmppConfiguration.from(xml("<xmpp><dialback><verificationBackoff>5m</verificationBackoff>"
            + "<verificationBackoffCap>1m</verificationBackoffCap></dialback></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("xmpp.xml: dialback/verificationBackoffCap 'PT1M' is shorter than dialback/verificationBackoff 'PT5M'");
    }

    @Test
    void mappingLimitsShouldHaveTheMappingDefaults() throws Exception {
        XmppConfiguration testee = XmppConfiguration.from(new BaseHierarchicalConfiguration());

        assertThat(testee.mappingOptions()).isEqualTo(MappingOptions.defaults());
    }

    @Test
    void mappingLimitsShouldParseAndCarryTheOriginalMimePeers() throws Exception {
        XmppConfiguration testee = XmppConfiguration.from(xml("<xmpp><mapping><maxStanzaSize>64K</maxStanzaSize>"
            + "<maxInlineAttachmentSize>2K</maxInlineAttachmentSize><maxAddresses>7</maxAddresses><maxMailSize>10M</maxMailSize>"
            + "</mapping><inbound><originalMimeFrom>b.test</originalMimeFrom></inbound></xmpp>"));

        assertThat(testee.mappingOptions().maxStanzaBytes()).isEqualTo(64 * 1024);
        assertThat(testee.mappingOptions().maxInlineAttachmentBytes()).isEqualTo(2 * 1024);
        assertThat(testee.mappingOptions().maxAddresses()).isEqualTo(7);
        assertThat(testee.mappingOptions().maxMimeBytes()).isEqualTo(10 * 1024 * 1024);
        assertThat(testee.mappingOptions().originalMimePeers()).containsExactly("b.test");
    }

    @Test
    void xmlLimitsShouldHaveDefaultsAndParse() throws Exception {
        assertThat(XmppConfiguration.from(new BaseHierarchicalConfiguration()).xmlLimits()).isEqualTo(XmlLimits.DEFAULT);

        XmppConfiguration testee = XmppConfiguration.from(xml("<xmpp><limits><maxStreamHeaderSize>4K</maxStreamHeaderSize>"
            + "<maxElementDepth>16</maxElementDepth><maxAttributes>32</maxAttributes></limits></xmpp>"));

        assertThat(testee.xmlLimits()).isEqualTo(new XmlLimits(4096, 16, 32));
    }

    @ParameterizedTest
    @CsvSource(value = {"maxStreamHeaderSize; 512; 1024 bytes", "maxElementDepth; 3; 4", "maxAttributes; 7; 8"}, delimiter = ';')
    void xmlLimitUnderItsMinimumShouldFailNamingTheFileAndSetting(String setting, int value, String minimum) {
        assertThatThrownBy(() -> XmppConfiguration.from(xml("<xmpp><limits><" + setting + ">" + value + "</" + setting
            + "></limits></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("xmpp.xml: limits/" + setting + " '" + value + "' is under the minimum of " + minimum);
    }

    @Test
    void tooSmallMappingStanzaSizeShouldFailNamingTheSetting() {
        assertThatThrownBy(() -> XmppConfiguration.from(xml("<xmpp><mapping><maxStanzaSize>512</maxStanzaSize></mapping></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("xmpp.xml: mapping/maxStanzaSize '512' is under the minimum of 1024 bytes");
    }

    @Test
    void badMappingSizeShouldFailNamingTheSetting() {
        assertThatThrownBy(() -> XmppConfiguration.from(xml("<xmpp><mapping><maxMailSize>big</maxMailSize></mapping></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("xmpp.xml: mapping/maxMailSize 'big' is not a size (e.g. 512K, 1M, 65536)");
    }
}
