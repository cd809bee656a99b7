package org.jamesxmpp.core.c2s;

import java.util.concurrent.CompletionStage;

import org.jxmpp.jid.EntityBareJid;

/** Checks a user's password (SASL PLAIN). May be slow: the stream waits without blocking its event loop. */
@FunctionalInterface
public interface ClientAuthenticator {
    /** Completes with whether {@code user} exists and {@code password} is theirs; never completes exceptionally for a wrong password. */
    CompletionStage<Boolean> authenticate(EntityBareJid user, String password);
}
