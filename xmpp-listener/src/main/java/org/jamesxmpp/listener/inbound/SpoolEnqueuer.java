package org.jamesxmpp.listener.inbound;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.mailet.Mail;
import org.jamesxmpp.core.WorkerPool;
import org.jamesxmpp.listener.configuration.XmppConfiguration;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Puts a mail on James's spool queue exactly as the SMTP server does, so that the administrator's
 * mailetcontainer.xml decides what happens to it. Never {@code MailetContext.sendMail}: that marks the mail as
 * sent by a mailet, which the default pipeline lets relay anywhere.
 *
 * <p>James's queues enqueue by blocking; that work runs on a bounded scheduler of its own, never on the s2s
 * event loops ({@code inbound/spoolThreads}, {@code inbound/maxQueuedMails} of xmpp.xml).
 */
@Singleton
public class SpoolEnqueuer {
    private final MailQueue spool;
    private final Scheduler scheduler;

    @Inject
    public SpoolEnqueuer(MailQueueFactory<?> mailQueueFactory, XmppConfiguration configuration) {
        this(mailQueueFactory, configuration.spoolWriters());
    }

    public SpoolEnqueuer(MailQueueFactory<?> mailQueueFactory, WorkerPool writers) {
        this.spool = mailQueueFactory.createQueue(MailQueueFactory.SPOOL);
        this.scheduler = Schedulers.newBoundedElastic(writers.threads(), writers.maxQueued(), "xmpp-inbound-enqueue");
    }

    public Mono<Void> enqueue(Mail mail) {
        return Mono.<Void>fromRunnable(() -> enqueueBlocking(mail))
            .subscribeOn(scheduler);
    }

    private void enqueueBlocking(Mail mail) {
        try {
            spool.enQueue(mail);
        } catch (MailQueue.MailQueueException e) {
            throw new SpoolUnavailableException(e);
        } finally {
            // the queue keeps its own copy, as after an SMTP DATA: ours is released here
            LifecycleUtil.dispose(mail);
        }
    }

    @PreDestroy
    public void dispose() {
        scheduler.dispose();
    }

    public static class SpoolUnavailableException extends RuntimeException {
        SpoolUnavailableException(Throwable cause) {
            super("the spool queue did not accept the mail", cause);
        }
    }
}
