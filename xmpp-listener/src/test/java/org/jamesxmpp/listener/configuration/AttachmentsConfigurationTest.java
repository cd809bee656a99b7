package org.jamesxmpp.listener.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;
import org.junit.jupiter.api.Test;

class AttachmentsConfigurationTest {
    private static XMLConfiguration xml(String content) throws ConfigurationException {
        XMLConfiguration configuration = new XMLConfiguration();
        new FileHandler(configuration).load(new StringReader(content));
        return configuration;
    }

    @Test
    void noBindShouldMeanNoLinks() throws Exception {
        assertThat(AttachmentsConfiguration.from(new BaseHierarchicalConfiguration()).enabled()).isFalse();
    }

    @Test
    void bindAloneShouldServeUnderItsOwnAddress() throws Exception {
        AttachmentsConfiguration testee = AttachmentsConfiguration.from(xml(
            "<xmpp><attachments><bind>127.0.145.4:8095</bind></attachments></xmpp>"));

        assertThat(testee.bind()).contains(new HostPort("127.0.145.4", 8095));
        assertThat(testee.baseUrl()).isEqualTo(URI.create("http://127.0.145.4:8095/xmpp-files/"));
        assertThat(testee.expiry()).isEqualTo(AttachmentsConfiguration.DEFAULT_EXPIRY);
        assertThat(testee.maxFileSize()).isEqualTo(AttachmentsConfiguration.DEFAULT_MAX_FILE_SIZE);
    }

    @Test
    void everySettingShouldBeRead() throws Exception {
        AttachmentsConfiguration testee = AttachmentsConfiguration.from(xml("<xmpp><attachments>"
            + "<bind>127.0.0.1:8095</bind><baseUrl>https://files.example.org/xmpp</baseUrl>"
            + "<directory>file://var/links/</directory><expiry>2d</expiry><maxFileSize>10M</maxFileSize>"
            + "<threads>2</threads></attachments></xmpp>"));

        assertThat(testee).isEqualTo(new AttachmentsConfiguration(Optional.of(new HostPort("127.0.0.1", 8095)),
            URI.create("https://files.example.org/xmpp/"), "file://var/links/", Duration.ofDays(2), 10 * 1024 * 1024, 2));
    }

    @Test
    void httpsShouldUseTheS2sKeystoreUnlessItHasItsOwnAndChangeTheDefaultBaseUrl() throws Exception {
        AttachmentsConfiguration s2s = AttachmentsConfiguration.from(xml("<xmpp><tls><keystore>file://conf/xmpp.p12</keystore>"
            + "<secret>s2s-secret</secret></tls><attachments><bind>127.0.145.4:8443</bind><https>true</https></attachments></xmpp>"));
        AttachmentsConfiguration own = AttachmentsConfiguration.from(xml("<xmpp><tls><keystore>file://conf/xmpp.p12</keystore>"
            + "</tls><attachments><bind>127.0.145.4:8443</bind><https>true</https><keystore>file://conf/files.jks</keystore>"
            + "<keystoreType>JKS</keystoreType><secret>files</secret></attachments></xmpp>"));
        AttachmentsConfiguration bundled = AttachmentsConfiguration.from(xml(
            "<xmpp><attachments><bind>127.0.145.4:8443</bind><https>true</https></attachments></xmpp>"));

        assertThat(s2s.https()).contains(new AttachmentsConfiguration.Https("file://conf/xmpp.p12", "PKCS12", "s2s-secret"));
        assertThat(s2s.baseUrl()).isEqualTo(URI.create("https://127.0.145.4:8443/xmpp-files/"));
        assertThat(own.https()).contains(new AttachmentsConfiguration.Https("file://conf/files.jks", "JKS", "files"));
        assertThat(bundled.https()).contains(new AttachmentsConfiguration.Https("file://conf/keystore", "PKCS12", "james-xmpp"));
        assertThat(AttachmentsConfiguration.from(xml("<xmpp><attachments><bind>127.0.145.4:8095</bind></attachments></xmpp>"))
            .https()).isEmpty();
    }

    @Test
    void baseUrlThatIsNoHttpUrlShouldNameTheSetting() {
        assertThatThrownBy(() -> AttachmentsConfiguration.from(xml("<xmpp><attachments><bind>127.0.0.1:8095</bind>"
            + "<baseUrl>ftp://files.example.org/</baseUrl></attachments></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("attachments/baseUrl 'ftp://files.example.org/'");
    }

    @Test
    void attachmentSettingsShouldBeKnownToTheWholeFile() throws Exception {
        XmppConfiguration.from(xml("<xmpp><attachments><bind>127.0.0.1:8095</bind><expiry>1h</expiry></attachments></xmpp>"));
    }

    @Test
    void storeShouldBeTheDirectoryUnlessTheBlobStoreIsNamed() throws Exception {
        assertThat(AttachmentsConfiguration.from(xml("<xmpp><attachments><bind>127.0.0.1:8095</bind></attachments></xmpp>"))
            .store()).isEqualTo(AttachmentsConfiguration.Store.DIRECTORY);
        assertThat(AttachmentsConfiguration.from(xml("<xmpp><attachments><bind>127.0.0.1:8095</bind>"
            + "<store>blobstore</store></attachments></xmpp>")).store()).isEqualTo(AttachmentsConfiguration.Store.BLOBSTORE);
        assertThatThrownBy(() -> AttachmentsConfiguration.from(xml("<xmpp><attachments><bind>127.0.0.1:8095</bind>"
            + "<store>s3</store></attachments></xmpp>")))
            .hasMessage("xmpp.xml: attachments/store 's3' is not one of directory, blobstore");
    }
}
