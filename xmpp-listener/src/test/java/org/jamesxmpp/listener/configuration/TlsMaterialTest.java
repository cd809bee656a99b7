package org.jamesxmpp.listener.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Optional;

import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;
import org.apache.james.filesystem.api.FileSystem;
import org.jamesxmpp.core.c2s.C2sSettings;
import org.jamesxmpp.core.s2s.S2sSettings;
import org.jamesxmpp.testing.TestPki;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key material of xmpp.xml is loaded once, at start-up, and a store that cannot be loaded names its setting. */
class TlsMaterialTest {
    private static final FileSystem FILES = new FileSystem() {
        @Override
        public InputStream getResource(String url) throws IOException {
            return new FileInputStream(getFile(url));
        }

        @Override
        public File getFile(String fileURL) {
            return new File(fileURL.replaceFirst("^file://", ""));
        }

        @Override
        public File getBasedir() {
            return new File(".");
        }
    };

    @TempDir
    Path directory;
    private Path keyStore;

    @BeforeEach
    void setUp() {
        keyStore = TestPki.create().issue("james.test").writeKeyStore(directory.resolve("xmpp.p12"), "changeit");
    }

    private static XMLConfiguration xml(String content) throws ConfigurationException {
        XMLConfiguration configuration = new XMLConfiguration();
        new FileHandler(configuration).load(new StringReader(content));
        return configuration;
    }

    @Test
    void clientListenerWithoutItsOwnKeystoreShouldShareTheEnginesKeyMaterial() throws Exception {
        XMLConfiguration file = xml("<xmpp><tls><keystore>file://" + keyStore + "</keystore><secret>changeit</secret></tls></xmpp>");
        XmppConfiguration xmpp = XmppConfiguration.from(file);

        S2sSettings s2s = new S2sSettingsFactory(FILES).create(xmpp);
        C2sSettings c2s = new C2sSettingsFactory(FILES).create(C2sConfiguration.from(file), xmpp, s2s.tls());

        assertThat(s2s.tls()).isPresent();
        assertThat(c2s.tls().get()).isSameAs(s2s.tls().get());
    }

    @Test
    void clientListenerWithItsOwnKeystoreShouldLoadIt() throws Exception {
        XMLConfiguration file = xml("<xmpp><c2s><tls><keystore>file://" + keyStore + "</keystore><secret>changeit</secret>"
            + "</tls></c2s></xmpp>");
        XmppConfiguration xmpp = XmppConfiguration.from(file);

        S2sSettings s2s = new S2sSettingsFactory(FILES).create(xmpp);
        C2sSettings c2s = new C2sSettingsFactory(FILES).create(C2sConfiguration.from(file), xmpp, s2s.tls());

        assertThat(s2s.tls()).isEmpty();
        assertThat(c2s.tls()).isPresent();
    }

    @Test
    void engineKeystoreWithAWrongSecretShouldNameTheSetting() throws Exception {
        XmppConfiguration xmpp = XmppConfiguration.from(xml("<xmpp><tls><keystore>file://" + keyStore + "</keystore>"
            + "<secret>wrong</secret></tls></xmpp>"));

        assertThatThrownBy(() -> new S2sSettingsFactory(FILES).create(xmpp))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageStartingWith("xmpp.xml: tls/keystore 'file://" + keyStore + "' cannot be loaded");
    }

    /** The client listener's settings from {@code content} alone (no key material of the engine to share). */
    private static C2sSettings clientSettings(String content) throws Exception {
        XMLConfiguration file = xml(content);
        return new C2sSettingsFactory(FILES).create(C2sConfiguration.from(file), XmppConfiguration.from(file), Optional.empty());
    }

    @Test
    void clientKeystoreWithAWrongSecretShouldNameTheSetting() {
        assertThatThrownBy(() -> clientSettings("<xmpp><c2s><tls><keystore>file://" + keyStore + "</keystore>"
            + "<secret>wrong</secret></tls></c2s></xmpp>"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageStartingWith("xmpp.xml: c2s/tls/keystore 'file://" + keyStore + "' cannot be loaded");
    }

    @Test
    void missingClientKeystoreWithTlsRequiredShouldNameIt() {
        assertThatThrownBy(() -> clientSettings("<xmpp><c2s><tls><keystore>file://" + directory.resolve("none.p12")
            + "</keystore></tls></c2s></xmpp>"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("c2s/tls/required is true but the keystore");
    }
}
