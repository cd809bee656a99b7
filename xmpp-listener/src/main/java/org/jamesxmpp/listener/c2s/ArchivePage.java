package org.jamesxmpp.listener.c2s;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.jamesxmpp.core.c2s.ArchiveQuery;

import com.google.common.collect.ImmutableList;

/**
 * One XEP-0059 page of the archive merged from several folders, in archive order: the first {@code max} after
 * {@code after}, or the last {@code max} before {@code before} ({@code before} empty: the last page); complete when
 * it reaches the end it pages towards. Finds where a cursor falls in each folder by bisection, so it reads the keys
 * of about {@code log2(size) + max} mails per folder, never all. An id that is no archive id gives an empty page.
 */
record ArchivePage(List<ArchiveKey> keys, boolean complete) {
    static ArchivePage of(List<? extends ArchiveSource> sources, ArchiveQuery query) {
        if (query.before().isPresent()) {
            String before = query.before().get();
            if (before.isEmpty()) {
                return backward(sources, sources.stream().map(ArchiveSource::size).toList(), query.max());
            }
            return ArchiveKey.parse(before)
                .map(cursor -> backward(sources, sources.stream().map(source -> firstAtOrAfter(source, cursor)).toList(), query.max()))
                .orElseGet(ArchivePage::empty);
        }
        Optional<ArchiveKey> after = query.after().filter(id -> !id.isEmpty()).map(ArchiveKey::parse)
            .orElse(Optional.of(new ArchiveKey(Long.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE)));
        return after
            .map(cursor -> forward(sources, sources.stream().map(source -> firstAfter(source, cursor)).toList(), query.max()))
            .orElseGet(ArchivePage::empty);
    }

    private static ArchivePage empty() {
        return new ArchivePage(ImmutableList.of(), true);
    }

    private static ArchivePage forward(List<? extends ArchiveSource> sources, List<Integer> starts, int max) {
        int[] next = starts.stream().mapToInt(Integer::intValue).toArray();
        List<ArchiveKey> page = new ArrayList<>();
        while (page.size() < max) {
            int chosen = -1;
            for (int source = 0; source < next.length; source++) {
                if (next[source] < sources.get(source).size() && (chosen < 0
                    || sources.get(source).key(next[source]).compareTo(sources.get(chosen).key(next[chosen])) < 0)) {
                    chosen = source;
                }
            }
            if (chosen < 0) {
                break;
            }
            page.add(sources.get(chosen).key(next[chosen]));
            next[chosen]++;
        }
        boolean complete = true;
        for (int source = 0; source < next.length; source++) {
            complete &= next[source] >= sources.get(source).size();
        }
        return new ArchivePage(ImmutableList.copyOf(page), complete);
    }

    private static ArchivePage backward(List<? extends ArchiveSource> sources, List<Integer> ends, int max) {
        int[] end = ends.stream().mapToInt(Integer::intValue).toArray();
        List<ArchiveKey> page = new ArrayList<>();
        while (page.size() < max) {
            int chosen = -1;
            for (int source = 0; source < end.length; source++) {
                if (end[source] > 0 && (chosen < 0
                    || sources.get(source).key(end[source] - 1).compareTo(sources.get(chosen).key(end[chosen] - 1)) > 0)) {
                    chosen = source;
                }
            }
            if (chosen < 0) {
                break;
            }
            end[chosen]--;
            page.add(sources.get(chosen).key(end[chosen]));
        }
        Collections.reverse(page);
        boolean complete = true;
        for (int value : end) {
            complete &= value == 0;
        }
        return new ArchivePage(ImmutableList.copyOf(page), complete);
    }

    /** The index of the first key after {@code cursor} (the size when none is). */
    private static int firstAfter(ArchiveSource source, ArchiveKey cursor) {
        int low = 0;
        int high = source.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (source.key(middle).compareTo(cursor) <= 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** The index of the first key at or after {@code cursor} (the size when none is). */
    private static int firstAtOrAfter(ArchiveSource source, ArchiveKey cursor) {
        int low = 0;
        int high = source.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (source.key(middle).compareTo(cursor) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    Optional<ArchiveKey> first() {
        return keys.stream().findFirst();
    }

    Optional<ArchiveKey> last() {
        return keys.isEmpty() ? Optional.empty() : Optional.of(keys.get(keys.size() - 1));
    }
}
