package org.jamesxmpp.listener.c2s;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.model.MessageResultIterator;
import org.apache.james.mailbox.model.SearchQuery;

import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Flux;

/**
 * The mails of one folder that a search matched, sorted by James's search in archive order (date stored, then UID);
 * the date of a mail is read (its metadata only) when its key is first asked for. Blocking: for the archive's own
 * scheduler.
 */
final class FolderSource implements ArchiveSource {
    private final int folder;
    private final Optional<MessageManager> mailbox;
    private final MailboxSession session;
    private final List<MessageUid> uids;
    private final Map<Integer, ArchiveKey> keys = new HashMap<>();

    private FolderSource(int folder, Optional<MessageManager> mailbox, MailboxSession session, List<MessageUid> uids) {
        this.folder = folder;
        this.mailbox = mailbox;
        this.session = session;
        this.uids = uids;
    }

    static FolderSource search(int folder, MessageManager mailbox, MailboxSession session, List<SearchQuery.Criterion> criteria)
        throws MailboxException {
        SearchQuery query = SearchQuery.builder()
            .andCriteria(criteria)
            .sorts(new SearchQuery.Sort(SearchQuery.Sort.SortClause.Arrival), new SearchQuery.Sort(SearchQuery.Sort.SortClause.Uid))
            .build();
        List<MessageUid> uids = Flux.from(mailbox.search(query, session)).collectList().block();
        return new FolderSource(folder, Optional.of(mailbox), session, ImmutableList.copyOf(uids));
    }

    /** A folder that does not exist: nothing matches. */
    static FolderSource none(int folder, MailboxSession session) {
        return new FolderSource(folder, Optional.empty(), session, ImmutableList.of());
    }

    MessageManager mailbox() {
        return mailbox.orElseThrow();
    }

    int folder() {
        return folder;
    }

    @Override
    public int size() {
        return uids.size();
    }

    @Override
    public ArchiveKey key(int index) {
        return keys.computeIfAbsent(index, this::read);
    }

    private ArchiveKey read(int index) {
        MessageUid uid = uids.get(index);
        try {
            MessageResultIterator results = mailbox().getMessages(MessageRange.one(uid), FetchGroup.MINIMAL, session);
            if (!results.hasNext()) {
                throw new IllegalStateException("archived mail " + uid + " is gone");
            }
            MessageResult result = results.next();
            return new ArchiveKey(result.getInternalDate().getTime(), folder, uid.asLong());
        } catch (MailboxException e) {
            throw new IllegalStateException("cannot read archived mail " + uid, e);
        }
    }
}
