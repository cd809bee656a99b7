package org.jamesxmpp.guice.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.apache.james.core.Username;
import org.apache.james.user.jpa.model.JPAUser;
import org.apache.james.user.lib.model.Algorithm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hashes of users James's own {@code JPAUser} stored, read from its table. */
class JpaPasswordHashesTest {
    private final MemoryDerby database = new MemoryDerby("users");
    private EntityManagerFactory entityManagerFactory;
    private JpaPasswordHashes testee;

    @BeforeEach
    void setUp() {
        entityManagerFactory = database.newFactory();
        testee = new JpaPasswordHashes(entityManagerFactory);
    }

    @AfterEach
    void tearDown() {
        entityManagerFactory.close();
    }

    private void persist(JPAUser user) {
        EntityManager entityManager = entityManagerFactory.createEntityManager();
        try {
            entityManager.getTransaction().begin();
            entityManager.persist(user);
            entityManager.getTransaction().commit();
        } finally {
            entityManager.close();
        }
    }

    @Test
    void storedHashShouldBeReadWithItsAlgorithm() throws Exception {
        persist(new JPAUser("bob@james.test", "secret", "PBKDF2-SHA512"));

        assertThat(testee.find(Username.of("bob@james.test"))).get()
            .satisfies(stored -> assertThat(stored.algorithm()).isEqualTo("PBKDF2-SHA512"))
            .satisfies(stored -> assertThat(stored.hash())
                .isEqualTo(Algorithm.of("PBKDF2-SHA512").digest("secret", "bob@james.test")));
    }

    @Test
    void unknownUserShouldHaveNoHash() throws Exception {
        persist(new JPAUser("bob@james.test", "secret", "PBKDF2-SHA512"));

        assertThat(testee.find(Username.of("carol@james.test"))).isEmpty();
    }

    @Test
    void hashShouldNotBeShownInItsString() throws Exception {
        persist(new JPAUser("bob@james.test", "secret", "PBKDF2-SHA512"));

        assertThat(testee.find(Username.of("bob@james.test")).orElseThrow().toString())
            .isEqualTo("StoredPassword[algorithm=PBKDF2-SHA512, hash=***]");
    }
}
