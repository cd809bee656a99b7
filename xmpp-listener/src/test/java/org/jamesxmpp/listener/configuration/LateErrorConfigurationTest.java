package org.jamesxmpp.listener.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Duration;

import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;
import org.jamesxmpp.core.store.LateErrorRetention;
import org.junit.jupiter.api.Test;

class LateErrorConfigurationTest {
    private static XMLConfiguration xml(String content) throws ConfigurationException {
        XMLConfiguration configuration = new XMLConfiguration();
        new FileHandler(configuration).load(new StringReader(content));
        return configuration;
    }

    @Test
    void absentSectionShouldGiveTheDocumentedDefaults() throws Exception {
        assertThat(XmppConfiguration.from(xml("<xmpp/>")).lateErrors())
            .isEqualTo(new LateErrorRetention(Duration.ofHours(24), 100_000));
    }

    @Test
    void retentionAndMaxEntriesShouldParse() throws Exception {
        assertThat(XmppConfiguration.from(xml("<xmpp><lateErrors><retention>2h</retention>"
            + "<maxEntries>5000</maxEntries></lateErrors></xmpp>")).lateErrors())
            .isEqualTo(new LateErrorRetention(Duration.ofHours(2), 5000));
    }

    @Test
    void badRetentionShouldFailNamingFileAndSetting() {
        assertThatThrownBy(() -> XmppConfiguration.from(xml("<xmpp><lateErrors><retention>forever</retention></lateErrors></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("xmpp.xml: lateErrors/retention 'forever' is not a duration (e.g. 30s, 5m, 1h)");
    }

    @Test
    void zeroMaxEntriesShouldFailNamingFileAndSetting() {
        assertThatThrownBy(() -> XmppConfiguration.from(xml("<xmpp><lateErrors><maxEntries>0</maxEntries></lateErrors></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("xmpp.xml: lateErrors/maxEntries '0' is not a positive whole number");
    }

    @Test
    void unknownSettingOfTheSectionShouldFail() {
        assertThatThrownBy(() -> XmppConfiguration.from(xml("<xmpp><lateErrors><maxEntry>5</maxEntry></lateErrors></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageStartingWith("xmpp.xml: unknown setting 'lateErrors/maxEntry'");
    }
}
