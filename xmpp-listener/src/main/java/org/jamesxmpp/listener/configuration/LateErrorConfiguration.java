package org.jamesxmpp.listener.configuration;

import java.util.Set;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.jamesxmpp.core.store.LateErrorRetention;

import com.google.common.collect.ImmutableSet;

/**
 * The {@code lateErrors} section of {@code xmpp.xml}: how long, and for how many stanzas, a peer's stanza error after
 * its acknowledgement still becomes a DSN.
 */
final class LateErrorConfiguration {
    static final Set<String> KEYS = ImmutableSet.of("lateErrors", "lateErrors.retention", "lateErrors.maxEntries");

    private LateErrorConfiguration() {
    }

    static LateErrorRetention parse(ConfigurationValues values) throws ConfigurationException {
        return new LateErrorRetention(
            values.duration("lateErrors.retention", LateErrorRetention.DEFAULT_RETENTION),
            values.positiveInt("lateErrors.maxEntries", LateErrorRetention.DEFAULT_MAX_ENTRIES));
    }
}
