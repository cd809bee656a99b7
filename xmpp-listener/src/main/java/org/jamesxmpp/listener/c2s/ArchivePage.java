package org.jamesxmpp.listener.c2s;

import java.util.List;
import java.util.Optional;

import org.apache.james.mailbox.MessageUid;
import org.jamesxmpp.core.c2s.ArchiveQuery;

import com.google.common.collect.ImmutableList;

/**
 * One XEP-0059 page of the matching UIDs (ascending): after {@code after}, or the last {@code max} before
 * {@code before} ({@code before} empty: the last page); complete when it reaches the end it pages towards.
 */
record ArchivePage(List<MessageUid> uids, boolean complete) {
    static ArchivePage of(List<MessageUid> matching, ArchiveQuery query) {
        Optional<Long> after = query.after().flatMap(ArchivePage::number);
        if (query.before().isPresent()) {
            Optional<Long> before = query.before().flatMap(ArchivePage::number);
            List<MessageUid> earlier = matching.stream()
                .filter(uid -> before.map(limit -> uid.asLong() < limit).orElse(true))
                .toList();
            int from = Math.max(0, earlier.size() - query.max());
            return new ArchivePage(ImmutableList.copyOf(earlier.subList(from, earlier.size())), from == 0);
        }
        List<MessageUid> later = matching.stream()
            .filter(uid -> after.map(limit -> uid.asLong() > limit).orElse(true))
            .toList();
        int to = Math.min(later.size(), query.max());
        return new ArchivePage(ImmutableList.copyOf(later.subList(0, to)), to == later.size());
    }

    Optional<MessageUid> first() {
        return uids.stream().findFirst();
    }

    Optional<MessageUid> last() {
        return uids.isEmpty() ? Optional.empty() : Optional.of(uids.get(uids.size() - 1));
    }

    private static Optional<Long> number(String id) {
        try {
            return id.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.of(Long.MAX_VALUE);
        }
    }
}
