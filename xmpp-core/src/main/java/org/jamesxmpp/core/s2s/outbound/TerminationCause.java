package org.jamesxmpp.core.s2s.outbound;

import org.jamesxmpp.core.s2s.DeliveryException;

/** Why an outgoing connection ended, as reported to its purpose. */
public record TerminationCause(DeliveryException.Reason reason, String message) {
}
