package org.jamesxmpp.core.outgoing;

import java.util.List;
import java.util.Objects;

import org.apache.james.core.MailAddress;
import org.jamesxmpp.core.s2s.codec.EncodedStanza;

import com.google.common.collect.ImmutableList;

/**
 * A mail as it goes on the wire: one encoded stanza per envelope recipient (same order), and notes on what was changed
 * to fit the size limit.
 */
public record EncodedMail(List<Recipient> stanzas, List<String> notes) {
    public record Recipient(MailAddress recipient, EncodedStanza stanza) {
        public Recipient {
            Objects.requireNonNull(recipient);
            Objects.requireNonNull(stanza);
        }
    }

    public EncodedMail {
        stanzas = ImmutableList.copyOf(stanzas);
        notes = ImmutableList.copyOf(notes);
    }
}
