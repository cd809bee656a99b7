package org.jamesxmpp.mailets.remote.delivery;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a recipient was not reached: the DSN status and a diagnostic naming the XMPP condition (e.g.
 * {@code item-not-found}) with the peer's text, if any. The diagnostic may come from a peer: it is sanitized
 * where it is written. {@code notTriedBefore}: the engine did not try the peer, and will not before then (a
 * connection to it failed recently).
 */
public record DeliveryFailure(DsnStatus status, String diagnostic, Optional<Instant> notTriedBefore) {
    public DeliveryFailure {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(diagnostic, "diagnostic");
        Objects.requireNonNull(notTriedBefore, "notTriedBefore");
    }

    public DeliveryFailure(DsnStatus status, String diagnostic) {
        this(status, diagnostic, Optional.empty());
    }

    public boolean isPermanent() {
        return status.isPermanent();
    }

    @Override
    public String toString() {
        return status.asString() + " " + diagnostic;
    }
}
