package org.jamesxmpp.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.jamesxmpp.core.mail.XmppMailAttributes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IsXmppChatTest {
    private IsXmppChat testee;

    @BeforeEach
    void setUp() throws Exception {
        testee = new IsXmppChat();
        testee.init(FakeMatcherConfig.builder().matcherName("IsXmppChat").build());
    }

    @Test
    void shouldMatchAllRecipientsWhenTypeIsChat() throws Exception {
        FakeMail mail = FakeMail.builder().name("m")
            .recipients("bob@james.test", "carol@james.test")
            .attribute(new Attribute(XmppMailAttributes.MESSAGE_TYPE, AttributeValue.of("chat")))
            .build();

        assertThat(testee.match(mail)).containsExactlyInAnyOrder(new MailAddress("bob@james.test"), new MailAddress("carol@james.test"));
    }

    @Test
    void shouldNotMatchWhenTypeIsNormal() throws Exception {
        FakeMail mail = FakeMail.builder().name("m")
            .recipient("bob@james.test")
            .attribute(new Attribute(XmppMailAttributes.MESSAGE_TYPE, AttributeValue.of("normal")))
            .build();

        assertThat(testee.match(mail)).isEmpty();
    }

    @Test
    void shouldNotMatchMailThatDidNotComeOverXmpp() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").recipient("bob@james.test").build();

        assertThat(testee.match(mail)).isEmpty();
    }
}
