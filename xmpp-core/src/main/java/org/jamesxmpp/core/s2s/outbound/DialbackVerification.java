package org.jamesxmpp.core.s2s.outbound;

import java.util.concurrent.CompletableFuture;

import org.jamesxmpp.core.s2s.DomainPair;

/**
 * A db:verify question to the authoritative server of {@code pair.remote()}: did you give key
 * {@code key} on stream {@code streamId} to {@code pair.local()}? Asked by a {@link DialbackVerifyHandler}.
 */
public record DialbackVerification(DomainPair pair, String streamId, String key,
                                   CompletableFuture<DialbackOutcome> outcome) {
    public enum DialbackOutcome {
        VALID,
        INVALID,
        /** The authoritative server could not be asked. */
        UNREACHABLE,
        /** Not asked: too many verifications are waiting for an answer already. */
        BUSY
    }

    void answered(boolean valid) {
        outcome.complete(valid ? DialbackOutcome.VALID : DialbackOutcome.INVALID);
    }

    /** The connection ended or never opened: unless it answered before, the server could not be asked. */
    void unreachable() {
        outcome.complete(DialbackOutcome.UNREACHABLE);
    }
}
