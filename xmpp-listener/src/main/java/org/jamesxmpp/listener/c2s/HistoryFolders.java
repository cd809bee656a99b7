package org.jamesxmpp.listener.c2s;

import java.util.Optional;

import org.apache.james.mailbox.DefaultMailboxes;
import org.apache.mailet.StorageDirective;
import org.jamesxmpp.core.mapping.InboundMail;

import com.google.common.collect.ImmutableList;

/**
 * Where the sender's own copy of a message goes, as a mail user expects it: a chat into {@code Chats} with
 * {@code $XmppChat} beside the chats received (both sides of a conversation in one folder, the same place the
 * pipeline files received chats), any other message into {@code Sent} as a mail client keeps what it sent. Both are
 * {@code \Seen}: the user wrote them.
 */
final class HistoryFolders {
    static final String CHATS = "Chats";
    static final String CHAT_KEYWORD = "$XmppChat";
    /** A chat whose XEP-0333 {@code <displayed/>} marker went (from the user's client or from the server). */
    static final String DISPLAYED_KEYWORD = "$XmppDisplayed";

    private HistoryFolders() {
    }

    static StorageDirective sentCopy(InboundMail mail) {
        if (mail.chat()) {
            return StorageDirective.builder()
                .targetFolder(CHATS)
                .seen(Optional.of(true))
                .keywords(Optional.of(ImmutableList.of(CHAT_KEYWORD)))
                .build();
        }
        return StorageDirective.builder()
            .targetFolder(DefaultMailboxes.SENT)
            .seen(Optional.of(true))
            .build();
    }
}
