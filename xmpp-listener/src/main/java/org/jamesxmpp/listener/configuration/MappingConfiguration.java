package org.jamesxmpp.listener.configuration;

import java.util.Optional;
import java.util.Set;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.jamesxmpp.core.mapping.MappingOptions;

import com.google.common.collect.ImmutableSet;

/** The {@code mapping} section of {@code xmpp.xml}: the limits of the MIME ⇄ stanza conversion. */
final class MappingConfiguration {
    static final Set<String> KEYS = ImmutableSet.of("mapping", "mapping.maxStanzaSize", "mapping.maxInlineAttachmentSize",
        "mapping.maxAddresses", "mapping.maxMailSize");
    private static final int MIN_STANZA_SIZE = 1024;

    private MappingConfiguration() {
    }

    static MappingOptions parse(ConfigurationValues values, Set<String> originalMimeFrom) throws ConfigurationException {
        int maxStanzaSize = values.size("mapping.maxStanzaSize", MappingOptions.DEFAULT_MAX_STANZA_BYTES);
        if (maxStanzaSize < MIN_STANZA_SIZE) {
            throw new ConfigurationException(String.format("xmpp.xml: mapping/maxStanzaSize '%d' is under the minimum of %d bytes",
                maxStanzaSize, MIN_STANZA_SIZE));
        }
        return new MappingOptions(maxStanzaSize,
            values.size("mapping.maxInlineAttachmentSize", MappingOptions.DEFAULT_MAX_INLINE_ATTACHMENT_BYTES),
            values.positiveInt("mapping.maxAddresses", MappingOptions.DEFAULT_MAX_ADDRESSES),
            values.size("mapping.maxMailSize", MappingOptions.DEFAULT_MAX_MIME_BYTES),
            false, Optional.empty(), originalMimeFrom);
    }
}
