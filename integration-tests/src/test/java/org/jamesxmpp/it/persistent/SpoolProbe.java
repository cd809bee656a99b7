package org.jamesxmpp.it.persistent;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.utils.GuiceProbe;
import org.apache.mailet.Mail;
import org.jamesxmpp.core.store.DeliveryLedger;

/** Puts a mail on James's spool as the spool itself hands one out again, and records attempts in the ledger. */
public class SpoolProbe implements GuiceProbe {
    private final MailQueueFactory<?> queues;
    private final DeliveryLedger ledger;

    @Inject
    SpoolProbe(MailQueueFactory<?> queues, DeliveryLedger ledger) {
        this.queues = queues;
        this.ledger = ledger;
    }

    public void enqueue(Mail mail) throws MessagingException {
        MailQueue spool = queues.getQueue(MailQueueFactory.SPOOL).orElseThrow();
        spool.enQueue(mail);
    }

    /** As a first attempt that ended (a crash) before the append. */
    public void recordAttempt(String mailName, String recipient) {
        ledger.recordAttempt(DeliveryLedger.keyOf(mailName, recipient), Instant.now(), ChronoUnit.DAYS.getDuration());
    }
}
