package org.jamesxmpp.core.mapping;

import java.util.Objects;

import org.jivesoftware.smack.packet.StanzaError;

/**
 * A mail or a stanza that cannot be mapped. The reason carries the DSN status (RFC 3463) for the outbound
 * direction and the stanza error condition (RFC 6120, RFC 7247) for the inbound one.
 */
public class MappingException extends Exception {
    public enum Reason {
        UNMAPPABLE_SENDER("5.1.7", StanzaError.Condition.jid_malformed),
        UNMAPPABLE_RECIPIENT("5.1.3", StanzaError.Condition.jid_malformed),
        SENDER_NOT_AUTHENTICATED("5.7.1", StanzaError.Condition.not_authorized),
        TOO_LARGE("5.3.4", StanzaError.Condition.policy_violation),
        TOO_MANY_ADDRESSES("5.5.3", StanzaError.Condition.not_acceptable),
        MALFORMED_MIME("5.6.0", StanzaError.Condition.bad_request),
        MALFORMED_STANZA("5.6.0", StanzaError.Condition.bad_request);

        private final String dsnStatus;
        private final StanzaError.Condition stanzaErrorCondition;

        Reason(String dsnStatus, StanzaError.Condition stanzaErrorCondition) {
            this.dsnStatus = dsnStatus;
            this.stanzaErrorCondition = stanzaErrorCondition;
        }

        public String dsnStatus() {
            return dsnStatus;
        }

        public StanzaError.Condition stanzaErrorCondition() {
            return stanzaErrorCondition;
        }
    }

    private final Reason reason;

    public MappingException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason);
    }

    public MappingException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason);
    }

    public Reason getReason() {
        return reason;
    }

    /** RFC 3463 enhanced status code for a DSN, e.g. {@code 5.3.4}. */
    public String dsnStatus() {
        return reason.dsnStatus();
    }

    public StanzaError.Condition stanzaErrorCondition() {
        return reason.stanzaErrorCondition();
    }
}
