package org.jamesxmpp.mailets.remote.delivery;

import java.util.Map;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.jamesxmpp.core.log.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableList;

/**
 * Where recipients go once XMPP gave up on them: to SMTP ({@code fallback=smtp}: the mail continues in the
 * fallback processor, marked so that the XMPP matcher lets it pass) or back to the sender ({@link Bouncer}). A mail
 * of which only the header lines are left ({@link LateFailures}) is bounced.
 */
public class FailureRoute {
    private static final Logger LOGGER = LoggerFactory.getLogger(FailureRoute.class);

    private final XmppRemoteDeliveryConfiguration configuration;
    private final MailetContext mailetContext;
    private final Bouncer bouncer;
    private final DeliveryMetrics metrics;

    public FailureRoute(XmppRemoteDeliveryConfiguration configuration, MailetContext mailetContext, Bouncer bouncer,
                        DeliveryMetrics metrics) {
        this.configuration = configuration;
        this.mailetContext = mailetContext;
        this.bouncer = bouncer;
        this.metrics = metrics;
    }

    /** Hands {@code failures} (a subset of the mail's recipients) on; does not change {@code mail}. */
    public void failed(Mail mail, Map<MailAddress, DeliveryFailure> failures) throws MessagingException {
        if (failures.isEmpty()) {
            return;
        }
        if (configuration.fallback() == Fallback.SMTP && !XmppDeliveryAttributes.isContentDropped(mail)) {
            fallBackToSmtp(mail, failures);
        } else {
            bouncer.bounce(mail, failures);
        }
    }

    /**
     * For recipients refused before they were queued. With {@code fallback=smtp} the mail keeps only them and
     * continues to the next mailet (returns true); otherwise they are bounced (returns false).
     */
    public boolean continueInline(Mail mail, Map<MailAddress, DeliveryFailure> failures) throws MessagingException {
        if (configuration.fallback() != Fallback.SMTP) {
            bouncer.bounce(mail, failures);
            return false;
        }
        mail.setRecipients(ImmutableList.copyOf(failures.keySet()));
        XmppDeliveryAttributes.markFallenBack(mail);
        metrics.fallenBack(failures.size());
        LOGGER.info("Mail {} continues to SMTP for {}: {}", mail.getName(), failures.keySet(), LogSafe.of(failures.values()));
        return true;
    }

    private void fallBackToSmtp(Mail mail, Map<MailAddress, DeliveryFailure> failures) throws MessagingException {
        Mail fallback = MailImpl.duplicate(mail);
        fallback.setRecipients(ImmutableList.copyOf(failures.keySet()));
        XmppDeliveryAttributes.markFallenBack(fallback);
        metrics.fallenBack(failures.size());
        LOGGER.info("Mail {} continues to SMTP in processor {} for {}: {}", mail.getName(),
            configuration.fallbackProcessor().getValue(), failures.keySet(), LogSafe.of(failures.values()));
        try {
            mailetContext.sendMail(fallback, configuration.fallbackProcessor().getValue());
        } finally {
            LifecycleUtil.dispose(fallback);
        }
    }
}
