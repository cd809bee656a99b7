package org.jamesxmpp.mailets.remote.delivery;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.apache.mailet.ProcessingState;
import org.jamesxmpp.core.log.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableList;

/**
 * Where recipients go once XMPP gave up on them: to SMTP ({@code fallback=smtp}: the mail continues in the
 * fallback processor, marked so that the XMPP matcher lets it pass) or back to the sender: a DSN built by
 * {@link DsnComposer}, or, when a {@code bounceProcessor} is configured, the mail goes there with RemoteDelivery's
 * {@code delivery-error} attributes; never to a null sender. A mail of which only the header lines are left
 * ({@link LateFailures}) is bounced.
 */
public class FailureRoute {
    public static final AttributeName DELIVERY_ERROR = AttributeName.of("delivery-error");
    public static final AttributeName IS_DELIVERY_PERMANENT_ERROR = AttributeName.of("is-delivery-permanent-error");
    private static final Logger LOGGER = LoggerFactory.getLogger(FailureRoute.class);

    private final XmppRemoteDeliveryConfiguration configuration;
    private final MailetContext mailetContext;
    private final DsnComposer dsnComposer;
    private final DeliveryMetrics metrics;

    public FailureRoute(XmppRemoteDeliveryConfiguration configuration, MailetContext mailetContext, DsnComposer dsnComposer,
                        DeliveryMetrics metrics) {
        this.configuration = configuration;
        this.mailetContext = mailetContext;
        this.dsnComposer = dsnComposer;
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
            bounce(mail, failures);
        }
    }

    /**
     * For recipients refused before they were queued. With {@code fallback=smtp} the mail keeps only them and
     * continues to the next mailet (returns true); otherwise they are bounced (returns false).
     */
    public boolean continueInline(Mail mail, Map<MailAddress, DeliveryFailure> failures) throws MessagingException {
        if (configuration.fallback() != Fallback.SMTP) {
            bounce(mail, failures);
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

    private void bounce(Mail mail, Map<MailAddress, DeliveryFailure> failures) throws MessagingException {
        if (failures.isEmpty()) {
            return;
        }
        metrics.bounced(failures.size());
        if (!mail.hasSender()) {
            LOGGER.info("No DSN for mail {} with a null sender; failed recipients {}", mail.getName(), failures);
            return;
        }
        if (configuration.bounceProcessor().isPresent()) {
            toBounceProcessor(mail, failures, configuration.bounceProcessor().get());
        } else {
            sendDsn(mail, failures);
        }
    }

    /**
     * One mail per DSN status: James's {@code DSNBounce} writes the {@code delivery-error} attribute as the
     * {@code Status:} of every recipient of the mail, so it starts with the status code.
     */
    private void toBounceProcessor(Mail mail, Map<MailAddress, DeliveryFailure> failures, ProcessingState processor)
        throws MessagingException {
        Map<DsnStatus, Map<MailAddress, DeliveryFailure>> byStatus = failures.entrySet().stream()
            .collect(Collectors.groupingBy(entry -> entry.getValue().status(), LinkedHashMap::new,
                Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (first, second) -> first, LinkedHashMap::new)));
        for (Map.Entry<DsnStatus, Map<MailAddress, DeliveryFailure>> group : byStatus.entrySet()) {
            Mail failed = MailImpl.duplicate(mail);
            failed.setRecipients(ImmutableList.copyOf(group.getValue().keySet()));
            failed.setAttribute(new Attribute(DELIVERY_ERROR, AttributeValue.of(group.getKey().asString() + " "
                + group.getValue().entrySet().stream()
                    .map(entry -> entry.getKey().asString() + ": " + entry.getValue().diagnostic())
                    .collect(Collectors.joining("; ")))));
            failed.setAttribute(new Attribute(IS_DELIVERY_PERMANENT_ERROR, AttributeValue.of(true)));
            try {
                mailetContext.sendMail(failed, processor.getValue());
            } finally {
                LifecycleUtil.dispose(failed);
            }
        }
    }

    private void sendDsn(Mail mail, Map<MailAddress, DeliveryFailure> failures) throws MessagingException {
        MimeMessage dsn = dsnComposer.compose(mail, failures, mailetContext.getPostmaster());
        MailImpl dsnMail = MailImpl.builder()
            .name(mail.getName() + "-xmpp-dsn")
            .sender(MailAddress.nullSender())
            .addRecipient(mail.getMaybeSender().get())
            .mimeMessage(dsn)
            .build();
        LOGGER.info("DSN for mail {} to {}: failed recipients {}", mail.getName(), mail.getMaybeSender().asString(),
            failures.keySet());
        mailetContext.sendMail(dsnMail);
    }
}
