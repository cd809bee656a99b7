package org.jamesxmpp.core.mapping;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.james.core.MailAddress;
import org.jxmpp.jid.EntityBareJid;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;

/**
 * What a mail becomes: one message stanza per envelope recipient (same order), at each {@link ShrinkLevel} that
 * changes anything, from the full form to the smallest. The mapping does not know the size of a stanza on the wire:
 * the caller encodes them and takes the first level that fits. Stanzas are built when asked for.
 *
 * <p>With {@link #multicastTo} domains, the recipients of such a domain that the mail names in To or Cc (at least two)
 * share one XEP-0033 multicast stanza to the domain instead, at the place of the first of them; its bcc recipients keep
 * stanzas of their own.
 */
public final class MappedMail {
    private final OutboundPlan plan;
    private final List<MailAddress> recipients;
    private final List<EntityBareJid> jids;
    private final Addressing addressing;
    private final MappingOptions options;
    private final Set<String> multicastDomains;

    MappedMail(OutboundPlan plan, List<MailAddress> recipients, List<EntityBareJid> jids, Addressing addressing,
               MappingOptions options) {
        this(plan, recipients, jids, addressing, options, ImmutableSet.of());
    }

    private MappedMail(OutboundPlan plan, List<MailAddress> recipients, List<EntityBareJid> jids, Addressing addressing,
                       MappingOptions options, Set<String> multicastDomains) {
        this.plan = plan;
        this.recipients = ImmutableList.copyOf(recipients);
        this.jids = ImmutableList.copyOf(jids);
        this.addressing = addressing;
        this.options = options;
        this.multicastDomains = multicastDomains.stream()
            .map(domain -> domain.toLowerCase(Locale.ROOT))
            .collect(ImmutableSet.toImmutableSet());
    }

    /** The same mail, with one multicast stanza per domain of {@code domains} (their servers are XEP-0033 services). */
    public MappedMail multicastTo(Set<String> domains) {
        return new MappedMail(plan, recipients, jids, addressing, options, domains);
    }

    /** {@link ShrinkLevel#FULL} first. */
    public List<ShrinkLevel> levels() {
        return Arrays.stream(ShrinkLevel.values())
            .filter(level -> level == ShrinkLevel.FULL || plan.changesAnything(level))
            .collect(ImmutableList.toImmutableList());
    }

    public List<OutboundStanza> stanzas(ShrinkLevel level) {
        Map<String, List<Integer>> groups = multicastGroups();
        ImmutableList.Builder<OutboundStanza> stanzas = ImmutableList.builder();
        for (int i = 0; i < recipients.size(); i++) {
            Optional<List<Integer>> group = groupOf(groups, i);
            if (group.isEmpty()) {
                stanzas.add(new OutboundStanza(recipients.get(i),
                    plan.build(jids.get(i), addressing.forRecipient(recipients.get(i), jids.get(i)), level)));
            } else if (group.get().get(0) == i) {
                stanzas.add(multicast(group.get(), level));
            }
        }
        return stanzas.build();
    }

    private OutboundStanza multicast(List<Integer> group, ShrinkLevel level) {
        List<MailAddress> members = group.stream().map(recipients::get).collect(ImmutableList.toImmutableList());
        List<EntityBareJid> memberJids = group.stream().map(jids::get).collect(ImmutableList.toImmutableList());
        return OutboundStanza.multicast(members, plan.build(memberJids.get(0).asDomainBareJid(),
            Optional.of(addressing.forMulticast(memberJids)), level));
    }

    /** Per multicast domain, the indexes of the recipients its multicast stanza serves; only groups of two or more. */
    private Map<String, List<Integer>> multicastGroups() {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        if (multicastDomains.isEmpty()) {
            return groups;
        }
        for (int i = 0; i < recipients.size(); i++) {
            String domain = jids.get(i).getDomain().toString();
            if (multicastDomains.contains(domain) && !addressing.isBcc(recipients.get(i)) && addressing.listed(jids.get(i))
                && !jids.subList(0, i).contains(jids.get(i))) {
                groups.computeIfAbsent(domain, any -> new ArrayList<>()).add(i);
            }
        }
        groups.values().removeIf(group -> group.size() < 2);
        return groups;
    }

    private static Optional<List<Integer>> groupOf(Map<String, List<Integer>> groups, int index) {
        return groups.values().stream().filter(group -> group.contains(index)).findFirst();
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
