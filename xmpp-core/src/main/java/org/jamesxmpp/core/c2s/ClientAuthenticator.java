package org.jamesxmpp.core.c2s;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jxmpp.jid.EntityBareJid;

/** Checks a user's password (SASL PLAIN). May be slow: the stream waits without blocking its event loop. */
@FunctionalInterface
public interface ClientAuthenticator {
    /** Completes with whether {@code user} exists and {@code password} is theirs; never completes exceptionally for a wrong password. */
    CompletionStage<Boolean> authenticate(EntityBareJid user, String password);

    /** Whether SCRAM-SHA-512 is offered to clients (then {@link #scramSha512} gives the keys of the users it can). */
    default boolean offersScramSha512() {
        return false;
    }

    /** The SCRAM-SHA-512 keys of {@code user}; empty when unknown, or when what is stored of them gives none. */
    default CompletionStage<Optional<ScramCredentials>> scramSha512(EntityBareJid user) {
        return CompletableFuture.completedFuture(Optional.empty());
    }
}
