package org.jamesxmpp.listener.c2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jamesxmpp.core.c2s.ArchiveQuery;
import org.junit.jupiter.api.Test;

class ArchivePageTest {
    /** Chats stored at 10, 30, 30, 50; INBOX at 20, 30, 60; Sent at 40 (milliseconds). */
    private static final List<KeyList> SOURCES = List.of(
        new KeyList(List.of(key(10, 0, 1), key(30, 0, 2), key(30, 0, 3), key(50, 0, 4))),
        new KeyList(List.of(key(20, 1, 7), key(30, 1, 8), key(60, 1, 9))),
        new KeyList(List.of(key(40, 2, 3))));
    private static final List<String> ALL = List.of("10-0-1", "20-1-7", "30-0-2", "30-0-3", "30-1-8", "40-2-3", "50-0-4", "60-1-9");

    /** Counts the keys read, as a folder read from the mailbox would. */
    private static final class KeyList implements ArchiveSource {
        private final List<ArchiveKey> keys;
        private final List<Integer> read = new ArrayList<>();

        KeyList(List<ArchiveKey> keys) {
            this.keys = keys;
        }

        @Override
        public int size() {
            return keys.size();
        }

        @Override
        public ArchiveKey key(int index) {
            read.add(index);
            return keys.get(index);
        }
    }

    private static ArchiveKey key(long stored, int folder, long uid) {
        return new ArchiveKey(stored, folder, uid);
    }

    private static ArchiveQuery page(int max, Optional<String> after, Optional<String> before) {
        return new ArchiveQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), max, after, before);
    }

    private static List<String> ids(ArchivePage page) {
        return page.keys().stream().map(ArchiveKey::id).toList();
    }

    @Test
    void allFoldersShouldMergeInTheOrderStored() {
        ArchivePage testee = ArchivePage.of(SOURCES, page(100, Optional.empty(), Optional.empty()));

        assertThat(ids(testee)).isEqualTo(ALL);
        assertThat(testee.complete()).isTrue();
    }

    @Test
    void forwardPagesShouldFollowAfterAcrossFolders() {
        List<String> seen = new ArrayList<>();
        ArchivePage testee = ArchivePage.of(SOURCES, page(3, Optional.empty(), Optional.empty()));
        seen.addAll(ids(testee));
        assertThat(testee.complete()).isFalse();
        testee = ArchivePage.of(SOURCES, page(3, testee.last().map(ArchiveKey::id), Optional.empty()));
        seen.addAll(ids(testee));
        assertThat(testee.complete()).isFalse();
        testee = ArchivePage.of(SOURCES, page(3, testee.last().map(ArchiveKey::id), Optional.empty()));
        seen.addAll(ids(testee));

        assertThat(testee.keys()).hasSize(2);
        assertThat(testee.complete()).isTrue();
        assertThat(seen).isEqualTo(ALL);
    }

    @Test
    void backwardPagesShouldEndBeforeBeforeAcrossFolders() {
        ArchivePage latest = ArchivePage.of(SOURCES, page(3, Optional.empty(), Optional.of("")));
        ArchivePage earlier = ArchivePage.of(SOURCES, page(3, Optional.empty(), latest.first().map(ArchiveKey::id)));
        ArchivePage earliest = ArchivePage.of(SOURCES, page(3, Optional.empty(), earlier.first().map(ArchiveKey::id)));

        assertThat(ids(latest)).containsExactly("40-2-3", "50-0-4", "60-1-9");
        assertThat(latest.complete()).isFalse();
        assertThat(ids(earlier)).containsExactly("30-0-2", "30-0-3", "30-1-8");
        assertThat(earlier.complete()).isFalse();
        assertThat(ids(earliest)).containsExactly("10-0-1", "20-1-7");
        assertThat(earliest.complete()).isTrue();
    }

    @Test
    void anIdOfAMailThatIsGoneShouldStillPlaceThePage() {
        ArchivePage testee = ArchivePage.of(SOURCES, page(2, Optional.of("35-1-99"), Optional.empty()));

        assertThat(ids(testee)).containsExactly("40-2-3", "50-0-4");
    }

    @Test
    void anIdThatIsNoArchiveIdShouldGiveAnEmptyCompletePage() {
        ArchivePage after = ArchivePage.of(SOURCES, page(2, Optional.of("42"), Optional.empty()));
        ArchivePage before = ArchivePage.of(SOURCES, page(2, Optional.empty(), Optional.of("x-1")));

        assertThat(after.keys()).isEmpty();
        assertThat(after.complete()).isTrue();
        assertThat(before.keys()).isEmpty();
    }

    @Test
    void aPageShouldReadFewKeysOfALargeFolder() {
        List<ArchiveKey> many = new ArrayList<>();
        for (int uid = 1; uid <= 100_000; uid++) {
            many.add(key(uid * 10L, 0, uid));
        }
        KeyList large = new KeyList(many);

        ArchivePage testee = ArchivePage.of(List.of(large), page(10, Optional.of(key(500_000, 0, 50_000).id()), Optional.empty()));

        assertThat(testee.keys()).hasSize(10).first().isEqualTo(key(500_010, 0, 50_001));
        assertThat(large.read).hasSizeLessThan(60);
    }

    @Test
    void archiveIdsShouldReadBack() {
        ArchiveKey testee = key(1_733_318_400_123L, 2, 42);

        assertThat(ArchiveKey.parse(testee.id())).contains(testee);
    }
}
