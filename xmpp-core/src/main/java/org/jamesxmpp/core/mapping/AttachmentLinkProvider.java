package org.jamesxmpp.core.mapping;

import java.net.URI;
import java.util.Optional;

/**
 * Makes an attachment too large for the stanza fetchable by the recipient (for instance a signed download URL).
 * Implementations do the storing; the mapping only asks. Empty: no link, the body gets a note instead.
 */
@FunctionalInterface
public interface AttachmentLinkProvider {
    Optional<URI> linkFor(Attachment attachment);
}
