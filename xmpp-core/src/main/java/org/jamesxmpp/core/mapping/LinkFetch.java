package org.jamesxmpp.core.mapping;

import java.util.Objects;

/**
 * What became of a file link of an inbound stanza (XEP-0066 OOB, XEP-0447 URL source) before the stanza is mapped:
 * downloaded, or not, and why. The mapping attaches what was fetched and notes in the body why the rest was not; the
 * fetching itself is not the mapping's (it does no I/O).
 */
public sealed interface LinkFetch permits LinkFetch.Fetched, LinkFetch.Failed {
    String url();

    record Fetched(String url, String fileName, String contentType, byte[] content) implements LinkFetch {
        public Fetched {
            Objects.requireNonNull(url);
            Objects.requireNonNull(fileName);
            Objects.requireNonNull(contentType);
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }
    }

    record Failed(String url, String reason) implements LinkFetch {
        public Failed {
            Objects.requireNonNull(url);
            Objects.requireNonNull(reason);
        }
    }
}
