package org.jamesxmpp.core.mapping;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jxmpp.util.XmppDateTime;

/**
 * A XEP-0203 {@code <delay/>} written as Smack writes it, but with the stamp formatted here: jxmpp's
 * {@code XmppDateTime.formatXEP0082Date} goes through a synchronized {@code SimpleDateFormat} for every stanza.
 */
final class XepDelay extends DelayInformation {
    private static final Instant GREGORIAN_ONLY = Instant.parse("1583-01-01T00:00:00Z");

    XepDelay(Instant stamp, String from) {
        super(Date.from(stamp), from, null);
    }

    XepDelay(Instant stamp) {
        this(stamp, null);
    }

    @Override
    public XmlStringBuilder toXML(XmlEnvironment enclosingNamespace) {
        XmlStringBuilder xml = new XmlStringBuilder(this, enclosingNamespace);
        xml.attribute("stamp", stamp(getStamp().toInstant()));
        xml.optAttribute("from", getFrom());
        return xml.optTextChild(getReason(), this);
    }

    /** {@code yyyy-MM-dd'T'HH:mm:ss.SSS+00:00}, as jxmpp's XEP-0082 date-time profile with milliseconds. */
    static String stamp(Instant instant) {
        if (instant.isBefore(GREGORIAN_ONLY)) {
            // SimpleDateFormat's calendar is Julian before October 1582
            return XmppDateTime.formatXEP0082Date(Date.from(instant));
        }
        LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(24);
        pad(out, utc.getYear(), 4).append('-');
        pad(out, utc.getMonthValue(), 2).append('-');
        pad(out, utc.getDayOfMonth(), 2).append('T');
        pad(out, utc.getHour(), 2).append(':');
        pad(out, utc.getMinute(), 2).append(':');
        pad(out, utc.getSecond(), 2).append('.');
        return pad(out, utc.getNano() / 1_000_000, 3).append("+00:00").toString();
    }

    private static StringBuilder pad(StringBuilder out, int value, int digits) {
        String text = Integer.toString(value);
        for (int i = text.length(); i < digits; i++) {
            out.append('0');
        }
        return out.append(text);
    }
}
