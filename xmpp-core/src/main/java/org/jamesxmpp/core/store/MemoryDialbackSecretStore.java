package org.jamesxmpp.core.store;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

public class MemoryDialbackSecretStore implements DialbackSecretStore {
    private final AtomicReference<String> secret = new AtomicReference<>();

    @Override
    public String retrieveOrStore(Supplier<String> candidate) {
        return secret.updateAndGet(current -> current != null ? current : candidate.get());
    }
}
