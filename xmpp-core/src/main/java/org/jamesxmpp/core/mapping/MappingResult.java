package org.jamesxmpp.core.mapping;

import java.util.List;

import com.google.common.collect.ImmutableList;

/**
 * What a mail became: one stanza per envelope recipient (same order), and notes on what was changed to fit
 * (attachment turned into a link or a note, original MIME left out, ...).
 */
public record MappingResult(List<OutboundStanza> stanzas, List<String> notes) {
    public MappingResult {
        stanzas = ImmutableList.copyOf(stanzas);
        notes = ImmutableList.copyOf(notes);
    }
}
