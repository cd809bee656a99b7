package org.jamesxmpp.it.c2s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import javax.inject.Inject;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.utils.DataProbeImpl;
import org.apache.james.utils.GuiceProbe;
import org.jamesxmpp.it.JamesUsers;
import org.jamesxmpp.it.JamesXmppServerExtension;
import org.jamesxmpp.listener.configuration.AdminConfiguration;
import org.jamesxmpp.testing.SmackClient;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.admin.ServiceAdministrationManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

import com.google.inject.multibindings.Multibinder;

/**
 * XEP-0133 add-user and delete-user with Smack's {@link ServiceAdministrationManager}, as an administrator named in
 * {@code c2s/admins} manages accounts from an XMPP client: the account is a James user (it logs in over c2s with that
 * password, James's users repository holds it); anyone else is forbidden. James in-process, c2s on 127.0.208.1.
 */
class C2sServiceAdministrationTest {
    private static final String DOMAIN = "james.test";
    private static final String PASSWORD = "secret";
    private static final String ADMIN = "admin-xep133@" + DOMAIN;

    public static class UsersProbe implements GuiceProbe {
        private final UsersRepository usersRepository;

        @Inject
        public UsersProbe(UsersRepository usersRepository) {
            this.usersRepository = usersRepository;
        }

        boolean contains(String user) throws Exception {
            return usersRepository.contains(Username.of(user));
        }
    }

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = JamesXmppServerExtension.build(
        C2sTestUsers.clientListener("127.0.208.3:5269", "<bind>127.0.208.1:0</bind>"),
        binder -> {
            binder.bind(AdminConfiguration.class).toInstance(new AdminConfiguration(
                Set.of(JidCreate.entityBareFromOrThrowUnchecked(ADMIN))));
            Multibinder.newSetBinder(binder, GuiceProbe.class).addBinding().to(UsersProbe.class);
        });

    @BeforeAll
    static void createDomain(GuiceJamesServer server) throws Exception {
        new JamesUsers(server, DOMAIN, PASSWORD).ensureDomain();
        server.getProbe(DataProbeImpl.class).addUser(ADMIN, PASSWORD);
    }

    private static C2sTestUsers users(GuiceJamesServer server) {
        return new C2sTestUsers(server, DOMAIN, PASSWORD);
    }

    @Test
    void adminShouldAddAUserWhoThenLogsInAndDeleteIt(GuiceJamesServer server) throws Exception {
        EntityBareJid dave = JidCreate.entityBareFrom("dave-added@" + DOMAIN);

        try (SmackClient admin = users(server).login(ADMIN, "console")) {
            ServiceAdministrationManager.getInstanceFor(admin.connection()).addUser(dave, "daves-password");

            assertThat(server.getProbe(UsersProbe.class).contains(dave.toString())).isTrue();
            try (SmackClient daveClient = SmackClient.loginOverTls(DOMAIN, users(server).c2s(), "dave-added", "daves-password",
                "phone")) {
                assertThat(daveClient.fullJid()).isEqualTo(dave + "/phone");
            }

            ServiceAdministrationManager.getInstanceFor(admin.connection()).deleteUser(dave);
            assertThat(server.getProbe(UsersProbe.class).contains(dave.toString())).isFalse();
        }
    }

    @Test
    void addingAnExistingUserShouldConflict(GuiceJamesServer server) throws Exception {
        String existing = users(server).mail().create("erin-exists");

        try (SmackClient admin = users(server).login(ADMIN, "console")) {
            assertThatThrownBy(() -> ServiceAdministrationManager.getInstanceFor(admin.connection())
                .addUser(JidCreate.entityBareFrom(existing), "other"))
                .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class, error ->
                    assertThat(error.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.conflict));
        }
        assertThat(users(server).mail().imap(existing)).as("the password is unchanged").isNotNull();
    }

    @Test
    void userWhoIsNotAnAdminShouldBeForbidden(GuiceJamesServer server) throws Exception {
        String mallory = users(server).mail().create("mallory-admin");

        try (SmackClient client = users(server).login(mallory, "laptop")) {
            assertThatThrownBy(() -> ServiceAdministrationManager.getInstanceFor(client.connection())
                .addUser(JidCreate.entityBareFrom("eve-added@" + DOMAIN), "x"))
                .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class, error ->
                    assertThat(error.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden));
        }
        assertThat(server.getProbe(UsersProbe.class).contains("eve-added@" + DOMAIN)).isFalse();
    }
}
