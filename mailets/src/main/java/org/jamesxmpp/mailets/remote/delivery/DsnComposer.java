package org.jamesxmpp.mailets.remote.delivery;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collections;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import javax.activation.DataHandler;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MailDateFormat;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.util.ByteArrayDataSource;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.jamesxmpp.core.outgoing.DeliveryLimits;

import com.google.common.base.CharMatcher;

/**
 * Builds an RFC 3464 delivery status notification ({@code multipart/report; report-type=delivery-status}): a
 * human readable part, the {@code message/delivery-status} part with one block per failed recipient, and the
 * original message (its header only when it is large).
 */
public class DsnComposer {
    public static final String SUBJECT = "Delivery Status Notification (Failure)";
    static final String DIAGNOSTIC_TYPE = "X-XMPP";
    private static final int MAX_DIAGNOSTIC_CHARS = 400;
    private static final String CRLF = "\r\n";

    private final Clock clock;
    private final long maxReturnedMessageBytes;

    public DsnComposer(Clock clock) {
        this(clock, DeliveryLimits.DEFAULT_MAX_RETURNED_MESSAGE_SIZE);
    }

    /** @param maxReturnedMessageBytes a larger original message is returned as its header only */
    public DsnComposer(Clock clock, long maxReturnedMessageBytes) {
        this.clock = clock;
        this.maxReturnedMessageBytes = maxReturnedMessageBytes;
    }

    /**
     * @param failures the recipients that failed, each with its reason; iteration order is kept
     * @param postmaster sender of the report; its domain is the reporting MTA
     */
    public MimeMessage compose(Mail mail, Map<MailAddress, DeliveryFailure> failures, MailAddress postmaster) throws MessagingException {
        MailAddress sender = mail.getMaybeSender().asOptional()
            .orElseThrow(() -> new IllegalArgumentException("no DSN for a mail without sender: " + mail.getName()));
        MimeMessage original = mail.getMessage();
        return compose(sender, messageId(original), Optional.ofNullable(mail.getLastUpdated()), originalPart(mail, original),
            failures, postmaster);
    }

    private MimeMessage compose(MailAddress sender, Optional<String> messageId, Optional<Date> arrival, MimeBodyPart originalPart,
                                Map<MailAddress, DeliveryFailure> failures, MailAddress postmaster) throws MessagingException {
        Date now = Date.from(clock.instant());
        MimeMessage dsn = new MimeMessage(Session.getInstance(new Properties()));
        dsn.setFrom(internetAddress(postmaster));
        dsn.setRecipient(MimeMessage.RecipientType.TO, sender.toInternetAddress()
            .orElseThrow(() -> new MessagingException("sender " + sender.asString() + " is not an Internet address")));
        dsn.setSubject(SUBJECT, StandardCharsets.UTF_8.name());
        dsn.setSentDate(now);
        dsn.setHeader("Auto-Submitted", "auto-replied");
        if (messageId.isPresent()) {
            dsn.setHeader("In-Reply-To", messageId.get());
            dsn.setHeader("References", messageId.get());
        }

        MimeMultipart report = new MimeMultipart("report; report-type=delivery-status");
        report.addBodyPart(humanPart(failures, postmaster));
        report.addBodyPart(deliveryStatusPart(arrival, failures, postmaster, now));
        report.addBodyPart(originalPart);
        dsn.setContent(report);
        dsn.saveChanges();
        return dsn;
    }

    private MimeBodyPart humanPart(Map<MailAddress, DeliveryFailure> failures, MailAddress postmaster) throws MessagingException {
        StringBuilder text = new StringBuilder()
            .append("This is the mail system at ").append(postmaster.getDomain().asString()).append('.').append(CRLF)
            .append(CRLF)
            .append("Your message could not be delivered over XMPP to the following recipients.").append(CRLF)
            .append("This is a permanent error; the delivery status below gives the reason.").append(CRLF)
            .append(CRLF);
        failures.forEach((recipient, failure) -> text.append('<').append(recipient.asString()).append(">: ")
            .append(singleLine(failure.diagnostic(), false))
            .append(" (").append(failure.status().asString()).append(')').append(CRLF));
        MimeBodyPart part = new MimeBodyPart();
        part.setText(text.toString(), StandardCharsets.UTF_8.name());
        return part;
    }

    private MimeBodyPart deliveryStatusPart(Optional<Date> arrival, Map<MailAddress, DeliveryFailure> failures,
                                            MailAddress postmaster, Date now) throws MessagingException {
        MailDateFormat dateFormat = new MailDateFormat();
        StringBuilder status = new StringBuilder()
            .append("Reporting-MTA: dns; ").append(postmaster.getDomain().asString()).append(CRLF);
        arrival.ifPresent(date -> status.append("Arrival-Date: ").append(dateFormat.format(date)).append(CRLF));
        failures.forEach((recipient, failure) -> status.append(CRLF)
            .append("Final-Recipient: rfc822; ").append(recipient.asString()).append(CRLF)
            .append("Action: failed").append(CRLF)
            .append("Status: ").append(failure.status().asString()).append(CRLF)
            .append("Remote-MTA: dns; ").append(recipient.getDomain().asString()).append(CRLF)
            .append("Diagnostic-Code: ").append(DIAGNOSTIC_TYPE).append("; ").append(singleLine(failure.diagnostic(), true)).append(CRLF)
            .append("Last-Attempt-Date: ").append(dateFormat.format(now)).append(CRLF));
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(status.toString().getBytes(StandardCharsets.US_ASCII),
            "message/delivery-status")));
        part.setHeader("Content-Type", "message/delivery-status");
        return part;
    }

    private MimeBodyPart originalPart(Mail mail, MimeMessage original) throws MessagingException {
        if (mail.getMessageSize() <= maxReturnedMessageBytes) {
            MimeBodyPart part = new MimeBodyPart();
            part.setContent(original, "message/rfc822");
            return part;
        }
        StringBuilder headers = new StringBuilder();
        Collections.list(original.getAllHeaderLines()).forEach(line -> headers.append(line).append(CRLF));
        return headersPart(headers.toString());
    }

    private static MimeBodyPart headersPart(String headerLines) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(headerLines.getBytes(StandardCharsets.UTF_8),
            "text/rfc822-headers")));
        part.setHeader("Content-Type", "text/rfc822-headers");
        return part;
    }

    private static Optional<String> messageId(MimeMessage message) throws MessagingException {
        return Optional.ofNullable(message.getMessageID())
            .map(id -> singleLine(id, true))
            .filter(id -> !id.isBlank());
    }

    private static InternetAddress internetAddress(MailAddress postmaster) throws MessagingException {
        try {
            return new InternetAddress(postmaster.asString(), "Mail Delivery System", StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("cannot encode the postmaster address", e);
        }
    }

    /** Text from a peer on one line, bounded: no CR/LF can start a new header or field. */
    static String singleLine(String value, boolean asciiOnly) {
        String oneLine = CharMatcher.javaIsoControl().replaceFrom(value, ' ').trim();
        if (asciiOnly) {
            oneLine = CharMatcher.ascii().negate().replaceFrom(oneLine, '?');
        }
        return oneLine.length() > MAX_DIAGNOSTIC_CHARS ? oneLine.substring(0, MAX_DIAGNOSTIC_CHARS) + "..." : oneLine;
    }
}
