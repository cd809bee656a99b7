package org.jamesxmpp.mailets.remote.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.james.queue.api.MailQueueName;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

class XmppRemoteDeliveryConfigurationTest {
    @Test
    void parseShouldUseDefaultsWhenNothingIsSet() throws Exception {
        XmppRemoteDeliveryConfiguration testee = XmppRemoteDeliveryConfiguration.parse(FakeMailetConfig.builder()
            .mailetName("XmppRemoteDelivery")
            .build());

        assertThat(testee.outgoingQueue()).isEqualTo(MailQueueName.of("outgoing-xmpp"));
        assertThat(testee.fallback()).isEqualTo(Fallback.BOUNCE);
        assertThat(testee.fallbackProcessor()).isEqualTo(new ProcessingState("relay"));
        assertThat(testee.bounceProcessor()).isEmpty();
        assertThat(testee.maxHops()).isEqualTo(30);
        assertThat(testee.delaysAndMaxRetry().delays()).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(6));
    }

    @Test
    void parseShouldReadEveryParameter() throws Exception {
        XmppRemoteDeliveryConfiguration testee = XmppRemoteDeliveryConfiguration.parse(FakeMailetConfig.builder()
            .mailetName("XmppRemoteDelivery")
            .setProperty("outgoing", "xmpp-out")
            .setProperty("delayTime", "2*1 second")
            .setProperty("maxRetries", "2")
            .setProperty("fallback", "SMTP")
            .setProperty("fallbackProcessor", "transport")
            .setProperty("bounceProcessor", "bounces")
            .setProperty("maxHops", "10")
            .build());

        assertThat(testee).isEqualTo(new XmppRemoteDeliveryConfiguration(MailQueueName.of("xmpp-out"),
            DelaysAndMaxRetry.from(2, "2*1 second"), Fallback.SMTP, new ProcessingState("transport"),
            Optional.of(new ProcessingState("bounces")), 10));
    }

    @Test
    void parseShouldNameParameterAndValueWhenMaxRetriesIsNotANumber() {
        assertThatThrownBy(() -> parse("maxRetries", "five"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("'maxRetries'")
            .hasMessageContaining("'five'");
    }

    @Test
    void parseShouldNameParameterAndValueWhenMaxRetriesIsNegative() {
        assertThatThrownBy(() -> parse("maxRetries", "-1"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("'maxRetries'")
            .hasMessageContaining("'-1'");
    }

    @Test
    void parseShouldNameParameterAndValueWhenDelayTimeIsInvalid() {
        assertThatThrownBy(() -> parse("delayTime", "1 minute, later"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("'delayTime'")
            .hasMessageContaining("'1 minute, later'");
    }

    @Test
    void parseShouldNameParameterAndValueWhenFallbackIsUnknown() {
        assertThatThrownBy(() -> parse("fallback", "pigeon"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("'fallback'")
            .hasMessageContaining("'pigeon'");
    }

    @Test
    void parseShouldRefuseZeroMaxHops() {
        assertThatThrownBy(() -> parse("maxHops", "0"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("'maxHops'");
    }

    private static XmppRemoteDeliveryConfiguration parse(String name, String value) throws MessagingException {
        return XmppRemoteDeliveryConfiguration.parse(FakeMailetConfig.builder()
            .mailetName("XmppRemoteDelivery")
            .setProperty(name, value)
            .build());
    }
}
