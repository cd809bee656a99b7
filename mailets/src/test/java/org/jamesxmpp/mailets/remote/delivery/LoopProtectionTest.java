package org.jamesxmpp.mailets.remote.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.test.FakeMail;
import org.jamesxmpp.core.mail.XmppMailAttributes;
import org.junit.jupiter.api.Test;

class LoopProtectionTest {
    LoopProtection testee = new LoopProtection(2);

    @Test
    void refusalShouldBeEmptyForAMailThatDidNotComeOverXmpp() throws Exception {
        FakeMail mail = mail(0);

        assertThat(testee.refusal(mail, new MailAddress("alice@a.test"))).isEmpty();
    }

    @Test
    void refusalShouldRefuseSendingBackToThePeerTheMailCameFrom() throws Exception {
        FakeMail mail = mail(0);
        mail.setAttribute(new Attribute(XmppMailAttributes.AUTHENTICATED_PEER, AttributeValue.of("A.test")));

        assertThat(testee.refusal(mail, new MailAddress("alice@a.test")))
            .hasValueSatisfying(failure -> {
                assertThat(failure.status()).isEqualTo(DsnStatus.permanent(4, 6));
                assertThat(failure.diagnostic()).contains("came in over XMPP from A.test");
            });
    }

    @Test
    void refusalShouldAllowOtherDomainsForAMailThatCameOverXmpp() throws Exception {
        FakeMail mail = mail(0);
        mail.setAttribute(new Attribute(XmppMailAttributes.AUTHENTICATED_PEER, AttributeValue.of("a.test")));

        assertThat(testee.refusal(mail, new MailAddress("carol@c.test"))).isEmpty();
    }

    @Test
    void refusalShouldRefuseAMailWithMoreHopsThanAllowed() throws Exception {
        assertThat(testee.refusal(mail(3), new MailAddress("alice@a.test")))
            .hasValueSatisfying(failure -> assertThat(failure.diagnostic()).contains("3 hops"));
    }

    @Test
    void refusalShouldAllowAMailWithExactlyTheMaximumOfHops() throws Exception {
        assertThat(testee.refusal(mail(2), new MailAddress("alice@a.test"))).isEmpty();
    }

    private static FakeMail mail(int hops) throws Exception {
        MimeMessageBuilder message = MimeMessageBuilder.mimeMessageBuilder().setText("hi");
        for (int i = 0; i < hops; i++) {
            message.addHeader("Received", "from relay" + i + ".test by james.test");
        }
        return FakeMail.builder().name("m").sender("bob@james.test").recipient("alice@a.test").mimeMessage(message).build();
    }
}
