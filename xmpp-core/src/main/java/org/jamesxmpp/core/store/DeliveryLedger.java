package org.jamesxmpp.core.store;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.google.common.hash.Hashing;

/**
 * Which mails reached local delivery for which recipient, for a window. James's spool acknowledges a mail only once its
 * processing ended, so a crash (or a stop) between the append to the mailbox and that acknowledgement makes the spool
 * hand the same mail out again after the restart: this ledger is how local delivery recognises such a second attempt
 * and checks the mailbox before appending it twice. A key is {@link #keyOf} the mail's name and the recipient.
 */
public interface DeliveryLedger {
    /**
     * Records an attempt at {@code now} unless one younger than {@code window} is recorded: then answers when that
     * first attempt was, and keeps it.
     */
    Optional<Instant> recordAttempt(String key, Instant now, Duration window);

    static String keyOf(String mailName, String recipient) {
        return Hashing.sha256().hashString(mailName + '\n' + recipient, StandardCharsets.UTF_8).toString();
    }
}
