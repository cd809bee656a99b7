package org.jamesxmpp.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.dnsservice.api.InMemoryDNSService;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.jamesxmpp.core.mail.XmppMailAttributes;
import org.jamesxmpp.core.routing.DnsTimes;
import org.jamesxmpp.core.routing.S2sRouter;
import org.jamesxmpp.core.routing.SrvTarget;
import org.jamesxmpp.core.routing.StaticRoute;
import org.jamesxmpp.core.s2s.LocalDomains;
import org.jamesxmpp.core.s2s.S2sServer;
import org.jamesxmpp.core.s2s.S2sSettings;
import org.jamesxmpp.core.store.MemoryDialbackSecretStore;
import org.jamesxmpp.mailets.remote.delivery.XmppDeliveryAttributes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.common.collect.ImmutableList;

class RecipientIsXmppCapableTest {
    S2sServer s2sServer;
    InMemoryDNSService dnsService;
    RecipientIsXmppCapable testee;

    @BeforeEach
    void setUp() throws Exception {
        // DNS cannot run here: SRV answers come from this table, MX answers from InMemoryDNSService.
        S2sRouter router = new S2sRouter(List.of(new StaticRoute("static.test", "127.0.41.2", 5269)),
            domain -> CompletableFuture.completedFuture(domain.equals("srv.test") || domain.equals("both.test")
                ? ImmutableList.of(new SrvTarget("xmpp." + domain, 5269, 0, 0, Duration.ofHours(1)))
                : ImmutableList.of()),
            Clock.systemUTC(), DnsTimes.defaults(), S2sRouter.DEFAULT_MAX_CACHED_DOMAINS);
        s2sServer = new S2sServer(S2sSettings.builder().build(), LocalDomains.of("localhost"),
            stanza -> CompletableFuture.completedFuture(null), new MemoryDialbackSecretStore(), router);
        dnsService = new InMemoryDNSService()
            .registerMxRecord("both.test", "10.0.0.1")
            .registerMxRecord("mail-only.test", "10.0.0.2")
            .registerRecord("srv.test", ImmutableList.of(), ImmutableList.of(), ImmutableList.of());
    }

    @AfterEach
    void tearDown() {
        s2sServer.stop();
    }

    RecipientIsXmppCapable testee(String condition) throws MessagingException {
        testee = new RecipientIsXmppCapable(s2sServer, dnsService);
        testee.init(FakeMatcherConfig.builder()
            .matcherName("RecipientIsXmppCapable")
            .condition(condition)
            .mailetContext(FakeMailContext.defaultContext())
            .build());
        return testee;
    }

    static FakeMail mail(String... recipients) throws MessagingException {
        return FakeMail.builder().name("m").sender("bob@localhost").recipients(recipients).build();
    }

    @Test
    void matchShouldReturnRecipientsOfDomainsWithAStaticRouteOrSrvRecord() throws Exception {
        assertThat(testee(null).match(mail("alice@static.test", "carol@srv.test", "dave@mail-only.test", "erin@nowhere.test")))
            .containsExactly(new MailAddress("alice@static.test"), new MailAddress("carol@srv.test"));
    }

    @Test
    void matchShouldNotReturnLocalRecipients() throws Exception {
        assertThat(testee(null).match(mail("bob@localhost"))).isEmpty();
    }

    @Test
    void matchShouldPreferXmppForADomainWithBothByDefault() throws Exception {
        assertThat(testee("").match(mail("alice@both.test"))).containsExactly(new MailAddress("alice@both.test"));
    }

    @Test
    void matchShouldLeaveADomainWithBothToSmtpWhenSmtpIsPreferred() throws Exception {
        assertThat(testee("prefer=smtp").match(mail("alice@both.test", "carol@srv.test")))
            .containsExactly(new MailAddress("carol@srv.test"));
    }

    @Test
    void matchShouldOnlyReturnAllowedDomainsWhenAnAllowListIsGiven() throws Exception {
        assertThat(testee("allow=srv.test").match(mail("alice@static.test", "carol@srv.test")))
            .containsExactly(new MailAddress("carol@srv.test"));
    }

    @Test
    void matchShouldNotReturnDeniedDomains() throws Exception {
        assertThat(testee("prefer=xmpp; deny=static.test, both.test").match(mail("alice@static.test", "carol@srv.test")))
            .containsExactly(new MailAddress("carol@srv.test"));
    }

    @Test
    void matchShouldNotReturnTheDomainTheMailCameFromOverXmpp() throws Exception {
        FakeMail mail = mail("alice@static.test", "carol@srv.test");
        mail.setAttribute(new Attribute(XmppMailAttributes.AUTHENTICATED_PEER, AttributeValue.of("static.test")));

        assertThat(testee(null).match(mail)).containsExactly(new MailAddress("carol@srv.test"));
    }

    @Test
    void matchShouldNotReturnAnythingForAMailThatFellBackToSmtp() throws Exception {
        FakeMail mail = mail("alice@static.test");
        XmppDeliveryAttributes.markFallenBack(mail);

        assertThat(testee(null).match(mail)).isEmpty();
    }

    @Test
    void initShouldFailNamingAnUnknownOption() {
        assertThatThrownBy(() -> testee("prefer=xmpp; colour=blue"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("'colour'");
    }

    @Test
    void initShouldFailNamingABadPreference() {
        assertThatThrownBy(() -> testee("prefer=pigeon"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("'prefer'")
            .hasMessageContaining("'pigeon'");
    }

    @Test
    void initShouldFailOnAnOptionWithoutValue() {
        assertThatThrownBy(() -> testee("prefer"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("'prefer'");
    }
}
