package org.jamesxmpp.mailets.remote.delivery;

import java.util.Objects;

/**
 * Why a recipient was not reached: the DSN status and a diagnostic naming the XMPP condition (e.g.
 * {@code item-not-found}) with the peer's text, if any. The diagnostic may come from a peer: it is sanitized
 * where it is written.
 */
public record DeliveryFailure(DsnStatus status, String diagnostic) {
    public DeliveryFailure {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(diagnostic, "diagnostic");
    }

    public boolean isPermanent() {
        return status.isPermanent();
    }

    @Override
    public String toString() {
        return status.asString() + " " + diagnostic;
    }
}
