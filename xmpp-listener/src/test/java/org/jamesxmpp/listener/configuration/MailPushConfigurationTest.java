package org.jamesxmpp.listener.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.StringReader;

import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;
import org.jamesxmpp.core.c2s.MailPush;
import org.junit.jupiter.api.Test;

class MailPushConfigurationTest {
    private static XMLConfiguration xml(String content) throws ConfigurationException {
        XMLConfiguration configuration = new XMLConfiguration();
        new FileHandler(configuration).load(new StringReader(content));
        return configuration;
    }

    @Test
    void absentShouldBeNotice() throws Exception {
        assertThat(MailPushConfiguration.from(xml("<xmpp/>"))).isEqualTo(MailPush.NOTICE);
    }

    @Test
    void everyModeShouldBeRead() throws Exception {
        assertThat(MailPushConfiguration.from(xml("<xmpp><c2s><mailToClient>off</mailToClient></c2s></xmpp>")))
            .isEqualTo(MailPush.OFF);
        assertThat(MailPushConfiguration.from(xml("<xmpp><c2s><mailToClient> FULL </mailToClient></c2s></xmpp>")))
            .isEqualTo(MailPush.FULL);
        assertThat(C2sConfiguration.from(xml("<xmpp><c2s><mailToClient>full</mailToClient></c2s></xmpp>")))
            .isEqualTo(C2sConfiguration.defaults());
    }

    @Test
    void unknownModeShouldNameTheSetting() {
        assertThatThrownBy(() -> MailPushConfiguration.from(xml("<xmpp><c2s><mailToClient>loud</mailToClient></c2s></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("c2s/mailToClient");
    }

    @Test
    void shippedConfigurationShouldSayNotice() throws Exception {
        XMLConfiguration shipped = new XMLConfiguration();
        new FileHandler(shipped).load(new File("../conf/xmpp.xml"));

        assertThat(MailPushConfiguration.from(shipped)).isEqualTo(MailPush.NOTICE);
    }
}
