package org.jamesxmpp.mailets.remote.delivery;

import java.util.Optional;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

/** Mail attributes of the outbound XMPP delivery. */
public final class XmppDeliveryAttributes {
    /** How many retries the mail had in the outgoing XMPP queue. */
    public static final AttributeName RETRIES = AttributeName.of("org.jamesxmpp.xmpp-delivery-retries");
    /**
     * Set on a mail whose recipients XMPP could not reach and that continues to SMTP: the XMPP matcher no longer
     * matches it, so the mail does not come back.
     */
    public static final AttributeName FALLEN_BACK = AttributeName.of("org.jamesxmpp.xmpp-delivery-fallen-back");

    /** On a mail in the outgoing XMPP queue for a peer's late error: the DSN status of the failure. */
    public static final AttributeName LATE_FAILURE_STATUS = AttributeName.of("org.jamesxmpp.xmpp-delivery-late-status");
    /** With {@link #LATE_FAILURE_STATUS}: the diagnostic of the failure. */
    public static final AttributeName LATE_FAILURE = AttributeName.of("org.jamesxmpp.xmpp-delivery-late-failure");
    /** Set on a mail of which only the header lines are left: it can be bounced, not sent again. */
    public static final AttributeName CONTENT_DROPPED = AttributeName.of("org.jamesxmpp.xmpp-delivery-content-dropped");

    private XmppDeliveryAttributes() {
    }

    public static int retries(Mail mail) {
        return AttributeUtils.getValueAndCastFromMail(mail, RETRIES, Integer.class).orElse(0);
    }

    public static void setRetries(Mail mail, int retries) {
        mail.setAttribute(new Attribute(RETRIES, AttributeValue.of(retries)));
    }

    public static void markFallenBack(Mail mail) {
        mail.setAttribute(new Attribute(FALLEN_BACK, AttributeValue.of(true)));
    }

    public static boolean isFallenBack(Mail mail) {
        Optional<Boolean> value = AttributeUtils.getValueAndCastFromMail(mail, FALLEN_BACK, Boolean.class);
        return value.orElse(false);
    }

    public static void setLateFailure(Mail mail, DeliveryFailure failure, boolean contentKept) {
        mail.setAttribute(new Attribute(LATE_FAILURE_STATUS, AttributeValue.of(failure.status().asString())));
        mail.setAttribute(new Attribute(LATE_FAILURE, AttributeValue.of(failure.diagnostic())));
        if (!contentKept) {
            mail.setAttribute(new Attribute(CONTENT_DROPPED, AttributeValue.of(true)));
        }
    }

    /** The failure a peer reported for this mail after acknowledging it, if it is such a mail. */
    public static Optional<DeliveryFailure> lateFailure(Mail mail) {
        Optional<String> status = AttributeUtils.getValueAndCastFromMail(mail, LATE_FAILURE_STATUS, String.class);
        Optional<String> diagnostic = AttributeUtils.getValueAndCastFromMail(mail, LATE_FAILURE, String.class);
        return status.map(value -> new DeliveryFailure(DsnStatus.parse(value), diagnostic.orElse("")));
    }

    /** The late failure was taken into account: a retry sends the mail again. */
    public static void clearLateFailure(Mail mail) {
        mail.removeAttribute(LATE_FAILURE_STATUS);
        mail.removeAttribute(LATE_FAILURE);
    }

    public static boolean isContentDropped(Mail mail) {
        return AttributeUtils.getValueAndCastFromMail(mail, CONTENT_DROPPED, Boolean.class).orElse(false);
    }
}
