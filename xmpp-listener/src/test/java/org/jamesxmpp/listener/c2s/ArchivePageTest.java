package org.jamesxmpp.listener.c2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;

import org.apache.james.mailbox.MessageUid;
import org.jamesxmpp.core.c2s.ArchiveQuery;
import org.junit.jupiter.api.Test;

class ArchivePageTest {
    private static final List<MessageUid> UIDS = LongStream.rangeClosed(1, 5).mapToObj(MessageUid::of).toList();

    private static ArchiveQuery page(int max, Optional<String> after, Optional<String> before) {
        return new ArchiveQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), max, after, before);
    }

    private static List<Long> longs(ArchivePage page) {
        return page.uids().stream().map(MessageUid::asLong).toList();
    }

    @Test
    void forwardPagesShouldFollowAfter() {
        ArchivePage first = ArchivePage.of(UIDS, page(2, Optional.empty(), Optional.empty()));
        ArchivePage last = ArchivePage.of(UIDS, page(2, Optional.of("4"), Optional.empty()));

        assertThat(longs(first)).containsExactly(1L, 2L);
        assertThat(first.complete()).isFalse();
        assertThat(longs(last)).containsExactly(5L);
        assertThat(last.complete()).isTrue();
    }

    @Test
    void backwardPagesShouldEndBeforeBefore() {
        ArchivePage latest = ArchivePage.of(UIDS, page(2, Optional.empty(), Optional.of("")));
        ArchivePage earliest = ArchivePage.of(UIDS, page(2, Optional.empty(), Optional.of("2")));

        assertThat(longs(latest)).containsExactly(4L, 5L);
        assertThat(latest.complete()).isFalse();
        assertThat(longs(earliest)).containsExactly(1L);
        assertThat(earliest.complete()).isTrue();
    }
}
