package org.jamesxmpp.mailets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.util.DurationParser;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.store.DeliveryLedger;
import org.jamesxmpp.mailets.delivery.MailboxCopies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes local delivery happen once when James's spool hands a mail out again: after a crash or a stop between the
 * append to the mailbox and the spool's acknowledgement, the spool (ActiveMQ, RabbitMQ) delivers the mail a second
 * time. Placed right before {@code LocalDelivery}, this records every (mail, recipient) attempt in the
 * {@link DeliveryLedger}; on a second attempt it looks in the recipient's target folder for the copy appended by the
 * first one ({@link MailboxCopies}, by {@code Message-ID}) and removes that recipient. Without a copy (the crash came
 * before the append) the recipient stays: the mail is delivered, never lost. The key is the name the mail had on the
 * spool (a matcher that splits the recipients names the copy with a random suffix) and the recipient.
 *
 * <p>Init parameter {@code window} (default {@code 7d}): how long an attempt is remembered, at least as long as a
 * stopped server may stay down with mail in its spool.
 */
public class RemoveAlreadyDeliveredRecipients extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(RemoveAlreadyDeliveredRecipients.class);
    static final String DEFAULT_WINDOW = "7d";
    /** What {@code MailImpl.duplicate} appends when a matcher splits a mail's recipients: random, so not part of a key. */
    private static final Pattern SPLIT_SUFFIXES = Pattern.compile("(-![0-9]+)+$");
    private static final String MESSAGE_ID_DOMAIN = "@james-xmpp.invalid>";

    private final DeliveryLedger ledger;
    private final MailboxCopies copies;
    private final Clock clock;
    private Duration window;

    @Inject
    public RemoveAlreadyDeliveredRecipients(DeliveryLedger ledger, MailboxManager mailboxManager,
                                            UsersRepository usersRepository, Clock clock) {
        this(ledger, new MailboxCopies(mailboxManager, usersRepository), clock);
    }

    RemoveAlreadyDeliveredRecipients(DeliveryLedger ledger, MailboxCopies copies, Clock clock) {
        this.ledger = ledger;
        this.copies = copies;
        this.clock = clock;
    }

    @Override
    public void init() throws MessagingException {
        String value = getInitParameter("window", DEFAULT_WINDOW);
        try {
            window = DurationParser.parse(value, ChronoUnit.DAYS);
        } catch (IllegalArgumentException e) {
            throw new MessagingException(getMailetName() + ": init parameter window '" + value + "' is not a duration (e.g. 7d)");
        }
        if (window.isNegative() || window.isZero()) {
            throw new MessagingException(getMailetName() + ": init parameter window must be positive, was '" + value + "'");
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Instant now = clock.instant();
        String spooledName = SPLIT_SUFFIXES.matcher(mail.getName()).replaceFirst("");
        identify(mail, spooledName);
        List<MailAddress> remaining = new ArrayList<>();
        for (MailAddress recipient : mail.getRecipients()) {
            Optional<Instant> firstAttempt = ledger.recordAttempt(DeliveryLedger.keyOf(spooledName, recipient.asString()),
                now, window);
            if (firstAttempt.isPresent() && copies.holds(recipient, mail, firstAttempt.get())) {
                LOGGER.info("Mail {} was delivered to {} before the spool handed it out again: not delivering it twice",
                    LogSafe.of(mail.getName()), LogSafe.of(recipient.asString()));
            } else {
                remaining.add(recipient);
            }
        }
        if (remaining.size() == mail.getRecipients().size()) {
            return;
        }
        mail.setRecipients(remaining);
        if (remaining.isEmpty()) {
            mail.setState(Mail.GHOST);
        }
    }

    /**
     * A mail without a {@code Message-ID} would get a random one when it is appended: it gets one derived from its name
     * instead, the same on every attempt, so that a copy in the mailbox can be recognised.
     */
    private static void identify(Mail mail, String spooledName) throws MessagingException {
        if (mail.getMessage().getMessageID() == null) {
            mail.getMessage().setHeader("Message-ID", "<" + DeliveryLedger.keyOf(spooledName, "").substring(0, 32)
                + MESSAGE_ID_DOMAIN);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Removes the recipients a mail handed out again by the spool was already delivered to";
    }
}
