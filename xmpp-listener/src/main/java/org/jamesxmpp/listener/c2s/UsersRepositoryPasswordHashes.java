package org.jamesxmpp.listener.c2s;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.user.lib.model.DefaultUser;

/** The hashes James's API shows: those of {@code DefaultUser}s (the memory and Cassandra users repositories). */
public class UsersRepositoryPasswordHashes implements PasswordHashes {
    private final UsersRepository usersRepository;

    @Inject
    public UsersRepositoryPasswordHashes(UsersRepository usersRepository) {
        this.usersRepository = usersRepository;
    }

    @Override
    public Optional<StoredPassword> find(Username user) throws UsersRepositoryException {
        return Optional.ofNullable(usersRepository.getUserByName(user))
            .filter(DefaultUser.class::isInstance)
            .map(DefaultUser.class::cast)
            .map(stored -> new StoredPassword(stored.getHashAlgorithm().getName(), stored.getHashedPassword()));
    }
}
