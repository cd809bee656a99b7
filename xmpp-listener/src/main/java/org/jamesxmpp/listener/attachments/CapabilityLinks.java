package org.jamesxmpp.listener.attachments;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.mapping.Attachment;
import org.jamesxmpp.core.mapping.AttachmentLinkProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Links for attachments too large for a stanza: each is stored under a new capability token and named by
 * {@code <baseUrl><token>/<file name>}, valid for {@code expiry}. A file over {@code maxFileSize}, or one that
 * could not be stored, gets no link: the mapping then writes a note in the body.
 */
public class CapabilityLinks implements AttachmentLinkProvider {
    private static final Logger LOGGER = LoggerFactory.getLogger(CapabilityLinks.class);

    private final AttachmentStore store;
    private final URI baseUrl;
    private final Duration expiry;
    private final long maxFileSize;
    private final Clock clock;

    public CapabilityLinks(AttachmentStore store, URI baseUrl, Duration expiry, long maxFileSize, Clock clock) {
        this.store = store;
        this.baseUrl = baseUrl;
        this.expiry = expiry;
        this.maxFileSize = maxFileSize;
        this.clock = clock;
    }

    @Override
    public Optional<URI> linkFor(Attachment attachment) {
        if (attachment.size() > maxFileSize) {
            LOGGER.info("Attachment {} of {} bytes is over attachments/maxFileSize: no link", LogSafe.of(attachment.displayName()),
                attachment.size());
            return Optional.empty();
        }
        try {
            String token = store.store(attachment, clock.instant().plus(expiry));
            return Optional.of(baseUrl.resolve(token + "/" + pathSegment(attachment.displayName())));
        } catch (IOException | RuntimeException e) {
            LOGGER.warn("Could not store attachment {} for a link: {}", LogSafe.of(attachment.displayName()), e.toString());
            return Optional.empty();
        }
    }

    static String pathSegment(String fileName) {
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return encoded.isEmpty() ? "file" : encoded;
    }
}
