package org.jamesxmpp.mailets.remote.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.queue.api.MailQueue;
import org.apache.mailet.Mail;
import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.outgoing.DeliveryLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableList;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The dequeue loop of the outgoing XMPP queue: each mail gets one attempt; delivered recipients are done, failed
 * ones are retried later (re-enqueued with the next delay) or, after the last retry or on a permanent failure,
 * handed to the {@link FailureRoute}.
 */
public class DeliveryRunnable implements Disposable {
    private static final Logger LOGGER = LoggerFactory.getLogger(DeliveryRunnable.class);

    private final MailQueue queue;
    private final XmppRemoteDeliveryConfiguration configuration;
    private final XmppDelivrer delivrer;
    private final FailureRoute failureRoute;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final int concurrency;
    private Scheduler processScheduler = Schedulers.immediate();
    private Scheduler dequeueScheduler;
    private Disposable disposable;

    public DeliveryRunnable(MailQueue queue, XmppRemoteDeliveryConfiguration configuration, XmppDelivrer delivrer,
                            FailureRoute failureRoute, DeliveryMetrics metrics, Clock clock) {
        this(queue, configuration, delivrer, failureRoute, metrics, clock, DeliveryLimits.DEFAULT_CONCURRENCY);
    }

    /** @param concurrency mails attempted at once ({@code delivery/concurrency} of xmpp.xml) */
    public DeliveryRunnable(MailQueue queue, XmppRemoteDeliveryConfiguration configuration, XmppDelivrer delivrer,
                            FailureRoute failureRoute, DeliveryMetrics metrics, Clock clock, int concurrency) {
        this.queue = queue;
        this.configuration = configuration;
        this.delivrer = delivrer;
        this.failureRoute = failureRoute;
        this.metrics = metrics;
        this.clock = clock;
        this.concurrency = concurrency;
    }

    public void start() {
        processScheduler = Schedulers.newBoundedElastic(Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE,
            Schedulers.DEFAULT_BOUNDED_ELASTIC_QUEUESIZE, "XmppRemoteDelivery-Process");
        dequeueScheduler = Schedulers.newSingle("XmppRemoteDelivery-Dequeue");
        disposable = Flux.from(queue.deQueue())
            .flatMap(item -> process(item).subscribeOn(processScheduler), concurrency)
            .onErrorContinue((error, item) -> LOGGER.error("Exception caught in XmppRemoteDelivery", LogSafe.exception(error)))
            .subscribeOn(dequeueScheduler)
            .subscribe();
    }

    /**
     * One attempt for a dequeued mail. The item is acknowledged once every recipient is settled: delivered, queued
     * again for a retry, or handed to the failure route. When handling fails half-way (e.g. James's spool refuses
     * the DSN or the fallback), the recipients not settled yet go back to the queue, without counting a retry; when
     * even that fails, or the attempt is cancelled (the mailet stops), the item is not acknowledged but handed back
     * ({@code RETRY}, as RemoteDelivery does): the outcome is unknown, the mail stays queued.
     */
    public Mono<Void> process(MailQueue.MailQueueItem item) {
        Mail mail = item.getMail();
        List<MailAddress> recipients = ImmutableList.copyOf(mail.getRecipients());
        int retries = XmppDeliveryAttributes.retries(mail);
        Set<MailAddress> settled = ConcurrentHashMap.newKeySet();
        AtomicBoolean done = new AtomicBoolean();
        return attempt(mail)
            .publishOn(processScheduler)
            .flatMap(outcome -> Mono.fromCallable(() -> {
                handle(mail, outcome, settled);
                return MailQueue.MailQueueItem.CompletionStatus.SUCCESS;
            }))
            .onErrorResume(error -> Mono.fromCallable(() -> handBack(mail, recipients, retries, settled, error)))
            .flatMap(status -> Mono.fromCallable(() -> {
                if (done.compareAndSet(false, true)) {
                    item.done(status);
                }
                return status;
            }))
            .doOnCancel(() -> {
                if (done.compareAndSet(false, true)) {
                    LOGGER.info("Attempt for mail {} cancelled: it goes back to the queue", mail.getName());
                    nack(item);
                }
            })
            .doFinally(any -> LifecycleUtil.dispose(mail))
            .then();
    }

    private MailQueue.MailQueueItem.CompletionStatus handBack(Mail mail, List<MailAddress> recipients, int retries,
                                                            Set<MailAddress> settled, Throwable error) {
        List<MailAddress> unsettled = recipients.stream()
            .filter(recipient -> !settled.contains(recipient))
            .collect(ImmutableList.toImmutableList());
        LOGGER.error("Could not handle the XMPP delivery of mail {}: {} go back to the queue", mail.getName(), unsettled,
            LogSafe.exception(error));
        if (unsettled.isEmpty()) {
            return MailQueue.MailQueueItem.CompletionStatus.SUCCESS;
        }
        try {
            mail.setRecipients(unsettled);
            XmppDeliveryAttributes.setRetries(mail, retries);
            queue.enQueue(mail, configuration.delaysAndMaxRetry().handBackDelay(retries));
            return MailQueue.MailQueueItem.CompletionStatus.SUCCESS;
        } catch (MailQueue.MailQueueException | RuntimeException e) {
            LOGGER.error("Could not queue mail {} again: the queue keeps it (not acknowledged)", mail.getName(), e);
            mail.setRecipients(recipients);
            return MailQueue.MailQueueItem.CompletionStatus.RETRY;
        }
    }

    private static void nack(MailQueue.MailQueueItem item) {
        try {
            item.done(MailQueue.MailQueueItem.CompletionStatus.RETRY);
        } catch (MailQueue.MailQueueException | RuntimeException e) {
            LOGGER.error("Could not hand mail {} back to its queue", item.getMail().getName(), e);
        }
    }

    /** A mail a peer's late error brought back has its outcome already; any other is sent. */
    private Mono<DeliveryOutcome> attempt(Mail mail) {
        Optional<DeliveryFailure> late = XmppDeliveryAttributes.lateFailure(mail);
        if (late.isPresent()) {
            return Mono.just(DeliveryOutcome.allFailed(ImmutableList.copyOf(mail.getRecipients()), late.get()));
        }
        return Mono.defer(() -> delivrer.deliver(mail));
    }

    /** What the outcome of one attempt means for the mail: done, retried later, or failed for good. */
    public void handle(Mail mail, DeliveryOutcome outcome) throws MessagingException {
        handle(mail, outcome, ConcurrentHashMap.newKeySet());
    }

    /** As {@link #handle(Mail, DeliveryOutcome)}, recording in {@code settled} each recipient as it is settled. */
    private void handle(Mail mail, DeliveryOutcome outcome, Set<MailAddress> settled) throws MessagingException {
        List<MailAddress> delivered = outcome.delivered();
        settled.addAll(delivered);
        if (!delivered.isEmpty()) {
            metrics.sent(delivered.size());
            LOGGER.info("Delivered mail {} from {} over XMPP to {}", mail.getName(), mail.getMaybeSender().asString(), delivered);
        }
        Map<MailAddress, DeliveryFailure> finalFailures = new LinkedHashMap<>(outcome.failures(ExecutionResult.ExecutionState.PERMANENT_FAILURE));
        Map<MailAddress, DeliveryFailure> temporary = outcome.failures(ExecutionResult.ExecutionState.TEMPORARY_FAILURE);
        int retries = XmppDeliveryAttributes.retries(mail);
        boolean canRetry = !XmppDeliveryAttributes.isContentDropped(mail);
        boolean retry = !temporary.isEmpty() && retries < configuration.delaysAndMaxRetry().maxRetries() && canRetry;
        if (!retry) {
            String gaveUp = canRetry ? "gave up after " + retries + " retries: " : "not retried, the content is no longer kept: ";
            temporary.forEach((recipient, failure) -> finalFailures.put(recipient, new DeliveryFailure(failure.status(),
                gaveUp + failure.diagnostic())));
        }
        failureRoute.failed(mail, finalFailures);
        settled.addAll(finalFailures.keySet());
        if (retry) {
            reEnqueue(mail, ImmutableList.copyOf(temporary.keySet()), retries + 1, temporary);
            settled.addAll(temporary.keySet());
        }
        Map<MailAddress, DeliveryFailure> interrupted = outcome.failures(ExecutionResult.ExecutionState.INTERRUPTED);
        if (!interrupted.isEmpty()) {
            queueInterrupted(mail, ImmutableList.copyOf(interrupted.keySet()), retries, interrupted);
            settled.addAll(interrupted.keySet());
        }
    }

    /** The engine stopped mid-attempt: nothing was learnt about the peer, so no retry is used up. */
    private void queueInterrupted(Mail mail, List<MailAddress> recipients, int retries,
                                  Map<MailAddress, DeliveryFailure> failures) throws MailQueue.MailQueueException {
        Duration delay = configuration.delaysAndMaxRetry().handBackDelay(retries);
        LOGGER.info("Mail {} to {} interrupted over XMPP ({}); queued again in {}, still {} retries used",
            mail.getName(), recipients, LogSafe.of(failures.values()), delay, retries);
        mail.setRecipients(recipients);
        XmppDeliveryAttributes.setRetries(mail, retries);
        queue.enQueue(mail, delay);
    }

    private void reEnqueue(Mail mail, List<MailAddress> recipients, int retry, Map<MailAddress, DeliveryFailure> failures)
        throws MailQueue.MailQueueException {
        Duration delay = notSoonerThanThePeerIsTriedAgain(configuration.delaysAndMaxRetry().delayBeforeRetry(retry),
            failures.values());
        LOGGER.info("Mail {} to {} failed over XMPP ({}); retry {} of {} in {}", mail.getName(), recipients,
            LogSafe.of(failures.values()), retry, configuration.delaysAndMaxRetry().maxRetries(), delay);
        mail.setRecipients(recipients);
        XmppDeliveryAttributes.clearLateFailure(mail);
        XmppDeliveryAttributes.setRetries(mail, retry);
        mail.setLastUpdated(Date.from(clock.instant()));
        metrics.retried(recipients.size());
        queue.enQueue(mail, delay);
    }

    /**
     * A retry before the engine tries a peer again after a failed connection would be refused without an attempt and
     * use up a retry for nothing: retry delays shorter than {@code streams/reconnectBackoff} would bounce mail to a
     * peer that came back.
     */
    private Duration notSoonerThanThePeerIsTriedAgain(Duration retryDelay, Collection<DeliveryFailure> failures) {
        Instant now = clock.instant();
        return failures.stream()
            .flatMap(failure -> failure.notTriedBefore().stream())
            .map(notTriedBefore -> Duration.between(now, notTriedBefore))
            .filter(untilTriedAgain -> untilTriedAgain.compareTo(retryDelay) > 0)
            .max(Comparator.naturalOrder())
            .orElse(retryDelay);
    }

    @Override
    public void dispose() {
        if (disposable != null) {
            disposable.dispose();
            dequeueScheduler.dispose();
            processScheduler.disposeGracefully()
                .timeout(Duration.ofSeconds(2))
                .onErrorResume(e -> Mono.empty())
                .block();
        }
    }
}
