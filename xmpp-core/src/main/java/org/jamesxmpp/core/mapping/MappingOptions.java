package org.jamesxmpp.core.mapping;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableSet;

/**
 * Limits and switches of the mapping. {@link #defaults()} fits a Prosody peer (512 KiB s2s stanza cap).
 *
 * @param maxStanzaBytes largest serialized stanza we produce (UTF-8 bytes)
 * @param maxInlineAttachmentBytes largest attachment carried inline as XEP-0231 Bits of Binary
 * @param maxAddresses largest XEP-0033 address list we write, and accept inbound
 * @param maxMimeBytes largest mail accepted as input outbound, and produced inbound
 * @param includeOriginalMime carry the original MIME to the peer (only when the peer is a james-xmpp server)
 * @param linkProvider turns attachments too large for the stanza into links, when configured
 * @param originalMimePeers inbound: peer domains (lower case) whose original MIME element is used; from any other peer
 *     it is ignored and the mail is built from the stanza
 * @param mimeLimits how deeply nested and how large the header of a mail may be
 */
public record MappingOptions(int maxStanzaBytes, int maxInlineAttachmentBytes, int maxAddresses, int maxMimeBytes,
                             boolean includeOriginalMime, Optional<AttachmentLinkProvider> linkProvider,
                             Set<String> originalMimePeers, MimeLimits mimeLimits) {
    public static final int DEFAULT_MAX_STANZA_BYTES = 480 * 1024;
    public static final int DEFAULT_MAX_INLINE_ATTACHMENT_BYTES = 8 * 1024;
    public static final int DEFAULT_MAX_ADDRESSES = 50;
    public static final int DEFAULT_MAX_MIME_BYTES = 50 * 1024 * 1024;
    public static final int MIN_STANZA_BYTES = 1024;

    public static MappingOptions defaults() {
        return new MappingOptions(DEFAULT_MAX_STANZA_BYTES, DEFAULT_MAX_INLINE_ATTACHMENT_BYTES, DEFAULT_MAX_ADDRESSES,
            DEFAULT_MAX_MIME_BYTES, false, Optional.empty(), ImmutableSet.of(), MimeLimits.defaults());
    }

    public MappingOptions {
        Preconditions.checkArgument(maxStanzaBytes >= MIN_STANZA_BYTES, "maxStanzaBytes must be at least %s, got %s", MIN_STANZA_BYTES, maxStanzaBytes);
        Preconditions.checkArgument(maxInlineAttachmentBytes >= 0, "maxInlineAttachmentBytes must not be negative, got %s", maxInlineAttachmentBytes);
        Preconditions.checkArgument(maxAddresses >= 1, "maxAddresses must be positive, got %s", maxAddresses);
        Preconditions.checkArgument(maxMimeBytes >= 1, "maxMimeBytes must be positive, got %s", maxMimeBytes);
        Objects.requireNonNull(linkProvider);
        Objects.requireNonNull(mimeLimits);
        originalMimePeers = originalMimePeers.stream()
            .map(domain -> domain.toLowerCase(Locale.ROOT))
            .collect(ImmutableSet.toImmutableSet());
    }

    public MappingOptions withMaxStanzaBytes(int value) {
        return new MappingOptions(value, maxInlineAttachmentBytes, maxAddresses, maxMimeBytes, includeOriginalMime, linkProvider, originalMimePeers, mimeLimits);
    }

    public MappingOptions withMaxInlineAttachmentBytes(int value) {
        return new MappingOptions(maxStanzaBytes, value, maxAddresses, maxMimeBytes, includeOriginalMime, linkProvider, originalMimePeers, mimeLimits);
    }

    public MappingOptions withMaxAddresses(int value) {
        return new MappingOptions(maxStanzaBytes, maxInlineAttachmentBytes, value, maxMimeBytes, includeOriginalMime, linkProvider, originalMimePeers, mimeLimits);
    }

    public MappingOptions withMaxMimeBytes(int value) {
        return new MappingOptions(maxStanzaBytes, maxInlineAttachmentBytes, maxAddresses, value, includeOriginalMime, linkProvider, originalMimePeers, mimeLimits);
    }

    public MappingOptions withOriginalMime(boolean value) {
        return new MappingOptions(maxStanzaBytes, maxInlineAttachmentBytes, maxAddresses, maxMimeBytes, value, linkProvider, originalMimePeers, mimeLimits);
    }

    public MappingOptions withLinkProvider(AttachmentLinkProvider value) {
        return new MappingOptions(maxStanzaBytes, maxInlineAttachmentBytes, maxAddresses, maxMimeBytes, includeOriginalMime, Optional.of(value), originalMimePeers, mimeLimits);
    }

    public MappingOptions withOriginalMimePeers(Set<String> value) {
        return new MappingOptions(maxStanzaBytes, maxInlineAttachmentBytes, maxAddresses, maxMimeBytes, includeOriginalMime,
            linkProvider, value, mimeLimits);
    }

    public MappingOptions withMimeLimits(MimeLimits value) {
        return new MappingOptions(maxStanzaBytes, maxInlineAttachmentBytes, maxAddresses, maxMimeBytes, includeOriginalMime,
            linkProvider, originalMimePeers, value);
    }
}
