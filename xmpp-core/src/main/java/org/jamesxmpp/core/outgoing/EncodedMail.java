package org.jamesxmpp.core.outgoing;

import java.util.List;
import java.util.Objects;

import org.apache.james.core.MailAddress;
import org.jamesxmpp.core.s2s.codec.EncodedStanza;

import com.google.common.collect.ImmutableList;

/**
 * A mail as it goes on the wire: one encoded stanza per envelope recipient (same order), or one XEP-0033 multicast
 * stanza for several recipients of a domain, and notes on what was changed to fit the size limit.
 */
public record EncodedMail(List<Recipient> stanzas, List<String> notes) {
    /**
     * @param recipient the recipient of the stanza; of a multicast stanza, the first of {@code multicast}
     * @param multicast the recipients a multicast stanza (to their domain) delivers to; empty for one recipient
     */
    public record Recipient(MailAddress recipient, EncodedStanza stanza, List<MailAddress> multicast) {
        public Recipient {
            Objects.requireNonNull(recipient);
            Objects.requireNonNull(stanza);
            multicast = ImmutableList.copyOf(multicast);
        }

        public Recipient(MailAddress recipient, EncodedStanza stanza) {
            this(recipient, stanza, ImmutableList.of());
        }

        /** Every recipient this stanza delivers to. */
        public List<MailAddress> recipients() {
            return multicast.isEmpty() ? ImmutableList.of(recipient) : multicast;
        }
    }

    public EncodedMail {
        stanzas = ImmutableList.copyOf(stanzas);
        notes = ImmutableList.copyOf(notes);
    }
}
