package org.jamesxmpp.listener.configuration;

import java.util.Optional;
import java.util.Set;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.jamesxmpp.core.mapping.MappingOptions;
import org.jamesxmpp.core.mapping.MimeLimits;

import com.google.common.collect.ImmutableSet;

/** The {@code mapping} section of {@code xmpp.xml}: the limits of the MIME ⇄ stanza conversion. */
final class MappingConfiguration {
    static final Set<String> KEYS = ImmutableSet.of("mapping", "mapping.maxStanzaSize", "mapping.maxInlineAttachmentSize",
        "mapping.maxAddresses", "mapping.maxMailSize", "mapping.maxMimeNesting", "mapping.maxHeaderCount",
        "mapping.maxHeaderLength");

    private MappingConfiguration() {
    }

    static MappingOptions parse(ConfigurationValues values, Set<String> originalMimeFrom) throws ConfigurationException {
        return new MappingOptions(
            values.size("mapping.maxStanzaSize", MappingOptions.DEFAULT_MAX_STANZA_BYTES, MappingOptions.MIN_STANZA_BYTES),
            values.size("mapping.maxInlineAttachmentSize", MappingOptions.DEFAULT_MAX_INLINE_ATTACHMENT_BYTES),
            values.positiveInt("mapping.maxAddresses", MappingOptions.DEFAULT_MAX_ADDRESSES),
            values.size("mapping.maxMailSize", MappingOptions.DEFAULT_MAX_MIME_BYTES),
            false, Optional.empty(), originalMimeFrom,
            new MimeLimits(values.positiveInt("mapping.maxMimeNesting", MimeLimits.DEFAULT_MAX_NESTING),
                values.positiveInt("mapping.maxHeaderCount", MimeLimits.DEFAULT_MAX_HEADER_COUNT),
                values.size("mapping.maxHeaderLength", MimeLimits.DEFAULT_MAX_HEADER_LENGTH)));
    }
}
