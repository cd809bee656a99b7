package org.jamesxmpp.core.mapping;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.james.core.MailAddress;
import org.jxmpp.jid.EntityBareJid;

import com.google.common.collect.ImmutableList;

/**
 * What a mail becomes: one message stanza per envelope recipient (same order), at each {@link ShrinkLevel} that
 * changes anything, from the full form to the smallest. The mapping does not know the size of a stanza on the wire:
 * the caller encodes them and takes the first level that fits. Stanzas are built when asked for.
 */
public final class MappedMail {
    private final OutboundPlan plan;
    private final List<MailAddress> recipients;
    private final List<EntityBareJid> jids;
    private final Addressing addressing;
    private final MappingOptions options;

    MappedMail(OutboundPlan plan, List<MailAddress> recipients, List<EntityBareJid> jids, Addressing addressing,
               MappingOptions options) {
        this.plan = plan;
        this.recipients = ImmutableList.copyOf(recipients);
        this.jids = ImmutableList.copyOf(jids);
        this.addressing = addressing;
        this.options = options;
    }

    /** {@link ShrinkLevel#FULL} first. */
    public List<ShrinkLevel> levels() {
        return Arrays.stream(ShrinkLevel.values())
            .filter(level -> level == ShrinkLevel.FULL || plan.changesAnything(level))
            .collect(ImmutableList.toImmutableList());
    }

    public List<OutboundStanza> stanzas(ShrinkLevel level) {
        ImmutableList.Builder<OutboundStanza> stanzas = ImmutableList.builder();
        for (int i = 0; i < recipients.size(); i++) {
            stanzas.add(new OutboundStanza(recipients.get(i),
                plan.build(jids.get(i), addressing.forRecipient(recipients.get(i), jids.get(i)), level)));
        }
        return stanzas.build();
    }

    /** What was changed to reach this level (attachment turned into a link or a note, original MIME left out, …). */
    public List<String> notes(ShrinkLevel level) {
        List<String> notes = new ArrayList<>(plan.resultNotes(level));
        if (recipients.stream().anyMatch(addressing::truncated)) {
            notes.add("address list cut to " + options.maxAddresses() + " entries");
        }
        return ImmutableList.copyOf(notes);
    }

    public int maxStanzaBytes() {
        return options.maxStanzaBytes();
    }
}
