package org.jamesxmpp.core.s2s.outbound;

import org.jamesxmpp.core.s2s.DeliveryException;

/**
 * Why an outgoing connection ended, as reported to its purpose.
 *
 * @param retry whether stanzas not yet written may go on a new stream at once (nothing was
 *     wrong with them, the stream must just be opened differently)
 */
public record TerminationCause(DeliveryException.Reason reason, String message, boolean retry) {
    public TerminationCause(DeliveryException.Reason reason, String message) {
        this(reason, message, false);
    }
}
