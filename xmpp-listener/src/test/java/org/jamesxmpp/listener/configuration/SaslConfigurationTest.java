package org.jamesxmpp.listener.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.StringReader;

import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;
import org.junit.jupiter.api.Test;

class SaslConfigurationTest {
    private static XMLConfiguration xml(String content) throws ConfigurationException {
        XMLConfiguration configuration = new XMLConfiguration();
        new FileHandler(configuration).load(new StringReader(content));
        return configuration;
    }

    @Test
    void scramShouldBeOffWhenAbsent() throws Exception {
        assertThat(SaslConfiguration.from(xml("<xmpp><c2s/></xmpp>"))).isEqualTo(SaslConfiguration.DEFAULT);
        assertThat(SaslConfiguration.DEFAULT.scramSha512()).isFalse();
    }

    @Test
    void shippedConfigurationShouldLeaveScramOff() throws Exception {
        XMLConfiguration shipped = new XMLConfiguration();
        new FileHandler(shipped).load(new File("../conf/xmpp.xml"));

        assertThat(SaslConfiguration.from(shipped)).isEqualTo(SaslConfiguration.DEFAULT);
    }

    @Test
    void scramShouldBeReadAndAcceptedByTheC2sSection() throws Exception {
        XMLConfiguration configuration = xml("<xmpp><c2s><sasl><scramSha512>true</scramSha512></sasl></c2s></xmpp>");

        assertThat(SaslConfiguration.from(configuration).scramSha512()).isTrue();
        assertThat(C2sConfiguration.from(configuration)).isEqualTo(C2sConfiguration.defaults());
    }

    @Test
    void malformedValueShouldNameItsSetting() {
        assertThatThrownBy(() -> SaslConfiguration.from(xml("<xmpp><c2s><sasl><scramSha512>maybe</scramSha512></sasl></c2s></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("c2s/sasl/scramSha512");
    }
}
