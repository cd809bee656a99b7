package org.jamesxmpp.listener.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.StringReader;

import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

class AdminConfigurationTest {
    private static XMLConfiguration xml(String content) throws ConfigurationException {
        XMLConfiguration configuration = new XMLConfiguration();
        new FileHandler(configuration).load(new StringReader(content));
        return configuration;
    }

    @Test
    void shippedConfigurationShouldNameNoAdmin() throws Exception {
        XMLConfiguration shipped = new XMLConfiguration();
        new FileHandler(shipped).load(new File("../conf/xmpp.xml"));

        assertThat(AdminConfiguration.from(shipped)).isEqualTo(AdminConfiguration.NONE);
    }

    @Test
    void adminsShouldBeRead() throws Exception {
        XMLConfiguration config = xml("<xmpp><c2s><admins><admin>root@james.test</admin><admin> ops@james.test </admin>"
            + "</admins></c2s></xmpp>");

        AdminConfiguration testee = AdminConfiguration.from(config);

        assertThat(testee.isAdmin(JidCreate.entityBareFrom("ops@james.test"))).isTrue();
        assertThat(testee.isAdmin(JidCreate.entityBareFrom("bob@james.test"))).isFalse();
        assertThat(C2sConfiguration.from(config)).as("c2s accepts the section").isEqualTo(C2sConfiguration.defaults());
    }

    @Test
    void domainAsAdminShouldNameItsSetting() {
        assertThatThrownBy(() -> AdminConfiguration.from(xml("<xmpp><c2s><admins><admin>james.test</admin></admins></c2s></xmpp>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("xmpp.xml: c2s/admins/admin 'james.test' is not a user's JID (user@domain)");
    }
}
