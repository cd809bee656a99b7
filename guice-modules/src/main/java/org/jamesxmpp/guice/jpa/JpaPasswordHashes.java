package org.jamesxmpp.guice.jpa;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

import javax.persistence.EntityManagerFactory;

import org.apache.james.core.Username;
import org.jamesxmpp.listener.c2s.PasswordHashes;

/**
 * The hashes of James's JPA users repository, read from its table ({@value #TABLE}): {@code JPAUser} has no getter
 * for them. A row without an algorithm was hashed with James's default for it, {@value #DEFAULT_ALGORITHM}.
 */
public class JpaPasswordHashes implements PasswordHashes {
    static final String TABLE = "JAMES_USER";
    static final String DEFAULT_ALGORITHM = "SHA-512";

    private final JpaConnections connections;

    public JpaPasswordHashes(EntityManagerFactory entityManagerFactory) {
        this.connections = new JpaConnections(entityManagerFactory, TABLE);
    }

    @Override
    public Optional<StoredPassword> find(Username user) {
        return connections.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT PASSWORD, PASSWORD_HASH_ALGORITHM FROM "
                + TABLE + " WHERE USER_NAME = ?")) {
                select.setString(1, user.asString());
                try (ResultSet result = select.executeQuery()) {
                    if (!result.next() || result.getString(1) == null) {
                        return Optional.empty();
                    }
                    return Optional.of(new StoredPassword(Optional.ofNullable(result.getString(2)).orElse(DEFAULT_ALGORITHM),
                        result.getString(1)));
                }
            }
        });
    }
}
