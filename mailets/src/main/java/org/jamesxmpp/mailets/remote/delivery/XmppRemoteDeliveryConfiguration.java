package org.jamesxmpp.mailets.remote.delivery;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.mail.MessagingException;

import org.apache.james.queue.api.MailQueueName;
import org.apache.mailet.MailetConfig;
import org.apache.mailet.ProcessingState;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableSet;

/**
 * The init parameters of {@code XmppRemoteDelivery}, parsed once. A bad value fails {@code init()} with a message
 * naming the parameter and the value.
 *
 * @param outgoingQueue the durable queue of mails waiting for (another) attempt
 * @param delaysAndMaxRetry the retry schedule ({@code delayTime}, {@code maxRetries} as in RemoteDelivery)
 * @param fallback what happens to recipients XMPP cannot reach
 * @param fallbackProcessor where mails for {@link Fallback#SMTP} recipients continue
 * @param bounceProcessor when set, failed mails go there with {@code delivery-error} attributes instead of a DSN
 *     built here (as RemoteDelivery does)
 * @param maxHops a mail with more {@code Received} header fields than this is not sent (loop protection)
 */
public record XmppRemoteDeliveryConfiguration(MailQueueName outgoingQueue,
                                              DelaysAndMaxRetry delaysAndMaxRetry,
                                              Fallback fallback,
                                              ProcessingState fallbackProcessor,
                                              Optional<ProcessingState> bounceProcessor,
                                              int maxHops) {
    public static final String OUTGOING = "outgoing";
    public static final String DELAY_TIME = "delayTime";
    public static final String MAX_RETRIES = "maxRetries";
    public static final String FALLBACK = "fallback";
    public static final String FALLBACK_PROCESSOR = "fallbackProcessor";
    public static final String BOUNCE_PROCESSOR = "bounceProcessor";
    public static final String MAX_HOPS = "maxHops";
    public static final Set<String> PARAMETERS = ImmutableSet.of(OUTGOING, DELAY_TIME, MAX_RETRIES, FALLBACK,
        FALLBACK_PROCESSOR, BOUNCE_PROCESSOR, MAX_HOPS);

    public static final MailQueueName DEFAULT_OUTGOING_QUEUE = MailQueueName.of("outgoing-xmpp");
    public static final String DEFAULT_DELAY_TIME = "1 minute, 5 minutes, 30 minutes, 2 hours, 6 hours";
    public static final int DEFAULT_MAX_RETRIES = 5;
    public static final String DEFAULT_FALLBACK_PROCESSOR = "relay";
    public static final int DEFAULT_MAX_HOPS = 30;

    public XmppRemoteDeliveryConfiguration {
        Objects.requireNonNull(outgoingQueue, "outgoingQueue");
        Objects.requireNonNull(delaysAndMaxRetry, "delaysAndMaxRetry");
        Objects.requireNonNull(fallback, "fallback");
        Objects.requireNonNull(fallbackProcessor, "fallbackProcessor");
        Objects.requireNonNull(bounceProcessor, "bounceProcessor");
        Preconditions.checkArgument(maxHops > 0, "maxHops must be positive: %s", maxHops);
    }

    public static XmppRemoteDeliveryConfiguration parse(MailetConfig config) throws MessagingException {
        int maxRetries = nonNegativeInt(config, MAX_RETRIES, DEFAULT_MAX_RETRIES);
        Optional<String> delayTime = parameter(config, DELAY_TIME);
        DelaysAndMaxRetry delaysAndMaxRetry;
        try {
            delaysAndMaxRetry = delayTime
                .map(value -> DelaysAndMaxRetry.from(maxRetries, value))
                .orElseGet(() -> DelaysAndMaxRetry.withDefaultDelays(maxRetries, DEFAULT_DELAY_TIME));
        } catch (IllegalArgumentException e) {
            throw invalid(DELAY_TIME, delayTime.orElse(DEFAULT_DELAY_TIME), e.getMessage());
        }
        Optional<String> fallbackValue = parameter(config, FALLBACK);
        Fallback fallback = fallbackValue.isEmpty() ? Fallback.BOUNCE : Fallback.parse(fallbackValue.get())
            .orElseThrow(() -> invalid(FALLBACK, fallbackValue.get(), "expected 'bounce' or 'smtp'"));
        int maxHops = nonNegativeInt(config, MAX_HOPS, DEFAULT_MAX_HOPS);
        if (maxHops == 0) {
            throw invalid(MAX_HOPS, "0", "expected a positive number");
        }
        return new XmppRemoteDeliveryConfiguration(
            parameter(config, OUTGOING).map(MailQueueName::of).orElse(DEFAULT_OUTGOING_QUEUE),
            delaysAndMaxRetry,
            fallback,
            new ProcessingState(parameter(config, FALLBACK_PROCESSOR).orElse(DEFAULT_FALLBACK_PROCESSOR)),
            parameter(config, BOUNCE_PROCESSOR).map(ProcessingState::new),
            maxHops);
    }

    private static Optional<String> parameter(MailetConfig config, String name) {
        return Optional.ofNullable(config.getInitParameter(name))
            .map(String::trim)
            .filter(value -> !value.isEmpty());
    }

    private static int nonNegativeInt(MailetConfig config, String name, int defaultValue) throws MessagingException {
        Optional<String> value = parameter(config, name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed < 0) {
                throw invalid(name, value.get(), "expected a number not below 0");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw invalid(name, value.get(), "expected a number");
        }
    }

    private static MessagingException invalid(String name, String value, String reason) {
        return new MessagingException("Invalid value '" + value + "' for init parameter '" + name + "': " + reason);
    }
}
