package org.jamesxmpp.mailets.remote.delivery;

import java.util.Locale;
import java.util.Optional;

import org.jamesxmpp.core.mapping.MappingException;
import org.jamesxmpp.core.s2s.DeliveryException;
import org.jamesxmpp.core.s2s.StanzaErrorException;
import org.jivesoftware.smack.packet.StanzaError;

/**
 * The one place where XMPP failures become DSN status codes (RFC 3463), modelled on how RFC 7247 section 6 relates
 * stanza error conditions to SIP responses. The class digit follows the error type: {@code wait} is a transient
 * failure (4.x.x), {@code cancel}, {@code auth} and {@code modify} are permanent (5.x.x).
 */
public final class DeliveryStatusMapping {
    private record SubjectDetail(int subject, int detail) {
    }

    private DeliveryStatusMapping() {
    }

    public static DeliveryFailure forStanzaError(StanzaError.Condition condition, StanzaError.Type type, String text) {
        SubjectDetail subjectDetail = ofCondition(condition);
        int statusClass = type == StanzaError.Type.WAIT ? 4 : 5;
        String diagnostic = condition + " (" + type + ")" + (text.isBlank() ? "" : ": " + text);
        return new DeliveryFailure(new DsnStatus(statusClass, subjectDetail.subject(), subjectDetail.detail()), diagnostic);
    }

    public static DeliveryFailure forStanzaError(StanzaErrorException error) {
        return forStanzaError(error.condition(), error.type(), error.text().orElse(""));
    }

    /** A failure of the s2s engine; its {@link DeliveryException#isTemporary()} decides the class. */
    public static DeliveryFailure forDeliveryException(DeliveryException exception) {
        if (exception.stanzaError().isPresent()) {
            return forStanzaError(exception.stanzaError().get());
        }
        SubjectDetail subjectDetail = ofReason(exception.reason());
        int statusClass = exception.isTemporary() ? 4 : 5;
        String prefix = exception.reason().name() + ": ";
        String message = Optional.ofNullable(exception.getMessage()).orElse("");
        String diagnostic = exception.reason().name().toLowerCase(Locale.ROOT).replace('_', '-')
            + ": " + (message.startsWith(prefix) ? message.substring(prefix.length()) : message);
        return new DeliveryFailure(new DsnStatus(statusClass, subjectDetail.subject(), subjectDetail.detail()), diagnostic,
            exception.notTriedBefore());
    }

    /** A mail the mapping refused: permanent, with the status the mapping names. */
    public static DeliveryFailure forMappingException(MappingException exception) {
        DsnStatus status = DsnStatus.parse(exception.dsnStatus());
        String diagnostic = "not-mappable " + exception.getReason().name().toLowerCase(Locale.ROOT).replace('_', '-')
            + ": " + exception.getMessage();
        return new DeliveryFailure(DsnStatus.permanent(status.subject(), status.detail()), diagnostic);
    }

    private static SubjectDetail ofCondition(StanzaError.Condition condition) {
        return switch (condition) {
            case item_not_found -> new SubjectDetail(1, 1);
            case jid_malformed -> new SubjectDetail(1, 3);
            case gone, redirect -> new SubjectDetail(1, 6);
            case recipient_unavailable, service_unavailable -> new SubjectDetail(2, 1);
            case internal_server_error -> new SubjectDetail(3, 0);
            case feature_not_implemented -> new SubjectDetail(3, 3);
            case remote_server_timeout -> new SubjectDetail(4, 1);
            case remote_server_not_found -> new SubjectDetail(4, 4);
            case resource_constraint -> new SubjectDetail(4, 5);
            case unexpected_request -> new SubjectDetail(5, 0);
            case bad_request, not_acceptable -> new SubjectDetail(6, 0);
            case forbidden, not_allowed, not_authorized, policy_violation, registration_required,
                subscription_required -> new SubjectDetail(7, 1);
            case conflict, undefined_condition -> new SubjectDetail(0, 0);
        };
    }

    private static SubjectDetail ofReason(DeliveryException.Reason reason) {
        return switch (reason) {
            case REMOTE_SERVER_NOT_FOUND -> new SubjectDetail(4, 4);
            case REMOTE_SERVER_TIMEOUT -> new SubjectDetail(4, 1);
            case STREAM_BROKEN -> new SubjectDetail(4, 2);
            case QUEUE_FULL -> new SubjectDetail(4, 5);
            case SHUTDOWN -> new SubjectDetail(3, 2);
            case AUTHENTICATION_FAILED -> new SubjectDetail(7, 0);
            case INVALID_STANZA -> new SubjectDetail(7, 1);
            case STANZA_ERROR -> new SubjectDetail(0, 0);
        };
    }
}
