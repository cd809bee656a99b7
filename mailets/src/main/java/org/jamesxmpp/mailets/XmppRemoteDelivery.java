package org.jamesxmpp.mailets;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.jamesxmpp.core.mapping.MappingOptions;
import org.jamesxmpp.core.outgoing.DeliveryLimits;
import org.jamesxmpp.core.s2s.StanzaSender;
import org.jamesxmpp.core.store.DomainCapabilityStore;
import org.jamesxmpp.mailets.remote.delivery.DeliveryFailure;
import org.jamesxmpp.mailets.remote.delivery.DeliveryMetrics;
import org.jamesxmpp.mailets.remote.delivery.DeliveryRunnable;
import org.jamesxmpp.mailets.remote.delivery.DsnComposer;
import org.jamesxmpp.mailets.remote.delivery.FailureRoute;
import org.jamesxmpp.mailets.remote.delivery.Fallback;
import org.jamesxmpp.mailets.remote.delivery.LateFailures;
import org.jamesxmpp.mailets.remote.delivery.LoopProtection;
import org.jamesxmpp.mailets.remote.delivery.MulticastPeers;
import org.jamesxmpp.mailets.remote.delivery.XmppDelivrer;
import org.jamesxmpp.mailets.remote.delivery.XmppRemoteDeliveryConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.annotations.VisibleForTesting;
import com.google.common.collect.ImmutableList;

/**
 * Delivers mail over XMPP, as RemoteDelivery does over SMTP: {@code service()} splits the recipients per domain
 * into a durable outgoing queue of its own; a {@link DeliveryRunnable} maps and sends each mail, retries
 * ({@code delayTime}, {@code maxRetries}) and finally bounces or falls back to SMTP ({@code fallback}). Recipients
 * refused by {@link LoopProtection} fail at once. See {@link XmppRemoteDeliveryConfiguration} for the parameters.
 */
public class XmppRemoteDelivery extends GenericMailet {
    public enum ThreadState {
        START_THREADS,
        DO_NOT_START_THREADS
    }

    public static final String NAME_JUNCTION = "-to-";
    private static final Logger LOGGER = LoggerFactory.getLogger(XmppRemoteDelivery.class);

    private final MailQueueFactory<?> queueFactory;
    private final MetricFactory metricFactory;
    private final StanzaSender sender;
    private final MappingOptions mappingOptions;
    private final DeliveryLimits limits;
    private final DomainCapabilityStore capabilities;
    private final Clock clock;
    private final ThreadState startThreads;

    private XmppRemoteDeliveryConfiguration configuration;
    private MailQueue queue;
    private LoopProtection loopProtection;
    private FailureRoute failureRoute;
    private DeliveryRunnable deliveryRunnable;

    @Inject
    public XmppRemoteDelivery(MailQueueFactory<?> queueFactory, MetricFactory metricFactory, StanzaSender sender,
                              MappingOptions mappingOptions, DeliveryLimits limits, DomainCapabilityStore capabilities,
                              Clock clock) {
        this(queueFactory, metricFactory, sender, mappingOptions, limits, capabilities, clock, ThreadState.START_THREADS);
    }

    @VisibleForTesting
    public XmppRemoteDelivery(MailQueueFactory<?> queueFactory, MetricFactory metricFactory, StanzaSender sender,
                              MappingOptions mappingOptions, DeliveryLimits limits, DomainCapabilityStore capabilities,
                              Clock clock, ThreadState startThreads) {
        this.queueFactory = queueFactory;
        this.metricFactory = metricFactory;
        this.sender = sender;
        this.mappingOptions = mappingOptions;
        this.limits = limits;
        this.capabilities = capabilities;
        this.clock = clock;
        this.startThreads = startThreads;
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(XmppRemoteDeliveryConfiguration.PARAMETERS);
        configuration = XmppRemoteDeliveryConfiguration.parse(getMailetConfig());
        queue = queueFactory.createQueue(configuration.outgoingQueue());
        DeliveryMetrics metrics = new DeliveryMetrics(metricFactory);
        loopProtection = new LoopProtection(configuration.maxHops());
        failureRoute = new FailureRoute(configuration, getMailetContext(),
            new DsnComposer(clock, limits.maxReturnedMessageSize()), metrics);
        LateFailures lateFailures = new LateFailures(queue, limits.lateErrorContentBudget());
        sender.routeLateErrors(lateFailures.route(), lateFailures);
        XmppDelivrer delivrer = new XmppDelivrer(sender, lateFailures, mappingOptions, new MulticastPeers(sender,
            limits.multicast(), limits.multicastDiscoveryTtl(), capabilities));
        deliveryRunnable = new DeliveryRunnable(queue, configuration, delivrer, failureRoute, metrics, clock,
            limits.concurrency());
        if (startThreads == ThreadState.START_THREADS) {
            deliveryRunnable.start();
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Map<MailAddress, DeliveryFailure> refused = new LinkedHashMap<>();
        Map<Domain, List<MailAddress>> byDomain = new LinkedHashMap<>();
        for (MailAddress recipient : mail.getRecipients()) {
            Optional<DeliveryFailure> refusal = loopProtection.refusal(mail, recipient);
            if (refusal.isPresent()) {
                refused.put(recipient, refusal.get());
            } else {
                byDomain.computeIfAbsent(recipient.getDomain(), any -> new ArrayList<>()).add(recipient);
            }
        }
        String name = mail.getName();
        for (Map.Entry<Domain, List<MailAddress>> entry : byDomain.entrySet()) {
            mail.setRecipients(entry.getValue());
            mail.setName(name + NAME_JUNCTION + entry.getKey().asString());
            queue.enQueue(mail);
        }
        mail.setName(name);
        if (refused.isEmpty() || !failureRoute.continueInline(mail, refused)) {
            mail.setState(Mail.GHOST);
        }
    }

    @VisibleForTesting
    DeliveryRunnable deliveryRunnable() {
        return deliveryRunnable;
    }

    @Override
    public String getMailetInfo() {
        return "XmppRemoteDelivery Mailet";
    }

    @Override
    public void destroy() {
        if (startThreads == ThreadState.START_THREADS) {
            deliveryRunnable.dispose();
        }
        try {
            queue.close();
        } catch (IOException e) {
            LOGGER.debug("error closing queue", e);
        }
    }

    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        Stream<ProcessingState> fallback = configuration.fallback() == Fallback.SMTP
            ? Stream.of(configuration.fallbackProcessor())
            : Stream.empty();
        return Stream.concat(configuration.bounceProcessor().stream(), fallback)
            .collect(ImmutableList.toImmutableList());
    }
}
