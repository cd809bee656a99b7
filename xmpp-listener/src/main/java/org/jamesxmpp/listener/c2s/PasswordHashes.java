package org.jamesxmpp.listener.c2s;

import java.util.Optional;

import org.apache.james.core.Username;

/**
 * What James stored of a user's password, where the users repository lets it be read: which store the users are in
 * decides how (James's API shows the hash of a {@code DefaultUser} only).
 */
public interface PasswordHashes {
    /** James's algorithm name ({@code Algorithm.getName()}) and the hash as stored (base64). */
    record StoredPassword(String algorithm, String hash) {
        @Override
        public String toString() {
            return "StoredPassword[algorithm=" + algorithm + ", hash=***]";
        }
    }

    /** Blocking (a database read): call it off the event loops. Empty for an unknown user, or a hash it cannot read. */
    Optional<StoredPassword> find(Username user) throws Exception;
}
