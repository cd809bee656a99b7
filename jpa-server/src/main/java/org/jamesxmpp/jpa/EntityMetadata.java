package org.jamesxmpp.jpa;

import javax.persistence.EntityManagerFactory;

import org.apache.openjpa.meta.MetaDataRepository;
import org.apache.openjpa.persistence.OpenJPAPersistence;

/**
 * Every entity's metadata and mapping resolved at start, and OpenJPA's metadata repository without its lock after.
 * Resolved lazily, the first use of an entity takes the repository's lock and fetches a pooled connection to read the
 * table; threads that hold the pool's connections and then need metadata wait for that lock: James hung under load
 * (a 20,000-message soak: the spool's first Sieve script lookup against inbound and IMAP user and domain lookups).
 * OpenJPA's own {@code MetaDataRepository=Preload=true} resolves before {@code SynchronizeMappings} created the
 * tables of a new database, and fails: the preload runs here once the first entity manager built the schema.
 */
final class EntityMetadata {
    private EntityMetadata() {
    }

    static EntityManagerFactory resolvedAtStart(EntityManagerFactory entityManagerFactory) {
        entityManagerFactory.createEntityManager().close();
        MetaDataRepository repository = OpenJPAPersistence.cast(entityManagerFactory).getConfiguration()
            .getMetaDataRepositoryInstance();
        repository.setPreload(true);
        repository.preload();
        return entityManagerFactory;
    }
}
