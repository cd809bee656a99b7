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
}
